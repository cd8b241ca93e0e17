"""yasashii-check --strict cannot be fooled: the four tampered catalogs of issue 10.

On copies of a clean easy edition (tests/data/yasashii-clean.yaml, which passes) and on
copies of the real catalogs, each tampering makes the check fail for its own reason:

- every 分かち書き space removed                 → YAS405 (and nothing else)
- a head count, a percentage, an era year falsified → YAS101, YAS102, YAS104 (and nothing else)
- two thirds of every message's sentences dropped  → YAS202 (message far shorter than its msgid)
- every message replaced by the same two sentences → YAS305 (one easy text for many msgids)

The real catalogs are being rewritten, so on them the test compares with the untampered
copy: the tampering must add findings of its own code.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from tests.easy_fixtures import clean_pages, write_pages
from tools.catalogs import EASY_LOCALE, page_catalogs
from tools.checks import yasashii
from tools.checks.easy import codes

NON_ASCII = r"[^\x00-\x7f]"
SENTENCE = re.compile(r"(?<=。)")
FILLER = "みんなで いっしょに がんばります。よろしく おねがいします。"


def unspaced(text: str) -> str:
    """Every 分かち書き space removed (spaces inside Latin text and before a role target
    stay: WCAG 2.2, {ref}`表 <target>`)."""
    return re.sub(rf"(?<={NON_ASCII}) (?!<)|(?<=\S) (?={NON_ASCII})", "", text)


def falsified(text: str) -> str:
    """Head counts one more, percentages ten points more, era years one year later."""
    text = re.sub(r"(\d[\d,]*)(人|名)",
                  lambda m: f"{int(m.group(1).replace(',', '')) + 1:,}{m.group(2)}", text)
    text = re.sub(r"(\d+(?:\.\d+)?)%", lambda m: f"{float(m.group(1)) + 10:g}%", text)
    return re.sub(r"(令和(?:《れいわ》)?)(\d+)", lambda m: f"{m.group(1)}{int(m.group(2)) + 1}",
                  text)


def shortened(text: str) -> str:
    """Two thirds of the sentences dropped (one kept at least)."""
    sentences = [s for s in SENTENCE.split(text) if s]
    keep = max(1, len(sentences) - 2 * len(sentences) // 3)
    return "".join(sentences[:keep]).strip()


def filler(text: str) -> str:
    return FILLER


# (tampering, the codes it must add, whether those must be the only new failing codes)
TAMPERS: dict[str, tuple[Callable[[str], str], set[str], bool]] = {
    "unspaced": (unspaced, {"YAS405"}, True),
    "falsified": (falsified, {"YAS101", "YAS102", "YAS104"}, True),
    "shortened": (shortened, {"YAS202"}, False),
    "filler": (filler, {"YAS305"}, False),
}


def tamper(catalogs: list[Path], folder: Path, change: Callable[[str], str]) -> list[Path]:
    """Copies of *catalogs* in *folder* with *change* applied to every msgstr."""
    folder.mkdir(parents=True)
    copies = []
    for path in catalogs:
        catalog = polib.pofile(str(path), wrapwidth=0)
        for entry in catalog:
            if entry.msgstr and not entry.obsolete:
                entry.msgstr = change(entry.msgstr)
        copy = folder / path.name
        catalog.save(str(copy))
        copies.append(copy)
    return copies


def run_strict(catalogs: list[Path], capsys) -> tuple[int, Counter]:
    """yasashii-check --strict on *catalogs*: exit code and the failing codes it reports."""
    capsys.readouterr()
    code = yasashii.main([*map(str, catalogs), "--strict", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    failing = Counter(f["code"] for f in data["findings"]
                      if codes.severity(f["code"]) in (codes.ERROR, codes.TARGET))
    return code, failing


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_pages(tmp_path_factory.mktemp("clean"), clean_pages())


def test_the_clean_fixture_passes(clean: list[Path], capsys) -> None:
    code, failing = run_strict(clean, capsys)
    assert (code, failing) == (0, Counter())


@pytest.mark.parametrize("name", TAMPERS)
def test_a_tampered_fixture_fails_for_its_own_reason(clean: list[Path], tmp_path: Path,
                                                     capsys, name: str) -> None:
    change, expected, only = TAMPERS[name]
    code, failing = run_strict(tamper(clean, tmp_path / name, change), capsys)
    assert code == 1
    assert expected <= set(failing), f"{name}: {dict(failing)}"
    if only:
        assert set(failing) == expected, f"{name} also failed for other reasons: {dict(failing)}"


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("real")
    return [Path(shutil.copy2(path, folder / path.name)) for path in page_catalogs(EASY_LOCALE)]


@pytest.fixture(scope="module")
def real_before(real: list[Path]) -> Counter:
    report = yasashii.check(real)
    return Counter(f.code for f in report.findings)


@pytest.mark.parametrize("name", TAMPERS)
def test_tampered_copies_of_the_catalogs_fail_for_their_own_reason(
        real: list[Path], real_before: Counter, tmp_path: Path, capsys, name: str) -> None:
    change, expected, _ = TAMPERS[name]
    code, failing = run_strict(tamper(real, tmp_path / name, change), capsys)
    assert code == 1
    grown = {c for c in expected if failing[c] > real_before[c]}
    assert grown == expected, (
        f"{name}: {({c: (real_before[c], failing[c]) for c in expected})}")


def test_a_harder_page_falls_below_its_floor(real: list[Path], tmp_path: Path, capsys) -> None:
    """Pages written in the standard text's words (hard, 上級) fail the per-page floor, which is
    scored on the page as one passage, so easy filler elsewhere cannot lift it."""
    overview = [p for p in real if p.stem == "overview"]
    harder = tamper(overview, tmp_path / "harder", lambda text: text)
    catalog = polib.pofile(str(harder[0]), wrapwidth=0)
    for entry in catalog:
        if entry.msgstr and not entry.obsolete:
            entry.msgstr = entry.msgid
    catalog.save(str(harder[0]))
    others = [p for p in real if p.stem != "overview"]
    _, failing = run_strict([*others, *harder], capsys)
    assert failing["YAS211"] == 1

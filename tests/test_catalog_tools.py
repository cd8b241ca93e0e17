"""The catalog tools on tiny catalogs: catalog_check (each silent failure both ways) and
catalog_stats exit codes (yasashii-check: tests/test_yasashii*.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib
import pytest

from tools.checks import catalog_check, catalog_stats
from tools.errors import BuildError


def write_catalog(path: Path, entries: list[tuple[str, str]], *, fuzzy: tuple[int, ...] = (),
                  source: str = "../../docs/no-such-page.md") -> Path:
    """A .po with (msgid, msgstr) entries at lines 1, 3, 5… of a page that does not exist
    (so no entry counts as a heading)."""
    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "ja"}
    for index, (msgid, msgstr) in enumerate(entries):
        entry = polib.POEntry(msgid=msgid, msgstr=msgstr,
                              occurrences=[(source, str(2 * index + 1))])
        if index in fuzzy:
            entry.flags.append("fuzzy")
        catalog.append(entry)
    path.parent.mkdir(parents=True, exist_ok=True)
    catalog.save(str(path))
    return path


def codes(path: Path) -> list[str]:
    return [f.code for f in catalog_check.check([path])]


SOURCE = "地域の活動に参加します。"
GOOD = "地域《ちいき》の 活動《かつどう》に 参加《さんか》します。"

# (code, bad msgstr, good msgstr, msgid) — each silent failure of i18n.md and its fix.
CASES = [
    ("CAT003", "`地域《ちいき》の 活動《かつどう》です。", GOOD, SOURCE),
    ("CAT004", "**地域《ちいき》の 活動《かつどう》です。", "**地域《ちいき》** の 活動《かつどう》です。", SOURCE),
    # CommonMark: a closing ** after punctuation (》) must be followed by a space or
    # punctuation, so bold ruby right before a particle stays raw text.
    ("CAT004", "**地域《ちいき》**の 活動《かつどう》です。", "**地域《ちいき》**、活動《かつどう》です。", SOURCE),
    ("CAT005", "- 地域《ちいき》の 活動《かつどう》です。", GOOD, SOURCE),
    ("CAT005", "# 地域《ちいき》の 活動《かつどう》", GOOD, SOURCE),
    ("CAT006", "地域《ちいき》です。\n\n活動《かつどう》です。", "地域《ちいき》です。\n活動《かつどう》です。", SOURCE),
    ("CAT007", "表《ひょう》を 見《み》て ください。",
     "{ref}`表《ひょう》 <taikeizu-kadai>`を 見《み》て ください。",
     "{ref}`taikeizu-kadai` の表を見てください。"),
    ("CAT008", "[地域《ちいき》](https://example.org/)の 活動《かつどう》です。",
     "[地域福祉《ちいきふくし》](glossary.md#term-chiiki-fukushi)の 活動《かつどう》です。",
     SOURCE),
    ("CAT009", "[地域福祉《ちいきふくし》](glossary.md#term-no-such-term)です。",
     "[地域福祉《ちいきふくし》](glossary.md#term-chiiki-fukushi)です。", SOURCE),
]


@pytest.mark.parametrize(("code", "bad", "good", "msgid"), CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_catalog_check_catches_each_silent_failure(
    tmp_path: Path, code: str, bad: str, good: str, msgid: str
) -> None:
    bad_path = write_catalog(tmp_path / "bad" / "page.po", [(msgid, bad)])
    good_path = write_catalog(tmp_path / "good" / "page.po", [(msgid, good)])
    assert code in codes(bad_path)
    assert codes(good_path) == []


def test_catalog_check_untranslated_and_fuzzy(tmp_path: Path, capsys) -> None:
    path = write_catalog(tmp_path / "page.po", [(SOURCE, ""), (SOURCE + "。", GOOD), ("x", GOOD)],
                         fuzzy=(1,))
    assert codes(path) == ["CAT001", "CAT002"]
    assert catalog_check.main([str(path)]) == 1
    out = capsys.readouterr().out
    # path:line of the msgstr, and the source page the message comes from
    assert f"{path}:" in out and ": CAT001 untranslated message (docs/no-such-page.md:1)" in out
    assert catalog_check.main([str(path), "--allow-incomplete"]) == 0
    done = write_catalog(tmp_path / "done.po", [(SOURCE, GOOD)])
    assert catalog_check.main([str(done)]) == 0


def test_catalog_check_reports_stale_catalogs(tmp_path: Path) -> None:
    pot = write_catalog(tmp_path / "pot" / "page.pot", [(SOURCE, ""), ("新しい文です。", "")])
    po = write_catalog(tmp_path / "po" / "page.po", [(SOURCE, GOOD)])
    findings = catalog_check.check([po], pot.parent)
    assert [f.code for f in findings] == ["CAT010"]
    assert "docs/no-such-page.md:3" in findings[0].message


def test_build_gate_fails_with_file_and_line(tmp_path: Path, monkeypatch, capsys) -> None:
    locale = tmp_path / "locale"
    write_catalog(locale / "ja" / "LC_MESSAGES" / "index.po", [(SOURCE, "- リスト")])
    monkeypatch.delenv("EASY_ALLOW_INCOMPLETE", raising=False)
    with pytest.raises(BuildError, match="CAT005"):
        catalog_check.check_before_build(tmp_path / "build", locale=locale)
    assert "index.po:" in capsys.readouterr().err
    # unfinished translations may pass with the allowance, markup mistakes never do
    monkeypatch.setenv("EASY_ALLOW_INCOMPLETE", "1")
    with pytest.raises(BuildError, match="CAT005"):
        catalog_check.check_before_build(tmp_path / "build", locale=locale)


def test_stats_strict_exit_codes(tmp_path: Path, capsys) -> None:
    done = write_catalog(tmp_path / "done.po", [(SOURCE, GOOD), ("b", "び")])
    fuzzy = write_catalog(tmp_path / "fuzzy.po", [(SOURCE, GOOD), ("b", "び")], fuzzy=(1,))
    untranslated = write_catalog(tmp_path / "todo.po", [(SOURCE, GOOD), ("b", "")])
    assert catalog_stats.main([str(done), "--strict"]) == 0
    assert catalog_stats.main([str(fuzzy), "--strict"]) == 1
    assert catalog_stats.main([str(untranslated), "--strict"]) == 1
    assert catalog_stats.main([str(untranslated)]) == 0  # a report without --strict
    out = capsys.readouterr().out
    assert f"{untranslated}:" in out and "untranslated" in out
    broken = tmp_path / "broken.po"
    broken.write_text('msgid "a"\nthis is not po\n', encoding="utf-8")
    assert catalog_stats.main([str(broken), "--strict"]) == 2
    assert catalog_stats.main([str(done), str(untranslated), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[-1] == {**rows[-1], "path": "total", "translated": 3, "untranslated": 1}


def test_extraction_is_reused_until_a_page_changes(tmp_path: Path, monkeypatch) -> None:
    from tools import ROOT, catalogs

    source = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", source)
    pot_dir = tmp_path / "gettext"
    catalogs.extract(pot_dir, build_root=tmp_path, source=source)
    pot = pot_dir / "introduction.pot"
    assert "新しく足した段落です。" not in pot.read_text(encoding="utf-8")
    built = catalogs.sphinx_build

    def refuse(*args, **kwargs):
        raise AssertionError("extracted again from unchanged pages")

    monkeypatch.setattr(catalogs, "sphinx_build", refuse)
    assert catalogs.extract(pot_dir, build_root=tmp_path, source=source) == pot_dir
    page = source / "introduction.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n新しく足した段落です。\n",
                    encoding="utf-8")
    monkeypatch.setattr(catalogs, "sphinx_build", built)
    catalogs.extract(pot_dir, build_root=tmp_path, source=source)
    assert "新しく足した段落です。" in pot.read_text(encoding="utf-8")

"""A corpus of bad inputs (tests/bad_inputs/): each fails the build with file and line, and the
last good site and PDFs stay as they were, byte for byte.

One copy of ``docs/`` and ``locale/`` is built into a temporary build root once (with the
session's PDFs copied in); each case then appends its file to a page or catalog of that copy
(or adds it as a new page), runs ``python -m tools.publish.build EDITION --html-only`` as a
reader would, and puts the copy back. Sphinx rebuilds only what changed, so the corpus stays
fast; the published site is compared with the good one after every case.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tools import ROOT

CORPUS = Path(__file__).parent / "bad_inputs"
PAGE = "docs/introduction.md"
CATALOG = "locale/easy/ja/LC_MESSAGES/introduction.po"


@dataclass(frozen=True)
class Case:
    """One bad input: tests/bad_inputs/<name>, appended to *target* (or created as it)."""

    name: str
    target: str
    line: int | None  # line of the bad input in the case file (None: the file is named only)
    expect: str  # a code or words the message must contain
    create: bool = False

    @property
    def edition(self) -> str:
        return "easy" if self.target.endswith(".po") else "ja"


CASES = [
    # MyST syntax and Sphinx's own checks
    Case("md-unknown-directive.md", PAGE, 1, "Unknown directive type"),
    Case("md-unknown-role.md", PAGE, 1, "Unknown interpreted text role"),
    Case("md-directive-bad-option.md", PAGE, 2, "nonsense"),
    Case("md-figure-bad-option.md", PAGE, 3, "widht"),
    Case("md-heading-jump.md", PAGE, 1, "header"),
    Case("md-duplicate-label.md", PAGE, 2, "taikeizu-kadai"),
    # ruby notation and readings
    Case("md-ruby-unclosed.md", PAGE, 1, "FUR002"),
    Case("md-ruby-romaji.md", PAGE, 1, "FUR005"),
    Case("md-ruby-kanji-reading.md", PAGE, 1, "FUR005"),
    Case("md-ruby-empty-reading.md", PAGE, 1, "FUR004"),
    # images and links
    Case("md-missing-image.md", PAGE, 1, "no-such-figure.svg"),
    Case("md-image-without-alt.md", PAGE, 1, "ALT001"),
    Case("md-broken-doc-link.md", PAGE, 1, "no-such-page"),
    Case("md-broken-ref.md", PAGE, 1, "no-such-label"),
    Case("md-broken-anchor.md", PAGE, 1, "no-such-anchor"),
    Case("md-broken-local-anchor.md", PAGE, 1, "no-such-heading"),
    # markup that could run script or shows raw notation
    Case("md-raw-html-inline.md", PAGE, 1, "SAFE001"),
    Case("md-raw-html-block.md", PAGE, 1, "SAFE001"),
    Case("md-raw-directive.md", PAGE, 1, "SAFE001"),
    Case("md-eval-rst.md", PAGE, 1, "SAFE002"),
    Case("md-raw-role.md", PAGE, 1, "raw"),
    Case("md-javascript-link.md", PAGE, 1, "SAFE003"),
    Case("md-unrendered-bold.md", PAGE, 1, "SAFE004"),
    # files
    Case("md-not-utf8.md", PAGE, 1, "ENC001"),
    Case("md-page-not-in-toctree.md", "docs/not-in-toctree.md", None, "toctree", create=True),
    # catalog syntax (what msgfmt --check rejects)
    Case("po-unterminated-string.po", CATALOG, 3, "PO001"),
    Case("po-invalid-escape.po", CATALOG, 3, "PO002"),
    Case("po-unknown-keyword.po", CATALOG, 3, "PO003"),
    Case("po-missing-msgstr.po", CATALOG, 2, "PO004"),
    Case("po-duplicate-msgid.po", CATALOG, 6, "PO005"),
    Case("po-newline-mismatch.po", CATALOG, 3, "PO007"),
    Case("po-not-utf8.po", CATALOG, 3, "PO008"),
    # unfinished or broken translations
    Case("po-fuzzy.po", CATALOG, 4, "CAT002"),
    Case("po-untranslated.po", CATALOG, 3, "CAT001"),
    Case("po-unbalanced-backtick.po", CATALOG, 3, "CAT003"),
    Case("po-unbalanced-stars.po", CATALOG, 3, "CAT004"),
    Case("po-list.po", CATALOG, 3, "CAT005"),
    Case("po-heading.po", CATALOG, 3, "CAT005"),
    Case("po-table.po", CATALOG, 3, "CAT005"),
    Case("po-two-paragraphs.po", CATALOG, 3, "CAT006"),
    Case("po-lost-ref.po", CATALOG, 3, "CAT007"),
    Case("po-lost-link.po", CATALOG, 3, "CAT007"),
    Case("po-lost-footnote.po", CATALOG, 3, "CAT007"),
    Case("po-missing-glossary-anchor.po", CATALOG, 3, "CAT009"),
    Case("po-script.po", CATALOG, 3, "CAT011"),
    Case("po-raw-role.po", CATALOG, 3, "CAT011"),
    Case("po-eval-rst.po", CATALOG, 3, "CAT011"),
    Case("po-javascript-link.po", CATALOG, 3, "CAT011"),
    Case("po-ruby-romaji.po", CATALOG, 3, "FUR005"),
    Case("po-ruby-kanji-reading.po", CATALOG, 3, "FUR005"),
    Case("po-ruby-unclosed.po", CATALOG, 3, "FUR002"),
]


def run_build(project: Path, build_root: Path, *args: str, env: dict[str, str] | None = None,
              **popen) -> subprocess.CompletedProcess:
    """``python -m tools.publish.build ARGS`` on *project*'s pages into *build_root*."""
    environment = {k: v for k, v in os.environ.items() if k != "EASY_ALLOW_INCOMPLETE"}
    return subprocess.run(
        [sys.executable, "-m", "tools.publish.build", *args, "--build-root", str(build_root),
         "--source", str(project / "docs")],
        cwd=ROOT, capture_output=True, text=True, env={**environment, **(env or {})},
        check=False, **popen)


def snapshot(site: Path) -> dict[str, bytes]:
    """Every published file's bytes, by path under the site."""
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory, pdfs: dict[str, Path]
         ) -> Iterator[tuple[Path, Path, dict[str, bytes]]]:
    """(project copy, build root, the good site's files): built once for the corpus."""
    base = tmp_path_factory.mktemp("corpus")
    project, build_root = base / "project", base / "build"
    for folder in ("docs", "locale"):
        shutil.copytree(ROOT / folder, project / folder,
                        ignore=shutil.ignore_patterns("*.mo", "_build"))
    published_pdfs = build_root / "site" / "pdf"
    published_pdfs.mkdir(parents=True)
    for path in pdfs.values():
        shutil.copy2(path, published_pdfs / path.name)
    # Translations still underway elsewhere do not stop the good build; the cases build
    # strictly (fuzzy and untranslated entries fail).
    result = run_build(project, build_root, "--html-only", env={"EASY_ALLOW_INCOMPLETE": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    site = snapshot(build_root / "site")
    assert {"ja/index.html", "easy/index.html", "index.html"} <= set(site)
    assert sum(name.startswith("pdf/") for name in site) == len(pdfs)
    yield project, build_root, site


def test_the_corpus_is_large_and_every_file_has_a_case() -> None:
    assert len(CASES) >= 30
    assert sorted(case.name for case in CASES) == sorted(p.name for p in CORPUS.iterdir())


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_fails_with_file_and_line_and_keeps_the_site(good, case: Case) -> None:
    project, build_root, site = good
    target = project / case.target
    original = target.read_bytes() if target.exists() else None
    bad = (CORPUS / case.name).read_bytes()
    if case.create:
        target.write_bytes(bad)
        line = case.line
    else:
        body = original if original.endswith(b"\n") else original + b"\n"
        target.write_bytes(body + b"\n" + bad)
        line = body.count(b"\n") + 1 + case.line
    try:
        result = run_build(project, build_root, case.edition, "--html-only")
    finally:
        if original is None:
            target.unlink()
        else:
            target.write_bytes(original)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert case.expect in output, output
    name = re.escape(Path(case.target).name)
    where = rf"{name}:{line}\b" if line else rf"{name}\b"
    assert re.search(where, output), f"no {where} in:\n{output}"
    assert re.search(r"^error: .*last good site was kept", output, re.MULTILINE), output
    assert snapshot(build_root / "site") == site


def _setup_env(tmp_path: Path, kind: str) -> dict[str, str]:
    if kind == "chromium":
        return {"CHROMIUM": "/nonexistent"}
    fonts = tmp_path / "fonts.conf"
    fonts.write_text('<?xml version="1.0"?><fontconfig><dir>/nonexistent</dir></fontconfig>',
                     encoding="utf-8")
    return {"FONTCONFIG_FILE": str(fonts)}


@pytest.mark.parametrize(("kind", "package"), [("chromium", "chromium"),
                                               ("font", "fonts-morisawa-bizud-mincho")])
def test_missing_system_package_exits_2_naming_it(good, tmp_path: Path, kind: str,
                                                  package: str) -> None:
    project, build_root, site = good
    result = run_build(project, build_root, env=_setup_env(tmp_path, kind))
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert "Traceback" not in output
    assert package in output and re.search(r"^error: ", output, re.MULTILINE)
    assert snapshot(build_root / "site") == site


def _new_page_built(build_root: Path) -> bool:
    """Whether the new paragraph is in an HTML page outside the published site (the build
    is moving folders meanwhile: one vanishing under the walk is a "not yet")."""
    site = build_root / "site"
    try:
        return any("追加の段落です" in path.read_text(encoding="utf-8", errors="replace")
                   for path in build_root.rglob("introduction.html")
                   if not path.is_relative_to(site))
    except FileNotFoundError:
        return False


def test_an_interrupted_build_leaves_the_published_site_whole(good) -> None:
    project, build_root, site = good
    page = project / PAGE
    original = page.read_bytes()
    page.write_bytes(original + "\n追加の段落です。\n".encode())
    started = time.monotonic()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "tools.publish.build", "--html-only", "--build-root",
             str(build_root), "--source", str(project / "docs")],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env={**os.environ, "EASY_ALLOW_INCOMPLETE": "1"}, start_new_session=True)
        # Half way: the standard edition's new page is written (outside the site), the rest
        # of the build is still running: kill it there.
        while process.poll() is None and not _new_page_built(build_root) \
                and time.monotonic() - started < 120:
            time.sleep(0.05)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        assert process.returncode == -signal.SIGKILL, "the build finished before the kill"
        assert snapshot(build_root / "site") == site
    finally:
        page.write_bytes(original)

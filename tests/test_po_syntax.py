"""The strict catalog reader (tools/po_syntax.py) rejects what GNU ``msgfmt --check`` rejects."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tools import ROOT
from tools.po_syntax import check_file

CORPUS = Path(__file__).parent / "bad_inputs"
CATALOGS = sorted((ROOT / "locale").rglob("*.po"))
# The corpus' catalog cases that are syntax errors (the others are well-formed catalogs
# whose content the catalog gate rejects).
SYNTAX = sorted(p for p in CORPUS.glob("po-*.po") if p.stem in {
    "po-unterminated-string", "po-invalid-escape", "po-unknown-keyword", "po-missing-msgstr",
    "po-duplicate-msgid", "po-newline-mismatch", "po-not-utf8"})
EXTRA = {
    "unterminated-continuation": 'msgid "a"\nmsgstr ""\n"b\n',
    "text-after-string": 'msgid "a"\nmsgstr "b" c\n',
    "stray-line": 'msgid "a"\nmsgstr "b"\nnonsense\n',
    "plural-without-msgid-plural": 'msgid "a"\nmsgstr[0] "b"\n',
    "two-msgctxt": 'msgctxt "k"\nmsgctxt "k"\nmsgid "a"\nmsgstr "b"\n',
    "broken-previous-msgid": '#, fuzzy\n#| msgid "x\nmsgid "a"\nmsgstr "b"\n',
    "broken-obsolete-entry": 'msgid "a"\nmsgstr "b"\n\n#~ msgid "x\n#~ msgstr "y"\n',
}
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def msgfmt_accepts(path: Path) -> bool:
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                            capture_output=True, check=False)
    return result.returncode == 0


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_projects_catalogs_are_well_formed(catalog: Path) -> None:
    assert msgfmt_accepts(catalog)
    assert check_file(catalog) == []


def _bad_catalogs(tmp_path: Path) -> list[Path]:
    good = (ROOT / "locale/easy/ja/LC_MESSAGES/introduction.po").read_bytes()
    paths = []
    for case in SYNTAX:
        path = tmp_path / case.name
        path.write_bytes(good + b"\n" + case.read_bytes())
        paths.append(path)
    for name, text in EXTRA.items():
        path = tmp_path / f"{name}.po"
        path.write_text(HEADER + text, encoding="utf-8")
        paths.append(path)
    path = tmp_path / "no-header.po"
    path.write_text('msgid "a"\nmsgstr "b"\n', encoding="utf-8")
    return [*paths, path]


def test_what_msgfmt_rejects_is_rejected_with_a_line(tmp_path: Path) -> None:
    catalogs = _bad_catalogs(tmp_path)
    assert len(catalogs) == len(SYNTAX) + len(EXTRA) + 1 == 15
    for path in catalogs:
        assert not msgfmt_accepts(path), path.name
        found = check_file(path)
        assert found and all(d.line >= 1 and d.code.startswith("PO") for d in found), path.name

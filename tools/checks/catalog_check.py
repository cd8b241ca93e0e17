"""Turn the translation mistakes Sphinx accepts silently into errors with file and line.

Sphinx builds a catalog with these mistakes without a warning, even with ``-W``
(see the developer guide, i18n.md), and the page then shows the standard text or
broken markup. Codes:

- CAT001 untranslated message (the standard text would be shown)
- CAT002 fuzzy message (the standard text would be shown)
- CAT003 unbalanced backtick (the raw text would be shown)
- CAT004 unbalanced ``**`` (the raw text would be shown)
- CAT005 msgstr parses as a list, heading or other block (dropped, the standard text shown)
- CAT006 msgstr has more than one paragraph (only the first is kept)
- CAT007 a reference of the source is missing from the msgstr
- CAT008 the msgstr adds a reference that is not a glossary link
- CAT009 the msgstr links to a glossary anchor that does not exist
- CAT010 a message of the source is missing from the catalog (run ``nox -s update-po``)
- CAT011 the msgstr brings raw HTML, a raw role or directive, an eval-rst block or a
  script URL (``javascript:``) — see ``tools.sphinxext.safe_markup``
- FUR001–FUR005 broken ruby notation in the msgstr (``tools.furigana.notation``)
- PO001–PO008 the catalog's syntax is broken (``tools.po_syntax``, as strict as
  ``msgfmt --check``): nothing else of that catalog is checked until it is fixed

CAT001, CAT002 and CAT010 mean "translation unfinished" (``--allow-incomplete`` reports them
without failing). Output is ``path:line:col: CODE message (docs/page.md:line)``; exit 0 clean,
1 findings, 2 unreadable input.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

import polib

from tools.catalogs import (
    EASY_LOCALE,
    UI_CATALOGS,
    catalog_dir,
    edition_locale,
    extract,
    occurrence_source,
    page_catalogs,
)
from tools.checks.catalog_stats import display_path
from tools.diagnostics import EntryFinding as Finding
from tools.diagnostics import command
from tools.errors import BuildError
from tools.furigana import notation
from tools.po_syntax import check_file as check_syntax
from tools.sphinxext.glossary import GLOSSARY, read_terms
from tools.sphinxext.safe_markup import SCRIPT_URL_IN_TEXT, is_allowed_raw

INCOMPLETE = frozenset({"CAT001", "CAT002", "CAT010"})
GLOSSARY_HREF = re.compile(r"^(?:\./)?glossary\.(?:md|html)#(.+)$")


@cache
def _markdown():
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    # The same extensions as conf.py, so msgstr parse as Sphinx will parse them.
    config = MdParserConfig(enable_extensions={"colon_fence", "attrs_block", "attrs_inline"})
    return create_md_parser(config, RendererHTML)


@dataclass(frozen=True)
class Shape:
    """What Markdown makes of one message."""

    blocks: tuple[str, ...]  # the top-level block kinds, e.g. ("paragraph",)
    backticks: int  # backticks left as text
    stars: int  # ** or __ left as text
    refs: Counter  # (kind, target) of each role, link and footnote reference
    unsafe: tuple[str, ...] = ()  # raw HTML, raw roles and directives, eval-rst, script URLs

    @property
    def paragraphs(self) -> int:
        return self.blocks.count("paragraph")


def shape(text: str) -> Shape:
    tokens = _markdown().parse(text)
    blocks: list[str] = []
    backticks = stars = 0
    refs: Counter = Counter()
    unsafe: list[str] = []
    if SCRIPT_URL_IN_TEXT.search(text):
        unsafe.append("a javascript: URL")
    for token in tokens:
        if token.level == 0 and token.nesting >= 0 and token.type != "inline":
            blocks.append(token.type.removesuffix("_open"))
        if token.type == "html_block" and not is_allowed_raw(token.content):
            unsafe.append(f"raw HTML {token.content.strip()[:40]!r}")
        if token.type == "fence" and token.info.strip() in ("{raw}", "{eval-rst}") or (
                token.type == "fence" and token.info.strip().startswith("{raw}")):
            unsafe.append(f"a {token.info.strip()} block")
        for child in token.children or ():
            if child.type == "html_inline" and not is_allowed_raw(child.content):
                unsafe.append(f"raw HTML {child.content[:40]!r}")
            elif child.type == "myst_role" and child.meta.get("name") == "raw":
                unsafe.append("a {raw} role")
            if child.type == "text":
                backticks += child.content.count("`")
                stars += child.content.count("**") + child.content.count("__")
            elif child.type == "myst_role":
                content = child.content
                target = content[content.rfind("<") + 1:-1] if content.endswith(">") else content
                refs[(child.meta.get("name", "role"), target.strip())] += 1
            elif child.type == "link_open":
                refs[("link", str(child.attrs.get("href", "")))] += 1
            elif child.type == "footnote_ref":
                refs[("footnote", str(child.meta.get("label", "")))] += 1
    return Shape(tuple(blocks), backticks, stars, refs, tuple(unsafe))


def msgstr_line(lines: list[str], entry: polib.POEntry) -> int:
    """The line of the entry's ``msgstr`` (polib gives the line where the entry starts)."""
    for index in range(max(entry.linenum - 1, 0), len(lines)):
        if lines[index].startswith("msgstr"):
            return index + 1
    return entry.linenum


def _source(entry: polib.POEntry) -> str:
    """The entry's first occurrence as a project path: docs/page.md:line."""
    if not entry.occurrences:
        return ""
    file, line = entry.occurrences[0]
    return f"{display_path(occurrence_source(file))}:{line}"


def check_entry(
    entry: polib.POEntry, anchors: frozenset[str]
) -> list[tuple[str, str]]:
    """(code, message) for each mistake of one catalog entry."""
    if entry.fuzzy:
        return [("CAT002", ("fuzzy message: the source changed; check the msgstr and remove "
                            "the fuzzy flag"))]
    if not entry.msgstr.strip():
        return [("CAT001", "untranslated message")]
    found: list[tuple[str, str]] = []
    source, target = shape(entry.msgid), shape(entry.msgstr)
    for error in notation.parse(entry.msgstr)[1]:
        found.append((error.code, error.message))
    for what in target.unsafe:
        found.append(("CAT011", (f"msgstr brings {what}: a translation may not add markup "
                                 "that could run script (write Markdown)")))
    if target.backticks > source.backticks:
        found.append(("CAT003", "unbalanced backtick: the raw text would be shown"))
    if target.stars > source.stars:
        found.append(("CAT004", "unbalanced ** (or __): the raw text would be shown"))
    if source.blocks == ("paragraph",) and target.blocks != source.blocks:
        others = [b for b in target.blocks if b != "paragraph"]
        if others:
            found.append(("CAT005", (f"msgstr parses as {others[0].replace('_', ' ')}: "
                                     "Sphinx drops it and shows the source")))
        elif target.paragraphs > 1:
            found.append(("CAT006", (f"msgstr has {target.paragraphs} paragraphs: only the "
                                     "first is kept (join them, or use a line break)")))
    missing = source.refs - target.refs
    for kind, ref in missing:
        found.append(("CAT007", f"reference {ref!r} ({kind}) of the source is missing"))
    for kind, ref in target.refs - source.refs:
        match = GLOSSARY_HREF.match(ref) if kind == "link" else None
        if not match:
            found.append(("CAT008", (f"reference {ref!r} ({kind}) is not in the source; "
                                     "only glossary links (glossary.md#term-…) may be added")))
        elif match.group(1) not in anchors:
            found.append(("CAT009", (f"glossary anchor {match.group(1)!r} does not exist in "
                                     f"{display_path(GLOSSARY)}")))
    return found


def check_catalog(path: Path, anchors: frozenset[str]) -> list[Finding]:
    """Findings for one catalog; raises OSError/ValueError when it cannot be read.

    A catalog with a syntax error reports only that: polib would read it leniently.
    """
    shown = display_path(path)
    syntax = check_syntax(path)
    if syntax:
        return [Finding(shown, d.line, d.code, d.message, col=d.col) for d in syntax]
    catalog = polib.pofile(str(path), wrapwidth=0)
    lines = path.read_text(encoding="utf-8").splitlines()
    findings = []
    for entry in catalog:
        if entry.obsolete:
            continue
        for code, message in check_entry(entry, anchors):
            findings.append(Finding(shown, msgstr_line(lines, entry), code, message,
                                    _source(entry)))
    return findings


def check_stale(pot_dir: Path, catalogs: list[Path], broken: frozenset[str] = frozenset()
                ) -> list[Finding]:
    """CAT010 for each source message (in *pot_dir*'s .pot files) missing from its catalog.

    Catalogs named in *broken* (syntax errors, reported already) are not compared.
    """
    by_name = {path.stem: path for path in catalogs}
    findings = []
    for pot_path in sorted(pot_dir.glob("*.pot")):
        if pot_path.stem in UI_CATALOGS | broken:
            continue  # interface labels: written by hand, see locale/*/ja/LC_MESSAGES/sphinx.po
        catalog_path = by_name.get(pot_path.stem)
        known = set()
        if catalog_path:
            known = {e.msgid for e in polib.pofile(str(catalog_path)) if not e.obsolete}
        for entry in polib.pofile(str(pot_path)):
            if entry.msgid not in known:
                file, line = entry.occurrences[0] if entry.occurrences else ("", "0")
                source = display_path(occurrence_source(file))
                shown = display_path(catalog_path) if catalog_path else (
                    f"{display_path(EASY_LOCALE)}/ja/LC_MESSAGES/{pot_path.stem}.po")
                findings.append(Finding(shown, 1, "CAT010",
                                        f"message of {source}:{line} is not in the catalog; "
                                        "run `nox -s gettext update-po`"))
    return findings


def check(catalogs: list[Path], pot_dir: Path | None = None) -> list[Finding]:
    anchors = frozenset(term.anchor for term in read_terms())
    findings: list[Finding] = []
    broken = set()
    for path in catalogs:
        found = check_catalog(path, anchors)
        findings.extend(found)
        if any(f.code.startswith("PO") for f in found):
            broken.add(path.stem)
    if pot_dir is not None:
        findings.extend(check_stale(pot_dir, catalogs, frozenset(broken)))
    return findings


def check_ui_syntax(locale: Path) -> list[Finding]:
    """Syntax errors of the hand-written interface-label catalogs (sphinx.po)."""
    findings = []
    for name in sorted(UI_CATALOGS):
        path = catalog_dir(locale) / f"{name}.po"
        if path.is_file():
            findings += [Finding(display_path(path), d.line, d.code, d.message, col=d.col)
                         for d in check_syntax(path)]
    return findings


def failing(findings: list[Finding], allow_incomplete: bool) -> list[Finding]:
    """The findings that fail a check (all, or all but the 'unfinished' kinds)."""
    return [f for f in findings if not (allow_incomplete and f.code in INCOMPLETE)]


def check_before_build(
    build_root: Path, source: Path | None = None, locale: Path | None = None
) -> None:
    """Gate for the easy edition's build: raise BuildError naming every failing entry.

    Extracts the current source messages first, so a catalog that lags behind the
    pages (CAT010) fails too. ``EASY_ALLOW_INCOMPLETE=1`` lets unfinished translations
    through (work-in-progress builds); markup mistakes always fail.
    """
    locale = locale or edition_locale(source)
    pot_dir = extract(build_root / "gettext", build_root=build_root, source=source)
    findings = check_ui_syntax(locale) + check(page_catalogs(locale), pot_dir)
    allow = os.environ.get("EASY_ALLOW_INCOMPLETE", "") not in ("", "0")
    failed = failing(findings, allow)
    for finding in failed:
        print(finding, file=sys.stderr)
    if failed:
        counts = Counter(f.code for f in failed)
        raise BuildError(
            f"the easy-Japanese catalogs have {len(failed)} problems "
            f"({', '.join(f'{c} {n}' for c, n in sorted(counts.items()))}); see the "
            "locale/easy/ja/LC_MESSAGES/*.po:line messages above (codes: "
            "python -m tools.checks.catalog_check --help)"
            + ("" if allow else "; set EASY_ALLOW_INCOMPLETE=1 to build with unfinished "
               "translations shown in standard Japanese")
        )


@command
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.checks.catalog_check", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("catalogs", nargs="*", type=Path,
                        help="catalog files (default: locale/easy/ja/LC_MESSAGES/*.po)")
    parser.add_argument("--pot-dir", type=Path,
                        help="also report source messages missing from the catalogs (CAT010)")
    parser.add_argument("--allow-incomplete", action="store_true",
                        help="report CAT001/CAT002/CAT010 without failing")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    paths = args.catalogs or page_catalogs(EASY_LOCALE)
    try:
        findings = check(paths, args.pot_dir)
    except (OSError, ValueError) as exc:
        print(f"error: cannot read catalog: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            print(finding)
        counts = Counter(f.code for f in findings)
        summary = ", ".join(f"{code} {n}" for code, n in sorted(counts.items()))
        print(f"Found {len(findings)} problems" + (f" ({summary})." if summary else "."))
    return 1 if failing(findings, args.allow_incomplete) else 0


if __name__ == "__main__":
    sys.exit(main())

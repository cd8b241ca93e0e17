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

from tools.catalogs import EASY_LOCALE, UI_CATALOGS, extract, occurrence_source, page_catalogs
from tools.checks.catalog_stats import display_path
from tools.diagnostics import EntryFinding as Finding
from tools.errors import BuildError
from tools.sphinxext.glossary import GLOSSARY, read_terms

INCOMPLETE = frozenset({"CAT001", "CAT002", "CAT010"})
GLOSSARY_HREF = re.compile(r"^(?:\./)?glossary\.(?:md|html)#(.+)$")


@cache
def _markdown():  # noqa: ANN202 (markdown-it's MarkdownIt, built once)
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
    refs: Counter  # (kind, target) of each role and link

    @property
    def paragraphs(self) -> int:
        return self.blocks.count("paragraph")


def shape(text: str) -> Shape:
    tokens = _markdown().parse(text)
    blocks: list[str] = []
    backticks = stars = 0
    refs: Counter = Counter()
    for token in tokens:
        if token.level == 0 and token.nesting >= 0 and token.type != "inline":
            blocks.append(token.type.removesuffix("_open"))
        for child in token.children or ():
            if child.type == "text":
                backticks += child.content.count("`")
                stars += child.content.count("**") + child.content.count("__")
            elif child.type == "myst_role":
                content = child.content
                target = content[content.rfind("<") + 1:-1] if content.endswith(">") else content
                refs[(child.meta.get("name", "role"), target.strip())] += 1
            elif child.type == "link_open":
                refs[("link", str(child.attrs.get("href", "")))] += 1
    return Shape(tuple(blocks), backticks, stars, refs)


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
        return [("CAT002", "fuzzy message: the source changed; check the msgstr and remove "
                           "the fuzzy flag")]
    if not entry.msgstr.strip():
        return [("CAT001", "untranslated message")]
    found: list[tuple[str, str]] = []
    source, target = shape(entry.msgid), shape(entry.msgstr)
    if target.backticks > source.backticks:
        found.append(("CAT003", "unbalanced backtick: the raw text would be shown"))
    if target.stars > source.stars:
        found.append(("CAT004", "unbalanced ** (or __): the raw text would be shown"))
    if source.blocks == ("paragraph",) and target.blocks != source.blocks:
        others = [b for b in target.blocks if b != "paragraph"]
        if others:
            found.append(("CAT005", f"msgstr parses as {others[0].replace('_', ' ')}: "
                                    "Sphinx drops it and shows the source"))
        elif target.paragraphs > 1:
            found.append(("CAT006", f"msgstr has {target.paragraphs} paragraphs: only the "
                                    "first is kept (join them, or use a line break)"))
    missing = source.refs - target.refs
    for (kind, ref), _ in missing.items():
        found.append(("CAT007", f"reference {ref!r} ({kind}) of the source is missing"))
    for (kind, ref), _ in (target.refs - source.refs).items():
        match = GLOSSARY_HREF.match(ref) if kind == "link" else None
        if not match:
            found.append(("CAT008", f"reference {ref!r} ({kind}) is not in the source; "
                                    "only glossary links (glossary.md#term-…) may be added"))
        elif match.group(1) not in anchors:
            found.append(("CAT009", f"glossary anchor {match.group(1)!r} does not exist in "
                                    f"{display_path(GLOSSARY)}"))
    return found


def check_catalog(path: Path, anchors: frozenset[str]) -> list[Finding]:
    """Findings for one catalog; raises OSError/ValueError when it cannot be read."""
    catalog = polib.pofile(str(path), wrapwidth=0)
    lines = path.read_text(encoding="utf-8").splitlines()
    shown = display_path(path)
    findings = []
    for entry in catalog:
        if entry.obsolete:
            continue
        for code, message in check_entry(entry, anchors):
            findings.append(Finding(shown, msgstr_line(lines, entry), code, message,
                                    _source(entry)))
    return findings


def check_stale(pot_dir: Path, catalogs: list[Path]) -> list[Finding]:
    """CAT010 for each source message (in *pot_dir*'s .pot files) missing from its catalog."""
    by_name = {path.stem: path for path in catalogs}
    findings = []
    for pot_path in sorted(pot_dir.glob("*.pot")):
        if pot_path.stem in UI_CATALOGS:
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
    for path in catalogs:
        findings.extend(check_catalog(path, anchors))
    if pot_dir is not None:
        findings.extend(check_stale(pot_dir, catalogs))
    return findings


def failing(findings: list[Finding], allow_incomplete: bool) -> list[Finding]:
    """The findings that fail a check (all, or all but the 'unfinished' kinds)."""
    return [f for f in findings if not (allow_incomplete and f.code in INCOMPLETE)]


def check_before_build(
    build_root: Path, source: Path | None = None, locale: Path = EASY_LOCALE
) -> None:
    """Gate for the easy edition's build: raise BuildError naming every failing entry.

    Extracts the current source messages first, so a catalog that lags behind the
    pages (CAT010) fails too. ``EASY_ALLOW_INCOMPLETE=1`` lets unfinished translations
    through (work-in-progress builds); markup mistakes always fail.
    """
    pot_dir = extract(build_root / "gettext", build_root=build_root, source=source)
    findings = check(page_catalogs(locale), pot_dir)
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

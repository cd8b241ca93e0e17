"""Count translated, fuzzy and untranslated messages per catalog of the easy edition.

``sphinx-intl stat`` always exits 0; this one names every unfinished entry as
``path:line: untranslated|fuzzy`` and, with ``--strict``, exits 1 unless every
message is translated and none is fuzzy (2 when a catalog cannot be read).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tools import ROOT
from tools.catalogs import EASY_LOCALE, page_catalogs
from tools.diagnostics import command
from tools.textsources import load_catalog


@dataclass
class CatalogStats:
    path: str
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    # (line, state) of each unfinished entry, in file order.
    unfinished: list[tuple[int, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def done(self) -> bool:
        return self.fuzzy == 0 and self.untranslated == 0


def display_path(path: Path) -> str:
    """*path* relative to the project when inside it, so messages stay short."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def count(path: Path) -> CatalogStats:
    """The counts of one catalog; raises OSError/ValueError (polib's IOError) when unreadable."""
    catalog = load_catalog(path)
    stats = CatalogStats(display_path(path))
    for entry in catalog:
        if entry.obsolete:
            continue
        if entry.fuzzy:
            stats.fuzzy += 1
            stats.unfinished.append((entry.linenum, "fuzzy"))
        elif entry.translated():
            stats.translated += 1
        else:
            stats.untranslated += 1
            stats.unfinished.append((entry.linenum, "untranslated"))
    return stats


@command
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.checks.catalog_stats", description=__doc__)
    parser.add_argument("catalogs", nargs="*", type=Path,
                        help="catalog files (default: the page catalogs in locale/easy/ja/LC_MESSAGES)")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 unless every message is translated and none is fuzzy")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--quiet", "-q", action="store_true",
                        help="print only the per-catalog counts, not each unfinished entry")
    args = parser.parse_args(argv)
    paths = args.catalogs or page_catalogs(EASY_LOCALE)
    if not paths:
        print("error: no catalogs found; run `nox -s gettext update-po` first", file=sys.stderr)
        return 2
    results: list[CatalogStats] = []
    for path in paths:
        try:
            results.append(count(path))
        except (OSError, ValueError) as exc:
            print(f"{path}:1:1: error: cannot read catalog: {exc}", file=sys.stderr)
            return 2
    total = CatalogStats("total")
    for stats in results:
        total.translated += stats.translated
        total.fuzzy += stats.fuzzy
        total.untranslated += stats.untranslated

    if args.format == "json":
        rows = [{**asdict(s), "total": s.total} for s in (*results, total)]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        if not args.quiet:
            for stats in results:
                for line, state in stats.unfinished:
                    print(f"{stats.path}:{line}: {state}")
        width = max(len(s.path) for s in (*results, total))
        print(f"{'catalog':<{width}}  translated  fuzzy  untranslated  total")
        for stats in (*results, total):
            print(f"{stats.path:<{width}}  {stats.translated:>10}  {stats.fuzzy:>5}  "
                  f"{stats.untranslated:>12}  {stats.total:>5}")
    if args.strict and not total.done:
        if args.format == "text":
            print(f"strict: {total.fuzzy} fuzzy and {total.untranslated} untranslated messages",
                  file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The glossary page from the term base: ``python -m tools.checks.terms [--write]``.

docs/glossary.md (ことばの せつめい) is generated from locale/easy/terms.yaml. Without
``--write`` the page is compared with the term base: exit 0 when they match, 1 when they
differ (``path:line:1: YAS301 …``), 2 when the term base cannot be read. With ``--write``
the page is written (exit 0), or left untouched when the term base is bad (exit 2).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tools.checks.catalog_stats import display_path
from tools.checks.easy import termbase
from tools.diagnostics import EntryFinding
from tools.errors import InputError
from tools.sphinxext.glossary import GLOSSARY


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.checks.terms", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="write the glossary page")
    parser.add_argument("--terms", type=Path, default=termbase.TERMS)
    parser.add_argument("--glossary", type=Path, default=GLOSSARY)
    args = parser.parse_args(argv)
    try:
        tb = termbase.load(args.terms)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.write:
        args.glossary.write_text(termbase.render(tb), encoding="utf-8")
        print(f"{display_path(args.glossary)}: {len(tb.glossary)} terms written from "
              f"{display_path(args.terms)}")
        return 0
    difference = termbase.page_difference(tb, args.glossary)
    if difference is None:
        print(f"{display_path(args.glossary)} matches {display_path(args.terms)} "
              f"({len(tb.glossary)} terms, {len(tb.terms)} words)")
        return 0
    line, what = difference
    print(EntryFinding(display_path(args.glossary), line, "YAS301",
                       f"the page differs from {display_path(args.terms)} ({what}); run "
                       "`python -m tools.checks.terms --write`"))
    return 1


if __name__ == "__main__":
    sys.exit(main())

"""Run the project's linters (furigana-lint, alt-lint) over its own content in one process.

``python -m tools.checks.lint`` checks docs/ (pages and SVG figures), locale/ (catalogs) and,
when it has been built, the HTML under _build/site/. One report, one exit code
(0 clean, 1 findings, 2 unreadable input); ``--format json`` as the linters.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from tools import ROOT
from tools.checks import altlint
from tools.diagnostics import Diagnostic, InputError, command, iter_files, report
from tools.furigana import lint as furigana_lint


def _defaults(add_arguments: Callable[[argparse.ArgumentParser], None]) -> argparse.Namespace:
    """Each linter's own option defaults, so they are defined in one place."""
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return parser.parse_args([])


def project_paths(root: Path = ROOT) -> list[Path]:
    paths = [root / "docs", root / "locale"]
    site = root / "_build" / "site"
    return paths + ([site] if site.is_dir() else [])


def lint(paths: Sequence[Path]) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for module in (furigana_lint, altlint):
        args = _defaults(module._arguments)
        for path in iter_files(list(paths), module.SUFFIXES):
            found.extend(module.check_file(path, args))
    return sorted(found)


@command
def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.checks.lint", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="what to check (default: docs/, locale/, _build/site/)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        found = lint(args.paths or project_paths())
    except InputError as exc:
        print(f"lint: error: {exc}", file=sys.stderr)
        return 2
    return report(found, args.format)


if __name__ == "__main__":
    sys.exit(main())

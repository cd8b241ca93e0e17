"""Build the plan's editions into one deployable static site under ``_build/site/``.

Each edition is built by Sphinx with ``-W`` into a staging folder that keeps
its doctrees (so warm builds are incremental); only a build that succeeds is
copied over the published folder, so a broken source leaves the last good
output in place.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from tools import ROOT
from tools.checks.catalog_check import check_before_build
from tools.diagnostics import command
from tools.editions import EDITIONS, sphinx_build
from tools.errors import ProjectError
from tools.publish.landing import write_landing
from tools.publish.pdf.build import publish_pdfs


def publish(staging: Path, target: Path) -> None:
    """Replace *target* with a copy of *staging*, swapping folders so readers never see a half copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = target.with_name(f".{target.name}.new")
    old = target.with_name(f".{target.name}.old")
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.copytree(staging, fresh, ignore=shutil.ignore_patterns(".buildinfo", ".doctrees"))
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def build_site(
    names: list[str], build_root: Path | None = None, source: Path | None = None
) -> list[Path]:
    """Build and publish the HTML of each named edition; return the published folders."""
    build_root = build_root or ROOT / "_build"
    published = []
    for name in names:
        edition = EDITIONS[name]
        if "easy" in edition.tags:
            check_before_build(build_root, source)
        staging = sphinx_build(
            edition, build_root / "html" / name, build_root=build_root, source=source
        )
        target = build_root / "site" / name
        publish(staging, target)
        published.append(target)
    write_landing(build_root / "site")
    return published


@command
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.publish.build", description=__doc__)
    parser.add_argument("editions", nargs="*", metavar="EDITION",
                        help=f"editions to build (default: all of {', '.join(EDITIONS)})")
    parser.add_argument("--no-pdf", action="store_true",
                        help="skip the print PDFs (built first when no EDITION is named)")
    parser.add_argument("--build-root", type=Path, default=ROOT / "_build",
                        help="where to build and publish (default: _build; the site is "
                        "BUILD_ROOT/site)")
    parser.add_argument("--source", type=Path, default=ROOT / "docs",
                        help="the pages (default: docs/; the catalogs are in its sibling "
                        "locale/)")
    args = parser.parse_args(argv)
    build_root, source = args.build_root.resolve(), args.source.resolve()
    unknown = sorted(set(args.editions) - set(EDITIONS))
    if unknown:
        parser.error(f"unknown edition {', '.join(unknown)}; choose from {', '.join(EDITIONS)}")
    if not args.editions and not args.no_pdf:
        # PDFs first: the HTML pages and the landing page show their sizes.
        if code := publish_pdfs(build_root, source):
            return code
    try:
        for path in build_site(args.editions or list(EDITIONS), build_root, source):
            print(f"published {path}")
    except ProjectError as exc:
        print(f"error: {exc}; the last good output was kept", file=sys.stderr)
        return exc.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())

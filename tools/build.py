"""Build the plan's editions into one deployable static site under ``_build/site/``.

Each edition is built by Sphinx with ``-W`` into a staging folder that keeps
its doctrees (so warm builds are incremental); only a build that succeeds is
copied over the published folder, so a broken source leaves the last good
output in place.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tools import ROOT


@dataclass(frozen=True)
class Edition:
    name: str
    label: str
    tags: tuple[str, ...] = ()


EDITIONS: dict[str, Edition] = {
    "ja": Edition("ja", "標準版"),
    "easy": Edition("easy", "やさしい日本語版", tags=("easy",)),
}


class BuildError(Exception):
    """A Sphinx build failed; the published output was left untouched."""


def sphinx_build(
    edition: Edition,
    outdir: Path,
    *,
    builder: str = "html",
    build_root: Path | None = None,
    extra: tuple[str, ...] = (),
    source: Path | None = None,
) -> Path:
    """Run sphinx-build for *edition* into *outdir*; raise BuildError on any warning."""
    build_root = build_root or ROOT / "_build"
    source = source or ROOT / "docs"
    doctrees = build_root / "doctrees" / f"{edition.name}-{builder}"
    cmd = [
        sys.executable, "-m", "sphinx",
        "-W", "--keep-going", "-q",
        "-b", builder,
        "-c", str(ROOT),
        "-d", str(doctrees),
        *(arg for tag in edition.tags for arg in ("-t", tag)),
        *extra,
        str(source),
        str(outdir),
    ]
    result = subprocess.run(cmd, check=False)
    if result.returncode != 0:
        raise BuildError(
            f"the {edition.label} ({edition.name}) {builder} build failed "
            f"(see the messages above: file:line: WARNING/ERROR)"
        )
    return outdir


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
            from tools.catalog_check import check_before_build  # imports this module

            check_before_build(build_root, source)
        staging = sphinx_build(
            edition, build_root / "html" / name, build_root=build_root, source=source
        )
        target = build_root / "site" / name
        publish(staging, target)
        published.append(target)
    from tools.landing import write_landing  # imports this module

    write_landing(build_root / "site")
    return published


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.build", description=__doc__)
    parser.add_argument("editions", nargs="*", metavar="EDITION",
                        help=f"editions to build (default: all of {', '.join(EDITIONS)})")
    parser.add_argument("--no-pdf", action="store_true",
                        help="skip the print PDFs (built first when no EDITION is named)")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.editions) - set(EDITIONS))
    if unknown:
        parser.error(f"unknown edition {', '.join(unknown)}; choose from {', '.join(EDITIONS)}")
    if not args.editions and not args.no_pdf:
        # PDFs first: the HTML pages and the landing page show their sizes.
        from tools.pdf.build import publish_pdfs  # imports this module

        if code := publish_pdfs():
            return code
    try:
        for path in build_site(args.editions or list(EDITIONS)):
            print(f"published {path.relative_to(ROOT)}")
    except BuildError as exc:
        print(f"error: {exc}; the last good output was kept", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

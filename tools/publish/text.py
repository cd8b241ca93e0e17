"""The text edition (テキスト版) of each edition: one UTF-8 plain-text file for the whole plan.

``build(edition, ctx)`` (the pipeline's format stage) runs the ``plaintext`` builder
(``tools/sphinxext/plaintext.py``) with ``-t download`` (no pages about the website) into
``<build root>/text/<edition>/`` and publishes ``STAGING/text/<file>.txt``.
``python -m tools.publish.text [EDITION ...]`` does the same on its own, into
``_build/site/text/``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from tools.diagnostics import command
from tools.editions import EDITIONS, Edition
from tools.errors import BuildError
from tools.outputs import FORMATS, format_size, spec_for
from tools.publish.context import local_context

FOLDER = FORMATS["text"].folder


def build(edition: Edition, ctx) -> list[Path]:
    """Write the text edition of *edition* under ctx.staging/text/; return the file."""
    spec = spec_for("text", edition.name)
    outdir = ctx.build_root / "text" / edition.name
    ctx.sphinx(edition, "plaintext", outdir, extra=("-t", "download"))
    written = outdir / "index.txt"
    if not written.is_file():
        raise BuildError(f"{written}: the plaintext builder wrote nothing")
    target = ctx.staging / FOLDER / spec.filename
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = target.with_name(f".{target.name}.new")
    fresh.write_bytes(written.read_bytes())
    fresh.replace(target)  # atomic: readers never get half a file
    return [target]


@command
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.publish.text", description=__doc__)
    parser.add_argument("editions", nargs="*", metavar="EDITION",
                        help=f"editions (default: all of {', '.join(EDITIONS)})")
    parser.add_argument("--build-root", type=Path, help="build folder (default: _build)")
    parser.add_argument("--staging", type=Path,
                        help="site folder to write into (default: BUILD_ROOT/site)")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.editions) - set(EDITIONS))
    if unknown:
        parser.error(f"unknown edition {', '.join(unknown)}; choose from {', '.join(EDITIONS)}")
    ctx = local_context(args.build_root, args.staging)
    for name in args.editions or list(EDITIONS):
        start = time.monotonic()
        (path,) = build(EDITIONS[name], ctx)
        print(f"wrote {path} ({format_size(path.stat().st_size)}, "
              f"{time.monotonic() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

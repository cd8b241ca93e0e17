"""``python -m tools.publish.audio [ja|easy ...]``: build the audio edition on its own.

Writes ``_build/site/audio/<edition>/`` (the published site's folder, as the pipeline's
publish step would) with the sentence cache in ``_build/cache/``; ``--out`` and
``--build-root`` change where. Prints what it made and how fast (× real time).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tools import ROOT
from tools.diagnostics import command
from tools.editions import EDITIONS
from tools.publish.audio import build_audio
from tools.publish.context import local_context


@command
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.publish.audio", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("editions", nargs="*", metavar="EDITION",
                        help=f"editions (default: all of {', '.join(EDITIONS)})")
    parser.add_argument("--build-root", type=Path, default=ROOT / "_build")
    parser.add_argument("--out", type=Path, help="site folder (default: BUILD_ROOT/site)")
    parser.add_argument("--source", type=Path, default=ROOT / "docs")
    parser.add_argument("--page", action="append", help="only this page (docname); repeatable")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.editions) - set(EDITIONS))
    if unknown:
        parser.error(f"unknown edition {', '.join(unknown)}; choose from {', '.join(EDITIONS)}")
    ctx = local_context(args.build_root, args.out, args.source)
    for name in args.editions or list(EDITIONS):
        report = build_audio(EDITIONS[name], ctx, set(args.page) if args.page else None)
        print(report.summary(name), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

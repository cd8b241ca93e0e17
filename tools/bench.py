"""Benchmarks that the tests must not time: build, easy-edition and PDF timings.

``python -m tools.bench [build] [pdf] [lint]`` runs each measurement three times and
prints the median, writing all figures to ``_build/bench.json``. Timings are
wall-clock seconds on this machine, not targets that tests assert.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tools import ROOT
from tools.editions import EDITIONS, sphinx_build

RUNS = 3


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median_of(action: Callable[[], object], before: Callable[[], object] | None = None) -> float:
    """Median wall time of RUNS calls of *action*, each preceded by *before* (not timed)."""
    times = []
    for _ in range(RUNS):
        if before:
            before()
        times.append(_timed(action))
    return round(statistics.median(times), 2)


def bench_build() -> dict[str, float]:
    """Cold, warm and (easy) after-one-.po-edit HTML build times per edition."""
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, edition in EDITIONS.items():
            out = root / "html" / name

            def build(edition=edition, out=out) -> None:
                sphinx_build(edition, out, build_root=root)

            def clean(out=out, name=name) -> None:
                shutil.rmtree(out, ignore_errors=True)
                shutil.rmtree(root / "doctrees" / f"{name}-html", ignore_errors=True)

            results[f"{name}.cold"] = median_of(build, before=clean)
            results[f"{name}.warm"] = median_of(build)
            catalogs = sorted((ROOT / "locale" / "easy" / "ja" / "LC_MESSAGES").glob("*.po"))
            if "easy" in edition.tags and catalogs:
                edited = catalogs[0]
                results[f"{name}.after_po_edit"] = median_of(
                    build, before=lambda edited=edited: os.utime(edited)
                )
    return results


def bench_command(label: str, argv: list[str]) -> dict[str, float]:
    """Median time of an external command (e.g. a linter or the PDF renderer)."""
    return {label: median_of(lambda: subprocess.run(argv, check=False, capture_output=True))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__)
    parser.add_argument("what", nargs="*", default=["build", "pdf", "lint"],
                        help="build, pdf, lint (default: all)")
    args = parser.parse_args(argv)
    results: dict[str, float] = {}
    if "build" in args.what:
        results.update(bench_build())
    if "pdf" in args.what:
        results.update(bench_command("pdf.all", [sys.executable, "-m", "tools.publish.pdf"]))
    if "lint" in args.what:
        results.update(bench_command("lint.project", [sys.executable, "-m", "tools.checks.lint"]))
    for key, seconds in results.items():
        print(f"{key:28} {seconds:7.2f} s (median of {RUNS})")
    out = ROOT / "_build" / "bench.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

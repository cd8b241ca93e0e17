"""``python -m tools.bench [--quick] [--runs N] [--only GROUP ...]``: the benchmark of issue 12.

Groups: ``build`` (full, no-op, one page paragraph changed, one catalog entry changed,
the PDF stage beside a plain print of each PDF, peak memory), ``checks`` (``nox -s lint``
and the accessibility gate), ``pages`` (bytes and requests per page) and ``lighthouse``
(mobile scores per page: the landing page and every page of both editions, the median of
``--runs`` runs); on request only, ``suite`` (the whole test suite as ``nox -s tests`` runs
it, about ten minutes a run: ``--only suite --runs 1``).
Every timed command also reports the CPU time of its process tree: with the machine's
cores it gives the least wall time any schedule could reach (the table's floor lines).
``--site DIR`` measures the pages of a site already built (no copy, no build; only
``pages`` and ``lighthouse``), ``--pages`` some of its pages (``easy/system.html``).
Writes ``_build/bench.json`` and prints a table against the issue's budgets; exit 1
when a budget measured in this run is not kept.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tools import ROOT
from tools.bench import budgets, lighthouse
from tools.bench.pages import all_pages, weigh_site
from tools.bench.timing import (
    Figure,
    Project,
    alternate,
    project_copy,
    toggle_entry,
    toggle_paragraph,
)
from tools.errors import ProjectError
from tools.outputs import PDFS
from tools.webserver import serve

GROUPS = ("build", "checks", "pages", "lighthouse")
ON_REQUEST = ("suite",)
# What ``nox -s tests`` runs (noxfile.py).
SUITE = ("-m", "pytest", "-n", "auto", "--dist", "loadscope", "--no-loadscope-reorder", "-q",
         "-p", "no:cacheprovider")
PAGE = "introduction"  # the page and catalog the edit figures change


def bench_build(project: Project, runs: int) -> dict[str, Any]:
    timings: dict[str, Figure] = {}
    timings["build.full"] = alternate(
        Figure("build.full"), runs, project.build,
        plain=lambda: project.plain(clean=True), before=project.clean)
    project.plain()  # warm: the plain counterparts below are incremental
    project.plain("plain-easy", "easy")
    timings["build.noop"] = alternate(Figure("build.noop"), runs, project.build, project.plain)
    timings["build.noop_no_pdf"] = alternate(
        Figure("build.noop_no_pdf"), runs, lambda: project.build("--no-pdf"), project.plain)
    page = project.root / "docs" / f"{PAGE}.md"
    timings["build.md_paragraph"] = alternate(
        Figure("build.md_paragraph"), runs, project.build, project.plain,
        before=lambda: toggle_paragraph(page))
    catalog = project.root / "locale" / "easy" / "ja" / "LC_MESSAGES" / f"{PAGE}.po"
    timings["build.po_entry"] = alternate(
        Figure("build.po_entry"), runs, lambda: project.build("easy"),
        lambda: project.plain("plain-easy", "easy"), before=lambda: toggle_entry(catalog))
    results = {name: figure.as_dict() for name, figure in timings.items()}
    results.update(bench_pdfs(project, runs, timings["build.full"]))
    return results


def bench_pdfs(project: Project, runs: int, full: Figure) -> dict[str, Any]:
    """The PDF stage (the three PDFs printed side by side, finished and checked) beside plain
    chromium prints of the same pages, one after the other; and each plain print alone."""
    from playwright.sync_api import sync_playwright

    from tools.browser import launch

    found: dict[str, Any] = {}
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as tmp:
        browser = launch(playwright)
        specs = [spec for spec in PDFS
                 if (project.root / "_build" / "singlehtml" / spec.edition / "index.html"
                     ).is_file()]
        plain: dict[str, list[float]] = {spec.key: [] for spec in specs}
        for _ in range(runs):
            for spec in specs:
                html = project.root / "_build" / "singlehtml" / spec.edition / "index.html"
                start = time.perf_counter()
                page = browser.new_page()
                page.goto(html.as_uri(), wait_until="load")
                page.pdf(path=str(Path(tmp) / spec.filename), format="A4")
                page.close()
                plain[spec.key].append(time.perf_counter() - start)
        browser.close()
    for spec in specs:
        found[f"pdf.plain.{spec.key}"] = {"median": round(statistics.median(plain[spec.key]), 3),
                                          "samples": [round(p, 3) for p in plain[spec.key]]}
    rounds = [sum(times) for times in zip(*plain.values(), strict=True)]
    stage = next((times for name, times in full.stages.items() if "PDF" in name), None)
    if stage and rounds:
        median = statistics.median(stage)
        found["pdf.stage"] = {"median": round(median, 3), "samples": stage,
                              "plain": round(statistics.median(rounds), 3),
                              "ratio": round(median / statistics.median(rounds), 2)}
    return found


def bench_checks(project: Project, runs: int) -> dict[str, Any]:
    python = sys.executable
    lint = alternate(
        Figure("lint"), runs,
        lambda: _chain(project, [python, "-m", "tools.checks.lint"],
                       [python, "-m", "tools.checks.yasashii", "--strict"]),
        project.plain)
    site = project.root / "_build" / "site"
    gate = alternate(
        Figure("a11y_gate"), runs,
        lambda: project.run(python, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                            "tests/test_a11y.py", env={"A11Y_SITE": str(site)}),
        project.plain)
    return {"lint": lint.as_dict(), "a11y_gate": gate.as_dict()}


def bench_suite(project: Project, runs: int) -> dict[str, Any]:
    suite = alternate(Figure("tests"), runs, lambda: project.run(sys.executable, *SUITE))
    return {"tests": suite.as_dict()}


def bench_pages(site: Path, groups: list[str], runs: int, pages: list[str] | None,
                results: dict[str, Any]) -> None:
    """Page weight and Lighthouse for *pages* (default: all) of the built *site*."""
    pages = pages or all_pages(site)
    missing = [page for page in pages if not (site / page).is_file()]
    if missing:
        raise ProjectError(f"{site}: no such page: {', '.join(missing)}")
    results["load"] = {"before": os.getloadavg()}
    if "pages" in groups:
        results["pages"] = {page: {k: v for k, v in found.items() if k != "detail"}
                            for page, found in weigh_site(site, pages).items()}
    if "lighthouse" in groups:
        with serve(site) as base:
            raw = lighthouse.run([base + page for page in pages], runs)
        results["lighthouse"] = {url.removeprefix(base): lighthouse.summarize(samples)
                                 for url, samples in raw.items()}
    # Lighthouse's times stretch with the machine's load: keep it beside the scores.
    results["load"]["after"] = os.getloadavg()


def _chain(project: Project, *commands: list[str]) -> Any:
    """Run commands one after another as one timed step (like a nox session)."""
    script = "import subprocess, sys\n" + "".join(
        f"subprocess.run({command!r})\n" for command in commands)
    return project.run(sys.executable, "-c", script)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (default 5)")
    parser.add_argument("--quick", action="store_true", help="one run per figure")
    parser.add_argument("--only", nargs="+", choices=GROUPS + ON_REQUEST, default=list(GROUPS),
                        metavar="GROUP",
                        help=f"some of: {', '.join(GROUPS + ON_REQUEST)} (default: all but "
                             f"{', '.join(ON_REQUEST)})")
    parser.add_argument("--site", type=Path, metavar="DIR",
                        help="measure this built site (groups pages and lighthouse only)")
    parser.add_argument("--pages", nargs="+", metavar="PAGE",
                        help="only these pages, relative to the site (default: all)")
    parser.add_argument("--output", type=Path, default=ROOT / "_build" / "bench.json")
    args = parser.parse_args(argv)
    if args.site and set(args.only) - {"pages", "lighthouse"}:
        if args.only != list(GROUPS):
            parser.error("--site measures only the groups pages and lighthouse")
        args.only = ["pages", "lighthouse"]
    runs = 1 if args.quick else args.runs
    results: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": _git_commit(),
        "machine": {"cpus": _cpus(), "python": platform.python_version()},
        "runs": runs,
        "timings": {},
    }
    try:
        if args.site:
            if not (args.site / "index.html").is_file():
                print(f"error: {args.site}: no index.html (build the site first)",
                      file=sys.stderr)
                return 2
            results["site"] = str(args.site.resolve())
            bench_pages(args.site, args.only, runs, args.pages, results)
        else:
            with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
                project = Project(project_copy(Path(tmp)))
                if "build" in args.only:
                    results["timings"].update(bench_build(project, runs))
                site = project.root / "_build" / "site"
                needs_site = set(args.only) & {"checks", "pages", "lighthouse"}
                if needs_site and not (site / "index.html").is_file():
                    built = project.build()
                    if built.returncode != 0:
                        print(built.stderr, file=sys.stderr)
                        return 1
                if "checks" in args.only:
                    results["timings"].update(bench_checks(project, runs))
                if "suite" in args.only:
                    results["timings"].update(bench_suite(project, runs))
                if set(args.only) & {"pages", "lighthouse"}:
                    bench_pages(site, args.only, runs, args.pages, results)
    except ProjectError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    results["budgets"] = budgets.check(results)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(budgets.table(results))
    print(f"\nwritten: {args.output}")
    failed = [name for name, figure in results["timings"].items() if figure.get("failed")]
    for name in failed:
        print(f"error: {name} failed:\n{results['timings'][name]['failed']}", file=sys.stderr)
    broken = failed or any(row["ok"] is False for row in results["budgets"])
    return 1 if broken else 0


def _git_commit() -> str:
    found = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                           capture_output=True, text=True, check=False)
    return found.stdout.strip()


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


if __name__ == "__main__":
    sys.exit(main())

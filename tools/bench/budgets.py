"""The budgets of issue 12 and the table that sets the benchmark's figures against them."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Budget:
    what: str
    limit: str
    # The figure from the results (None when not measured) and whether it keeps the budget.
    value: Callable[[dict[str, Any]], float | None]
    keeps: Callable[[float], bool]
    unit: str = ""


def _timing(name: str, key: str = "median") -> Callable[[dict[str, Any]], float | None]:
    return lambda results: results.get("timings", {}).get(name, {}).get(key)


# The pages the weight budget is for: the plan's pages, not the search and index pages
# (the search page loads the index and its scripts on purpose).
NOT_CONTENT = ("search.html", "genindex.html")


def _worst(section: str, key: str, pick: Callable[..., float], *, content: bool = False
           ) -> Callable[[dict[str, Any]], float | None]:
    def value(results: dict[str, Any]) -> float | None:
        found = [page[key] for name, page in results.get(section, {}).items()
                 if page.get(key) is not None
                 and not (content and name.rsplit("/", 1)[-1] in NOT_CONTENT)]
        return pick(found) if found else None
    return value


BUDGETS = (
    Budget("full build / plain HTML build", "≤ 6× (goal 4×)", _timing("build.full", "ratio"),
           lambda v: v <= 6, "×"),
    Budget("full build", "≤ 30 s", _timing("build.full"), lambda v: v <= 30, " s"),
    Budget("no-op build", "≤ 2 s", _timing("build.noop"), lambda v: v <= 2, " s"),
    Budget("no-op build --no-pdf", "≤ 1.5 s", _timing("build.noop_no_pdf"), lambda v: v <= 1.5,
           " s"),
    Budget("test suite (nox -s tests)", "≤ 3 min", _timing("tests"), lambda v: v <= 180, " s"),
    Budget("Lighthouse performance (worst page)", "≥ 95",
           _worst("lighthouse", "performance", min), lambda v: v >= 95),
    Budget("Lighthouse CLS (worst page)", "≤ 0.05", _worst("lighthouse", "cls", max),
           lambda v: v <= 0.05),
    Budget("page weight (heaviest content page)", "≤ 150 KiB",
           lambda r: _kib(_worst("pages", "bytes", max, content=True)(r)), lambda v: v <= 150,
           " KiB"),
    Budget("requests (most on a content page)", "≤ 10",
           _worst("pages", "requests", max, content=True),
           lambda v: v <= 10),
    Budget("web fonts (most on a page)", "0",
           lambda r: _worst("pages", "font_count", max)(r), lambda v: v == 0),
)


def _kib(value: float | None) -> float | None:
    return None if value is None else round(value / 1024, 1)


def check(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each budget with the measured figure and whether it is kept (None: not measured)."""
    rows = []
    for budget in BUDGETS:
        value = budget.value(results)
        measured = value is not None and not (isinstance(value, float) and math.isnan(value))
        rows.append({"what": budget.what, "budget": budget.limit,
                     "value": value if measured else None, "unit": budget.unit,
                     "ok": budget.keeps(value) if measured else None})
    return rows


def table(results: dict[str, Any]) -> str:
    """The figures as a Markdown table: timings with their plain counterpart, then budgets."""
    timings = results.get("timings", {})
    lines = ["| what | median | plain | ratio | CPU (plain) | runs |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"] if timings else []
    for name, figure in timings.items():
        plain = f"{figure['plain']:.2f} s" if "plain" in figure else ""
        ratio = f"{figure['ratio']:.1f}×" if figure.get("ratio") else ""
        cpu = f"{figure['cpu']:.1f} s" if figure.get("cpu") else ""
        if cpu and figure.get("plain_cpu"):
            cpu += f" ({figure['plain_cpu']:.1f} s)"
        failed = " (FAILED)" if figure.get("failed") else ""
        median = figure["median"]
        shown = "no stage time" if isinstance(median, float) and math.isnan(median) else (
            f"{median:.2f} s")
        lines.append(f"| {name}{failed} | {shown} | {plain} | {ratio} | {cpu} "
                     f"| {len(figure['samples'])} |")
        for stage, seconds in figure.get("stages", {}).items():
            lines.append(f"| &nbsp;&nbsp;{stage} | {seconds:.2f} s | | | | |")
    for name, what in FLOORS.items():
        floor = cpu_floor(results, name)
        if floor:
            against = (f" = {floor['ratio']:.1f}× the plain build" if "ratio" in floor else "")
            lines.append(f"\n{what}: {floor['cpu']:.1f} CPU-seconds on {floor['cpus']} cores, "
                         f"so no schedule finishes it in under {floor['seconds']:.1f} s{against}")
    weights, scores = results.get("pages", {}), results.get("lighthouse", {})
    if weights or scores:
        lines += ["", "| page | requests | KiB transferred | Lighthouse (runs) | CLS | FCP ms | TBT ms |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for page in [*weights, *(p for p in scores if p not in weights)]:
            weight, score = weights.get(page, {}), scores.get(page, {})
            kib = f"{weight['bytes'] / 1024:.1f}" if weight else ""
            runs = score.get("performance_runs", [])
            shown = f"{score.get('performance', '')}" + (
                f" ({', '.join(map(str, runs))})" if len(runs) > 1 else "")
            lines.append(f"| {page} | {weight.get('requests', '')} | {kib} "
                         f"| {shown} | {score.get('cls', '')} "
                         f"| {_ms(score.get('fcp'))} | {_ms(score.get('tbt'))} |")
    if results.get("load"):
        load = results["load"]
        lines.append("\nload average (1, 5, 15 min): before "
                     + ", ".join(f"{v:.2f}" for v in load["before"])
                     + ("; after " + ", ".join(f"{v:.2f}" for v in load["after"])
                        if load.get("after") else ""))
    lines += ["", "| budget | limit | now | kept |", "| --- | --- | ---: | :---: |"]
    for row in check(results):
        now = "not measured" if row["value"] is None else f"{row['value']:g}{row['unit']}"
        kept = {True: "yes", False: "**NO**", None: ""}[row["ok"]]
        lines.append(f"| {row['what']} | {row['budget']} | {now} | {kept} |")
    return "\n".join(lines)


# The figures whose floor the table states: their budgets are wall times on this machine.
FLOORS = {"build.full": "full build", "tests": "test suite"}


def cpu_floor(results: dict[str, Any], name: str = "build.full") -> dict[str, float] | None:
    """The least wall time figure *name* could take on this machine's cores (its CPU time
    spread evenly over them), and that floor against its plain counterpart if it has one."""
    figure = results.get("timings", {}).get(name, {})
    cpus = results.get("machine", {}).get("cpus")
    if not (figure.get("cpu") and cpus):
        return None
    seconds = figure["cpu"] / cpus
    found = {"cpu": figure["cpu"], "cpus": cpus, "seconds": round(seconds, 2)}
    if figure.get("plain"):
        found["ratio"] = round(seconds / figure["plain"], 2)
    return found


def _ms(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}"

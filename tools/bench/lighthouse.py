"""Lighthouse (npm ``lighthouse``, mobile, performance) on pages of a served site, with Debian chromium.

Installed on first use into ``_build/cache/lighthouse/<version>/`` like the Nu Html
Checker (``tools.npm``). ``lighthouse.mjs`` starts one chromium for all pages and runs
Lighthouse's default mobile settings: a Moto G Power sized screen, simulated slow 4G and
a 4× slower CPU. On a shared, loaded machine Lighthouse warns that the CPU is slower
than it expects (``benchmarkIndex``); total blocking time then reads high.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
from pathlib import Path
from typing import Any

from tools.browser import CHROMIUM_ARGS, chromium_path
from tools.errors import SetupError
from tools.npm import CACHE as NPM_CACHE
from tools.npm import ensure_package

# 13.x needs Node 22; 12.8 runs on Debian 12's Node 18 and on newer ones.
VERSION = "12.8.2"
CACHE = Path(os.environ.get("LIGHTHOUSE_CACHE", NPM_CACHE / "lighthouse"))
SCRIPT = Path(__file__).with_name("lighthouse.mjs")
METRICS = ("performance", "fcp", "lcp", "cls", "tbt", "si", "bytes", "requests")


class LighthouseFailed(SetupError):
    """Lighthouse could not run or reported a runtime error."""


def node_modules() -> Path:
    """The node_modules folder holding the pinned Lighthouse (installed if missing)."""
    return ensure_package("lighthouse", VERSION, CACHE, check="core/index.js").parent


def run(urls: list[str], runs: int = 1) -> dict[str, list[dict[str, Any]]]:
    """Raw Lighthouse results: for each URL, one dict per run (scores 0–100, times in ms)."""
    node = shutil.which("node")
    if not node:
        raise LighthouseFailed("node was not found; install Node.js "
                               "(`python -m tools.publish.sysdeps node`)")
    modules = node_modules()
    env = {**os.environ, "CHROME_PATH": chromium_path(),
           "LH_CHROME_FLAGS": json.dumps(["--headless=new", *CHROMIUM_ARGS])}
    result = subprocess.run([node, str(SCRIPT), str(modules), str(runs), *urls],
                            capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        raise LighthouseFailed(f"lighthouse failed:\n{result.stderr.strip()[-2000:]}")
    found = json.loads(result.stdout)
    errors = [f"{url}: {r['error']}" for url, rs in found.items() for r in rs if r["error"]]
    if errors:
        raise LighthouseFailed("lighthouse could not measure:\n" + "\n".join(errors))
    return found


def summarize(samples: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians of each metric over the runs of one page, and what every run flagged."""
    summary: dict[str, Any] = {
        key: round(statistics.median(s[key] for s in samples), 3) for key in METRICS
    }
    summary["runs"] = len(samples)
    summary["performance_runs"] = [s["performance"] for s in samples]
    summary["render_blocking"] = sorted({url for s in samples for url in s["renderBlocking"]})
    summary["benchmark_index"] = round(statistics.median(s["benchmarkIndex"] for s in samples))
    summary["warnings"] = sorted({w for s in samples for w in s["warnings"]})
    return summary

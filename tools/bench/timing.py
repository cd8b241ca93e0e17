"""Time the project's commands in a copy of the project, each beside a plain Sphinx build.

The machine is shared and noisy, so every figure is a median of several runs and comes
with its plain counterpart measured in the same run, alternating with it: a plain
``sphinx-build -b html`` of ``docs/`` (clean for the full build, incremental after an
edit or with nothing changed). Their ratio is what counts.

The commands run in a copy of the project (``project_copy``), so the benchmark can
clean ``_build``, edit a page and a catalog entry without touching the checkout; the
copy shares ``_build/cache`` (npm tools, synthesised audio) with the checkout. The build
is the pipeline's command line, ``python -m tools.publish.build``, so this measures
whatever the pipeline does; its ``[n/m] stage … 4.1 s`` progress lines on stderr give
the time of each stage (each PDF).

Each run also reports the CPU time of its process tree, as far as ``wait4`` sees it (the
Sphinx processes, Java, chromium's main process; a chromium process that nobody reaps
escapes it, so it is a lower bound): on a machine with N cores no schedule can finish a
command in less than its CPU time / N, the floor below the wall-time budgets.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tools import ROOT

PROGRESS = re.compile(r"^\[(\d+)/(\d+)\]\s+(?P<stage>.+?)\s*(?:…|\.\.\.)?\s+"
                      r"(?P<seconds>\d+(?:\.\d+)?)\s*s\s*$", re.MULTILINE)
SKIP = {".git", ".nox", "_build", "node_modules", "__pycache__", ".pytest_cache"}


@dataclass
class Run:
    """One command run: wall time, the largest process's peak memory, its output."""

    seconds: float
    max_rss_mib: float
    returncode: int
    stderr: str
    cpu_seconds: float = 0.0  # user + system, the process and every descendant it waited for


def run(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run *argv*, timing it and reading its peak memory (its and its children's) from wait4."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
        if process.returncode != 0:  # pytest and some linters report on stdout
            out.seek(0)
            stderr += out.read().decode("utf-8", "replace")[-3000:]
    # ru_maxrss is in KiB on Linux: the largest single process of the tree. wait4's times
    # include the descendants the child waited for (playwright's driver reaps chromium).
    return Run(seconds, usage.ru_maxrss / 1024, process.returncode, stderr,
               usage.ru_utime + usage.ru_stime)


@dataclass
class Figure:
    """A measured command and its plain counterpart, sampled alternately."""

    name: str
    samples: list[float] = field(default_factory=list)
    plain: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    plain_cpu: list[float] = field(default_factory=list)
    max_rss_mib: float = 0.0
    failures: list[str] = field(default_factory=list)
    stages: dict[str, list[float]] = field(default_factory=dict)

    def record(self, result: Run) -> None:
        self.samples.append(result.seconds)
        self.cpu.append(result.cpu_seconds)
        self.max_rss_mib = max(self.max_rss_mib, result.max_rss_mib)
        if result.returncode != 0:
            self.failures.append(result.stderr.strip()[-1500:])
        for match in PROGRESS.finditer(result.stderr):
            self.stages.setdefault(match["stage"], []).append(float(match["seconds"]))

    def as_dict(self) -> dict[str, Any]:
        found: dict[str, Any] = {"median": _median(self.samples), "samples": _round(self.samples)}
        if self.plain:
            found["plain"] = _median(self.plain)
            found["plain_samples"] = _round(self.plain)
            found["ratio"] = round(found["median"] / found["plain"], 2) if found["plain"] else None
        if self.cpu:
            found["cpu"] = _median(self.cpu)
        if self.plain_cpu:
            found["plain_cpu"] = _median(self.plain_cpu)
        if self.max_rss_mib:
            found["max_rss_mib"] = round(self.max_rss_mib)
        if self.stages:
            found["stages"] = {stage: _median(times) for stage, times in self.stages.items()}
        if self.failures:
            found["failed"] = self.failures[-1]
        return found


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 3) if values else float("nan")


def _round(values: list[float]) -> list[float]:
    return [round(v, 3) for v in values]


def project_copy(dest: Path, source: Path = ROOT) -> Path:
    """Copy the project's sources (what git tracks or would track) to *dest*; share the cache."""
    listed = subprocess.run(["git", "-C", str(source), "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], capture_output=True, check=False)
    if listed.returncode == 0:
        for name in filter(None, listed.stdout.decode().split("\0")):
            src = source / name
            if src.is_file() and not SKIP.intersection(Path(name).parts):
                (dest / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dest / name)
    else:  # not a git checkout
        shutil.copytree(source, dest, dirs_exist_ok=True,
                        ignore=lambda folder, names: [n for n in names if n in SKIP])
    cache = source / "_build" / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    (dest / "_build").mkdir(exist_ok=True)
    (dest / "_build" / "cache").symlink_to(cache, target_is_directory=True)
    return dest


class Project:
    """The commands of one project copy: the pipeline, plain Sphinx builds, the checks."""

    def __init__(self, root: Path) -> None:
        self.root = root
        # Catalogs may be unfinished while translation is underway; the build still checks them.
        self.env = {**os.environ, "PYTHONPATH": str(root), "EASY_ALLOW_INCOMPLETE": "1"}

    def run(self, *argv: str | Path, env: dict[str, str] | None = None) -> Run:
        return run([str(a) for a in argv], self.root, {**self.env, **(env or {})})

    def build(self, *args: str) -> Run:
        return self.run(sys.executable, "-m", "tools.publish.build", *args)

    def plain(self, name: str = "plain", *tags: str, clean: bool = False) -> Run:
        """A plain ``sphinx-build -b html`` of docs/ with the project's conf.py (no -W)."""
        out = self.root / "_build" / name
        if clean:
            shutil.rmtree(out, ignore_errors=True)
        return self.run(sys.executable, "-m", "sphinx", "-q", "-b", "html", "-c", self.root,
                        *(arg for tag in tags for arg in ("-t", tag)),
                        self.root / "docs", out)

    def clean(self) -> None:
        """Remove every build output but the cache, as on a clean clone with a warm cache."""
        for path in (self.root / "_build").iterdir():
            if path.name != "cache":
                shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()


def toggle_paragraph(path: Path, mark: str = "（計測）") -> None:
    """Change the first plain paragraph of a MyST page: add *mark* at its end, or take it off."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        if line and not re.match(r"[#`:|>\-*+\d{(\[<!\s]", line):
            lines[i] = line.removesuffix(mark) if line.endswith(mark) else line + mark
            path.write_text("\n".join(lines), encoding="utf-8")
            return
    raise ValueError(f"{path}: no plain paragraph to change")


def toggle_entry(path: Path, mark: str = "（れい）") -> None:
    """Change the first translated entry of a catalog: add *mark* to its msgstr, or take it off."""
    import polib

    catalog = polib.pofile(str(path), wrapwidth=0)
    for entry in catalog:
        if entry.msgstr and not entry.fuzzy and not entry.obsolete:
            text = entry.msgstr
            entry.msgstr = text.removesuffix(mark) if text.endswith(mark) else text + mark
            catalog.save(str(path))
            return
    raise ValueError(f"{path}: no translated entry to change")


def alternate(figure: Figure, runs: int, measured: Callable[[], Run],
              plain: Callable[[], Run] | None = None,
              before: Callable[[], object] | None = None) -> Figure:
    """Sample *measured* and *plain* alternately *runs* times, *before* each pair (untimed)."""
    for _ in range(runs):
        if before:
            before()
        figure.record(measured())
        if plain:
            counterpart = plain()
            figure.plain.append(counterpart.seconds)
            figure.plain_cpu.append(counterpart.cpu_seconds)
    return figure

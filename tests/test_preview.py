"""Live preview (``nox -s serve -- easy``): saving a catalog entry or a page rebuilds the page.

Runs ``python -m tools.publish.serve`` (sphinx-autobuild) on a copy of the project and
edits the copy, as a translator would, then reads the served page until it shows the edit.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import polib

from tools import ROOT

TIMEOUT = 180  # seconds for one build on a busy two-core machine


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, log: Path) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if text in _page(url):
            return
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed {text!r}; preview log:\n{log.read_text()[-3000:]}")


def _rebuilds(log: Path) -> int:
    return len(re.findall(r"Rebuilding", log.read_text(encoding="utf-8", errors="replace")))


def test_preview_rebuilds_on_saving_a_catalog_entry_and_a_page(tmp_path: Path) -> None:
    root = tmp_path / "project"
    for name in ("docs", "locale", "_static", "_templates"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy2(ROOT / "conf.py", root / "conf.py")
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "tools.publish.serve", "easy", "--port", str(port),
             "--root", str(root)],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"})
    url = f"http://127.0.0.1:{port}/introduction.html"
    try:
        _wait_for(url, "</html>", log)
        catalog_path = root / "locale" / "easy" / "ja" / "LC_MESSAGES" / "introduction.po"
        catalog = polib.pofile(str(catalog_path), wrapwidth=0)
        entry = next(e for e in catalog if e.msgstr and not e.fuzzy and e.msgid.strip()
                     and not e.msgid.startswith(("#", "(")))
        entry.msgstr += "ほんやくの しゅうせい"
        catalog.save(str(catalog_path))
        _wait_for(url, "ほんやくの しゅうせい", log)  # the .mo was compiled, the page re-read
        # Sphinx writes the .mo next to the catalog: that must not start another round.
        time.sleep(5)
        assert _rebuilds(log) == 1
        assert catalog_path.with_suffix(".mo").is_file()

        page = root / "docs" / "introduction.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n本文に足した段落。\n",
                        encoding="utf-8")
        _wait_for(url, "本文に足した段落。", log)
        time.sleep(2)
        assert _rebuilds(log) == 2
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)

"""Start Debian's chromium through playwright (no browser download is possible or wanted)."""

from __future__ import annotations

import os
import shutil
from typing import TYPE_CHECKING

from tools.errors import SetupError

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


class BrowserMissing(SetupError):
    """Debian's chromium is not installed."""


def chromium_path() -> str:
    """Path of the chromium executable ($CHROMIUM, else chromium on PATH)."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not path or not os.access(path, os.X_OK):
        raise BrowserMissing(
            "chromium was not found. Install Debian's chromium "
            "(`python -m tools.publish.sysdeps browser`, or `apt-get install chromium`) "
            "or set CHROMIUM to its path."
        )
    return path


def launch(playwright: Playwright) -> Browser:
    """Launch headless Debian chromium (with playwright's async API: a coroutine to await)."""
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)

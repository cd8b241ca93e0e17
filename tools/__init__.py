"""Build, lint and render tools for the Asahikawa regional welfare plan."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The project root: where conf.py, docs/ and locale/ live."""

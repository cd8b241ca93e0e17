"""Build, check and publish the Asahikawa regional welfare plan: one source, many readers.

The package is laid out by stage; a module imports only from its own stage or the ones
listed before it, so there are no import circles (``tests/test_layout.py`` checks):

1. ``tools`` itself — what every stage shares: ``errors`` (the one error hierarchy),
   ``diagnostics`` (``path:line:col: CODE message`` output), ``textsources`` (text with
   positions from MyST pages and catalogs), ``editions`` (the editions and ``sphinx_build``),
   ``catalogs`` (where the easy catalogs live; gettext and update-po), ``outputs`` (the
   downloadable files), ``browser`` (Debian chromium), ``fingerprint``, ``npm`` (pinned
   npm tools in ``_build/cache``), ``webserver`` (the built site served as a host would).
2. ``tools.furigana`` — readings: the ruby notation, SudachiPy readings, suggest and lint.
3. ``tools.sphinxext`` — the Sphinx extensions ``conf.py`` loads.
4. ``tools.checks`` — the linters and the catalog gate.
5. ``tools.a11y`` — the accessibility gate (axe-core, reflow, keyboard) and its report.
6. ``tools.publish`` — the build pipeline and everything it writes: HTML, PDFs, EPUB books,
   the text editions, the audio edition, the landing page.
7. ``tools.bench`` — the benchmark: build timings, page weight, Lighthouse, the budgets.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The project root: where conf.py, docs/ and locale/ live."""

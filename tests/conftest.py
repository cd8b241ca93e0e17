"""Shared fixtures: real builds of the site, a local web server and a real browser."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from filelock import FileLock
from sphinx.testing.util import SphinxTestApp

from tools import ROOT
from tools.editions import EDITIONS
from tools.publish.build import build_site


@pytest.fixture(scope="session")
def build_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the shared site is built: one folder for all xdist workers of this run.

    Only the site fixtures below write here (under a lock); a test that builds something
    else builds it in its own folder.
    """
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = tmp_path_factory.getbasetemp().parent / "shared-build"
        root.mkdir(exist_ok=True)
        return root
    return tmp_path_factory.mktemp("build")


# The pages of every edition that the shared site reads aloud: real synthesis, kept cheap
# (the front page has 7 sentences, the actors' table about 20), so the accessibility gate
# audits the player and the plan's EPUB is a talking book (tests/test_a11y.py, test_epub.py).
AUDIO_PAGES = frozenset({"index", "actors"})


def build_shared(build_root: Path, names: list[str]) -> Path:
    """Build the named editions, with the audio of AUDIO_PAGES, into *build_root* once per
    run, whichever worker gets there first (the pipeline builds them side by side; the
    others wait for it)."""
    with FileLock(build_root / ".site.lock"):
        done = build_root / f".{'-'.join(names)}.built"
        if not done.exists():
            # Unfinished translations are let through (EASY_ALLOW_INCOMPLETE) so the tests of
            # the easy edition's pages can run while translation is underway;
            # tests/test_easy.py checks the catalogs themselves.
            mp = pytest.MonkeyPatch()
            mp.setenv("EASY_ALLOW_INCOMPLETE", "1")
            try:
                build_site(names, build_root=build_root, audio_pages=AUDIO_PAGES)
            finally:
                mp.undo()
            done.touch()
    return build_root / "site"


@pytest.fixture(scope="session")
def site(build_root: Path) -> Path:
    """The whole site (both editions and the landing page), built with -W from the sources."""
    return build_shared(build_root, list(EDITIONS))


@pytest.fixture(scope="session")
def site_ja(site: Path) -> Path:
    """The standard edition."""
    return site / "ja"


@pytest.fixture(scope="session")
def site_easy(site: Path) -> Path:
    """The やさしい日本語 edition."""
    return site / "easy"


# 2023-10-01 00:00:00 UTC: the PDFs' dates must come from here, not from the clock.
EPOCH = 1696118400


def dated_pdfs(build_root: Path) -> dict[str, Path]:
    """All print PDFs built into *build_root*/site/pdf, dated by EPOCH; by PDF key."""
    from tools.outputs import available_pdfs
    from tools.publish.pdf.build import build_pdfs

    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    try:
        paths = build_pdfs(build_root=build_root)
    finally:
        mp.undo()
    return {spec.key: path for spec, path in zip(available_pdfs(), paths, strict=True)}


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """All print PDFs, built once per session in their own build folder."""
    return dated_pdfs(tmp_path_factory.mktemp("pdf-build"))


def content_pages(site: Path) -> list[Path]:
    """The HTML pages made from docs/*.md (not search, genindex)."""
    names = sorted(p.relative_to(ROOT / "docs").with_suffix(".html") for p in (ROOT / "docs").rglob("*.md"))
    return [site / name for name in names if (site / name).exists()]


ROOTS = Path(__file__).parent / "roots"


def build_test_root(tmp_path: Path, root: str, builder: str, files: dict[str, str] | None = None
          ) -> tuple[Path, str]:
    """Build a copy of tests/roots/<root> with *builder*; return (outdir, warnings)."""
    src = tmp_path / root
    shutil.copytree(ROOTS / root, src)
    for name, text in (files or {}).items():
        (src / name).write_text(text, encoding="utf-8")
    warnings = StringIO()
    app = SphinxTestApp(builder, srcdir=src, builddir=tmp_path / "_build",
                        status=StringIO(), warning=warnings)
    try:
        app.build()
    finally:
        app.cleanup()
    return Path(app.outdir), warnings.getvalue()


def run_cli(module: str, *args: str | Path) -> tuple[int, str]:
    """Run ``python -m <module> args`` from the project root; return (exit code, output)."""
    result = subprocess.run([sys.executable, "-m", module, *map(str, args)],
                            capture_output=True, text=True, cwd=ROOT, check=False)
    return result.returncode, result.stdout + result.stderr


def cli_codes(module: str, *args: str | Path) -> list[str]:
    """The diagnostic codes a linter reports with ``--format json``, in its order."""
    code, out = run_cli(module, *args, "--format", "json")
    assert code in (0, 1), out
    return [d["code"] for d in json.loads(out)]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def squash(text: str) -> str:
    """Text without any white space, so line breaks and cell borders do not matter."""
    return "".join(text.split())


def article_text(path: Path) -> str:
    page = soup(path)
    main = page.find("article") or page.body
    return squash(main.get_text())


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def serve() -> Iterator[callable]:
    """Serve a folder on 127.0.0.1; returns a function folder -> base URL."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


# Per module: playwright's sync API refuses to start while another instance runs in the
# same thread, and the PDF renderer (tools.publish.pdf) starts its own.
@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    from tools.browser import launch

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


# 2023-10-01 00:00:00 UTC: the downloadable files' dates must come from here, not the clock.
FORMATS_EPOCH = 1696118400


@pytest.fixture(scope="session")
def book_files(build_root: Path) -> dict[tuple[str, str], Path]:
    """The EPUB and the text edition of both editions, staged in the shared site once per run.

    Keyed by (format, edition): ("epub", "ja"), ("text", "easy") ...; built the way the
    pipeline's format stages build them (tools.publish.epub / text ``build``), with
    SOURCE_DATE_EPOCH set for the build only, after the shared site: the EPUBs' media
    overlays use the audio of AUDIO_PAGES it synthesised (the plan's own talking book).
    """
    from tools.editions import EDITIONS
    from tools.publish import epub, text
    from tools.publish.context import local_context

    build_shared(build_root, list(EDITIONS))  # a module may have its own `site` fixture
    with FileLock(build_root / ".site.lock"):
        done = build_root / ".books.json"
        if not done.exists():
            ctx = local_context(build_root)
            mp = pytest.MonkeyPatch()
            mp.setenv("SOURCE_DATE_EPOCH", str(FORMATS_EPOCH))
            try:
                built = {f"{module.FOLDER} {name}": str(module.build(EDITIONS[name], ctx)[0])
                         for module in (epub, text) for name in EDITIONS}
            finally:
                mp.undo()
            done.write_text(json.dumps(built), encoding="utf-8")
        built = json.loads(done.read_text(encoding="utf-8"))
    return {tuple(key.split()): Path(path) for key, path in built.items()}


# pytest-xdist (``nox -s tests`` runs ``-n auto --dist loadscope --no-loadscope-reorder``):
# a module's tests run on one worker, so its module-scoped fixtures (a browser, the PDFs)
# are made once. The accessibility gate is split by its parameter (a scope at one viewport
# width), so its slowest parts run on both workers at once; they come first in collection.
SPLIT_BY_PARAMETER = {"tests/test_a11y.py"}


def xdist_scope(nodeid: str) -> str:
    """The unit of work of a test for pytest-xdist: its module, or its module and parameter."""
    module, _, rest = nodeid.partition("::")
    if module in SPLIT_BY_PARAMETER and rest.endswith("]") and "[" in rest:
        return f"{module}[{rest[rest.index('[') + 1:]}"
    return module


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class Scheduler(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return xdist_scope(nodeid)

    return Scheduler(config, log)

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
from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from filelock import FileLock
from sphinx.testing.util import SphinxTestApp

from tools import ROOT
from tools.editions import EDITIONS
from tools.publish.build import build_site


def shared_folder(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """A folder under the run's temporary root: one for all xdist workers of this run."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = tmp_path_factory.getbasetemp().parent / name
        root.mkdir(exist_ok=True)
        return root
    return tmp_path_factory.mktemp(name)


def once(root: Path, key: str, make: Callable[[], object]) -> object:
    """*make*() once per run in *root*, whichever worker gets there first (the others wait
    for it under the folder's lock); every caller gets its result (JSON)."""
    with FileLock(root / ".site.lock"):
        done = root / f".{key}.json"
        if not done.exists():
            done.write_text(json.dumps(make()), encoding="utf-8")
        return json.loads(done.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def build_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the shared site is built: one folder for all xdist workers of this run.

    Only the site fixtures below write here (under a lock); a test that builds something
    else builds it in its own folder.
    """
    return shared_folder(tmp_path_factory, "shared-build")


# The pages of every edition that the shared site reads aloud: real synthesis, kept cheap
# (the front page has 7 sentences, the actors' table about 20), so the accessibility gate
# audits the player and the plan's EPUB is a talking book (tests/test_a11y.py, test_epub.py).
AUDIO_PAGES = frozenset({"index", "actors"})

# 2023-10-01 00:00:00 UTC: the PDFs' and the downloadable files' dates must come from here,
# not from the clock.
EPOCH = 1696118400
FORMATS_EPOCH = EPOCH

BOOKS = ("epub", "text")  # the formats the shared site carries besides the audio


def build_shared(build_root: Path) -> Path:
    """The whole site into *build_root* once per run, as ``python -m tools.publish.build
    --no-pdf`` builds it: the audio of AUDIO_PAGES, the EPUB and text editions of both
    editions, then both websites (whose sidebars list those files) and the landing page.
    Dated by FORMATS_EPOCH."""
    def make() -> None:
        # Unfinished translations are let through (EASY_ALLOW_INCOMPLETE) so the tests of
        # the easy edition's pages can run while translation is underway;
        # tests/test_easy.py checks the catalogs themselves.
        mp = pytest.MonkeyPatch()
        mp.setenv("EASY_ALLOW_INCOMPLETE", "1")
        mp.setenv("SOURCE_DATE_EPOCH", str(FORMATS_EPOCH))
        try:
            build_site(list(EDITIONS), build_root=build_root, formats=True,
                       audio_pages=AUDIO_PAGES)
        finally:
            mp.undo()

    once(build_root, "site", make)
    return build_root / "site"


@pytest.fixture(scope="session")
def site(build_root: Path) -> Path:
    """The whole site (both editions, their downloadable files and the landing page), built
    with -W from the sources."""
    return build_shared(build_root)


@pytest.fixture(scope="session")
def site_ja(site: Path) -> Path:
    """The standard edition."""
    return site / "ja"


@pytest.fixture(scope="session")
def site_easy(site: Path) -> Path:
    """The やさしい日本語 edition."""
    return site / "easy"


@pytest.fixture(scope="session")
def book_files(site: Path) -> dict[tuple[str, str], Path]:
    """The EPUB and the text edition of both editions, as the shared site carries them.

    Keyed by (format, edition): ("epub", "ja"), ("text", "easy") ...; built by the
    pipeline's format stages (tools.publish.epub / text ``build``) with SOURCE_DATE_EPOCH
    set, after the audio stage: the EPUBs' media overlays use the audio of AUDIO_PAGES
    (the plan's own talking book).
    """
    from tools.outputs import FORMATS, spec_for

    books = {(key, name): site / FORMATS[key].folder / spec_for(key, name).filename
             for key in BOOKS for name in EDITIONS}
    missing = [str(path) for path in books.values() if not path.is_file()]
    assert not missing, f"the shared site lacks {missing}"
    return books


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
def pdf_build_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The PDFs' own build folder (one for all workers): they republish its site, which
    other tests read meanwhile in the shared one."""
    return shared_folder(tmp_path_factory, "pdf-build")


@pytest.fixture(scope="session")
def pdfs(pdf_build_root: Path) -> dict[str, Path]:
    """All print PDFs, built once per run in their own build folder."""
    built = once(pdf_build_root, "pdfs",
                 lambda: {key: str(path) for key, path in dated_pdfs(pdf_build_root).items()})
    return {key: Path(path) for key, path in built.items()}


@pytest.fixture(scope="session")
def pdf_site(pdf_build_root: Path, pdfs: dict[str, Path]) -> Path:
    """Both websites and the landing page built after the PDFs in their folder, as
    ``python -m tools.publish.build`` does (so every sidebar links them); once per run."""
    once(pdf_build_root, "site",
         lambda: [str(path) for path in build_site(list(EDITIONS), build_root=pdf_build_root)])
    return pdf_build_root / "site"


# GitHub Pages serves a project site under /<repository>/: every page is loaded under a prefix.
PAGE_PREFIX = "/some/prefix/"


def _loaded_pages(site: Path) -> list[str]:
    from tools.bench.pages import all_pages

    # The search page loads its index only when asked something.
    return [*all_pages(site), *(f"{name}/search.html?q=地域" for name in EDITIONS)]


@pytest.fixture(scope="module")
def page_loads(pdf_build_root: Path, pdf_site: Path, browser) -> dict[str, dict]:
    """Every page of the published site (PDFs included) loaded once per run in a real
    browser with an empty cache, under PAGE_PREFIX (tools.bench.pages.measure: requests,
    bytes, failures, script errors, CSP violations, icon); read by test_hosting.py and
    test_requests.py, whichever comes first loading them."""
    from tools.bench.pages import weigh_site

    return once(pdf_build_root, "page-loads",
                lambda: weigh_site(pdf_site, _loaded_pages(pdf_site), prefix=PAGE_PREFIX,
                                   browser=browser))


def a11y_results(fingerprint: str) -> dict:
    """Results of the accessibility gate as tools.a11y.report writes them (one check, no
    problem), for the source whose fingerprint is *fingerprint*."""
    from tools.a11y.report import criteria_results

    return {
        "schema": 1, "date": "2026-11-28T03:00:00+00:00",
        "target": {}, "source": {"commit": "abc1234", "fingerprint": fingerprint},
        "tools": {"axe-core": "4.12.1"}, "modes": ["light-1280x800"],
        "editions": {"ja": {"label": "標準版", "pages": ["index.html"]}},
        "checks": [{"id": "axe", "name": "axe-core による自動チェック", "criteria": [],
                    "runs": 4, "problems": 0, "examples": []}],
        "axe_rules": {}, "criteria": criteria_results([], {}), "passed": True, "seconds": 12.5,
    }


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


# The modules that keep a worker busy longest (worker-seconds in a profiled run of the suite:
# search 113, bad inputs 83, EPUB 80, PDF 51, player 39, CLI errors 36), handed out right
# after the accessibility gate: a long module started last would leave the other worker idle
# at the end. The others follow in file order.
HEAVY_FIRST = ("tests/test_a11y.py", "tests/test_search.py", "tests/test_bad_inputs.py",
               "tests/test_epub.py", "tests/test_pdf.py", "tests/test_requests.py",
               "tests/test_hosting.py", "tests/test_audio_player.py", "tests/test_cli_errors.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        module = item.nodeid.partition("::")[0]
        return HEAVY_FIRST.index(module) if module in HEAVY_FIRST else len(HEAVY_FIRST)

    items.sort(key=rank)  # stable: each module keeps its tests' order


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class Scheduler(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return xdist_scope(nodeid)

    return Scheduler(config, log)

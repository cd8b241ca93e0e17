"""Render singlehtml pages to tagged PDFs with Debian's chromium (one browser for all PDFs)."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from tools.browser import BrowserMissing, chromium_path, launch
from tools.errors import BuildError, SetupError
from tools.outputs import PdfSpec
from tools.publish.pdf import COMMON_STYLESHEET, STATIC

if TYPE_CHECKING:
    from playwright.async_api import Browser

T = TypeVar("T")

PREPARE_JS = Path(__file__).with_name("prepare.js").read_text(encoding="utf-8")
NUMBER_CONTENTS_JS = Path(__file__).with_name("number_contents.js").read_text(encoding="utf-8")
LINK_DESCRIPTIONS_JS = Path(__file__).with_name("link_descriptions.js").read_text(
    encoding="utf-8")
# Page numbers in the contents can push a line over and shift pages: re-render until stable.
MAX_PASSES = 3
# Chromium reuses layout state between print layouts of one page, and consecutive page.pdf()
# calls then alternate between two paginations (a heading kept with its section or not).
# Rebuilding the layout tree before each call makes every rendering paginate the same way.
RELAYOUT_JS = """() => {
  const root = document.body;
  root.style.display = "none";
  void root.offsetHeight;
  root.style.display = "";
  void root.offsetHeight;
}"""

# fontconfig family names the print stylesheets ask for, and the Debian package of each.
REQUIRED_FONTS: dict[str, str] = {
    "BIZ UDMincho": "fonts-morisawa-bizud-mincho",
    "BIZ UDGothic": "fonts-morisawa-bizud-gothic",
    "BIZ UDPGothic": "fonts-morisawa-bizud-gothic",
}


class FontsMissing(SetupError):
    """A font the print stylesheets need is not installed."""


class RenderError(BuildError):
    """Chromium could not turn a page into a PDF."""


@dataclass(frozen=True)
class RenderJob:
    spec: PdfSpec
    html: Path  # the singlehtml index.html of the spec's edition
    output: Path


@dataclass(frozen=True)
class Rendered:
    """What the page told the renderer, for the post-processing of its PDF."""

    titles: list[str]  # the headings' plain text in document order (the bookmark titles)
    links: dict[str, str]  # link target (destination name or URL) -> the link's text
    browser: str  # chromium's version


def check_setup() -> None:
    """Raise SetupError (BrowserMissing, FontsMissing) naming the packages to install."""
    chromium_path()
    check_fonts()


def check_fonts() -> None:
    """Raise FontsMissing naming the Debian packages when a BIZ UD family is absent."""
    if not shutil.which("fc-list"):
        raise FontsMissing(
            "fc-list (fontconfig) was not found, so the BIZ UD fonts cannot be checked. "
            "Install them: `python -m tools.publish.sysdeps fonts`."
        )
    listed = subprocess.run(
        ["fc-list", ":", "family"], capture_output=True, text=True, check=False
    ).stdout
    families = {name.strip() for line in listed.splitlines() for name in line.split(",")}
    missing = sorted({pkg for family, pkg in REQUIRED_FONTS.items() if family not in families})
    if missing:
        raise FontsMissing(
            f"the BIZ UD fonts are not installed (missing: {', '.join(missing)}). "
            "Install them with `python -m tools.publish.sysdeps fonts` "
            f"(or `apt-get install {' '.join(missing)}`)."
        )


def stylesheets(spec: PdfSpec) -> list[str]:
    """File URLs of the stylesheets for *spec*: the content styles shared with the website
    (plan.css), then the common print styles, then the edition's own."""
    paths = [STATIC / "plan.css", STATIC / COMMON_STYLESHEET, STATIC / spec.stylesheet]
    for path in paths:
        if not path.is_file():
            raise RenderError(f"{path}: print stylesheet not found")
    return [path.as_uri() for path in paths]


def render(jobs: list[RenderJob],
           on_rendered: Callable[[RenderJob, Rendered], None] | None = None) -> list[Rendered]:
    """Render every job with one chromium, side by side (each page prints in its own renderer
    process); each PDF goes to its ``output`` path, and *on_rendered* hears of it at once."""
    check_fonts()
    return run_coroutine(_render_all(jobs, on_rendered))


def run_coroutine(coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run``, in a thread of its own when this thread already runs an event loop:
    a caller that drives a browser with playwright's sync API has one running."""
    import asyncio

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def _render_all(jobs: list[RenderJob],
                      on_rendered: Callable[[RenderJob, Rendered], None] | None
                      ) -> list[Rendered]:
    import asyncio

    from playwright.async_api import Error as PlaywrightError
    from playwright.async_api import async_playwright

    async def one(browser: Browser, job: RenderJob) -> Rendered:
        try:
            rendered = await _render_one(browser, job)
        except PlaywrightError as exc:
            raise RenderError(f"{job.html}: chromium could not print it: {exc}") from exc
        if on_rendered:
            on_rendered(job, rendered)
        return rendered

    async with async_playwright() as playwright:
        browser = await launch(playwright)  # raises BrowserMissing with an install hint
        try:
            return list(await asyncio.gather(*(one(browser, job) for job in jobs)))
        finally:
            await browser.close()


async def _render_one(browser: Browser, job: RenderJob) -> Rendered:
    page = await browser.new_page()
    try:
        await page.goto(job.html.resolve().as_uri(), wait_until="load")
        await page.emulate_media(media="print")
        titles = await page.evaluate(
            PREPARE_JS,
            {
                "key": job.spec.key,
                "contentsTitle": job.spec.contents_title,
                "reflowTables": job.spec.reflow_tables,
                "stylesheets": stylesheets(job.spec),
            },
        )
        pages: list[int] = []
        for _ in range(MAX_PASSES):
            await page.evaluate(RELAYOUT_JS)
            data = await page.pdf(tagged=True, outline=True, prefer_css_page_size=True,
                                  print_background=True)
            found = heading_pages(data)
            if found == pages:
                break
            pages = found
            await page.evaluate(NUMBER_CONTENTS_JS, pages)
        else:
            raise RenderError(
                f"{job.html}: the contents' page numbers did not settle after {MAX_PASSES} "
                "renderings (the pagination keeps changing)"
            )
        links = await page.evaluate(LINK_DESCRIPTIONS_JS)
        job.output.parent.mkdir(parents=True, exist_ok=True)
        job.output.write_bytes(data)
    finally:
        await page.close()
    return Rendered(titles, links, browser.version)


def heading_pages(data: bytes) -> list[int]:
    """Page number (1-based) of every bookmark, in document order: one per heading."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    pages: list[int] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                pages.append(reader.get_destination_page_number(item) + 1)

    walk(reader.outline)
    return pages


__all__ = ["BrowserMissing", "FontsMissing", "RenderError", "RenderJob", "Rendered", "check_fonts",
           "render"]

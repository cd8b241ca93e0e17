"""The site as readers get it: under any path prefix, from file://, light, and published by CI.

GitHub Pages serves a project site under ``/<repository>/``; a reader may also open the
folder from a disk. Every link is therefore relative: the site served under
``/some/prefix/`` loads every page with no failed request and its search finds pages,
and the same works from ``file://``. The same page loads keep the budgets of issue 12:
at most 150 KiB transferred (gzip, as GitHub Pages serves), at most 10 requests, no web
fonts, no layout shift; one stylesheet, one script. Lighthouse's scores are in
``nox -s bench``.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from conftest import PAGE_PREFIX as PREFIX
from conftest import content_pages, soup

from tools import ROOT
from tools.bench.pages import MOBILE, all_pages
from tools.webserver import serve as serve_site

MAX_KIB = 150
MAX_REQUESTS = 10
MAX_CLS = 0.05
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
URL_ATTRIBUTES = ("href", "src", "action", "srcset", "data")


@pytest.fixture(scope="module")
def under_prefix(page_loads: dict[str, dict]) -> dict[str, dict]:
    """Every page of the published site loaded in a browser (empty cache) from a server
    under PREFIX (conftest.page_loads, shared with test_requests.py)."""
    return page_loads


def test_no_link_starts_at_the_server_root(site: Path) -> None:
    absolute = []
    for page in all_pages(site):
        for tag in soup(site / page).find_all(True):
            for attribute in URL_ATTRIBUTES:
                value = tag.get(attribute)
                if isinstance(value, str) and value.startswith("/") and not value.startswith("//"):
                    absolute.append(f"{page}: <{tag.name} {attribute}={value!r}>")
    stylesheets = [p for p in site.rglob("*.css")]
    for css in stylesheets:
        for url in re.findall(r"url\(\s*['\"]?(/[^/][^)'\"]*)", css.read_text(encoding="utf-8")):
            absolute.append(f"{css.relative_to(site)}: url({url})")
    assert absolute == []
    assert len(all_pages(site)) >= 20


@pytest.mark.browser
def test_every_page_loads_under_a_path_prefix(under_prefix: dict[str, dict]) -> None:
    broken = {page: (found["status"], found["failed"]) for page, found in under_prefix.items()
              if found["status"] != 200 or found["failed"]}
    assert broken == {}
    # The pages did load their stylesheet and script from under the prefix.
    for page, found in under_prefix.items():
        assert all(PREFIX in r["url"] for r in found["detail"]), page


@pytest.mark.browser
def test_pages_keep_the_budgets(under_prefix: dict[str, dict]) -> None:
    over = {page: f"{w['bytes'] / 1024:.0f} KiB, {w['requests']} requests, fonts {w['fonts']}, "
                  f"CLS {w['cls']}"
            for page, w in under_prefix.items()
            if w["fonts"] or w["cls"] > MAX_CLS
            # Weight and requests are the content pages' budgets. The search page also loads
            # its index, the search code and the readings (issue 11); asked something, it
            # fetches every result page for its summary.
            or (w["bytes"] > MAX_KIB * 1024 and "?q=" not in page)
            or (w["requests"] > MAX_REQUESTS and "search.html" not in page)}
    assert over == {}
    assert any("?q=" in page for page in under_prefix), "a search was weighed too"
    # The figure pages load their figure: the count covers images, not only HTML.
    assert any(r["type"] == "image" for r in under_prefix["easy/system.html"]["detail"])


# The theme and text-size choices must apply before the first paint (no flash, no shift); they
# were inline scripts, now files for the Content Security Policy: a few hundred bytes each.
BEFORE_PAINT = {"furo-theme-init.js", "reader-tools-init.js"}


def test_one_stylesheet_and_one_script(site_ja: Path, site_easy: Path) -> None:
    for edition in (site_ja, site_easy):
        for path in content_pages(edition):
            page = soup(path)
            sheets = page.find_all("link", rel="stylesheet")
            assert len(sheets) == 1 and "_static/bundle-" in sheets[0]["href"], path
            scripts = [s for s in page.find_all("script", src=True)
                       if s["src"].rsplit("/", 1)[-1] not in BEFORE_PAINT]
            assert len(scripts) == 1 and "_static/bundle-" in scripts[0]["src"], path
            # Nothing in <head> waits for a script: only the stylesheet blocks rendering.
            assert not page.head.find_all("script", src=True), path
            # No highlighted code on the plan's pages: no Pygments stylesheet in the bundle.
            bundle = (path.parent / sheets[0]["href"].split("?")[0]).read_text(encoding="utf-8")
            assert "pygments.css" not in bundle.splitlines()[0]
            assert "styles/furo.css" in bundle.splitlines()[0]


@pytest.mark.browser
@pytest.mark.parametrize("edition", ["ja", "easy"])
def test_search_works_under_a_path_prefix(site: Path, browser, edition: str) -> None:
    with serve_site(site, PREFIX) as base:
        links = _search(browser, f"{base}{edition}/search.html?q={quote('市社協')}")
    assert links and all(link.startswith(f"{base}{edition}/") for link in links), links
    assert any(link.split("?")[0].endswith("/system.html") for link in links), links


@pytest.mark.browser
def test_the_site_works_from_file_urls(site: Path, browser) -> None:
    failed: list[str] = []
    page = browser.new_page()
    # A request cut off by the next navigation (the favicon, fetched after load) is not missing.
    page.on("requestfailed", lambda request: failed.append(request.url)
            if "ERR_ABORTED" not in (request.failure or "") else None)
    try:
        for name in ("index.html", "ja/index.html", "easy/system.html"):
            page.goto((site / name).as_uri(), wait_until="load")
        # The landing page's links lead into the editions on disk.
        page.goto((site / "index.html").as_uri())
        page.click("a[href^='ja/']")
        assert page.url.startswith((site / "ja").as_uri())
    finally:
        page.close()
    assert failed == []
    links = _search(browser, (site / "ja" / "search.html").as_uri() + f"?q={quote('除雪')}")
    assert any(link.split("?")[0].endswith("/overview.html") for link in links), links


LAST_BLOCK = "article[role=main] section > p >> nth=-1"
VISIBILITY = "el => getComputedStyle(el).contentVisibility"


@pytest.mark.browser
def test_long_pages_lay_out_off_screen_blocks_when_needed(site: Path, browser) -> None:
    """_static/lazy-layout.css: on screen the blocks below wait (content-visibility: auto), in
    print every block is laid out; links to anchors deep in the page still land on them."""
    context = browser.new_context(**MOBILE)
    page = context.new_page()
    try:
        with serve_site(site, "/") as base:
            page.goto(f"{base}easy/system.html")
            assert page.locator(LAST_BLOCK).evaluate(VISIBILITY) == "auto"
            page.emulate_media(media="print")
            assert page.locator(LAST_BLOCK).evaluate(VISIBILITY) == "visible"
            page.emulate_media(media="screen")
            sections = page.locator("article[role=main] section[id]")
            target, middle = sections.last.get_attribute("id"), sections.nth(4).get_attribute("id")
            top = "id => document.getElementById(id).getBoundingClientRect().top"
            # Opened at an anchor, then a link within the page (furo scrolls smoothly).
            page.goto(f"{base}easy/system.html#{target}", wait_until="load")
            page.wait_for_timeout(1500)
            assert 0 <= page.evaluate(top, target) < 200  # under the sticky header
            page.goto(f"{base}easy/system.html", wait_until="load")
            page.evaluate("id => document.querySelector(`a[href='#${id}']`).click()", middle)
            page.wait_for_timeout(2500)
            assert 0 <= page.evaluate(top, middle) < 200
    finally:
        context.close()


def _search(browser, url: str) -> list[str]:
    page = browser.new_page()
    try:
        page.goto(url)
        page.wait_for_selector("#search-results li a", timeout=20_000)
        return page.eval_on_selector_all("#search-results li a", "els => els.map(e => e.href)")
    finally:
        page.close()


def test_pages_workflow_publishes_what_the_readme_builds() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    build_command = re.search(r"```sh\n(.*?nox -s build)\n", readme).group(1)
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert build_command in runs
    # The published site carries the gate's results: the gate runs after the build, before
    # the upload (nox -s a11y rebuilds the pages that show them).
    runs_before_upload = [step.get("run", "") for step in steps[:next(
        i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/upload-pages"))]]
    gate = next(i for i, run in enumerate(runs_before_upload) if "nox -s a11y" in run)
    assert gate > next(i for i, run in enumerate(runs_before_upload) if build_command in run)
    uploads = [s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert [s["with"]["path"] for s in uploads] == ["_build/site"]
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in steps)
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    # The build installs Debian packages with apt, as root: a Debian container.
    assert workflow["jobs"]["build"]["container"].startswith("debian:")

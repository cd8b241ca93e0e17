"""Every page in a real browser: nothing is loaded from outside the site, nothing is missing
(no 404, a favicon included), the Content Security Policy is never violated, and no script
error is logged; plus the link checker over the built site (tools/checks/links.py)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tools.a11y.audit import site_pages
from tools.checks.links import check_site, read_page
from tools.editions import EDITIONS

pytestmark = pytest.mark.browser

WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || ""}:${event.lineNumber || 0}`);
});
"""


@dataclass
class PageLoad:
    page: str
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # status >= 400 or no response
    console_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    favicon: int = 0  # HTTP status of the page's icon


@pytest.fixture(scope="module")
def site(pdf_site: Path) -> Path:
    """Both editions built after the PDFs (so the sidebars link them) and the landing page:
    the PDFs' build folder (conftest.pdf_site; the shared site has no PDFs)."""
    return pdf_site


def _pages(site: Path) -> list[str]:
    pages = [f"{name}/{page}" for name in EDITIONS for page in site_pages(site / name)]
    # The search page loads the index only when asked something.
    pages += [f"{name}/search.html?q=地域" for name in EDITIONS]
    return ["index.html", *pages]


@pytest.fixture(scope="module")
def loads(site: Path, serve, browser) -> Iterator[list[PageLoad]]:
    base = serve(site)
    context = browser.new_context()
    context.add_init_script(script=WATCH_CSP)
    found = []
    try:
        for path in _pages(site):
            page = context.new_page()  # a fresh page per load: its listeners see only it
            load = PageLoad(path)
            page.on("request", lambda request, load=load: load.requests.append(request.url))
            page.on("requestfailed", lambda request, load=load: load.failed.append(
                f"{request.url} ({request.failure})"))
            page.on("response", lambda response, load=load: response.status >= 400
                    and load.failed.append(f"{response.url} ({response.status})"))
            page.on("console", lambda message, load=load: message.type == "error"
                    and load.console_errors.append(message.text))
            page.on("pageerror", lambda error, load=load: load.console_errors.append(str(error)))
            page.goto(f"{base}/{path}", wait_until="networkidle")
            load.csp_violations = page.evaluate("window.__cspViolations")
            icon = page.evaluate("document.querySelector('link[rel~=icon]')?.href || ''")
            load.favicon = page.request.get(icon).status if icon else 0
            found.append(load)
            page.close()
    finally:
        context.close()
    for load in found:
        load.requests = [url.removeprefix(base) for url in load.requests]
    print("\nrequests per page: " + ", ".join(f"{load.page} {len(load.requests)}" for load in found))
    yield found


def test_every_page_loads_only_from_the_site(loads: list[PageLoad]) -> None:
    outside = [f"{load.page}: {url}" for load in loads for url in load.requests
               if not url.startswith("/") and not url.startswith("data:")]
    assert not outside, "\n".join(outside)
    assert len(loads) >= 2 * 10 + 1
    assert all(load.requests for load in loads)
    search = [load for load in loads if "search.html?q=" in load.page]
    assert search and all(any("searchindex.js" in url for url in load.requests)
                          for load in search)


def test_nothing_is_missing(loads: list[PageLoad]) -> None:
    failed = [f"{load.page}: {failure}" for load in loads for failure in load.failed]
    assert not failed, "\n".join(failed)
    assert [load.page for load in loads if load.favicon != 200] == []


def test_no_content_security_policy_violation_or_script_error(loads: list[PageLoad]) -> None:
    problems = [f"{load.page}: {problem}" for load in loads
                for problem in load.csp_violations + load.console_errors]
    assert not problems, "\n".join(problems)


def test_the_policy_blocks_inline_script(site: Path, serve, browser, tmp_path: Path) -> None:
    """The policy is really enforced: script smuggled into a page copy does not run."""
    # In a copy (hard links) of the site: other modules read the site meanwhile.
    copy = tmp_path / "site"
    shutil.copytree(site, copy, copy_function=os.link)
    page_path = copy / "ja" / "introduction.html"
    html = page_path.read_text(encoding="utf-8")
    assert 'http-equiv="Content-Security-Policy"' in html
    smuggled = html.replace("</article>", '<script>window.__ran = 1</script>'
                            '<img src="x" onerror="window.__ran = 2"></article>', 1)
    probe = page_path.with_name("csp-probe.html")
    probe.write_text(smuggled, encoding="utf-8")
    page = browser.new_page()
    page.goto(f"{serve(copy)}/ja/csp-probe.html", wait_until="load")
    assert page.evaluate("window.__ran") is None
    page.close()


def test_links_of_the_built_site_all_resolve(site: Path) -> None:
    assert check_site(site) == []
    links = [url for path in site.rglob("*.html") for _, _, url in read_page(path).links]
    assert any(url.endswith(".pdf") for url in links), "the PDF links were checked"
    assert any(url.startswith("../easy/") for url in links), "the edition switcher was checked"
    assert any("#" in url and not url.startswith("#") for url in links)


def test_link_checker_reports_each_kind_of_broken_link(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.html").write_text('<p id="here">x</p>', encoding="utf-8")
    (tmp_path / "sub" / "index.html").write_text(
        '<a href="../a.html#here">ok</a>\n<a href="../a.html#gone">anchor</a>\n'
        '<a href="../b.html">file</a>\n<a href="../../outside.html">out</a>\n'
        '<a href="javascript:alert(1)">js</a>\n<a href="https://example.org/">ext</a>',
        encoding="utf-8")
    found = [(d.line, d.code) for d in check_site(tmp_path)]
    assert found == [(2, "LNK002"), (3, "LNK001"), (4, "LNK003"), (5, "LNK004")]

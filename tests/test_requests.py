"""Every page in a real browser: nothing is loaded from outside the site, nothing is missing
(no 404, a favicon included), the Content Security Policy is never violated, and no script
error is logged; plus the link checker over the built site (tools/checks/links.py)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import PAGE_PREFIX

from tools.bench.pages import measure
from tools.checks.links import check_site, read_page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(pdf_site: Path) -> Path:
    """Both editions built after the PDFs (so the sidebars link them) and the landing page:
    the PDFs' build folder (conftest.pdf_site; the shared site has no PDFs)."""
    return pdf_site


@pytest.fixture(scope="module")
def loads(page_loads: dict[str, dict]) -> dict[str, dict]:
    """Every page loaded under PAGE_PREFIX (conftest.page_loads, shared with test_hosting)."""
    print("\nrequests per page: " + ", ".join(f"{page} {load['requests']}"
                                            for page, load in page_loads.items()))
    return page_loads


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def test_every_page_loads_only_from_the_site(loads: dict[str, dict]) -> None:
    urls = [(page, r["url"]) for page, load in loads.items() for r in load["detail"]]
    origin = _origin(urls[0][1])
    outside = [f"{page}: {url}" for page, url in urls
               if not url.startswith(origin + PAGE_PREFIX)]
    assert not outside, "\n".join(outside)
    assert len(loads) >= 2 * 10 + 1 and "index.html" in loads
    assert all(load["detail"] for load in loads.values())
    search = [load for page, load in loads.items() if "search.html?q=" in page]
    assert len(search) == 2 and all(any("searchindex.js" in r["url"] for r in load["detail"])
                                    for load in search)


def test_nothing_is_missing(loads: dict[str, dict]) -> None:
    failed = [f"{page}: {failure}" for page, load in loads.items()
              for failure in load["failed"]]
    assert not failed, "\n".join(failed)
    assert [page for page, load in loads.items() if load["icon_status"] != 200] == []


def test_no_content_security_policy_violation_or_script_error(loads: dict[str, dict]) -> None:
    problems = [f"{page}: {problem}" for page, load in loads.items()
                for problem in load["csp_violations"] + load["script_errors"]]
    assert not problems, "\n".join(problems)


def test_the_policy_blocks_inline_script(site: Path, serve, browser, tmp_path: Path) -> None:
    """The policy is really enforced: script smuggled into a page copy does not run; the
    shared page loads (tools.bench.pages.measure) report it and what else went wrong."""
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
    # ... and the page loads above would have reported it: the blocked script, the missing
    # image and a script error.
    probe.write_text(smuggled.replace("</article>", "<script src='_static/none.js'></script>"
                                      "</article>", 1), encoding="utf-8")
    (copy / "ja" / "_static" / "throws.js").write_text("null.x;", encoding="utf-8")
    probe.write_text(probe.read_text(encoding="utf-8").replace(
        "</article>", "<script src='_static/throws.js'></script></article>", 1), encoding="utf-8")
    found = measure(browser, f"{serve(copy)}/ja/csp-probe.html")
    assert any("script-src" in v for v in found["csp_violations"]), found["csp_violations"]
    assert any("/ja/x (404)" in f for f in found["failed"]), found["failed"]
    assert any("_static/none.js" in f for f in found["failed"]), found["failed"]
    assert any("null" in e for e in found["script_errors"]), found["script_errors"]
    assert found["icon_status"] == 200


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

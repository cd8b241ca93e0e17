"""The accessibility gate: every page of every edition, light and dark, 1280×800 and 320×640.

axe-core (WCAG 2.0/2.1/2.2 A and AA, best practice) finds no violation; the page never
scrolls sideways (tables scroll in a focusable, named container); WCAG 1.4.12 text
spacing clips nothing; the first Tab shows a Japanese skip link and every focus stop
is visible with a 2px, 3:1 indicator; the current Nu Html Checker finds no error.

``A11Y_SITE=<folder>`` tests an already built site (``nox -s a11y`` tests what it
publishes) instead of building one; ``A11Y_RESULTS=<file>`` writes the results that
the site's 試験結果 page shows (tools/a11y/report.py).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tools.a11y.audit import MODES, PageAudit, audit_site, site_pages, tool_versions
from tools.a11y.report import problems_of, summarize, write
from tools.checks import vnu
from tools.editions import EDITIONS
from tools.publish.build import build_site

pytestmark = pytest.mark.browser

LANDING = "landing"  # the site's front page, outside the editions
SCOPES = [*EDITIONS, LANDING]


@pytest.fixture(scope="module")
def site_root(request: pytest.FixtureRequest, build_root: Path) -> Path:
    """The site with every edition: given by A11Y_SITE, else built from the sources."""
    given = os.environ.get("A11Y_SITE")
    if given:
        root = Path(given).resolve()
        missing = [name for name in EDITIONS if not (root / name / "index.html").exists()]
        assert not missing, f"{root}: editions not built: {missing} (run `python -m tools.publish.build`)"
        return root
    for name in EDITIONS:
        try:
            request.getfixturevalue(f"site_{name}")  # the shared builds of tests/conftest.py
        except pytest.FixtureLookupError:
            build_site([name], build_root=build_root)
    return build_root / "site"


def _pages(site_root: Path, scope: str) -> list[str]:
    if scope == LANDING:
        return sorted(p.name for p in site_root.glob("*.html"))
    return site_pages(site_root / scope)


@pytest.fixture(scope="module")
def gate(site_root: Path, serve, browser) -> Iterator[dict[str, Any]]:
    """Audit every page of every scope once; write the results file when asked to."""
    started = time.monotonic()
    base = serve(site_root)
    audits: dict[str, list[PageAudit]] = {}
    for scope in SCOPES:
        pages = _pages(site_root, scope)
        prefix = "" if scope == LANDING else f"{scope}/"
        found = audit_site(browser, base, [prefix + page for page in pages],
                           needs_skip_link=scope != LANDING)
        for audit in found:
            audit.page = audit.page.removeprefix(prefix)
        audits[scope] = found
    messages = vnu.check([site_root])
    audits_seconds = time.monotonic() - started
    yield {"audits": audits, "vnu": messages}
    results_file = os.environ.get("A11Y_RESULTS")
    if results_file:
        tools = {
            **tool_versions(),
            "chromium": browser.version,
            "vnu-jar": vnu.VNU_VERSION,
            "java": vnu.java_version(),
        }
        labels = {name: edition.label for name, edition in EDITIONS.items()}
        labels[LANDING] = "トップページ（版の選択）"
        results = summarize(audits, messages, tools=tools, modes=[m.name for m in MODES],
                            labels=labels, seconds=audits_seconds)
        print(f"\naccessibility results: {write(results, Path(results_file))}")


def _problems(gate, scope: str, check: str) -> list[str]:
    return [
        f"{audit.page} [{audit.mode}] {problem}"
        for audit in gate["audits"][scope]
        for problem in problems_of(audit)[check]
    ]


def test_every_page_is_audited_in_every_mode(gate, site_root: Path) -> None:
    for scope in SCOPES:
        pages = _pages(site_root, scope)
        audited = {(a.page, a.mode) for a in gate["audits"][scope]}
        assert audited == {(p, m.name) for p in pages for m in MODES}, scope
    for name in EDITIONS:
        pages = _pages(site_root, name)
        assert {"index.html", "search.html", "genindex.html"} <= set(pages), name
        assert len(pages) >= 10, name


@pytest.mark.parametrize("scope", SCOPES)
def test_axe_finds_no_violations(gate, scope: str) -> None:
    problems = _problems(gate, scope, "axe")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scope", SCOPES)
def test_pages_reflow_at_320px(gate, scope: str) -> None:
    problems = _problems(gate, scope, "reflow")
    assert not problems, "\n".join(problems)
    narrow = [a for a in gate["audits"][scope] if a.mode.endswith("320x640")]
    assert narrow and all(a.reflow["viewportWidth"] == 320 for a in narrow)


@pytest.mark.parametrize("scope", SCOPES)
def test_text_spacing_clips_no_text(gate, scope: str) -> None:
    problems = _problems(gate, scope, "text-spacing")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scope", list(EDITIONS))
def test_first_tab_shows_a_japanese_skip_link(gate, scope: str) -> None:
    problems = _problems(gate, scope, "skip-link")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scope", SCOPES)
def test_every_focus_stop_is_visible(gate, scope: str) -> None:
    problems = _problems(gate, scope, "focus")
    assert not problems, "\n".join(problems)
    stops = sum(len(a.focus_stops) for a in gate["audits"][scope])
    assert stops >= len(gate["audits"][scope]), "Tab reached (almost) nothing"


def test_nu_html_checker_finds_no_error(gate, site_root: Path) -> None:
    errors = vnu.errors(gate["vnu"])
    assert not errors, "\n".join(map(str, errors))
    for scope in SCOPES:
        assert _pages(site_root, scope), scope


def _platform_fonts(page, selector: str) -> set[str]:
    """The fonts chromium really drew *selector*'s text with (DevTools CSS domain)."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    session.detach()
    return {font["familyName"] for font in fonts}


@pytest.mark.parametrize("scope", list(EDITIONS))
def test_text_is_set_in_the_fonts_the_project_installs(
    site_root: Path, serve, browser, scope: str
) -> None:
    """Line breaks, and so the layout checks above, do not depend on other installed fonts."""
    page = browser.new_page()
    try:
        page.goto(f"{serve(site_root)}/{scope}/introduction.html")
        stack = page.evaluate("getComputedStyle(document.querySelector('article p')).fontFamily")
        assert stack.startswith('"BIZ UDPGothic"'), stack
        assert _platform_fonts(page, "article p") == {"BIZ UDPGothic"}
        assert _platform_fonts(page, "article h1") <= {"BIZ UDPGothic"}
    finally:
        page.close()

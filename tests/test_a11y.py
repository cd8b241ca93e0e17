"""The accessibility gate: every page of every edition, light and dark, 1280×800 and 320×640.

axe-core (WCAG 2.0/2.1/2.2 A and AA, best practice) finds no violation; the page never
scrolls sideways (tables scroll in a focusable, named container); WCAG 1.4.12 text
spacing clips nothing; the first Tab shows a Japanese skip link and every focus stop
is visible with a 2px, 3:1 indicator; the current Nu Html Checker finds no error. Pages
with audio are audited with their 「読み上げ」 player shown (the shared test site reads
conftest.AUDIO_PAGES aloud).

``A11Y_SITE=<folder>`` tests an already built site (``nox -s a11y`` tests what it
publishes) instead of building one; ``A11Y_RESULTS=<file>`` writes the results that
the site's 試験結果 page shows (tools/a11y/report.py).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tools.a11y.audit import (
    LAY_OUT_ALL_JS,
    MODES,
    PageAudit,
    audit_site,
    site_pages,
    tool_versions,
)
from tools.a11y.report import problems_of, summarize, write
from tools.checks import vnu
from tools.editions import EDITIONS

pytestmark = pytest.mark.browser

LANDING = "landing"  # the site's front page, outside the editions
SCOPES = [*EDITIONS, LANDING]


WIDTHS = sorted({mode.width for mode in MODES}, reverse=True)  # 1280, 320


def _parts(scopes: list[str]) -> list[str]:
    """Each scope at each viewport width (both colour schemes): the gate's units of work.

    Under pytest-xdist each part runs on one worker (tests/conftest.py, xdist_scope), the
    easy edition's first: its pages (ruby) take longest, and its two parts run side by side.
    """
    ordered = sorted(scopes, key=lambda scope: (scope != "easy", scope == LANDING))
    return [f"{scope}-{width}" for scope in ordered for width in WIDTHS]


SCOPE_PARTS = _parts(SCOPES)
EDITION_PARTS = _parts(list(EDITIONS))


def _split(part: str) -> tuple[str, int]:
    scope, width = part.rsplit("-", 1)
    return scope, int(width)


@pytest.fixture(scope="module")
def site_root(request: pytest.FixtureRequest) -> Path:
    """The site with every edition: given by A11Y_SITE, else the run's shared build."""
    given = os.environ.get("A11Y_SITE")
    if given:
        root = Path(given).resolve()
        missing = [name for name in EDITIONS if not (root / name / "index.html").exists()]
        assert not missing, f"{root}: editions not built: {missing} (run `python -m tools.publish.build`)"
        return root
    return request.getfixturevalue("site")  # tests/conftest.py


def _pages(site_root: Path, scope: str) -> list[str]:
    if scope == LANDING:
        return sorted(p.name for p in site_root.glob("*.html"))
    return site_pages(site_root / scope)


@pytest.fixture(scope="module")
def gate(site_root: Path, serve, browser) -> Iterator[Gate]:
    """Audits each scope once, when a test first asks for it; writes the results when asked to."""
    found = Gate(site_root, serve(site_root), browser)
    yield found
    results_file = os.environ.get("A11Y_RESULTS")
    if results_file:
        audits = {scope: found.audits(scope) for scope in SCOPES}  # every scope, this process
        messages = found.vnu()
        tools = {
            **tool_versions(),
            "chromium": browser.version,
            "vnu-jar": vnu.VNU_VERSION,
            "java": vnu.java_version(),
        }
        labels = {name: edition.label for name, edition in EDITIONS.items()}
        labels[LANDING] = "トップページ（版の選択）"
        results = summarize(audits, messages, tools=tools, modes=[m.name for m in MODES],
                            labels=labels, seconds=found.seconds)
        print(f"\naccessibility results: {write(results, Path(results_file))}")


class Gate:
    """The gate's findings, each computed once per process: audits per scope, vnu's messages."""

    def __init__(self, site_root: Path, base: str, browser) -> None:
        self.site_root, self.base, self.browser = site_root, base, browser
        self._audits: dict[tuple[str, int], list[PageAudit]] = {}
        self._vnu: list[vnu.Message] | None = None
        self.seconds = 0.0

    def audits(self, scope: str, width: int | None = None) -> list[PageAudit]:
        """The audits of *scope* at one viewport *width* (None: every mode, in MODES order)."""
        if width is None:
            return [audit for w in WIDTHS for audit in self.audits(scope, w)]
        if (scope, width) not in self._audits:
            started = time.monotonic()
            prefix = "" if scope == LANDING else f"{scope}/"
            found = audit_site(self.browser, self.base,
                               [prefix + page for page in _pages(self.site_root, scope)],
                               modes=tuple(m for m in MODES if m.width == width),
                               needs_skip_link=scope != LANDING)
            for audit in found:
                audit.page = audit.page.removeprefix(prefix)
            self._audits[scope, width] = found
            self.seconds += time.monotonic() - started
        return self._audits[scope, width]

    def vnu(self) -> list[vnu.Message]:
        if self._vnu is None:
            started = time.monotonic()
            self._vnu = vnu.check([self.site_root])
            self.seconds += time.monotonic() - started
        return self._vnu


def _problems(gate: Gate, part: str, check: str) -> list[str]:
    return [
        f"{audit.page} [{audit.mode}] {problem}"
        for audit in gate.audits(*_split(part))
        for problem in problems_of(audit)[check]
    ]


@pytest.mark.parametrize("part", SCOPE_PARTS)
def test_every_page_is_audited_in_every_mode(gate: Gate, site_root: Path, part: str) -> None:
    scope, width = _split(part)
    pages = _pages(site_root, scope)
    audited = {(a.page, a.mode) for a in gate.audits(scope, width)}
    modes = [m for m in MODES if m.width == width]
    assert len(modes) == 2, "light and dark"
    assert audited == {(p, m.name) for p in pages for m in modes}, part
    if scope in EDITIONS:
        assert {"index.html", "search.html", "genindex.html"} <= set(pages), scope
        assert len(pages) >= 10, scope


def test_the_parts_cover_every_mode() -> None:
    from conftest import HEAVY_FIRST, xdist_scope

    from tools import ROOT

    # The gate's parts are handed out first, then the other long modules (all still there).
    assert HEAVY_FIRST[0] == "tests/test_a11y.py"
    assert all((ROOT / module).is_file() for module in HEAVY_FIRST)

    assert {m.width for m in MODES} == set(WIDTHS)
    # Each part is its own unit of work for pytest-xdist; the rest of the module is one.
    here = "tests/test_a11y.py"
    assert xdist_scope(f"{here}::test_axe_finds_no_violations[easy-320]") == f"{here}[easy-320]"
    assert xdist_scope(f"{here}::test_nu_html_checker_finds_no_error") == here
    assert xdist_scope("tests/test_pdf.py::test_dates_come_from_source_date_epoch[easy]") == (
        "tests/test_pdf.py")
    assert {_split(part) for part in SCOPE_PARTS} == {(s, w) for s in SCOPES for w in WIDTHS}


@pytest.mark.parametrize("part", SCOPE_PARTS)
def test_axe_finds_no_violations(gate: Gate, part: str) -> None:
    problems = _problems(gate, part, "axe")
    assert not problems, "\n".join(problems)


# axe leaves to a person only the text whose background it cannot tell (text over an image or
# a gradient): a handful per page. Hundreds mean that it could not see the blocks laid out
# (lazy-layout.css leaves those below the first screen unlaid; 990 on easy/system.html).
MAX_CONTRAST_UNDECIDED = 40


@pytest.mark.parametrize("part", SCOPE_PARTS)
def test_axe_decides_the_contrast_of_nearly_all_text(gate: Gate, part: str) -> None:
    undecided = {f"{audit.page} [{audit.mode}]": count for audit in gate.audits(*_split(part))
                 if (count := sum(len(rule["nodes"]) for rule in audit.axe_incomplete
                                  if rule["id"] == "color-contrast")) > MAX_CONTRAST_UNDECIDED}
    assert undecided == {}


@pytest.mark.parametrize("part", SCOPE_PARTS)
def test_pages_reflow_at_320px(gate: Gate, part: str) -> None:
    problems = _problems(gate, part, "reflow")
    assert not problems, "\n".join(problems)
    scope, width = _split(part)
    if width == 320:
        narrow = gate.audits(scope, width)
        assert narrow and all(a.reflow["viewportWidth"] == 320 for a in narrow)


@pytest.mark.parametrize("part", SCOPE_PARTS)
def test_text_spacing_clips_no_text(gate: Gate, part: str) -> None:
    problems = _problems(gate, part, "text-spacing")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("part", EDITION_PARTS)
def test_first_tab_shows_a_japanese_skip_link(gate: Gate, part: str) -> None:
    problems = _problems(gate, part, "skip-link")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("part", SCOPE_PARTS)
def test_every_focus_stop_is_visible(gate: Gate, part: str) -> None:
    problems = _problems(gate, part, "focus")
    assert not problems, "\n".join(problems)
    audits = gate.audits(*_split(part))
    stops = sum(len(a.focus_stops) for a in audits)
    assert stops >= len(audits), "Tab reached (almost) nothing"


def _audio_pages(site_root: Path, scope: str) -> set[str]:
    """The pages of *scope* whose audio is in the site (their timings in audio/<scope>/)."""
    folder = site_root / "audio" / scope
    return {p.relative_to(folder).with_suffix(".html").as_posix() for p in folder.rglob("*.json")}


@pytest.mark.parametrize("part", EDITION_PARTS)
def test_pages_with_audio_are_audited_with_their_player(gate: Gate, site_root: Path,
                                                        part: str) -> None:
    """The 「読み上げ」 player is inside the gate: on every page with audio, every check above
    ran with the player shown and Tab went through its controls; no other page offers one."""
    scope, width = _split(part)
    with_audio = _audio_pages(site_root, scope)
    assert with_audio, f"{scope}: no page has audio, so no player was audited"
    if not os.environ.get("A11Y_SITE"):
        from conftest import AUDIO_PAGES

        assert with_audio == {f"{page}.html" for page in AUDIO_PAGES}, scope
    wrong = [f"{a.page} [{a.mode}] player {a.player}, audio {a.page in with_audio}"
             for a in gate.audits(scope, width)
             if a.player is not (True if a.page in with_audio else None)]
    assert not wrong, "\n".join(wrong)
    for audit in gate.audits(scope, width):
        if audit.player:
            stops = [stop["element"] for stop in audit.focus_stops]
            assert sum("read-aloud" in stop for stop in stops) >= 3, (audit.page, audit.mode)


def test_nu_html_checker_finds_no_error(gate: Gate, site_root: Path) -> None:
    errors = vnu.errors(gate.vnu())
    assert not errors, "\n".join(map(str, errors))
    for scope in SCOPES:
        assert _pages(site_root, scope), scope


# Every link of a page that takes focus, each brought into view from above with the least
# scroll, as Tab brings a focus stop back into view (focus() would centre it instead):
# [how many took focus, the texts of those left under the sticky header].
FOCUS_FROM_ABOVE_JS = """() => {
  document.documentElement.style.scrollBehavior = "auto";
  const header = document.querySelector(".mobile-header").getBoundingClientRect();
  const links = [...document.querySelectorAll("article a[href]")];
  const covered = [];
  let focused = 0;
  for (const link of links) {
    link.focus({preventScroll: true});
    if (document.activeElement !== link) continue;  // not a focus stop (a hidden ¶ link)
    focused += 1;
    window.scrollTo(0, link.getBoundingClientRect().top + window.scrollY + 200);
    // What Tab does to a focus stop above the screen: the least scroll that shows it.
    link.scrollIntoView({block: "nearest", inline: "nearest"});
    if (link.getBoundingClientRect().top < header.bottom) covered.push(link.textContent.trim());
  }
  return [focused, covered];
}"""


@pytest.mark.parametrize("scope", list(EDITIONS))
def test_focus_never_lands_under_the_sticky_header(site_root: Path, serve, browser,
                                                   scope: str) -> None:
    """WCAG 2.4.11 on small screens, wherever a page's layout puts a link: furo's header
    sticks to the top, and a link that focus scrolls back into view stops below it
    (scroll-padding in _static/a11y.css). The keyboard walk above finds this only where a
    link happens to land there: the published pages, each with its 「読み上げ」 player, did
    (easy/schedule.html at 320 px), the suite's pages without the player did not."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        page.goto(f"{serve(site_root)}/{scope}/overview.html", wait_until="load")
        page.evaluate(LAY_OUT_ALL_JS)
        count, covered = page.evaluate(FOCUS_FROM_ABOVE_JS)
    finally:
        context.close()
    assert count >= 5 and covered == []


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

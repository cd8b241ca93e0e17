"""Audit every page of a built site in a real browser: axe-core, reflow, text spacing, keyboard.

One page load per page and viewport size runs all browser checks in both colour
schemes, so the whole gate stays fast on a small machine; the results are plain data (dicts and
lists) that the tests assert on and that ``tools.sphinxext.a11y_results`` publishes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
CHECKS_JS = (Path(__file__).with_name("audit.js")).read_text(encoding="utf-8")
MAX_TAB_STOPS = 600
MIN_FOCUS_WIDTH = 2.0
MIN_FOCUS_CONTRAST = 3.0
# What _static/lazy-layout.js does before a jump to an anchor.
LAY_OUT_ALL_JS = "document.documentElement.classList.add('lazy-layout-off')"
# The 「読み上げ」 player (tools/sphinxext/speech.py) is in the markup of pages with audio and
# shown once read-aloud.js has fetched the page's timings: audited with it on the page.
PLAYER = "[data-read-aloud]"
PLAYER_SHOWN = "[data-read-aloud]:not([hidden])"
PLAYER_TIMEOUT_MS = 5000


@dataclass(frozen=True)
class Mode:
    """A display mode a page is tested in: colour scheme and viewport."""

    scheme: str
    width: int
    height: int

    @property
    def name(self) -> str:
        return f"{self.scheme}-{self.width}x{self.height}"


MODES = (
    Mode("light", 1280, 800),
    Mode("dark", 1280, 800),
    Mode("light", 320, 640),
    Mode("dark", 320, 640),
)


@dataclass
class PageAudit:
    """Everything measured on one page in one mode."""

    page: str
    mode: str
    axe_violations: list[dict[str, Any]] = field(default_factory=list)
    axe_incomplete: list[dict[str, Any]] = field(default_factory=list)
    # rule id -> outcome ("violations", "incomplete", "passes", "inapplicable") and its tags
    axe_outcomes: dict[str, str] = field(default_factory=dict)
    axe_tags: dict[str, list[str]] = field(default_factory=dict)
    reflow: dict[str, Any] = field(default_factory=dict)
    spacing: list[dict[str, Any]] = field(default_factory=list)
    skip_link: dict[str, Any] | None = None
    # A page with blocks repeated on every page (furo's header and sidebar) needs a skip link
    # (WCAG 2.4.1); the site's one-screen landing page does not.
    needs_skip_link: bool = True
    focus_stops: list[dict[str, Any]] = field(default_factory=list)
    # The read-aloud player: None when the page offers none, else whether it was shown
    # (its audio found) before the checks ran.
    player: bool | None = None

    def reflow_problems(self) -> list[str]:
        problems = []
        if self.reflow["pageWidth"] > self.reflow["viewportWidth"]:
            problems.append(
                f"the page scrolls sideways ({self.reflow['pageWidth']}px in "
                f"{self.reflow['viewportWidth']}px)"
            )
        for region in self.reflow["regions"]:
            if not (region["focusable"] and region["named"]):
                problems.append(f"scrollable {region['element']} is not focusable and labelled")
        return problems

    def focus_problems(self) -> list[str]:
        problems = []
        for stop in self.focus_stops:
            where = stop["element"]
            if not stop["visible"]:
                problems.append(f"focus on a hidden element: {where}")
                continue
            if stop["obscured"]:
                problems.append(f"focused element covered by another element: {where}")
            if stop["outlineWidth"] < MIN_FOCUS_WIDTH:
                problems.append(f"focus indicator {stop['outlineWidth']}px < 2px: {where}")
            elif stop["contrast"] < MIN_FOCUS_CONTRAST:
                problems.append(f"focus indicator contrast {stop['contrast']} < 3:1: {where}")
        return problems

    def skip_link_problems(self) -> list[str]:
        if not self.needs_skip_link:
            return []
        link = self.skip_link
        if link is None:
            return ["the first Tab reaches nothing"]
        problems = []
        if "skip" not in link["element"] and "main" not in link.get("href", ""):
            problems.append(f"the first Tab reaches {link['element']}, not a skip link")
        if not link["visible"]:
            problems.append("the skip link is not visible when focused")
        if not _is_japanese(link["text"]):
            problems.append(f"the skip link text is not Japanese: {link['text']!r}")
        return problems


def _is_japanese(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as paths relative to it (theme assets excluded)."""
    return sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*.html")
        if not path.relative_to(site).parts[0].startswith("_")
    )


def tool_versions() -> dict[str, str]:
    """Names and versions of the tools the browser audit uses."""
    from axe_playwright_python.sync_playwright import Axe

    axe_version = Axe().axe_script.split("axe v", 1)[-1].split(" ", 1)[0].strip()
    return {
        "axe-core": axe_version,
        "axe-playwright-python": version("axe-playwright-python"),
        "playwright": version("playwright"),
    }


class Auditor:
    """Runs all browser checks on pages of one site, one browser context per viewport size."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        from axe_playwright_python.sync_playwright import Axe

        self.browser = browser
        self.base_url = base_url.rstrip("/")
        self.axe = Axe()
        self._pages: dict[str, Page] = {}
        self._contexts: list[BrowserContext] = []

    def _page(self, mode: Mode) -> Page:
        if mode.name not in self._pages:
            context = self.browser.new_context(
                viewport={"width": mode.width, "height": mode.height},
                color_scheme=mode.scheme,
                reduced_motion="no-preference",
            )
            self._contexts.append(context)
            self._pages[mode.name] = context.new_page()
        return self._pages[mode.name]

    def close(self) -> None:
        for context in self._contexts:
            context.close()
        self._contexts.clear()
        self._pages.clear()

    def audit(self, page_path: str, mode: Mode, *, needs_skip_link: bool = True) -> PageAudit:
        return self.audit_modes(page_path, (mode,), needs_skip_link=needs_skip_link)[0]

    def audit_modes(self, page_path: str, modes: tuple[Mode, ...], *,
                    needs_skip_link: bool = True) -> list[PageAudit]:
        """Every check of one page in *modes* (one viewport size, its colour schemes), from
        one page load: the colour scheme is switched on the loaded page (furo's schemes are
        CSS media queries, and every check runs again in each)."""
        if len({(mode.width, mode.height) for mode in modes}) != 1:
            raise ValueError(f"one viewport size at a time, not {[m.name for m in modes]}")
        page = self._page(modes[0])
        page.emulate_media(color_scheme=modes[0].scheme)
        page.goto(f"{self.base_url}/{page_path}", wait_until="load")
        player = self._wait_for_player(page)
        page.evaluate(CHECKS_JS)
        # Every check looks at every block at once: lay out those the screen has not reached
        # yet, as they are when the reader reaches them. Left to _static/lazy-layout.css, they
        # have no layout: axe cannot tell their contrast (about 990 elements "incomplete" on
        # an easy page instead of about 15) and a table there cannot overflow.
        page.evaluate(LAY_OUT_ALL_JS)
        results = [PageAudit(page=page_path, mode=mode.name, needs_skip_link=needs_skip_link,
                             player=player) for mode in modes]
        for mode, result in zip(modes, results, strict=True):
            page.emulate_media(color_scheme=mode.scheme)
            self._run_axe(page, result)
            result.reflow = page.evaluate("window.__a11yAudit.reflow()")
        for mode, result in zip(modes, results, strict=True):
            page.emulate_media(color_scheme=mode.scheme)
            self._walk_focus(page, result)  # from the top each time (forgetFocus)
            result.spacing = page.evaluate("window.__a11yAudit.textSpacing()")
        return results

    @staticmethod
    def _wait_for_player(page: Page) -> bool | None:
        """Wait until the page's player is shown; None when the page has none."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        if not page.locator(PLAYER).count():
            return None
        try:
            page.wait_for_selector(PLAYER_SHOWN, state="visible", timeout=PLAYER_TIMEOUT_MS)
        except PlaywrightTimeout:
            return False
        return True

    def _run_axe(self, page: Page, result: PageAudit) -> None:
        options = {
            "runOnly": {"type": "tag", "values": AXE_TAGS},
            "resultTypes": ["violations", "incomplete"],
        }
        response = self.axe.run(page, options=options).response
        for outcome in ("inapplicable", "passes", "incomplete", "violations"):
            for rule in response.get(outcome, []):
                result.axe_outcomes[rule["id"]] = outcome
                result.axe_tags[rule["id"]] = rule.get("tags", [])
        for key, target in (("violations", result.axe_violations),
                            ("incomplete", result.axe_incomplete)):
            for rule in response[key]:
                target.append({
                    "id": rule["id"],
                    "impact": rule.get("impact"),
                    "help": rule["help"],
                    "nodes": [" ".join(map(str, node["target"])) for node in rule["nodes"]],
                })

    def _walk_focus(self, page: Page, result: PageAudit) -> None:
        """Tab through the whole page from the top, recording each focus stop."""
        page.evaluate("window.__a11yAudit.instantScroll()")
        page.keyboard.press("Tab")
        # furo slides the skip link in (0.3 s); focusState() waits for running transitions.
        first = page.evaluate("window.__a11yAudit.focusState()")
        if first is not None:
            first["href"] = page.evaluate("document.activeElement.getAttribute('href') || ''")
        result.skip_link = first
        stop = first
        while stop is not None and len(result.focus_stops) < MAX_TAB_STOPS:
            result.focus_stops.append(stop)
            page.keyboard.press("Tab")
            stop = page.evaluate("window.__a11yAudit.focusState()")
        # Leave the page as it was loaded for the checks that follow.
        page.evaluate("window.__a11yAudit.forgetFocus()")


def audit_site(browser: Browser, base_url: str, pages: list[str],
               modes: tuple[Mode, ...] = MODES, *, needs_skip_link: bool = True
               ) -> list[PageAudit]:
    """Audit *pages* (paths under *base_url*) in every mode; mode by mode, page by page."""
    sizes: dict[tuple[int, int], list[Mode]] = {}
    for mode in modes:
        sizes.setdefault((mode.width, mode.height), []).append(mode)
    auditor = Auditor(browser, base_url)
    try:
        found = {(audit.mode, audit.page): audit
                 for size in sizes.values() for page in pages
                 for audit in auditor.audit_modes(page, tuple(size),
                                                  needs_skip_link=needs_skip_link)}
    finally:
        auditor.close()
    return [found[mode.name, page] for mode in modes for page in pages]

"""Reader tools and keyboard use of furo's chrome, in real Debian chromium.

ふりがな on/off (easy edition) takes the reading out of the accessibility tree, text
size goes up to 200% and reflows, both are remembered; without JavaScript the page
shows ruby at the default size and no dead controls; drawer toggles are buttons that
Escape closes; furo's English interface text is gone.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import soup

from tools.sphinxext.a11y_fixes import TEXT_SIZES

pytestmark = pytest.mark.browser

KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# Words that may stay in Latin letters in the interface: names and formats.
# Formats and units of the download links (「PDF 806KB」「EPUB（電子書籍）」「音声（MP3、3分）」) are
# written as Japanese sites write them.
LATIN_OK = {"sphinx", "furo", "pdf", "epub", "mp", "kb", "mb", "javascript", "html", "wcag",
            "jis", "axe", "nox"}


def ruby_in_tree(page, cdp) -> dict[str, Any]:
    """What Chromium's accessibility tree exposes for the first ruby word of the article."""
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "article p ruby"})["nodeId"]
    backend = cdp.send("DOM.describeNode", {"nodeId": node})["node"]["backendNodeId"]
    tree = {n["nodeId"]: n for n in cdp.send("Accessibility.getFullAXTree")["nodes"]}
    (ruby,) = [n for n in tree.values() if n.get("backendDOMNodeId") == backend]
    exposed = []
    for child_id in ruby.get("childIds", []):
        child = tree.get(child_id, {})
        if not child.get("ignored"):
            exposed.append(child.get("name", {}).get("value", ""))
    return {
        "role": ruby.get("role", {}).get("value"),
        "text": "".join(exposed),
        "description": ruby.get("description", {}).get("value", ""),
    }


def _ruby_page(site: Path) -> tuple[str, str, str]:
    """A page of *site* with ruby in a paragraph, with the first word's base and reading."""
    for path in sorted(site.glob("*.html")):
        ruby = soup(path).select_one("article p ruby")
        if ruby is not None:
            return path.name, ruby.find(string=True, recursive=False), ruby.rt.get_text()
    raise AssertionError(f"{site}: no page has ruby in a paragraph")


def test_furigana_switch_takes_the_reading_out_of_the_tree(site_easy: Path, serve, browser
                                                           ) -> None:
    name, base, reading = _ruby_page(site_easy)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(f"{serve(site_easy)}/{name}")
        cdp = context.new_cdp_session(page)
        shown = ruby_in_tree(page, cdp)
        # Chromium gives the base as text and the reading as the ruby's description.
        assert shown == {"role": "Ruby", "text": base, "description": reading}, shown
        button = page.locator("button[data-furigana]")
        assert button.get_attribute("aria-pressed") == "true"
        button.focus()
        page.keyboard.press("Enter")
        assert button.get_attribute("aria-pressed") == "false"
        hidden = ruby_in_tree(page, cdp)
        assert hidden == {"role": "Ruby", "text": base, "description": ""}, hidden
        assert page.evaluate("getComputedStyle(document.querySelector('article rt')).display") \
            == "none"
        page.reload()  # remembered
        assert page.locator("button[data-furigana]").get_attribute("aria-pressed") == "false"
        assert ruby_in_tree(page, context.new_cdp_session(page))["description"] == ""
        page.locator("button[data-furigana]").focus()
        page.keyboard.press("Space")
        assert page.locator("button[data-furigana]").get_attribute("aria-pressed") == "true"
        print(f"\nruby {base}《{reading}》 on: {shown}; off: {hidden}")
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 320])
def test_text_size_reaches_200_percent_and_reflows(site_ja: Path, serve, browser, width: int
                                                   ) -> None:
    assert len(TEXT_SIZES) >= 3 and TEXT_SIZES[-1] == "200"
    base = serve(site_ja)
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        page.goto(f"{base}/system.html")
        size = "parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)"
        normal = page.evaluate(size)
        for step in TEXT_SIZES:
            page.locator(f"button[data-text-size='{step}']").click()
            assert page.evaluate(size) == pytest.approx(normal * int(step) / 100, rel=0.02)
            assert page.locator(f"button[data-text-size='{step}']").get_attribute(
                "aria-pressed") == "true"
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, f"{step}%: the page scrolls sideways ({scroll}px)"
        for path in sorted(site_ja.glob("*.html")):  # every page at 200%, remembered
            page.goto(f"{base}/{path.name}")
            assert page.evaluate("document.documentElement.dataset.textSize") == "200"
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, f"{path.name} at 200%: scrolls sideways ({scroll}px)"
    finally:
        context.close()


def test_without_javascript_the_page_is_plain_and_complete(site_easy: Path, serve, browser
                                                           ) -> None:
    name, _, reading = _ruby_page(site_easy)
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{serve(site_easy)}/{name}")
        assert not page.locator(".reader-tools").is_visible()
        assert page.locator("article rt").first.is_visible()
        assert reading in page.locator("article").inner_text()
        assert page.evaluate(
            "getComputedStyle(document.querySelector('article p')).fontSize") == "16px"
    finally:
        context.close()


def test_reader_tool_labels_speak_the_editions_language(site_ja: Path, site_easy: Path) -> None:
    ja = soup(site_ja / "index.html").select_one(".reader-tools")
    easy = soup(site_easy / "index.html").select_one(".reader-tools")
    assert "文字サイズ" in ja.get_text() and "標準" in ja.get_text()
    assert ja.select_one("[data-furigana]") is None  # the standard edition has no ruby
    assert "もじの おおきさ" in easy.get_text() and "ふりがな" in easy.get_text()
    labels = easy.get_text() + "".join(el.get("aria-label", "") for el in easy.select("*"))
    assert not KANJI.search(labels + easy.get("aria-label", "")), labels
    for tools in (ja, easy):
        assert tools.has_attr("hidden")  # shown by reader-tools.js only
        assert len(tools.select("[data-text-size]")) == len(TEXT_SIZES)


@pytest.mark.parametrize("drawer,page_name", [("furo-sidebar", "index.html"),
                                              ("furo-toc", "system.html")])
def test_drawer_buttons_work_by_keyboard(site_ja: Path, serve, browser, drawer: str,
                                         page_name: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        page.goto(f"{serve(site_ja)}/{page_name}")
        selector = f"button.a11y-drawer-toggle[aria-controls='{drawer}']"
        for _ in range(30):  # Tab until the visible toggle has focus
            page.keyboard.press("Tab")
            if page.evaluate(f"document.activeElement.matches(\"{selector}\")"):
                break
        else:
            raise AssertionError(f"Tab never reached the {drawer} button")
        page.evaluate("document.activeElement.dataset.tested = 'yes'")
        button = page.locator("[data-tested=yes]")
        assert button.get_attribute("aria-expanded") == "false"
        page.keyboard.press("Enter")
        page.wait_for_timeout(300)
        assert button.get_attribute("aria-expanded") == "true"
        inside = page.evaluate(
            f"document.getElementById('{drawer}').contains(document.activeElement)")
        assert inside, "focus did not move into the opened drawer"
        assert page.locator(f"#{drawer}").evaluate("el => getComputedStyle(el).visibility") \
            == "visible"
        page.keyboard.press("Escape")
        page.wait_for_timeout(300)
        assert page.evaluate("document.activeElement.dataset.tested") == "yes"
        assert button.get_attribute("aria-expanded") == "false"
        assert page.locator(f"#{drawer}").evaluate("el => getComputedStyle(el).visibility") \
            == "hidden"
    finally:
        context.close()


def _latin_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[A-Za-z]{2,}", text) if w.lower() not in LATIN_OK}


def test_interface_text_is_japanese(site_ja: Path, site_easy: Path) -> None:
    """furo's chrome (everything but the article) has no English words, shown or spoken."""
    for site in (site_ja, site_easy):
        for path in sorted(site.glob("*.html")):
            page = soup(path)
            # The plan's own words (headings in the navigation) are content, not interface.
            content = ("article, script, style, noscript, .sidebar-tree, .toc-tree, "
                       ".page-info .title")
            for hidden in page.select(content):
                hidden.decompose()
            spoken = [el.get(attr, "") for el in page.body.select("*")
                      for attr in ("aria-label", "title", "placeholder", "alt")]
            words = _latin_words(page.body.get_text(" ") + " ".join(spoken))
            assert not words, f"{path}: {sorted(words)}"


def test_furo_gaps_are_fixed_in_the_html(site_ja: Path, site_easy: Path) -> None:
    """The stock site's findings (reference/a11y.md), checked in the built HTML of both editions."""
    for site in (site_ja, site_easy):
        for path in sorted(site.glob("*.html")):
            page = soup(path)
            for caption in page.select("[role=heading]"):
                assert caption.get("aria-level"), f"{path.name}: {caption}"
            asides = page.select("aside")
            names = [aside.get("aria-label") for aside in asides]
            assert all(names) and len(set(names)) == len(names), f"{path.name}: {names}"
            assert not page.select(".view-this-page, .edit-this-page"), path.name
            assert len(page.find_all("h1")) == 1, f"{path.name}: not one h1"
            toggles = page.select("button.a11y-drawer-toggle")
            assert toggles and all(b.get("aria-expanded") == "false" for b in toggles)
            for region in page.select(".table-wrapper"):
                assert region.get("tabindex") == "0" and region.get("aria-label"), path.name
        assert soup(site / "search.html").select_one("article h1")
        assert soup(site / "search.html").select_one("article form input[name=q]")

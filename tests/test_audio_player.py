"""The 「読み上げ」 player in Debian chromium: it reads, highlights, obeys the keyboard, passes axe.

The page and its audio are built for real (tests/audio_site.py) and served with byte
ranges, as web servers do (media seeking needs them).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from audio_site import build_html, context, make_source, serve_with_ranges

from tools.a11y.audit import CHECKS_JS, MODES, Auditor, PageAudit
from tools.bench.pages import LAYOUT_SHIFT_JS
from tools.editions import EDITIONS
from tools.publish.audio import build_audio
from tools.sphinxext.speech import PLAYER_LABELS

pytestmark = pytest.mark.browser

CURRENT = "document.querySelector('.speech-current')?.id ?? null"
# playwright polls wait_for_function() predicates with eval, which the site's Content Security
# Policy forbids; the policy itself is tested on every page by tests/test_requests.py.
HARNESS = {"bypass_csp": True}


def wait_for_label(page, label: str) -> None:
    """The play button's name follows the audio's play/pause events (they come later)."""
    page.wait_for_function(
        "label => document.querySelector('[data-read-aloud-play]').textContent.trim() === label",
        arg=label)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    root = tmp_path_factory.mktemp("player")
    ctx = context(root / "_build", make_source(root / "docs"))
    for name in ("ja", "easy"):
        build_audio(EDITIONS[name], ctx)
        build_html(ctx, name)
    # A page whose audio was not built: a copy of the page whose player asks for timings
    # that do not exist (its scripts and styles are found, as on a real page).
    page = (ctx.staging / "ja" / "index.html").read_text(encoding="utf-8")
    assert 'data-src="../audio/ja/index.json"' in page
    (ctx.staging / "ja" / "silent.html").write_text(
        page.replace('data-src="../audio/ja/index.json"', 'data-src="../audio/ja/silent.json"'),
        encoding="utf-8")
    base, server = serve_with_ranges(ctx.staging)
    yield {"base": base, "staging": ctx.staging}
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(browser, site: dict):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, **HARNESS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site['base']}/ja/index.html")
    page.wait_for_selector("[data-read-aloud]:not([hidden])")
    yield page
    context.close()
    assert errors == []


def test_play_reads_and_highlights_sentence_after_sentence(page) -> None:
    play = page.locator("[data-read-aloud-play]")
    assert page.evaluate(CURRENT) is None  # no autoplay
    play.click()
    page.wait_for_function("document.querySelector('.speech-current')?.id === 's-1'")
    wait_for_label(page, PLAYER_LABELS["standard"]["pause"])
    # The heading is read, then the first sentence of the paragraph.
    page.wait_for_function("document.querySelector('.speech-current')?.id === 's-2'",
                           timeout=15000)
    assert page.evaluate("document.querySelectorAll('.speech-current').length") == 1
    play.click()
    wait_for_label(page, PLAYER_LABELS["standard"]["resume"])
    paused_at = page.evaluate(CURRENT)
    page.wait_for_timeout(500)
    assert page.evaluate(CURRENT) == paused_at


def test_the_player_works_from_the_keyboard(page) -> None:
    labels = PLAYER_LABELS["standard"]
    page.locator("[data-read-aloud-play]").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == labels["next"]
    page.keyboard.press("Enter")  # the paragraph after the heading
    assert page.evaluate(CURRENT) == "s-2"
    page.keyboard.press("Enter")  # its two sentences are skipped together: the list
    assert page.evaluate(CURRENT) == "s-4"
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == labels["prev"]
    page.keyboard.press("Enter")
    assert page.evaluate(CURRENT) == "s-2"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # 速さ
    page.keyboard.press("ArrowDown")
    assert page.locator("[data-read-aloud-speed]").input_value() == "1.25"
    for _ in range(3):
        page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.matches('[data-read-aloud-play]')")
    page.keyboard.press("Space")  # reading starts from the paragraph chosen
    wait_for_label(page, labels["pause"])
    page.wait_for_function("document.querySelector('.speech-current')?.id === 's-3'",
                           timeout=15000)
    page.keyboard.press("Enter")
    wait_for_label(page, labels["resume"])


def test_the_speed_changes_the_playback_rate_and_is_remembered(page) -> None:
    page.locator("[data-read-aloud-speed]").select_option("1.5")
    page.locator("[data-read-aloud-play]").click()
    page.wait_for_function("document.querySelector('.speech-current')")
    page.reload()
    page.wait_for_selector("[data-read-aloud]:not([hidden])")
    assert page.locator("[data-read-aloud-speed]").input_value() == "1.5"


def test_without_audio_the_player_stays_hidden(browser, site: dict) -> None:
    context = browser.new_context(**HARNESS)
    page = context.new_page()
    page.goto(f"{site['base']}/ja/silent.html", wait_until="networkidle")
    player = page.locator("[data-read-aloud]")
    assert player.get_attribute("hidden") == ""
    # The place kept for it from the first paint is given back.
    assert player.get_attribute("data-read-aloud") == "none"
    assert player.bounding_box() is None  # display: none
    context.close()


def test_the_player_appears_in_its_kept_place(browser, site: dict) -> None:
    """The article does not move down when the player appears (layout shift, issue 12)."""
    context = browser.new_context(**HARNESS)
    page = context.new_page()
    page.goto(f"{site['base']}/ja/index.html")
    page.wait_for_selector("[data-read-aloud]:not([hidden])")
    assert page.evaluate(LAYOUT_SHIFT_JS) == 0
    context.close()


def test_easy_edition_labels_are_in_kana(browser, site: dict) -> None:
    context = browser.new_context(**HARNESS)
    page = context.new_page()
    page.goto(f"{site['base']}/easy/index.html")
    page.wait_for_selector("[data-read-aloud]:not([hidden])")
    text = page.locator("[data-read-aloud]").inner_text()
    assert PLAYER_LABELS["easy"]["play"] in text
    assert page.locator("[data-read-aloud]").get_attribute("aria-label") == "よみあげ"
    context.close()


def audit_as_is(auditor: Auditor, page, path: str, mode) -> PageAudit:
    """The gate's checks on the page as it is now (Auditor.audit would load it afresh,
    before the player has found its audio)."""
    page.evaluate(CHECKS_JS)
    result = PageAudit(page=path, mode=mode.name)
    auditor._run_axe(page, result)
    result.reflow = page.evaluate("window.__a11yAudit.reflow()")
    # Tab from the top of the page again, as a reader arriving would.
    page.evaluate("document.documentElement.tabIndex = -1; document.documentElement.focus()")
    auditor._walk_focus(page, result)
    return result


def test_axe_finds_nothing_on_a_page_while_it_is_read(browser, site: dict, tmp_path: Path) -> None:
    """The gate's own checks (tools/a11y/audit.py) on the page with the player shown and a
    sentence highlighted, in light and dark, wide and narrow."""
    auditor = Auditor(browser, site["base"])
    try:
        for mode in MODES:
            for edition in ("ja", "easy"):
                page = auditor._page(mode)
                page.goto(f"{site['base']}/{edition}/index.html")
                page.wait_for_selector("[data-read-aloud]:not([hidden])")
                page.locator("[data-read-aloud-play]").click()
                page.wait_for_selector(".speech-current", state="attached")  # no eval: the CSP
                page.locator("[data-read-aloud-play]").click()  # hold the highlight still
                result = audit_as_is(auditor, page, f"{edition}/index.html", mode)
                assert result.axe_violations == [], (edition, mode.name, result.axe_violations)
                assert result.focus_problems() == [], (edition, mode.name)
                assert result.reflow_problems() == [], (edition, mode.name)
                if mode == MODES[0] and edition == "ja":
                    page.screenshot(path=str(tmp_path / "player.png"))
    finally:
        auditor.close()

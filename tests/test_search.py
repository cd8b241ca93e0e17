"""The site's search page, in a real browser, finds the plan's words."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

# word → the page that contains it
WORDS = {
    "除雪": "overview.html",
    "民生委員児童委員": "hearing.html",
    "市社協": "system.html",
    "避難行動要支援者名簿": "overview.html",
}

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("word", list(WORDS))
def test_search_finds_the_page(word: str, site_ja: Path, serve, browser) -> None:
    base = serve(site_ja)
    page = browser.new_page()
    try:
        page.goto(f"{base}/search.html?q={quote(word)}")
        page.wait_for_selector("#search-results li a", timeout=20_000)
        links = page.eval_on_selector_all("#search-results li a", "els => els.map(e => e.href)")
    finally:
        page.close()
    assert any(link.split("?")[0].endswith(WORDS[word]) for link in links), links

"""Pages are light and steady: the budgets of issue 12, measured in a real browser.

Every page of both editions (and the landing page): at most 150 KiB transferred (gzip,
as GitHub Pages serves), at most 10 requests, no web fonts, no layout shift as it loads,
one stylesheet, scripts deferred. Lighthouse's scores are in ``nox -s bench``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import content_pages, soup

from tools.bench.pages import weigh_site

MAX_KIB = 150
MAX_REQUESTS = 10
MAX_CLS = 0.05


@pytest.fixture(scope="module")
def weights(site_ja: Path, site_easy: Path) -> dict[str, dict]:
    return weigh_site(site_ja.parent)


@pytest.mark.browser
def test_pages_keep_the_budgets(weights: dict[str, dict]) -> None:
    over = {page: f"{w['bytes'] / 1024:.0f} KiB, {w['requests']} requests, fonts {w['fonts']}, "
                  f"CLS {w['cls']}"
            for page, w in weights.items()
            if w["bytes"] > MAX_KIB * 1024 or w["requests"] > MAX_REQUESTS or w["fonts"]
            or w["cls"] > MAX_CLS}
    assert over == {}
    assert len(weights) >= 20
    # The figures pages load their figure: the count covers images, not only HTML.
    assert any(r["type"] == "image" for r in weights["easy/system.html"]["detail"])


def test_one_stylesheet_and_deferred_scripts(site_ja: Path, site_easy: Path) -> None:
    for site in (site_ja, site_easy):
        for path in content_pages(site):
            page = soup(path)
            sheets = page.find_all("link", rel="stylesheet")
            assert len(sheets) == 1 and "_static/bundle-" in sheets[0]["href"], path
            for script in page.find_all("script", src=True):
                assert script.has_attr("defer") or script.has_attr("async"), (path, script)
            # No highlighted code on the plan's pages: no Pygments stylesheet in the bundle.
            bundle = (path.parent / sheets[0]["href"].split("?")[0]).read_text(encoding="utf-8")
            assert "pygments.css" not in bundle.splitlines()[0]
            assert "styles/furo.css" in bundle.splitlines()[0]


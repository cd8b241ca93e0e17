"""Edition figures: the easy edition shows figures/x.easy.svg, the standard edition x.svg.

conf.py sets ``figure_language_filename`` for the easy edition, so Sphinx's ImageCollector
picks docs/figures/x.easy.svg where one exists; these tests check the built sites and the
easy figures themselves (accessible name, description, no kanji without a reading).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import soup

from tools import ROOT

FIGURES = ROOT / "docs" / "figures"
EASY_SVGS = sorted(FIGURES.glob("*.easy.svg"))
SVG = "{http://www.w3.org/2000/svg}"
# A run of kanji must be followed at once by its reading in kana: 地域福祉（ちいき ふくし）.
KANJI = re.compile(r"[\u3400-\u9fff々〆]+")
READING = re.compile(r"（[ぁ-ゖァ-ヺー・ ]+）")


def original(easy: Path) -> Path:
    return easy.with_name(easy.name.removesuffix(".easy.svg") + ".svg")


def pages_showing(svg: Path) -> list[str]:
    """The pages (docs/*.md) whose figure or image directive names *svg*."""
    target = f"figures/{svg.name}"
    return sorted(md.with_suffix(".html").name for md in (ROOT / "docs").glob("*.md")
                  if re.search(rf"^```{{(?:figure|image)}} {re.escape(target)}\s*$",
                               md.read_text(encoding="utf-8"), re.MULTILINE))


def image_sources(page: Path) -> list[str]:
    return [img["src"] for img in soup(page).select("article img")]


def test_there_are_easy_figures_and_pages_using_them() -> None:
    assert {p.name for p in EASY_SVGS} >= {"structure.easy.svg", "system.easy.svg"}
    for easy in EASY_SVGS:
        assert original(easy).is_file(), f"{easy.name} has no standard figure {original(easy).name}"
        assert pages_showing(original(easy)), f"no page shows {original(easy).name}"


@pytest.mark.parametrize("easy", EASY_SVGS, ids=lambda p: p.name)
def test_easy_edition_shows_the_easy_figure(site_easy: Path, easy: Path) -> None:
    for page in pages_showing(original(easy)):
        sources = image_sources(site_easy / page)
        assert f"_images/{easy.name}" in sources, f"{page}: {sources}"
        assert f"_images/{original(easy).name}" not in sources, f"{page}: {sources}"
    copied = site_easy / "_images" / easy.name
    assert copied.is_file()
    assert copied.read_bytes() == easy.read_bytes()


@pytest.mark.parametrize("easy", EASY_SVGS, ids=lambda p: p.name)
def test_standard_edition_keeps_the_original(site_ja: Path, easy: Path) -> None:
    for page in pages_showing(original(easy)):
        sources = image_sources(site_ja / page)
        assert f"_images/{original(easy).name}" in sources, f"{page}: {sources}"
    assert (site_ja / "_images" / original(easy).name).is_file()
    assert not (site_ja / "_images" / easy.name).exists()


@pytest.mark.parametrize("easy", EASY_SVGS, ids=lambda p: p.name)
def test_easy_figure_is_accessible_easy_japanese(easy: Path) -> None:
    root = ET.parse(easy).getroot()
    assert root.get("role") == "img"
    assert root.get("viewBox")
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root[0] is title and title.text and title.text.strip()
    assert desc is not None and desc.text and len(desc.text.strip()) > len(title.text)
    assert root.get("aria-labelledby", "").split() == [title.get("id"), desc.get("id")]
    # Nothing raster; every label readable (≥ 14px) in the house font.
    assert root.find(f".//{SVG}image") is None
    texts = list(root.iter(f"{SVG}text"))
    assert texts
    for text in texts:
        assert float(text.get("font-size", "0")) >= 14, text.text
        assert text.get("font-family", root.get("font-family")) == "BIZ UDGothic, sans-serif"
    # Plain text cannot carry ruby: every kanji has its reading right after it, in kana.
    for text in [title.text, desc.text, *(t.text or "" for t in texts)]:
        for match in KANJI.finditer(text):
            assert READING.match(text, match.end()), f"{easy.name}: {match.group()!r} has no reading"
        assert "《" not in text, f"{easy.name}: ruby notation in plain SVG text: {text!r}"

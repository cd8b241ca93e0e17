"""Images carry their intrinsic width and height (tools/sphinxext/image_size.py): no layout shift."""

from __future__ import annotations

from pathlib import Path

from conftest import build_test_root, content_pages, soup

from tools import ROOT
from tools.sphinxext.image_size import svg_size


def _sizes(page: Path) -> dict[str, tuple[str | None, str | None]]:
    return {img["alt"]: (img.get("width"), img.get("height")) for img in soup(page).find_all("img")}


def test_sizes_come_from_the_files(tmp_path: Path) -> None:
    out, warnings = build_test_root(tmp_path, "test-image-size", "html")
    assert warnings == ""
    sizes = _sizes(out / "index.html")
    assert sizes["幅と高さをピクセルで書いた図"] == ("720", "530")
    assert sizes["幅と高さをミリメートルで書いた図"] == ("96", "48")  # 25.4mm = 1in = 96px
    assert sizes["viewBox だけを書いた図"] == ("300", "150")
    assert sizes["幅を百分率で書き高さを書かない図"] == ("400", "100")  # the viewBox decides
    assert sizes["三かける二の画素の画像"] == ("3", "2")
    # Sized from the file, not scaled: no link around the image (an empty keyboard stop).
    page = soup(out / "index.html")
    wrapped = [img["alt"] for img in page.select("a.image-reference img")]
    assert wrapped == ["著者が幅を決めた図"]  # only the author-scaled one, as Sphinx does
    # The author's size wins (a relative width is a style, not an attribute).
    img = page.find("img", alt="著者が幅を決めた図")
    assert "width" not in img.attrs and "width: 50%" in img["style"]


def test_an_unreadable_image_is_a_warning_naming_the_page(tmp_path: Path) -> None:
    page = "# 壊れた図\n\n```{image} broken.svg\n:alt: 読めない図の代わりの文\n```\n"
    _, warnings = build_test_root(tmp_path, "test-image-size",
                                  "html", {"index.md": page, "broken.svg": "<svg"})
    assert "index.md" in warnings and "broken.svg" in warnings
    assert "[image_size.unknown]" in warnings


def test_svg_size_reads_only_the_root(tmp_path: Path) -> None:
    svg = tmp_path / "a.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" height="2in" viewBox="0 0 3 2">'
                   + "<g>" * 5, encoding="utf-8")  # unclosed: only the root is read
    assert svg_size(svg) == (288, 192)
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="1em" height="1em"/>',
                   encoding="utf-8")
    assert svg_size(svg) is None


def test_every_figure_of_both_editions_has_the_size_of_its_file(site_ja: Path,
                                                                  site_easy: Path) -> None:
    seen = 0
    for site in (site_ja, site_easy):
        for page in content_pages(site):
            for img in soup(page).select("article img"):
                shown = page.parent / img["src"]
                assert (img.get("width"), img.get("height")) == tuple(
                    map(str, svg_size(shown))), f"{page.name}: {img['src']}"
                assert img.parent.name != "a", f"{page.name}: {img['src']} is wrapped in a link"
                seen += 1
    # The easy edition shows its own, taller figures (figures/*.easy.svg).
    easy = soup(site_easy / "system.html").select_one("article img")
    assert easy["src"].endswith("system.easy.svg")
    assert easy["height"] == str(svg_size(ROOT / "docs" / "figures" / "system.easy.svg")[1])
    assert seen >= 4

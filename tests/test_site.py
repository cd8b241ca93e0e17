"""The standard edition: a warning-free build, sound page structure, and the whole plan."""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path

import pytest
from conftest import article_text, content_pages, soup, squash
from plan_facts import ACTORS, CHIIKIZOU, FACTS, HOUKOU, HOUKOU_10_SECOND, INDICATORS, KADAI, ROLES

from tools import ROOT
from tools.editions import Edition, sphinx_build
from tools.errors import BuildError
from tools.publish.build import build_site


def test_every_source_page_is_built(site_ja: Path) -> None:
    built = {p.stem for p in content_pages(site_ja)}
    sources = {p.stem for p in (ROOT / "docs").rglob("*.md")}
    assert built == sources - {"glossary"}  # the glossary is written for the easy edition only
    assert len(built) >= 10


def test_pages_are_japanese_with_one_h1_and_nested_headings(site_ja: Path) -> None:
    for path in content_pages(site_ja):
        page = soup(path)
        assert page.html["lang"] == "ja", path
        assert len(page.find_all("h1")) == 1, path
        levels = [int(h.name[1]) for h in page.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, f"{path.name}: h{before} followed by h{after}"


def test_tables_have_header_cells(site_ja: Path) -> None:
    tables = 0
    for path in content_pages(site_ja):
        for table in soup(path).find_all("table"):
            tables += 1
            assert table.find("th"), f"{path.name}: a table without th"
    assert tables >= 8


def _site_text(site: Path) -> str:
    return "".join(article_text(path) for path in content_pages(site))


def test_every_kadai_and_houkou_is_published(site_ja: Path) -> None:
    text = article_text(site_ja / "system.html")
    for label, sentence in {**KADAI}.items():
        assert squash(sentence) in text, f"現状と課題{label}"
    for label, sentence in HOUKOU.items():
        assert squash(sentence) in text, f"解決に向けた方向性{label}"
    assert squash(HOUKOU_10_SECOND) in text
    for label in KADAI:
        assert text.count(label) >= 2, f"{label} is not kept as a label"


def test_four_regions_with_basic_ideas(site_ja: Path) -> None:
    text = _site_text(site_ja)
    for number, (title, ideas) in CHIIKIZOU.items():
        assert squash(title) in text, f"目指す地域像{number}"
        for idea in ideas:
            assert squash(idea) in text, f"目指す地域像{number}: {idea}"


def test_roles_of_each_actor(site_ja: Path) -> None:
    page = soup(site_ja / "overview.html")
    sections = [
        s for s in page.find_all("section")
        if s.find("h2", recursive=False) and "目指す地域像" in s.find("h2", recursive=False).get_text()
    ]
    assert len(sections) == 4
    for number, section in enumerate(sections, start=1):
        table_text = "".join(squash(t.get_text()) for t in section.find_all("table"))
        for actor in ACTORS:
            assert actor in table_text, f"目指す地域像{number}: no row for {actor}"
        for actor, role in ROLES[number].items():
            assert squash(role) in table_text, f"目指す地域像{number}: {actor}"


def test_indicator_table(site_ja: Path) -> None:
    page = soup(site_ja / "system.html")
    rows = [squash(tr.get_text()) for table in page.find_all("table") for tr in table.find_all("tr")]
    for goal, base, target, h31, r3 in INDICATORS:
        (row,) = [r for r in rows if goal in r]
        for value in (base, target, h31, r3):
            assert value in row, f"{goal}: {value}"


def test_facts_numbers_and_names(site_ja: Path) -> None:
    text = _site_text(site_ja)
    for fact in FACTS:
        assert squash(fact) in text, fact


def test_figures_are_svg_with_alt_and_caption(site_ja: Path) -> None:
    figures = [fig for path in content_pages(site_ja) for fig in soup(path).find_all("figure")]
    assert len(figures) >= 2
    for figure in figures:
        img = figure.find("img")
        assert img["src"].endswith(".svg")
        assert len(img["alt"]) >= 10
        assert figure.find("figcaption").get_text(strip=True) != img["alt"]


def test_search_page_uses_the_bigram_splitter(site_ja: Path) -> None:
    language_data = (site_ja / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert "var splitQuery = function" in language_data
    index = (site_ja / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(index[index.index("(") + 1 : index.rindex(")")])["terms"]
    assert {"市社", "社協", "名簿", "除雪"} <= terms.keys()


def test_search_messages_are_japanese_in_both_editions(site_ja: Path, site_easy: Path) -> None:
    """Sphinx's own ja catalog leaves the result count empty; the project's sphinx.js fills it."""
    for site, found in ((site_ja, "ページが見つかりました"), (site_easy, "ページが みつかりました")):
        translations = (site / "_static" / "translations.js").read_text(encoding="utf-8")
        assert found in translations and '[\n            ""\n        ]' not in translations


def test_broken_source_fails_and_keeps_last_good_output(tmp_path: Path, site_ja: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / "introduction.md").write_text("# はじめに\n\n```{figure} missing.svg\n```\n", encoding="utf-8")
    published = tmp_path / "site" / "ja"
    shutil.copytree(site_ja, published)
    marker = (published / "index.html").read_bytes()
    with pytest.raises(BuildError):
        sphinx_build(Edition("ja", "標準版"), tmp_path / "html" / "ja", build_root=tmp_path, source=docs)
    assert (published / "index.html").read_bytes() == marker


def test_build_cli_reports_failure(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# 見出し\n\n{unknownrole}`x`\n", encoding="utf-8")
    with pytest.raises(BuildError):
        build_site(["ja"], build_root=tmp_path, source=docs)
    err = capfd.readouterr().err
    assert "index.md:3" in err
    assert not (tmp_path / "site" / "ja").exists()


@pytest.mark.parametrize("edition", ["ja", "easy"])
def test_accessibility_page_credits_the_voice(site: Path, edition: str) -> None:
    """The HTS voice is CC BY 3.0: its credit is on the accessibility page of both editions,
    as on the player and in the EPUB (the licence file in pyopenjtalk's wheel:
    htsvoice/LICENSE_mei_normal.htsvoice)."""
    from tools.sphinxext.speech import LICENCE_URL, VOICE_URL

    page = soup(site / edition / "accessibility.html")
    for reading in page.find_all(["rt", "rp"]):
        reading.decompose()
    (section,) = [s for s in page.select("article section")
                  if squash(s.find(["h2", "h3"]).get_text()).rstrip("¶#") == "音声について"]
    text = squash(section.get_text())
    for words in ("HTSボイス「Mei」", "©2009-2013名古屋工業大学", "MMDAgent",
                  "クリエイティブ・コモンズ表示3.0ライセンス", "OpenJTalk"):
        assert words in text, (edition, words)
    links = {a["href"] for a in section.find_all("a")}
    assert {LICENCE_URL, VOICE_URL} <= links, links

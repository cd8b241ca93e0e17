"""The ruby extension: real Sphinx builds of tests/roots/test-ruby* in every builder."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import build_test_root as build

from tools.furigana import notation

ROOTS = Path(__file__).parent / "roots"
RUBY_KIHON = "<ruby>基本<rp>（</rp><rt>きほん</rt><rp>）</rp></ruby>"




@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml", "epub"])
def test_html_builders_write_ruby(tmp_path: Path, builder: str) -> None:
    out, warnings = build(tmp_path, "test-ruby", builder)
    assert warnings == ""
    page = {"html": "index.html", "dirhtml": "index.html", "singlehtml": "index.html",
            "epub": "index.xhtml"}[builder]
    html = (out / page).read_text(encoding="utf-8")
    assert RUBY_KIHON in html  # heading
    # okurigana outside, one ruby per word
    assert "<ruby>見守<rp>（</rp><rt>みまも</rt><rp>）</rp></ruby>り" in html
    for word, reading in [("項目", "こうもく"), ("市社協", "ししゃきょう"), ("注意", "ちゅうい"),
                          ("文字", "もじ"), ("図表", "ずひょう"), ("本文", "ほんぶん")]:
        assert f"<ruby>{word}<rp>（</rp><rt>{reading}</rt><rp>）</rp></ruby>" in html, word
    assert "《《" not in html and "《重要》と｜。" in html  # escapes resolved
    assert "<span class=\"pre\">｜コード《こーど》</span>" in html  # code stays literal
    assert 'alt="地域の人が集まって話し合う様子を描いた図"' in html


def test_ruby_in_list_table_caption_admonition_link(tmp_path: Path) -> None:
    out, _ = build(tmp_path, "test-ruby", "html")
    html = (out / "index.html").read_text(encoding="utf-8")
    ruby = "<ruby>{}<rp>（</rp><rt>{}</rt><rp>）</rp></ruby>"
    assert re.search(r"<li><p>" + re.escape(ruby.format("項目", "こうもく")), html)
    assert re.search(r"<td><p>" + re.escape(ruby.format("市社協", "ししゃきょう")), html)
    assert re.search(r"<th class=\"head\"><p>" + re.escape(ruby.format("表", "ひょう")), html)
    assert re.search(r'class="admonition-title">' + re.escape(ruby.format("注意", "ちゅうい")),
                     html)
    assert re.search(r'href="https://example.com">リンク' + re.escape(ruby.format("文字", "もじ")),
                     html)
    assert re.search(r'caption-text">' + re.escape(ruby.format("図表", "ずひょう")), html)


def test_title_toc_and_search_index_carry_the_base_only(tmp_path: Path) -> None:
    out, _ = build(tmp_path, "test-ruby", "html")
    index = (out / "index.html").read_text(encoding="utf-8")
    second = (out / "second.html").read_text(encoding="utf-8")
    assert re.search(r"<title>基本の計画 ", index)
    assert re.search(r"<title>旭川の福祉 ", second)
    # toctree entries and prev/next links draw the ruby (HTML can); <title> above cannot
    toc = index[index.index('class="toctree-wrapper'):]
    assert "><ruby>旭川<rp>（</rp><rt>あさひかわ</rt><rp>）</rp></ruby>の" in toc[:2000]
    assert re.search(r'<a href="index.html"[^>]*><ruby>基本<rp>（</rp><rt>きほん</rt>', second)
    searchindex = (out / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(searchindex[searchindex.index("(") + 1 : searchindex.rindex(")")])
    assert data["titles"] == ["基本の計画", "旭川の福祉"]
    words = set(data["terms"]) | set(data["titleterms"]) | set(data["alltitles"])
    assert {"基本", "地域", "旭川"} <= words
    for reading in ("きほん", "あさひかわ", "みまも", "ちいき", "ししゃきょう"):
        assert not any(reading in word for word in words), reading


@pytest.mark.parametrize("builder", ["text", "latex"])
def test_other_builders_write_reading_in_brackets(tmp_path: Path, builder: str) -> None:
    out, warnings = build(tmp_path, "test-ruby", builder)
    assert "ruby" not in warnings and "not a single Text node" not in warnings
    text = "".join(p.read_text(encoding="utf-8") for p in out.glob("*.txt" if builder == "text"
                                                                  else "*.tex"))
    assert "旭川（あさひかわ）の福祉（ふくし）" in text  # a heading
    assert "見守（みまも）り" in text
    assert "市社協（ししゃきょう）" in text
    assert "<ruby>" not in text and "《ちいき》" not in text


def test_gettext_extracts_the_notation_unchanged(tmp_path: Path) -> None:
    out, _ = build(tmp_path, "test-ruby", "gettext")
    pot = (out / "index.pot").read_text(encoding="utf-8")
    assert 'msgid "｜基本《きほん》の計画《けいかく》"' in pot
    assert "地域《ちいき》の｜見守《みまも》り。《《重要》》と｜｜。`｜コード《こーど》`" in pot


def test_ruby_from_a_translated_message(tmp_path: Path) -> None:
    """The msgstr of a catalog (compiled to .mo by Sphinx itself) is rendered with ruby."""
    out, warnings = build(tmp_path, "test-ruby-i18n", "html")
    assert warnings == ""
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "<ruby>計画<rp>（</rp><rt>けいかく</rt><rp>）</rp></ruby>の" + RUBY_KIHON in html
    assert "<ruby>福祉<rp>（</rp><rt>ふくし</rt><rp>）</rp></ruby>を すすめます。" in html
    assert "<title>計画の基本 " in html
    assert "《" not in html


@pytest.mark.parametrize(("source", "code"), [
    ("地域《ちいき", "FUR002"),
    ("地域》です", "FUR002"),
    ("ここは｜地域", "FUR001"),
    ("ひらがな《よみ》", "FUR003"),
    ("地域《》", "FUR004"),
    ("地域《chiiki》", "FUR005"),
])
def test_notation_errors_are_warnings_with_file_and_line(
        tmp_path: Path, source: str, code: str) -> None:
    page = f"# 題\n\n本文です。\n\n{source}\n"
    out, warnings = build(tmp_path, "test-ruby", "html", {"second.md": page})
    assert re.search(rf"second\.md:5: WARNING: {code}: .*\[ruby\.{code}\]", warnings), warnings
    # the text is kept as written, not lost
    html = (out / "second.html").read_text(encoding="utf-8")
    assert source.replace("》", "") [:2] in html


def test_correct_notation_gives_no_warning(tmp_path: Path) -> None:
    _, warnings = build(tmp_path, "test-ruby", "html",
                        {"second.md": "# 題\n\n地域《ちいき》と《《かっこ》》と｜｜。\n"})
    assert warnings == ""


def test_parser_segments() -> None:
    segments, errors = notation.parse("｜見守《みまも》りと旭川市《あさひかわし》")
    assert errors == []
    assert [(s.base, s.reading) for s in segments if isinstance(s, notation.Ruby)] == [
        ("見守", "みまも"), ("旭川市", "あさひかわし")]
    assert notation.plain("｜見守《みまも》り《《》》") == "見守り《》"
    assert notation.with_readings("地域《ちいき》の人") == "地域（ちいき）の人"

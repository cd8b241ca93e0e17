"""The site's search, in a real browser, finds the plan's words by kanji and by reading.

A kana query — hiragana, katakana, half width, with a long vowel mark or with the spaces of
分かち書き — finds every page of either edition that has the word, and the summary under
each result marks the kanji word the reading belongs to. The rules are the same in Python
(the index) and JavaScript (the query): checked on every line of both editions.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from urllib.parse import quote

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from sphinx import addnodes

from tests.conftest import content_pages, soup, squash
from tools.furigana.reading import load_glossary
from tools.sphinxext.ruby import ruby_node
from tools.sphinxext.search_readings import document_readings
from tools.sphinxext.search_text import join_words, normalise, query_terms, split_terms

# word → its reading, with a space between the words a 分かち書き reader would separate
READINGS = {
    "除雪": "じょせつ",
    "民生委員児童委員": "みんせいいいん じどういいん",
    "市社協": "ししゃきょう",
    "避難行動要支援者名簿": "ひなん こうどう ようしえんしゃ めいぼ",
    "地域福祉": "ちいき ふくし",
    "成年後見制度": "せいねん こうけん せいど",
    "社会福祉協議会": "しゃかい ふくし きょうぎかい",
    "地域共生社会": "ちいき きょうせい しゃかい",
    "権利擁護": "けんり ようご",
    "町内会": "ちょうないかい",
    "担い手": "にないて",
    "見守り": "みまもり",
    "生活困窮者": "せいかつ こんきゅうしゃ",
}
KANJI_WORDS = {  # word → a page of the standard edition that has it
    "除雪": "overview.html",
    "民生委員児童委員": "hearing.html",
    "市社協": "system.html",
    "避難行動要支援者名簿": "overview.html",
    "名及び": "hearing.html",
}


def katakana(text: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text)


# ---- the normal form (Python; the browser's twin is compared below) ----

@pytest.mark.parametrize(("spellings", "normal"), [
    (["じょせつ", "ジョセツ", "ｼﾞｮｾﾂ"], "じょせつ"),
    (["しゃきょう", "しゃきょー", "しゃきょお", "シャキョー", "ｼｬｷｮｰ"], "しゃきょう"),
    (["せんせい", "せんせー", "せんせえ", "センセー"], "せんせい"),
    (["ぼらんてぃあ", "ボランティア", "ﾎﾞﾗﾝﾃｨｱ"], "ぼらんてぃあ"),
    (["けあまねじゃあ", "ケアマネジャー"], "けあまねじゃあ"),
    (["ちぢみ", "ちじみ", "チヂミ"], "ちじみ"),
    (["ICT", "ＩＣＴ", "ict"], "ict"),
    (["２０３０年", "2030年"], "2030年"),
])
def test_spellings_of_one_word_are_equal(spellings: list[str], normal: str) -> None:
    assert {normalise(s) for s in spellings} == {normal}


def test_kanji_and_what_has_no_vowel_stay() -> None:
    assert normalise("避難行動要支援者名簿") == "避難行動要支援者名簿"
    assert normalise("名及び") == "名及び"
    assert normalise("ー") == "ー"  # no kana before it
    assert normalise("んー") == "んー"
    assert normalise("ABー") == "abー"


def test_spaces_of_wakachigaki() -> None:
    assert join_words("ちいき ふくし") == "ちいきふくし"
    assert join_words("地域　福祉を すすめる") == "地域福祉をすすめる"
    assert join_words("WG 2030 の") == "WG 2030 の"  # only between Japanese characters
    assert "きふ" not in query_terms("ちいき ふくし")  # a query's words are found apart
    assert query_terms("ちいき ふくし") == ["ちい", "いき", "ふく", "くし"]


def test_terms_of_index_and_query() -> None:
    assert query_terms("市社協") == ["市社", "社協"]
    assert query_terms("ジョセツ") == ["じょ", "ょせ", "せつ"]
    assert query_terms("除") == ["除"]
    assert set(split_terms("市社協")) == {"市社", "社協", "市", "社", "協"}


# ---- the readings indexed beside the text ----

def paragraph(*children: nodes.Node) -> nodes.document:
    document = new_document("test", get_default_settings(Parser))
    document += nodes.paragraph("", "", *children)
    return document


def test_ruby_readings_and_text_joined_across_ruby() -> None:
    doctree = paragraph(ruby_node("", "地域", reading="ちいき"), nodes.Text(" の "),
                        ruby_node("", "見守", reading="みまも"), nodes.Text("り"))
    lines, words = document_readings(doctree, load_glossary())
    assert lines.split("\n") == ["地域 の 見守り", "ちいきのみまもり"]
    assert words == {}  # ruby readings are in the page itself


def test_dictionary_and_glossary_readings() -> None:
    doctree = paragraph(nodes.Text("旭川市の健幸と"), nodes.emphasis("", "除"),
                        nodes.Text("雪の"), nodes.literal("", "code"), nodes.Text("市社協"))
    lines, words = document_readings(doctree, load_glossary())
    surface, reading = lines.split("\n")
    # 健幸 from the glossary (SudachiPy reads it as a name), 除雪 read across the markup,
    # the code left out and no word read across it
    assert surface == "旭川市の健幸と除雪の|市社協"
    assert reading == "あさひかわしのけんこうとじょせつの|ししゃきょう"
    assert "code" not in lines
    assert words["健幸"] == ["けんこう"] and words["除雪"] == ["じょせつ"]
    assert words["旭川市"] == ["あさひかわし"]


def test_unresolved_reference_text_is_not_read() -> None:
    xref = addnodes.pending_xref("", nodes.inline("", "taikeizu-kadai"), refexplicit=False)
    titled = addnodes.pending_xref("", nodes.inline("", "体系図"), refexplicit=True)
    lines, _ = document_readings(paragraph(nodes.Text("表"), xref, titled), load_glossary())
    assert "taikeizu" not in lines and "体系図" in lines


def test_pages_do_not_show_the_readings(site_ja: Path) -> None:
    html = (site_ja / "overview.html").read_text(encoding="utf-8")
    assert "除雪" in html and "じょせつ" not in html
    index = (site_ja / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(index[index.index("(") + 1 : index.rindex(")")])["terms"]
    assert {"じょ", "ょせ", "せつ"} <= terms.keys()


# ---- in the browser ----

def search(browser, base: str, query: str) -> dict[str, str]:
    """Run *query* on the search page: result page → the marked word of its summary."""
    page = browser.new_page()
    try:
        page.goto(f"{base}/search.html?q={quote(query)}")
        # finished: searchtools.js has given the heading its final text
        page.wait_for_function("() => (document.querySelector('#search-results h2') || {})"
                               ".textContent === Documentation.gettext('Search Results')",
                               timeout=30_000)
        page.wait_for_function(
            "() => [...document.querySelectorAll('#search-results li')]"
            ".every(li => li.querySelector('.search-ja-summary > *'))", timeout=30_000)
        return dict(page.eval_on_selector_all("#search-results li", """items => items.map(li => {
            const mark = li.querySelector('.search-ja-summary .highlighted');
            const word = mark ? [...mark.childNodes].map(n =>
                n.nodeName === 'RUBY' ? n.firstChild.textContent : n.textContent).join('') : '';
            return [li.querySelector('a').getAttribute('href').split(/[?#]/)[0], word];
        })"""))
    finally:
        page.close()


@functools.cache
def page_texts(site: Path) -> dict[str, str]:
    """Each content page's text, ruby readings left out (the session's site: read once)."""
    texts = {}
    for path in content_pages(site):
        main = soup(path).find("article")
        for tag in main.select("rt, rp, .headerlink"):
            tag.decompose()
        texts[path.name] = squash(main.get_text())
    return texts


def pages_with(site: Path, word: str) -> set[str]:
    """The content pages whose text (ruby readings left out) has *word*."""
    return {name for name, text in page_texts(site).items() if word in text}


@pytest.mark.browser
@pytest.mark.parametrize("word", list(KANJI_WORDS))
def test_search_finds_the_page(word: str, site_ja: Path, serve, browser) -> None:
    results = search(browser, serve(site_ja), word)
    assert KANJI_WORDS[word] in results, results
    assert results[KANJI_WORDS[word]] == word


@pytest.mark.browser
@pytest.mark.parametrize("word", ["見守り", "旭川市社会福祉協議会", "民生委員児童委員"])
def test_easy_edition_finds_words_across_ruby(word: str, site_easy: Path, serve, browser) -> None:
    # 見守《みまも》り, 旭川市《…》社会福祉協議会《…》: the text is indexed joined
    expected = pages_with(site_easy, word)
    results = search(browser, serve(site_easy), word)
    assert expected and expected <= results.keys(), expected - results.keys()
    assert all(word in results[name] for name in expected), results


@pytest.mark.browser
@pytest.mark.parametrize("edition", ["ja", "easy"])
@pytest.mark.parametrize("word", list(READINGS))
def test_search_by_reading(word: str, edition: str, request, serve, browser) -> None:
    site = request.getfixturevalue("site_ja" if edition == "ja" else "site_easy")
    expected = pages_with(site, word)
    if not expected:
        pytest.fail(f"{word} is on no page of the {edition} edition: choose another word")
    base = serve(site)
    reading = READINGS[word]
    queries = {reading.replace(" ", ""), katakana(reading.replace(" ", "")), reading}
    for query in sorted(queries):
        results = search(browser, base, query)
        assert expected <= results.keys(), (query, expected - results.keys())
        for name in expected:
            assert word in results[name], (query, name, results[name])


@pytest.mark.browser
@pytest.mark.parametrize("edition", ["ja", "easy"])
def test_width_and_long_vowels(edition: str, request, serve, browser) -> None:
    site = request.getfixturevalue("site_ja" if edition == "ja" else "site_easy")
    base = serve(site)
    for query, word in (("ｼﾞｮｾﾂ", "除雪"), ("ししゃきょー", "市社協"), ("シシャキョオ", "市社協")):
        results = search(browser, base, query)
        assert pages_with(site, word) <= results.keys(), query
        assert all(word in results[name] for name in pages_with(site, word)), (query, results)


@pytest.mark.browser
def test_opened_result_marks_the_kanji_word(site_ja: Path, serve, browser) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{serve(site_ja)}/search.html?q={quote('じょせつ')}")
        page.wait_for_selector(".search-ja-summary .highlighted", timeout=30_000)
        page.click("#search-results li a >> nth=0")
        page.wait_for_selector("article .highlighted", timeout=10_000)
        marked = page.eval_on_selector_all("article .highlighted", "els => els.map(e => e.textContent)")
    finally:
        page.close()
    assert "除雪" in marked


@pytest.mark.browser
def test_browser_and_index_normalise_alike(site_ja: Path, site_easy: Path, serve, browser) -> None:
    lines = {"ｼﾞｮｾﾂ", "ヴァイオリン", "ヂヅヰヱ", "ー", "カー・ケアー", "ＡＢＣ　ｄｅｆ", "①②", "㈱"}
    for site in (site_ja, site_easy):
        for path in content_pages(site):
            lines.update(line for line in soup(path).find("article").get_text().split("\n")
                         if line.strip())
    lines = sorted(lines)
    page = browser.new_page()
    try:
        page.goto(f"{serve(site_ja)}/search.html")
        page.wait_for_function("typeof SearchJa !== 'undefined'")
        normal, terms = page.evaluate(
            "lines => [lines.map(SearchJa.normalise), lines.map(SearchJa.splitQuery)]", lines)
    finally:
        page.close()
    assert len(lines) > 500
    assert [(line, n) for line, n in zip(lines, normal, strict=True) if n != normalise(line)] == []
    assert [(line, t) for line, t in zip(lines, terms, strict=True) if t != query_terms(line)] == []

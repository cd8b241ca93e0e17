"""furigana-suggest and furigana-lint: every rule caught and passing, CLI exit codes, json."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import build_test_root, cli_codes, run_cli

from tools.furigana import reading, suggest

PO_HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def run_lint(*args: str | Path) -> tuple[int, str]:
    return run_cli("tools.furigana.lint", *args)


def codes(*args: str | Path) -> list[str]:
    return cli_codes("tools.furigana.lint", *args)


def md(tmp_path: Path, text: str, name: str = "page.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("bad", "good", "code"), [
    ("ここは｜地域です。", "ここは｜｜地域です。", "FUR001"),
    ("地域《ちいき。", "地域《ちいき》。", "FUR002"),
    ("地域》です。", "地域》》です。", "FUR002"),
    ("あい《あい》です。", "《《あい》》です。", "FUR003"),
    ("地域《》です。", "地域《ちいき》です。", "FUR004"),
    ("地域《chiiki》です。", "地域《チイキ》です。", "FUR005"),
    ("旭川《あさひがわ》です。", "旭川《あさひかわ》です。", "FUR101"),
    ("計画《けいがく》です。", "計画《けいかく》です。", "FUR101"),
])
def test_notation_and_reading_rules_both_ways(tmp_path: Path, bad: str, good: str,
                                              code: str) -> None:
    assert codes(md(tmp_path, f"# 題\n\n{bad}\n")) == [code]
    assert codes(md(tmp_path, f"# 題\n\n{good}\n", "good.md")) == []


def test_positions_are_source_lines_and_columns(tmp_path: Path) -> None:
    path = md(tmp_path, "# 題\n\n本文です。\n\n- 項目と旭川《あさひがわ》\n")
    code, out = run_lint(path)
    assert code == 1
    assert f"{path}:5:6: FUR101 reading 'あさひがわ' is not a known reading of '旭川'" in out
    assert out.rstrip().endswith("Found 1 error.")


def test_sound_changes_only_at_word_boundaries() -> None:
    # rendaku where two words meet is fine; a changed kana inside a word is not
    assert reading.is_plausible("地域福祉", "ちいきぶくし")
    assert not reading.is_plausible("地域福祉", "ちいきふぐし")
    assert reading.is_plausible("学級閉鎖", "がっきゅうへいさ")
    assert not reading.is_plausible("相談窓口", "そうだんまどくち")  # whole word known: strict
    assert reading.is_plausible("身近", "みじか") and reading.is_plausible("身近", "みぢか")
    assert reading.is_plausible("若", "も", "しくは")  # Sudachi spells もしくわ


def test_per_kanji_ruby_is_checked_as_one_word(tmp_path: Path) -> None:
    assert codes(md(tmp_path, "｜大《お》｜人《とな》になる。\n")) == []
    assert codes(md(tmp_path, "｜大《お》｜人《とら》になる。\n", "bad.md")) != []


def test_glossary_wins_over_the_dictionary(tmp_path: Path) -> None:
    # Sudachi reads 健幸 as a personal name (たけゆき); the glossary says けんこう
    assert "たけゆき" in reading.dictionary_readings("健幸")
    assert codes(md(tmp_path, "健幸《けんこう》なまち。\n")) == []
    assert codes(md(tmp_path, "健幸《たけゆき》なまち。\n", "bad.md")) == ["FUR101"]
    assert suggest.suggest("市社協と健幸") == "｜市社協《ししゃきょう》と｜健幸《けんこう》"


def test_coverage_with_all_kanji(tmp_path: Path) -> None:
    path = md(tmp_path, "｜地域《ちいき》の福祉。`漢字` [文字](https://例.jp)\n")
    assert codes(path) == []  # off by default for pages
    code, out = run_lint(path, "--all-kanji")
    assert code == 1 and "FUR201 kanji without ruby: '福祉'" in out
    assert "漢字" not in out and "例" not in out  # code and URLs are not reader text
    assert codes(md(tmp_path, "｜地域《ちいき》の｜福祉《ふくし》。\n", "ok.md"), "--all-kanji") == []


def test_catalog_rules_and_easy_default(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text(
        "# 題\n\n```{figure} a.svg\n:alt: 地域の人が集まって話し合う様子の図\n\n見出し\n```\n",
        encoding="utf-8")
    folder = tmp_path / "locale" / "easy" / "ja" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / "page.po"
    po.write_text(PO_HEADER + (
        '#: ../../docs/page.md:1\nmsgid "題"\nmsgstr "｜題《だい》"\n\n'
        '#: ../../docs/page.md:3\nmsgid "地域の人が集まって話し合う様子の図"\n'
        'msgstr "｜地域《ちいき》の人が集まる図"\n\n'
        '#: ../../docs/page.md:3\nmsgid "見出し"\nmsgstr "見出し"\n'), encoding="utf-8")
    code, out = run_lint(po)
    assert code == 1
    assert f"{po}:11:1: FUR006 ruby notation in alt text" in out  # alt text stays plain
    assert f"{po}:15:1: FUR201 kanji without ruby: '見出'" in out  # coverage on in easy/
    assert "msgid" not in out and ":8:" not in out
    assert codes(po, "--no-all-kanji") == ["FUR006"]


def test_built_html_rendered_by_the_extension_passes(tmp_path: Path) -> None:
    outdir, _ = build_test_root(tmp_path, "test-ruby", "html")
    assert codes(outdir / "index.html", outdir / "second.html") == []


def test_html_rules(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text("<p>地域《ちいき》と<ruby>旭川<rt>あさひがわ</rt></ruby></p>\n"
                    "<pre>｜コード《こーど》</pre>\n", encoding="utf-8")
    assert sorted(codes(page)) == ["FUR101", "FUR301", "FUR302"]
    page.write_text("<p><ruby>旭川<rp>（</rp><rt>あさひかわ</rt><rp>）</rp></ruby>と"
                    "<ruby>見守<rp>（</rp><rt>みまも</rt><rp>）</rp></ruby>り</p>", encoding="utf-8")
    assert codes(page) == []
    assert codes(page, "--all-kanji") == []  # no <article>: theme text is not content
    page.write_text("<nav>検索</nav><article><h1><ruby>旭川<rp>（</rp><rt>あさひかわ</rt>"
                    "<rp>）</rp></ruby>の福祉</h1><pre>漢字</pre></article>", encoding="utf-8")
    code, out = run_lint(page, "--all-kanji")
    assert code == 1 and "FUR201 kanji without ruby: '福祉'" in out
    assert "検索" not in out and "漢字" not in out and "旭川" not in out


def test_exit_codes_and_json(tmp_path: Path) -> None:
    assert run_lint(md(tmp_path, "地域《ちいき》\n"))[0] == 0
    code, out = run_lint(md(tmp_path, "地域《ちいき\n", "bad.md"), "--format", "json")
    assert code == 1
    (finding,) = json.loads(out)
    assert finding == {"path": str(tmp_path / "bad.md"), "line": 1, "col": 3,
                       "code": "FUR002", "message": "《 without a closing 》 on the same line"}
    assert run_lint(tmp_path / "missing.md")[0] == 2
    assert run_lint("--format", "xml", tmp_path)[0] == 2
    broken = tmp_path / "broken.po"
    broken.write_text('msgid "a"\nmsgstr "b"\nnonsense here\n', encoding="utf-8")
    code, out = run_lint(broken)
    assert code == 2 and "broken.po:3:1: PO003" in out


def test_suggest_stdin_prints_ruby() -> None:
    result = subprocess.run([sys.executable, "-m", "tools.furigana.suggest", "-"],
                            input="見守り\n", capture_output=True, text=True, check=True)
    assert result.stdout == "｜見守《みまも》り\n"


@pytest.mark.parametrize(("word", "expected"), [
    ("寄り添い", "｜寄《よ》り｜添《そ》い"),
    ("旭川市", "｜旭川市《あさひかわし》"),
    ("地域福祉計画", "｜地域《ちいき》｜福祉《ふくし》｜計画《けいかく》"),
])
def test_suggest_words(word: str, expected: str) -> None:
    assert suggest.suggest(word) == expected


def test_suggest_myst_keeps_ruby_and_literal_syntax(tmp_path: Path) -> None:
    source = (
        "# 計画\n\n"
        "｜地域《ちいき》の見守り。`漢字コード` {ref}`参照 <目標>` [文字](https://例.jp/道)\n\n"
        "```{figure} 図/地図.svg\n:alt: 地域の人が集まって話し合う様子の図\n:name: 名前\n\n見出し\n```\n\n"
        "```python\n# 漢字\n```\n"
    )
    path = md(tmp_path, source)
    result = subprocess.run([sys.executable, "-m", "tools.furigana.suggest", str(path)],
                            capture_output=True, text=True, check=True, cwd=tmp_path)
    assert result.stdout.startswith("--- a/page.md\n+++ b/page.md\n")
    assert path.read_text(encoding="utf-8") == source  # no --write: unchanged
    subprocess.run([sys.executable, "-m", "tools.furigana.suggest", "--write", str(path)],
                   check=True, capture_output=True)
    new = path.read_text(encoding="utf-8")
    assert new.startswith("# ｜計画《けいかく》\n\n｜地域《ちいき》の｜見守《みまも》り。")
    for literal in ("`漢字コード`", "{ref}`参照 <目標>`", "(https://例.jp/道)",
                    "```{figure} 図/地図.svg", ":alt: 地域の人が集まって話し合う様子の図",
                    ":name: 名前", "# 漢字"):
        assert literal in new, literal
    assert "[｜文字《もじ》]" in new and "｜見出《みだ》し" in new
    assert suggest.suggest_myst(new) == new  # idempotent


def test_suggest_catalog_changes_msgstr_only(tmp_path: Path) -> None:
    po = tmp_path / "page.po"
    original = PO_HEADER + (
        "# translator comment 漢字\n"
        '#: ../../docs/page.md:1\nmsgid "計画"\nmsgstr "計画の｜基本《きほん》"\n\n'
        '#: ../../docs/page.md:3\nmsgid "未訳の漢字"\nmsgstr ""\n')
    po.write_text(original, encoding="utf-8")
    assert suggest.main(["--write", str(po)]) == 0
    new = po.read_text(encoding="utf-8")
    assert new == original.replace('msgstr "計画の｜基本《きほん》"',
                                   'msgstr "｜計画《けいかく》の｜基本《きほん》"')
    assert codes(po, "--all-kanji") == []


def test_suggest_unreadable_input_exits_2(tmp_path: Path) -> None:
    assert suggest.main([str(tmp_path / "missing.md")]) == 2


def test_suggestion_accuracy_on_plan_words() -> None:
    """Exact whole-word readings on tests/data/plan_readings.tsv (python -m
    tools.furigana.accuracy prints the misses); the glossary must not make it worse."""
    from tools.furigana import accuracy

    pairs = accuracy.load_words()
    assert len(pairs) >= 40
    with_glossary = accuracy.score(pairs)
    alone = accuracy.score(pairs, glossary={})
    assert with_glossary.right / with_glossary.total >= 0.95, with_glossary.wrong
    assert with_glossary.right >= alone.right
    assert ("健幸", "けんこう", "たけゆき") in alone.wrong  # the reason the glossary exists


def test_dates_put_the_number_under_the_ruby(tmp_path: Path) -> None:
    code, out = run_lint(md(tmp_path, "9月《がつ》20日《はつか》まで\n"))
    assert code == 1 and "FUR101 the reading 'はつか' covers the number before '日': " \
        "write ｜20日《はつか》" in out and ":1:7:" in out
    assert codes(md(tmp_path, "9月《がつ》｜20日《はつか》から｜30日《さんじゅうにち》\n", "ok.md")) == []
    assert suggest.suggest("9月20日から30日間") == \
        "9｜月《がつ》｜20日《はつか》から30｜日間《にちかん》"


def test_each_thread_has_its_own_tokenizer() -> None:
    """The build reads both editions aloud side by side; a Sudachi tokenizer refuses
    concurrent use ("Tokenizer is already in use")."""
    from concurrent.futures import ThreadPoolExecutor

    from tools.furigana import reading

    mine = reading._tokenizer()
    assert reading._tokenizer() is mine
    with ThreadPoolExecutor(max_workers=1) as pool:
        other = pool.submit(reading._tokenizer).result()
    assert other is not mine
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda text: list(reading.word_readings(text)),
                                ["地域福祉計画を作ります。" * 20] * 8))
    assert all(result == results[0] for result in results)

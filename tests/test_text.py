"""The text edition (テキスト版), read back: plain UTF-8, headings, tables row by row, figures, ruby.

Both editions are built from the repository's sources (conftest.book_files); the writer's
rules are also checked on a small page built with the plaintext builder.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build_test_root, run_cli

from tools import ROOT
from tools.editions import EDITIONS
from tools.sphinxext.plaintext import HEADING_MARKS, iter_headings

CONF = """
extensions = ["myst_parser", "tools.sphinxext.ruby", "tools.sphinxext.plaintext"]
language = "ja"
project = "試験"
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["second.md"]
"""
PAGE = """# 計画《けいかく》の試験

計画《けいかく》と地域《ちいき》の計画《けいかく》。

地域《ちいき》の計画《けいかく》。

- ○一つ目の項目
- 二つ目の項目
  1. 入れ子の一
  2. 入れ子の二

| 名前 | 役割 |
| --- | --- |
| 市民 | 参加します |
| 市 | 支援します |

```{figure} figure.svg
:alt: 地域の人が集まって話し合う様子を描いた図

話し合いの図
```
"""


def read(path: Path) -> str:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte order mark
    return data.decode("utf-8-sig")


@pytest.fixture(scope="module")
def texts(book_files: dict[tuple[str, str], Path]) -> dict[str, str]:
    return {name: read(book_files[("text", name)]) for name in EDITIONS}


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> str:
    outdir, warnings = build_test_root(tmp_path_factory.mktemp("plaintext"), "test-ruby",
                                       "plaintext", {"conf.py": CONF, "index.md": PAGE})
    assert "WARNING" not in warnings, warnings
    return read(outdir / "index.txt")


# --- the writer's rules, on a small page ------------------------------------------------


def test_ruby_is_given_once_per_word_per_paragraph(sample: str) -> None:
    lines = sample.splitlines()
    assert "計画（けいかく）と地域（ちいき）の計画。" in lines
    assert "地域（ちいき）の計画（けいかく）。" in lines  # a new paragraph: readings again
    assert "■ 計画（けいかく）の試験" in lines


def test_lists_tables_and_figures_as_text(sample: str) -> None:
    lines = sample.splitlines()
    assert "○一つ目の項目" in lines  # its own marker, no added ・
    assert "・二つ目の項目" in lines
    assert "\u30001．入れ子の一" in lines and "\u30002．入れ子の二" in lines
    table = lines[lines.index("表：計画の試験（2行）"):]
    assert table[:6] == ["表：計画の試験（2行）", "", "名前：市民", "役割：参加します", "",
                         "名前：市"]
    assert "（表の終わり）" in table
    assert "図：話し合いの図" in lines
    assert "図の説明：地域の人が集まって話し合う様子を描いた図" in lines
    assert sample.splitlines()[0].startswith("この文書は「試験」のテキスト版です。")


# --- the editions -----------------------------------------------------------------------


@pytest.mark.parametrize("name", list(EDITIONS))
def test_no_markup_is_left(texts: dict[str, str], name: str) -> None:
    text = texts[name]
    assert len(text) > 15000
    assert not re.search(r"<[a-zA-Z/!]|[《》｜]|\{(ref|doc)\}|```|\*\*|\]\(|\.svg|\t", text)
    assert "\r" not in text and text.endswith("\n")


def test_headings_are_the_books_headings(texts: dict[str, str],
                                         book_files: dict[tuple[str, str], Path]) -> None:
    for name, text in texts.items():
        with zipfile.ZipFile(book_files[("epub", name)]) as book:
            nav = BeautifulSoup(book.read("nav.xhtml").decode("utf-8"), "html.parser")
        levels = [min(len(a.find_parents("ol")), len(HEADING_MARKS)) for a in nav.find_all("a")]
        headings = list(iter_headings(text))
        assert [level for level, _ in headings] == levels, name
        if name == "ja":  # no readings added: the very words of the headings
            assert ["".join(h.split()) for _, h in headings] == [
                "".join(a.get_text().split()) for a in nav.find_all("a")]


def test_a_table_row_is_read_with_its_headers(texts: dict[str, str]) -> None:
    source = (ROOT / "docs" / "system.md").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(source) if line.startswith("| 基本目標 |"))
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in source[start:start + 3]]
    headers, first = cells[0], cells[2]
    expected = [f"{h}：{c}" for h, c in zip(headers, first, strict=True)]
    lines = texts["ja"].splitlines()
    at = lines.index(expected[0])
    assert lines[at:at + len(expected)] == expected
    assert lines[at - 2].startswith("表：") and lines[at - 2].endswith("行）")


def test_role_lists_keep_their_own_markers(texts: dict[str, str]) -> None:
    lines = texts["ja"].splitlines()
    at = next(i for i, line in enumerate(lines)
              if line == "個人・団体：市民" and lines[i + 1] == "役割：")
    assert lines[at + 2] == "\u3000○地域福祉の講座や地域でのイベント等に関心を向け参加します"


def test_figures_are_replaced_by_their_descriptions(texts: dict[str, str]) -> None:
    for source in ("structure.md", "system.md"):
        page = (ROOT / "docs" / source).read_text(encoding="utf-8")
        alt = re.search(r":alt: (.+)", page).group(1)
        assert f"図の説明：{alt}" in texts["ja"].splitlines()
    assert "ずの せつめい：" in texts["easy"]


def test_easy_text_gives_every_reading_of_the_easy_book(
        texts: dict[str, str], book_files: dict[tuple[str, str], Path]) -> None:
    words = set()
    with zipfile.ZipFile(book_files[("epub", "easy")]) as book:
        for name in book.namelist():
            if name.endswith(".xhtml"):
                page = BeautifulSoup(book.read(name).decode("utf-8"), "html.parser")
                for ruby in page.find_all("ruby"):
                    reading = ruby.find("rt").get_text()
                    for extra in ruby.find_all(["rt", "rp"]):
                        extra.decompose()
                    words.add((ruby.get_text(), reading))
    assert len(words) > 300
    text = texts["easy"]
    missing = [w for w in words if f"{w[0]}（{w[1]}）" not in text]
    assert missing == []
    # once per paragraph: no paragraph gives the same word's reading twice (a table row's
    # line is its header's paragraph, then the cell's: split at the first colon)
    for line in text.splitlines():
        for part in line.split("：", 1):
            given = re.findall(r"([一-龥々〆ヵヶ]+)（([ぁ-ゖー]+)）", part)
            assert len(given) == len(set(given)), line
    assert "（けいかく）" not in texts["ja"]


def test_text_cli_rejects_an_unknown_edition() -> None:
    code, out = run_cli("tools.publish.text", "xx")
    assert code == 2 and "unknown edition xx" in out

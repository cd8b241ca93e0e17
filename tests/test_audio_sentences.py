"""Sentence spans and the reading script (tools/sphinxext/speech.py), from real Sphinx builds.

Every sentence of a heading, paragraph, list item, table cell and figure caption is one
``<span class="speech-s" id="s-N">``, ruby kept inside; the ids are the same in every
HTML-format build of the page; the speech builder's script reads tables row by row with
each cell after its header, figures by caption then description, and carries the ruby.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import build_test_root, soup

INDEX = Path(__file__).parent / "roots" / "test-speech" / "index.md"


def spans(html: Path) -> list:
    return soup(html).select("span.speech-s")


def script(outdir: Path, page: str = "index") -> list[dict]:
    return json.loads((outdir / f"{page}.json").read_text(encoding="utf-8"))["sentences"]


def test_each_sentence_is_a_numbered_span(tmp_path: Path) -> None:
    out, warnings = build_test_root(tmp_path, "test-speech", "html")
    assert warnings == ""
    found = spans(out / "index.html")
    ids = [span["id"] for span in found]
    # Numbered in document order; s-13 is the figure's image, the rest are spans.
    assert ids == [f"s-{n}" for n in range(1, len(ids) + 2) if n != 13]
    texts = [span.get_text() for span in found]
    # Two sentences of one paragraph are two spans; the heading and list items are spans too.
    assert "健幸のまちを目指します。" in texts
    assert "旭川市と市社協が協力します！" in texts
    assert found[0].find_parent("h1") is not None
    # Ruby stays ruby, inside the sentence.
    ruby = found[0].find("ruby")
    assert ruby is not None and ruby.rt.get_text() == "きほん"
    # A table cell, a list item and a figure caption each hold their sentences.
    assert any(s.find_parent("td") for s in found)
    assert any(s.find_parent("li") for s in found)
    assert any(s.find_parent("figcaption") for s in found)
    # The figure's image carries the id of its description (the alt text is spoken).
    assert soup(out / "index.html").select_one("figure img")["id"] == "s-13"


def test_ids_are_the_same_in_every_build(tmp_path: Path) -> None:
    html, _ = build_test_root(tmp_path / "html", "test-speech", "html")
    again, _ = build_test_root(tmp_path / "again", "test-speech", "html")
    scripts, warnings = build_test_root(tmp_path / "speech", "test-speech", "speech")
    assert warnings == ""
    first = [(s["id"], s.get_text()) for s in spans(html / "index.html")]
    assert first == [(s["id"], s.get_text()) for s in spans(again / "index.html")]
    in_html = {s["id"] for s in spans(html / "index.html")} | {"s-13"}
    assert {s["id"] for s in script(scripts)} <= in_html


def test_the_print_build_has_no_sentence_spans(tmp_path: Path) -> None:
    """The PDFs join every page in one document: page ids would collide, so none are made."""
    out, _ = build_test_root(tmp_path, "test-speech", "singlehtml")
    assert spans(out / "index.html") == []


def test_reading_order_of_the_script(tmp_path: Path) -> None:
    out, _ = build_test_root(tmp_path, "test-speech", "speech")
    sentences = script(out)
    by_text = {s["text"]: s for s in sentences}
    pieces = {s["text"]: "".join(t for t, _ in s["pieces"]) for s in sentences}
    # Tables: row by row, each cell after its column header; header cells not read alone.
    assert "番号" not in by_text and "内容" not in by_text
    assert pieces["1"] == "番号、1"
    assert pieces["除雪の支援。"] == "内容、除雪の支援。"
    assert pieces["冬の暮らし。"] == "冬の暮らし。"  # the header once per cell
    order = [s["text"] for s in sentences]
    assert order.index("1") < order.index("除雪の支援。") < order.index("2")
    # A figure: its caption, then its description.
    assert order[-2:] == ["計画策定体制", "住民が集まって話し合う様子の図"]
    assert pieces[order[-1]] == "図の説明。住民が集まって話し合う様子の図"
    # Pauses: longer after a heading and a paragraph than between sentences.
    assert by_text["基本の計画"]["pause"] > by_text["旭川市と市社協が協力します！"]["pause"] \
        > by_text["健幸のまちを目指します。"]["pause"]
    # Paragraph numbers rise in reading order (the player's previous/next paragraph).
    blocks = [s["block"] for s in sentences]
    assert blocks == sorted(blocks) and blocks[0] == 0
    assert by_text["健幸のまちを目指します。"]["block"] == by_text["旭川市と市社協が協力します！"]["block"]


def test_the_script_carries_the_ruby(tmp_path: Path) -> None:
    out, _ = build_test_root(tmp_path, "test-speech", "speech")
    first = script(out)[0]
    assert first["pieces"][0] == ["基本", "きほん"]
    item = next(s for s in script(out) if s["text"] == "地域の見守り。")
    assert item["pieces"] == [["地域", "ちいき"], ["の", None], ["見守", "みまも"], ["り。", None]]


def test_a_sentence_across_inline_markup_stays_whole(tmp_path: Path) -> None:
    """A sentence end inside a link or emphasis does not cut it (spans cannot overlap)."""
    page = INDEX.read_text(encoding="utf-8") + "\n**強調。の中**で終わる。次の文。\n"
    out, warnings = build_test_root(tmp_path, "test-speech", "html", {"index.md": page})
    assert warnings == ""
    texts = [s.get_text() for s in spans(out / "index.html")]
    assert "強調。の中で終わる。" in texts and "次の文。" in texts

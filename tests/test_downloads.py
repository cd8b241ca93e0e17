"""Where readers find the files: every page's sidebar and the landing page list each format.

Real builds: the shared site (conftest.site) is built as the pipeline builds it: the real
audio of the pages read aloud (conftest.AUDIO_PAGES), the EPUB and text editions
(conftest.book_files) first, then both websites and the landing page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import AUDIO_PAGES, content_pages, soup

from tools.outputs import (
    FORMATS,
    Download,
    audio_downloads,
    downloads,
    format_duration,
    format_size,
)

AUDIO_ORDER = ["index", "actors"]  # AUDIO_PAGES in the order of the contents


def test_format_words() -> None:
    assert format_size(45 * 1024) == "45KB" and format_size(1258291) == "1.2MB"
    assert format_duration(44.2) == "45秒" and format_duration(12 * 60 + 10) == "12分"
    assert format_duration(65 * 60) == "1時間5分" and format_duration(65 * 60, kana=True) == \
        "1じかん 5ふん"
    book = Download("standard", "epub/a.epub", "標準版", "ふつうの にほんご", 1258291, "epub")
    assert book.link_text == "標準版 EPUB（電子書籍）1.2MB"
    assert book.kana_link_text == "ふつうの にほんご EPUB（でんし しょせき）1.2MB"
    text = Download("standard", "text/a.txt", "標準版", "ふつうの にほんご", 45 * 1024, "text")
    assert text.link_text == "標準版 テキスト 45KB"
    audio = Download("overview", "audio/ja/overview.mp3", "このページ", "この ページ",
                     2 * 1024 * 1024, "audio", "ja", 721.0)
    assert audio.link_text == "このページ 音声（MP3、12分）2.0MB"
    assert audio.kana_link_text == "この ページ おんせい（MP3、12ふん）2.0MB"
    pdf = Download("standard", "pdf/a.pdf", "標準版", "ふつうの にほんご", 1258291)
    assert pdf.link_text == "標準版（PDF 1.2MB）"


@pytest.mark.parametrize("edition", ["ja", "easy"])
def test_every_page_lists_the_files_with_format_and_size(site: Path, edition: str) -> None:
    kana = edition == "easy"
    files = downloads(site=site)
    assert {d.format for d in files} >= {"epub", "text"}
    audio = audio_downloads(site, edition)
    assert set(audio) == AUDIO_PAGES == set(AUDIO_ORDER)
    pages = content_pages(site / edition)
    assert len(pages) >= 9
    for page in pages:
        nav = soup(page).select_one("nav.sidebar-downloads")
        expected = files + ([audio[page.stem]] if page.stem in audio else [])
        expected.sort(key=lambda d: list(FORMATS).index(d.format))
        links = nav.select("a")
        assert [a["href"] for a in links] == [f"../{d.path}" for d in expected], page
        for link, download in zip(links, expected, strict=True):
            target = (page.parent / link["href"]).resolve()
            assert target.is_file()
            assert link["type"] == download.media_type
            size = format_size(target.stat().st_size)
            assert link.get_text() == (download.kana_link_text if kana else download.link_text)
            assert link.get_text().endswith(size)
        titles = [p.get_text() for p in nav.select(".sidebar-downloads-format")]
        assert titles == [(FORMATS[k].kana_title if kana else FORMATS[k].title)
                          for k in dict.fromkeys(d.format for d in expected)]
        text = nav.get_text()
        if kana:
            assert not re.search("[一-龥]", text), page  # no kanji without ruby
            assert "EPUB（でんし しょせき）" in text
        else:
            assert "EPUB（電子書籍）" in text and "テキスト " in text
        if page.stem in AUDIO_PAGES:
            word = "おんせい（MP3、" if kana else "音声（MP3、"
            assert re.search(word + r"\d+(秒|分|びょう|ふん)）\d+KB", text), text


def test_landing_page_lists_every_format(site: Path) -> None:
    page = soup(site / "index.html")
    sections = {s.find("h2")["id"]: s for s in page.select("section")}
    assert {"epub-heading", "text-heading", "audio-heading"} <= set(sections)
    for download in downloads(site=site):
        link = page.select_one(f'section a[href="{download.path}"]')
        assert link is not None and link.get_text() == download.link_text
        assert link["type"] == download.media_type
    audio_links = sections["audio-heading"].select("a")
    assert len(audio_links) == 2 * len(AUDIO_PAGES)  # each page read aloud, in each edition
    for link in audio_links:
        assert (site / link["href"]).is_file() and link["type"] == "audio/mpeg"
    # the pages' titles in the contents' order, ruby kept in the easy edition, then format
    # and duration
    ja_links, easy_links = audio_links[:len(AUDIO_ORDER)], audio_links[len(AUDIO_ORDER):]
    assert [a.get_text() for a in ja_links] == [
        soup(site / "ja" / f"{page}.html").find("h1").get_text().replace("¶", "").strip()
        for page in AUDIO_ORDER]
    assert [a["href"] for a in easy_links] == [f"audio/easy/{page}.mp3" for page in AUDIO_ORDER]
    assert all(link.find("ruby") is not None for link in easy_links)
    assert re.search(r"音声（MP3、\d+(秒|分)）\d+KB", ja_links[0].parent.get_text())
    for href in [a["href"] for a in page.select("a")]:
        assert (site / href).is_file(), href

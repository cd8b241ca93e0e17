"""The EPUB 3 books, read back: EPUBCheck, Ace by DAISY, the package and the media overlays.

The books of both editions are built from the repository's sources (conftest.book_files)
with media overlays for the pages the shared site reads aloud (conftest.AUDIO_PAGES: the
audio stage's own synthesis, reused); a small talking book is built from
tests/roots/test-talking-book with speech synthesised by pyopenjtalk and encoded by
Debian's lame, to test broken timings.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import wave
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from conftest import AUDIO_PAGES, FORMATS_EPOCH, ROOTS
from speech_sample import synthesise

from tools import ROOT
from tools.checks.epub import ace, epubcheck, mp3_duration, overlays
from tools.editions import EDITIONS
from tools.errors import BuildError
from tools.outputs import EPUBS, PDFS
from tools.publish import epub
from tools.publish.context import BuildContext
from tools.publish.epub_package import CONFORMS_TO, VOICE_CREDIT
from tools.publish.media_overlays import ACTIVE_CLASS, clock
from tools.publish.pdf.build import document_info

OPF = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
SMIL = "{http://www.w3.org/ns/SMIL}"
STAMP = "2023-10-01T00:00:00Z"  # FORMATS_EPOCH
EDITION_NAMES = list(EDITIONS)
# What the talking book says: page -> sentences (id, text), with the ids speech.py gives them
# (the heading is s-1).
SPEECH = {
    "index": [("s-2", "旭川市の地域福祉計画です。"), ("s-3", "市と市社協が一緒に作ります。")],
    "second": [("s-2", "除雪は地域の支え合いです。")],
}


# --- helpers ---------------------------------------------------------------------------


def read_zip(book: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(book) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def package(book: Path) -> ET.Element:
    return ET.fromstring(read_zip(book)["content.opf"])


def metas(opf: ET.Element, prop: str) -> list[str]:
    return [m.text for m in opf.iterfind("opf:metadata/opf:meta", OPF)
            if m.get("property") == prop and not m.get("refines")]


def spine_documents(book: Path) -> list[str]:
    opf = package(book)
    hrefs = {i.get("id"): i.get("href") for i in opf.iterfind("opf:manifest/opf:item", OPF)}
    return [hrefs[ref.get("idref")] for ref in opf.iterfind("opf:spine/opf:itemref", OPF)]


def xhtml(book: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup(read_zip(book)[name].decode("utf-8"), "html.parser")


def base_text(element) -> str:
    """An element's text without ruby readings (what the navigation shows)."""
    copy = BeautifulSoup(str(element), "html.parser")
    for reading in copy.find_all(["rt", "rp"]):
        reading.decompose()
    return "".join(copy.get_text().split())


def talking_context(root: Path) -> BuildContext:
    return BuildContext(build_root=root, source=ROOTS / "test-talking-book",
                        staging=root / "site", cache=root / "cache")


@pytest.fixture(scope="module")
def talking_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("talking")
    synthesise(root / "site" / "audio" / "ja", SPEECH)
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", str(FORMATS_EPOCH))
    try:
        (book,) = epub.build(EDITIONS["ja"], talking_context(root))
    finally:
        mp.undo()
    return book


@pytest.fixture(scope="module")
def books(book_files: dict[tuple[str, str], Path]) -> dict[str, Path]:
    return {name: book_files[("epub", name)] for name in EDITION_NAMES}


# --- EPUBCheck and Ace -----------------------------------------------------------------


@pytest.mark.parametrize("name", EDITION_NAMES)
def test_epubcheck_finds_no_error_or_warning(books: dict[str, Path], name: str) -> None:
    assert epubcheck(books[name]) == []


def test_epubcheck_accepts_the_talking_book(talking_book: Path) -> None:
    assert epubcheck(talking_book) == []


@pytest.mark.browser
@pytest.mark.parametrize("name", EDITION_NAMES)
def test_ace_finds_no_violation(books: dict[str, Path], name: str) -> None:
    assert ace(books[name]) == []


def test_checker_reports_what_epubcheck_finds(books: dict[str, Path], tmp_path: Path) -> None:
    """A book with a broken link and no language: the checker must say so (it can fail)."""
    files = read_zip(books["ja"])
    page = files["introduction.xhtml"].decode("utf-8")
    files["introduction.xhtml"] = page.replace('lang="ja" xml:lang="ja"', "").replace(
        "</body>", '<p><a href="missing.xhtml">x</a></p></body>').encode("utf-8")
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(broken, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data, zipfile.ZIP_STORED if name == "mimetype"
                             else zipfile.ZIP_DEFLATED)
    codes = {d.code for d in epubcheck(broken)}
    assert "RSC-007" in codes, codes  # the missing page


# --- the content documents -------------------------------------------------------------


@pytest.mark.parametrize("name", EDITION_NAMES)
def test_every_document_declares_its_language(books: dict[str, Path], name: str) -> None:
    files = read_zip(books[name])
    documents = [n for n in files if n.endswith(".xhtml")]
    assert "nav.xhtml" in documents and len(documents) >= 10
    for document in documents:
        html = BeautifulSoup(files[document].decode("utf-8"), "html.parser").html
        assert html["lang"] == "ja" and html["xml:lang"] == "ja", document
    assert package(books[name]).get("{http://www.w3.org/XML/1998/namespace}lang") == "ja"


def test_pages_about_the_website_are_left_out(books: dict[str, Path]) -> None:
    for book in books.values():
        assert "accessibility.xhtml" not in read_zip(book)
        assert "genindex.xhtml" not in read_zip(book)


def test_easy_book_keeps_its_ruby(books: dict[str, Path]) -> None:
    easy, standard = read_zip(books["easy"]), read_zip(books["ja"])
    rubies = [r for name, data in easy.items() if name.endswith(".xhtml")
              for r in BeautifulSoup(data.decode("utf-8"), "html.parser").find_all("ruby")]
    assert len(rubies) > 500
    assert all(r.find("rt") and r.find("rt").get_text() for r in rubies)
    for files in (easy, standard):
        for name, data in files.items():
            if name.endswith(".xhtml"):
                assert not re.search("[《》｜]", data.decode("utf-8")), name  # no notation left
    assert "glossary.xhtml" in easy  # ことばの せつめい


@pytest.mark.parametrize("name", EDITION_NAMES)
def test_navigation_mirrors_the_headings(books: dict[str, Path], name: str) -> None:
    book = books[name]
    nav = xhtml(book, "nav.xhtml").find("nav")
    assert nav["role"] == "doc-toc" and nav["epub:type"] == "toc"
    assert nav.find("h1").get_text() == ("もくじ" if name == "easy" else "目次")
    listed = [(len(a.find_parents("ol")), a["href"].split("#")[0], base_text(a))
              for a in nav.find_all("a")]
    headings = [(int(h.name[1]), document, base_text(h))
                for document in spine_documents(book)
                for h in xhtml(book, document).find_all(re.compile("^h[1-6]$"))]
    assert listed == headings
    assert max(level for level, _, _ in headings) >= 4


def test_figures_keep_their_alt_text(books: dict[str, Path]) -> None:
    alts = {}
    for source in (ROOT / "docs").glob("*.md"):
        for figure, alt in re.findall(r"```\{figure\} figures/(\S+)\n:alt: (.+)",
                                      source.read_text(encoding="utf-8")):
            alts[figure] = alt
    assert len(alts) >= 2
    images = [img for document in spine_documents(books["ja"])
              for img in xhtml(books["ja"], document).find_all("img")]
    assert {Path(img["src"]).name: img["alt"] for img in images} == alts
    for img in images:
        assert img.find_parent("figure").find("figcaption").get_text().strip()


@pytest.mark.parametrize("name", EDITION_NAMES)
def test_tables_have_header_cells(books: dict[str, Path], name: str) -> None:
    tables = [t for document in spine_documents(books[name])
              for t in xhtml(books[name], document).find_all("table")]
    assert len(tables) >= 5
    for table in tables:
        assert table.find("thead").find_all("th"), table.get_text()[:40]
    # the role tables name each row by its first cell (a stub column)
    assert any(table.select("tbody th") for table in tables)


# --- the package -----------------------------------------------------------------------


@pytest.mark.parametrize("name", EDITION_NAMES)
def test_metadata_is_the_print_editions_cover_data(books: dict[str, Path], name: str) -> None:
    opf = package(books[name])
    pdf = next(spec for spec in PDFS if spec.edition == name and not spec.title_suffix)
    info = document_info(pdf)
    spec = next(spec for spec in EPUBS if spec.edition == name)
    field = {key: opf.findtext(f"opf:metadata/dc:{key}", namespaces=OPF)
             for key in ("title", "creator", "language", "description", "identifier", "date")}
    assert field["title"] == info.title and field["creator"] == info.author
    assert field["language"] == "ja"
    assert field["description"] == spec.subject
    assert field["identifier"].startswith("urn:uuid:")
    assert field["date"] == STAMP and metas(opf, "dcterms:modified") == [STAMP]
    assert not [m for m in opf.iter() if (m.get("property") or "").startswith("ibooks:")]


@pytest.mark.parametrize("name", EDITION_NAMES)
def test_accessibility_metadata(books: dict[str, Path], name: str) -> None:
    opf = package(books[name])
    features = {"structuralNavigation", "tableOfContents", "alternativeText", "readingOrder",
                "synchronizedAudioText"}  # the pages read aloud (AUDIO_PAGES)
    if name == "easy":
        features.add("rubyAnnotations")
    assert set(metas(opf, "schema:accessibilityFeature")) == features
    assert set(metas(opf, "schema:accessMode")) == {"textual", "visual", "auditory"}
    assert metas(opf, "schema:accessModeSufficient") == ["textual"]
    assert metas(opf, "schema:accessibilityHazard") == ["none"]
    (summary,) = metas(opf, "schema:accessibilitySummary")
    assert len(re.findall("[ぁ-んァ-ン一-龥]", summary)) > 40 and summary.endswith("。")
    assert metas(opf, "dcterms:conformsTo") == [CONFORMS_TO]
    assert CONFORMS_TO == "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"


def test_books_are_reproducible(books: dict[str, Path], tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(FORMATS_EPOCH))
    ctx = BuildContext(tmp_path, ROOT / "docs", tmp_path / "site", tmp_path / "cache")
    shutil.copytree(books["ja"].parents[1] / "audio" / "ja", ctx.staging / "audio" / "ja")
    (again,) = epub.build(EDITIONS["ja"], ctx)
    assert again.read_bytes() == books["ja"].read_bytes()
    with zipfile.ZipFile(again) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    assert [i.filename for i in infos[1:3]] == ["META-INF/container.xml", "content.opf"]
    rest = [i.filename for i in infos[3:]]
    assert rest == sorted(rest)
    assert {i.date_time for i in infos} == {(2023, 10, 1, 0, 0, 0)}


# --- media overlays --------------------------------------------------------------------


def overlaid_pages(book: Path, timings: Path) -> list[str]:
    """The pages of *book* with a media overlay, each checked against the audio stage's
    timings in *timings* (``<page>.json``): one clip per sentence, durations as spoken."""
    opf = package(book)
    items = {i.get("id"): i for i in opf.iterfind("opf:manifest/opf:item", OPF)}
    pages = [items[ref.get("idref")] for ref in opf.iterfind("opf:spine/opf:itemref", OPF)]
    durations = {m.get("refines"): m.text for m in opf.iterfind("opf:metadata/opf:meta", OPF)
                 if m.get("property") == "media:duration" and m.get("refines")}
    files = read_zip(book)
    total, overlaid = 0.0, []
    for page in (p for p in pages if p.get("media-overlay")):
        overlaid.append(page.get("href"))
        overlay = items[page.get("media-overlay")]
        assert overlay.get("media-type") == "application/smil+xml"
        spoken = json.loads((timings / page.get("href").replace(".xhtml", ".json"))
                            .read_text("utf-8"))
        assert durations[f"#{overlay.get('id')}"] == clock(spoken["duration"])
        total += spoken["duration"]
        pars = list(ET.fromstring(files[overlay.get("href")]).iter(f"{SMIL}par"))
        assert [p.find(f"{SMIL}text").get("src") for p in pars] == [
            f"../{page.get('href')}#{s['id']}" for s in spoken["sentences"]]
    assert metas(opf, "media:duration") == [clock(total)]
    assert metas(opf, "media:active-class") == [ACTIVE_CLASS]
    assert "synchronizedAudioText" in metas(opf, "schema:accessibilityFeature")
    assert "auditory" in metas(opf, "schema:accessMode")
    assert ACTIVE_CLASS.lstrip("-") in files["_static/epub-plan.css"].decode("utf-8")
    return overlaid


def test_talking_book_has_an_overlay_per_page(talking_book: Path) -> None:
    assert spine_documents(talking_book) == ["index.xhtml", "second.xhtml"]
    timings = talking_book.parents[1] / "audio" / "ja"
    assert overlaid_pages(talking_book, timings) == ["index.xhtml", "second.xhtml"]


@pytest.mark.parametrize("name", EDITION_NAMES)
def test_the_plans_books_are_talking_books(books: dict[str, Path], name: str) -> None:
    """The pages the shared site read aloud are read aloud in the book too: the same MP3,
    a clip per sentence of the page, every clip on an id of its page and inside its audio
    (EPUBCheck and Ace check these books above)."""
    book = books[name]
    timings = book.parents[1] / "audio" / name
    expected = {f"{page}.xhtml" for page in AUDIO_PAGES}
    assert {p.name for p in timings.glob("*.json")} == {f"{page}.json" for page in AUDIO_PAGES}
    assert set(overlaid_pages(book, timings)) == expected
    assert overlays(book) == []
    files = read_zip(book)
    for page in AUDIO_PAGES:
        assert files[f"audio/{page}.mp3"] == (timings / f"{page}.mp3").read_bytes()
    opf = package(book)
    assert metas(opf, "media:narrator") == [VOICE_CREDIT]
    assert VOICE_CREDIT in opf.findtext("opf:metadata/dc:rights", namespaces=OPF)


def test_overlay_clips_point_at_sentences_inside_the_audio(talking_book: Path,
                                                          tmp_path: Path) -> None:
    assert overlays(talking_book) == []
    files = read_zip(talking_book)
    for name in (n for n in files if n.endswith(".mp3")):
        # the frame walker agrees with lame's own decoder
        (tmp_path / "a.mp3").write_bytes(files[name])
        subprocess.run(["lame", "--quiet", "--decode", str(tmp_path / "a.mp3"),
                        str(tmp_path / "a.wav")], check=True)
        with wave.open(str(tmp_path / "a.wav")) as decoded:
            seconds = decoded.getnframes() / decoded.getframerate()
        assert abs(mp3_duration(files[name]) - seconds) < 0.1, name
    # a wrong id and a clip past the end are found
    smil = files["overlays/second.smil"].decode("utf-8")
    files["overlays/second.smil"] = re.sub(r'clipEnd="[^"]+"', 'clipEnd="99.000s"',
                                           smil.replace("#s-2", "#s-9")).encode("utf-8")
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(broken, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    assert sorted(d.code for d in overlays(broken)) == ["MO001", "MO002"]


def test_bad_timings_stop_the_build_and_keep_the_last_book(talking_book: Path) -> None:
    root = talking_book.parents[2]
    timings = root / "site" / "audio" / "ja" / "second.json"
    good, before = timings.read_text(encoding="utf-8"), talking_book.read_bytes()
    data = json.loads(good)
    data["sentences"][0]["id"] = "s-404"
    timings.write_text(json.dumps(data), encoding="utf-8")
    try:
        with pytest.raises(BuildError, match=r"second\.json: sentence 1 \(s-404\)"):
            epub.build(EDITIONS["ja"], talking_context(root))
    finally:
        timings.write_text(good, encoding="utf-8")
    assert talking_book.read_bytes() == before


def test_check_cli_exits_2_without_a_book(tmp_path: Path) -> None:
    from conftest import run_cli

    code, out = run_cli("tools.checks.epub", tmp_path / "none.epub")
    assert code == 2 and "none.epub" in out

"""Finish the EPUB that Sphinx wrote: accessibility metadata, media overlays, a reproducible zip.

Sphinx's epub builder leaves an unpacked book (``content.opf``, ``nav.xhtml``, the
pages); :func:`finish` rewrites its package document and navigation in place and
:func:`write_epub` zips it. The package gets:

- EPUB Accessibility 1.1 metadata (``schema:accessMode`` ..., a Japanese
  ``schema:accessibilitySummary``, ``dcterms:conformsTo``);
- dates from ``SOURCE_DATE_EPOCH`` (else the build time), no vendor (``ibooks:``) metadata,
  no EPUB 2 ``guide``, only the stylesheets and images the pages use;
- with speech timings, one SMIL per page (:mod:`tools.publish.media_overlays`), the MP3s,
  ``media-overlay`` on each page's manifest item, ``media:duration`` per overlay and in
  total, ``media:active-class``;
- a navigation document titled in the edition's language, ``role="doc-toc"``.

The zip is reproducible: ``mimetype`` first and stored, every other entry sorted,
deflated, with the same timestamp and permissions.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import time
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.etree import ElementTree as ET

from tools.errors import BuildError
from tools.publish import media_overlays
from tools.publish.media_overlays import PageAudio

OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"
ET.register_namespace("", OPF)
ET.register_namespace("dc", DC)

CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
# The voice of the synthesised speech (pyopenjtalk-plus bundles it); CC BY 3.0 asks for credit.
VOICE_CREDIT = (
    "音声合成：Open JTalk（HTSボイス「Mei」、名古屋工業大学、"
    "クリエイティブ・コモンズ 表示 3.0 ライセンス）"
)


@dataclass(frozen=True)
class Accessibility:
    """What the book offers its readers, stated in its package metadata."""

    ruby: bool  # the easy edition: every kanji word has its reading
    summary: str  # schema:accessibilitySummary, in the edition's Japanese
    audio_summary: str  # added to the summary when the book has media overlays
    overlays: bool = False

    def full_summary(self) -> str:
        return f"{self.summary}{self.audio_summary}" if self.overlays else self.summary

    def features(self) -> list[str]:
        features = ["structuralNavigation", "tableOfContents", "alternativeText", "readingOrder"]
        if self.ruby:
            features.append("rubyAnnotations")
        if self.overlays:
            features.append("synchronizedAudioText")
        return features

    def access_modes(self) -> list[str]:
        # The figures are diagrams (visual), each with alt text and its content as text.
        return ["textual", "visual", *(["auditory"] if self.overlays else [])]


@dataclass
class Book:
    """The unpacked book Sphinx wrote, being finished."""

    folder: Path
    opf: ET.ElementTree = field(init=False)

    def __post_init__(self) -> None:
        self.opf = ET.parse(self.folder / "content.opf")

    def find(self, path: str) -> ET.Element:
        element = self.opf.getroot().find(path, {"opf": OPF, "dc": DC})
        if element is None:
            raise BuildError(f"{self.folder / 'content.opf'}: no {path}")
        return element

    @property
    def metadata(self) -> ET.Element:
        return self.find("opf:metadata")

    @property
    def manifest(self) -> ET.Element:
        return self.find("opf:manifest")

    def items(self) -> list[ET.Element]:
        return self.manifest.findall(f"{{{OPF}}}item")

    def meta(self, prop: str, text: str, **attrs: str) -> None:
        element = ET.SubElement(self.metadata, f"{{{OPF}}}meta", {"property": prop, **attrs})
        element.text = text

    def hrefs(self) -> list[str]:
        """Every file of the book listed in its manifest."""
        return [item.get("href", "") for item in self.items()]

    def save(self) -> None:
        ET.indent(self.opf, space="  ")
        self.opf.write(self.folder / "content.opf", encoding="UTF-8", xml_declaration=True)


def build_date(epoch: str | None = None) -> time.struct_time:
    """The book's date: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else now."""
    epoch = epoch if epoch is not None else os.environ.get("SOURCE_DATE_EPOCH")
    return time.gmtime(int(epoch)) if epoch else time.gmtime()


def finish(folder: Path, access: Accessibility, contents_title: str,
           audio: list[PageAudio] = (), date: time.struct_time | None = None) -> Book:
    """Rewrite the package and navigation of the book in *folder*; return it."""
    book = Book(folder)
    date = date or build_date()
    _dates_and_vendor_metadata(book, time.strftime("%Y-%m-%dT%H:%M:%SZ", date))
    _prune_unused_files(book)
    used = _add_overlays(book, audio)
    access = replace(access, overlays=bool(used))
    _accessibility_metadata(book, access)
    guide = book.opf.getroot().find(f"{{{OPF}}}guide")
    if guide is not None:
        book.opf.getroot().remove(guide)
    book.save()
    _navigation(folder / "nav.xhtml", contents_title)
    _ncx_identifier(folder / "toc.ncx", book.find("opf:metadata/dc:identifier").text or "")
    return book


def _dates_and_vendor_metadata(book: Book, stamp: str) -> None:
    # Only reserved prefixes (schema, dcterms, media) remain: no prefix attribute needed.
    book.opf.getroot().attrib.pop("prefix", None)
    for meta in list(book.metadata):
        prop = meta.get("property", "")
        if prop.startswith("ibooks:"):
            book.metadata.remove(meta)
        elif prop == "dcterms:modified":
            meta.text = stamp
    book.find("opf:metadata/dc:date").text = stamp
    # Sphinx requires a contributor; the author is already the creator.
    creator = book.find("opf:metadata/dc:creator").text
    for contributor in book.metadata.findall(f"{{{DC}}}contributor"):
        if contributor.text == creator:
            book.metadata.remove(contributor)


def _accessibility_metadata(book: Book, access: Accessibility) -> None:
    for mode in access.access_modes():
        book.meta("schema:accessMode", mode)
    book.meta("schema:accessModeSufficient", "textual")
    for feature in access.features():
        book.meta("schema:accessibilityFeature", feature)
    book.meta("schema:accessibilityHazard", "none")
    book.meta("schema:accessibilitySummary", access.full_summary())
    book.meta("dcterms:conformsTo", CONFORMS_TO)


_REFERENCE = re.compile(r"""\b(?:href|src)=["']([^"'#]+)|url\(["']?([^"')#]+)""")


def _references(book: Book, href: str) -> set[str]:
    """Files of the book that the page or stylesheet *href* links."""
    text = (book.folder / href).read_text(encoding="utf-8")
    base = posixpath.dirname(href)
    return {posixpath.normpath(posixpath.join(base, ref))
            for match in _REFERENCE.findall(text) for ref in match if ref and "://" not in ref}


def _prune_unused_files(book: Book) -> None:
    """Drop stylesheets and images that no page links (Sphinx copies the website's too)."""
    used: set[str] = set()
    for href in book.hrefs():
        if href.endswith(".xhtml"):
            used |= _references(book, href)
    for href in [h for h in used if h.endswith(".css") and (book.folder / h).is_file()]:
        used |= _references(book, href)
    for item in book.items():
        href = item.get("href", "")
        if href.startswith("_static/") and href not in used:
            book.manifest.remove(item)


def _add_overlays(book: Book, audio: list[PageAudio]) -> list[PageAudio]:
    """SMIL and MP3 for each page of the book that has speech; the pages used."""
    items = {item.get("href"): item for item in book.items()}
    used = [page for page in audio if page.document in items]
    problems = []
    for page in used:
        problems += media_overlays.check(page, (book.folder / page.document).read_text("utf-8"))
    if problems:
        raise BuildError("the speech timings do not fit the EPUB:\n" + "\n".join(problems))
    for number, page in enumerate(used, 1):
        overlay = book.folder / page.overlay
        overlay.parent.mkdir(parents=True, exist_ok=True)
        overlay.write_text(media_overlays.smil(page), encoding="utf-8")
        target = book.folder / page.audio_href
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page.audio, target)
        overlay_id = f"overlay-{number}"
        items[page.document].set("media-overlay", overlay_id)
        ET.SubElement(book.manifest, f"{{{OPF}}}item", {
            "id": overlay_id, "href": page.overlay, "media-type": "application/smil+xml"})
        ET.SubElement(book.manifest, f"{{{OPF}}}item", {
            "id": f"audio-{number}", "href": page.audio_href, "media-type": "audio/mpeg"})
        book.meta("media:duration", media_overlays.clock(page.duration),
                  refines=f"#{overlay_id}")
    if used:
        total = sum(round(page.duration, 3) for page in used)
        book.meta("media:duration", media_overlays.clock(total))
        book.meta("media:active-class", media_overlays.ACTIVE_CLASS)
        book.meta("media:narrator", VOICE_CREDIT)
        rights = book.find("opf:metadata/dc:rights")
        rights.text = f"{rights.text}。{VOICE_CREDIT}"
    return used


def _navigation(path: Path, title: str) -> None:
    """Title the navigation document in the book's language and give it its ARIA role."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<title>[^<]*</title>", f"<title>{title}</title>", text, count=1)
    text = re.sub(r"<h1>[^<]*</h1>", f"<h1>{title}</h1>", text, count=1)
    text = text.replace('<nav epub:type="toc">', '<nav epub:type="toc" role="doc-toc">', 1)
    path.write_text(text, encoding="utf-8")


def _ncx_identifier(path: Path, identifier: str) -> None:
    """The EPUB 2 table of contents names the book's identifier (Sphinx writes its id)."""
    if path.exists():
        text = path.read_text(encoding="utf-8")
        text = re.sub(r'(<meta name="dtb:uid" content=")[^"]*(")', rf"\g<1>{identifier}\g<2>",
                      text, count=1)
        path.write_text(text, encoding="utf-8")


def write_epub(book: Book, target: Path, date: time.struct_time | None = None) -> Path:
    """Zip *book* into *target* reproducibly; written beside it first, then moved in place."""
    date = date or build_date()
    stamp = tuple(date)[:6] if date.tm_year >= 1980 else (1980, 1, 1, 0, 0, 0)
    fixed = ["META-INF/container.xml", "content.opf"]
    names = fixed + sorted(set(book.hrefs()) - set(fixed))
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = target.with_name(f".{target.name}.new")
    with zipfile.ZipFile(fresh, "w") as archive:
        for name in ["mimetype", *names]:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(info, (book.folder / name).read_bytes())
    fresh.replace(target)
    return target

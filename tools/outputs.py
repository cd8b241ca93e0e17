"""What the site offers for download: the files' specs and the published files with sizes.

Every downloadable file is made from one site edition: the print PDFs (three), the
EPUB books and the text editions (one per edition), and the audio (one MP3 per page,
with its speech timings ``<page>.json`` beside it). The site folder is the manifest: a
file is listed when it is there (``site/pdf/``, ``site/epub/``, ``site/text/``,
``site/audio/<edition>/``), with its size read from disk and, for audio, its duration
read from the timings, so the links can never disagree with what the web server
delivers. Used by the Sphinx extension ``tools.sphinxext.downloads`` (every page's
sidebar), the landing page (``tools.publish.landing``) and the format stages.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from tools import ROOT

FILE_STEM = "asahikawa-chiiki-fukushi-keikaku-kosshi"
TITLE = "旭川市地域福祉計画・地域福祉活動計画 骨子（案）"


@dataclass(frozen=True)
class Format:
    """A kind of download, with the words a reader understands (and their kana)."""

    folder: str  # under the site folder
    word: str  # 「EPUB（電子書籍）」: says what the file is, beside its size
    kana_word: str
    title: str  # heading of the format's list
    kana_title: str
    media_type: str


FORMATS: dict[str, Format] = {
    "pdf": Format("pdf", "PDF", "PDF", "印刷用PDF", "いんさつ する ための PDF",
                  "application/pdf"),
    "epub": Format("epub", "EPUB（電子書籍）", "EPUB（でんし しょせき）", "電子書籍（EPUB）",
                   "でんし しょせき（EPUB）", "application/epub+zip"),
    "text": Format("text", "テキスト", "テキスト", "テキスト版", "テキスト（もじ だけ）",
                   "text/plain"),
    "audio": Format("audio", "音声", "おんせい", "音声（読み上げ）", "おんせい（よみあげ）",
                    "audio/mpeg"),
}


@dataclass(frozen=True)
class FileSpec:
    """One downloadable file made from one site edition."""

    key: str
    edition: str  # key of tools.editions.EDITIONS
    filename: str
    label: str  # reader-facing name, e.g. 大きな文字版
    kana_label: str  # the same in kana, for the easy edition's pages (no kanji without ruby)
    subject: str  # the file's description (PDF subject, EPUB dc:description)


@dataclass(frozen=True)
class PdfSpec(FileSpec):
    """One print edition: which site edition it is made from and how it is printed."""

    stylesheet: str = ""  # file in _static/, added after print-common.css
    title_suffix: str = ""  # added to the edition's project title in the PDF's /Title
    contents_title: str = "目次"
    reflow_tables: bool = False
    ruby: bool = False  # furigana must be tagged Ruby/RT (checked by tools.publish.pdf.verify)


PDFS: tuple[PdfSpec, ...] = (
    PdfSpec(
        key="standard",
        edition="ja",
        filename=f"{FILE_STEM}.pdf",
        label="標準版",
        kana_label="ふつうの にほんご",
        subject=f"{TITLE}の印刷用PDF（A4、標準版）",
        stylesheet="print-standard.css",
    ),
    PdfSpec(
        key="large",
        edition="ja",
        filename=f"{FILE_STEM}-large-print.pdf",
        label="大きな文字版",
        kana_label="おおきな もじ",
        subject=(
            f"{TITLE}の大きな文字版PDF"
            "（A4、本文22ポイント、拡大教科書標準規格に準拠した組版）"
        ),
        stylesheet="print-large.css",
        title_suffix="（大きな文字版）",
        reflow_tables=True,
    ),
    PdfSpec(
        key="easy",
        edition="easy",
        filename=f"{FILE_STEM}-yasashii.pdf",
        label="やさしい日本語版",
        kana_label="やさしい にほんご",
        subject=f"{TITLE}のやさしい日本語版PDF（ふりがな付き）",
        stylesheet="print-easy.css",
        contents_title="もくじ",
        ruby=True,
    ),
)

EPUBS: tuple[FileSpec, ...] = (
    FileSpec("standard", "ja", f"{FILE_STEM}.epub", "標準版", "ふつうの にほんご",
             f"{TITLE}の電子書籍（EPUB 3、標準版）"),
    FileSpec("easy", "easy", f"{FILE_STEM}-yasashii.epub", "やさしい日本語版", "やさしい にほんご",
             f"{TITLE}のやさしい日本語版の電子書籍（EPUB 3、ふりがな付き）"),
)

TEXTS: tuple[FileSpec, ...] = (
    FileSpec("standard", "ja", f"{FILE_STEM}.txt", "標準版", "ふつうの にほんご",
             f"{TITLE}のテキスト版（UTF-8、標準版）"),
    FileSpec("easy", "easy", f"{FILE_STEM}-yasashii.txt", "やさしい日本語版", "やさしい にほんご",
             f"{TITLE}のやさしい日本語版のテキスト版（UTF-8、ふりがな付き）"),
)

SPECS: dict[str, tuple[FileSpec, ...]] = {"pdf": PDFS, "epub": EPUBS, "text": TEXTS}
AUDIO_LABEL = ("このページ", "この ページ")  # the page's own audio, in the sidebar


def spec_for(format_key: str, edition: str) -> FileSpec:
    """The file of *format_key* ("epub", "text") made from *edition* ("ja", "easy")."""
    return next(spec for spec in SPECS[format_key] if spec.edition == edition)


def available_pdfs(editions: dict[str, object] | None = None) -> list[PdfSpec]:
    """The PDFs whose site edition exists (the easy PDF appears once EDITIONS has "easy")."""
    if editions is None:
        from tools.editions import EDITIONS

        editions = EDITIONS
    return [spec for spec in PDFS if spec.edition in editions]


PDF_FOLDER = FORMATS["pdf"].folder  # under the site folder: _build/site/pdf/


@dataclass(frozen=True)
class Download:
    key: str  # standard, large, easy (the page name for audio)
    path: str  # relative to the site folder, e.g. "pdf/asahikawa-...-kosshi.pdf"
    label: str  # 標準版, 大きな文字版, やさしい日本語版
    kana_label: str  # ふつうの にほんご, おおきな もじ, やさしい にほんご
    size: int  # bytes
    format: str = "pdf"  # key of FORMATS
    edition: str = ""  # the site edition it is made from
    duration: float | None = None  # seconds, audio only

    @property
    def size_label(self) -> str:
        return format_size(self.size)

    @property
    def media_type(self) -> str:
        return FORMATS[self.format].media_type

    def format_text(self, kana: bool = False) -> str:
        """Format and size in words: PDF 1.2MB, EPUB（電子書籍）1.2MB, 音声（MP3、12分）2.1MB."""
        fmt = FORMATS[self.format]
        word = fmt.kana_word if kana else fmt.word
        if self.format == "pdf":
            return f"{word} {self.size_label}"
        if self.duration is not None:
            return f"{word}（MP3、{format_duration(self.duration, kana)}）{self.size_label}"
        separator = "" if word.endswith("）") else " "
        return f"{word}{separator}{self.size_label}"

    @property
    def link_text(self) -> str:
        """Reader-facing link text: 標準版（PDF 1.2MB）, 標準版 EPUB（電子書籍）1.2MB."""
        return self._link_text(self.label, kana=False)

    @property
    def kana_link_text(self) -> str:
        return self._link_text(self.kana_label, kana=True)

    def _link_text(self, label: str, kana: bool) -> str:
        if self.format == "pdf":
            return f"{label}（{self.format_text(kana)}）"
        return f"{label} {self.format_text(kana)}"


def format_size(size: int) -> str:
    """Bytes as people read them on a download link: 850KB, 1.2MB."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))}KB"
    return f"{size / (1024 * 1024):.1f}MB"


def format_duration(seconds: float, kana: bool = False) -> str:
    """A playing time as people say it: 45秒, 12分, 1時間5分 (kana: 12ふん)."""
    hour, minute, second = ("じかん", "ふん", "びょう") if kana else ("時間", "分", "秒")
    if seconds < 60:
        return f"{max(1, math.ceil(seconds))}{second}"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes}{minute}"
    hours, rest = divmod(minutes, 60)
    joiner = " " if kana else ""
    return f"{hours}{hour}{joiner}{rest}{minute}" if rest else f"{hours}{hour}"


def site_folder(build_root: Path | None = None) -> Path:
    return (build_root or ROOT / "_build") / "site"


def pdf_folder(build_root: Path | None = None) -> Path:
    return site_folder(build_root) / PDF_FOLDER


def downloads(build_root: Path | None = None, *, site: Path | None = None,
              formats: tuple[str, ...] = ("pdf", "epub", "text")) -> list[Download]:
    """The files published in *site* (default *build_root*/site), by format, then edition.

    Audio is per page: see :func:`audio_downloads`.
    """
    site = site or site_folder(build_root)
    found = []
    for format_key in formats:
        folder = FORMATS[format_key].folder
        for spec in SPECS[format_key]:
            path = site / folder / spec.filename
            if path.is_file():
                found.append(Download(spec.key, f"{folder}/{spec.filename}", spec.label,
                                      spec.kana_label, path.stat().st_size, format_key,
                                      spec.edition))
    return found


def audio_downloads(site: Path, edition: str) -> dict[str, Download]:
    """Each page's MP3 of *edition* under *site*/audio/<edition>/, by page name.

    A page has audio when its timings (``<page>.json``: ``audio``, ``duration``) and the
    MP3 they name are both there.
    """
    folder = site / FORMATS["audio"].folder / edition
    found: dict[str, Download] = {}
    for timings in sorted(folder.glob("**/*.json")):
        data = json.loads(timings.read_text(encoding="utf-8"))
        audio = timings.parent / data["audio"]
        if not audio.is_file():
            continue
        page = data.get("page") or timings.relative_to(folder).with_suffix("").as_posix()
        label, kana_label = AUDIO_LABEL
        found[page] = Download(page, audio.relative_to(site).as_posix(), label, kana_label,
                               audio.stat().st_size, "audio", edition, float(data["duration"]))
    return found

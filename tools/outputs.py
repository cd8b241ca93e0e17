"""What the site offers for download: the print PDFs' specs and the published files with sizes.

The folder ``_build/site/pdf/`` is the manifest: a PDF is listed when its file is
there, with its size read from disk, so the links and sizes can never disagree with
what the web server delivers. Used by the Sphinx extension ``tools.sphinxext.downloads``,
the site's landing page (``tools.publish.landing``) and the PDF renderer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tools import ROOT

FILE_STEM = "asahikawa-chiiki-fukushi-keikaku-kosshi"


@dataclass(frozen=True)
class PdfSpec:
    """One print edition: which site edition it is made from and how it is printed."""

    key: str
    edition: str  # key of tools.editions.EDITIONS
    filename: str
    label: str  # reader-facing name, e.g. 大きな文字版
    kana_label: str  # the same in kana, for the easy edition's pages (no kanji without ruby)
    subject: str
    stylesheet: str  # file in _static/, added after print-common.css
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
        subject="旭川市地域福祉計画・地域福祉活動計画 骨子（案）の印刷用PDF（A4、標準版）",
        stylesheet="print-standard.css",
    ),
    PdfSpec(
        key="large",
        edition="ja",
        filename=f"{FILE_STEM}-large-print.pdf",
        label="大きな文字版",
        kana_label="おおきな もじ",
        subject=(
            "旭川市地域福祉計画・地域福祉活動計画 骨子（案）の大きな文字版PDF"
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
        subject="旭川市地域福祉計画・地域福祉活動計画 骨子（案）のやさしい日本語版PDF（ふりがな付き）",
        stylesheet="print-easy.css",
        contents_title="もくじ",
        ruby=True,
    ),
)

def available_pdfs(editions: dict[str, object] | None = None) -> list[PdfSpec]:
    """The PDFs whose site edition exists (the easy PDF appears once EDITIONS has "easy")."""
    if editions is None:
        from tools.editions import EDITIONS

        editions = EDITIONS
    return [spec for spec in PDFS if spec.edition in editions]


PDF_FOLDER = "pdf"  # under the site folder: _build/site/pdf/


@dataclass(frozen=True)
class Download:
    key: str  # standard, large, easy
    path: str  # relative to the site folder, e.g. "pdf/asahikawa-...-kosshi.pdf"
    label: str  # 標準版, 大きな文字版, やさしい日本語版
    kana_label: str  # ふつうの にほんご, おおきな もじ, やさしい にほんご
    size: int  # bytes

    @property
    def size_label(self) -> str:
        return format_size(self.size)

    @property
    def link_text(self) -> str:
        """Reader-facing link text with type and size: 標準版（PDF 1.2MB）."""
        return f"{self.label}（PDF {self.size_label}）"

    @property
    def kana_link_text(self) -> str:
        return f"{self.kana_label}（PDF {self.size_label}）"


def format_size(size: int) -> str:
    """Bytes as people read them on a download link: 850KB, 1.2MB."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))}KB"
    return f"{size / (1024 * 1024):.1f}MB"


def site_folder(build_root: Path | None = None) -> Path:
    return (build_root or ROOT / "_build") / "site"


def pdf_folder(build_root: Path | None = None) -> Path:
    return site_folder(build_root) / PDF_FOLDER


def downloads(build_root: Path | None = None) -> list[Download]:
    """The PDFs published under *build_root*/site/pdf/, in edition order."""
    folder = pdf_folder(build_root)
    found = []
    for spec in PDFS:
        path = folder / spec.filename
        if path.is_file():
            found.append(Download(spec.key, f"{PDF_FOLDER}/{spec.filename}", spec.label,
                                  spec.kana_label, path.stat().st_size))
    return found

"""The published PDFs as download links: file, label and size (「PDF 1.2MB」).

The folder ``_build/site/pdf/`` is the manifest: a PDF is listed when its file is
there, with its size read from disk, so the links and sizes can never disagree with
what the web server delivers. Used by the Sphinx extension ``tools.downloads`` and by
the site's landing page (``tools.landing``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tools import ROOT
from tools.pdf import PDFS

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

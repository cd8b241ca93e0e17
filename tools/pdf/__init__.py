"""Print editions of the plan: which PDFs exist, their files, labels and stylesheets.

The rendering (``render``), the pypdf post-processing (``postprocess``), the checks
(``verify``) and the build step (``build``) live in their own modules; this module
stays import-light so Sphinx extensions and the landing page can read the PDF list
without importing playwright.
"""

from __future__ import annotations

from dataclasses import dataclass

from tools import ROOT

STATIC = ROOT / "_static"
FILE_STEM = "asahikawa-chiiki-fukushi-keikaku-kosshi"


@dataclass(frozen=True)
class PdfSpec:
    """One print edition: which site edition it is made from and how it is printed."""

    key: str
    edition: str  # key of tools.build.EDITIONS
    filename: str
    label: str  # reader-facing name, e.g. 大きな文字版
    kana_label: str  # the same in kana, for the easy edition's pages (no kanji without ruby)
    subject: str
    stylesheet: str  # file in _static/, added after print-common.css
    title_suffix: str = ""  # added to the edition's project title in the PDF's /Title
    contents_title: str = "目次"
    reflow_tables: bool = False
    ruby: bool = False  # furigana must be tagged Ruby/RT (checked by tools.pdf.verify)


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

COMMON_STYLESHEET = "print-common.css"


def available_pdfs(editions: dict[str, object] | None = None) -> list[PdfSpec]:
    """The PDFs whose site edition exists (the easy PDF appears once EDITIONS has "easy")."""
    if editions is None:
        from tools.build import EDITIONS

        editions = EDITIONS
    return [spec for spec in PDFS if spec.edition in editions]

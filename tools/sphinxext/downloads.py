"""Link the print PDFs from every page's sidebar, with type and size (「標準版（PDF 1.2MB）」).

The PDFs are built before the HTML (``python -m tools.publish.build``), so their sizes are
known: ``tools.publish.pdf.downloads`` lists the files found in ``<build root>/site/pdf/``.
Pages are published in ``site/<edition>/``, so a page links ``../`` per folder level,
then ``../pdf/<file>``. The list is rendered by ``_templates/sidebar/downloads.html``.
The list (with sizes) is stored in a config value that rebuilds HTML, so a warm build
rewrites every page when a PDF changed size.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from tools.outputs import downloads

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC = Path(__file__).resolve().parent / "data" / "downloads"


def pdf_links(pagename: str, pdfs: list[dict[str, str]]) -> list[dict[str, str]]:
    """The PDFs with URLs relative to *pagename* (``site/<edition>/<pagename>.html``)."""
    up = "../" * (pagename.count("/") + 1)
    return [{**pdf, "url": up + pdf["path"]} for pdf in pdfs]


def on_config_inited(app: Sphinx, config: Config) -> None:
    # The HTML is built into <build root>/html/<edition> (tools.publish.build) and the PDFs are
    # published in <build root>/site/pdf; an explicit folder wins.
    build_root = (Path(config.downloads_build_root) if config.downloads_build_root
                  else Path(app.outdir).resolve().parents[1])
    config.downloads_pdfs = [
        {
            "path": pdf.path,
            "text": pdf.kana_link_text if config.downloads_kana else pdf.link_text,
            "size": pdf.size_label,
        }
        for pdf in downloads(build_root)
    ]


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    context["downloads_pdfs"] = pdf_links(pagename, app.config.downloads_pdfs)
    context["downloads_title"] = app.config.downloads_title


def on_builder_inited(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("downloads_build_root", "", "html", types=frozenset({str}))
    app.add_config_value("downloads_kana", False, "html", types=frozenset({bool}))
    app.add_config_value("downloads_title", "印刷用PDF", "html", types=frozenset({str}))
    app.add_config_value("downloads_pdfs", [], "html", types=frozenset({list}))
    app.connect("config-inited", on_config_inited)
    app.connect("builder-inited", on_builder_inited)
    app.connect("html-page-context", on_html_page_context)
    app.add_css_file("downloads.css")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

"""EPUB content documents for the plan: language, stylesheets and metadata from the editions.

Sphinx's epub builder writes the XHTML; this extension makes it fit for an accessible
book (the package itself, its accessibility metadata and media overlays are written by
``tools.publish.epub``):

- the templates in ``data/epub/templates/`` (put in front by ``tools.sphinxext.templates``)
  give every document ``lang`` and ``xml:lang``;
- only the book's stylesheets are linked (``epub.css``, ``plan.css``, ``epub-plan.css``),
  not the website's (furo fixes, sidebar, print layouts);
- the metadata Sphinx requires (description, publisher, identifier, file name) default
  to the edition's entry in :mod:`tools.outputs`, so the EPUB says what the PDFs say.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tools.outputs import EPUBS

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC = Path(__file__).resolve().parent / "data" / "epub" / "static"
# Stylesheets of the book; the website's own (a11y.css, downloads.css, ...) stay out.
BOOK_CSS = frozenset({"epub.css", "pygments.css", "plan.css", "epub-plan.css"})
# A fixed namespace, so each edition's identifier is the same on every build.
NAMESPACE = uuid.UUID("8f0c1f0e-6a53-4c55-9d1e-2b0f4c7e1a11")


def is_epub(app: Sphinx) -> bool:
    return app.builder is not None and app.builder.name.startswith("epub")


def book_identifier(filename: str) -> str:
    """A stable ``urn:uuid:`` for the book with this file name."""
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, filename)}"


def on_config_inited(app: Sphinx, config: Config) -> None:
    edition = "easy" if app.tags.has("easy") else "ja"
    spec = next(spec for spec in EPUBS if spec.edition == edition)
    defaults = {
        "epub_basename": Path(spec.filename).stem,
        "epub_description": spec.subject,
        "epub_publisher": config.author,
        "epub_contributor": config.author,
        "epub_identifier": book_identifier(spec.filename),
        "epub_uid": "book-id",
        "epub_scheme": "uuid",
    }
    for name, value in defaults.items():
        if name not in config._raw_config:
            setattr(config, name, value)
    # No index page (the plan has no index entries); the navigation lists every heading.
    for name, value in (("epub_use_index", False), ("epub_tocdepth", 6)):
        if name not in config._raw_config:
            setattr(config, name, value)


def on_builder_inited(app: Sphinx) -> None:
    if is_epub(app):
        app.config.html_static_path.append(str(STATIC))
        app.add_css_file("epub-plan.css", priority=800)


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if not is_epub(app):
        return
    context["css_files"] = [
        css for css in context.get("css_files", [])
        if Path(getattr(css, "filename", str(css))).name in BOOK_CSS
    ]


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", on_config_inited)
    app.connect("builder-inited", on_builder_inited)
    app.connect("html-page-context", on_html_page_context, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

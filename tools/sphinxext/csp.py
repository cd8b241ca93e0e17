"""A Content Security Policy on every page: script only from the site's own files.

The policy is a ``<meta http-equiv="Content-Security-Policy">`` (a static site cannot rely
on server headers), so even markup that slipped past ``tools.sphinxext.safe_markup`` cannot
run: no inline script, no event-handler attributes, nothing loaded from another site.
Inline ``style`` attributes stay allowed (furo's icons use them; they cannot run script).
The themes' inline scripts live in files (``_static/furo-theme-init.js``,
``_static/reader-tools-init.js``), and Sphinx's one ``new Function`` (the catalog's plural
expression in doctools.js) is replaced by ``data/csp/doctools-no-eval.js``, so the policy needs
no ``'unsafe-eval'``. Only the website builders get it (the PDF renderer's
single-page build injects its print styles from local files).
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

POLICY = "; ".join((  # noqa: FLY002 -- one directive per line reads better
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "media-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
))
META = f'<meta http-equiv="Content-Security-Policy" content="{escape(POLICY, quote=False)}">'
BUILDERS = frozenset({"html", "dirhtml"})
STATIC = Path(__file__).resolve().parent / "data" / "csp"


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if app.builder.name in BUILDERS:
        context["metatags"] = META + "\n" + context.get("metatags", "")


def on_builder_inited(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", on_builder_inited)
    app.connect("html-page-context", on_html_page_context)
    # After doctools.js (priority 200), before translations.js (500).
    app.add_js_file("doctools-no-eval.js", priority=300)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

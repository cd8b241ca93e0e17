"""Link every page to the same page in the other edition (standard ↔ やさしい日本語).

The editions are published side by side (``/ja/`` and ``/easy/``), so the link is
relative: ``../`` for each folder level of the page, then ``../<other>/<page>.html``.
Pages that exist only in this edition (the easy glossary) link to the other
edition's front page. The link is rendered by ``_templates/sidebar/edition-switch.html``
right below furo's brand, where readers look for navigation.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STATIC = Path(__file__).resolve().parent / "data" / "edition_switch"


def switch_url(pagename: str, other: str, only_here: list[str], root_doc: str) -> str:
    """The relative URL of *pagename*'s counterpart in edition folder *other*."""
    target = root_doc if pagename in only_here else pagename
    depth = pagename.count("/")
    return "../" * depth + f"../{other}/{target}.html"


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    config = app.config
    if not config.edition_switch_other:
        return
    context["edition_switch_url"] = switch_url(
        pagename, config.edition_switch_other, config.edition_switch_only_here, config.root_doc
    )
    context["edition_switch_label"] = config.edition_switch_label
    context["edition_switch_nav_label"] = config.edition_switch_nav_label


def on_builder_inited(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("edition_switch_other", "", "html", types=frozenset({str}))
    app.add_config_value("edition_switch_label", "", "html", types=frozenset({str}))
    app.add_config_value("edition_switch_nav_label", "", "html", types=frozenset({str}))
    app.add_config_value("edition_switch_only_here", [], "html", types=frozenset({list}))
    app.connect("builder-inited", on_builder_inited)
    app.connect("html-page-context", on_html_page_context)
    app.add_css_file("edition-switch.css")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

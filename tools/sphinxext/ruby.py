"""Ruby (furigana) from Aozora-style notation ``｜基本《きほん》`` for every Sphinx builder.

The notation is parsed by :mod:`tools.furigana.notation` (the rules and the escape ``《《``
for a literal 《 are documented there). A transform that runs after the i18n transform
(so msgstr of translated catalogs get ruby too) turns each notation into one
:class:`ruby_node` per word: the base is its only child text and the reading an attribute,
so ``<title>``, the search index and other text-only places see the base only, while the
HTML navigation, toctrees and prev/next links draw the ruby.

HTML builders (html, dirhtml, singlehtml, epub) write
``<ruby>基本<rp>（</rp><rt>きほん</rt><rp>）</rp></ruby>``; every other builder gets
``基本（きほん）`` from a post-transform. The gettext builder extracts the source text, so
catalogs keep the notation unchanged. Notation errors are warnings of type ``ruby`` with
the code as subtype (``[ruby.FUR002]``), so ``-W`` fails with file and line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from tools.furigana import notation
from tools.sphinxext import located

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

logger = logging.getLogger(__name__)

# Text inside these stays literal: code, math, raw markup, comments.
LITERAL_NODES = (
    nodes.FixedTextElement, nodes.literal, nodes.raw, nodes.comment, nodes.math,
    nodes.math_block, nodes.target, nodes.substitution_definition,
)


class ruby_node(nodes.Inline, nodes.TextElement):
    """One word with its reading: the base is the child text, the reading ``node['reading']``."""


def _is_literal(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, (*LITERAL_NODES, ruby_node)):
            return True
        parent = parent.parent
    return False




class RubyTransform(SphinxTransform):
    """Turn ruby notation in text into :class:`ruby_node`; after i18n (priority 20)."""

    default_priority = 22

    def apply(self, **kwargs: Any) -> None:
        for text in list(self.document.findall(nodes.Text)):
            source = str(text)
            if not notation.has_notation(source) or _is_literal(text):
                continue
            segments, errors = notation.parse(source)
            for error in errors:
                snippet = source[max(0, error.offset - 8) : error.offset + 8].replace("\n", " ")
                logger.warning("%s: %s in '%s'", error.code, error.message, snippet,
                               location=located(text), type="ruby", subtype=error.code)
            if all(isinstance(s, notation.Text) and s.raw == s.text for s in segments):
                continue  # nothing to render and nothing escaped
            replacement: list[nodes.Node] = []
            for seg in segments:
                if isinstance(seg, notation.Ruby):
                    replacement.append(ruby_node(seg.raw, seg.base, reading=seg.reading))
                else:
                    replacement.append(nodes.Text(seg.text))
            text.parent.replace(text, replacement)


class RubyAsText(SphinxPostTransform):
    """For builders without ruby layout: ``基本（きほん）`` as plain text."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(ruby_node)):
            node.replace_self(nodes.Text(f"{node.astext()}（{node['reading']}）"))


def html_visit_ruby_node(self: HTML5Translator, node: ruby_node) -> None:
    self.body.append("<ruby>")


def html_depart_ruby_node(self: HTML5Translator, node: ruby_node) -> None:
    reading = self.encode(node["reading"])
    self.body.append(f"<rp>（</rp><rt>{reading}</rt><rp>）</rp></ruby>")


def _base_only(tree: nodes.Node) -> None:
    for node in list(tree.findall(ruby_node)):
        node.replace_self(nodes.Text(node.astext()))


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Titles (``<title>``, search results, ``{doc}`` text) show the base only.

    The TOC keeps its ruby: HTML toctrees draw it, and text-only TOCs (EPUB nav,
    PDF bookmarks) read ``astext()``, which is the base.
    """
    env = app.env
    docname = env.current_document.docname
    stores = [env.titles, env.longtitles]
    if app.builder.format != "html":
        stores.append(env.tocs)  # resolved after the post-transforms, so never turned into text
    for store in stores:
        if docname in store:
            _base_only(store[docname])


def _toc_title(app: Sphinx, docname: str) -> nodes.title | None:
    """The page title as recorded in the TOC, ruby included."""
    toc = app.env.tocs.get(docname)
    reference = next(iter(toc.findall(nodes.reference)), None) if toc else None
    return nodes.title("", "", *(child.deepcopy() for child in reference.children)) if reference else None


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Draw ruby in the prev/next links, as in the navigation."""
    relations = getattr(app.builder, "relations", {}).get(pagename)
    if not relations:
        return
    for key, docname in (("prev", relations[1]), ("next", relations[2])):
        title = _toc_title(app, docname) if docname and context.get(key) else None
        if title is not None and any(title.findall(ruby_node)):
            context[key] = {**context[key], "title": app.builder.render_partial(title)["title"]}


def on_builder_inited(app: Sphinx) -> None:
    if app.builder.format != "html":
        app.add_post_transform(RubyAsText)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(ruby_node, html=(html_visit_ruby_node, html_depart_ruby_node))
    app.add_transform(RubyTransform)
    # After the title and TOC collectors (priority 500) have copied the headings.
    app.connect("doctree-read", on_doctree_read, priority=900)
    app.connect("builder-inited", on_builder_inited)
    app.connect("html-page-context", on_html_page_context)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

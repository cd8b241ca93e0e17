"""Ruby (furigana) from Aozora-style notation ``｜基本《きほん》`` for every Sphinx builder.

The notation is parsed by :mod:`tools.furigana.notation` (the rules and the escape ``《《``
for a literal 《 are documented there). A transform that runs after the i18n transform
(so msgstr of translated catalogs get ruby too) turns each notation into one
:class:`ruby_node` per word: the base is its only child text and the reading an attribute,
so titles, the search index and the TOC see the base only.

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


def _located(node: nodes.Node) -> nodes.Node:
    """The nearest ancestor that knows its source line (Text nodes do not)."""
    current: nodes.Node | None = node
    while current is not None and not (current.line and current.source):
        current = current.parent
    return current or node


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
                               location=_located(text), type="ruby", subtype=error.code)
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
    """Titles and TOC entries (navigation, <title>, prev/next, bookmarks) show the base only."""
    env = app.env
    docname = env.current_document.docname
    for store in (env.titles, env.longtitles, env.tocs):
        if docname in store:
            _base_only(store[docname])


def on_builder_inited(app: Sphinx) -> None:
    if app.builder.format != "html":
        app.add_post_transform(RubyAsText)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(ruby_node, html=(html_visit_ruby_node, html_depart_ruby_node))
    app.add_transform(RubyTransform)
    # After the title and TOC collectors (priority 500) have copied the headings.
    app.connect("doctree-read", on_doctree_read, priority=900)
    app.connect("builder-inited", on_builder_inited)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

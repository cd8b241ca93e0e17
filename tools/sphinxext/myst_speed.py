"""Parse the easy edition's translated messages without a throwaway docutils document each.

Sphinx parses every msgstr of a page on its own (about 680 in the easy edition), and
MyST's renderer evaluates ``options.get("document", make_document())`` eagerly: each
parse builds docutils' default settings from scratch (an optparse parser with all of
docutils' options), only to drop the document because Sphinx passes its own. cProfile
put that at a fifth of the easy edition's build. ``make_document`` here takes the
default settings from a cache and gives each document its own copy: the same documents,
built once per parser class instead of once per message.

The same goes for the Markdown parser: MyST builds a new ``MarkdownIt`` (its rules and
plugins) for every message, another sixth of the build. ``create_md_parser`` here keeps
one per configuration; its renderer resets all per-document state in ``setup_render``.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser as RSTParser
from docutils.utils import new_document

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


@functools.cache
def _default_settings(parser_cls: type) -> Any:
    return get_default_settings(parser_cls)


def make_document(source_path: str = "notset", parser_cls: type = RSTParser) -> nodes.document:
    """MyST's ``make_document``, with the default settings built once per parser class."""
    return new_document(source_path, settings=copy.deepcopy(_default_settings(parser_cls)))


def cached_parser_factory(create: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """*create* (MyST's ``create_md_parser``) with one parser kept per configuration."""
    parsers: dict[tuple[str, type], Any] = {}

    @functools.wraps(create)
    def create_md_parser(config: Any, renderer: type) -> Any:
        key = (repr(config), renderer)  # per-file front matter gives a different config
        if key not in parsers:
            parsers[key] = create(config, renderer)
        return parsers[key]

    return create_md_parser


def setup(app: Sphinx) -> dict[str, Any]:
    from myst_parser.mdit_to_docutils import base
    from myst_parser.parsers import sphinx_

    base.make_document = make_document
    if not hasattr(sphinx_.create_md_parser, "__wrapped__"):  # once per process
        sphinx_.create_md_parser = cached_parser_factory(sphinx_.create_md_parser)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

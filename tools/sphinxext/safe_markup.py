"""Reject markup that could run script or show raw notation to a reader, in pages and catalogs.

A page or a translated message may not bring its own HTML: raw HTML (inline or a block),
a ``raw`` directive or role, an ``eval-rst`` block, or a link to a ``javascript:`` (or
``data:``/``vbscript:``) URL. Markdown the parser could not read (an unbalanced ``**``,
a stray backtick, ``[text](url`` link syntax) would reach the reader as notation. Each is
a warning of type ``safe_markup`` with file and line, so ``-W`` fails the build:

- SAFE001 raw HTML or a raw directive/role
- SAFE002 an ``eval-rst`` block
- SAFE003 a link to a script URL
- SAFE004 unrendered Markdown notation in the text

Raw snippets the plan really needs are listed, one per line, in
``tools/sphinxext/data/safe_markup/allowed-raw.txt`` (empty today). The site's Content
Security Policy (``tools.sphinxext.csp``) stops script even if a check were missed.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import logging

from tools.sphinxext import located

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

ALLOWED_RAW = Path(__file__).resolve().parent / "data" / "safe_markup" / "allowed-raw.txt"
SCRIPT_URL = re.compile(r"^\s*(?:javascript|vbscript|data)\s*:", re.IGNORECASE)
SCRIPT_URL_IN_TEXT = re.compile(r"(?:javascript|vbscript)\s*:", re.IGNORECASE)
EVAL_RST = re.compile(r"^ {0,3}(?:`{3,}|~{3,}|:{3,})\s*\{eval-rst\}", re.MULTILINE)
# Markdown a reader should never see: ** or __ left over, backticks, [text](url) syntax.
UNRENDERED = re.compile(r"\*\*|__|`|\]\(|\[\^")
# Text in these is shown as written (code) or is not shown.
LITERAL = (nodes.FixedTextElement, nodes.literal, nodes.raw, nodes.comment, nodes.math,
           nodes.math_block, nodes.target, nodes.substitution_definition, nodes.system_message)


@cache
def allowed_raw() -> frozenset[str]:
    """The raw snippets the plan may use (whitespace-normalised), from the allow-list file."""
    if not ALLOWED_RAW.is_file():
        return frozenset()
    lines = ALLOWED_RAW.read_text(encoding="utf-8").splitlines()
    return frozenset(_squash(line) for line in lines if line.strip() and not line.startswith("#"))


def _squash(text: str) -> str:
    return " ".join(text.split())


def is_allowed_raw(text: str) -> bool:
    return _squash(text) in allowed_raw()




def _warn(node: nodes.Node, code: str, message: str) -> None:
    logger.warning(f"{code} {message}", location=located(node), type="safe_markup",
                   subtype=code)


def _is_literal(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, LITERAL):
            return True
        parent = parent.parent
    return False


def check_doctree(doctree: nodes.document) -> None:
    for raw in list(doctree.findall(nodes.raw)):
        if not is_allowed_raw(raw.astext()):
            snippet = _squash(raw.astext())[:60]
            _warn(raw, "SAFE001", f"raw {raw.get('format', '')} markup is not allowed: "
                                  f"{snippet!r} (write Markdown; an exception needs a line in "
                                  f"{ALLOWED_RAW.name})")
    for reference in doctree.findall(nodes.reference):
        uri = reference.get("refuri", "")
        if SCRIPT_URL.match(uri):
            _warn(reference, "SAFE003", f"link to a script URL: {uri[:40]!r}")
    for text in doctree.findall(nodes.Text):
        if _is_literal(text):
            continue
        if SCRIPT_URL_IN_TEXT.search(text):
            _warn(text.parent, "SAFE003", f"a script URL in the text: {str(text)[:40]!r}")
        elif match := UNRENDERED.search(text):
            _warn(text.parent, "SAFE004", f"unrendered Markdown {match.group()!r} in the text: "
                                          f"{str(text)[:40]!r} (unbalanced markup?)")


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    check_doctree(doctree)


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    for match in EVAL_RST.finditer(source[0]):
        line = source[0].count("\n", 0, match.start()) + 1
        logger.warning("SAFE002 eval-rst blocks are not allowed (write MyST Markdown)",
                       location=(docname, line), type="safe_markup", subtype="SAFE002")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("source-read", on_source_read)
    app.connect("doctree-read", on_doctree_read)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

"""What a page reads as, for the search: the readings indexed beside the text.

When a page is written, every block of text (paragraph, heading, cell, list item) and every
title its toctrees list becomes two lines:

- its text joined across inline markup, so 見守《みまも》り is found as 見守り and
  旭川市《…》社会福祉協議会《…》 as one word;
- its reading, without the spaces of 分かち書き (ちいきふくし finds ちいき ふくし): the ruby
  reading of each ruby word (the easy edition's furigana), the glossary or SudachiPy reading
  of every other word with kanji (:func:`tools.furigana.reading.word_readings`, as
  ``furigana-suggest`` gives), kana as written.

An HTML builder with a search index gets the lines in an invisible node at the end of the
document: the index splits its text like any other (``search_text.split_terms``), the HTML
writer skips it.

The words read from the dictionary (not from ruby) are collected when a page is read, kept in
the environment (so incremental and parallel builds keep them), and written to
``_static/search-readings.json`` for the search page: the page's HTML has no readings for
them, and the summary under each result marks the word that a kana query matched. Ruby words
need no entry: their reading is in the page (``<rt>``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from tools.furigana.reading import load_glossary, word_readings
from tools.sphinxext.ruby import LITERAL_NODES, ruby_node
from tools.sphinxext.search_text import join_words

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

READINGS_FILE = "search-readings.json"  # under _static/
BREAK = "|"  # where code or a comment was: no word runs across it (not a space: see join_words)


class search_readings(nodes.General, nodes.Element):
    """The page's text and readings for the search index; never rendered."""


def _skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def _skipped(node: nodes.Node) -> bool:
    """Code, comments, messages, ``no-search``, and references whose text is still the
    target's name (it becomes the target's title only when the page is written)."""
    if isinstance(node, addnodes.pending_xref) and not node.get("refexplicit"):
        return True
    return isinstance(node, (*LITERAL_NODES, nodes.system_message)) or (
        isinstance(node, nodes.Element) and "no-search" in node["classes"])


def _blocks(doctree: nodes.document) -> Iterator[nodes.TextElement]:
    """Text blocks not inside another block, nor in code, comments or ``no-search``."""
    for node in doctree.findall(nodes.TextElement):
        if isinstance(node, nodes.Inline):
            continue
        parent, inside = node, False
        while parent is not None and not inside:
            inside = _skipped(parent) or (parent is not node and isinstance(parent, nodes.TextElement))
            parent = parent.parent
        if not inside:
            yield node


def _pieces(node: nodes.Element) -> Iterator[tuple[str, str | None]]:
    """(text, ruby reading or None) in reading order; skipped inline nodes break the text."""
    for child in node.children:
        if isinstance(child, ruby_node):
            yield child.astext(), child["reading"]
        elif isinstance(child, nodes.Text):
            yield str(child), None
        elif _skipped(child):
            yield BREAK, None
        elif isinstance(child, nodes.Element):
            yield from _pieces(child)


def block_readings(block: nodes.Element, glossary: dict[str, tuple[str, ...]]
                   ) -> tuple[str, str, list[tuple[str, str]]]:
    """The text of *block*, its reading, and the (word, reading) pairs read from the
    dictionary (ruby words have theirs in the page)."""
    surface: list[str] = []
    reading: list[str] = []
    words: list[tuple[str, str]] = []
    plain: list[str] = []

    def flush() -> None:
        # Plain text is read as a whole, so inline markup does not cut a word in two.
        text, pos = "".join(plain), 0
        plain.clear()
        for word in word_readings(text, glossary):
            if word.reading:
                reading.extend((text[pos : word.start], word.reading))
                pos = word.start + len(word.surface)
                words.append((word.surface, word.reading))
        reading.append(text[pos:])

    for text, ruby in _pieces(block):
        surface.append(text)
        if ruby is None:
            plain.append(text)
        else:
            flush()
            reading.append(ruby)
    flush()
    return "".join(surface), "".join(reading), words


def document_readings(doctree: nodes.document, glossary: dict[str, tuple[str, ...]],
                      also: Iterable[nodes.Element] = ()) -> tuple[str, dict[str, list[str]]]:
    """The search lines of a document (and of the blocks *also*) and its dictionary words
    (surface → readings)."""
    lines: list[str] = []
    words: dict[str, set[str]] = {}
    for block in (*_blocks(doctree), *also):
        surface, reading, pairs = block_readings(block, glossary)
        lines += [surface, join_words(reading)]
        for word, word_reading in pairs:
            words.setdefault(word, set()).add(word_reading)
    return "\n".join(lines), {word: sorted(r) for word, r in words.items()}


def toctree_titles(env: BuildEnvironment, doctree: nodes.document) -> Iterator[nodes.Element]:
    """The titles the page's toctrees will list: Sphinx puts them in only after the
    post-transforms, but indexes them (with their ruby, as the HTML shows them)."""
    for toctree in doctree.findall(addnodes.toctree):
        if toctree.get("hidden"):
            continue
        maxdepth = toctree.get("maxdepth", -1)
        for title, ref in toctree["entries"]:
            toc = env.tocs.get(ref)
            if toc is None:
                if title:
                    yield nodes.inline("", title)
                continue
            for reference in toc.findall(nodes.reference):
                depth = sum(isinstance(up, nodes.bullet_list) for up in _ancestors(reference))
                if title and depth == 1:
                    yield nodes.inline("", title)
                elif maxdepth <= 0 or depth <= maxdepth:
                    yield reference


def _ancestors(node: nodes.Node) -> Iterator[nodes.Node]:
    while node.parent is not None:
        node = node.parent
        yield node


def _store(env: BuildEnvironment) -> dict[str, dict[str, list[str]]]:
    """Docname → its dictionary words, kept from reading to writing (and between builds)."""
    if not hasattr(env, "search_ja_words"):
        env.search_ja_words = {}  # type: ignore[attr-defined]
    return env.search_ja_words  # type: ignore[attr-defined]


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    _store(app.env)[app.env.current_document.docname] = document_readings(
        doctree, load_glossary())[1]


def on_env_purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _store(env).pop(docname, None)


def on_env_merge_info(app: Sphinx, env: BuildEnvironment, docnames: set[str],
                      other: BuildEnvironment) -> None:
    theirs = _store(other)
    _store(env).update((name, theirs[name]) for name in docnames if name in theirs)


def _indexes(app: Sphinx) -> bool:
    return app.builder.format == "html" and getattr(app.builder, "search", False)


class AddSearchReadings(SphinxPostTransform):
    """Append the page's search lines as an invisible node, for HTML builders that index.

    After the references are resolved (so a link shows its target's title), last of the
    post-transforms (nothing after it should see the node)."""

    default_priority = 900

    def run(self, **kwargs: Any) -> None:
        if not _indexes(self.app):
            return
        lines, _ = document_readings(self.document, load_glossary(),
                                     also=list(toctree_titles(self.env, self.document)))
        if lines:
            self.document += search_readings("", nodes.Text(lines))


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Write the dictionary words of every page for the search page's summaries."""
    if exception is not None or not _indexes(app):
        return
    words: dict[str, set[str]] = {}
    for docname, page_words in sorted(_store(app.env).items()):
        if docname in app.env.all_docs:
            for word, readings in page_words.items():
                words.setdefault(word, set()).update(readings)
    data = {word: "|".join(sorted(readings)) for word, readings in sorted(words.items())}
    target = Path(app.outdir) / "_static" / READINGS_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def setup(app: Sphinx) -> None:
    visitors = {fmt: (_skip, None) for fmt in ("html", "latex", "text", "man", "texinfo")}
    app.add_node(search_readings, **visitors)
    app.add_post_transform(AddSearchReadings)
    app.connect("doctree-read", on_doctree_read)
    app.connect("env-purge-doc", on_env_purge_doc)
    app.connect("env-merge-info", on_env_merge_info)
    app.connect("build-finished", on_build_finished)

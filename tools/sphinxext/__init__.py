"""The Sphinx extensions ``conf.py`` loads: ruby, Japanese search, accessibility fixes and
results, the edition switcher, the download list and the glossary.

Each follows ``sphinx.ext.*``: nodes, visitors or transforms and a ``setup()`` that returns
``parallel_read_safe``. May import ``tools`` (the shared modules) and ``tools.furigana``.
"""

from __future__ import annotations

from docutils import nodes


def located(node: nodes.Node) -> nodes.Node:
    """The nearest ancestor that knows its source line (Text nodes and translated inlines
    do not), for a warning's ``location``."""
    current: nodes.Node | None = node
    while current is not None and not (current.line and current.source):
        current = current.parent
    return current or node

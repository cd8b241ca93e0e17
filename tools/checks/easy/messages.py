"""The easy edition as messages: each catalog entry with its msgid, msgstr, place and kind.

The kind of a message comes from the source line its catalog occurrence names
(``#: docs/page.md:line``): a heading (``#``), a table cell (``|``), a list item (``-``,
``1.``) or a paragraph (anything else: a paragraph, a caption, a note, alt text).
The glossary page (docs/glossary.md) is written in easy Japanese and has no catalog;
its lines are messages without a msgid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tools.catalogs import occurrence_source
from tools.checks.catalog_check import msgstr_line
from tools.checks.catalog_stats import display_path
from tools.checks.easy.text import is_editorial
from tools.textsources import load_catalog

HEADING, CELL, ITEM, PARAGRAPH = "heading", "cell", "item", "paragraph"
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")


@dataclass(frozen=True)
class Message:
    """One translatable message of a page (or one line of the glossary page)."""

    path: str  # where to fix it: the .po file (or the glossary page)
    line: int  # the line of its msgstr there
    source: str  # docs/page.md:line of the standard text ("" on the glossary page)
    page: str  # the page's name
    msgid: str  # the standard text ("" on the glossary page)
    msgstr: str  # the easy text, with Markdown and ruby notation
    kind: str  # heading, cell, item or paragraph

    @property
    def heading(self) -> bool:
        return self.kind == HEADING

    @property
    def editorial(self) -> bool:
        return is_editorial(self.msgid)


@cache
def _source_lines(path: Path) -> tuple[str, ...]:
    try:
        return tuple(path.read_text(encoding="utf-8").splitlines())
    except OSError:
        return ()


def kind_of(file: Path, line: int) -> str:
    """The kind of message that starts at *line* of the source page *file*."""
    lines = _source_lines(file)
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    stripped = text.lstrip()
    if stripped.startswith("#"):
        return HEADING
    if stripped.startswith("|"):
        return CELL
    if LIST_ITEM.match(text):
        return ITEM
    return PARAGRAPH


def read_catalog(path: Path, standard: bool = False) -> tuple[list[Message], int]:
    """The finished messages of one catalog, and how many are unfinished (empty or fuzzy).

    With *standard*, every message is read with its msgid as the text, placed on its
    source page (the standard edition, measured for comparison).
    Raises OSError or ValueError when the catalog cannot be read.
    """
    catalog = load_catalog(path)  # strict: a broken catalog is an InputError, not half read
    lines = path.read_text(encoding="utf-8").splitlines()
    messages: list[Message] = []
    unfinished = 0
    for entry in catalog:
        if entry.obsolete:
            continue
        if not standard and (entry.fuzzy or not entry.msgstr.strip()):
            unfinished += 1
            continue
        file, line = entry.occurrences[0] if entry.occurrences else ("", "0")
        source_file = occurrence_source(file)
        source = f"{display_path(source_file)}:{line}"
        kind = kind_of(source_file, int(line))
        if standard:
            messages.append(Message(display_path(source_file), int(line), "", path.stem,
                                    entry.msgid, entry.msgid, kind))
        else:
            messages.append(Message(display_path(path), msgstr_line(lines, entry), source,
                                    path.stem, entry.msgid, entry.msgstr, kind))
    return messages, unfinished


def glossary_messages(path: Path) -> list[Message]:
    """The glossary page's lines of text, each a message without a msgid."""
    shown = display_path(path)
    messages = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        text = line.strip()
        if (not text or text.startswith("%")  # a MyST comment
                or text.startswith((":::", "```", "(")) and text.endswith((")=", ":::", "```"))):
            continue
        kind = HEADING if text.startswith("#") else PARAGRAPH
        messages.append(Message(shown, number, "", path.stem, "", text, kind))
    return messages

"""Consistency across catalogs: one msgid, one translation; one translation, one msgid.

The same standard text translated two ways confuses readers who meet both; the same easy
text standing for different standard texts means at least one of them lost its content
(a copied or filler translation), unless the standard texts are nearly the same
(「…活動への参加」, 「…活動に参加します」). Short texts (labels such as 市, 基本目標) may share an
easy wording, so only easy texts of at least ``MIN_SHARED`` base characters are compared.
"""

from __future__ import annotations

from collections.abc import Iterator
from difflib import SequenceMatcher

from tools.checks.easy.messages import Message
from tools.checks.easy.text import base_length, normalise, visible_text

TWO_WAYS = "YAS304"
SHARED = "YAS305"
MIN_SHARED = 20
SIMILAR = 0.6  # standard texts this alike may share their easy text


def _key(raw: str) -> str:
    return normalise(visible_text(raw))


def findings(messages: list[Message]) -> Iterator[tuple[Message, str, str]]:
    """(message, code, text) for each message that disagrees with an earlier one."""
    by_msgid: dict[str, Message] = {}
    by_msgstr: dict[str, Message] = {}
    for message in messages:
        if not message.msgid:
            continue
        first = by_msgid.setdefault(message.msgid, message)
        if first is not message and _key(first.msgstr) != _key(message.msgstr):
            yield message, TWO_WAYS, (
                f"the same standard text is translated differently at {first.path}:"
                f"{first.line}: use one translation")
        if base_length(message.msgstr) < MIN_SHARED:
            continue
        first = by_msgstr.setdefault(_key(message.msgstr), message)
        if first is not message and first.msgid != message.msgid and SequenceMatcher(
                None, _key(first.msgid), _key(message.msgid)).ratio() < SIMILAR:
            yield message, SHARED, (
                f"the same easy text stands for a different standard text at {first.path}:"
                f"{first.line}: a copied or filler translation")

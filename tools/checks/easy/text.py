"""What readers see of a message: visible text, base characters, sentences.

Markdown and ruby notation are removed (``｜計画《けいかく》`` → ``計画``); a role keeps its
title (``{ref}`表《ひょう》 <taikeizu-kadai>``` → ``表``), a role without one shows a title
this module cannot know and counts as nothing; a link keeps its text.
"""

from __future__ import annotations

import re
import unicodedata

from tools.furigana.notation import plain

ROLE = re.compile(r"\{[\w:.-]+\}`([^`]*)`")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
EMPHASIS = re.compile(r"\*\*|__")
SENTENCE_END = re.compile(r"(?<=[。！？!?])(?![」』）)。！？!?])")
HAS_WORDS = re.compile(r"[\u3041-\u30ff\u3400-\u9fffA-Za-zＡ-Ｚａ-ｚ]")
EDITORIAL = re.compile(r"^\s*※\s*編集注")


def _role_title(content: str) -> str:
    return content.split("<")[0].strip() if content.rstrip().endswith(">") else ""


def visible_text(raw: str) -> str:
    """What readers see: Markdown roles, links and emphasis removed, ruby reduced to its base."""
    text = ROLE.sub(lambda m: _role_title(m.group(1)), raw)
    text = LINK.sub(lambda m: m.group(1), text)
    text = EMPHASIS.sub("", text).replace("\\\n", "\n")
    return plain(text)


def base(text: str) -> str:
    """*text* without white space: the 分かち書き spaces do not count as characters."""
    return "".join(text.split())


def base_length(raw: str) -> int:
    """Base characters of a message: ruby bases without readings, no markup, no spaces."""
    return len(base(visible_text(raw)))


def normalise(text: str) -> str:
    """全角 digits, letters and brackets as half-width (NFKC: ① → 1, （ → ( ), spaces removed."""
    return base(unicodedata.normalize("NFKC", text))


def split_sentences(text: str) -> list[str]:
    """Sentences of *text*: on 。！？, line breaks and ○ list markers."""
    sentences = []
    for line in text.replace("○", "\n").splitlines():
        for part in SENTENCE_END.split(line):
            if part.strip():
                sentences.append(part.strip())
    return sentences


def word_sentences(text: str) -> list[str]:
    """The sentences of *text* that contain words (not numbers or symbols only)."""
    return [s for s in split_sentences(text) if HAS_WORDS.search(s)]


def is_editorial(msgid: str) -> bool:
    """An editorial note of the transcription (※ 編集注), not the plan's own text."""
    return bool(EDITORIAL.match(msgid))

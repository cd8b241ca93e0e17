"""Words of a text from the analyser (fugashi + unidic-lite, the one jReadability uses).

The text is analysed as written, 分かち書き spaces included: the analyser never joins
words across a space, and each token records whether a space came before it. Offsets are
in the text without spaces (``base``), so they line up with fact and variant searches.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

FUNCTION_POS = frozenset({"助詞", "助動詞"})
SYMBOL_POS = frozenset({"補助記号", "記号", "空白"})


@cache
def tagger():  # fugashi.Tagger, loaded once
    import fugashi

    return fugashi.Tagger()


@dataclass(frozen=True)
class Token:
    surface: str
    start: int  # offset in the text without spaces
    space_before: bool
    pos1: str
    pos2: str
    pos3: str
    cform: str  # conjugation form: 連用形-一般, 連体形-一般 …
    lemma: str  # dictionary form (UniDic lemma: 為る, 居る, 地域)
    orth_base: str  # dictionary form as written here (する, いる)
    kana_base: str  # its reading in katakana
    goshu: str  # word origin: 和 漢 外 混 固 記号

    @property
    def end(self) -> int:
        return self.start + len(self.surface)

    @property
    def symbol(self) -> bool:
        return self.pos1 in SYMBOL_POS

    @property
    def number(self) -> bool:
        return self.pos2 == "数詞"


def _field(value: object) -> str:
    return "" if value in (None, "*") else str(value)


@lru_cache(maxsize=8192)
def tokens(text: str) -> tuple[Token, ...]:
    """The words of one line of *text*, in order (cached: every check reads the same lines)."""
    found: list[Token] = []
    offset = 0
    for node in tagger()(text):
        feature = node.feature
        found.append(Token(
            node.surface, offset, bool(node.white_space),
            _field(feature.pos1), _field(feature.pos2), _field(feature.pos3),
            _field(feature.cForm), _field(feature.lemma), _field(feature.orthBase),
            _field(feature.kanaBase), _field(feature.goshu)))
        offset += len(node.surface)
    return tuple(found)


def hiragana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def aligned(words: tuple[Token, ...], start: int, end: int) -> bool:
    """Whether [start, end) of the spaceless text begins and ends on word boundaries."""
    starts = {t.start for t in words}
    ends = {t.end for t in words}
    return start in starts and end in ends

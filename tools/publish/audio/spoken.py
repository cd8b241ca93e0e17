"""What the synthesiser is told to say: the text, with the project's readings where Open JTalk differs.

A sentence comes as pieces ``(text, reading or None)``: the easy edition's ruby gives
readings; plain pieces get the readings ``furigana-suggest`` would give (the glossary
first, then SudachiPy: :func:`tools.furigana.reading.word_readings`). Open JTalk's own
reading of the sentence (``pyopenjtalk.run_frontend``) is lined up with those words:
where it says something else (健幸 タケユキ for けんこう), the word is replaced by its
reading in katakana, which Open JTalk says as written. Words it already reads right are
left in kanji, so they keep their dictionary accent. Circled numbers ①–⑳ are read as
numbers (Open JTalk skips ⑪ and above).

:func:`frontend` gives what is finally sent to the synthesiser: the full-context labels
and their pronunciation in katakana (``kana``), which the reading tests compare with the
glossary.
"""

from __future__ import annotations

import contextlib
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from types import ModuleType

from tools.furigana import reading as readings
from tools.furigana.notation import KANA_READING, KANJI

Piece = tuple[str, "str | None"]

CIRCLED = re.compile("[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]")  # ①-⑳, ㉑-㊿
_ROWS = {
    "a": "アカサタナハマヤラワガザダバパァャヮ",
    "i": "イキシチニヒミリギジヂビピィ",
    "u": "ウクスツヌフムユルグズヅブプゥュヴ",
    "e": "エケセテネヘメレゲゼデベペェ",
    "o": "オコソトノホモヨロヲゴゾドボポォョ",
}
VOWEL = {kana: vowel for vowel, row in _ROWS.items() for kana in row}
# The kana that lengthen a vowel (こう → コー, けい → ケー, おお → オー).
LENGTHENS = {"a": "ア", "i": "イ", "u": "ウ", "e": "イエ", "o": "ウオ"}
_SAME_SOUND = str.maketrans({"ヲ": "オ", "ヅ": "ズ", "ヂ": "ジ", "ハ": "ワ", "ヘ": "エ"})
_HIRA_TO_KATA = {code: code + 0x60 for code in range(0x3041, 0x3097)}
KANA = re.compile(r"[\u30a1-\u30fa\u30fc]")
# Text whose sound is not known without a reading: anything but kana, punctuation, spaces.
UNREAD = re.compile(r"[^\u3041-\u3096\u30a1-\u30fa\u30fc\s、。，．・「」『』（）()！？!?,.:：～〜ー]")


def katakana(text: str) -> str:
    return text.translate(_HIRA_TO_KATA)


def long_vowels(kana: str) -> str:
    """Katakana with long vowels as ー, as a dictionary's pronunciation writes them."""
    out: list[str] = []
    for char in kana:
        vowel = VOWEL.get(out[-1]) if out else None
        if vowel and char in LENGTHENS[vowel]:
            out.append("ー")
        else:
            out.append(char)
    return "".join(out)


def sound(kana: str) -> str:
    """A pronunciation reduced to what is heard, to compare two spellings of it.

    Only kana count (accent marks, punctuation and pauses go); は/へ/を as particles
    sound ワ/エ/オ; long vowels are ー whether written う, い or ー.
    """
    return long_vowels("".join(KANA.findall(katakana(kana))).translate(_SAME_SOUND))


def numbers(text: str) -> str:
    """①–⑳ (and ㉑–㊿) as digits, which Open JTalk reads as numbers."""
    return CIRCLED.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def with_readings(pieces: Iterable[Piece]) -> list[Piece]:
    """Pieces with the dictionary/glossary reading added to each plain kanji word."""
    out: list[Piece] = []
    for text, reading in pieces:
        if reading is not None or not KANJI.search(text):
            out.append((text, reading))
            continue
        pos = 0
        for word in readings.word_readings(text):
            if word.reading is None or word.start < pos:
                continue
            if word.start > pos:
                out.append((text[pos : word.start], None))
            out.append((word.surface, word.reading))
            pos = word.start + len(word.surface)
        if pos < len(text):
            out.append((text[pos:], None))
    return out


@dataclass(frozen=True)
class Node:
    """One word of Open JTalk's analysis, placed in the text (*start* None: not found)."""

    start: int | None
    end: int | None
    pron: str


def _fold(text: str) -> str:
    # Open JTalk writes ASCII as full-width; compare character by character.
    return "".join(c if len(f := unicodedata.normalize("NFKC", c)) != 1 else f for c in text)


def _place(text: str, strings: list[tuple[str, str]]) -> list[Node]:
    """Open JTalk's words (surface, pronunciation) placed in *text*.

    Numbers come back rewritten (14 → 十 四); such words are left unplaced and the
    words after them are found again within a short distance.
    """
    folded = _fold(text)
    placed: list[Node] = []
    pos = 0
    lost = False
    for surface, pron in strings:
        surface = _fold(surface)
        at = folded.find(surface, pos) if surface else -1
        near = at == pos or (at > pos and (lost and at - pos <= 12 or not folded[pos:at].strip()))
        if at >= 0 and near:
            placed.append(Node(at, at + len(surface), pron))
            pos = at + len(surface)
            lost = False
        else:
            placed.append(Node(None, None, pron))
            lost = True
    return placed


def _segments(text: str, placed: list[Node]) -> list[tuple[int, int, str]]:
    """Open JTalk's reading as (start, end, pronunciation) covering *text*; unplaced
    words are merged with the gap they stand for."""
    out: list[tuple[int, int, str]] = []
    pending = ""
    last = 0
    for node in placed:
        if node.start is None:
            pending += node.pron
            continue
        if node.start > last or pending:
            out.append((last, node.start, pending))
            pending = ""
        out.append((node.start, node.end, node.pron))
        last = node.end
    if last < len(text) or pending:
        out.append((last, len(text), pending))
    return out


def _chunks(words: list[tuple[int, int, str]], segments: list[tuple[int, int, str]],
            size: int) -> list[tuple[int, int]]:
    """Spans where the project's word boundaries and Open JTalk's meet."""
    inside = {i for start, end, _ in words for i in range(start + 1, end)}
    ours = set(range(size + 1)) - inside
    theirs = {0, size} | {s for s, _, _ in segments} | {e for _, e, _ in segments}
    common = sorted(ours & theirs)
    return list(pairwise(common))


def _misread(text: str, words: list[tuple[int, int, str]],
             segments: list[tuple[int, int, str]]) -> set[int]:
    """Indexes of *words* that Open JTalk does not read as the project does."""
    wrong: set[int] = set()
    for start, end in _chunks(words, segments, len(text)):
        in_chunk = [i for i, (s, e, _) in enumerate(words) if s >= start and e <= end]
        if not in_chunk:
            continue
        expected = []
        pos = start
        for i in in_chunk:
            expected.append(text[pos : words[i][0]])
            expected.append(words[i][2])
            pos = words[i][1]
        expected.append(text[pos:end])
        said = sound("".join(p for s, e, p in segments if s >= start and e <= end))
        if not UNREAD.search("".join(expected[0::2])):
            if sound("".join(expected)) != said:
                wrong.update(in_chunk)
            continue
        # Text without a known reading next to the words (digits, an unknown kanji):
        # each word must still be heard, in order (6月: ガツ in ロクガツ).
        pos = 0
        for i in in_chunk:
            found = said.find(sound(words[i][2]), pos)
            if found < 0:
                wrong.add(i)
            else:
                pos = found + len(sound(words[i][2]))
    return wrong


def spoken_text(pieces: Iterable[Piece]) -> str:
    """The synthesiser's input for a sentence given as pieces (readings added here)."""
    pieces = [(numbers(text), reading) for text, reading in with_readings(pieces)]
    text = "".join(t for t, _ in pieces)
    words: list[tuple[int, int, str]] = []
    pos = 0
    for piece, reading in pieces:
        if reading and KANA_READING.fullmatch(reading):
            words.append((pos, pos + len(piece), katakana(reading)))
        pos += len(piece)
    if not words:
        return text
    wrong = _misread(text, words, _segments(text, _place(text, analyse(text))))
    out: list[str] = []
    pos = 0
    for i, (start, end, kana) in enumerate(words):
        if i in wrong:
            out.append(text[pos:start])
            out.append(long_vowels(kana))
            pos = end
    out.append(text[pos:])
    return "".join(out)


@lru_cache(maxsize=1)
def jtalk() -> ModuleType:
    """pyopenjtalk, imported once. Its import prints that the optional ONNX model for 何
    (ナニ/ナン) is absent: the plan's readings come from its verified furigana, so that
    line would only alarm the people running the build."""
    with contextlib.redirect_stdout(io.StringIO()):
        import pyopenjtalk
    return pyopenjtalk


@lru_cache(maxsize=4096)
def analyse(text: str) -> tuple[tuple[str, str], ...]:
    """Open JTalk's words of *text*: (surface, pronunciation)."""
    return tuple((f["string"], f["pron"]) for f in jtalk().run_frontend(text))


@dataclass(frozen=True)
class Frontend:
    labels: tuple[str, ...]
    kana: str  # the pronunciation the labels carry, in katakana


def frontend(text: str) -> Frontend:
    """The full-context labels sent to the synthesiser for *text*, and their kana."""
    features = jtalk().run_frontend(text)
    kana = "".join(f["pron"].replace("’", "") for f in features)
    return Frontend(tuple(jtalk().make_label(features)), kana)

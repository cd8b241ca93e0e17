"""Readings of Japanese words: SudachiPy (sudachidict-core) plus the project glossary.

- :func:`dictionary_readings`: every reading the dictionary knows for an exact surface
  (``Dictionary.lookup``), in normalised hiragana.
- :func:`align`: put a word's reading onto its kanji, okurigana outside
  (見守り/みまもり → 見守《みまも》り; 寄り添い → 寄《よ》り添《そ》い), kana runs as anchors.
- :func:`is_plausible`: whether a ruby reading is one the dictionary (or glossary) gives:
  the whole word first; otherwise any split of the base into dictionary pieces, with
  sound changes (rendaku voicing, small っ) allowed only where two pieces meet.
- :func:`word_readings`: Sudachi tokens of a text with their readings, for suggestions.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from tools.furigana.notation import KANA_READING, KANJI

GLOSSARY = Path(__file__).with_name("glossary.yaml")
MAX_PIECE = 8  # longest dictionary piece tried when splitting a base

_KATA_TO_HIRA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}
_NORMAL = str.maketrans({"ぢ": "じ", "づ": "ず", "ゐ": "い", "ゑ": "え"})
# Rendaku at the start of a later piece (handakuten は→ぱ is added in _variants).
_VOICED = dict(zip("かきくけこさしすせそたちつてとはひふへほ",
                   "がぎぐげござじずぜぞだぢづでどばびぶべぼ"))


def hiragana(text: str) -> str:
    return text.translate(_KATA_TO_HIRA)


def normalise(reading: str, final: bool = True) -> str:
    """Hiragana with ぢ→じ, づ→ず and, at the end of a word (*final*), わ→は
    (Sudachi spells 若しくは もしくわ)."""
    text = hiragana(reading).translate(_NORMAL)
    return text[:-1] + "は" if final and text.endswith("わ") else text


@lru_cache(maxsize=1)
def _dictionary():
    from sudachipy import Dictionary

    return Dictionary(dict="core")


_PER_THREAD = threading.local()


def _tokenizer():
    """This thread's tokenizer: a Sudachi tokenizer refuses concurrent use, and the build
    reads both editions aloud side by side (the dictionary itself is loaded once)."""
    tokenizer = getattr(_PER_THREAD, "tokenizer", None)
    if tokenizer is None:
        from sudachipy import SplitMode

        tokenizer = _PER_THREAD.tokenizer = _dictionary().tokenizer(mode=SplitMode.C)
    return tokenizer


@lru_cache(maxsize=8)
def load_glossary(path: Path = GLOSSARY) -> dict[str, tuple[str, ...]]:
    """Glossary word → readings (first = suggested), normalised."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    words = data.get("words", {}) or {}
    glossary: dict[str, tuple[str, ...]] = {}
    for word, readings in words.items():
        values = [readings] if isinstance(readings, str) else list(readings)
        glossary[str(word)] = tuple(hiragana(str(r)) for r in values)
    return glossary


@lru_cache(maxsize=65536)
def dictionary_readings(surface: str) -> frozenset[str]:
    """Every reading of exactly *surface* in the dictionary, in hiragana (empty: not a word)."""
    readings = set()
    for morpheme in _dictionary().lookup(surface):
        if morpheme.surface() == surface:
            reading = hiragana(morpheme.reading_form())
            if KANA_READING.fullmatch(reading):
                readings.add(reading)
    return frozenset(readings)


_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_NUMBER_END = re.compile(r"[0-9０-９]+$")
_UNITS = {0: ("ぜろ", "れい"), 1: ("いち",), 2: ("に",), 3: ("さん",), 4: ("よん", "し", "よ"),
          5: ("ご",), 6: ("ろく",), 7: ("なな", "しち"), 8: ("はち",), 9: ("きゅう", "く")}
_POWERS = ((1000, "せん", {3: "さんぜん", 8: "はっせん"}),
           (100, "ひゃく", {3: "さんびゃく", 6: "ろっぴゃく", 8: "はっぴゃく"}),
           (10, "じゅう", {}))
# Days of the month with their own readings (the dictionary has none of 20日 etc.).
DAYS = {1: "ついたち", 2: "ふつか", 3: "みっか", 4: "よっか", 5: "いつか", 6: "むいか",
        7: "なのか", 8: "ようか", 9: "ここのか", 10: "とおか", 14: "じゅうよっか",
        20: "はつか", 24: "にじゅうよっか"}


def number_readings(number: int) -> frozenset[str]:
    """Readings of a number written in digits (0-9999), e.g. 20 → にじゅう."""
    if number < 10:
        return frozenset(_UNITS[number])
    if number > 9999:
        return frozenset()
    prefixes = {""}
    for value, name, irregular in _POWERS:
        digit, number = divmod(number, value)
        if digit:
            word = irregular.get(digit) or (name if digit == 1 else _UNITS[digit][0] + name)
            prefixes = {p + word for p in prefixes}
    if number:
        prefixes = {p + unit for p in prefixes for unit in _UNITS[number]}
    return frozenset(prefixes)


def piece_readings(surface: str, glossary: dict[str, tuple[str, ...]]) -> frozenset[str]:
    digits = surface.translate(_DIGITS)
    if digits.isascii() and digits.isdigit():
        return number_readings(int(digits))
    found = {normalise(r, final=False) for r in dictionary_readings(surface)}
    found.update(normalise(r, final=False) for r in glossary.get(surface, ()))
    if len(surface) == 1 and not KANJI.match(surface) and KANA_READING.fullmatch(surface):
        found.add(normalise(surface, final=False))
    return frozenset(found)


def is_plausible(base: str, reading: str, okurigana: str = "",
                 glossary: dict[str, tuple[str, ...]] | None = None) -> bool:
    """Whether *reading* is a reading of *base* (followed in the text by *okurigana*)."""
    glossary = load_glossary() if glossary is None else glossary
    wanted = normalise(reading)
    day = base.translate(_DIGITS).removesuffix("日")
    if day.isascii() and day.isdigit() and DAYS.get(int(day)) == wanted:
        return True
    if base in glossary:
        return wanted in {normalise(r) for r in glossary[base]}
    # Whole word first, with as much of the following kana as makes a dictionary word.
    known_word = False
    for cut in range(len(okurigana), -1, -1):
        readings = dictionary_readings(base + okurigana[:cut])
        if readings:
            known_word = True
            if normalise(reading + okurigana[:cut]) in {normalise(r) for r in readings}:
                return True
    if known_word:
        return False
    return _composes(base, wanted, glossary)


def _variants(reading: str, first: bool, last: bool) -> set[str]:
    """A piece's reading with the sound changes allowed at a boundary with another piece."""
    out = {reading}
    if not first and reading[:1] in _VOICED:
        out.add(_VOICED[reading[0]] + reading[1:])
        if reading[0] in "はひふへほ":
            out.add(chr(ord(reading[0]) + 2) + reading[1:])  # は→ぱ
    if not last and len(reading) > 1 and reading[-1] in "くきちつ":
        out |= {r[:-1] + "っ" for r in list(out)}
    return {normalise(r, final=last) for r in out if r}


def _composes(base: str, wanted: str, glossary: dict[str, tuple[str, ...]]) -> bool:
    """Whether *wanted* splits into dictionary readings of consecutive pieces of *base*."""
    size = len(base)
    reach: set[tuple[int, int]] = {(0, 0)}
    frontier = [(0, 0)]
    while frontier:
        i, p = frontier.pop()
        for j in range(i + 1, min(size, i + MAX_PIECE) + 1):
            piece = base[i:j]
            readings = piece_readings(piece, glossary)
            if piece == "々" and i > 0:
                readings = piece_readings(base[i - 1], glossary)
            for reading in readings:
                for variant in _variants(reading, first=i == 0, last=j == size):
                    if variant and wanted.startswith(variant, p):
                        state = (j, p + len(variant))
                        if state == (size, len(wanted)):
                            return True
                        if state not in reach:
                            reach.add(state)
                            frontier.append(state)
    return False


def align(surface: str, reading: str) -> list[tuple[str, str | None]]:
    """Split *surface* into (text, reading) pairs: kanji runs get their part of *reading*,
    kana runs are anchors (reading None). Falls back to the whole surface as one ruby."""
    reading = hiragana(reading)
    runs = re.findall(rf"{KANJI.pattern}+|[^{KANJI.pattern[1:-1]}]+", surface)
    if len(runs) == 1:
        return [(surface, reading if KANJI.match(surface[0]) else None)]
    pattern = "".join("(.+?)" if KANJI.match(run[0]) else f"({re.escape(hiragana(run))})"
                      for run in runs)
    match = re.fullmatch(pattern, reading)
    if not match:
        return [(surface, reading)]
    return [(run, part if KANJI.match(run[0]) else None)
            for run, part in zip(runs, match.groups(), strict=True)]


@dataclass(frozen=True)
class Word:
    surface: str
    start: int
    reading: str | None  # hiragana; None when unknown


def word_readings(text: str, glossary: dict[str, tuple[str, ...]] | None = None
                  ) -> Iterator[Word]:
    """Words of *text* that contain kanji, glossary words first (longest match), then Sudachi."""
    glossary = load_glossary() if glossary is None else glossary
    longest = max((len(w) for w in glossary), default=0)
    pos = 0
    pending = 0
    while pos < len(text):
        hit = next((text[pos : pos + n] for n in range(min(longest, len(text) - pos), 0, -1)
                    if text[pos : pos + n] in glossary), None)
        if hit:
            yield from _sudachi_words(text[pending:pos], pending)
            yield Word(hit, pos, glossary[hit][0])
            pos += len(hit)
            pending = pos
        else:
            pos += 1
    yield from _sudachi_words(text[pending:], pending)


def _sudachi_words(text: str, offset: int) -> Iterator[Word]:
    if not KANJI.search(text):
        return
    for line_start, line in _lines(text):
        if not KANJI.search(line):
            continue
        for morpheme in _tokenizer().tokenize(line):
            surface = morpheme.surface()
            if not KANJI.search(surface):
                continue
            reading = hiragana(morpheme.reading_form())
            known = not morpheme.is_oov() and KANA_READING.fullmatch(reading)
            begin = morpheme.begin()
            digits = _NUMBER_END.search(line[:begin])
            if digits and surface.startswith("日"):
                # Sudachi reads the 日 of 20日 alone (にち/か); a day of the month has its
                # own reading that covers the number (20日 はつか), counts read にち.
                day = DAYS.get(int(digits.group().translate(_DIGITS)))
                if surface == "日" and day:
                    surface, reading, begin = digits.group() + surface, day, digits.start()
                elif known and not reading.startswith("にち"):
                    reading = "にち" + reading[1:] if reading[:1] in "かひ" else reading
            yield Word(surface, offset + line_start + begin, reading if known else None)


def _lines(text: str) -> Iterator[tuple[int, str]]:
    # Sudachi is fed a line at a time (it has an input size limit and lines are units).
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1

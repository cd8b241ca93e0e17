"""The one parser of the project's ruby notation, shared by the Sphinx extension and the linters.

Notation (Aozora Bunko style, as used in MyST sources and in catalog msgstr)::

    ｜基本《きほん》       explicit base: everything between ｜ and 《
    見守《みまも》り       implicit base: the whole run of kanji right before 《

The reading is hiragana or katakana (ー allowed), without spaces. One ruby per word;
okurigana stay outside (``｜見守《みまも》り``).

Escape: double the character to write it literally — ``《《`` is a literal 《, ``》》`` a
literal 》 and ``｜｜`` a literal ｜ (so ``《《重要》》`` shows 《重要》). A backslash is not
used because Markdown keeps it for ASCII punctuation only and catalogs would need it twice.

A ruby must sit inside one run of text: ``**基本**《きほん》`` has no base (the bold text is
another node) and is reported as an empty base.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BAR = "｜"
OPEN = "《"
CLOSE = "》"

# Kanji for the implicit base: CJK ideographs and the iteration/abbreviation marks 々〆ヶ.
KANJI_CLASS = "\u3005\u3006\u30f6\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
KANJI = re.compile(f"[{KANJI_CLASS}]")
KANJI_RUN = re.compile(f"[{KANJI_CLASS}]+")
# A reading: hiragana, katakana and the prolonged sound mark.
KANA_READING = re.compile(r"[\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc\u30fd\u30fe]+")


@dataclass(frozen=True)
class Text:
    """Plain text. *raw* is the source slice (``《《`` for an escaped 《), *text* what readers see."""

    text: str
    start: int
    end: int
    raw: str


@dataclass(frozen=True)
class Ruby:
    """One ruby: *base* annotated with *reading*; *start*/*end* span the whole notation."""

    base: str
    reading: str
    start: int
    end: int
    explicit: bool

    @property
    def raw(self) -> str:
        return f"{BAR if self.explicit else ''}{self.base}{OPEN}{self.reading}{CLOSE}"


Segment = Text | Ruby


@dataclass(frozen=True)
class NotationError:
    """A notation mistake at *offset* (0-based, in the parsed string)."""

    code: str
    message: str
    offset: int


# Codes shared by the Sphinx warnings and furigana-lint.
UNBALANCED_BAR = "FUR001"
UNBALANCED_BRACKETS = "FUR002"
EMPTY_BASE = "FUR003"
EMPTY_READING = "FUR004"
NOT_KANA = "FUR005"

MESSAGES = {
    UNBALANCED_BAR: "｜ starts a ruby base but no 《reading》 follows on the line "
    "(write ｜｜ for a literal ｜)",
    UNBALANCED_BRACKETS: "unbalanced ruby brackets",
    EMPTY_BASE: "ruby without a base: 《 must follow kanji or ｜base (write 《《 for a literal 《)",
    EMPTY_READING: "empty ruby reading 《》",
    NOT_KANA: "ruby reading {reading!r} is not hiragana/katakana",
}


def parse(source: str) -> tuple[list[Segment], list[NotationError]]:
    """Split *source* into text and ruby segments; report notation errors.

    Erroneous notation is kept as plain text (so nothing is lost from the output) and
    reported once. Adjacent plain text is merged, except escapes, which stay their own
    segment so that tools editing the source can leave them untouched.
    """
    segments: list[Segment] = []
    errors: list[NotationError] = []
    buf_start = 0  # start of the pending plain text in *source*
    i = 0
    n = len(source)

    def flush(upto: int) -> None:
        if upto > buf_start:
            chunk = source[buf_start:upto]
            segments.append(Text(chunk, buf_start, upto, chunk))

    while i < n:
        ch = source[i]
        if ch in (BAR, OPEN, CLOSE) and i + 1 < n and source[i + 1] == ch:
            flush(i)
            segments.append(Text(ch, i, i + 2, ch * 2))
            i += 2
            buf_start = i
            continue
        if ch == BAR:
            close_at, open_at = _find_reading(source, i + 1)
            if open_at < 0:
                errors.append(NotationError(UNBALANCED_BAR, MESSAGES[UNBALANCED_BAR], i))
                i += 1
                continue
            base = source[i + 1 : open_at]
            if not base:
                errors.append(NotationError(EMPTY_BASE, MESSAGES[EMPTY_BASE], i))
                i = open_at  # let the 《 be handled (and not reported twice)
                i = _skip_reading(source, open_at, close_at)
                continue
            ruby, error = _make_ruby(source, base, open_at, close_at, i, explicit=True)
            if error:
                errors.append(error)
                i = max(close_at, open_at) + 1 if close_at > 0 else open_at + 1
                continue
            flush(i)
            segments.append(ruby)
            i = close_at + 1
            buf_start = i
            continue
        if ch == OPEN:
            close_at = _find_close(source, i + 1)
            run = _kanji_run_before(source, i, buf_start)
            if not run:
                errors.append(NotationError(EMPTY_BASE, MESSAGES[EMPTY_BASE], i))
                i = _skip_reading(source, i, close_at)
                continue
            base_start = i - len(run)
            ruby, error = _make_ruby(source, run, i, close_at, base_start, explicit=False)
            if error:
                errors.append(error)
                i = close_at + 1 if close_at > 0 else i + 1
                continue
            flush(base_start)
            segments.append(ruby)
            i = close_at + 1
            buf_start = i
            continue
        if ch == CLOSE:
            errors.append(NotationError(
                UNBALANCED_BRACKETS, "》 without a matching 《 (write 》》 for a literal 》)", i))
        i += 1
    flush(n)
    return _merge(segments), errors


def _find_close(source: str, start: int) -> int:
    """Index of the 》 closing a reading that starts at *start*, or -1 (not past a line end)."""
    for j in range(start, len(source)):
        c = source[j]
        if c == CLOSE:
            return j
        if c in (OPEN, BAR, "\n"):
            return -1
    return -1


def _find_reading(source: str, start: int) -> tuple[int, int]:
    """For an explicit base starting at *start*: (index of 》, index of 《) or -1s."""
    for j in range(start, len(source)):
        c = source[j]
        if c == OPEN:
            if j + 1 < len(source) and source[j + 1] == OPEN:
                return -1, -1  # an escaped 《 ends the search: ｜ has no reading
            return _find_close(source, j + 1), j
        if c in (BAR, CLOSE, "\n"):
            return -1, -1
    return -1, -1


def _skip_reading(source: str, open_at: int, close_at: int) -> int:
    return close_at + 1 if close_at > 0 else open_at + 1


def _kanji_run_before(source: str, index: int, floor: int) -> str:
    j = index
    while j > floor and KANJI.match(source[j - 1]):
        j -= 1
    return source[j:index]


def _make_ruby(
    source: str, base: str, open_at: int, close_at: int, start: int, *, explicit: bool
) -> tuple[Ruby | None, NotationError | None]:
    if close_at < 0:
        return None, NotationError(
            UNBALANCED_BRACKETS, "《 without a closing 》 on the same line", open_at)
    reading = source[open_at + 1 : close_at]
    if not reading:
        return None, NotationError(EMPTY_READING, MESSAGES[EMPTY_READING], open_at)
    if not KANA_READING.fullmatch(reading):
        return None, NotationError(NOT_KANA, MESSAGES[NOT_KANA].format(reading=reading), open_at)
    return Ruby(base, reading, start, close_at + 1, explicit), None


def _merge(segments: list[Segment]) -> list[Segment]:
    """Join neighbouring plain (non-escape) text segments."""
    merged: list[Segment] = []
    for seg in segments:
        prev = merged[-1] if merged else None
        if (isinstance(seg, Text) and isinstance(prev, Text)
                and seg.raw == seg.text and prev.raw == prev.text and prev.end == seg.start):
            merged[-1] = Text(prev.text + seg.text, prev.start, seg.end, prev.raw + seg.raw)
        else:
            merged.append(seg)
    return merged


def has_notation(source: str) -> bool:
    """Whether *source* may contain ruby notation or escapes (a cheap pre-check)."""
    return BAR in source or OPEN in source or CLOSE in source


def plain(source: str) -> str:
    """What a reader sees without ruby: bases and text, escapes resolved."""
    segments, _ = parse(source)
    return "".join(s.base if isinstance(s, Ruby) else s.text for s in segments)


def with_readings(source: str) -> str:
    """Inline form for builders without ruby layout: ``基本（きほん）``."""
    segments, _ = parse(source)
    return "".join(
        f"{s.base}（{s.reading}）" if isinstance(s, Ruby) else s.text for s in segments)


def ruby(base: str, reading: str) -> str:
    """Notation for one ruby, always with ｜ so neighbouring words never merge."""
    return f"{BAR}{base}{OPEN}{reading}{CLOSE}"

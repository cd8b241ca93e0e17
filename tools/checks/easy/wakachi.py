"""分かち書き: one written rule, checked on the words the analyser finds.

The rule (locale/easy/README.md, EASY_RULES rule 5): one half-width space between 文節,
that is after each particle or auxiliary that ends a phrase; no space after 、。「（ or
before 、。」）！？; none inside a compound verb (書きうつしました), a サ変 verb
(サポートします, 参加《さんか》します) or a number and its counter (6年, 1,015人); a
particle, auxiliary or suffix stays with what it follows, Latin text included (``PDFは``,
``WCAG 2.2の``); a compound particle is one particle (について, として, かもしれません).

Where the analyser cannot tell (よう, a noun after a verb, その and a noun), either way
passes. Quotations of the standard text (「…」 or 『…』 whose words are in the msgid) keep the
source's own spacing and are not checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from tools.checks.easy import morph
from tools.checks.easy.morph import Token
from tools.checks.easy.text import base, normalise, visible_text

PUNCTUATION = "YAS401"
CUT_OFF = "YAS402"
COMPOUND_VERB = "YAS403"
SAHEN = "YAS404"
MISSING = "YAS405"

SPACE_AFTER = re.compile(r"[、。「（『]\s")
SPACE_BEFORE = re.compile(r"\s[、。」）』！？]")
DEPENDENT_POS = frozenset({"助詞", "助動詞", "接尾辞"})
INDEPENDENT_POS = frozenset({"名詞", "代名詞", "動詞", "形容詞", "形状詞", "副詞", "連体詞",
                             "接続詞", "感動詞", "接頭辞"})
SAHEN_VERBS = frozenset({"為る", "出来る", "致す"})
SAHEN_NOUNS = frozenset({"サ変可能", "サ変形状詞可能"})
COMPOUND_PARTICLES = ("について", "として", "によって", "により", "にとって", "に対して",
                      "に関して", "をとおして", "を通して", "にわたって", "かもしれ")
QUOTE = re.compile(r"[「『]([^「」『』]+)[」』]")


@dataclass(frozen=True)
class Problem:
    code: str
    where: str  # the words around it, as written


def _dependent(a: Token, b: Token) -> bool:
    """Whether *b* belongs to the phrase of *a* (a particle, auxiliary, suffix, counter)."""
    if b.pos1 in DEPENDENT_POS:
        return True
    return a.number and b.pos3 == "助数詞可能"


def _sahen(a: Token, b: Token) -> bool:
    noun = a.pos1 == "名詞" and (a.pos3 in SAHEN_NOUNS or a.goshu == "外" or not a.lemma)
    return noun and b.pos1 == "動詞" and b.lemma in SAHEN_VERBS


def _compound_verb(a: Token, b: Token) -> bool:
    return a.pos1 == "動詞" and a.cform.startswith("連用形") and b.pos1 == "動詞"


def _spans(pattern: str, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(re.escape(pattern), text)]


def quoted_source(line: str, msgid: str) -> list[tuple[int, int]]:
    """Spans (in the text without spaces) of quotations of the standard text in *line*."""
    if not msgid:
        return []
    source = normalise(visible_text(msgid))
    text = base(line)
    return [m.span() for m in QUOTE.finditer(text) if normalise(m.group(1)) in source]


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    return any(s < position < e for s, e in spans)


def _context(words: tuple[Token, ...], index: int) -> str:
    """The two words around a boundary, as written (with the space if there is one)."""
    a, b = words[index - 1], words[index]
    return f"{a.surface}{' ' if b.space_before else ''}{b.surface}"


def line_problems(line: str, msgid: str = "") -> Iterator[Problem]:
    """The 分かち書き problems of one line of visible text."""
    for match in SPACE_AFTER.finditer(line):
        yield Problem(PUNCTUATION, line[max(match.start() - 4, 0):match.end() + 4].strip())
    for match in SPACE_BEFORE.finditer(line):
        yield Problem(PUNCTUATION, line[max(match.start() - 4, 0):match.end() + 2].strip())
    words = morph.tokens(line)
    text = base(line)
    quoted = quoted_source(line, msgid)
    compounds = [span for particle in COMPOUND_PARTICLES for span in _spans(particle, text)
                 if morph.aligned(words, *span)
                 and any(w.start == span[0] and w.pos1 == "助詞" for w in words)]
    compound_ends = {e for _, e in compounds}
    for index in range(1, len(words)):
        a, b = words[index - 1], words[index]
        if a.symbol or b.symbol or _inside(quoted, b.start):
            continue
        if b.space_before:
            if _inside(compounds, b.start) or _dependent(a, b):
                yield Problem(CUT_OFF, _context(words, index))
            elif _compound_verb(a, b):
                yield Problem(COMPOUND_VERB, _context(words, index))
            elif _sahen(a, b):
                yield Problem(SAHEN, _context(words, index))
        elif _inside(compounds, b.start):
            continue
        elif ((a.pos1 in ("助詞", "助動詞") or a.end in compound_ends)
              and b.pos1 in INDEPENDENT_POS and not _dependent(a, b)
              and b.pos2 != "助動詞語幹"):
            yield Problem(MISSING, _context(words, index))


def problems(raw: str, msgid: str = "") -> list[Problem]:
    """The 分かち書き problems of a message (Markdown and ruby notation as written)."""
    found: list[Problem] = []
    for line in visible_text(raw).splitlines():
        if line.strip():
            found.extend(line_problems(line, msgid))
    return found


MESSAGES = {
    PUNCTUATION: "space next to punctuation (none after 、。「（, none before 、。」）)",
    CUT_OFF: "a particle, auxiliary or counter is cut off from what it follows",
    COMPOUND_VERB: "space inside a compound verb",
    SAHEN: "space inside a サ変 verb (noun + します／できます)",
    MISSING: "no space after the particle or auxiliary that ends a phrase",
}


def findings(raw: str, msgid: str = "") -> list[tuple[str, str]]:
    """(code, text) per kind of problem in one message, with a count and examples."""
    by_code: dict[str, list[str]] = {}
    for problem in problems(raw, msgid):
        by_code.setdefault(problem.code, []).append(problem.where)
    out = []
    for code, places in sorted(by_code.items()):
        examples = "、".join(f"「{p}」" for p in dict.fromkeys(places) if p)
        count = f" ×{len(places)}" if len(places) > 1 else ""
        out.append((code, f"{MESSAGES[code]}{count}: {examples[:80]}"))
    return out

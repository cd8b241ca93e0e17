"""Amount and readability: how long a message is against its msgid, how many sentences it
has, and how readable it is as a passage (jReadability, 李・長谷部).

Length is counted in base characters: ruby bases without readings, no markup, no spaces.
jReadability was made for passages; on one short sentence it is noise, so a message and a
page are scored as passages (their sentences joined), and the per-sentence score only
sorts sentences into bands.
"""

from __future__ import annotations

from tools.checks.easy import morph
from tools.checks.easy.messages import CELL, ITEM, PARAGRAPH, Message
from tools.checks.easy.text import base_length

TOO_LONG = "YAS201"
TOO_SHORT = "YAS202"
PARAGRAPH_SENTENCES = "YAS203"
CELL_SENTENCES = "YAS204"
HARD_PASSAGE = "YAS205"

MAX_RATIO = 1.5  # per message; the target in total is MAX_TOTAL_RATIO
MIN_RATIO = 0.5  # below this, facts are likely gone
MIN_SOURCE = 20  # messages shorter than this (headings, labels) vary too much to compare
MIN_SOURCE_SHORT = 30
MAX_SENTENCES = {PARAGRAPH: 8, CELL: 3, ITEM: 3}
HARD_MESSAGE = 3.5  # a message scoring below this (中級後半 or harder) is a note

# jReadability bands (李・長谷部); the lower bound of each band, easiest last.
BANDS: tuple[tuple[str, float], ...] = (
    ("上級後半", float("-inf")),
    ("上級前半", 1.5),
    ("中級後半", 2.5),
    ("中級前半", 3.5),
    ("初級後半", 4.5),
    ("初級前半", 5.5),
)
BEGINNER = ("初級後半", "初級前半")


def score(text: str) -> float:
    """The jReadability score of *text* (higher is easier)."""
    from jreadability import compute_readability

    return compute_readability(text, morph.tagger())


def passage(sentences: list[str]) -> float | None:
    """The score of *sentences* read as one passage (each closed with 。 so table cells and
    list items count as sentences), or None when there are none."""
    if not sentences:
        return None
    return score("".join(s if s.endswith(("。", "！", "？")) else s + "。" for s in sentences))


def band(value: float) -> str:
    name = BANDS[0][0]
    for candidate, low in BANDS:
        if value >= low:
            name = candidate
    return name


def ratio(message: Message) -> float | None:
    """Base characters of the msgstr per base character of the msgid."""
    source = base_length(message.msgid)
    return base_length(message.msgstr) / source if source else None


def findings(message: Message, sentences: int, passage_score: float | None
             ) -> list[tuple[str, str]]:
    """(code, text) for the amount and form of one message with *sentences* sentences."""
    found = []
    source = base_length(message.msgid)
    easy = base_length(message.msgstr)
    if message.msgid and source >= MIN_SOURCE and easy > MAX_RATIO * source:
        found.append((TOO_LONG, (f"{easy / source:.2f}× the standard text ({easy} base "
                                f"characters for {source}; at most {MAX_RATIO}×, aim 1.1×)")))
    if (message.msgid and source >= MIN_SOURCE_SHORT and not message.editorial
            and easy < MIN_RATIO * source):
        found.append((TOO_SHORT, (f"only {easy / source:.2f}× the standard text ({easy} base "
                                 f"characters for {source}): facts are likely missing")))
    cap = MAX_SENTENCES.get(message.kind)
    if cap and sentences > cap:
        code = PARAGRAPH_SENTENCES if message.kind == PARAGRAPH else CELL_SENTENCES
        what = "paragraph" if message.kind == PARAGRAPH else "table cell or list item"
        found.append((code, f"{sentences} sentences in one {what} (at most {cap})"))
    if passage_score is not None and sentences >= 2 and passage_score < HARD_MESSAGE:
        found.append((HARD_PASSAGE, (f"jReadability {passage_score:.2f} as a passage "
                                    f"({band(passage_score)}; aim ≥ 4.5)")))
    return found

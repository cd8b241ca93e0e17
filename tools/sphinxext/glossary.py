"""The easy edition's glossary (docs/glossary.md, ことばの せつめい) read as data.

Each term is a level-2 heading preceded by a MyST target ``(term-…)=``; the target is
the stable anchor translations link to: ``[地域福祉《ちいきふくし》](glossary.md#term-chiiki-fukushi)``.
A heading like ``社会福祉協議会（社協・市社協）`` gives the term and its short forms.

The page is generated from the term base, locale/easy/terms.yaml
(``python -m tools.checks.terms --write``); this module reads the page as built, so the
build and the catalog check see exactly the anchors the site has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tools import ROOT
from tools.furigana.notation import plain

GLOSSARY = ROOT / "docs" / "glossary.md"
DOCNAME = "glossary"
TARGET = re.compile(r"^\((term-[a-z0-9-]+)\)=\s*$")
HEADING = re.compile(r"^##\s+(.+?)\s*$")
# A glossary link in Markdown: the anchor after glossary.md# (or .html#).
LINK = re.compile(r"\]\((?:\./)?glossary\.(?:md|html)#(term-[a-z0-9-]+)\)")


@dataclass(frozen=True)
class Term:
    anchor: str
    term: str
    aliases: tuple[str, ...]
    line: int

    @property
    def forms(self) -> tuple[str, ...]:
        """Every spelling that counts as a use of the term, longest first."""
        return tuple(sorted({self.term, *self.aliases}, key=len, reverse=True))


def read_terms(path: Path = GLOSSARY) -> list[Term]:
    """The terms of the glossary page, in page order."""
    terms: list[Term] = []
    anchor: str | None = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if match := TARGET.match(line):
            anchor = match.group(1)
            continue
        if anchor and (match := HEADING.match(line)):
            heading = plain(match.group(1))
            term, _, rest = heading.partition("（")
            aliases = tuple(a for a in re.split(r"[・、]", rest.rstrip("）")) if a)
            # 骨子（案） is one term, not a term with the short form 案.
            if len(rest.rstrip("）")) <= 1:
                term, aliases = heading, ()
            terms.append(Term(anchor, term.strip(), aliases, number))
        if line.strip():
            anchor = None  # the target must sit right before its heading
    return terms


def linked_anchors(text: str) -> set[str]:
    """The glossary anchors that Markdown *text* links to."""
    return set(LINK.findall(text))

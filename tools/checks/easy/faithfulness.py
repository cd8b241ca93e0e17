"""Faithfulness of one message to its msgid: the facts of the standard text are all there.

Facts are read from the text readers see, normalised (NFKC: 全角 digits and ① as
half-width, spaces removed):

- years, as Western years: ``2023年``, ``令和5年``, ``R5.6月`` and ``H31（R元）年度`` are
  all read; 令和N = 2018+N, 平成N = 1988+N, 昭和N = 1925+N, 元 = 1. A year followed by
  another in brackets (``2023年（令和5年）``) is a pair, and the two must agree (YAS104).
- percentages (``48.4%``) and other numbers (``760名``, ``1,015``, ``第4期``, ``⑪``);
- law articles: a law name and its article (``社会福祉法第107条``);
- proper names: what the analyser tags 固有名詞 (旭川, 北海道), Latin words (WCAG, PDF),
  and the names of the term base, which may appear in a short form the plan defines;
- glossary terms (any of their forms) and references (roles and links).

A fact of the msgid missing from the msgstr is a finding, unless the allow-list
(locale/easy/faithfulness-allow.yaml) names it with a reason.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tools import ROOT
from tools.checks.catalog_check import shape
from tools.checks.easy import morph, yamlfile
from tools.checks.easy.messages import Message
from tools.checks.easy.termbase import TermBase, used_terms
from tools.checks.easy.text import base, normalise, visible_text
from tools.errors import InputError

ALLOW = ROOT / "locale" / "easy" / "faithfulness-allow.yaml"

ERA_START = {"令和": 2018, "平成": 1988, "昭和": 1925, "R": 2018, "H": 1988, "S": 1925}
# On normalised text (NFKC, no spaces): 令和5年, 平成31年度, H29年度, R5.6月, R元).
ERA_YEAR = re.compile(r"(令和|平成|昭和)(\d+|元)(?=年)"
                      r"|(?<![A-Za-z])([RHS])(\d+|元)(?=年|\.\d|\(|\))")
WESTERN_YEAR = re.compile(r"(?<![\d.,])(\d{4})(?=年)")
YEAR_SUFFIX = re.compile(r"年度|年")
NUMBER = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(%?)")
LAW = re.compile(r"([\u4e00-\u9fff]{2,}法)(?:(第\d+条)|(?![\u4e00-\u9fff]))")
NOT_LAWS = ("方法", "手法", "用法", "文法", "作法", "寸法")
LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'][A-Za-z0-9]+)*")
DIGITS_APART = re.compile(r"(?<=\d)\s+(?=\d)")
ERA_ABBREVIATION = re.compile(r"[RHS](\d+|元)?")
ERA_NAMES = frozenset({"令和", "平成", "昭和", "大正", "明治"})

# (code, kind of fact) of each finding.
CODES = {
    "number": "YAS101",
    "percent": "YAS102",
    "year": "YAS103",
    "pair": "YAS104",
    "law": "YAS105",
    "name": "YAS106",
    "term": "YAS107",
    "reference": "YAS108",
}
UNUSED_ALLOW = "YAS109"
# A message far shorter than its msgid (amount.TOO_SHORT) may be allowed too, as fact "length".
LENGTH = ("YAS202", "length")
ALLOWABLE = frozenset({*CODES.values(), LENGTH[0]})


@dataclass(frozen=True)
class Fact:
    kind: str  # number, percent, year, law, name, term, reference
    value: str  # what is compared: 2023, 48.4, 社会福祉法第107条 …
    shown: str  # as written in the message: 令和5年, 48.4% …


@dataclass(frozen=True)
class Year:
    start: int
    end: int
    value: int
    shown: str


def years(text: str) -> list[Year]:
    """The years of normalised *text*, in order (Western and era years)."""
    found = []
    for match in ERA_YEAR.finditer(text):
        era = match.group(1) or match.group(3)
        number = match.group(2) or match.group(4)
        value = ERA_START[era] + (1 if number == "元" else int(number))
        found.append(Year(match.start(), match.end(), value, match.group(0)))
    for match in WESTERN_YEAR.finditer(text):
        found.append(Year(match.start(), match.end(), int(match.group(1)), match.group(0)))
    return sorted(found, key=lambda y: y.start)


def year_pairs(text: str) -> Iterator[tuple[Year, Year]]:
    """Each year directly followed by another in brackets: 2023年(令和5年), H31(R元)年度."""
    found = years(text)
    by_start = {y.start: y for y in found}
    for year in found:
        after = YEAR_SUFFIX.match(text, year.end)
        position = after.end() if after else year.end
        if text.startswith("(", position) and position + 1 in by_start:
            yield year, by_start[position + 1]


def _numbers(text: str, found_years: list[Year]) -> Iterator[Fact]:
    """Percentages and numbers of normalised *text*, years left out (the 6 of 令和6年 and
    of R5.6月 is a year, the 6 of 6か年 a number)."""
    masked = list(text)
    for year in found_years:
        after = year.end + 1 if text.startswith(".", year.end) else year.end
        masked[year.start:after] = " " * (after - year.start)
    for match in NUMBER.finditer("".join(masked)):
        whole = match.group(1).replace(",", "")
        value = whole + (f".{match.group(2)}" if match.group(2) else "")
        if match.group(3):
            yield Fact("percent", value, match.group(0))
        else:
            yield Fact("number", value, match.group(0))


def _names(spaced: str, termbase: TermBase) -> list[Fact]:
    """Proper names of NFKC *spaced* text: the term base's names first, then the analyser's
    固有名詞 and Latin words (read before spaces are removed: JIS X is two words)."""
    text = base(spaced)
    found: list[Fact] = []
    taken: list[tuple[int, int]] = []
    for name in sorted(termbase.names, key=lambda n: len(n.name), reverse=True):
        for match in re.finditer(re.escape(normalise(name.name)), text):
            if not any(s < match.end() and match.start() < e for s, e in taken):
                taken.append(match.span())
                found.append(Fact("name", name.name, name.name))
    for word in morph.tokens(spaced):
        if any(s <= word.start < e for s, e in taken):
            continue
        if word.pos2 == "固有名詞" and word.surface not in ERA_NAMES:
            found.append(Fact("name", word.surface, word.surface))
    for match in LATIN.finditer(spaced):
        word = match.group(0)
        if not any(word in f.value for f in found) and not ERA_ABBREVIATION.fullmatch(word):
            found.append(Fact("name", word, word))
    return found


def facts(raw: str, termbase: TermBase) -> list[Fact]:
    """The facts of one message (msgid or msgstr), each once."""
    visible = visible_text(raw)
    # Numbers apart stay apart once spaces are gone: 「1 2022年度」 is 1 and 2022.
    spaced = DIGITS_APART.sub("|", unicodedata.normalize("NFKC", visible))
    text = base(spaced)
    found: list[Fact] = []
    found_years = years(text)
    for year in found_years:
        found.append(Fact("year", str(year.value), year.shown))
    for match in LAW.finditer(text):
        if not match.group(1).endswith(NOT_LAWS):
            found.append(Fact("law", match.group(0), match.group(0)))
    found.extend(_numbers(text, found_years))
    found.extend(_names(spaced, termbase))
    for term in used_terms(base(visible), termbase.glossary):
        found.append(Fact("term", term.anchor, term.term))
    for kind, target in shape(raw).refs:
        found.append(Fact("reference", f"{kind}:{target}", target))
    unique: dict[tuple[str, str], Fact] = {}
    for fact in found:
        unique.setdefault((fact.kind, fact.value), fact)
    return list(unique.values())


def _present(fact: Fact, text: str, have: set[tuple[str, str]], termbase: TermBase) -> bool:
    if fact.kind == "number":
        return any((kind, fact.value) in have for kind in ("number", "percent", "year"))
    if fact.kind == "law":
        name, _, article = fact.value.partition("第")
        return name in text and (not article or f"第{article}" in text)
    if fact.kind == "name":
        forms = next((n.forms for n in termbase.names if n.name == fact.value), (fact.value,))
        return any(normalise(form) in text for form in forms)
    return (fact.kind, fact.value) in have


# --- the allow-list -----------------------------------------------------------------------


@dataclass(frozen=True)
class Allowance:
    page: str
    msgid: str  # a piece of the msgid that names the message
    code: str
    fact: str  # the fact as the finding shows it
    reason: str
    line: int

    def covers(self, message: Message, code: str, fact: Fact | str) -> bool:
        values = (fact,) if isinstance(fact, str) else (fact.shown, fact.value)
        return (self.page == message.page and self.msgid in message.msgid
                and self.code == code and self.fact in values)


def allowed(message: Message, code: str, fact: Fact | str, allowances: list[Allowance],
            used: set[Allowance]) -> bool:
    """Whether an allowance covers (*code*, *fact*) of *message*; it is then marked used."""
    allowance = next((a for a in allowances if a.covers(message, code, fact)), None)
    if allowance:
        used.add(allowance)
    return allowance is not None


def load_allowances(path: Path = ALLOW) -> list[Allowance]:
    """The deliberate exceptions; each needs page, msgid, code, fact and a reason."""
    if not path.exists():
        return []
    data = yamlfile.load(path)
    found = []
    for entry in yamlfile.entries(path, data, "allow"):
        fields = {key: yamlfile.required(path, entry, key)
                  for key in ("page", "msgid", "code", "fact", "reason")}
        if fields["code"] not in ALLOWABLE:
            raise InputError(f"{path}:{entry[yamlfile.LINE]}: code {fields['code']!r} cannot be "
                             f"allowed (only {', '.join(sorted(ALLOWABLE))})")
        found.append(Allowance(**fields, line=entry[yamlfile.LINE]))
    return found


# --- the check ----------------------------------------------------------------------------


def _describe(fact: Fact) -> str:
    return {
        "number": "number", "percent": "percentage", "year": "year", "law": "law article",
        "name": "proper name", "term": "glossary term", "reference": "reference",
    }[fact.kind]


def check(message: Message, termbase: TermBase, allowances: list[Allowance],
          used: set[Allowance]) -> list[tuple[str, str]]:
    """(code, text) for each fact of the msgid missing from the msgstr, and each year pair
    of the msgstr that disagrees; *used* collects the allowances that applied."""
    if not message.msgid:
        return []
    target_text = normalise(visible_text(message.msgstr))
    target = facts(message.msgstr, termbase)
    have = {(f.kind, f.value) for f in target}
    found: list[tuple[str, str]] = []
    for fact in facts(message.msgid, termbase):
        if _present(fact, target_text, have, termbase):
            continue
        code = CODES[fact.kind]
        if allowed(message, code, fact, allowances, used):
            continue
        found.append((code, f"{_describe(fact)} 「{fact.shown}」 of the standard text is missing"))
    for first, second in year_pairs(target_text):
        if first.value != second.value:
            disagree = (f"{first.shown} is {first.value} but {second.shown} is {second.value}: "
                        "the pair does not agree")
            found.append((CODES["pair"], disagree))
    return found

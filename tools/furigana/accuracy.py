"""Measure furigana-suggest: exact whole-word readings on a list of plan words.

``python -m tools.furigana.accuracy [TSV]`` (default tests/data/plan_readings.tsv, lines
``word<TAB>reading``) suggests ruby for each word on its own, reads the whole word back
(ruby readings plus the kana between them) and compares it exactly with the expected
reading. It reports the score with the project glossary and with the dictionary alone.

``--cross-check TEXT`` measures furigana-lint's false alarms instead: every kanji word of
TEXT with the reading a second analyser (fugashi + UniDic) gives, split onto its kanji,
must pass the plausibility check.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tools import ROOT
from tools.diagnostics import command
from tools.furigana import notation, reading, suggest

WORDS = ROOT / "tests" / "data" / "plan_readings.tsv"


def load_words(path: Path = WORDS) -> list[tuple[str, str]]:
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, expected = line.split("\t")
            pairs.append((word.strip(), expected.strip()))
    return pairs


def whole_reading(annotated: str) -> str:
    """The reading of a whole annotated word: ruby readings and the kana around them."""
    segments, _ = notation.parse(annotated)
    return "".join(s.reading if isinstance(s, notation.Ruby) else s.text for s in segments)


@dataclass
class Score:
    right: int
    total: int
    wrong: list[tuple[str, str, str]]


def score(pairs: list[tuple[str, str]], glossary: dict[str, tuple[str, ...]] | None = None
          ) -> Score:
    wrong = []
    for word, expected in pairs:
        got = reading.hiragana(whole_reading(suggest.suggest(word, glossary)))
        if got != expected:
            wrong.append((word, expected, got))
    return Score(len(pairs) - len(wrong), len(pairs), wrong)


def cross_check(text: str) -> tuple[int, list[tuple[str, str]]]:
    """(distinct words checked, words whose UniDic reading furigana-lint would reject)."""
    import fugashi

    tagger = fugashi.Tagger()
    seen: set[tuple[str, str]] = set()
    rejected = []
    for line in text.splitlines():
        for token in tagger(line):
            kana = getattr(token.feature, "kana", None)
            if not notation.KANJI.search(token.surface) or not kana or kana == "*":
                continue
            word = (token.surface, reading.hiragana(kana))
            if word in seen:
                continue
            seen.add(word)
            parts = reading.align(*word)
            for index, (part, part_reading) in enumerate(parts):
                after = parts[index + 1] if index + 1 < len(parts) else ("", "")
                okurigana = after[0] if after[1] is None else ""
                if part_reading and not reading.is_plausible(part, part_reading, okurigana):
                    rejected.append(word)
                    break
    return len(seen), rejected


def corruption_catch(pairs: list[tuple[str, str]]) -> tuple[int, int]:
    """(caught, tried): readings of the words' kanji parts with one kana dropped or two
    neighbours swapped, which furigana-lint should reject."""
    caught = tried = 0
    for word, word_reading in pairs:
        parts = reading.align(word, word_reading)
        for index, (part, part_reading) in enumerate(parts):
            if not part_reading:
                continue
            after = parts[index + 1] if index + 1 < len(parts) else ("", "")
            okurigana = after[0] if after[1] is None else ""
            variants = {part_reading[:k] + part_reading[k + 1 :] for k in range(len(part_reading))}
            variants |= {part_reading[:k] + part_reading[k + 1] + part_reading[k]
                         + part_reading[k + 2 :] for k in range(len(part_reading) - 1)}
            for variant in variants - {part_reading, ""}:
                tried += 1
                caught += not reading.is_plausible(part, variant, okurigana)
    return caught, tried


@command
def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.furigana.accuracy", description=__doc__)
    parser.add_argument("words", nargs="?", type=Path, default=WORDS)
    parser.add_argument("--cross-check", type=Path, metavar="TEXT",
                        help="count false alarms on UniDic readings of TEXT's words")
    args = parser.parse_args(argv)
    if args.cross_check:
        checked, rejected = cross_check(args.cross_check.read_text(encoding="utf-8"))
        print(f"{len(rejected)} of {checked} UniDic word readings rejected")
        for word, word_reading in rejected:
            print(f"    {word}: {word_reading}")
        return 0
    pairs = load_words(args.words)
    start = time.perf_counter()
    with_glossary = score(pairs)
    elapsed = time.perf_counter() - start
    alone = score(pairs, glossary={})
    for label, result in (("dictionary + glossary", with_glossary), ("dictionary alone", alone)):
        print(f"{label:22} {result.right}/{result.total} right "
              f"({100 * result.right / result.total:.1f} %)")
        for word, expected, got in result.wrong:
            print(f"    {word}: expected {expected}, suggested {got}")
    print(f"time: {elapsed:.2f} s for {len(pairs)} words (dictionary load included)")
    caught, tried = corruption_catch(pairs)
    print(f"corrupted readings caught by furigana-lint: {caught}/{tried}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Measure furigana-suggest: exact whole-word readings on a list of plan words.

``python -m tools.furigana.accuracy [TSV]`` (default tests/data/plan_readings.tsv, lines
``word<TAB>reading``) suggests ruby for each word on its own, reads the whole word back
(ruby readings plus the kana between them) and compares it exactly with the expected
reading. It reports the score with the project glossary and with the dictionary alone.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tools import ROOT
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.furigana.accuracy", description=__doc__)
    parser.add_argument("words", nargs="?", type=Path, default=WORDS)
    args = parser.parse_args(argv)
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
    return 0


if __name__ == "__main__":
    sys.exit(main())

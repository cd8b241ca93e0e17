"""The text rules of the Japanese search: one normal form and one splitter, index and query.

:func:`normalise` makes the spellings a reader may type for the same word equal:

- full/half width and compatibility forms (NFKC: ｼﾞｮｾﾂ → ジョセツ, ＡＢＣ → abc), lower case;
- katakana → hiragana (ジョセツ → じょせつ);
- spelling by sound: ぢ → じ, づ → ず, ゐ → い, ゑ → え;
- long vowels: ー takes the vowel of the kana before it, and the two spellings of a long
  o and e are one (お → う, え → い), so しゃきょー, しゃきょう and しゃきょお are equal.
  The fold is applied everywhere, not only after an o/e kana: a rule that looked at the
  kana before would spell a word differently after の or を than on its own.

:func:`query_terms` cuts the normal form into overlapping two-character pieces of each run
of Japanese characters, other words whole; :func:`split_terms` (the index) adds each kanji
alone. Every rule here has a twin
in ``data/search_ja/search-ja.js`` (the query in the reader's browser); ``tests/test_search.py``
checks that both give the same result for every line of the plan.
"""

from __future__ import annotations

import re
import unicodedata

# Han, hiragana, katakana, prolonged sound mark, iteration marks.
CJK = ("\u3005\u3006\u303b\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe"
       "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff")
_RUN = re.compile(rf"[{CJK}]+|[^\W{CJK}]+")
_CJK_CHAR = re.compile(rf"[{CJK}]")
_KANJI = re.compile(r"[\u3005\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SPACE_IN_JAPANESE = re.compile(rf"(?<=[{CJK}])\s+(?=[{CJK}])")

_SPELLING = {"ぢ": "じ", "づ": "ず", "ゐ": "い", "ゑ": "え", "お": "う", "え": "い"}
_KANA = {code: _SPELLING.get(chr(code - 0x60), chr(code - 0x60)) for code in range(0x30A1, 0x30F7)}
_KANA |= {ord(k): v for k, v in _SPELLING.items()} | {0x30FD: "ゝ", 0x30FE: "ゞ"}
_VOWELS = {
    "a": "あぁかがさざただなはばぱまやゃらわゎゕ",
    "i": "いぃきぎしじちぢにひびぴみりゐ",
    "u": "うぅくぐすずつづぬふぶぷむゆゅるゔ",
    "e": "えぇけげせぜてでねへべぺめれゑゖ",
    "o": "おぉこごそぞとどのほぼぽもよょろを",
}
# ー after a kana: its vowel, with the long o and e spelled as in 学校 (う) and 先生 (い).
_LONG = {kana: {"a": "あ", "i": "い", "u": "う", "e": "い", "o": "う"}[vowel]
         for vowel, row in _VOWELS.items() for kana in row}


def normalise(text: str) -> str:
    """The search's normal form of *text* (see the module docstring)."""
    folded = unicodedata.normalize("NFKC", text).lower().translate(_KANA)
    out: list[str] = []
    for ch in folded:
        if ch == "ー" and out and out[-1] in _LONG:
            ch = _LONG[out[-1]]
        out.append(ch)
    return "".join(out)


def join_words(text: str) -> str:
    """*text* without the spaces between Japanese words (分かち書き), so that a word read
    across them (ちいき ふくし) is found when typed as one (ちいきふくし)."""
    return _SPACE_IN_JAPANESE.sub("", text)


def query_terms(text: str) -> list[str]:
    """Terms of a query: bigrams of its Japanese runs (one character alone as is), other
    words whole. What ``SearchJa.splitQuery`` does in the browser."""
    terms: list[str] = []
    for run in _RUN.findall(normalise(text)):
        if not _CJK_CHAR.match(run) or len(run) == 1:
            terms.append(run)
        else:
            terms.extend(run[i : i + 2] for i in range(len(run) - 1))
    return terms


def split_terms(text: str) -> list[str]:
    """Terms of indexed text: the query's terms, and every kanji alone (so that a one-kanji
    query finds it inside a word)."""
    return query_terms(text) + _KANJI.findall(normalise(text))


def is_term(word: str) -> bool:
    """Whether *word* goes into the index: single kana and symbols say nothing alone."""
    return len(word) > 1 or bool(_KANJI.fullmatch(word))

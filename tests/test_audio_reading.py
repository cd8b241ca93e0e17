"""The speech says what the furigana says: every glossary word is sent to the synthesiser
with its reading (健幸 けんこう, not タケユキ), in both editions.

What is compared is what pyopenjtalk-plus finally gets: the pronunciation carried by the
full-context labels of the prepared sentence (tools.publish.audio.spoken.frontend).
"""

from __future__ import annotations

import re

import pytest

from tools.furigana import notation
from tools.furigana.reading import load_glossary
from tools.publish.audio.spoken import frontend, sound, spoken_text
from tools.sphinxext.glossary import GLOSSARY as EASY_GLOSSARY

GLOSSARY = load_glossary()
HEADING = re.compile(r"^##\s+(.+?)\s*$")


def said(pieces: list[tuple[str, str | None]]) -> str:
    """What the synthesiser is told to say for *pieces*, reduced to its sound."""
    return sound(frontend(spoken_text(pieces)).kana)


def easy_terms() -> list[list[tuple[str, str | None]]]:
    """The easy glossary's headings with ruby, as pieces: ruby words with their readings
    (ICT, ボランティア have no reading to check)."""
    terms = []
    for line in EASY_GLOSSARY.read_text(encoding="utf-8").splitlines():
        if match := HEADING.match(line):
            segments, errors = notation.parse(match.group(1))
            assert not errors, line
            if any(isinstance(s, notation.Ruby) for s in segments):
                terms.append([(s.base, s.reading) if isinstance(s, notation.Ruby)
                              else (s.text, None) for s in segments])
    assert len(terms) >= 20, EASY_GLOSSARY
    return terms


def reading_of(pieces: list[tuple[str, str | None]]) -> str:
    return "".join(reading or text for text, reading in pieces)


@pytest.mark.parametrize("word", sorted(GLOSSARY))
def test_glossary_word_alone(word: str) -> None:
    heard = said([(word, None)])
    assert heard in {sound(r) for r in GLOSSARY[word]}, (word, heard, GLOSSARY[word])


@pytest.mark.parametrize("word", sorted(GLOSSARY))
def test_glossary_word_in_a_sentence(word: str) -> None:
    heard = said([(f"これは{word}のことです。", None)])
    expected = {sound(f"これわ{r}のことです") for r in GLOSSARY[word]}
    assert heard in expected, (word, heard, expected)


@pytest.mark.parametrize("pieces", easy_terms(), ids=lambda p: reading_of(p)[:16])
def test_easy_glossary_term_with_its_ruby(pieces: list[tuple[str, str | None]]) -> None:
    """The easy edition speaks each term with the ruby written on it."""
    assert said(pieces) == sound(reading_of(pieces))


@pytest.mark.parametrize("pieces", easy_terms(), ids=lambda p: reading_of(p)[:16])
def test_easy_glossary_term_in_the_standard_edition(pieces: list[tuple[str, str | None]]
                                                   ) -> None:
    """The standard edition (no ruby) says the same terms the same way."""
    plain = "".join(text for text, _ in pieces)
    assert said([(plain, None)]) == sound(reading_of(pieces)), plain


def test_the_synthesiser_alone_misreads_what_the_readings_fix() -> None:
    """Without the project's readings Open JTalk says タケユキ: the test above can fail."""
    assert sound(frontend("健幸").kana) == sound("たけゆき")
    assert said([("健幸", None)]) == sound("けんこう")
    assert spoken_text([("健幸", None)]) == "ケンコー"


def test_circled_numbers_are_read_as_numbers() -> None:
    assert said([("課題①から⑭まで", None)]) == sound("かだいいちからじゅうよんまで")


def test_words_open_jtalk_reads_right_stay_in_kanji() -> None:
    """Only misread words are replaced, so the others keep their dictionary accent."""
    assert spoken_text([("旭川市と市社協が協力します。", None)]) == "旭川市と市社協が協力します。"
    # A counter after digits is heard inside the number's reading, not forced apart.
    assert spoken_text([("R5.6月の実施", None)]) == "R5.6月の実施"


def test_ruby_reading_wins_over_the_dictionary() -> None:
    """The easy edition's ruby decides, even against Open JTalk's usual reading."""
    assert said([("方", "かた"), ("が いる", None)]) == sound("かたがいる")
    assert said([("見守", "みまも"), ("り", None)]) == sound("みまもり")

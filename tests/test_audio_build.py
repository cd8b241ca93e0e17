"""The audio edition built for real: speech builder, pyopenjtalk-plus, the cache, lame.

A small page (tests/audio_site.py) is spoken and encoded; the MP3 is decoded again by
lame and measured; the timings' ids are looked up in the page's HTML; a second build
synthesises nothing, a one-sentence edit synthesises one sentence, and the same input
gives the same bytes, cache or not.
"""

from __future__ import annotations

import json
import shutil
import wave
from pathlib import Path

import pytest
from audio_site import build_html, context, make_source
from conftest import soup

from tools.editions import EDITIONS
from tools.errors import BuildError, SetupError
from tools.publish.audio import FOLDER, _load, build, build_audio
from tools.publish.audio.encode import decode_mp3, lame
from tools.publish.audio.synth import licence_file, voice_file

JA = EDITIONS["ja"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("audio")
    ctx = context(root / "_build", make_source(root / "docs"))
    first = build_audio(JA, ctx)
    second = build_audio(JA, ctx)
    return {"ctx": ctx, "first": first, "second": second, "root": root}


def timings(ctx) -> dict:
    return json.loads((ctx.staging / FOLDER / "ja" / "index.json").read_text(encoding="utf-8"))


def test_the_mp3_plays_for_as_long_as_the_timings_say(built: dict, tmp_path: Path) -> None:
    ctx = built["ctx"]
    mp3 = ctx.staging / FOLDER / "ja" / "index.mp3"
    assert mp3.read_bytes()[:3] != b"ID3"  # no tags: nothing that varies between builds
    decoded = decode_mp3(mp3, tmp_path / "index.wav")
    with wave.open(str(decoded)) as audio:
        assert audio.getnchannels() == 1
        assert audio.getframerate() == 24000
        seconds = audio.getnframes() / audio.getframerate()
    data = timings(ctx)
    # lame --decode keeps the encoder's delay and padding (< 0.1 s); browsers trim them.
    assert 0 <= seconds - data["duration"] < 0.1, (seconds, data["duration"])
    assert data["audio"] == "index.mp3"
    assert data["duration"] > 10


def test_timings_follow_the_page(built: dict) -> None:
    ctx = built["ctx"]
    data = timings(ctx)
    sentences = data["sentences"]
    page = soup(build_html(ctx) / "index.html")
    for sentence in sentences:
        element = page.find(id=sentence["id"])
        assert element is not None, sentence["id"]
        if element.name == "span":
            assert " ".join(element.get_text().split()) == sentence["text"]
    ends = [0.0]
    for sentence in sentences:
        assert sentence["begin"] >= ends[-1] and sentence["end"] > sentence["begin"]
        ends.append(sentence["end"])
    assert ends[-1] == pytest.approx(data["duration"], abs=0.001)
    by_text = {s["text"]: s for s in sentences}
    # Said with the project's readings, numbers as numbers.
    assert by_text["健幸のまちを目指します。"]["kana"].startswith("ケンコー")
    assert "ジューヨン" in by_text["課題①から⑭まで取り組みます。"]["kana"]
    # Pauses: a paragraph ends with a longer silence than a sentence inside it.
    within = by_text["旭川市と市社協が協力します。"]["begin"] - by_text["健幸のまちを目指します。"]["end"]
    after = by_text["課題①から⑭まで取り組みます。"]["begin"] - by_text["旭川市と市社協が協力します。"]["end"]
    assert after > within > 0


def test_a_second_build_synthesises_nothing_and_writes_the_same_bytes(built: dict) -> None:
    first, second = built["first"], built["second"]
    assert first.synthesised == first.sentences > 5 and first.reused == 0
    assert second.synthesised == 0 and second.reused == first.sentences
    assert second.audio_seconds == pytest.approx(first.audio_seconds)


def test_an_unchanged_page_is_copied_whole_from_the_cache(built: dict, tmp_path: Path) -> None:
    """A rebuild reads no sentence's samples for a page that did not change: with the
    sentence cache gone, the page cache alone gives the same bytes."""
    ctx = built["ctx"]
    pages_only = tmp_path / "cache"
    shutil.copytree(ctx.cache / "pages", pages_only / "pages")
    again = context(tmp_path / "_build", ctx.source, cache=pages_only)
    report = build_audio(JA, again)
    assert (report.synthesised, report.reused) == (0, built["first"].sentences)
    for name in ("index.mp3", "index.json"):
        assert (again.staging / FOLDER / "ja" / name).read_bytes() == \
            (ctx.staging / FOLDER / "ja" / name).read_bytes()


def test_one_edited_sentence_is_synthesised_again(built: dict, tmp_path: Path) -> None:
    ctx = built["ctx"]
    before = (ctx.staging / FOLDER / "ja" / "index.mp3").read_bytes()
    source = make_source(tmp_path / "docs", (ctx.source / "index.md").read_text(encoding="utf-8")
                         .replace("除雪を支援します。", "除雪を手伝います。"))
    edited = context(tmp_path / "_build", source, cache=ctx.cache)
    report = build_audio(JA, edited)
    assert (report.synthesised, report.reused) == (1, built["first"].sentences - 1)
    assert (edited.staging / FOLDER / "ja" / "index.mp3").read_bytes() != before


def test_the_same_page_gives_the_same_bytes_from_a_cold_cache(built: dict, tmp_path: Path
                                                               ) -> None:
    ctx = built["ctx"]
    cold = context(tmp_path / "_build", ctx.source)
    files = build(JA, cold)
    assert sorted(p.name for p in files) == ["index.json", "index.mp3"]
    for name in ("index.mp3", "index.json"):
        assert (cold.staging / FOLDER / "ja" / name).read_bytes() == \
            (ctx.staging / FOLDER / "ja" / name).read_bytes(), name


def test_the_voice_and_its_licence_come_with_the_synthesiser() -> None:
    assert voice_file().is_file()
    licence = licence_file().read_text(encoding="utf-8")
    assert "Creative Commons Attribution 3.0" in licence
    assert "Nagoya Institute of Technology" in licence


def test_a_missing_encoder_is_a_setup_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(SetupError, match="lame"):
        lame()


def test_a_broken_script_names_its_file(tmp_path: Path) -> None:
    bad = tmp_path / "page.json"
    bad.write_text('{"page": "x"}', encoding="utf-8")
    with pytest.raises(BuildError, match="page.json"):
        _load(bad)

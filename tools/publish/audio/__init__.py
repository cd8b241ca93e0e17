"""The audio edition (音声版): each page read aloud, as MP3 with per-sentence timings.

Stage ``audio`` of the build (PIPELINE.md): :func:`build` runs Sphinx's ``speech`` builder
(``tools.sphinxext.speech``) for the edition, which writes each page's sentences in
reading order with the ids of their ``<span>`` in the HTML; every sentence is spoken with
the project's readings (:mod:`.spoken`), synthesised or taken from the cache
(:mod:`.synth`), joined with pauses and encoded (:mod:`.encode`; a page whose samples did
not change reuses its MP3 from the cache). It writes, under
``<staging>/audio/<edition>/``, per page ``<page>.mp3`` and ``<page>.json``::

    {"page": "overview", "audio": "overview.mp3", "duration": 612.4,
     "sentences": [{"id": "s-12", "block": 3, "begin": 0.0, "end": 2.31,
                    "text": "…", "kana": "…"}]}

``begin``/``end`` come from the synthesis itself (each sentence's sample count);
``block`` numbers the paragraphs in reading order (the player's previous/next paragraph).
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from tools.errors import BuildError
from tools.publish.audio.encode import LAME_OPTIONS, copy_atomic, encode_mp3_cached, lame
from tools.publish.audio.spoken import spoken_text
from tools.publish.audio.synth import RATE, SETTINGS, SpeechCache, voice_id

if TYPE_CHECKING:
    from tools.editions import Edition

FOLDER = "audio"  # under the staging folder: audio/<edition>/


class Context(Protocol):
    """What this stage uses of the pipeline's BuildContext (tools/publish/context.py)."""

    build_root: Path
    staging: Path
    cache: Path

    def sphinx(self, edition: Edition, builder: str, outdir: Path,
               extra: tuple[str, ...] = ()) -> Path: ...


@dataclass
class Report:
    """What one run produced and what it cost."""

    files: list[Path] = field(default_factory=list)
    sentences: int = 0
    synthesised: int = 0
    reused: int = 0
    audio_seconds: float = 0.0
    synthesis_seconds: float = 0.0  # wall time in the synthesiser
    synthesis_cpu_seconds: float = 0.0
    synthesised_audio_seconds: float = 0.0  # speech made by the synthesiser in this run
    seconds: float = 0.0  # wall time of the whole stage, Sphinx included
    cpu_seconds: float = 0.0  # CPU time of this process for the whole stage

    @property
    def bytes(self) -> int:
        return sum(p.stat().st_size for p in self.files if p.suffix == ".mp3")

    def summary(self, edition: str) -> str:
        def speed(seconds: float, audio: float | None = None) -> str:
            audio = self.audio_seconds if audio is None else audio
            return f"{audio / seconds:.1f}×" if seconds else "-"

        synth = self.synthesised_audio_seconds
        return (f"audio {edition}: {len(self.files) // 2} pages, {self.sentences} sentences "
                f"({self.synthesised} synthesised, {self.reused} from the cache), "
                f"{self.audio_seconds / 60:.1f} min of speech, {self.bytes / 1e6:.2f} MB MP3; "
                f"stage {self.seconds:.1f} s wall / {self.cpu_seconds:.1f} s CPU "
                f"({speed(self.seconds)} / {speed(self.cpu_seconds)} real time); "
                f"synthesiser {self.synthesis_seconds:.1f} s wall / "
                f"{self.synthesis_cpu_seconds:.1f} s CPU for {synth:.0f} s of speech "
                f"({speed(self.synthesis_seconds, synth)} / "
                f"{speed(self.synthesis_cpu_seconds, synth)} real time)")


def build(edition: Edition, ctx: Context, pages: set[str] | None = None) -> list[Path]:
    """Write the audio edition of *edition* under ctx.staging/audio/<edition> (only *pages*
    when given); return the files."""
    report = build_audio(edition, ctx, pages)
    print(report.summary(edition.name), flush=True)
    return report.files


def build_audio(edition: Edition, ctx: Context, pages: set[str] | None = None) -> Report:
    """:func:`build` with its measurements; *pages* limits it to those docnames."""
    started, cpu = time.perf_counter(), time.process_time()
    lame()  # a missing encoder stops the stage before any work
    scripts = ctx.sphinx(edition, "speech", ctx.build_root / "speech" / edition.name)
    target = ctx.staging / FOLDER / edition.name
    cache = SpeechCache(ctx.cache)
    report = Report()
    for path in sorted(scripts.rglob("*.json")):
        script = _load(path)
        if pages is not None and script["page"] not in pages:
            continue
        report.files.extend(speak_page(script, target, cache, report))
    report.synthesised, report.reused = cache.synthesised, cache.reused
    report.synthesis_seconds = cache.synthesis_seconds
    report.synthesis_cpu_seconds = cache.synthesis_cpu_seconds
    report.synthesised_audio_seconds = cache.synthesised_audio_seconds
    report.seconds = time.perf_counter() - started
    report.cpu_seconds = time.process_time() - cpu  # Sphinx runs in a child: not counted
    return report


def _load(path: Path) -> dict[str, Any]:
    try:
        script = json.loads(path.read_text(encoding="utf-8"))
        _ = script["page"], script["sentences"]
    except (OSError, ValueError, KeyError) as exc:
        raise BuildError(f"{path}: not a reading script of the speech builder ({exc})") from exc
    return script


def speak_page(script: dict[str, Any], folder: Path, cache: SpeechCache,
               report: Report) -> list[Path]:
    """Synthesise one page's script; write <page>.mp3 and <page>.json under *folder*.

    A page whose sentences, readings and pauses are as before is copied from the cache
    whole, without reading its sentences' samples (a rebuild reads 25 MB, not 600 MB).
    """
    page = script["page"]
    spoken = [spoken_text([(text, reading) for text, reading in sentence["pieces"]])
              for sentence in script["sentences"]]
    stored = _page_cache(cache, script, spoken)
    if stored.with_suffix(".json").is_file() and stored.with_suffix(".mp3").is_file():
        return _reuse_page(stored, folder, page, cache, report)
    chunks: list[np.ndarray] = []
    timings: list[dict[str, Any]] = []
    offset = 0
    for number, sentence in enumerate(script["sentences"]):
        speech = cache.speak(spoken[number])
        chunks.append(speech.samples)
        timings.append({"id": sentence["id"], "block": sentence["block"],
                        "begin": round(offset / RATE, 3),
                        "end": round((offset + len(speech.samples)) / RATE, 3),
                        "text": sentence["text"], "kana": speech.kana})
        offset += len(speech.samples)
        if number < len(script["sentences"]) - 1:
            pause = np.zeros(round(sentence["pause"] * RATE), dtype=np.int16)
            chunks.append(pause)
            offset += len(pause)
    if not timings:
        return []
    samples = np.concatenate(chunks)
    mp3 = encode_mp3_cached(samples, RATE, folder / f"{page}.mp3", cache.root)
    data = {"page": page, "audio": mp3.name, "duration": round(len(samples) / RATE, 3),
            "sentences": timings}
    timing_file = folder / f"{page}.json"
    timing_file.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n",
                           encoding="utf-8")
    for made in (mp3, timing_file):
        copy_atomic(made, stored.with_suffix(made.suffix))
    report.sentences += len(timings)
    report.audio_seconds += len(samples) / RATE
    return [mp3, timing_file]


def _page_cache(cache: SpeechCache, script: dict[str, Any], spoken: list[str]) -> Path:
    """Where a page's MP3 and timings are kept: keyed by all that makes them (no suffix)."""
    payload = json.dumps({"page": script["page"], "voice": voice_id(), "settings": SETTINGS,
                          "rate": RATE, "lame": LAME_OPTIONS,
                          "sentences": [[s["id"], s["block"], s["text"], s["pause"], said]
                                        for s, said in zip(script["sentences"], spoken,
                                                           strict=True)]},
                         ensure_ascii=False, sort_keys=True)
    key = hashlib.sha256(payload.encode("utf-8")).hexdigest()
    return cache.root / "pages" / key[:2] / key


def _reuse_page(stored: Path, folder: Path, page: str, cache: SpeechCache,
                report: Report) -> list[Path]:
    files = [copy_atomic(stored.with_suffix(suffix), folder / f"{page}{suffix}")
             for suffix in (".mp3", ".json")]
    data = json.loads(files[1].read_text(encoding="utf-8"))
    cache.reused += len(data["sentences"])
    report.sentences += len(data["sentences"])
    report.audio_seconds += data["duration"]
    return files

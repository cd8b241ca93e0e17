"""Speech for one sentence with pyopenjtalk-plus, cached by content hash.

The wheel carries Open JTalk's dictionary and the HTS voice "Mei" (``VOICE``), so nothing
is downloaded. A sentence's audio is stored under ``<cache>/speech/`` named by the
SHA-256 of everything that decides it: the synthesiser's input (text with the forced
readings), the voice file, the pyopenjtalk-plus version and the settings. A rebuild
after an edit synthesises only the sentences whose input changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import numpy as np

from tools.publish.audio.spoken import frontend, jtalk

RATE = 48000  # what the Mei voice is sampled at
SETTINGS = {"speed": 1.0, "half_tone": 0.0}
VOICE_NAME = "mei_normal"


def voice_file() -> Path:
    return Path(jtalk().__file__).parent / "htsvoice" / f"{VOICE_NAME}.htsvoice"


def licence_file() -> Path:
    return voice_file().with_name(f"LICENSE_{VOICE_NAME}.htsvoice")


@lru_cache(maxsize=1)
def voice_id() -> str:
    """What identifies the voice: its file's hash and the synthesiser's version."""
    digest = hashlib.sha256(voice_file().read_bytes()).hexdigest()
    return f"{VOICE_NAME}:{digest[:16]}:pyopenjtalk-plus {version('pyopenjtalk-plus')}"


@dataclass(frozen=True)
class Speech:
    samples: np.ndarray  # int16, mono, RATE
    kana: str  # what the synthesiser was told to say
    cached: bool

    @property
    def seconds(self) -> float:
        return len(self.samples) / RATE


class SpeechCache:
    """Synthesised sentences on disk, keyed by content; counts what it had to synthesise."""

    def __init__(self, folder: Path) -> None:
        self.root = folder
        self.folder = folder / "speech"
        self.synthesised = 0
        self.reused = 0
        self.synthesis_seconds = 0.0  # wall time spent synthesising
        self.synthesis_cpu_seconds = 0.0  # the same in CPU time (a shared machine's wall
        # clock also counts other people's work)
        self.synthesised_audio_seconds = 0.0

    def key(self, text: str) -> str:
        payload = json.dumps({"text": text, "voice": voice_id(), "settings": SETTINGS},
                             ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def speak(self, text: str) -> Speech:
        key = self.key(text)
        audio = self.folder / key[:2] / f"{key}.pcm"
        kana_file = audio.with_suffix(".txt")
        if audio.is_file() and kana_file.is_file():
            self.reused += 1
            samples = np.frombuffer(audio.read_bytes(), dtype="<i2").astype(np.int16)
            return Speech(samples, kana_file.read_text(encoding="utf-8"), cached=True)
        started, cpu = time.perf_counter(), time.process_time()
        samples, kana = synthesise(text)
        self.synthesis_seconds += time.perf_counter() - started
        self.synthesis_cpu_seconds += time.process_time() - cpu
        self.synthesised_audio_seconds += len(samples) / RATE
        self.synthesised += 1
        audio.parent.mkdir(parents=True, exist_ok=True)
        _write_atomic(audio, samples.astype("<i2").tobytes())
        _write_atomic(kana_file, kana.encode("utf-8"))
        return Speech(samples, kana, cached=False)


def synthesise(text: str) -> tuple[np.ndarray, str]:
    """Samples (int16 at RATE) and kana of *text*, from the labels :func:`frontend` makes."""
    front = frontend(text)
    if not front.labels:
        return np.zeros(0, dtype=np.int16), front.kana
    wave, rate = jtalk().synthesize(list(front.labels), **SETTINGS)
    if rate != RATE:
        raise RuntimeError(f"{voice_file()}: sampled at {rate} Hz, expected {RATE}")
    return np.clip(np.rint(wave), -32768, 32767).astype(np.int16), front.kana


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)

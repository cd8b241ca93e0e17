"""Real speech for tests: pyopenjtalk synthesis, encoded to MP3 by Debian's lame, with the
per-page timings JSON the audio stage writes (PIPELINE.md), until that stage is merged."""

from __future__ import annotations

import json
import shutil
import subprocess
import wave
from pathlib import Path

import pytest

PAUSE = 0.4  # seconds of silence after each sentence


def synthesise(folder: Path, pages: dict[str, list[tuple[str, str]]]) -> None:
    """Speak each page's sentences (id, text) into <page>.mp3 and <page>.json in *folder*."""
    import numpy as np
    import pyopenjtalk

    if not shutil.which("lame"):
        pytest.fail("lame is missing: python -m tools.publish.sysdeps audio")
    folder.mkdir(parents=True, exist_ok=True)
    for page, sentences in pages.items():
        pieces, clips, seconds, rate = [], [], 0.0, 48000
        for sentence_id, text in sentences:
            samples, rate = pyopenjtalk.tts(text)
            begin, seconds = seconds, seconds + len(samples) / rate
            clips.append({"id": sentence_id, "begin": round(begin, 3), "end": round(seconds, 3),
                          "text": text, "kana": pyopenjtalk.g2p(text, kana=True)})
            pause = np.zeros(int(rate * PAUSE))
            pieces += [samples, pause]
            seconds += len(pause) / rate
        wav = folder / f"{page}.wav"
        with wave.open(str(wav), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(rate)
            out.writeframes(np.clip(np.concatenate(pieces), -32768, 32767).astype("<i2").tobytes())
        subprocess.run(["lame", "--quiet", "-b", "64", str(wav), str(folder / f"{page}.mp3")],
                       check=True)
        wav.unlink()
        (folder / f"{page}.json").write_text(json.dumps(
            {"page": page, "audio": f"{page}.mp3", "duration": round(seconds, 3),
             "sentences": clips}, ensure_ascii=False), encoding="utf-8")

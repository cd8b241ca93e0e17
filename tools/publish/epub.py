"""The EPUB 3 of each edition: Sphinx's epub builder, then a finished, reproducible book.

``build(edition, ctx)`` (the pipeline's format stage) runs Sphinx's epub builder with
``-t download`` (no pages about the website) into ``<build root>/epub/<edition>/``,
finishes the package (:mod:`tools.publish.epub_package`: accessibility metadata, media
overlays when the audio stage left timings in ``STAGING/audio/<edition>/``) and writes
``STAGING/epub/<file>.epub``. ``python -m tools.publish.epub [EDITION ...]`` does the same
on its own, into ``_build/site/epub/`` (``--check`` runs EPUBCheck and Ace on the result).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

from tools.diagnostics import command
from tools.editions import EDITIONS, Edition
from tools.outputs import FORMATS, PDFS, format_size, spec_for
from tools.publish import media_overlays
from tools.publish.context import local_context
from tools.publish.epub_package import Accessibility, finish, write_epub

FOLDER = FORMATS["epub"].folder

# schema:accessibilitySummary per edition: what the book offers, in the edition's Japanese.
ACCESSIBILITY = {
    False: Accessibility(
        ruby=False,
        summary=(
            "この電子書籍は、旭川市地域福祉計画・地域福祉活動計画 骨子（案）の標準版です。"
            "見出しと目次で移動でき、図には代替テキストと本文での説明があり、表には見出しセルがあります。"
            "読み上げの順序は本文の順序と同じです。"
            "WCAG 2.2 レベルAAを目標とし、EPUBCheck と Ace by DAISY で検査しています。"
        ),
        audio_summary="各ページの文章には合成音声が付いており、対応する読書アプリでは読み上げ中の文が強調されます。",
    ),
    True: Accessibility(
        ruby=True,
        summary=(
            "この でんし しょせきは、やさしい にほんごで かいた けいかくです。"
            "かんじには ふりがなが あります。みだしと もくじで ページを うごけます。"
            "ずには せつめいの ぶんが あります。ひょうには みだしが あります。"
            "EPUBCheck と Ace by DAISY で しらべて います。"
        ),
        audio_summary="ぶんを よみあげる おとが あります。よんで いる ぶんに いろが つきます。",
    ),
}


def build(edition: Edition, ctx) -> list[Path]:
    """Write the EPUB of *edition* under ctx.staging/epub/; return the file."""
    spec = spec_for("epub", edition.name)
    easy = "easy" in edition.tags
    outdir = ctx.build_root / "epub" / edition.name
    shutil.rmtree(outdir, ignore_errors=True)  # the book lists every file in this folder
    ctx.sphinx(edition, "epub", outdir, extra=("-t", "download"))
    audio = media_overlays.read_timings(ctx.staging / "audio" / edition.name)
    contents_title = next(pdf.contents_title for pdf in PDFS if pdf.edition == edition.name)
    book = finish(outdir, ACCESSIBILITY[easy], contents_title, audio)
    return [write_epub(book, ctx.staging / FOLDER / spec.filename)]


@command
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.publish.epub", description=__doc__)
    parser.add_argument("editions", nargs="*", metavar="EDITION",
                        help=f"editions (default: all of {', '.join(EDITIONS)})")
    parser.add_argument("--build-root", type=Path, help="build folder (default: _build)")
    parser.add_argument("--staging", type=Path,
                        help="site folder to write into (default: BUILD_ROOT/site)")
    parser.add_argument("--check", action="store_true",
                        help="run EPUBCheck and Ace by DAISY on the books")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.editions) - set(EDITIONS))
    if unknown:
        parser.error(f"unknown edition {', '.join(unknown)}; choose from {', '.join(EDITIONS)}")
    ctx = local_context(args.build_root, args.staging)
    books = []
    for name in args.editions or list(EDITIONS):
        start = time.monotonic()
        (book,) = build(EDITIONS[name], ctx)
        books.append(book)
        print(f"wrote {book} ({format_size(book.stat().st_size)}, "
              f"{time.monotonic() - start:.1f} s)")
    if args.check:
        from tools.checks.epub import main as check_main

        return check_main([str(book) for book in books])
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""furigana-suggest: propose ruby for every kanji word of a text, a MyST page or a catalog.

``echo 見守り | furigana-suggest -`` prints ``｜見守《みまも》り`` (input is read as MyST, so
inline code and link targets stay as they are). For files, prints a unified
diff, or with ``--write`` updates them in place. Existing ruby is kept; code, URLs, link
targets, directive names/options and image alt text are never touched; in a ``.po``
catalog only msgstr changes (the rest of the file stays byte for byte).
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Sequence
from pathlib import Path

import polib

from tools.diagnostics import InputError, command, display_path, iter_files
from tools.furigana import notation, reading
from tools.textsources import Span, catalog_entries, load_catalog, msgstr_spans, scan_myst

SUFFIXES = (".md", ".po", ".txt")


def annotate(text: str, glossary: dict[str, tuple[str, ...]] | None = None) -> str:
    """*text* (plain, no notation) with ruby added to each kanji word."""
    out: list[str] = []
    pos = 0
    for word in reading.word_readings(text, glossary):
        if word.reading is None or word.start < pos:
            continue
        out.append(text[pos : word.start])
        if not notation.KANJI.match(word.surface[0]):  # 20日: the number is under the ruby
            out.append(notation.ruby(word.surface, word.reading))
            pos = word.start + len(word.surface)
            continue
        for part, part_reading in reading.align(word.surface, word.reading):
            out.append(notation.ruby(part, part_reading) if part_reading else part)
        pos = word.start + len(word.surface)
    out.append(text[pos:])
    return "".join(out)


def suggest(text: str, glossary: dict[str, tuple[str, ...]] | None = None) -> str:
    """*text* with ruby added wherever a kanji word has none; existing notation is kept."""
    if not notation.KANJI.search(text):
        return text
    segments, _ = notation.parse(text)
    out: list[str] = []
    for segment in segments:
        if isinstance(segment, notation.Text) and segment.raw == segment.text:
            out.append(annotate(segment.text, glossary))
        else:
            out.append(segment.raw)
    return "".join(out)


def _apply(spans: list[Span], lines: list[str]) -> None:
    """Rewrite each text span of *lines* in place (right to left, so columns stay valid)."""
    for span in sorted(spans, key=lambda s: (s.line, s.col), reverse=True):
        if span.kind != "text":
            continue
        line = lines[span.line - 1]
        end = span.col + len(span.text)
        assert line[span.col : end] == span.text, (span, line)
        lines[span.line - 1] = line[: span.col] + suggest(span.text) + line[end:]


def suggest_myst(source: str) -> str:
    lines = source.split("\n")
    _apply(scan_myst(source).spans, lines)
    return "\n".join(lines)


def _po_string(keyword: str, text: str) -> list[str]:
    """*keyword* and *text* in the layout Babel writes (multi-line strings split after \\n)."""
    if "\n" not in text.rstrip("\n"):
        return [f'{keyword} "{polib.escape(text)}"']
    parts = text.splitlines(keepends=True)
    return [f'{keyword} ""', *(f'"{polib.escape(part)}"' for part in parts)]


def suggest_catalog(path: Path, source: str) -> str:
    """The catalog with ruby added to msgstr of text entries; other lines unchanged."""
    lines = source.split("\n")
    catalog = load_catalog(path)
    edits: list[tuple[int, str]] = []
    for item in catalog_entries(path, catalog):
        if item.kind != "text" or not item.entry.msgstr:
            continue
        text = item.entry.msgstr
        for span in sorted(msgstr_spans(item), key=lambda s: s.col, reverse=True):
            end = span.col + len(span.text)
            text = text[: span.col] + suggest(span.text) + text[end:]
        if text != item.entry.msgstr:
            edits.append((item.msgstr_line, text))
    for line_number, text in sorted(edits, reverse=True):
        start = line_number - 1
        end = start + 1
        while end < len(lines) and lines[end].startswith('"'):
            end += 1
        lines[start:end] = _po_string("msgstr", text)
    return "\n".join(lines)


def suggest_file(path: Path) -> tuple[str, str]:
    """(old, new) text of *path*."""
    try:
        old = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from exc
    if path.suffix == ".po":
        return old, suggest_catalog(path, old)
    return old, suggest_myst(old)  # plain text is MyST without markup


@command
def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="furigana-suggest", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="text, .md or .po files or folders; - reads standard input")
    parser.add_argument("--write", action="store_true", help="update the files in place")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.paths == ["-"]:
        sys.stdout.write(suggest_myst(sys.stdin.read()))
        return 0
    try:
        for path in iter_files([Path(p) for p in args.paths], SUFFIXES):
            old, new = suggest_file(path)
            if old == new:
                continue
            if args.write:
                path.write_text(new, encoding="utf-8")
                print(f"updated {display_path(path)}", file=sys.stderr)
            else:
                name = display_path(path)
                sys.stdout.writelines(difflib.unified_diff(
                    old.splitlines(keepends=True), new.splitlines(keepends=True),
                    f"a/{name}", f"b/{name}"))
    except InputError as exc:
        print(f"furigana-suggest: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""furigana-lint: check ruby notation, readings and coverage in MyST pages, catalogs and HTML.

Codes:
  FUR001 ｜ without a following 《reading》      FUR002 unbalanced 《 》
  FUR003 ruby without a base                   FUR004 empty reading
  FUR005 reading not hiragana/katakana
  FUR006 ruby notation in alt text or a UI string (plain text: it would be read out raw)
  FUR101 reading not given by the dictionary or the glossary for that base
  FUR201 kanji without ruby (with --all-kanji; on by default for catalogs under locale/easy/;
         in HTML, the text inside <article>)
  FUR301 notation left unrendered in HTML      FUR302 <rt> without <rp> in HTML

Catalogs: msgstr only; positions are the msgstr line, columns count msgstr characters.
Entries whose ``#:`` source is not a MyST/reST page (template UI strings) get FUR006 only.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path

from tools.diagnostics import Diagnostic, InputError, command, display_path, line_col, run
from tools.furigana import notation, reading
from tools.textsources import Span, catalog_entries, msgstr_spans, scan_myst_file

SUFFIXES = (".md", ".po", ".html")
NUMBER_BEFORE = re.compile(r"[0-9０-９]+$")
NOTATION_IN_PLAIN = "FUR006"
IMPLAUSIBLE = "FUR101"
NOT_COVERED = "FUR201"
UNRENDERED = "FUR301"
RT_WITHOUT_RP = "FUR302"


def _leading_kana(text: str) -> str:
    match = notation.KANA_READING.match(text)
    return match.group() if match else ""


def check_reading_groups(rubies: list[tuple[notation.Ruby, str]]
                         ) -> list[notation.Ruby]:
    """Rubies (with the okurigana after each) whose reading is implausible.

    Neighbouring per-kanji ruby (｜大《お》｜人《とな》) are merged into one word before
    a failure is reported, since per-kanji splits of special readings cannot be checked.
    """
    bad: list[notation.Ruby] = []
    group: list[tuple[notation.Ruby, str]] = []

    def close() -> None:
        failing = [r for r, okuri in group if not reading.is_plausible(r.base, r.reading, okuri)]
        if failing and len(group) > 1:
            base = "".join(r.base for r, _ in group)
            joined = "".join(r.reading for r, _ in group)
            if reading.is_plausible(base, joined, group[-1][1]):
                failing = []
        bad.extend(failing)
        group.clear()

    for ruby, okurigana in rubies:
        if group and group[-1][0].end != ruby.start:
            close()
        group.append((ruby, okurigana))
    if group:
        close()
    return bad


def check_text(text: str, *, all_kanji: bool) -> list[tuple[int, str, str]]:
    """Findings in one piece of reader text: (offset, code, message)."""
    segments, errors = notation.parse(text)
    found = [(e.offset, e.code, e.message) for e in errors]
    rubies = []
    for index, segment in enumerate(segments):
        if isinstance(segment, notation.Ruby):
            following = segments[index + 1] if index + 1 < len(segments) else None
            okurigana = _leading_kana(following.text) if isinstance(following, notation.Text) \
                else ""
            rubies.append((segment, okurigana))
    for ruby in check_reading_groups(rubies):
        known = sorted(reading.dictionary_readings(ruby.base)
                       | set(reading.load_glossary().get(ruby.base, ())))
        hint = f" (dictionary: {'/'.join(known)})" if known else ""
        number = NUMBER_BEFORE.search(text[: ruby.start])
        if number and not ruby.explicit and reading.is_plausible(
                number.group() + ruby.base, ruby.reading):
            found.append((number.start(), IMPLAUSIBLE,
                          (f"the reading {ruby.reading!r} covers the number before "
                           f"{ruby.base!r}: write ｜{number.group()}{ruby.base}《{ruby.reading}》")))
            continue
        found.append((ruby.start, IMPLAUSIBLE,
                      (f"reading {ruby.reading!r} is not a known reading of {ruby.base!r}{hint}; "
                       "if it is right, add it to the glossary")))
    if all_kanji:
        error_at = {e.offset for e in errors}
        for segment in segments:
            if isinstance(segment, notation.Text) and segment.raw == segment.text:
                for run_ in notation.KANJI_RUN.finditer(segment.text):
                    at = segment.start + run_.start()
                    if not any(at <= e < segment.end for e in error_at):
                        found.append((at, NOT_COVERED, f"kanji without ruby: {run_.group()!r}"))
    return sorted(found)


def check_spans(path: Path, spans: list[Span], *, all_kanji: bool) -> list[Diagnostic]:
    name = display_path(path)
    out = []
    for span in spans:
        if span.kind in ("alt", "other"):
            segments, _ = notation.parse(span.text)
            if any(isinstance(s, notation.Ruby) for s in segments):
                where = "alt text" if span.kind == "alt" else "a string without a MyST source"
                out.append(Diagnostic(name, span.line, span.col + 1, NOTATION_IN_PLAIN,
                                      f"ruby notation in {where}: it is plain text, "
                                      "so the notation would be shown and read out as is"))
            continue
        for offset, code, message in check_text(span.text, all_kanji=all_kanji):
            line, col = line_col(span.text, offset, span.line, span.col + 1)
            out.append(Diagnostic(name, line, col, code, message))
    return out


def default_all_kanji(path: Path) -> bool:
    """Coverage is required for the easy edition's catalogs (locale/easy/...)."""
    parts = path.resolve().parts
    return any(a == "locale" and b == "easy" for a, b in itertools.pairwise(parts))


class _HtmlChecker(HTMLParser):
    SKIP = frozenset({"script", "style", "code", "pre", "textarea", "kbd", "samp"})

    def __init__(self, name: str, all_kanji: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.name = name
        self.all_kanji = all_kanji
        self.article = 0  # coverage is checked in the page content only, not the theme
        self.found: list[Diagnostic] = []
        self.skip = 0
        self.ruby: dict | None = None
        self.where = ""  # inside ruby: "base", "rt" or "rp"
        self.pending: dict | None = None  # a closed ruby waiting for its okurigana
        self.last_data = ""  # text before a ruby (a number the reading may cover)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._resolve("")
        if tag == "article" or self.article:
            self.article += 1
        if tag in self.SKIP:
            self.skip += 1
        elif tag == "ruby":
            number = NUMBER_BEFORE.search(self.last_data)
            self.ruby = {"pos": self.getpos(), "base": "", "rt": "", "rp": False, "has_rt": False,
                         "number": number.group() if number else ""}
            self.where = "base"
        elif self.ruby is not None and tag in ("rt", "rp"):
            self.where = tag
            self.ruby["has_rt" if tag == "rt" else "rp"] = True

    def handle_endtag(self, tag: str) -> None:
        if self.article:
            self.article -= 1
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        elif tag in ("rt", "rp") and self.ruby is not None:
            self.where = "base"
        elif tag == "ruby" and self.ruby is not None:
            ruby, self.ruby = self.ruby, None
            line, col = ruby["pos"]
            if ruby["has_rt"] and not ruby["rp"]:
                self.found.append(Diagnostic(self.name, line, col + 1, RT_WITHOUT_RP,
                                             "<rt> without <rp> fallback brackets"))
            if ruby["base"] and ruby["rt"]:
                self.pending = ruby

    def _resolve(self, following: str) -> None:
        ruby, self.pending = self.pending, None
        if ruby is None:
            return
        if not reading.is_plausible(ruby["base"], ruby["rt"], _leading_kana(following)):
            line, col = ruby["pos"]
            message = f"reading {ruby['rt']!r} is not a known reading of {ruby['base']!r}"
            if ruby["number"] and reading.is_plausible(ruby["number"] + ruby["base"], ruby["rt"]):
                message = (f"the reading {ruby['rt']!r} covers the number before "
                           f"{ruby['base']!r}: put {ruby['number']}{ruby['base']} under the ruby")
            self.found.append(Diagnostic(self.name, line, col + 1, IMPLAUSIBLE, message))

    def handle_data(self, data: str) -> None:
        if self.ruby is not None:
            if self.where in ("base", "rt"):
                self.ruby[self.where] += data
            return
        self._resolve(data)
        self.last_data = data
        if self.skip:
            return
        line, col = self.getpos()
        if self.all_kanji and self.article:
            for run_ in notation.KANJI_RUN.finditer(data):
                at_line, at_col = line_col(data, run_.start(), line, col + 1)
                self.found.append(Diagnostic(self.name, at_line, at_col, NOT_COVERED,
                                             f"kanji without ruby: {run_.group()!r}"))
        if not notation.has_notation(data):
            return
        segments, _ = notation.parse(data)
        for segment in segments:
            if isinstance(segment, notation.Ruby):
                at_line, at_col = line_col(data, segment.start, line, col + 1)
                self.found.append(Diagnostic(self.name, at_line, at_col, UNRENDERED,
                                             f"ruby notation left unrendered: {segment.raw}"))

    def close(self) -> None:
        super().close()
        self._resolve("")


def check_html(path: Path, all_kanji: bool = False) -> list[Diagnostic]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from exc
    checker = _HtmlChecker(display_path(path), all_kanji)
    checker.feed(text)
    checker.close()
    return checker.found


def check_file(path: Path, args: argparse.Namespace) -> list[Diagnostic]:
    all_kanji = args.all_kanji
    if path.suffix == ".html":
        return check_html(path, bool(all_kanji))
    if path.suffix == ".po":
        if all_kanji is None:
            all_kanji = default_all_kanji(path)
        spans = [s for item in catalog_entries(path) for s in msgstr_spans(item)]
        return check_spans(path, spans, all_kanji=all_kanji)
    if path.suffix == ".md":
        return check_spans(path, scan_myst_file(path).spans, all_kanji=bool(all_kanji))
    raise InputError(f"{path}: not a .md, .po or .html file")


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--all-kanji", action=argparse.BooleanOptionalAction, default=None,
                        help="require ruby on every kanji (default: on for locale/easy/ "
                        "catalogs, off otherwise)")


@command
def main(argv: Sequence[str] | None = None) -> int:
    return run("furigana-lint", __doc__.splitlines()[0], SUFFIXES, check_file, argv, _arguments)


if __name__ == "__main__":
    sys.exit(main())

"""Check a gettext catalog's syntax as strictly as ``msgfmt --check`` does.

polib and Babel (which Sphinx uses) read a catalog leniently: a msgstr line whose closing
quote was deleted is read as if it were there, and the stray text reaches the page.
This parser rejects what GNU msgfmt rejects, with the line and column. Codes:

- PO001 end-of-line within string (a closing quote is missing)
- PO002 invalid control sequence in a string (only ``\\n \\t \\r \\a \\b \\f \\v \\\\ \\"``,
  octal and ``\\x`` escapes exist)
- PO003 unknown keyword or text outside a string
- PO004 entry out of order: a missing ``msgstr`` / ``msgid_plural`` section, a string
  without a keyword, a keyword without a string
- PO005 duplicate message definition
- PO006 the header entry (``msgid ""``) is missing
- PO007 ``msgid`` and ``msgstr`` do not both begin / end with a newline
- PO008 not UTF-8

``python -m tools.po_syntax PATH...`` prints ``path:line:col: CODE message``;
exit 0 clean, 1 findings, 2 unreadable.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tools.diagnostics import Diagnostic, command, display_path, run
from tools.errors import InputError

KEYWORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\[[0-9]+\])?")
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v",
           "\\": "\\", '"': '"'}
OCTAL = re.compile(r"[0-7]{1,3}")
HEX = re.compile(r"[0-9A-Fa-f]+")
SECTIONS = ("msgctxt", "msgid", "msgid_plural", "msgstr")


@dataclass
class _Entry:
    """One message being read: its sections' texts and where each section started."""

    obsolete: bool
    sections: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    plural_forms: int = 0

    @property
    def translated(self) -> bool:
        return "msgstr" in self.sections or self.plural_forms > 0


class _Reader:
    """A line-by-line state machine over one catalog's text."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.found: list[Diagnostic] = []
        self.entries: list[_Entry] = []
        self.current: dict[bool, _Entry | None] = {False: None, True: None}
        # The section a string continues: (entry, section name), per stream.
        self.open: dict[bool, tuple[_Entry, str, int, int] | None] = {False: None, True: None}

    def error(self, line: int, col: int, code: str, message: str) -> None:
        self.found.append(Diagnostic(self.shown, line, col, code, message))

    # -- strings -------------------------------------------------------------------------
    def string(self, text: str, start: int, line: int) -> tuple[str | None, int]:
        """Read the C string starting at ``text[start] == '"'``; return (value, end)."""
        value: list[str] = []
        index = start + 1
        while index < len(text):
            char = text[index]
            if char == '"':
                return "".join(value), index + 1
            if char == "\\":
                following = text[index + 1:index + 2]
                if following in ESCAPES:
                    value.append(ESCAPES[following])
                    index += 2
                    continue
                if match := OCTAL.match(text, index + 1):
                    value.append(chr(int(match.group(), 8)))
                    index = match.end()
                    continue
                if following == "x" and (match := HEX.match(text, index + 2)):
                    value.append(chr(int(match.group(), 16) & 0x10FFFF))
                    index = match.end()
                    continue
                self.error(line, index + 1, "PO002",
                           f"invalid control sequence {text[index:index + 2]!r} in a string")
                return None, len(text)
            value.append(char)
            index += 1
        self.error(line, len(text) + 1, "PO001",
                   "end-of-line within string: the closing quote is missing")
        return None, len(text)

    # -- entries -------------------------------------------------------------------------
    def finish(self, obsolete: bool) -> None:
        entry = self.current[obsolete]
        if entry is None:
            return
        if "msgid" not in entry.sections:
            line = min(entry.lines.values(), default=0)
            self.error(line, 1, "PO004", "msgctxt without a msgid")
        elif not entry.translated:
            section = "msgstr[0]" if "msgid_plural" in entry.sections else "msgstr"
            self.error(entry.lines["msgid"], 1, "PO004", f"missing '{section}' section")
        else:
            self.entries.append(entry)
        self.current[obsolete] = None
        self.open[obsolete] = None

    def keyword(self, name: str, line: int, col: int, obsolete: bool) -> bool:
        """Start a section; False (after reporting) when it is out of order."""
        base, _, index = name.partition("[")
        if base not in SECTIONS or (index and base != "msgstr"):
            self.error(line, col, "PO003", f'keyword "{name}" unknown')
            return False
        entry = self.current[obsolete]
        if base in ("msgctxt", "msgid"):
            if entry is not None and (entry.translated or base in entry.sections
                                      or (base == "msgctxt" and "msgid" in entry.sections)):
                self.finish(obsolete)
                entry = None
            if entry is None:
                entry = self.current[obsolete] = _Entry(obsolete)
            entry.lines[base] = line
            self.open[obsolete] = (entry, base, line, col)
            return True
        if entry is None or "msgid" not in entry.sections:
            self.error(line, col, "PO004", f"'{name}' without a msgid before it")
            return False
        if base == "msgid_plural":
            if "msgid_plural" in entry.sections or entry.translated:
                self.error(line, col, "PO004", "'msgid_plural' out of place")
                return False
        elif index:
            number = int(index.rstrip("]"))
            if "msgid_plural" not in entry.sections:
                self.error(entry.lines["msgid"], 1, "PO004", "missing 'msgid_plural' section")
                return False
            if number != entry.plural_forms:
                self.error(line, col, "PO004", f"'{name}' out of order")
                return False
            entry.plural_forms += 1
            name = f"msgstr[{number}]"
        else:
            if "msgid_plural" in entry.sections:
                self.error(line, col, "PO004", "'msgstr' after 'msgid_plural' needs an index")
                return False
            if "msgstr" in entry.sections:
                self.error(line, col, "PO004", "a second 'msgstr'")
                return False
        entry.lines[name] = line
        self.open[obsolete] = (entry, name, line, col)
        return True

    def line(self, text: str, number: int, obsolete: bool) -> None:
        """Read the tokens of one (non-comment) line."""
        index = 0
        while index < len(text):
            char = text[index]
            if char in " \t\r\f\v":
                index += 1
                continue
            if char == '"':
                value, index = self.string(text, index, number)
                target = self.open[obsolete]
                if target is None:
                    self.error(number, 1, "PO004", "a string without a keyword before it")
                    return
                entry, name = target[0], target[1]
                if value is None:
                    entry.sections.setdefault(name, "")  # reported once, as the string's error
                    return
                entry.sections[name] = entry.sections.get(name, "") + value
                continue
            match = KEYWORD.match(text, index)
            if not match:
                self.error(number, index + 1, "PO003", f"syntax error at {text[index]!r}")
                return
            self.close_section(obsolete)
            if not self.keyword(match.group(), number, index + 1, obsolete):
                self.open[obsolete] = None
                return
            index = match.end()

    def close_section(self, obsolete: bool) -> None:
        """A new keyword follows: the open section must have had a string."""
        target = self.open[obsolete]
        if target is not None:
            entry, name, line, col = target
            if name not in entry.sections:
                self.error(line, col, "PO004", f"'{name}' without a string")
                entry.sections[name] = ""


def check_text(data: bytes, shown: str) -> list[Diagnostic]:
    """Every syntax error of a catalog's bytes."""
    reader = _Reader(shown)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return [Diagnostic(shown, line, col, "PO008",
                           f"not UTF-8 (byte 0x{data[exc.start]:02x}); save the catalog as UTF-8")]
    for number, raw in enumerate(text.removeprefix("\ufeff").split("\n"), start=1):
        stripped = raw.lstrip()
        obsolete = stripped.startswith("#~")
        if obsolete:
            stripped = "#" + stripped[2:] if stripped[2:3] == "|" else stripped[2:]
        if stripped.startswith("#|"):  # a previous msgid (of a fuzzy or obsolete entry)
            _check_previous(reader, stripped[2:], number)
            continue
        if stripped.startswith("#") and not obsolete:
            continue
        reader.line(stripped, number, obsolete)
    for obsolete in (False, True):
        reader.close_section(obsolete)
        reader.finish(obsolete)
    _check_entries(reader)
    return sorted(reader.found)


def _check_previous(reader: _Reader, text: str, number: int) -> None:
    """A ``#|`` line: a previous msgctxt / msgid / string; its strings must be well-formed."""
    text = text.strip()
    match = KEYWORD.match(text)
    if match:
        if match.group() not in ("msgctxt", "msgid", "msgid_plural"):
            reader.error(number, 3, "PO003", f'keyword "{match.group()}" unknown after #|')
            return
        text = text[match.end():].strip()
    if text.startswith('"'):
        value, end = reader.string(text, 0, number)
        if value is not None and text[end:].strip():
            reader.error(number, 1, "PO003", "text after the string")
    elif text:
        reader.error(number, 1, "PO003", "syntax error after #|")


def _check_entries(reader: _Reader) -> None:
    seen: dict[tuple[str | None, str], int] = {}
    has_header = False
    for entry in reader.entries:
        if entry.obsolete:
            continue
        msgid = entry.sections["msgid"]
        key = (entry.sections.get("msgctxt"), msgid)
        line = entry.lines["msgid"]
        if key in seen:
            reader.error(line, 1, "PO005", f"duplicate message definition (first at line "
                                           f"{seen[key]})")
            continue
        seen[key] = line
        if msgid == "" and key[0] is None:
            has_header = True
            continue
        for index, text in enumerate(_translations(entry)):
            if not text:
                continue
            for where, test in (("begin", str.startswith), ("end", str.endswith)):
                if test(msgid, "\n") != test(text, "\n"):
                    name = f"msgstr[{index}]" if entry.plural_forms else "msgstr"
                    reader.error(entry.lines.get(name, line), 1, "PO007",
                                 f"'msgid' and '{name}' do not both {where} with '\\n'")
    if reader.entries and not has_header:
        reader.error(1, 1, "PO006", "the header entry (msgid \"\") is missing")


def _translations(entry: _Entry) -> list[str]:
    if entry.plural_forms:
        return [entry.sections.get(f"msgstr[{n}]", "") for n in range(entry.plural_forms)]
    return [entry.sections.get("msgstr", "")]


def check_file(path: Path, args: object = None) -> list[Diagnostic]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc}") from exc
    return check_text(data, display_path(path))


@command
def main(argv: Sequence[str] | None = None) -> int:
    return run("python -m tools.po_syntax", __doc__.splitlines()[0], (".po", ".pot"),
               check_file, argv)


if __name__ == "__main__":
    sys.exit(main())

"""Reader text of MyST pages and gettext catalogs, with source positions, for the linters.

The linters and the furigana suggester must see exactly the text a reader reads, and
must never touch what has to stay literal: code, role and directive names, options,
URLs, link targets, HTML. Image alt text is returned separately (kind ``"alt"``): it is
plain text, where ruby notation is never rendered.

Lines are 1-based, columns 0-based offsets into the source line (str index).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import polib

from tools.diagnostics import InputError


@dataclass(frozen=True)
class Span:
    """A piece of reader text at (*line*, *col*) of the source; *kind* is "text" or "alt"."""

    line: int
    col: int
    text: str
    kind: str = "text"


@dataclass
class ImageRef:
    """An image or figure in a MyST page (for alt-lint)."""

    line: int
    col: int
    kind: str  # "figure", "image" or "markdown"
    src: str
    alt: str | None = None
    alt_line: int = 0
    alt_col: int = 0
    classes: list[str] = field(default_factory=list)
    caption: str | None = None


@dataclass
class MystText:
    spans: list[Span] = field(default_factory=list)
    images: list[ImageRef] = field(default_factory=list)


FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,}|:{3,})\s*(?:\{(?P<name>[^}\s]+)\})?"
                   r"\s*(?P<arg>.*)$")
OPTION = re.compile(r"^\s*:(?P<key>[\w-]+):(?:\s+(?P<value>.*?))?\s*$")
HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
LITERAL_LINE = re.compile(
    r"^\s*(?:%|\(.*\)=\s*$|\+\+\+|\[[^\]]+\]:\s|<!--|</?[A-Za-z][^>]*>\s*$|\|?\s*:?-{3,})")
# Directives whose body is code or names, not reader text.
LITERAL_DIRECTIVES = {
    "code", "code-block", "code-cell", "sourcecode", "literalinclude", "include", "math",
    "raw", "eval-rst", "toctree", "csv-table", "graphviz", "mermaid", "only", "ifconfig",
}
# Directives whose argument is a path, not a title.
PATH_ARGUMENT = {"figure", "image", "include", "literalinclude"}
IMAGE_DIRECTIVES = {"figure", "image"}

# Inline syntax that stays literal, and images/links whose parts differ.
INLINE = re.compile(
    r"(?P<code>(?P<ticks>`+).+?(?P=ticks))"
    r"|(?P<role>\{[\w:+.-]+\}(?P<rticks>`+).*?(?P=rticks))"
    r"|(?P<image>!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]*)(?:\s+\"[^\"]*\")?\)"
    r"(?P<attrs>\{[^}]*\})?)"
    r"|(?P<linktext>\[)(?=[^\]]*\]\()"
    r"|(?P<target>\]\([^)]*\)|\]\[[^\]]*\])"
    r"|(?P<autolink><(?:https?|mailto|ftp):[^>]*>)"
    r"|(?P<url>(?:https?|ftp)://[^\s<>）」』]+)"
    r"|(?P<html></?[A-Za-z][^>]*>)"
    r"|(?P<attr>\{[#.][^}]*\})"
    r"|(?P<subst>\{\{.*?\}\})"
    r"|(?P<footnote>\[\^[^\]]+\])"
)
CLASS_ATTR = re.compile(r"\.([\w-]+)|class=\"([^\"]*)\"")


def inline_spans(text: str, line: int, col: int, kind: str = "text") -> tuple[
        list[Span], list[ImageRef]]:
    """Split one line of inline MyST into reader-text spans (and markdown images)."""
    spans: list[Span] = []
    images: list[ImageRef] = []
    pos = 0
    for match in INLINE.finditer(text):
        if match.start() > pos:
            spans.append(Span(line, col + pos, text[pos : match.start()], kind))
        if match.group("image") is not None:
            alt_at = match.start("alt")
            attrs = match.group("attrs") or ""
            classes = [a or b for a, b in CLASS_ATTR.findall(attrs)]
            images.append(ImageRef(line, col + match.start(), "markdown", match.group("src"),
                                   match.group("alt"), line, col + alt_at,
                                   " ".join(classes).split()))
            if match.group("alt"):
                spans.append(Span(line, col + alt_at, match.group("alt"), "alt"))
        pos = match.end()
    if pos < len(text):
        spans.append(Span(line, col + pos, text[pos:], kind))
    return [s for s in spans if s.text.strip()], images


@dataclass
class _Block:
    fence: str
    name: str | None
    literal: bool
    image: ImageRef | None = None
    in_options: bool = True
    yaml_options: bool = False
    caption_lines: list[str] | None = None


def scan_myst(source: str) -> MystText:
    """Reader text and images of a MyST Markdown page."""
    result = MystText()
    lines = source.split("\n")
    stack: list[_Block] = []
    in_front_matter = bool(lines) and lines[0].strip() == "---"
    in_comment = False
    for number, raw in enumerate(lines, start=1):
        if in_front_matter:
            if number > 1 and raw.strip() == "---":
                in_front_matter = False
            continue
        if in_comment:
            in_comment = "-->" not in raw
            continue
        top = stack[-1] if stack else None
        fence = FENCE.match(raw)
        if fence and top and fence.group("fence")[0] == top.fence[0] \
                and len(fence.group("fence")) >= len(top.fence) \
                and not fence.group("name") and not fence.group("arg"):
            _close(stack.pop(), result)
            continue
        if top and top.literal:
            continue
        if fence:
            name = fence.group("name")
            # ``` without a directive is code; ::: without one is a plain container.
            literal = name in LITERAL_DIRECTIVES if name else fence.group("fence")[0] != ":"
            block = _Block(fence.group("fence"), name, literal)
            arg = fence.group("arg")
            if name in IMAGE_DIRECTIVES:
                block.image = ImageRef(number, len(fence.group("indent")), name, arg.strip())
                block.caption_lines = [] if name == "figure" else None
            elif name and not literal and arg and name not in PATH_ARGUMENT:
                spans, images = inline_spans(arg, number, fence.start("arg"))
                result.spans.extend(spans)
                result.images.extend(images)
            stack.append(block)
            continue
        if top and top.in_options:
            stripped = raw.strip()
            if stripped == "---" and not top.yaml_options:
                top.yaml_options = True
                continue
            if top.yaml_options:
                if stripped == "---":
                    top.yaml_options = False
                    top.in_options = False
                    continue
                key, _, value = stripped.partition(":")
                _option(top, key.strip(), value.strip().strip("\"'"), number,
                        raw.index(value.strip()) if value.strip() else len(raw), result)
                continue
            option = OPTION.match(raw)
            if option:
                value = option.group("value") or ""
                _option(top, option.group("key"), value, number,
                        option.start("value") if option.group("value") else len(raw), result)
                continue
            top.in_options = False
        if top and top.caption_lines is not None:
            if raw.strip():
                top.caption_lines.append(raw.strip())
            elif top.caption_lines:
                top.image.caption = "".join(top.caption_lines)
                top.caption_lines = None
        if raw.lstrip().startswith("<!--"):
            in_comment = "-->" not in raw
            continue
        if not raw.strip() or LITERAL_LINE.match(raw):
            continue
        heading = HEADING.match(raw)
        start = heading.end() if heading else 0
        spans, images = inline_spans(raw[start:], number, start)
        result.spans.extend(spans)
        result.images.extend(images)
    while stack:
        _close(stack.pop(), result)
    return result


def _option(block: _Block, key: str, value: str, line: int, col: int, result: MystText) -> None:
    if block.image is None:
        return
    if key == "alt":
        block.image.alt = value
        block.image.alt_line, block.image.alt_col = line, col
        if value:
            result.spans.append(Span(line, col, value, "alt"))
    elif key in ("class", "figclass"):
        block.image.classes.extend(value.split())


def _close(block: _Block, result: MystText) -> None:
    if block.image is not None:
        if block.caption_lines:
            block.image.caption = "".join(block.caption_lines)
        result.images.append(block.image)


@lru_cache(maxsize=64)
def _myst_cached(path: Path, mtime: float) -> MystText:
    return scan_myst(path.read_text(encoding="utf-8"))


def scan_myst_file(path: Path) -> MystText:
    try:
        return _myst_cached(path.resolve(), path.stat().st_mtime)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from exc


# --- gettext catalogs --------------------------------------------------------------------

@dataclass(frozen=True)
class CatalogEntry:
    """One translated message: *kind* is "text", "alt" (image alt text) or "other"
    (no MyST source: UI strings of templates, where ruby is not rendered)."""

    entry: polib.POEntry
    kind: str
    msgstr_line: int


def load_catalog(path: Path) -> polib.POFile:
    """The catalog at *path*; InputError naming each syntax error (``tools.po_syntax``), since
    polib alone would read a broken catalog leniently."""
    from tools.po_syntax import check_file

    errors = check_file(path)
    if errors:
        raise InputError(f"{path}: the catalog's syntax is broken (as `msgfmt --check` would "
                         "say); fix the lines above", errors)
    try:
        return polib.pofile(str(path), wrapwidth=0)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read catalog: {exc}") from exc


def catalog_entries(path: Path, catalog: polib.POFile | None = None) -> list[CatalogEntry]:
    """Translatable entries of a catalog, classified by where their msgid comes from.

    Sphinx marks no entry as alt text, so an entry is alt text when its msgid is the alt
    of an image in the MyST file its ``#:`` occurrence names.
    """
    catalog = catalog or load_catalog(path)
    lines = path.read_text(encoding="utf-8").split("\n")
    entries = []
    for entry in catalog:
        if entry.obsolete or not entry.msgid:
            continue
        entries.append(CatalogEntry(entry, _entry_kind(path, entry),
                                    _msgstr_line(lines, entry.linenum)))
    return entries


def _entry_kind(path: Path, entry: polib.POEntry) -> str:
    pages = [occ for occ, _ in entry.occurrences if Path(occ).suffix in (".md", ".rst", ".txt")]
    if not pages:
        return "other"
    sources = [s for s in (resolve_occurrence(path, occ) for occ in pages) if s]
    for source in sources:
        if source.suffix == ".md" and any(
                image.alt == entry.msgid for image in scan_myst_file(source).images):
            return "alt"
    return "text"


def resolve_occurrence(catalog: Path, occurrence: str) -> Path | None:
    """The source file of a ``#:`` occurrence: relative to the gettext folder, which we do not
    know, so try the catalog's ancestors with the leading ``../`` parts removed."""
    tail = Path(*[p for p in Path(occurrence).parts if p != ".."])
    for folder in [catalog.resolve().parent, *catalog.resolve().parents, Path.cwd()]:
        candidate = folder / tail
        if candidate.is_file():
            return candidate
    return None


def _msgstr_line(lines: list[str], linenum: int) -> int:
    """1-based line of the ``msgstr`` keyword of the entry starting near *linenum*."""
    for index in range(max(linenum - 1, 0), len(lines)):
        if lines[index].startswith("msgstr"):
            return index + 1
    return linenum


def msgstr_spans(item: CatalogEntry) -> list[Span]:
    """Reader text of a msgstr (MyST inline markup), positioned at its msgstr line.

    Columns count characters of the msgstr itself (after ``msgstr "``), line by line of
    the message; the line is the ``msgstr`` keyword line of the entry.
    """
    text = item.entry.msgstr
    if not text:
        return []
    if item.kind == "alt":
        return [Span(item.msgstr_line, 0, text, "alt")]
    if item.kind == "other":
        return [Span(item.msgstr_line, 0, text, "other")]
    spans: list[Span] = []
    offset = 0
    for part in text.split("\n"):
        found, _ = inline_spans(part, item.msgstr_line, offset)
        spans.extend(found)
        offset += len(part) + 1
    return spans

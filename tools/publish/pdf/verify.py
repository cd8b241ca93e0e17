"""Read a PDF back and check what makes it accessible (PDF/UA-style, machine-checkable parts).

Used by the tests and by ``python -m tools.publish.pdf --verify`` so staff can check any PDF.
Findings are reported like a linter: ``path: CODE message``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from tools.publish.pdf.postprocess import wrap_untagged_text

A4 = (595.28, 841.89)  # points
A4_TOLERANCE = 1.5
HEADING = re.compile(r"^H[1-6]$")


@dataclass
class FontInfo:
    name: str
    embedded: bool
    to_unicode: bool


@dataclass
class Report:
    path: str
    size: int
    pages: int
    page_sizes: list[tuple[float, float]]
    marked: bool
    struct_tree: bool
    lang: str
    title: str
    xmp_title: str  # dc:title in the XMP metadata
    display_doc_title: bool
    author: str
    subject: str
    creation_date: str
    mod_date: str
    tags: dict[str, int]
    figures: list[str | None]  # /Alt of every Figure (None when missing)
    outline: list[tuple[int, str]]  # (depth, title)
    fonts: list[FontInfo] = field(default_factory=list)
    untagged_text: list[int] = field(default_factory=list)  # pages with text outside tags
    # The independent PDF/UA-1 checker (PyPI pdfua): its warnings and errors, and the rules
    # it could not evaluate on this file.
    pdfua: list[str] = field(default_factory=list)
    pdfua_skipped: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Finding:
    path: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.code} {self.message}"


def _obj(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def _walk_structure(node, tags: Counter, figures: list[str | None]) -> None:
    node = _obj(node)
    if isinstance(node, ArrayObject | list):
        for child in node:
            _walk_structure(child, tags, figures)
        return
    if not isinstance(node, DictionaryObject):
        return  # a marked-content id (int) or a reference to content
    kind = node.get("/S")
    if kind is not None:
        name = str(kind).lstrip("/")
        tags[name] += 1
        if name == "Figure":
            alt = node.get("/Alt")
            figures.append(str(alt) if alt else None)
    if "/K" in node:
        _walk_structure(node["/K"], tags, figures)


def _walk_outline(items, depth: int, out: list[tuple[int, str]]) -> None:
    for item in items:
        if isinstance(item, list):
            _walk_outline(item, depth + 1, out)
        else:
            out.append((depth, str(item.title)))


def _collect_fonts(resources, seen: dict[int | str, FontInfo]) -> None:
    resources = _obj(resources)
    if not isinstance(resources, DictionaryObject):
        return
    for ref in (_obj(resources.get("/Font")) or {}).values():
        font = _obj(ref)
        key = ref.idnum if isinstance(ref, IndirectObject) else str(font.get("/BaseFont"))
        if key in seen:
            continue
        descriptors = []
        if font.get("/Subtype") == "/Type0":
            for descendant in _obj(font["/DescendantFonts"]):
                descriptors.append(_obj(_obj(descendant).get("/FontDescriptor")))
        elif font.get("/Subtype") != "/Type3":  # Type3 glyphs are drawn inline: nothing to embed
            descriptors.append(_obj(font.get("/FontDescriptor")))
        embedded = all(
            d is not None and any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            for d in descriptors
        )
        seen[key] = FontInfo(str(font.get("/BaseFont", "?")), embedded, "/ToUnicode" in font)
    for ref in (_obj(resources.get("/XObject")) or {}).values():
        xobject = _obj(ref)
        if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
            _collect_fonts(xobject["/Resources"], seen)


def content_roles(path: Path) -> dict[tuple[int, int], tuple[str, ...]]:
    """Structure types above each marked-content sequence: (page index, MCID) → path.

    E.g. ``(4, 12) → ("Document", ..., "Table", "TR", "TD", "P", "NonStruct")``. Walks the
    whole tree with each element's inherited ``/Pg``, so elements spanning pages (a
    table over two pages) are mapped on every page.
    """
    reader = PdfReader(path)
    pages = {page.indirect_reference.idnum: index for index, page in enumerate(reader.pages)}
    roles: dict[tuple[int, int], tuple[str, ...]] = {}

    def page_of(node, inherited: int | None) -> int | None:
        ref = node.get("/Pg") if isinstance(node, DictionaryObject) else None
        return pages.get(ref.idnum) if isinstance(ref, IndirectObject) else inherited

    def walk(node, page: int | None, kinds: tuple[str, ...]) -> None:
        node = _obj(node)
        if isinstance(node, ArrayObject | list):
            for child in node:
                walk(child, page, kinds)
        elif isinstance(node, int):
            if page is not None:
                roles[(page, node)] = kinds
        elif isinstance(node, DictionaryObject):
            page = page_of(node, page)
            if node.get("/Type") == "/MCR":
                if page is not None:
                    roles[(page, int(node["/MCID"]))] = kinds
            elif "/S" in node and "/K" in node:
                walk(node["/K"], page, (*kinds, str(node["/S"]).lstrip("/")))

    tree = _obj(reader.trailer["/Root"].get("/StructTreeRoot"))
    if tree is not None:
        walk(tree.get("/K"), None, ())
    return roles


def _xmp_title(reader: PdfReader) -> str:
    xmp = reader.xmp_metadata
    titles = (xmp.dc_title or {}) if xmp is not None else {}
    return str(titles.get("x-default", next(iter(titles.values()), "")))


def pdfua_findings(path: Path) -> tuple[list[str], list[str]]:
    """(findings at warning or error severity, skipped rules) of the ``pdfua`` checker."""
    import pdfua

    from tools.publish.pdf.pdfua_check import validate

    report = validate(str(path))
    found = [f"{f.rule_id} {f.severity.name.lower()} (page {f.location.page or '-'}): "
             f"{f.message}" for f in report.findings if f.severity >= pdfua.Severity.WARNING]
    return found, [f"{o.rule_id}: {o.skipped_reason}" for o in report.skipped]


def inspect(path: Path) -> Report:
    """Read *path* and collect what the checks need."""
    reader = PdfReader(path)
    root = reader.trailer["/Root"]
    info = reader.metadata or {}
    tags: Counter = Counter()
    figures: list[str | None] = []
    tree = _obj(root.get("/StructTreeRoot"))
    if tree is not None:
        _walk_structure(tree.get("/K"), tags, figures)
    outline: list[tuple[int, str]] = []
    _walk_outline(reader.outline, 1, outline)
    fonts: dict[int | str, FontInfo] = {}
    untagged: list[int] = []
    for number, page in enumerate(reader.pages, start=1):
        _collect_fonts(page.get("/Resources"), fonts)
        contents = page.get_contents()
        if contents is not None and wrap_untagged_text(contents.get_data())[1]:
            untagged.append(number)
    prefs = _obj(root.get("/ViewerPreferences")) or {}
    mark_info = _obj(root.get("/MarkInfo")) or {}
    pdfua, pdfua_skipped = pdfua_findings(path)
    return Report(
        path=str(path),
        size=path.stat().st_size,
        pages=len(reader.pages),
        page_sizes=[(round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2))
                    for p in reader.pages],
        marked=bool(mark_info.get("/Marked", False)),
        struct_tree=tree is not None,
        lang=str(root.get("/Lang", "")),
        title=str(info.get("/Title", "")),
        xmp_title=_xmp_title(reader),
        display_doc_title=bool(prefs.get("/DisplayDocTitle", False)),
        author=str(info.get("/Author", "")),
        subject=str(info.get("/Subject", "")),
        creation_date=str(info.get("/CreationDate", "")),
        mod_date=str(info.get("/ModDate", "")),
        tags=dict(sorted(tags.items())),
        figures=figures,
        outline=outline,
        fonts=sorted(fonts.values(), key=lambda f: f.name),
        untagged_text=untagged,
        pdfua=pdfua,
        pdfua_skipped=pdfua_skipped,
    )


def check(report: Report, *, ruby: bool = False) -> list[Finding]:
    """The accessibility findings for *report*; *ruby* requires Ruby/RT tags (easy edition)."""
    found: list[Finding] = []

    def add(code: str, message: str) -> None:
        found.append(Finding(report.path, code, message))

    if not report.marked:
        add("PDF001", "not marked as tagged (/MarkInfo /Marked true is missing)")
    if not report.struct_tree:
        add("PDF002", "no structure tree (/StructTreeRoot)")
    if not report.lang.lower().startswith("ja"):
        add("PDF003", f"document language is {report.lang or 'not set'!r}, expected 'ja'")
    if not report.title.strip():
        add("PDF004", "no document title")
    if report.title.strip() and report.xmp_title != report.title:
        add("PDF018", "the XMP metadata has no dc:title matching the document title")
    if not report.display_doc_title:
        add("PDF005", "the title is not shown (/ViewerPreferences /DisplayDocTitle true)")
    if not report.author.strip() or not report.subject.strip():
        add("PDF006", "author or subject missing from the document information")
    headings = sum(n for tag, n in report.tags.items() if HEADING.match(tag))
    if not report.tags.get("H1"):
        add("PDF007", "no H1 heading tag")
    if not report.outline:
        add("PDF008", "no bookmarks (outline)")
    elif len(report.outline) != headings:
        add("PDF009", f"{len(report.outline)} bookmarks but {headings} heading tags")
    if report.tags.get("Table") and not report.tags.get("TH"):
        add("PDF010", "tables are tagged without any TH header cell")
    missing_alt = sum(1 for alt in report.figures if not (alt and alt.strip()))
    if missing_alt:
        add("PDF011", f"{missing_alt} Figure tag(s) without /Alt text")
    for font in report.fonts:
        if not font.embedded:
            add("PDF012", f"font {font.name} is not embedded")
        if not font.to_unicode:
            add("PDF013", f"font {font.name} has no ToUnicode map (text cannot be extracted)")
    if not report.fonts:
        add("PDF014", "no fonts: the PDF has no text")
    for number, (width, height) in enumerate(report.page_sizes, start=1):
        if abs(width - A4[0]) > A4_TOLERANCE or abs(height - A4[1]) > A4_TOLERANCE:
            add("PDF015", f"page {number} is {width}x{height}pt, not A4 (595x842pt)")
            break
    if report.untagged_text and report.struct_tree:
        pages = ", ".join(map(str, report.untagged_text[:10]))
        add("PDF017", f"text outside the structure tree and not an artifact (pages {pages})")
    if ruby and not (report.tags.get("Ruby") and report.tags.get("RT")):
        add("PDF016", "no Ruby/RT tags: the furigana are not tagged as ruby")
    for finding in report.pdfua:
        add("PDF019", f"PDF/UA-1 (pdfua): {finding}")
    return found

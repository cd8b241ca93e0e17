"""Finish a chromium PDF with pypdf: language, title display, document info, fixed dates,
link descriptions and the PDF/UA-1 identification.

The writer is cloned from the reader (``PdfWriter(clone_from=...)``) because
``PdfWriter().append(...)`` drops the structure tree that makes the PDF tagged.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    NameObject,
    TextStringObject,
)

from tools.errors import BuildError


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    author: str
    subject: str
    lang: str = "ja"
    bookmarks: tuple[str, ...] = ()  # bookmark titles in order, replacing chromium's
    links: tuple[tuple[str, str], ...] = ()  # (destination name or URL, the link's text)
    browser: str = ""  # chromium's version, named in /Producer


class PostprocessError(BuildError):
    """The PDF does not match what the renderer reported, or SOURCE_DATE_EPOCH is bad."""


def pdf_date(moment: datetime) -> str:
    """A PDF date string (``D:YYYYMMDDHHmmSS+00'00'``) in UTC."""
    return moment.astimezone(UTC).strftime("D:%Y%m%d%H%M%S+00'00'")


def build_time() -> datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC)
        except ValueError as exc:
            raise PostprocessError(
                f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not {epoch!r}"
            ) from exc
    return datetime.now(tz=UTC)


def finish(source: Path, target: Path, info: DocumentInfo) -> None:
    """Write *source* to *target* with /Lang, DisplayDocTitle, metadata and dates set."""
    writer = PdfWriter(clone_from=PdfReader(source))
    root = writer.root_object
    root[NameObject("/Lang")] = TextStringObject(info.lang)
    prefs = root.get("/ViewerPreferences")
    prefs = prefs.get_object() if prefs is not None else DictionaryObject()
    prefs[NameObject("/DisplayDocTitle")] = BooleanObject(True)
    root[NameObject("/ViewerPreferences")] = prefs
    # Open with the bookmarks panel, which mirrors the headings.
    root[NameObject("/PageMode")] = NameObject("/UseOutlines")
    if info.bookmarks:
        retitle_bookmarks(writer, list(info.bookmarks), source)
    renumber_structure_ids(writer)
    descriptions = dict(info.links)
    for page in writer.pages:
        mark_page_numbers_as_artifacts(page)
        describe_links(page, descriptions)
    moment = build_time()
    date = pdf_date(moment)
    creator, producer = made_by(info, str(writer.metadata.get("/Producer", "")))
    writer.add_metadata(
        {
            "/Title": info.title,
            "/Author": info.author,
            "/Subject": info.subject,
            "/Creator": creator,
            "/Producer": producer,
            "/CreationDate": date,
            "/ModDate": date,
        }
    )
    # PDF/UA wants the title in XMP too (dc:title); the rest mirrors the document info.
    writer.xmp_metadata = xmp_packet(info, moment, producer, creator)
    metadata = root["/Metadata"].get_object()
    metadata[NameObject("/Type")] = NameObject("/Metadata")
    metadata[NameObject("/Subtype")] = NameObject("/XML")
    with target.open("wb") as stream:
        writer.write(stream)


def made_by(info: DocumentInfo, skia: str) -> tuple[str, str]:
    """(/Creator, /Producer): the tools that made the PDF, not the browser's user agent.

    Chromium writes its user agent as /Creator; only versions go in, so two builds with
    the same tools write the same bytes.
    """
    import pypdf
    import sphinx

    creator = f"Sphinx {sphinx.__version__} (asahikawa-welfare-plan tools.publish.pdf)"
    browser = f"Chromium {info.browser}" if info.browser else "Chromium"
    producer = f"{browser} ({skia or 'Skia/PDF'}); pypdf {pypdf.__version__}"
    return creator, producer


def _structure_elements(node, found: list) -> None:
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, list):
        for child in node:
            _structure_elements(child, found)
    elif isinstance(node, dict) and "/S" in node:
        found.append(node)
        if "/K" in node:
            _structure_elements(node["/K"], found)


def _attribute_dicts(element) -> list:
    attributes = element.get("/A")
    if attributes is None:
        return []
    attributes = attributes.get_object()
    items = attributes if isinstance(attributes, list) else [attributes]
    return [item.get_object() for item in items if isinstance(item.get_object(), dict)]


def renumber_structure_ids(writer: PdfWriter) -> int:
    """Number the structure elements' /IDs (table headers) 1, 2, 3… in their order.

    Chromium names them after its internal DOM node ids (``node00000172``), which shift from
    one run to the next, so two builds differed in these bytes only. The new ids keep the old
    ones' order, so the /IDTree stays sorted; /Headers references follow. Returns the count.
    """
    tree = writer.root_object.get("/StructTreeRoot")
    if tree is None:
        return 0
    tree = tree.get_object()
    elements: list = []
    _structure_elements(tree.get("/K"), elements)
    old_ids = sorted({str(e["/ID"]) for e in elements if "/ID" in e})
    mapping = {old: f"id{rank:06d}" for rank, old in enumerate(old_ids, start=1)}

    def new(value) -> TextStringObject:
        return TextStringObject(mapping.get(str(value), str(value)))

    for element in elements:
        if "/ID" in element:
            element[NameObject("/ID")] = new(element["/ID"])
        for attributes in _attribute_dicts(element):
            headers = attributes.get("/Headers")
            if headers is not None:
                attributes[NameObject("/Headers")] = ArrayObject(new(h) for h in headers)
    if "/IDTree" in tree:
        _rename_name_tree(tree["/IDTree"].get_object(), new)
    return len(mapping)


def _rename_name_tree(node, new) -> None:
    for kid in node.get("/Kids", ()):
        _rename_name_tree(kid.get_object(), new)
    if "/Names" in node:
        names = node["/Names"]
        node[NameObject("/Names")] = ArrayObject(
            new(item) if index % 2 == 0 else item for index, item in enumerate(names))
    if "/Limits" in node:
        node[NameObject("/Limits")] = ArrayObject(new(limit) for limit in node["/Limits"])


def describe_links(page, descriptions: dict[str, str]) -> int:
    """Give each link annotation a /Contents (PDF/UA-1 7.18.5): the link's text, else its
    target. Returns the number of links described."""
    described = 0
    for annotation in page.get("/Annots") or ():
        annotation = annotation.get_object()
        if annotation.get("/Subtype") != "/Link":
            continue
        action = annotation.get("/A")
        action = action.get_object() if action is not None else {}
        if "/Dest" in annotation:
            target = str(annotation["/Dest"]).removeprefix("/")
        else:
            target = str(action.get("/URI", ""))
        text = descriptions.get(target) or target
        annotation[NameObject("/Contents")] = TextStringObject(text)
        described += 1
    return described


def xmp_packet(info: DocumentInfo, moment: datetime, producer: str, creator: str = "") -> bytes:
    """An XMP metadata packet with the document's title, authors, subject, language, dates,
    the tools that made it and the PDF/UA-1 identification (pdfuaid:part)."""
    stamp = moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(info.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{escape(info.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(info.subject)}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{escape(info.lang)}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreateDate>{stamp}</xmp:CreateDate>
   <xmp:ModifyDate>{stamp}</xmp:ModifyDate>
   <xmp:MetadataDate>{stamp}</xmp:MetadataDate>
   <xmp:CreatorTool>{escape(creator)}</xmp:CreatorTool>
   <pdf:Producer>{escape(producer)}</pdf:Producer>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode()


def retitle_bookmarks(writer: PdfWriter, titles: list[str], source: Path) -> None:
    """Give the outline items *titles*, in document order (depth first)."""
    items = []
    outlines = writer.root_object.get("/Outlines")

    def walk(item) -> None:
        while item is not None:
            item = item.get_object()
            items.append(item)
            walk(item.get("/First"))
            item = item.get("/Next")

    if outlines is not None:
        walk(outlines.get_object().get("/First"))
    if len(items) != len(titles):
        raise PostprocessError(
            f"{source}: {len(items)} bookmarks but {len(titles)} headings were rendered"
        )
    for item, title in zip(items, titles, strict=True):
        item[NameObject("/Title")] = TextStringObject(title)


ARTIFACT = b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC"


def wrap_untagged_text(data: bytes) -> tuple[bytes, int]:
    """*data* (a content stream) with text outside marked content wrapped as artifacts.

    Skia writes one operator per line (``BT``, ``ET``, ``... BDC``, ``EMC``) and glyphs as
    hex strings, so a line scan is exact and far faster than pypdf's parser. Returns the
    new stream and how many text blocks were wrapped.
    """
    out: list[bytes] = []
    depth = 0  # marked-content nesting of the original stream
    in_artifact = False
    wrapped = 0
    for line in data.split(b"\n"):
        words = line.split()
        operator = words[-1] if words else b""
        if operator == b"BT" and depth == 0:
            out.append(ARTIFACT)
            in_artifact = True
            wrapped += 1
        out.append(line)
        if operator.endswith(b"BDC") or operator == b"BMC":  # "<</MCID 0 >>BDC"
            depth += 1
        elif operator == b"EMC":
            depth -= 1
        elif operator == b"ET" and in_artifact:
            out.append(b"EMC")
            in_artifact = False
    return b"\n".join(out), wrapped


def mark_page_numbers_as_artifacts(page) -> int:
    """Wrap text drawn outside any marked content in ``/Artifact`` (PDF/UA 7.1).

    Chromium tags the document's content but draws the ``@page`` margin boxes (the page
    numbers) as untagged text; as artifacts, screen readers and tag-aware extraction skip
    them. Returns the number of text blocks wrapped.
    """
    stream = page["/Contents"].get_object()
    if not hasattr(stream, "set_data"):  # an array of streams: not what Skia writes
        raise PostprocessError("page contents split over several streams; cannot mark artifacts")
    data, wrapped = wrap_untagged_text(stream.get_data())
    if wrapped:
        stream.set_data(data)
    return wrapped

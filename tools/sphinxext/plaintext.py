"""The text edition (テキスト版): the whole plan as one UTF-8 plain-text file per edition.

For screen readers and braille displays, where markup is noise and a wrapped line is a
broken word, the ``plaintext`` builder writes ``<root_doc>.txt`` from the whole toctree
(as singlehtml does), without line wrapping, with:

- headings on a line of their own, marked by level (■ page, ● section, ◆ subsection,
  ◇ below), as a short legend at the top of the file explains;
- lists as ``・`` items (or the item's own marker, such as ○ or ※), numbered lists as
  ``1．``, nested items indented by a full-width space;
- tables linearised row by row, each cell after its header (``役割：…``), between a line
  naming the table with its number of rows and a line ending it;
- figures as their caption and their description (the image's alt text);
- ruby as ``計画（けいかく）`` at a word's first appearance in each paragraph only
  (:class:`RubyOncePerParagraph`, before the ruby extension's every-time form).

The file is UTF-8 with a byte order mark. ``tools.publish.text`` runs this builder with
``-t download`` and publishes the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.builders import Builder
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.console import darkgreen
from sphinx.util.nodes import inline_all_toctrees

from tools.sphinxext.ruby import ruby_node

if TYPE_CHECKING:
    from collections.abc import Set as AbstractSet

    from sphinx.application import Sphinx

INDENT = "\u3000"  # a full-width space: read as a pause, shown as one character cell
HEADING_MARKS = ("■", "●", "◆", "◇")
# An item that starts with one of these carries its own marker (○地域の…, ※ …).
OWN_MARKERS = frozenset("○●◎◯・※■□◆◇▲△▼▽★☆→")


@dataclass(frozen=True)
class Labels:
    legend: str
    table: str
    rows: str
    table_end: str
    figure: str
    description: str
    empty: str
    column: str


LABELS = {
    "standard": Labels(
        legend=(
            "この文書は「{title}」のテキスト版です。"
            "見出しの前には、ページの見出しに「■」、節に「●」、項に「◆」、その下に「◇」を付けています。"
            "表は1行ずつ「見出し：内容」の形で、図はその説明の文章で示しています。"
        ),
        table="表", rows="行", table_end="（表の終わり）", figure="図", description="図の説明",
        empty="（空欄）", column="列",
    ),
    "easy": Labels(
        legend=(
            "これは「{title}」の テキストです。"
            "みだしの まえに、ページの みだしは「■」、その なかの みだしは「●」「◆」「◇」を つけて います。"
            "ひょうは 1ぎょうずつ「みだし：なかみ」の かたちで かいて います。"
            "ずは、せつめいの ぶんで かいて います。"
            "かんじの よみかたは、ぶんの なかで はじめて でて くる ところに（ ）で かいて います。"
        ),
        table="ひょう", rows="ぎょう", table_end="（ひょうの おわり）", figure="ず",
        description="ずの せつめい", empty="（なし）", column="れつ",
    ),
}


def _block_of(node: nodes.Node) -> nodes.Node:
    """The paragraph (or title, caption, line) that holds an inline node."""
    parent = node.parent
    while parent is not None and (isinstance(parent, nodes.Inline)
                                  or not isinstance(parent, nodes.TextElement)):
        parent = parent.parent
    return parent or node


class ruby_text(nodes.Inline, nodes.TextElement):
    """A word with ruby in the text edition; ``node['first']``: its first time in the paragraph."""


class RubyOncePerParagraph(SphinxPostTransform):
    """``計画（けいかく）`` where a word first appears in a paragraph, ``計画`` after that.

    Runs before ``tools.sphinxext.ruby.RubyAsText`` (priority 5), which would give the
    reading at every repetition.
    """

    builders = ("plaintext",)
    default_priority = 4

    def run(self, **kwargs: Any) -> None:
        seen: dict[int, set[tuple[str, str]]] = {}
        for node in list(self.document.findall(ruby_node)):
            word = (node.astext(), node["reading"])
            words = seen.setdefault(id(_block_of(node)), set())
            node.replace_self(ruby_text(word[0], word[0], reading=word[1],
                                        first=word not in words))
            words.add(word)


def _is_cjk(char: str) -> bool:
    return ord(char) > 0x2E7F


def inline_text(node: nodes.Node, readings: bool = True) -> str:
    """The text of an inline node as a reader gets it (no markup; links with their URL).

    Without *readings*, words with ruby are given without their reading (a table header
    repeated in every row gives it in the first row only).
    """
    if isinstance(node, nodes.Text):
        return str(node)
    if isinstance(node, ruby_text):
        return f"{node.astext()}（{node['reading']}）" if readings and node["first"] \
            else node.astext()
    if isinstance(node, nodes.raw):
        return "\n" if node.get("format") == "html" and "<br" in node.astext() else ""
    if isinstance(node, (nodes.target, nodes.comment, nodes.substitution_definition,
                         nodes.system_message, addnodes.index)):
        return ""
    if isinstance(node, nodes.image):
        return node.get("alt", "")
    text = "".join(inline_text(child, readings) for child in node.children)
    if isinstance(node, nodes.reference):
        uri = node.get("refuri", "")
        if "://" in uri and uri not in text:
            return f"{text}（{uri}）"
    return text


def _join_soft_breaks(text: str) -> str:
    """Source line breaks inside a paragraph: nothing between Japanese, a space elsewhere."""
    parts = text.split("\n")
    out = parts[0]
    for part in parts[1:]:
        joiner = "" if out and part and _is_cjk(out[-1]) and _is_cjk(part[0]) else " "
        out += joiner + part if out and part else part
    return out


def paragraph_text(node: nodes.Element, readings: bool = True) -> list[str]:
    """A paragraph's lines: hard line breaks kept, soft ones joined."""
    pieces = []
    for child in node.children:
        if isinstance(child, nodes.raw):
            pieces.append("\x00" if inline_text(child) == "\n" else "")
        else:
            pieces.append(inline_text(child, readings))
    lines = [_join_soft_breaks(line).strip() for line in "".join(pieces).split("\x00")]
    return [line for line in lines if line]


class TextWriter:
    """Lines of plain text from a doctree, block by block."""

    SKIP = (nodes.target, nodes.comment, nodes.substitution_definition, nodes.system_message,
            nodes.raw, addnodes.index, addnodes.toctree, nodes.meta)

    def __init__(self, labels: Labels, readings: bool = True) -> None:
        self.labels = labels
        self.readings = readings  # False: words with ruby without their reading
        self.lines: list[str] = []

    def text(self) -> str:
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        return "\n".join(self.lines) + "\n"

    def blank(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")

    def line(self, text: str, indent: int = 0) -> None:
        self.lines.append(INDENT * indent + text)

    def children(self, node: nodes.Element, depth: int, indent: int) -> None:
        for child in node.children:
            self.block(child, depth, indent)

    def block(self, node: nodes.Node, depth: int = 0, indent: int = 0) -> None:
        if isinstance(node, self.SKIP):
            return
        if isinstance(node, addnodes.start_of_file):
            self.blank()
            self.children(node, 0, indent)  # each page's title is a page heading again
        elif isinstance(node, nodes.section):
            self.children(node, depth + 1, indent)
        elif isinstance(node, nodes.title) and isinstance(node.parent, nodes.section):
            mark = HEADING_MARKS[min(max(depth, 1), len(HEADING_MARKS)) - 1]
            self.blank()
            if depth <= 1:
                self.line("")  # a page begins after two empty lines
            self.line(f"{mark} {' '.join(paragraph_text(node, self.readings))}")
            self.blank()
        elif isinstance(node, (nodes.paragraph, nodes.rubric, nodes.caption)):
            for text in paragraph_text(node, self.readings):
                self.line(text, indent)
            if indent == 0:
                self.blank()
        elif isinstance(node, (nodes.bullet_list, nodes.enumerated_list)):
            self.list(node, depth, indent)
        elif isinstance(node, nodes.table):
            self.table(node, indent)
        elif isinstance(node, nodes.figure):
            self.figure(node, indent)
        elif isinstance(node, nodes.image):
            if node.get("alt") and "decorative" not in node.get("classes", []):
                self.line(f"{self.labels.figure}：{node['alt']}", indent)
        elif isinstance(node, nodes.line_block):
            for line in node.findall(nodes.line):
                self.line(_join_soft_breaks(inline_text(line, self.readings)).strip(), indent)
            self.blank()
        elif isinstance(node, nodes.literal_block):
            for line in node.astext().splitlines():
                self.line(line, indent)
            self.blank()
        elif isinstance(node, nodes.definition_list):
            for item in node.children:
                term = item.next_node(nodes.term)
                self.line(" ".join(paragraph_text(term, self.readings)) if term else "", indent)
                definition = item.next_node(nodes.definition)
                if definition is not None:
                    self.children(definition, depth, indent + 1)
                self.blank()
        elif isinstance(node, nodes.Admonition):
            self.blank()
            self.children(node, depth, indent)
            self.blank()
        elif isinstance(node, (nodes.Inline, nodes.Text)):
            text = inline_text(node, self.readings).strip()
            if text:
                self.line(text, indent)
        elif isinstance(node, nodes.Element):
            self.children(node, depth, indent)

    def list(self, node: nodes.Element, depth: int, indent: int) -> None:
        start = node.get("start", 1)
        for number, item in enumerate(node.children, start):
            marker = f"{number}．" if isinstance(node, nodes.enumerated_list) else "・"
            sub = self.sub(item, depth)
            if not sub:
                continue
            first, rest = sub[0], sub[1:]
            if marker == "・" and first[:1] in OWN_MARKERS:
                marker = ""
            self.line(f"{marker}{first}", indent)
            for text in rest:
                self.line(text, indent + 1)
        if indent == 0:
            self.blank()

    def sub(self, node: nodes.Element, depth: int, readings: bool | None = None) -> list[str]:
        """The lines of *node*'s content on their own (a list item, a table cell)."""
        writer = TextWriter(self.labels, self.readings if readings is None else readings)
        for child in node.children:
            writer.block(child, depth, 0)
        return [line for line in writer.lines if line]

    def table(self, node: nodes.table, indent: int) -> None:
        labels = self.labels
        head = [row for row in node.findall(nodes.row) if isinstance(row.parent, nodes.thead)]
        # Headers are repeated in every row: their readings are given in the first row only.
        headers, plain_headers = (
            [" ".join(cell) for cell in self.cells(head[-1], readings)] if head else []
            for readings in (self.readings, False))
        body = [row for row in node.findall(nodes.row) if isinstance(row.parent, nodes.tbody)]
        title = _table_title(node, self.readings)
        name = f"{labels.table}：{title}" if title else labels.table
        self.blank()
        self.line(f"{name}（{len(body)}{labels.rows}）", indent)
        for number, row in enumerate(body):
            self.blank()
            cells = self.cells(row)
            if not headers:
                self.line("／".join(" ".join(cell) or labels.empty for cell in cells), indent)
                continue
            names = headers if number == 0 else plain_headers
            for column, cell in enumerate(cells):
                header = names[column] if column < len(names) and names[column] \
                    else f"{column + 1}{labels.column}"
                if len(cell) <= 1:
                    self.line(f"{header}：{cell[0] if cell else labels.empty}", indent)
                else:
                    self.line(f"{header}：", indent)
                    for text in cell:
                        self.line(text, indent + 1)
        self.blank()
        self.line(labels.table_end, indent)
        self.blank()

    def cells(self, row: nodes.row, readings: bool | None = None) -> list[list[str]]:
        """Each column's lines; a cell spanning columns is repeated under each header."""
        cells: list[list[str]] = []
        for entry in row.children:
            lines = self.sub(entry, 0, readings)
            cells.extend([lines] * (1 + entry.get("morecols", 0)))
        return cells

    def figure(self, node: nodes.figure, indent: int) -> None:
        caption = node.next_node(nodes.caption)
        image = node.next_node(nodes.image)
        alt = image.get("alt", "") if image is not None else ""
        self.blank()
        self.line(f"{self.labels.figure}：{' '.join(paragraph_text(caption, self.readings))}"
                  if caption
                  else self.labels.figure, indent)
        if alt:
            self.line(f"{self.labels.description}：{alt}", indent)
        legend = node.next_node(nodes.legend)
        if legend is not None:
            self.children(legend, 0, indent)
        self.blank()


def _table_title(table: nodes.table, readings: bool) -> str:
    """The table's caption, else the title of the section it is in."""
    title = table.next_node(nodes.title)
    if title is None:
        section = table.parent
        while section is not None and not isinstance(section, nodes.section):
            section = section.parent
        title = section.next_node(nodes.title) if section is not None else None
    # The section title was just read with its readings: here the words alone.
    return " ".join(paragraph_text(title, readings and title.parent is table)) if title else ""


class PlainTextBuilder(Builder):
    """One ``<root_doc>.txt`` for the whole edition (``-b plaintext``)."""

    name = "plaintext"
    format = "text"
    epilog = "The text edition is in %(outdir)s."
    out_suffix = ".txt"
    allow_parallel = False

    def init(self) -> None:
        pass

    def get_outdated_docs(self) -> str:
        return "all documents"

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return ""

    def prepare_writing(self, docnames: AbstractSet[str]) -> None:
        pass

    def write_documents(self, docnames: AbstractSet[str]) -> None:
        root = self.config.root_doc
        tree = self.env.get_doctree(root)
        tree = inline_all_toctrees(self, set(), root, tree, darkgreen, [root])
        tree["docname"] = root
        self.env.resolve_references(tree, root, self)
        labels = LABELS["easy" if self.tags.has("easy") else "standard"]
        writer = TextWriter(labels)
        writer.line(labels.legend.format(title=self.config.project))
        writer.blank()
        writer.block(tree)
        target = Path(self.outdir) / f"{root}{self.out_suffix}"
        # UTF-8 with a byte order mark: Windows screen-reader and braille software (and
        # browsers serving .txt without a charset) then never take it for Shift_JIS.
        target.write_text(writer.text(), encoding="utf-8-sig")

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass  # write_documents writes the one file

    def finish(self) -> None:
        pass


def iter_headings(text: str) -> Iterator[tuple[int, str]]:
    """(level, heading) of each heading line of a text edition, in order."""
    for line in text.splitlines():
        mark, _, rest = line.partition(" ")
        if mark in HEADING_MARKS and rest:
            yield HEADING_MARKS.index(mark) + 1, rest


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_builder(PlainTextBuilder)
    app.add_post_transform(RubyOncePerParagraph)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

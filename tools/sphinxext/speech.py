"""Sentences for speech: one ``<span class="speech-s" id="s-N">`` per sentence, and the reading script.

A post-transform (:class:`MarkSentences`) splits every text block — paragraph, heading,
list item, table cell, figure caption — into sentences at 。！？ and wraps each in a
:class:`speech_sentence` node, numbered ``s-1``, ``s-2`` … in document order; a figure's
image gets the id of its description (the alt text, which is spoken). It runs for every
HTML-format page builder (html, dirhtml, epub and the ``speech`` builder below; not
singlehtml) on the same doctree, so the website, the EPUB's XHTML and the audio agree on the ids.
Ruby stays inside the span, so ``tools.sphinxext.ruby`` draws it as before.

The ``speech`` builder writes, per page, the ordered script to speak
(``<outdir>/<page>.json``): each sentence's id, its text as shown, its pieces with the
readings the page knows (the easy edition's ruby), the paragraph it belongs to and the
pause after it. Tables are read row by row with each cell after its column header;
figures by their caption, then their description. ``tools.publish.audio`` adds the
dictionary readings, synthesises and records the timings.

The 「読み上げ」 player (``_templates/partials/read-aloud.html``, ``_static/read-aloud.js``)
gets its labels and the page's timings URL from :func:`on_html_page_context`.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.builders import Builder
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from tools.sphinxext.ruby import ruby_node

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.writers.html5 import HTML5Translator

logger = logging.getLogger(__name__)

CLASS = "speech-s"
ID_PREFIX = "s-"
# A sentence ends after 。！？ and any closing brackets or quotes that follow.
SENTENCE_END = re.compile(r"[。！？!?][」』）)〕］】”’\"']*")
# Blocks whose inline text is read; everything else is a container of blocks.
BLOCKS = (nodes.paragraph, nodes.title, nodes.caption, nodes.rubric, nodes.term, nodes.line)
# Inline content that is not read aloud.
SILENT = (nodes.raw, nodes.comment, nodes.target, nodes.system_message, nodes.image,
          nodes.substitution_definition)
# Pauses in seconds: after a sentence inside a block, and after each kind of block.
PAUSE_SENTENCE = 0.3
PAUSES = {"title": 0.9, "paragraph": 0.7, "item": 0.5, "cell": 0.4, "row": 0.7,
          "caption": 0.6, "figure": 0.8}
# Words added when reading, so a listener knows what follows (per edition).
SPOKEN_LABELS = {
    "standard": {"figure": "図の説明。"},
    "easy": {"figure": "ずの せつめい。"},
}
PLAYER_LABELS = {
    "standard": {
        "region": "読み上げ",
        "play": "読み上げる",
        "pause": "一時停止",
        "resume": "続きを読み上げる",
        "prev": "前の段落",
        "next": "次の段落",
        "speed": "速さ",
        "speeds": "0.75倍|1倍（標準）|1.25倍|1.5倍|2倍",
        "error": "音声を読み込めませんでした。",
        "voice": "音声：",
        "voice_name": "「メイ」",
        "voice_by": "©2009-2013 名古屋工業大学、",
        "licence": "クリエイティブ・コモンズ 表示 3.0",
    },
    "easy": {
        "region": "よみあげ",
        "play": "よみあげる",
        "pause": "とめる",
        "resume": "つづきを よみあげる",
        "prev": "まえの だんらく",
        "next": "つぎの だんらく",
        "speed": "はやさ",
        "speeds": "ゆっくり|ふつう|すこし はやい|はやい|とても はやい",
        "error": "おとを よみこめませんでした。",
        "voice": "こえ：",
        "voice_name": "「メイ」",
        "voice_by": "©2009-2013 なごや こうぎょう だいがく、",
        "licence": "クリエイティブ・コモンズ ひょうじ 3.0",
    },
}
SPEEDS = ("0.75", "1", "1.25", "1.5", "2")
# The voice's credit (CC BY 3.0, htsvoice/LICENSE_mei_normal.htsvoice in the wheel).
LICENCE_URL = "https://creativecommons.org/licenses/by/3.0/deed.ja"
VOICE_URL = "http://www.mmdagent.jp/"


class speech_sentence(nodes.Inline, nodes.TextElement):
    """One sentence to be read aloud; rendered as ``<span class="speech-s" id="s-N">``."""


def html_visit_speech_sentence(self: HTML5Translator, node: speech_sentence) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS=CLASS))


def html_depart_speech_sentence(self: HTML5Translator, node: speech_sentence) -> None:
    self.body.append("</span>")


def _is_inside(node: nodes.Node, kinds: tuple[type, ...]) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        parent = parent.parent
    return False


def _split_points(text: str) -> list[int]:
    """Offsets in *text* right after each sentence end (not at the very end)."""
    return [m.end() for m in SENTENCE_END.finditer(text) if text[m.end():].strip()]


def _sentence_groups(block: nodes.Element) -> list[list[nodes.Node]]:
    """The block's children cut into sentences; a cut falls only in a direct Text child."""
    groups: list[list[nodes.Node]] = [[]]
    for child in list(block.children):
        if not isinstance(child, nodes.Text):
            groups[-1].append(child)
            continue
        text = str(child)
        start = 0
        for cut in _split_points(text):
            groups[-1].append(nodes.Text(text[start:cut]))
            groups.append([])
            start = cut
        if text[start:]:
            groups[-1].append(nodes.Text(text[start:]))
    # A piece without words (a target, white space) joins the sentence before it.
    merged: list[list[nodes.Node]] = []
    for group in groups:
        if merged and not (_says_something(group) and _says_something(merged[-1])):
            merged[-1].extend(group)
        else:
            merged.append(group)
    return merged


def _says_something(group: list[nodes.Node]) -> bool:
    return any(text.strip() for node in group for text, _ in _spoken_pieces(node))


def _readable(block: nodes.Element) -> bool:
    return (not _is_inside(block, (*BLOCKS, nodes.FixedTextElement, nodes.raw))
            and _says_something([block]))


def _described_image(node: nodes.image) -> bool:
    """A block-level image with a description (inline images are part of their sentence)."""
    return not isinstance(node.parent, nodes.TextElement) and bool(node.get("alt", "").strip())


class MarkSentences(SphinxPostTransform):
    """Wrap each sentence of each text block in a numbered :class:`speech_sentence`."""

    # Not singlehtml: the print build joins all pages, whose ids would collide.
    builders = ("html", "dirhtml", "epub", "speech")
    default_priority = 700  # after references are resolved (their text is then known)

    def run(self, **kwargs: Any) -> None:
        number = 0
        taken = set(self.document.ids)
        for node in list(self.document.findall(lambda n: isinstance(n, (*BLOCKS, nodes.image)))):
            if isinstance(node, nodes.image):
                if not _described_image(node):
                    continue
                number += 1
                node["ids"].append(self._new_id(number, taken, node))
                continue
            if not _readable(node):
                continue
            groups = _sentence_groups(node)
            node.children = []
            for group in groups:
                number += 1
                sentence = speech_sentence("", ids=[self._new_id(number, taken, node)])
                for child in group:
                    sentence += child
                node += sentence
            # White space between sentences is not content; the spans sit side by side.

    def _new_id(self, number: int, taken: set[str], node: nodes.Node) -> str:
        ident = f"{ID_PREFIX}{number}"
        if ident in taken:
            logger.warning("speech id %s is already used in this page", ident,
                           location=node, type="speech", subtype="duplicate-id")
        taken.add(ident)
        return ident


# --- the script: what to read, in which order, with which readings ------------------------

@dataclass
class Utterance:
    """One sentence to speak: *pieces* are (text, reading or None) in reading order."""

    id: str
    block: int
    text: str
    pieces: list[tuple[str, str | None]] = field(default_factory=list)
    pause: float = PAUSE_SENTENCE


def _spoken_pieces(node: nodes.Node) -> Iterator[tuple[str, str | None]]:
    """Text of *node* with the ruby readings it carries, silent parts left out."""
    if isinstance(node, ruby_node):
        yield node.astext(), node["reading"]
    elif isinstance(node, nodes.Text):
        if str(node):
            yield str(node), None
    elif not isinstance(node, SILENT):
        for child in node.children:
            yield from _spoken_pieces(child)


def _tidy(pieces: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """Line breaks of the source are not pauses; merge plain neighbours."""
    out: list[tuple[str, str | None]] = []
    for text, reading in pieces:
        text = re.sub(r"\s*\n\s*", "", text) if reading is None else text
        if not text:
            continue
        if out and reading is None and out[-1][1] is None:
            out[-1] = (out[-1][0] + text, None)
        else:
            out.append((text, reading))
    return out


def _shown(pieces: list[tuple[str, str | None]]) -> str:
    return " ".join("".join(text for text, _ in pieces).split())


def _block_kind(block: nodes.Element) -> str:
    if isinstance(block, (nodes.title, nodes.rubric)):
        return "title"
    if isinstance(block, nodes.caption):
        return "caption"
    if _is_inside(block, (nodes.entry,)):
        return "cell"
    if _is_inside(block, (nodes.list_item, nodes.definition_list_item)):
        return "item"
    return "paragraph"


def _header_pieces(entry: nodes.entry) -> list[tuple[str, str | None]]:
    """The column header of a body cell (the last header row), as pieces; empty if none."""
    row = entry.parent
    tgroup = row.parent.parent if row.parent is not None else None
    if not isinstance(tgroup, nodes.tgroup):
        return []
    column = 0
    for cell in row.children:
        if cell is entry:
            break
        column += 1 + cell.get("morecols", 0)
    heads = [child for child in tgroup.children if isinstance(child, nodes.thead)]
    if not heads or not heads[0].children:
        return []
    position = 0
    for cell in heads[0].children[-1].children:
        if position == column:
            return _tidy(list(_spoken_pieces(cell)))
        position += 1 + cell.get("morecols", 0)
    return []


def utterances(doctree: nodes.document, edition: str = "standard") -> list[Utterance]:
    """The page's sentences in reading order, for a doctree after :class:`MarkSentences`."""
    labels = SPOKEN_LABELS[edition]
    script: list[Utterance] = []
    blocks: dict[int, int] = {}  # id(block node) -> paragraph number
    for node in doctree.findall(lambda n: isinstance(n, (speech_sentence, nodes.image))):
        if isinstance(node, nodes.image):
            ident = next((i for i in node["ids"] if i.startswith(ID_PREFIX)), None)
            if ident:
                alt = " ".join(node["alt"].split())
                script.append(Utterance(ident, len(blocks), alt,
                                        [(labels["figure"], None), (alt, None)],
                                        PAUSES["figure"]))
                blocks[id(node)] = len(blocks)
            continue
        if _is_inside(node, (nodes.thead,)):
            continue  # header cells are read before each cell of their column
        block = node.parent
        pieces = _tidy(list(_spoken_pieces(node)))
        entry = block.parent if isinstance(block.parent, nodes.entry) else None
        first_in_block = block.index(node) == 0
        if entry is not None and first_in_block and entry.index(block) == 0:
            header = _header_pieces(entry)
            if header:
                pieces = _tidy([*header, ("、", None), *pieces])
        if id(block) not in blocks:
            blocks[id(block)] = len(blocks)
        last_in_block = block.index(node) == len(block.children) - 1
        pause = PAUSE_SENTENCE
        if last_in_block:
            kind = _block_kind(block)
            pause = PAUSES[kind]
            if kind == "cell" and entry is not None and entry is entry.parent.children[-1] \
                    and entry.index(block) == len(entry.children) - 1:
                pause = PAUSES["row"]
        script.append(Utterance(node["ids"][0], blocks[id(block)], _shown(_tidy(
            list(_spoken_pieces(node)))), pieces, pause))
    _figures_after_captions(script, doctree)
    # Paragraphs numbered in reading order (previous/next paragraph in the player).
    order: dict[int, int] = {}
    for utterance in script:
        utterance.block = order.setdefault(utterance.block, len(order))
    return script


def _figures_after_captions(script: list[Utterance], doctree: nodes.document) -> None:
    """A figure is introduced by its caption, then described: move each image after it."""
    for figure in doctree.findall(nodes.figure):
        image_ids = [i for img in figure.findall(nodes.image) for i in img["ids"]
                     if i.startswith(ID_PREFIX)]
        caption_ids = [s["ids"][0] for cap in figure.findall(nodes.caption)
                       for s in cap.findall(speech_sentence)]
        if not image_ids or not caption_ids:
            continue
        moved = [u for u in script if u.id in image_ids]
        rest = [u for u in script if u.id not in image_ids]
        last = max(i for i, u in enumerate(rest) if u.id in caption_ids)
        script[:] = rest[: last + 1] + moved + rest[last + 1 :]


# --- the speech builder --------------------------------------------------------------------

class SpeechBuilder(Builder):
    """Write each page's reading script as JSON (``tools.publish.audio`` speaks it)."""

    name = "speech"
    format = "html"  # the HTML post-transforms run, so ids match the website's
    epilog = "The reading scripts are in %(outdir)s."
    allow_parallel = True
    math_renderer_name = "mathjax"  # asked of every HTML-format builder; math is read as text

    def init(self) -> None:
        pass

    def get_outdated_docs(self) -> Iterator[str]:
        # Every script is rewritten: it is cheap, and the audio step caches per sentence.
        yield from sorted(self.env.found_docs)

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return docname + ".html"

    def prepare_writing(self, docnames: set[str]) -> None:
        pass

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        script = [asdict(u) for u in utterances(doctree, _labels_key(self.config))]
        target = Path(self.outdir, docname + ".json")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({"page": docname, "edition": self.config.speech_edition,
                                      "sentences": script}, ensure_ascii=False, indent=1),
                          encoding="utf-8")

    def finish(self) -> None:
        pass


# --- the player ----------------------------------------------------------------------------

def on_config_inited(app: Sphinx, config: Config) -> None:
    if not config.speech_edition:
        config.speech_edition = "easy" if app.tags.has("easy") else "ja"


def _labels_key(config: Config) -> str:
    return "easy" if config.speech_edition == "easy" else "standard"


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Offer the player on pages with sentences and audio (the downloads list, read from the
    site being built, says which pages have it: no request for timings that are not there)."""
    audio = getattr(app.config, "downloads_audio", None)
    if (doctree is None or not any(True for _ in doctree.findall(speech_sentence))
            or (audio is not None and pagename not in audio)):
        context["speech_player"] = None
        return
    labels = PLAYER_LABELS[_labels_key(app.config)]
    up = "../" * pagename.count("/")
    root = app.config.speech_audio_url.rstrip("/")
    context["speech_player"] = {
        "src": f"{up}{root}/{app.config.speech_edition}/{pagename}.json",
        "labels": labels,
        "speeds": list(zip(SPEEDS, labels["speeds"].split("|"), strict=True)),
        "licence_url": LICENCE_URL,
        "voice_url": VOICE_URL,
    }


def setup(app: Sphinx) -> dict[str, Any]:
    # The editions' HTML is published in site/<edition>/, the audio in site/audio/<edition>/.
    app.add_config_value("speech_audio_url", "../audio", "html", types=frozenset({str}))
    app.add_config_value("speech_edition", "", "env", types=frozenset({str}))
    app.connect("config-inited", on_config_inited)
    app.add_node(speech_sentence, html=(html_visit_speech_sentence, html_depart_speech_sentence))
    app.add_post_transform(MarkSentences)
    app.add_builder(SpeechBuilder)
    app.connect("html-page-context", on_html_page_context)
    app.add_css_file("read-aloud.css", priority=700)
    app.add_js_file("read-aloud.js", priority=700, defer="defer")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

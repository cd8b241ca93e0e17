"""alt-lint: check text alternatives of images in MyST pages, catalogs, SVG files and HTML.

Codes:
  ALT001 image without alt text
  ALT002 decorative image not marked as such, or marked but with alt text / no empty alt
  ALT003 placeholder alt (画像, 図, 写真, image, photo, a file name, only digits)
  ALT004 alt shorter than --min-length characters (default 10)
  ALT005 alt longer than --max-length characters (default 150): put the detail in a long
         description (the caption, the text, or the SVG's <desc>)
  ALT006 alt identical to the caption (say what the image shows, not its title)
  ALT101 SVG without <title>            ALT102 SVG diagram (text labels) without <desc>
  ALT103 SVG with role="img" and no accessible name (aria-label, aria-labelledby, <title>)
  ALT201 link whose only content is an image with no accessible name

Decorative images are explicit: ``:class: decorative`` with an empty ``:alt:`` on a MyST
image or figure (``![](src){.decorative}`` inline); in HTML ``alt=""`` with class
``decorative``, ``role="presentation"``/``"none"`` or ``aria-hidden="true"``.

Catalogs: Sphinx extracts alt text as an ordinary message and marks nothing, so an entry
is alt text when its msgid is the alt of an image in the page its ``#:`` line names; its
msgstr gets ALT003-ALT006 (ALT006 against the caption's msgstr).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from xml.parsers import expat

from tools.diagnostics import Diagnostic, InputError, command, display_path, run
from tools.furigana.notation import plain
from tools.textsources import catalog_entries, resolve_occurrence, scan_myst_file

SUFFIXES = (".md", ".po", ".svg", ".html")
DECORATIVE = "decorative"
PLACEHOLDER_WORDS = {
    "画像", "図", "図表", "写真", "イメージ", "イラスト", "アイコン", "ロゴ", "グラフ", "スクリーンショット",
    "image", "img", "photo", "picture", "pic", "figure", "fig", "graphic", "icon", "logo",
    "screenshot", "chart", "diagram", "alt", "todo", "tbd",
}
PLACEHOLDER = re.compile(
    rf"^(?:{'|'.join(sorted(map(re.escape, PLACEHOLDER_WORDS), key=len, reverse=True))})"
    r"[\s_\-.0-9０-９]*$", re.IGNORECASE)
FILE_NAME = re.compile(r"^\S+\.(?:png|jpe?g|gif|svg|webp|bmp|tiff?|avif|pdf)$", re.IGNORECASE)
ONLY_DIGITS = re.compile(r"^[\s\d０-９._\-#]+$")


def _squash(text: str) -> str:
    return "".join(plain(text).split())


def text_problems(alt: str, *, src: str = "", caption: str | None = None,
                  min_length: int = 10, max_length: int = 150) -> list[tuple[str, str]]:
    """Problems of a non-empty alt text: (code, message)."""
    text = alt.strip()
    stem = PurePosixPath(src).name if src else ""
    if (PLACEHOLDER.match(text) or FILE_NAME.match(text) or ONLY_DIGITS.match(text)
            or (stem and text in (stem, PurePosixPath(stem).stem))):
        return [("ALT003", f"placeholder alt text {text!r}: describe what the image shows")]
    problems = []
    if len(text) < min_length:
        problems.append(("ALT004", f"alt text {text!r} is shorter than {min_length} characters"))
    if len(text) > max_length:
        problems.append(("ALT005", (f"alt text is {len(text)} characters (over {max_length}): "
                          "keep it short and put the detail in a long description "
                          "(caption, text or SVG <desc>)")))
    if caption and _squash(caption) == _squash(text):
        problems.append(("ALT006", ("alt text repeats the caption: describe what the image "
                          "shows, the caption already gives its title")))
    return problems


def check_image(alt: str | None, decorative: bool, *, src: str, caption: str | None,
                args: argparse.Namespace) -> list[tuple[str, str]]:
    """Rules for one image whose alt is *alt* (None: no alt at all)."""
    if decorative:
        if alt:
            return [("ALT002", "image marked decorative has alt text: remove one or the other")]
        if alt is None:
            return [("ALT002", ("decorative image needs an empty alt (`:alt:` with no value), "
                      "otherwise the file name is used"))]
        return []
    if alt is None:
        return [("ALT001", ("image without alt text (add :alt:, or mark a decorative image "
                  "with :class: decorative and an empty :alt:)"))]
    if not alt.strip():
        return [("ALT002", ("empty alt text on an image not marked decorative "
                  "(add :class: decorative if it is)"))]
    return text_problems(alt, src=src, caption=caption, min_length=args.min_length,
                         max_length=args.max_length)


def check_myst(path: Path, args: argparse.Namespace) -> list[Diagnostic]:
    name = display_path(path)
    out = []
    for image in scan_myst_file(path).images:
        decorative = DECORATIVE in image.classes
        alt = image.alt
        if image.kind == "markdown" and not alt:
            # ![](src) has no alt text unless it is marked decorative: ![](src){.decorative}
            alt = "" if decorative else None
        line, col = (image.alt_line, image.alt_col + 1) if image.alt else (image.line,
                                                                          image.col + 1)
        for code, message in check_image(alt, decorative, src=image.src, caption=image.caption,
                                         args=args):
            out.append(Diagnostic(name, line, col, code, message))
    return out


def check_catalog(path: Path, args: argparse.Namespace) -> list[Diagnostic]:
    name = display_path(path)
    entries = catalog_entries(path)
    by_msgid = {item.entry.msgid: item.entry.msgstr for item in entries}
    out = []
    for item in entries:
        if item.kind != "alt" or not item.entry.msgstr:
            continue
        caption = None
        for occurrence, _ in item.entry.occurrences:
            for source in _sources(path, occurrence):
                for image in scan_myst_file(source).images:
                    if image.alt == item.entry.msgid and image.caption:
                        caption = by_msgid.get(image.caption) or None
        for code, message in text_problems(item.entry.msgstr, caption=caption,
                                           min_length=args.min_length,
                                           max_length=args.max_length):
            out.append(Diagnostic(name, item.msgstr_line, 1, code, message))
    return out


def _sources(catalog: Path, occurrence: str) -> list[Path]:
    found = resolve_occurrence(catalog, occurrence)
    return [found] if found and found.suffix == ".md" else []


def check_svg(path: Path, args: argparse.Namespace) -> list[Diagnostic]:
    """Standalone SVG: a <title> child of the root, a <desc> when it has text labels, and
    an accessible name for role="img"."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc}") from exc
    parser = expat.ParserCreate(namespace_separator=" ")
    depth = 0
    root: dict | None = None
    ids: dict[str, str] = {}
    stack: list[dict] = []
    labels = 0
    capture: list[str] | None = None

    def local(tag: str) -> str:
        return tag.rsplit(" ", 1)[-1]

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal depth, root, labels, capture
        tag = local(tag)
        element = {"tag": tag, "attrs": attrs, "line": parser.CurrentLineNumber,
                   "col": parser.CurrentColumnNumber + 1, "text": [], "title": None}
        if root is None:
            root = element
        if tag == "text":
            labels += 1
        stack.append(element)
        depth += 1

    def end(tag: str) -> None:
        nonlocal depth
        element = stack.pop()
        depth -= 1
        text = "".join(element["text"]).strip()
        if "id" in element["attrs"]:
            ids[element["attrs"]["id"]] = text
        if element["tag"] in ("title", "desc") and stack:
            stack[-1][element["tag"]] = text
        if stack and element["tag"] not in ("title", "desc"):
            stack[-1]["text"].append(text)

    def chars(data: str) -> None:
        if stack:
            stack[-1]["text"].append(data)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise InputError(f"{path}:{exc.lineno}:{exc.offset + 1}: not well-formed XML: "
                         f"{expat.ErrorString(exc.code)}") from exc
    name = display_path(path)
    if root is None or root["tag"] != "svg":
        raise InputError(f"{path}: the root element is not <svg>")
    out = []
    line, col = root["line"], root["col"]
    title = root.get("title")
    if not title:
        out.append(Diagnostic(name, line, col, "ALT101", "SVG without a <title> (its short "
                              "text alternative; make it the first child of <svg>)"))
    elif PLACEHOLDER.match(title) or FILE_NAME.match(title):
        out.append(Diagnostic(name, line, col, "ALT003", f"placeholder SVG <title> {title!r}"))
    if labels >= 2 and not root.get("desc"):
        out.append(Diagnostic(name, line, col, "ALT102", f"SVG diagram ({labels} text labels) "
                              "without a <desc> describing it"))
    if root["attrs"].get("role") == "img" and not _svg_name(root["attrs"], ids, title):
        out.append(Diagnostic(name, line, col, "ALT103", 'SVG with role="img" has no '
                              "accessible name (aria-label, aria-labelledby or <title>)"))
    return out


def _svg_name(attrs: dict[str, str], ids: dict[str, str], title: str | None) -> bool:
    if attrs.get("aria-label", "").strip():
        return True
    if "aria-labelledby" in attrs:
        return any(ids.get(ref, "").strip() for ref in attrs["aria-labelledby"].split())
    return bool(title)


class _HtmlAlt(HTMLParser):
    """Images, image links, inline SVG and figures of a built page."""

    def __init__(self, name: str, args: argparse.Namespace) -> None:
        super().__init__(convert_charrefs=True)
        self.name, self.args = name, args
        self.found: list[Diagnostic] = []
        self.links: list[dict] = []
        self.svgs: list[dict] = []
        self.figures: list[dict] = []
        self.caption: list[str] | None = None
        self.hidden = 0  # inside <rt>/<rp>, headerlinks: not caption text
        self.title_of: dict | None = None

    def _add(self, pos: tuple[int, int], code: str, message: str) -> None:
        self.found.append(Diagnostic(self.name, pos[0], pos[1] + 1, code, message))

    def handle_starttag(self, tag: str, attrs_list: list) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        pos = self.getpos()
        if tag == "img":
            self._image(attrs, pos)
        elif tag == "a":
            self.links.append({"pos": pos, "attrs": attrs, "text": "", "images": 0,
                               "named_images": 0})
            if "headerlink" in attrs.get("class", ""):
                self.hidden += 1  # the ¶ permalink is not part of a caption
        elif tag == "svg":
            self.svgs.append({"pos": pos, "attrs": attrs, "title": "", "depth": 0})
            if self.links:
                self.links[-1]["images"] += 1
        elif tag == "title" and self.svgs:
            self.title_of = self.svgs[-1]
        elif tag == "figure":
            self.figures.append({"alt": None, "caption": ""})
        elif tag == "figcaption" and self.figures:
            self.caption = []
        elif tag in ("rt", "rp"):
            self.hidden += 1
        if self.svgs and tag != "svg":
            self.svgs[-1]["depth"] += 1

    def _image(self, attrs: dict[str, str], pos: tuple[int, int]) -> None:
        alt = attrs.get("alt")
        decorative = (DECORATIVE in attrs.get("class", "").split()
                      or attrs.get("role") in ("presentation", "none")
                      or attrs.get("aria-hidden") == "true")
        caption = None
        if self.figures:
            self.figures[-1]["alt"] = alt
        if self.links:
            self.links[-1]["images"] += 1
            if (alt or "").strip() or attrs.get("aria-label", "").strip():
                self.links[-1]["named_images"] += 1
        for code, message in check_image(alt, decorative, src=attrs.get("src", ""),
                                         caption=caption, args=self.args):
            self._add(pos, code, message)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.links:
            link = self.links.pop()
            named = (link["text"].strip() or link["named_images"]
                     or link["attrs"].get("aria-label", "").strip()
                     or link["attrs"].get("aria-labelledby") or link["attrs"].get("title"))
            if link["images"] and not named:
                self._add(link["pos"], "ALT201", "image link without an accessible name "
                          "(give the image alt text or the link aria-label)")
            if self.links:
                self.links[-1]["text"] += link["text"]
            if "headerlink" in link["attrs"].get("class", "") and self.hidden:
                self.hidden -= 1
        elif tag == "title":
            self.title_of = None
        elif tag == "svg" and self.svgs:
            svg = self.svgs.pop()
            attrs = svg["attrs"]
            if attrs.get("role") == "img" and not (
                    attrs.get("aria-label", "").strip() or attrs.get("aria-labelledby")
                    or svg["title"].strip()):
                self._add(svg["pos"], "ALT103", 'inline SVG with role="img" has no accessible '
                          "name (aria-label, aria-labelledby or <title>)")
            if self.links and (svg["title"].strip() or attrs.get("aria-label")):
                self.links[-1]["named_images"] += 1
        elif tag == "figcaption" and self.figures and self.caption is not None:
            self.figures[-1]["caption"] = "".join(self.caption)
            self.caption = None
        elif tag == "figure" and self.figures:
            figure = self.figures.pop()
            if figure["alt"] and figure["caption"] and \
                    _squash(figure["alt"]) == _squash(figure["caption"]):
                self._add(self.getpos(), "ALT006", "alt text repeats the caption")
        elif tag in ("rt", "rp") and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if self.links:
            self.links[-1]["text"] += data
        if self.title_of is not None:
            self.title_of["title"] += data
        if self.caption is not None and not self.hidden:
            self.caption.append(data)


def check_html(path: Path, args: argparse.Namespace) -> list[Diagnostic]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from exc
    checker = _HtmlAlt(display_path(path), args)
    checker.feed(text)
    checker.close()
    return checker.found


CHECKS = {".md": check_myst, ".po": check_catalog, ".svg": check_svg, ".html": check_html}


def check_file(path: Path, args: argparse.Namespace) -> list[Diagnostic]:
    check = CHECKS.get(path.suffix)
    if check is None:
        raise InputError(f"{path}: not a .md, .po, .svg or .html file")
    return check(path, args)


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--min-length", type=int, default=10, metavar="N",
                        help="shortest useful alt text in characters (default: 10)")
    parser.add_argument("--max-length", type=int, default=150, metavar="N",
                        help="longest alt text before a long description is needed "
                        "(default: 150)")


@command
def main(argv: Sequence[str] | None = None) -> int:
    return run("alt-lint", __doc__.splitlines()[0], SUFFIXES, check_file, argv, _arguments)


if __name__ == "__main__":
    sys.exit(main())

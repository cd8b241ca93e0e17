"""One stylesheet and one script per page instead of seven of each.

A furo page links seven stylesheets in ``<head>`` (each render-blocking) and seven
scripts: sixteen requests with the figure, where a phone on a slow line pays a round
trip for each. This extension joins a page's local stylesheets, in their order, into
``_static/bundle-<id>.css`` and its local scripts into ``_static/bundle-<id>.js``, which
stays where furo puts its scripts, at the end of ``<body>`` (not render-blocking).
It is not deferred: measured with Lighthouse (mobile), ``defer`` moved the scripts'
start-up and the full-page layout it forces to after the first paint, where it counts as
blocking time (TBT 150–350 ms on pages that had 10–50 ms, scores 92–96 instead of 100).
Inline scripts (furo's theme choice, the reader tools' saved settings) stay where they
are, so the page is painted with the reader's choices. ``pygments.css`` is left out of
pages that show no highlighted code.

The bundles are made from the files Sphinx has already copied into the output (its
assets are copied before the pages are written). Each bundle names its parts in its
first line, and every bundle in ``_static/`` is made again when the build finishes, so
an edited stylesheet reaches pages that were not rewritten. Only the ``html`` and
``dirhtml`` builders bundle: EPUB lists its files itself and singlehtml feeds the PDFs.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders.html._assets import _CascadingStyleSheet, _JavaScript

if TYPE_CHECKING:
    from sphinx.application import Sphinx

BUILDERS = ("html", "dirhtml")
HEADER = re.compile(r"^/\* bundle of: (.*) \*/\n")
_SOURCE_MAP = re.compile(r"^[ \t]*(?://# sourceMappingURL=.*|/\*# sourceMappingURL=.*?\*/)[ \t]*$",
                         re.MULTILINE)
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


def _is_local(filename: str) -> bool:
    return bool(filename) and "://" not in filename and not filename.startswith("/")


def _rebase_urls(css: str, source: str) -> str:
    """Rewrite relative ``url()`` of a stylesheet at _static/*source* for one in _static/."""
    folder = posixpath.dirname(source)
    if not folder:
        return css

    def rebase(match: re.Match[str]) -> str:
        quote, url = match.groups()
        if re.match(r"[a-z][a-z0-9+.-]*:|/|#", url, re.IGNORECASE):
            return match.group(0)
        return f"url({quote}{posixpath.normpath(posixpath.join(folder, url))}{quote})"

    return _CSS_URL.sub(rebase, css)


def bundle_text(static: Path, parts: list[str], kind: str) -> str:
    """The text of a bundle of *parts* (paths relative to *static*), first line naming them."""
    texts = []
    for part in parts:
        text = _SOURCE_MAP.sub("", (static / part).read_text(encoding="utf-8"))
        if kind == "css":
            if "@import" in text:
                raise ValueError(f"{part}: @import cannot be bundled")
            text = _rebase_urls(text, part)
        texts.append(f"/* {part} */\n{text.strip()}\n")
    # A separator keeps one script's last statement from running into the next one's first.
    joiner = "\n" if kind == "css" else ";\n"
    return f"/* bundle of: {' '.join(parts)} */\n" + joiner.join(texts)


def bundle_name(parts: list[str], kind: str) -> str:
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:10]
    return f"bundle-{digest}.{kind}"


def write_bundle(static: Path, parts: list[str], kind: str) -> str:
    """Write the bundle of *parts* into *static* (if its text changed); return its name."""
    name = bundle_name(parts, kind)
    path = static / name
    text = bundle_text(static, parts, kind)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        tmp = path.with_name(f".{name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    return name


def _static_name(filename: str) -> str | None:
    """The asset's path under _static/ (Sphinx names them relative to it, or with _static/)."""
    name = filename.removeprefix("_static/")
    return name if _is_local(name) else None


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if app.builder.name not in BUILDERS:
        return
    static = Path(app.outdir) / "_static"
    body = context.get("body") or ""

    styles, other_styles = [], []
    for css in context.get("css_files", []):
        if not isinstance(css, _CascadingStyleSheet):  # a plain string from html_context
            other_styles.append(css)
            continue
        name = _static_name(str(css.filename))
        media = css.attributes.get("media")
        if name is None or media not in (None, "all") or not (static / name).is_file():
            other_styles.append(css)
        elif name == "pygments.css" and 'class="highlight' not in body:
            continue  # nothing on this page to colour
        else:
            styles.append(css)
    if styles:
        parts = [_static_name(str(css.filename)) for css in sorted(styles, key=lambda c: c.priority)]
        name = write_bundle(static, parts, "css")
        first = min(css.priority for css in styles)
        context["css_files"] = [_CascadingStyleSheet(f"_static/{name}", priority=first),
                                *other_styles]

    scripts, kept = [], []
    for js in context.get("script_files", []):
        if not isinstance(js, _JavaScript) or not js.filename:  # inline, or a plain string
            kept.append(js)
            continue
        name = _static_name(str(js.filename))
        plain = set(js.attributes) <= {"defer"}  # not async, a module or with an integrity hash
        if name and plain and (static / name).is_file():
            scripts.append(js)
        else:
            kept.append(js)
    if scripts:
        parts = [_static_name(str(js.filename)) for js in sorted(scripts, key=lambda j: j.priority)]
        name = write_bundle(static, parts, "js")
        # Not deferred (see the module's docstring); it takes its first part's place.
        first = min(js.priority for js in scripts)
        context["script_files"] = [*kept, _JavaScript(f"_static/{name}", priority=first)]


def remake_bundles(app: Sphinx, exception: Exception | None) -> None:
    """Make every bundle again from its parts: pages not rewritten this build use them too."""
    if exception is not None or app.builder.name not in BUILDERS:
        return
    static = Path(app.outdir) / "_static"
    for path in sorted(static.glob("bundle-*.*")):
        match = HEADER.match(path.read_text(encoding="utf-8"))
        parts = match.group(1).split(" ") if match else []
        if parts and all((static / part).is_file() for part in parts):
            write_bundle(static, parts, path.suffix.removeprefix("."))
        else:
            path.unlink()  # its parts are gone: no page of this build can use it


def setup(app: Sphinx) -> dict[str, Any]:
    # Last, when every extension has added its files to the page.
    app.connect("html-page-context", on_html_page_context, priority=1000)
    app.connect("build-finished", remake_bundles)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

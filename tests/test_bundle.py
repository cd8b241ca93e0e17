"""tools/sphinxext/bundle.py: one stylesheet and one script per page, kept current."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

from conftest import ROOTS, soup
from sphinx.testing.util import SphinxTestApp


def _build(src: Path, out: Path, builder: str = "html") -> str:
    warnings = StringIO()
    app = SphinxTestApp(builder, srcdir=src, builddir=out, status=StringIO(), warning=warnings)
    try:
        app.build()
    finally:
        app.cleanup()
    return warnings.getvalue()


def _bundle(page: Path, kind: str) -> tuple[str, str]:
    tag = "link" if kind == "css" else "script"
    attribute = "href" if kind == "css" else "src"
    (found,) = [t for t in soup(page).find_all(tag) if "bundle-" in t.get(attribute, "")]
    name = found[attribute].split("?")[0]
    return name, (page.parent / name).read_text(encoding="utf-8")


def test_pages_load_one_bundle_of_each_kind(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-bundle", src)
    assert _build(src, tmp_path / "out") == ""
    html = tmp_path / "out" / "html"
    index = soup(html / "index.html")
    sheets = [link["href"].split("?")[0] for link in index.find_all("link", rel="stylesheet")]
    # What cannot be joined stays: another medium, another server.
    assert sheets[1:] == ["_static/media.css", "https://example.org/remote.css"]
    name, css = _bundle(html / "index.html", "css")
    assert css.splitlines()[0] == (
        "/* bundle of: pygments.css basic.css site.css sub/deep.css */")
    assert 'url("sub/icon.svg")' in css and "url(data:image/png;base64,AAAA)" in css
    assert "sourceMappingURL" not in css
    # A page without highlighted code gets the same bundle without Pygments.
    plain_name, plain_css = _bundle(html / "plain.html", "css")
    assert plain_name != name and "pygments.css" not in plain_css.splitlines()[0]

    scripts = index.find_all("script", src=True)
    (bundle,) = [s for s in scripts if "bundle-" in s["src"]]
    assert not bundle.has_attr("defer")  # at the end of <body>, before DOMContentLoaded
    assert [s["src"].split("?")[0] for s in scripts if s is not bundle] == ["_static/module.js"]
    _, js = _bundle(html / "index.html", "js")
    assert js.splitlines()[0].endswith("documentation_options.js doctools.js "
                                       "sphinx_highlight.js tool.js */")
    # Each script ends its last statement before the next begins (tool.js has no semicolon).
    assert ";\n/* tool.js */\nwindow.toolLoaded" in js
    assert "sourceMappingURL" not in js


def test_an_edited_stylesheet_reaches_pages_that_were_not_rewritten(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-bundle", src)
    _build(src, tmp_path / "out")
    html = tmp_path / "out" / "html"
    page_before = (html / "plain.html").read_text(encoding="utf-8")
    (src / "_static" / "site.css").write_text("body { color: navy; }\n", encoding="utf-8")
    assert _build(src, tmp_path / "out") == ""
    assert (html / "plain.html").read_text(encoding="utf-8") == page_before  # not rewritten
    _, css = _bundle(html / "plain.html", "css")
    assert "color: navy" in css and "color: black" not in css


def test_singlehtml_and_epub_keep_their_files(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-bundle", src)
    _build(src, tmp_path / "out", "singlehtml")
    page = soup(tmp_path / "out" / "singlehtml" / "index.html")
    sheets = [link["href"].split("?")[0] for link in page.find_all("link", rel="stylesheet")]
    assert "_static/site.css" in sheets
    assert not list((tmp_path / "out" / "singlehtml" / "_static").glob("bundle-*"))

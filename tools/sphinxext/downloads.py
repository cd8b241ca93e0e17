"""List the downloadable files in every page's sidebar, with format and size in words.

The PDFs, EPUBs and text editions (and each page's own MP3, when the audio stage made
one) are built before the HTML (``python -m tools.publish.build``), so their sizes are
known: :func:`tools.outputs.downloads` lists the files found in the site folder being
assembled (``downloads_site``; default ``<build root>/site``), and
:func:`tools.outputs.audio_downloads` each page's audio with its duration. Pages are
published in ``site/<edition>/``, so a page links ``../`` per folder level, then
``../<format>/<file>``. The lists are rendered by ``_templates/sidebar/downloads.html``,
grouped by format (印刷用PDF, 電子書籍（EPUB）, テキスト版, 音声), with the easy edition's
kana words. They are stored in config values that rebuild HTML, so a warm build
rewrites every page when a file changed size.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from tools.outputs import FORMATS, audio_downloads, downloads

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC = Path(__file__).resolve().parent / "data" / "downloads"


def relative(pagename: str, path: str) -> str:
    """The URL of site file *path* from page *pagename* (``site/<edition>/<pagename>.html``)."""
    return "../" * (pagename.count("/") + 1) + path


def groups(pagename: str, files: list[dict[str, str]], audio: dict[str, dict[str, str]],
           kana: bool) -> list[dict[str, Any]]:
    """The sidebar's lists, one per format in FORMATS order, with URLs for *pagename*."""
    own = [audio[pagename]] if pagename in audio else []
    found = []
    for key, fmt in FORMATS.items():
        chosen = [f for f in files if f["format"] == key] + [f for f in own if f["format"] == key]
        if chosen:
            found.append({
                "key": key,
                "title": fmt.kana_title if kana else fmt.title,
                "files": [{**f, "url": relative(pagename, f["path"])} for f in chosen],
            })
    return found


def _entry(download: Any, kana: bool) -> dict[str, str]:
    return {"path": download.path, "format": download.format, "type": download.media_type,
            "text": download.kana_link_text if kana else download.link_text,
            "size": download.size_label}


def on_config_inited(app: Sphinx, config: Config) -> None:
    # The HTML is built into <build root>/html/<edition> (tools.publish.build) and the files
    # are published in <build root>/site; an explicit folder wins.
    site = (Path(config.downloads_site) if config.downloads_site
            else Path(app.outdir).resolve().parents[1] / "site")
    edition = "easy" if app.tags.has("easy") else "ja"
    kana = config.downloads_kana
    config.downloads_files = [_entry(d, kana) for d in downloads(site=site)]
    config.downloads_audio = {page: _entry(d, kana)
                              for page, d in audio_downloads(site, edition).items()}


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    config = app.config
    context["downloads_groups"] = groups(pagename, config.downloads_files,
                                         config.downloads_audio, config.downloads_kana)
    context["downloads_title"] = config.downloads_title


def on_builder_inited(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("downloads_site", "", "html", types=frozenset({str}))
    app.add_config_value("downloads_kana", False, "html", types=frozenset({bool}))
    app.add_config_value("downloads_title", "ダウンロード", "html", types=frozenset({str}))
    app.add_config_value("downloads_files", [], "html", types=frozenset({list}))
    app.add_config_value("downloads_audio", {}, "html", types=frozenset({dict}))
    app.connect("config-inited", on_config_inited)
    app.connect("builder-inited", on_builder_inited)
    app.connect("html-page-context", on_html_page_context)
    app.add_css_file("downloads.css")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

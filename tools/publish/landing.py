"""Write the site's front door, ``_build/site/index.html``: choose an edition or a download.

A static page without scripts (under the same Content Security Policy as the editions,
with the site's favicon beside it): one ``h1``, a list of the editions that were built
(``ja/`` and ``easy/``) and the downloadable files by format — print PDFs, EPUB books,
text editions and each page's audio — read from the site folder by :mod:`tools.outputs`,
so a link appears only when its file exists, with its format and size in words. Written
by the build pipeline (``tools.publish.build``) into the staged site.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from dataclasses import dataclass
from html import escape
from pathlib import Path

from tools import ROOT
from tools.diagnostics import command
from tools.outputs import FORMATS, Download, audio_downloads, downloads
from tools.sphinxext.csp import META as CSP_META

FAVICON = ROOT / "_static" / "favicon.svg"  # the same icon as the editions' (conf.py)

TITLE = "第5期旭川市地域福祉計画・旭川市社会福祉協議会第7期地域福祉活動計画 骨子（案）"


@dataclass(frozen=True)
class Choice:
    folder: str
    name: str
    description: str


# Edition folders in the order a reader should see them. The easy edition's texts use
# kana only, so they need no ruby here.
CHOICES: tuple[Choice, ...] = (
    Choice("ja", "標準版（ふつうの にほんご）", "計画の文章を、原文のとおりに読めます。"),
    Choice("easy", "やさしい にほんご", "みじかい ぶんで かいて います。かんじに ふりがなが あります。"),
)

STYLE = """
:root { color-scheme: light; }
body { margin: 0; font-family: "BIZ UDPGothic", "BIZ UDGothic", sans-serif; font-size: 1.125rem;
  line-height: 1.7; letter-spacing: 0.02em; color: #1a1a1a; background: #ffffff; }
main { max-width: 44rem; margin: 0 auto; padding: 2rem 1rem 3rem; }
h1 { font-size: 1.6rem; line-height: 1.4; margin: 0 0 1rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.75rem; }
ul { list-style: none; padding: 0; margin: 0; }
li { margin: 0 0 1rem; }
li li { margin: 0.5rem 0 0 1.25rem; list-style: disc; }
a { color: #0645ad; }
.choice { display: block; padding: 1rem 1.25rem; border: 2px solid #0645ad; border-radius: 0.5rem;
  text-decoration: none; }
.choice:hover .name { text-decoration: underline; }
.name { display: block; font-size: 1.3rem; font-weight: bold; }
.description { display: block; color: #1a1a1a; }
a:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 3px; }
"""


# Headings of the download lists; the page serves both editions, so kana follows kanji.
HEADINGS = {
    "pdf": "印刷用のPDF（いんさつようの ピーディーエフ）",
    "epub": "電子書籍 EPUB（でんし しょせき）",
    "text": "テキスト版（テキストばん）",
    "audio": "音声（おんせい）",
}


@dataclass(frozen=True)
class AudioPage:
    """One page's audio on the landing page: the file and the page's title (HTML, ruby kept)."""

    edition: str  # folder: ja, easy
    title_html: str
    download: Download


def _link(path: str, media_type: str, text_html: str) -> str:
    return f'<a href="{escape(path)}" type="{escape(media_type)}">{text_html}</a>'


def render(editions: list[str], downloads: list[Download],
           audio: list[AudioPage] | None = None) -> str:
    """The landing page for the built *editions*, *downloads* and pages' *audio*."""
    items = "\n".join(
        f'      <li><a class="choice" href="{escape(c.folder)}/index.html">'
        f'<span class="name">{escape(c.name)}</span>'
        f'<span class="description">{escape(c.description)}</span></a></li>'
        for c in CHOICES if c.folder in editions
    )
    sections = []
    for key in FORMATS:
        links = [f"        <li>{_link(d.path, d.media_type, escape(d.link_text))}</li>"
                 for d in downloads if d.format == key]
        if key == "audio" and audio:
            for choice in CHOICES:
                pages = [a for a in audio if a.edition == choice.folder]
                if not pages:
                    continue
                inner = "\n".join(
                    f"            <li>{_link(a.download.path, a.download.media_type, a.title_html)}"
                    f" {escape(a.download.format_text())}</li>" for a in pages)
                links.append(f"        <li>{escape(choice.name)}\n          <ul>\n{inner}\n"
                             f"          </ul>\n        </li>")
        if links:
            joined = "\n".join(links)
            sections.append(f"""
    <section aria-labelledby="{key}-heading">
      <h2 id="{key}-heading">{escape(HEADINGS[key])}</h2>
      <ul>
{joined}
      </ul>
    </section>""")
    return f"""<!DOCTYPE html>
<html lang="ja">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  {CSP_META}
  <link rel="icon" href="{FAVICON.name}" type="image/svg+xml">
  <title>{escape(TITLE)}</title>
  <style>{STYLE}</style>
</head>
<body>
  <main>
    <h1>{escape(TITLE)}</h1>
    <p>旭川市と旭川市社会福祉協議会がつくる計画の骨子（案）です。読みやすい版を選んでください。</p>
    <nav aria-labelledby="editions-heading">
      <h2 id="editions-heading">版を選ぶ（はんを えらぶ）</h2>
      <ul>
{items}
      </ul>
    </nav>{"".join(sections)}
  </main>
</body>
</html>
"""


_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.DOTALL)
_HEADERLINK = re.compile(r'<a class="headerlink".*?</a>', re.DOTALL)
_TAG = re.compile(r"</?(?!(?:ruby|rt|rp)\b)[a-z][^>]*>")
_PAGE_LINK = re.compile(r'<a class="reference internal" href="([^"#]+)\.html"')


def page_title(page: Path) -> str:
    """The ``h1`` of a built page as HTML: its text with ruby kept, links and anchors left out."""
    match = _H1.search(page.read_text(encoding="utf-8")) if page.is_file() else None
    if not match:
        return escape(page.stem)
    return _TAG.sub("", _HEADERLINK.sub("", match.group(1))).strip()


def audio_pages(site: Path) -> list[AudioPage]:
    """Each edition's pages that have audio, in the order of the edition's contents."""
    found = []
    for choice in CHOICES:
        audio = audio_downloads(site, choice.folder)
        index = site / choice.folder / "index.html"
        order = (["index", *_PAGE_LINK.findall(index.read_text(encoding="utf-8"))]
                 if index.is_file() else [])
        ranked = sorted(audio, key=lambda p: (order.index(p) if p in order else len(order), p))
        found += [AudioPage(choice.folder, page_title(site / choice.folder / f"{p}.html"),
                            audio[p]) for p in ranked]
    return found


def write_landing(site: Path) -> Path:
    """Write *site*/index.html for the editions and files found under *site*."""
    editions = [c.folder for c in CHOICES if (site / c.folder / "index.html").is_file()]
    page = site / "index.html"
    icon = site / FAVICON.name
    icon.unlink(missing_ok=True)  # a staged file may be a hard link to the published one
    shutil.copyfile(FAVICON, icon)
    fresh = page.with_name(f".index.html.{os.getpid()}.new")  # two builds may finish at once
    fresh.write_text(render(editions, downloads(site=site), audio_pages(site)), encoding="utf-8")
    fresh.replace(page)  # atomic: readers never see half a page
    return page


@command
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.publish.landing", description=__doc__)
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "_build" / "site")
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        print(f"error: {args.site}: no site folder; run `nox -s build` first", file=sys.stderr)
        return 2
    print(f"wrote {write_landing(args.site)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

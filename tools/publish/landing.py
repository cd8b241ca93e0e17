"""Write the site's front door, ``_build/site/index.html``: choose an edition or a PDF.

A static page without scripts: one ``h1``, a list of the editions that were built
(``ja/`` and ``easy/``) and the published PDFs (read from ``tools.publish.pdf.downloads``,
so a link appears only when its file exists). Called by ``tools.publish.build.build_site``
after the editions are published.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from html import escape
from pathlib import Path

from tools import ROOT

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
a { color: #0645ad; }
.choice { display: block; padding: 1rem 1.25rem; border: 2px solid #0645ad; border-radius: 0.5rem;
  text-decoration: none; }
.choice:hover .name { text-decoration: underline; }
.name { display: block; font-size: 1.3rem; font-weight: bold; }
.description { display: block; color: #1a1a1a; }
a:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 3px; }
"""


def render(editions: list[str], downloads: list[tuple[str, str]]) -> str:
    """The landing page for the built *editions* and *downloads* ((path, link text) pairs)."""
    items = "\n".join(
        f'      <li><a class="choice" href="{escape(c.folder)}/index.html">'
        f'<span class="name">{escape(c.name)}</span>'
        f'<span class="description">{escape(c.description)}</span></a></li>'
        for c in CHOICES if c.folder in editions
    )
    pdf_section = ""
    if downloads:
        pdf_items = "\n".join(
            f'      <li><a href="{escape(path)}" type="application/pdf">{escape(text)}</a></li>'
            for path, text in downloads
        )
        pdf_section = f"""
    <section aria-labelledby="pdf-heading">
      <h2 id="pdf-heading">印刷用のPDF（いんさつようの ピーディーエフ）</h2>
      <ul>
{pdf_items}
      </ul>
    </section>"""
    return f"""<!DOCTYPE html>
<html lang="ja">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
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
    </nav>{pdf_section}
  </main>
</body>
</html>
"""


def write_landing(site: Path) -> Path:
    """Write *site*/index.html for the editions and PDFs found under *site*."""
    from tools.outputs import downloads

    editions = [c.folder for c in CHOICES if (site / c.folder / "index.html").is_file()]
    pdfs = [(d.path, d.link_text) for d in downloads(site.parent)]
    page = site / "index.html"
    fresh = page.with_name(f".index.html.{os.getpid()}.new")  # two builds may finish at once
    fresh.write_text(render(editions, pdfs), encoding="utf-8")
    fresh.replace(page)  # atomic: readers never see half a page
    return page


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

"""Check every link of a built site: internal files, anchors, the edition switcher, the PDFs.

``python -m tools.checks.links _build/site`` reads every ``.html`` under the folder and
follows each ``href``, ``src`` and form ``action`` that stays on the site. Codes:

- LNK001 the linked file does not exist
- LNK002 the linked anchor (``#id``) does not exist in that page
- LNK003 the link climbs out of the site folder
- LNK004 a script URL (``javascript:``)

Links to other sites (``https://…``, ``mailto:``) are not followed. Output is
``path:line:col: CODE message``; exit 0 clean, 1 broken links, 2 no such folder.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tools.diagnostics import Diagnostic, command, display_path, report, select
from tools.errors import InputError

LINK_ATTRIBUTES = {"a": "href", "link": "href", "area": "href", "use": "href", "img": "src",
                   "script": "src", "source": "src", "iframe": "src", "form": "action"}


class _Page(HTMLParser):
    """The ids of one page and its links with their positions."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key) and (key == "id" or tag == "a"):
                self.ids.add(values[key])
        wanted = LINK_ATTRIBUTES.get(tag)
        target = values.get(wanted) if wanted else None
        if tag == "use" and target is None:
            target = values.get("xlink:href")
        if target is not None:
            line, col = self.getpos()
            self.links.append((line, col + 1, target))


@cache
def read_page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def check_page(path: Path, site: Path) -> list[Diagnostic]:
    """The broken links of one page of the site at *site*."""
    shown = display_path(path)
    found = []
    for line, col, url in read_page(path).links:
        parts = urlsplit(url.strip())
        if parts.scheme.lower() in ("javascript", "vbscript"):
            found.append(Diagnostic(shown, line, col, "LNK004", f"script URL {url[:40]!r}"))
            continue
        if parts.scheme or parts.netloc:
            continue  # another site: not followed
        target = path if not parts.path else (path.parent / unquote(parts.path)).resolve()
        if not target.is_relative_to(site):
            found.append(Diagnostic(shown, line, col, "LNK003",
                                    f"{url!r} leads out of the site folder"))
            continue
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            found.append(Diagnostic(shown, line, col, "LNK001",
                                    f"{url!r}: {display_path(target)} does not exist"))
            continue
        anchor = unquote(parts.fragment)
        if anchor and target.suffix == ".html" and anchor not in read_page(target).ids:
            found.append(Diagnostic(shown, line, col, "LNK002",
                                    f"{url!r}: no id {anchor!r} in {display_path(target)}"))
    return found


def check_site(site: Path) -> list[Diagnostic]:
    site = site.resolve()
    if not site.is_dir():
        raise InputError(f"{site}: no such folder; build the site first (`nox -s build`)")
    found: list[Diagnostic] = []
    for path in sorted(site.rglob("*.html")):
        found += check_page(path, site)
    return found


@command
def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.checks.links", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sites", nargs="+", type=Path, metavar="SITE",
                        help="built site folders (e.g. _build/site)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--select", action="append", default=[], metavar="CODE")
    parser.add_argument("--ignore", action="append", default=[], metavar="CODE")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    found: list[Diagnostic] = []
    for site in args.sites:
        found += check_site(site)
    return report(select(found, args.select, args.ignore), args.format)


if __name__ == "__main__":
    sys.exit(main())

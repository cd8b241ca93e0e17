"""Small easy editions for yasashii-check's tests: source pages and catalogs written to disk.

Each message becomes one line of a source page (``# heading``, ``- item``, ``| cell |`` or a
paragraph) and one catalog entry whose occurrence points at that line, so the checker reads
the kind of every message the way it does on the real pages.
"""

from __future__ import annotations

from pathlib import Path

import polib
import yaml

CLEAN = Path(__file__).parent / "data" / "yasashii-clean.yaml"
SOURCE_LINE = {"heading": "# {}", "paragraph": "{}", "item": "- {}", "cell": "| {} |"}


def write_pages(root: Path, pages: dict[str, list[dict[str, str]]]) -> list[Path]:
    """Write src/<page>.md and po/<page>.po under *root*; return the catalogs.

    *pages* maps a page name to its messages: ``{"kind": …, "msgid": …, "msgstr": …}``
    (kind defaults to paragraph).
    """
    catalogs = []
    for page, messages in pages.items():
        source = root / "src" / f"{page}.md"
        source.parent.mkdir(parents=True, exist_ok=True)
        catalog = polib.POFile(wrapwidth=0)
        catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "ja"}
        lines: list[str] = []
        for message in messages:
            lines += [SOURCE_LINE[message.get("kind", "paragraph")].format(message["msgid"]), ""]
            catalog.append(polib.POEntry(msgid=message["msgid"], msgstr=message["msgstr"],
                                         occurrences=[(str(source), str(len(lines) - 1))]))
        source.write_text("\n".join(lines), encoding="utf-8")
        path = root / "po" / f"{page}.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        catalog.save(str(path))
        catalogs.append(path)
    return catalogs


def clean_pages() -> dict[str, list[dict[str, str]]]:
    """The clean fixture: an easy edition written to every house rule."""
    return yaml.safe_load(CLEAN.read_text(encoding="utf-8"))


def one_page(*messages: tuple[str, str] | dict[str, str]) -> dict[str, list[dict[str, str]]]:
    """A page of paragraph messages given as (msgid, msgstr) pairs (or full dicts)."""
    return {"page": [m if isinstance(m, dict) else {"msgid": m[0], "msgstr": m[1]}
                     for m in messages]}

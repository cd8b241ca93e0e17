"""Extract the translatable messages and keep the easy edition's catalogs in step with them.

``python -m tools.catalogs gettext`` writes one ``.pot`` per page into
``_build/gettext``; ``python -m tools.catalogs update`` runs sphinx-intl's
update on them, which creates or refreshes ``locale/easy/ja/LC_MESSAGES/<page>.po``
(new messages untranslated, changed ones fuzzy with the old msgstr kept).

The messages are extracted from the standard edition: the easy edition's
glossary page (docs/glossary.md) is written in easy Japanese and is not
translated, so it has no catalog.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shutil
import sys
import tempfile
from pathlib import Path

from tools import ROOT
from tools.diagnostics import command
from tools.editions import EDITIONS, sphinx_build
from tools.errors import BuildError
from tools.fingerprint import build_inputs

POT_DIR = ROOT / "_build" / "gettext"
EASY_LOCALE = ROOT / "locale" / "easy"
LANGUAGE = "ja"
# The Sphinx-domain catalog of interface labels is written by hand, not extracted.
UI_CATALOGS = frozenset({"sphinx"})


def edition_locale(source: Path | None = None, edition_folder: str = "easy") -> Path:
    """An edition's catalog folder for the pages in *source*: ``<source>/../locale/<folder>``.

    conf.py's ``locale_dirs`` is relative to the source folder in the same way.
    """
    return (source or ROOT / "docs").resolve().parent / "locale" / edition_folder


def catalog_dir(locale: Path = EASY_LOCALE) -> Path:
    """The folder holding one ``.po`` per page."""
    return locale / LANGUAGE / "LC_MESSAGES"


def page_catalogs(locale: Path = EASY_LOCALE) -> list[Path]:
    """The page catalogs (not the interface-label catalog), sorted by page name."""
    folder = catalog_dir(locale)
    return sorted(p for p in folder.rglob("*.po") if p.stem not in UI_CATALOGS)


def occurrence_source(file: str) -> Path:
    """The source page of a catalog occurrence (``../../docs/page.md``) as a project path.

    Occurrences are written relative to wherever the .pot was extracted, so the path is
    cut at its last ``docs`` folder rather than resolved.
    """
    parts = Path(file).parts
    if "docs" in parts:
        index = len(parts) - 1 - parts[::-1].index("docs")
        return ROOT.joinpath(*parts[index:])
    return ROOT / file


# Beside the .pot files: the hash of the inputs they were extracted from.
EXTRACTED_FROM = ".extracted-from"


def extract(
    pot_dir: Path = POT_DIR, build_root: Path | None = None, source: Path | None = None
) -> Path:
    """Write the standard edition's messages as one .pot per page into *pot_dir*.

    Skipped when *pot_dir* holds an extraction from inputs with the same hash: a changed
    catalog alone (a translator's entry, the easy edition's build gate) reads the last one.
    """
    stamp = pot_dir / EXTRACTED_FROM
    pages = (source or ROOT / "docs").resolve()
    key = build_inputs(pages, extra=[str(pages)])  # the standard edition reads no catalog
    try:
        if stamp.read_text(encoding="utf-8") == key and any(pot_dir.glob("*.pot")):
            return pot_dir
    except OSError:
        pass
    stamp.unlink(missing_ok=True)  # a failed or interrupted extraction is not reused
    sphinx_build(EDITIONS["ja"], pot_dir, builder="gettext", build_root=build_root,
                 source=source)
    stamp.write_text(key, encoding="utf-8")
    return pot_dir


def update(pot_dir: Path = POT_DIR, locale: Path = EASY_LOCALE) -> dict[str, int]:
    """Create or refresh the easy edition's .po files from *pot_dir*; return sphinx-intl's counts."""
    from sphinx_intl.basic import update as intl_update

    pages = [p for p in pot_dir.glob("*.pot") if p.stem not in UI_CATALOGS]
    if not pages:
        raise FileNotFoundError(f"{pot_dir}: no .pot files; run `nox -s gettext` first")
    # The gettext builder also writes sphinx.pot (the strings of the project's templates);
    # updating from it would mark the hand-written interface labels obsolete, so only the
    # page templates are handed to sphinx-intl.
    with tempfile.TemporaryDirectory() as tmp:
        for pot in pages:
            shutil.copy2(pot, Path(tmp) / pot.name)
        # sphinx-intl writes one progress line per catalog through click; keep ours short.
        with contextlib.redirect_stdout(io.StringIO()):
            status = intl_update(str(locale), tmp, (LANGUAGE,), jobs=1)
    return status


@command
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.catalogs", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("gettext", "update"))
    parser.add_argument("--pot-dir", type=Path, default=POT_DIR)
    parser.add_argument("--locale", type=Path, default=EASY_LOCALE,
                        help="catalog folder of the edition (default: locale/easy)")
    args = parser.parse_args(argv)
    try:
        if args.command == "gettext":
            extract(args.pot_dir)
            count = len(list(args.pot_dir.glob("*.pot")))
            print(f"extracted {count} page templates into {args.pot_dir}")
        else:
            status = update(args.pot_dir, args.locale)
            print(f"{catalog_dir(args.locale)}: created {status['create']}, "
                  f"updated {status['update']}, unchanged {status['notchanged']}")
    except (BuildError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Live preview of one edition: ``nox -s serve -- [ja|easy]`` (sphinx-autobuild).

Serves the edition on http://127.0.0.1:8000/ and rebuilds it when a page (``docs/``), a
catalog (``locale/``), a stylesheet, script or template (``_static/``, ``_templates/``)
is saved; the browser reloads by itself. Sphinx compiles a saved ``.po`` into its ``.mo``
and re-reads the pages that use it, exactly as in the real build, so a translator sees
an entry as soon as it is saved (the ``.mo`` files are not watched: no rebuild loop).
Before each rebuild of the easy edition the catalogs are checked for mistakes Sphinx
would accept silently (``tools.checks.catalog_check --allow-incomplete``); a broken entry
stops that rebuild with its ``file:line``. Warnings do not stop the preview; the real
build (``nox -s build``) still fails on any.
"""

from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
from pathlib import Path

from tools import ROOT
from tools.catalogs import page_catalogs
from tools.editions import EDITIONS, Edition


def autobuild_argv(edition: Edition, *, root: Path = ROOT, port: int = 8000,
                   host: str = "127.0.0.1", outdir: Path | None = None) -> list[str]:
    """The sphinx-autobuild command line that previews *edition* of the project at *root*."""
    build = root / "_build"
    outdir = outdir or build / "preview" / edition.name
    argv = [sys.executable, "-m", "sphinx_autobuild",
            "-c", str(root), "-d", str(build / "doctrees" / f"preview-{edition.name}"),
            *(arg for tag in edition.tags for arg in ("-t", tag)),
            "--port", str(port), "--host", host]
    for folder in ("locale", "_static", "_templates"):
        argv += ["--watch", str(root / folder)]
    # Sphinx writes the .mo next to the .po; editors write swap and backup files.
    argv += ["--re-ignore", r"\.mo$", "--re-ignore", r"(\.swp|\.swx|~|\.tmp)$",
             "--re-ignore", r"/\.#"]
    if "easy" in edition.tags:
        # The page catalogs: sphinx.po holds the theme's own labels, HTML included.
        catalogs = page_catalogs(root / "locale" / "easy")
        check = [sys.executable, "-m", "tools.checks.catalog_check", "--allow-incomplete",
                 *map(str, catalogs)]
        argv += ["--pre-build", shlex.join(check)]
    return [*argv, str(root / "docs"), str(outdir)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.publish.serve", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("edition", nargs="?", default="ja", choices=list(EDITIONS))
    parser.add_argument("--port", type=int, default=8000, help="0: any free port")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    command = autobuild_argv(EDITIONS[args.edition], root=args.root.resolve(),
                             port=args.port, host=args.host)
    try:
        return subprocess.run(command, check=False).returncode
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())

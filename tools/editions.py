"""The plan's editions and the one way to run Sphinx on them.

Both editions use ``language = "ja"``; the easy edition is the ``-t easy`` build, which
reads the easy-Japanese catalogs (``conf.py``).
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tools import ROOT
from tools.errors import BuildError


@dataclass(frozen=True)
class Edition:
    name: str
    label: str
    tags: tuple[str, ...] = ()


EDITIONS: dict[str, Edition] = {
    "ja": Edition("ja", "標準版"),
    "easy": Edition("easy", "やさしい日本語版", tags=("easy",)),
}


def sphinx_build(
    edition: Edition,
    outdir: Path,
    *,
    builder: str = "html",
    build_root: Path | None = None,
    extra: tuple[str, ...] = (),
    source: Path | None = None,
) -> Path:
    """Run sphinx-build for *edition* into *outdir*; raise BuildError on any warning."""
    build_root = build_root or ROOT / "_build"
    source = source or ROOT / "docs"
    doctrees = build_root / "doctrees" / f"{edition.name}-{builder}"
    cmd = [
        sys.executable, "-m", "sphinx",
        "-W", "--keep-going", "-q",
        "-b", builder,
        "-c", str(ROOT),
        "-d", str(doctrees),
        *(arg for tag in edition.tags for arg in ("-t", tag)),
        *extra,
        str(source),
        str(outdir),
    ]
    result = subprocess.run(cmd, check=False)
    if result.returncode != 0:
        raise BuildError(
            f"the {edition.label} ({edition.name}) {builder} build failed "
            f"(see the messages above: file:line: WARNING/ERROR)"
        )
    return outdir

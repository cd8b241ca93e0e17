"""Hashes of what a build reads, to tell whether an output still describes its inputs."""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from tools import ROOT

# Everything but the pages and catalogs, which callers name (the easy edition reads locale/).
PROJECT_INPUTS = ("_templates/**/*", "_static/**/*", "tools/**/*.py", "tools/**/*.js",
                  "tools/**/*.css", "tools/**/*.yaml", "conf.py", "pyproject.toml")
# The easy edition's catalogs, its term base and readability floors.
CATALOG_INPUTS = ("locale/**/*.po", "locale/**/*.js", "locale/**/*.yaml")
# The installed packages whose versions change what a build writes.
BUILD_PACKAGES = ("sphinx", "myst-parser", "furo", "sudachipy", "sudachidict-core", "pypdf",
                  "playwright")


def digest_files(files: Iterable[Path], root: Path, *extra: str) -> str:
    """One hash over the files' paths (relative to *root*) and bytes, then *extra* strings."""
    digest = hashlib.sha256()
    for path in sorted(set(files)):
        name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    for item in extra:
        digest.update(item.encode() + b"\0")
    return digest.hexdigest()[:16]


def glob_files(root: Path, patterns: Iterable[str]) -> list[Path]:
    return [p for pattern in patterns for p in root.glob(pattern)
            if p.is_file() and "__pycache__" not in p.parts]


def build_inputs(source: Path, *, catalogs: bool = False, extra: Iterable[str] = ()) -> str:
    """A hash of what a Sphinx build of the pages in *source* reads: the pages, the project's
    configuration, templates, styles and tools, the versions of BUILD_PACKAGES, with
    *catalogs* the easy edition's catalogs, then the *extra* strings."""
    files = glob_files(source, ["**/*"]) + glob_files(ROOT, PROJECT_INPUTS)
    if catalogs:
        files += glob_files(ROOT, CATALOG_INPUTS)
    return digest_files(files, ROOT, *package_versions(BUILD_PACKAGES), *extra)


def source_fingerprint(root: Path = ROOT) -> str:
    """A hash of everything a build reads, to tell whether results still describe the site."""
    patterns = ("docs/**/*", "locale/**/*.po", *PROJECT_INPUTS)
    return digest_files(glob_files(root, patterns), root)


def package_versions(names: Iterable[str]) -> list[str]:
    """``name==version`` of installed distributions, read from their ``.dist-info`` folder
    names: importing importlib.metadata alone would cost a no-op build ~0.2 s."""
    wanted = {_normalize(name): name for name in names}
    found: dict[str, str] = {}
    for entry in sys.path:
        folder = Path(entry or ".")
        if not folder.is_dir():
            continue
        for info in folder.glob("*.dist-info"):
            name, _, version = info.name.removesuffix(".dist-info").partition("-")
            key = _normalize(name)
            if key in wanted and key not in found:
                found[key] = version
    if len(found) < len(wanted):  # an unusual install (egg, zip): ask the slow way
        from importlib.metadata import version as metadata_version

        for key, name in wanted.items():
            found.setdefault(key, metadata_version(name))
    return [f"{wanted[key]}=={found[key]}" for key in sorted(wanted)]


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()

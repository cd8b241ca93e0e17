"""Hashes of what a build reads, to tell whether an output still describes its inputs."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from tools import ROOT

# Everything but the pages and catalogs, which callers name (the easy edition reads locale/).
PROJECT_INPUTS = ("_templates/**/*", "_static/**/*", "tools/**/*.py", "tools/**/*.js",
                  "tools/**/*.css", "tools/**/*.yaml", "conf.py", "pyproject.toml")


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


def source_fingerprint(root: Path = ROOT) -> str:
    """A hash of everything a build reads, to tell whether results still describe the site."""
    patterns = ("docs/**/*", "locale/**/*.po", *PROJECT_INPUTS)
    return digest_files(glob_files(root, patterns), root)

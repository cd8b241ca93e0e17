"""A hash of everything a build reads, to tell whether an output still describes the sources."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tools import ROOT


def source_fingerprint(root: Path = ROOT) -> str:
    """A hash of everything a build reads, to tell whether results still describe the site."""
    digest = hashlib.sha256()
    patterns = ("docs/**/*", "_templates/**/*", "_static/**/*", "locale/**/*.po", "tools/**/*.py",
                "tools/**/*.js", "tools/**/*.css", "conf.py")
    files = sorted({p for pattern in patterns for p in root.glob(pattern) if p.is_file()})
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]

"""A build context for running one format stage on its own (its command line and tests).

The pipeline (``tools.publish.build``) passes its own context to each stage's
``build(edition, ctx)``; a stage needs only these fields and ``sphinx()``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tools import ROOT
from tools.editions import Edition, sphinx_build


@dataclass(frozen=True)
class LocalContext:
    build_root: Path  # e.g. _build
    source: Path  # docs/
    staging: Path  # the site being assembled: formats write under it
    cache: Path  # kept between builds

    def sphinx(self, edition: Edition, builder: str, outdir: Path,
               extra: tuple[str, ...] = ()) -> Path:
        return sphinx_build(edition, outdir, builder=builder, build_root=self.build_root,
                            extra=extra, source=self.source)


def local_context(build_root: Path | None = None, staging: Path | None = None,
                  source: Path | None = None) -> LocalContext:
    """A context writing into *staging* (default: the published site, *build_root*/site)."""
    build_root = build_root or ROOT / "_build"
    return LocalContext(build_root, source or ROOT / "docs", staging or build_root / "site",
                        build_root / "cache")

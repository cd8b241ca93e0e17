"""What every stage of the build gets: where things go, and the one way to run Sphinx.

The site is assembled in ``<build root>/.staging/site`` and published to ``<build root>/site``
in one step (``tools.publish.swap``). A stage never writes into a file of the staging folder
in place — it starts from the last published site as hard links — but into a fresh folder
from :meth:`BuildContext.fresh`.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tools import ROOT
from tools.editions import Edition, sphinx_build


@dataclass(frozen=True)
class BuildContext:
    build_root: Path  # _build
    source: Path  # docs/
    staging: Path | None = None  # the site being assembled (default: build_root/.staging/site)
    cache: Path | None = None  # kept between builds (default: build_root/cache)
    _memo: dict[object, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.staging is None:
            object.__setattr__(self, "staging", self.build_root / ".staging" / "site")
        if self.cache is None:
            object.__setattr__(self, "cache", self.build_root / "cache")

    def memo(self, key: object, compute: Callable[[], Any]) -> Any:
        """*compute*() once per build (input hashes shared by several stages)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @property
    def site(self) -> Path:
        """The published site."""
        return self.build_root / "site"

    @property
    def a11y_results(self) -> Path:
        """The accessibility gate's results (``nox -s a11y`` writes them), which the
        accessibility page shows and reads aloud."""
        return self.build_root / "a11y" / "results.json"

    @property
    def staging_root(self) -> Path:
        return self.staging.parent

    def fresh(self, folder: str) -> Path:
        """An empty ``staging/<folder>`` (what the last site had there is dropped)."""
        path = self.staging / folder
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(parents=True)
        return path

    def sphinx(self, edition: Edition, builder: str, outdir: Path | None = None,
               extra: tuple[str, ...] = ()) -> Path:
        """Run Sphinx (``-W``) for *edition*; outputs that list downloads read the staging site."""
        outdir = outdir or self.build_root / builder / edition.name
        return sphinx_build(edition, outdir, builder=builder, build_root=self.build_root,
                            source=self.source,
                            extra=("-D", f"downloads_site={self.staging}",
                                   "-D", f"a11y_results_file={self.a11y_results}", *extra))


def local_context(build_root: Path | None = None, staging: Path | None = None,
                  source: Path | None = None) -> BuildContext:
    """For a format's own command line: write into *staging* (default: the published site)."""
    build_root = build_root or ROOT / "_build"
    return BuildContext(build_root, source or ROOT / "docs", staging or build_root / "site")

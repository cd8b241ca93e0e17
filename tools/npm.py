"""Tools from the npm registry at a pinned version, installed on first use into a cache folder.

The Nu Html Checker (``vnu-jar``), Lighthouse and Ace by DAISY come from npm: each is
installed with ``npm install --prefix <cache>/<version>`` under ``_build/cache/`` (git-ignored,
kept between builds), so a fresh clone needs nothing but Node.js and npm
(``python -m tools.publish.sysdeps node``) and two versions never mix.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tools import ROOT
from tools.errors import SetupError

CACHE = ROOT / "_build" / "cache"


class NpmError(SetupError):
    """npm is missing or could not install a package."""


def package_dir(package: str, version: str, prefix: Path) -> Path:
    """Where ``npm install --prefix PREFIX package@version`` puts the package."""
    return prefix / version / "node_modules" / package


def package_bin(package: str, version: str, name: str, prefix: Path) -> Path:
    """The command *name* that *package*@*version* installs."""
    return prefix / version / "node_modules" / ".bin" / name


def ensure_package(package: str, version: str, prefix: Path, *,
                   check: str = "package.json", env: dict[str, str] | None = None) -> Path:
    """The folder of *package*@*version* under *prefix*, installed with npm if *check* is missing.

    *check* is a file inside the package that must exist after the install (its entry point);
    *env* is added to npm's environment (e.g. to skip a dependency's browser download).
    """
    folder = package_dir(package, version, prefix)
    if (folder / check).exists():
        return folder
    npm = shutil.which("npm")
    if not npm:
        raise NpmError(f"npm was not found, needed for {package}; install Node.js "
                       "(`python -m tools.publish.sysdeps node`)")
    root = prefix / version
    root.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [npm, "install", "--no-audit", "--no-fund", "--prefix", str(root),
         f"{package}@{version}"],
        capture_output=True, text=True, check=False, env={**os.environ, **(env or {})},
    )
    if result.returncode != 0 or not (folder / check).exists():
        raise NpmError(f"npm could not install {package}@{version}:\n{result.stderr.strip()}")
    return folder

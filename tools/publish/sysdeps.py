"""Install the Debian packages the project needs (browser, fonts, Java, lame), or name them.

Run as ``python -m tools.publish.sysdeps [GROUP ...]``. As root on Debian the missing
packages are installed with apt-get; anywhere else the command stops with a
message that names them, so a person can install them by hand.

The group ``ace`` is an npm package, Ace by DAISY (the EPUB accessibility checker run by
``tools.checks.epub``), installed by ``tools.npm`` like the project's other npm tools. Its
dependencies would download Electron and a browser build in their install scripts: they
are told not to; Ace runs Debian's chromium instead.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tools.checks.epub import ACE, ACE_PACKAGE, ACE_VERSION, install_ace
from tools.diagnostics import command
from tools.npm import NpmError

GROUPS: dict[str, tuple[str, ...]] = {
    "browser": ("chromium",),
    # fontconfig: `fc-list`, with which the PDF step checks the fonts before rendering.
    "fonts": ("fonts-morisawa-bizud-gothic", "fonts-morisawa-bizud-mincho", "fontconfig"),
    "java": ("default-jre-headless",),
    # The audio edition's MP3 encoder (tools.publish.audio.encode).
    "audio": ("lame",),
    "node": ("nodejs", "npm"),
    # msgfmt: the tests hold the project's strict catalog reader (tools.po_syntax) to it.
    "gettext": ("gettext",),
}
# Groups installed with npm (needs the node group): package, installed command, installer.
NPM: dict[str, tuple[str, Path, Callable[[], Path]]] = {
    "ace": (f"{ACE_PACKAGE}@{ACE_VERSION}", ACE, install_ace),
}

# Commands that stand for a group when its packages come from elsewhere
# (a machine image may ship Java or Node outside Debian's package database).
PROVIDES: dict[str, str] = {"java": "java", "node": "npm", "audio": "lame"}


def missing_packages(groups: list[str]) -> list[str]:
    """The Debian packages of *groups* that are not installed."""
    missing: list[str] = []
    for group in groups:
        if group in NPM:
            continue
        if group in PROVIDES and shutil.which(PROVIDES[group]):
            continue
        for package in GROUPS[group]:
            if not _dpkg_installed(package):
                missing.append(package)
    return missing


def _dpkg_installed(package: str) -> bool:
    if not shutil.which("dpkg-query"):
        return False
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${db:Status-Status}", package],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() == "installed"


def install(packages: list[str]) -> int:
    """Install *packages* with apt-get when possible; otherwise explain. Returns an exit code."""
    if not packages:
        return 0
    names = " ".join(packages)
    can_apt = shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0
    if not can_apt:
        print(
            f"error: missing system packages: {names}\n"
            f"Install them (on Debian: sudo apt-get install {names}) and run again.",
            file=sys.stderr,
        )
        return 2
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    print(f"installing system packages: {names}", flush=True)
    try:
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
            check=True,
            env=env,
        )
    except subprocess.CalledProcessError as exc:
        print(f"error: apt-get failed ({exc.returncode}) installing: {names}", file=sys.stderr)
        return 2
    return 0


def install_npm(group: str) -> int:
    """Install the npm package of *group* unless it is there; an exit code."""
    package, installed, installer = NPM[group]
    if installed.exists():
        return 0
    print(f"installing {package} with npm", flush=True)
    try:
        installer()
    except NpmError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


@command
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.publish.sysdeps", description=__doc__)
    choices = sorted([*GROUPS, *NPM])
    parser.add_argument("groups", nargs="*", metavar="GROUP",
                        help=f"package groups (default: all of {', '.join(choices)})")
    parser.add_argument("--check", action="store_true", help="only report; exit 1 if missing")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.groups) - set(choices))
    if unknown:
        parser.error(f"unknown group {', '.join(unknown)}; choose from {', '.join(choices)}")
    groups = args.groups or choices
    missing = missing_packages(groups)
    npm_groups = [group for group in groups if group in NPM]
    if args.check:
        missing += [NPM[g][0] for g in npm_groups if not NPM[g][1].exists()]
        for package in missing:
            print(f"missing: {package}")
        return 1 if missing else 0
    code = install(missing)
    for group in npm_groups:
        code = code or install_npm(group)
    return code


if __name__ == "__main__":
    sys.exit(main())

"""Publish a staged folder in one step: readers see the whole old site or the whole new one.

On Linux the two folders are exchanged atomically (``renameat2(RENAME_EXCHANGE)``); where that
call is missing, the old folder is renamed aside and the new one renamed in (two renames).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap *a* and *b* atomically; False when the system cannot."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def publish(staging: Path, target: Path) -> None:
    """Make *staging* the new *target*; *staging* is gone afterwards."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() and _exchange(staging, target):
        shutil.rmtree(staging)  # now the old site
        return
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def remove(path: Path) -> None:
    """Remove a file or folder if it is there."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def stage_from(published: Path, staging: Path) -> None:
    """Start *staging* as hard links to *published* (cheap; stages replace whole folders)."""
    shutil.rmtree(staging, ignore_errors=True)
    staging.parent.mkdir(parents=True, exist_ok=True)
    if published.is_dir():
        shutil.copytree(published, staging, copy_function=os.link)
    else:
        staging.mkdir()

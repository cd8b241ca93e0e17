"""Diagnostics and the command-line frame shared by the project's linters (ruff-style).

Output ``path:line:col: CODE message`` then ``Found N errors.``; ``--format json`` writes a
list of objects instead. Exit 0 clean, 1 findings, 2 usage error or unreadable input.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from tools.errors import InputError, ProjectError


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    col: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"


@dataclass(frozen=True)
class EntryFinding:
    """A finding about a catalog entry: the .po line, and the page line it translates."""

    path: str
    line: int
    code: str
    message: str
    source: str = ""
    col: int = 1

    def __str__(self) -> str:
        where = f" ({self.source})" if self.source else ""
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}{where}"


def display_path(path: Path) -> str:
    """*path* relative to the working directory when it is inside it (as ruff prints)."""
    resolved = path.resolve()
    cwd = Path.cwd()
    return str(resolved.relative_to(cwd)) if resolved.is_relative_to(cwd) else str(resolved)


def line_col(text: str, offset: int, line: int = 1, col: int = 1) -> tuple[int, int]:
    """Position of *offset* in *text* that starts at (*line*, *col*), both 1-based."""
    before = text[:offset]
    newlines = before.count("\n")
    if newlines:
        return line + newlines, offset - before.rindex("\n")
    return line, col + offset


def iter_files(paths: Sequence[Path], suffixes: Iterable[str]) -> Iterator[Path]:
    """Files named on the command line, and files with *suffixes* under named folders."""
    wanted = tuple(suffixes)
    for path in paths:
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                if found.is_file() and found.name.endswith(wanted) and not any(
                        part.startswith(".") for part in found.relative_to(path).parts):
                    yield found
        elif path.exists():
            yield path
        else:
            raise InputError(f"{path}: no such file or directory")


def select(diagnostics: Iterable[Diagnostic], chosen: list[str], ignored: list[str]
           ) -> list[Diagnostic]:
    """Keep codes starting with a --select prefix and drop those with an --ignore prefix."""
    return sorted(
        d for d in diagnostics
        if (not chosen or d.code.startswith(tuple(chosen)))
        and not d.code.startswith(tuple(ignored)))


def report(diagnostics: Sequence[Diagnostic], fmt: str, stream=None) -> int:
    """Print *diagnostics* in *fmt* and return the exit code (0 clean, 1 findings).

    Any dataclass whose ``str()`` is ``path:line:col: CODE message`` will do (vnu's too).
    """
    stream = stream or sys.stdout
    if fmt == "json":
        json.dump([asdict(d) for d in diagnostics], stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    else:
        for diagnostic in diagnostics:
            print(diagnostic, file=stream)
        count = len(diagnostics)
        if count:
            print(f"Found {count} error{'s' if count != 1 else ''}.", file=stream)
        else:
            print("All checks passed!", file=stream)
    return 1 if diagnostics else 0


Checker = Callable[[Path, argparse.Namespace], list[Diagnostic]]


def run(
    prog: str,
    description: str,
    suffixes: Sequence[str],
    check: Checker,
    argv: Sequence[str] | None = None,
    add_arguments: Callable[[argparse.ArgumentParser], None] | None = None,
) -> int:
    """Parse the common options, run *check* on every file and report; return the exit code."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                        help=f"files or folders (folders: every {', '.join(suffixes)} file)")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="output format (default: text)")
    parser.add_argument("--select", action="append", default=[], metavar="CODE",
                        help="only report codes with this prefix (repeatable)")
    parser.add_argument("--ignore", action="append", default=[], metavar="CODE",
                        help="do not report codes with this prefix (repeatable)")
    if add_arguments:
        add_arguments(parser)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    found: list[Diagnostic] = []
    try:
        for path in iter_files(args.paths, suffixes):
            found.extend(check(path, args))
    except InputError as exc:
        for finding in exc.findings:
            print(finding, file=sys.stderr)
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return 2
    return report(select(found, args.select, args.ignore), args.format)


def command(main: Callable[..., int]) -> Callable[..., int]:
    """Wrap a command line's ``main``: bad input ends in one ``error:`` line, never a traceback.

    A :class:`~tools.errors.ProjectError` exits with its ``exit_code`` (1 bad input, 2 setup
    or unreadable input); a file that cannot be read or is not UTF-8 exits 2.
    """

    @functools.wraps(main)
    def guarded(*args, **kwargs) -> int:
        try:
            return main(*args, **kwargs)
        except ProjectError as exc:
            for finding in exc.findings:
                print(finding, file=sys.stderr)
            print(f"error: {exc}", file=sys.stderr)
            return exc.exit_code
        except UnicodeDecodeError as exc:
            print(f"error: input is not UTF-8 ({exc.reason} at byte {exc.start}); save the "
                  "file as UTF-8", file=sys.stderr)
            return 2
        except OSError as exc:
            print(f"error: cannot read or write {exc.filename or ''}: {exc.strerror or exc}",
                  file=sys.stderr)
            return 2

    return guarded

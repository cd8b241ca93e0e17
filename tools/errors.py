"""The project's error types: one hierarchy, imported by every module and importing none.

Every command line catches :class:`ProjectError`, prints one ``error:`` line and exits with
its ``exit_code``: 1 for bad input (a page, a catalog entry, a PDF that fails its checks),
2 for a machine that is not set up (chromium or a font missing) or input that cannot be read.
"""

from __future__ import annotations


class ProjectError(Exception):
    """Base of the errors a command reports as one ``error:`` line, without a traceback.

    *findings* (objects whose ``str()`` is ``path:line:col: CODE message``) are printed
    before that line.
    """

    exit_code = 1

    def __init__(self, message: str, findings: tuple[object, ...] | list[object] = ()) -> None:
        super().__init__(message)
        self.findings = tuple(findings)


class BuildError(ProjectError):
    """Bad input stopped a build; the published output was left untouched."""


class SetupError(ProjectError):
    """The machine lacks something the project installs (chromium, fonts, Java, node)."""

    exit_code = 2


class InputError(ProjectError):
    """Input that cannot be read or parsed at all (a linter's exit 2)."""

    exit_code = 2

"""Sessions for building, testing and linting the plan. Each calls one thing in tools/."""

from __future__ import annotations

import nox

nox.needs_version = ">=2024.3.2"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["build", "tests"]

PYTHON = "3"


def _install(session: nox.Session, *extras: str, system: tuple[str, ...] = ()) -> None:
    """Install the project (and extras) into the session and the Debian packages it needs."""
    spec = f".[{','.join(extras)}]" if extras else "."
    session.install("-e", spec)
    if system:
        # An install step: `nox -R` (--no-install) skips it like the pip install above.
        session.run_install("python", "-m", "tools.publish.sysdeps", *system)


@nox.session(python=PYTHON)
def build(session: nox.Session) -> None:
    """Build every edition and the print PDFs into _build/site/."""
    _install(session, system=("browser", "fonts", "audio"))  # chromium: PDFs; lame: MP3
    session.run("python", "-m", "tools.publish.build", *session.posargs)


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the test suite: real builds, a real browser, real PDFs, EPUBCheck and Ace."""
    _install(session, "test",
             system=("browser", "fonts", "java", "node", "audio", "ace", "gettext"))
    # One worker per core; a module's tests stay together, the accessibility gate is split
    # in parts (tests/conftest.py: xdist_scope), the slowest first.
    session.run("python", "-m", "pytest", "-n", "auto", "--dist", "loadscope",
                "--no-loadscope-reorder", *session.posargs)


@nox.session(python=PYTHON, default=False)
def a11y(session: nox.Session) -> None:
    """Accessibility gate on the built site; publishes _build/a11y/results.json on the site."""
    _install(session, "test", system=("browser", "fonts", "java", "node"))
    session.run("python", "-m", "tools.publish.build", "--no-pdf")
    env = {"A11Y_SITE": "_build/site", "A11Y_RESULTS": "_build/a11y/results.json"}
    session.run("python", "-m", "pytest", "tests/test_a11y.py", *session.posargs, env=env,
                success_codes=[0, 1])
    # Rebuild so the 試験結果 page shows the results just written, then fail if the gate did.
    session.run("python", "-m", "tools.publish.build", "--no-pdf")
    session.run("python", "-m", "tools.a11y.report", "--check", env["A11Y_RESULTS"])


@nox.session(python=PYTHON)
def gettext(session: nox.Session) -> None:
    """Extract the translatable messages into _build/gettext/*.pot."""
    _install(session)
    session.run("python", "-m", "tools.catalogs", "gettext", *session.posargs)


@nox.session(name="update-po", python=PYTHON)
def update_po(session: nox.Session) -> None:
    """Refresh locale/easy/ja/LC_MESSAGES/*.po from the .pot files (sphinx-intl update)."""
    _install(session)
    session.run("python", "-m", "tools.catalogs", "update", *session.posargs)


@nox.session(python=PYTHON)
def stats(session: nox.Session) -> None:
    """Count translated / fuzzy / untranslated messages per catalog (--strict: exit 1 unless done)."""
    _install(session)
    session.run("python", "-m", "tools.checks.catalog_stats", *session.posargs)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """Check furigana and alt text in docs/, locale/ and the built site (python -m tools.checks.lint)."""
    _install(session)
    session.run("python", "-m", "tools.checks.lint", *session.posargs)
    # The easy edition's gate: faithful to the standard text, short, one 分かち書き rule, one
    # term base and glossary page, readable per page (issue 10's targets).
    session.run("yasashii-check", "--strict")


@nox.session(python=PYTHON, default=False)
def bench(session: nox.Session) -> None:
    """Build times beside a plain Sphinx build, page weight, Lighthouse: _build/bench.json."""
    # What the build and the tests need: the benchmark runs both (the suite on request).
    _install(session, "test",
             system=("browser", "fonts", "java", "node", "audio", "ace", "gettext"))
    session.run("python", "-m", "tools.bench", *session.posargs)


@nox.session(python=PYTHON, default=False)
def serve(session: nox.Session) -> None:
    """Live preview of one edition (ja or easy) on http://127.0.0.1:8000/, rebuilt on save."""
    _install(session, "serve")
    session.run("python", "-m", "tools.publish.serve", *session.posargs)

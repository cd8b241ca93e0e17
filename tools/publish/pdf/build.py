"""Build the print editions: singlehtml per edition → chromium PDF → pypdf finish → verify → publish.

Every PDF is rendered and checked in a staging folder first; only when all of them
pass are they moved into ``_build/site/pdf/`` (one ``os.replace`` per file), so a
failed build leaves the last good PDFs in place.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import replace
from pathlib import Path

from tools import ROOT
from tools.browser import BrowserMissing, chromium_path
from tools.checks.catalog_check import check_before_build
from tools.editions import EDITIONS, sphinx_build
from tools.errors import BuildError
from tools.outputs import PdfSpec, available_pdfs, pdf_folder
from tools.publish.pdf.postprocess import DocumentInfo, finish
from tools.publish.pdf.render import FontsMissing, RenderJob, check_fonts, render
from tools.publish.pdf.verify import check, inspect

# A missing system package: the caller says what to install and exits 2.
SETUP_ERRORS = (BrowserMissing, FontsMissing)


class PdfCheckFailed(BuildError):
    """A rendered PDF failed the accessibility checks; nothing was published."""


def document_info(spec: PdfSpec) -> DocumentInfo:
    """Title, author and subject from conf.py (project, author), per edition."""
    from sphinx.config import Config
    from sphinx.util.tags import Tags

    edition = EDITIONS[spec.edition]
    config = Config.read(ROOT, overrides={}, tags=Tags(list(edition.tags)))
    return DocumentInfo(
        title=f"{config.project}{spec.title_suffix}",
        author=config.author,
        subject=spec.subject,
    )


def build_pdfs(
    build_root: Path | None = None,
    source: Path | None = None,
    specs: list[PdfSpec] | None = None,
) -> list[Path]:
    """Build, check and publish the PDFs; return the published paths.

    Raises BrowserMissing / FontsMissing before any work when chromium or the fonts
    are absent, BuildError when Sphinx fails, PdfCheckFailed when a PDF fails a check.
    """
    build_root = build_root or ROOT / "_build"
    specs = specs if specs is not None else available_pdfs()
    chromium_path()  # fail fast, before the Sphinx builds
    check_fonts()

    pages: dict[str, Path] = {}
    for name in dict.fromkeys(spec.edition for spec in specs):
        if "easy" in EDITIONS[name].tags:
            # The same gate as the easy website: no easy PDF from unfinished catalogs.
            check_before_build(build_root, source)
        outdir = build_root / "singlehtml" / name
        sphinx_build(EDITIONS[name], outdir, builder="singlehtml", build_root=build_root,
                     source=source, extra=("-t", "print"))
        pages[name] = outdir / "index.html"

    staging = build_root / "pdf-staging"
    shutil.rmtree(staging, ignore_errors=True)
    jobs = [RenderJob(spec, pages[spec.edition], staging / f"chromium-{spec.filename}")
            for spec in specs]
    rendered = render(jobs)

    target = pdf_folder(build_root)
    target.mkdir(parents=True, exist_ok=True)
    finished: list[tuple[Path, Path]] = []
    problems = []
    for job, result in zip(jobs, rendered, strict=True):
        done = staging / job.spec.filename
        info = replace(document_info(job.spec), bookmarks=tuple(result.titles),
                       links=tuple(result.links.items()), browser=result.browser)
        finish(job.output, done, info)
        problems += check(inspect(done), ruby=job.spec.ruby)
        finished.append((done, target / job.spec.filename))
    if problems:
        lines = "\n".join(str(problem) for problem in problems)
        raise PdfCheckFailed(f"the PDFs failed their accessibility checks:\n{lines}")
    for done, published in finished:
        os.replace(done, published)  # same file system: atomic per file
    shutil.rmtree(staging, ignore_errors=True)
    return [published for _, published in finished]


def publish_pdfs(build_root: Path | None = None, source: Path | None = None) -> int:
    """Build and publish the PDFs, printing where they went; the exit code for a command line."""
    try:
        for path in build_pdfs(build_root, source):
            print(f"published {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    except SETUP_ERRORS as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BuildError as exc:
        print(f"error: {exc}; the last good PDFs were kept", file=sys.stderr)
        return 1
    return 0

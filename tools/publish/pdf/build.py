"""Build the print editions: singlehtml per edition → chromium PDF → pypdf finish → verify → publish.

Every PDF is rendered and checked in a staging folder first; only when all of them
pass are they moved into ``_build/site/pdf/`` (one ``os.replace`` per file), so a
failed build leaves the last good PDFs in place.
"""

from __future__ import annotations

import os
import shutil
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import replace
from multiprocessing import get_context
from pathlib import Path

from tools import ROOT
from tools.checks.catalog_check import check_before_build
from tools.editions import EDITIONS, sphinx_build
from tools.errors import BuildError
from tools.outputs import PdfSpec, available_pdfs, pdf_folder
from tools.publish.pdf.postprocess import DocumentInfo, finish
from tools.publish.pdf.render import Rendered, RenderJob, check_setup, render
from tools.publish.pdf.verify import Finding, check, inspect


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


def finish_and_check(rendered: Path, done: Path, info: DocumentInfo, ruby: bool
                     ) -> list[Finding]:
    """Post-process one rendered PDF into *done* and return its accessibility findings."""
    finish(rendered, done, info)
    return check(inspect(done), ruby=ruby)


def build_pdfs(
    build_root: Path | None = None,
    source: Path | None = None,
    specs: list[PdfSpec] | None = None,
    *,
    target: Path | None = None,
    check_catalogs: bool = True,
) -> list[Path]:
    """Build, check and publish the PDFs into *target* (the site's pdf/); return their paths.

    The pipeline (tools.publish.build) has checked the catalogs already and passes
    ``check_catalogs=False`` and its staging folder as *target*.

    Raises BrowserMissing / FontsMissing before any work when chromium or the fonts
    are absent, BuildError when Sphinx fails, PdfCheckFailed when a PDF fails a check.
    """
    build_root = build_root or ROOT / "_build"
    specs = specs if specs is not None else available_pdfs()
    check_setup()  # fail fast, before the Sphinx builds

    names = list(dict.fromkeys(spec.edition for spec in specs))
    if check_catalogs and any("easy" in EDITIONS[name].tags for name in names):
        # The same gate as the easy website: no easy PDF from unfinished catalogs.
        check_before_build(build_root, source)

    def singlehtml(name: str) -> Path:
        outdir = build_root / "singlehtml" / name
        sphinx_build(EDITIONS[name], outdir, builder="singlehtml", build_root=build_root,
                     source=source, extra=("-t", "print"))
        return outdir / "index.html"

    with ThreadPoolExecutor(max_workers=2) as pool:  # one Sphinx process per edition
        pages = dict(zip(names, pool.map(singlehtml, names), strict=True))

    staging = build_root / "pdf-staging"
    shutil.rmtree(staging, ignore_errors=True)
    jobs = [RenderJob(spec, pages[spec.edition], staging / f"chromium-{spec.filename}")
            for spec in specs]
    target = target or pdf_folder(build_root)
    target.mkdir(parents=True, exist_ok=True)
    finished = {job.spec: (staging / job.spec.filename, target / job.spec.filename)
                for job in jobs}

    # pypdf and pdfua are pure Python: one process per core, not threads. A PDF is finished
    # and checked as soon as chromium has printed it, while the others are still printing.
    with ProcessPoolExecutor(max_workers=2, mp_context=get_context("spawn")) as pool:
        checked: dict[PdfSpec, Future] = {}

        def post(job: RenderJob, result: Rendered) -> None:
            info = replace(document_info(job.spec), bookmarks=tuple(result.titles),
                           links=tuple(result.links.items()), browser=result.browser)
            checked[job.spec] = pool.submit(finish_and_check, job.output,
                                            finished[job.spec][0], info, job.spec.ruby)

        render(jobs, on_rendered=post)
        problems = [problem for job in jobs for problem in checked[job.spec].result()]
    if problems:
        lines = "\n".join(str(problem) for problem in problems)
        raise PdfCheckFailed(f"the PDFs failed their accessibility checks:\n{lines}")
    for done, published in finished.values():
        os.replace(done, published)  # same file system: atomic per file
    shutil.rmtree(staging, ignore_errors=True)
    return [published for _, published in finished.values()]

"""``python -m tools.publish.build`` (``nox -s build``): every edition and format, published at once.

The pipeline's stages run in order — the easy catalogs' gate; the print PDFs beside the audio
and then the EPUB and text editions (two lanes, one per core: chromium prints while Python
reads aloud); the HTML of each edition (after the downloadable files, so every sidebar shows
their sizes); the landing page; the checks of the whole site — into
``_build/.staging/site``, which starts as hard
links to the last published site. Only when every stage passed does it replace
``_build/site`` in one step, so a failing or interrupted build leaves the last good site
whole. A stage whose inputs (sources, catalogs, templates, styles, tools, package versions,
``SOURCE_DATE_EPOCH``) have the same hash as at the last publish is skipped: its output is
already in the staged copy. Progress and a closing summary go to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import import_module
from itertools import chain
from pathlib import Path
from types import ModuleType
from typing import Any

from tools import ROOT
from tools.diagnostics import command
from tools.editions import EDITIONS, Edition
from tools.errors import BuildError, ProjectError
from tools.fingerprint import build_inputs, digest_files
from tools.outputs import FORMATS, audio_downloads, available_pdfs, downloads, spec_for
from tools.publish import swap
from tools.publish.context import BuildContext
from tools.publish.landing import write_landing
from tools.publish.pdf.render import check_setup

ENVIRONMENT = ("SOURCE_DATE_EPOCH", "EASY_ALLOW_INCOMPLETE")  # variables that change outputs


@dataclass(frozen=True)
class Part:
    """One output of a stage, skipped when its inputs hash as at the last publish."""

    key: str  # in the fingerprint file: "pdf:large", "html:easy"
    inputs: Callable[[], str] | None = None  # None: always built
    outputs: tuple[str, ...] = ()  # what it leaves under the staged site (checked before a skip)
    value: object = None  # what the stage's run() gets for this part (an Edition, a PdfSpec)


@dataclass
class Stage:
    title: str  # for the progress line
    run: Callable[[list[Any]], object]  # builds the values of the parts that changed
    parts: list[Part]


def log_line(line: str) -> None:
    # One write per line (print writes the end separately): the lanes of a Side log from two
    # threads.
    sys.stderr.write(f"{line}\n")
    sys.stderr.flush()


@dataclass
class Side:
    """Lanes of stages that run side by side, each lane's stages in order: the PDFs (chromium)
    beside the audio and the books, which need no PDF."""

    lanes: list[list[Stage]]


@dataclass
class Pipeline:
    ctx: BuildContext
    stages: list[Stage | Side] = field(default_factory=list)
    log: Callable[[str], None] = log_line

    def state_file(self) -> Path:
        # Beside the site it describes, not in the cache (which copies of the project share).
        return self.ctx.build_root / "stages.json"

    def last_state(self) -> dict[str, str]:
        try:
            return json.loads(self.state_file().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def numbered(self) -> list[tuple[int, Stage]]:
        flat = [stage for step in self.stages
                for stage in (chain(*step.lanes) if isinstance(step, Side) else [step])]
        return list(enumerate(flat, 1))

    def run(self) -> bool:
        """Run the stages into the staging site and publish it; False when nothing changed."""
        ctx = self.ctx
        swap.stage_from(ctx.site, ctx.staging)
        last, state = self.last_state(), {}
        numbers = {id(stage): number for number, stage in self.numbered()}
        total = len(numbers)

        def run_stage(stage: Stage) -> bool:
            head = f"[{numbers[id(stage)]}/{total}] {stage.title}"
            todo = []
            for part in stage.parts:
                key = part.inputs() if part.inputs else None
                if key is not None:
                    state[part.key] = key
                if (key is None or last.get(part.key) != key
                        or not all((ctx.staging / out).exists() for out in part.outputs)):
                    todo.append(part)
            if not todo:
                self.log(f"{head}: unchanged, skipped")
                return False
            started = time.perf_counter()
            self.log(f"{head} …")
            for out in (ctx.staging / out for part in todo for out in part.outputs):
                # Stages write new files; the staged copies are hard links to the published site.
                swap.remove(out)
            stage.run([part.value for part in todo])
            self.log(f"{head}: {time.perf_counter() - started:.1f} s")
            return any(part.inputs for part in todo)

        def run_lane(lane: list[Stage]) -> bool:
            return sum(run_stage(stage) for stage in lane) > 0

        ran = False
        for step in self.stages:
            if isinstance(step, Side):
                ran |= any(side_by_side(run_lane, step.lanes))
            else:
                ran |= run_stage(step)
        if not ran:
            swap.shutil.rmtree(ctx.staging_root, ignore_errors=True)
            return False
        swap.publish(ctx.staging, ctx.site)
        swap.shutil.rmtree(ctx.staging_root, ignore_errors=True)
        self.state_file().write_text(json.dumps({**last, **state}, indent=1), encoding="utf-8")
        return True


def default_source_date_epoch() -> None:
    """Date the outputs by the last commit (pages' 最終更新日, PDF dates), unless already set."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return
    result = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct"],
                            capture_output=True, text=True, check=False)
    if result.returncode == 0 and result.stdout.strip().isdigit():
        os.environ["SOURCE_DATE_EPOCH"] = result.stdout.strip()


def inputs(ctx: BuildContext, editions: list[Edition], *extra: str) -> Callable[[], str]:
    """The fingerprint of what a stage for *editions* reads (the easy edition reads locale/)."""
    easy = any("easy" in e.tags for e in editions)
    return lambda: digest_files([], ROOT, ctx.memo(("inputs", easy), lambda: _inputs(ctx, easy)),
                                *extra, *(e.name for e in editions))


def _inputs(ctx: BuildContext, easy: bool) -> str:
    return build_inputs(ctx.source, catalogs=easy,
                        extra=[os.environ.get(v, "") for v in ENVIRONMENT])


def gate_results(ctx: BuildContext) -> str:
    """The accessibility gate's results as an input: the accessibility page shows them (HTML)
    and reads them aloud (audio); ``nox -s a11y`` writes them between two builds."""
    path = ctx.a11y_results
    return f"a11y-results:{digest_files([path], path.parent) if path.is_file() else 'none'}"


def html_stage_inputs(ctx: BuildContext, edition: Edition) -> Callable[[], str]:
    """HTML also depends on the downloads its sidebar lists (sizes change with the files), on
    which pages have audio (the player and the page's audio link) and on the gate's results."""
    base = inputs(ctx, [edition])

    def compute() -> str:
        listed = [f"{d.path}:{d.size}" for d in downloads(site=ctx.staging)]
        listed += [f"{page}:{d.path}:{d.size}"
                   for page, d in sorted(audio_downloads(ctx.staging, edition.name).items())]
        return digest_files([], ROOT, base(), gate_results(ctx), *listed)
    return compute


def side_by_side(job: Callable[[Any], Any], items: list[Any]) -> list[Any]:
    """*job* on each item, two at a time (Sphinx and chromium run as their own processes)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(job, items))


def format_inputs(ctx: BuildContext, key: str, edition: Edition) -> Callable[[], str]:
    """A format's inputs; the EPUB's media overlays also read the staged speech timings."""
    base = inputs(ctx, [edition], key)
    if key != "epub":
        return base

    def compute() -> str:
        timings = sorted((ctx.staging / "audio" / edition.name).glob("*.json"))
        return digest_files(timings, ctx.staging, base())
    return compute


def build_html(ctx: BuildContext, editions: list[Edition]) -> None:
    """The editions' HTML side by side (one Sphinx process each), then into the staged site."""
    outdirs = side_by_side(lambda e: ctx.sphinx(e, "html"), editions)
    for edition, outdir in zip(editions, outdirs, strict=True):
        swap.shutil.copytree(outdir, ctx.staging / edition.name,
                             ignore=swap.shutil.ignore_patterns(".buildinfo", ".doctrees"))


# A stage's tools (Sphinx, SudachiPy, numpy, playwright, pypdf) are imported when the stage
# runs, so a build with nothing to do starts in a fraction of a second.
def stage_module(name: str) -> ModuleType:
    """The module that builds one format: tools.publish.audio, .epub or .text."""
    return import_module(f"tools.publish.{name}")


def check_catalogs(ctx: BuildContext) -> None:
    from tools.checks.catalog_check import check_before_build

    check_before_build(ctx.build_root, ctx.source)


def build_pdfs(ctx: BuildContext, specs: list[Any]) -> None:
    from tools.publish.pdf.build import build_pdfs as render_pdfs

    render_pdfs(ctx.build_root, ctx.source, specs, target=ctx.staging / "pdf",
                check_catalogs=False)


def verify_site(ctx: BuildContext, editions: list[Edition]) -> None:
    """The staged site has every edition's front page and every listed download."""
    missing = [f"{e.name}/index.html" for e in editions
               if not (ctx.staging / e.name / "index.html").is_file()]
    missing += [d.path for d in downloads(site=ctx.staging) if not (ctx.staging / d.path).is_file()]
    if missing:
        raise BuildError(f"the staged site lacks {', '.join(missing)}")


def plan(ctx: BuildContext, names: list[str], *, pdf: bool, formats: bool = True,
         audio_pages: frozenset[str] | None = None) -> Pipeline:
    """The stages that build *names*: the PDFs when *pdf*, EPUB, text and audio when *formats*.

    *audio_pages* limits the audio to those pages (docnames), and builds it even without
    *formats*: the player on a few pages at the cost of a few seconds of synthesis.
    """
    editions = [EDITIONS[name] for name in names]
    pipeline = Pipeline(ctx)
    add = pipeline.stages.append
    easy = [e for e in editions if "easy" in e.tags]
    if easy:
        add(Stage("やさしい日本語版の翻訳カタログの検査",
                  lambda _: check_catalogs(ctx),
                  [Part("check", inputs(ctx, easy))]))
    specs = [spec for spec in available_pdfs() if spec.edition in names] if pdf else []
    pdf_lane, formats_lane = [], []
    if specs:
        check_setup()  # chromium and fonts missing: say so first, whatever is up to date
        pdf_lane.append(Stage(
            f"PDF {'・'.join(s.label for s in specs)}", lambda todo: build_pdfs(ctx, todo),
            [Part(f"pdf:{s.key}", inputs(ctx, [EDITIONS[s.edition]], "pdf", s.key),
                  (f"pdf/{s.filename}",), s) for s in specs]))
    if formats or audio_pages:  # before the EPUB, whose media overlays read the timings
        pages = set(audio_pages) if audio_pages else None
        only = [f"pages={','.join(sorted(pages))}"] if pages else []
        formats_lane.append(Stage(
            f"音声 {'・'.join(e.label for e in editions)}",
            lambda todo: side_by_side(lambda e: stage_module("audio").build(e, ctx, pages), todo),
            [Part(f"audio:{e.name}", inputs(ctx, [e], "audio", *only, gate_results(ctx)),
                  (f"audio/{e.name}",), e)
             for e in editions]))
    books = ["text", "epub"] if formats else []
    if books:
        formats_lane.append(Stage(
            f"EPUB・テキスト {'・'.join(e.label for e in editions)}",
            lambda todo: side_by_side(lambda job: stage_module(job[0]).build(job[1], ctx), todo),
            [Part(f"{key}:{e.name}", format_inputs(ctx, key, e),
                  (f"{FORMATS[key].folder}/{spec_for(key, e.name).filename}",), (key, e))
             for key in books for e in editions]))
    lanes = [lane for lane in (pdf_lane, formats_lane) if lane]
    if len(lanes) == 2:
        add(Side(lanes))
    elif lanes:
        pipeline.stages.extend(lanes[0])
    add(Stage(f"HTML {'・'.join(e.label for e in editions)}",
              lambda todo: build_html(ctx, todo),
              [Part(f"html:{e.name}", html_stage_inputs(ctx, e), (e.name,), e)
               for e in editions]))
    add(Stage("入口のページ", lambda _: write_landing(ctx.staging), [Part("landing")]))
    add(Stage("サイト全体の検査", lambda _: verify_site(ctx, editions), [Part("verify")]))
    return pipeline


def summarize(ctx: BuildContext) -> list[str]:
    """One line per published edition folder and download: what it is and its size."""
    lines = []
    for name, edition in EDITIONS.items():
        folder = ctx.site / name
        if folder.is_dir():
            files = [p for p in folder.rglob("*") if p.is_file()]
            size = sum(p.stat().st_size for p in files)
            lines.append(f"  {name}/  {edition.label}: {len(files)} files, {size / 1024:.0f} KB")
    for download in downloads(ctx.build_root):
        lines.append(f"  {download.path}  {download.link_text}")
    return lines


def build_site(names: list[str], build_root: Path | None = None, source: Path | None = None,
               *, pdf: bool = False, formats: bool = False,
               audio_pages: frozenset[str] | None = None) -> list[Path]:
    """Build and publish the HTML of *names* (the PDFs, other formats and the audio of
    *audio_pages* when asked); return the editions' folders."""
    ctx = BuildContext(build_root or ROOT / "_build", source or ROOT / "docs")
    plan(ctx, names, pdf=pdf, formats=formats, audio_pages=audio_pages).run()
    return [ctx.site / name for name in names]


def shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


@command
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.publish.build", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("editions", nargs="*", metavar="EDITION",
                        help=f"editions to build (default: all of {', '.join(EDITIONS)})")
    parser.add_argument("--no-pdf", action="store_true", help="skip the print PDFs")
    parser.add_argument("--html-only", action="store_true",
                        help="only the websites (no PDF, EPUB, text or audio): a quick preview")
    parser.add_argument("--audio-page", action="append", metavar="PAGE",
                        help="read aloud only this page (docname, e.g. index; repeatable): "
                             "its audio is built even with --html-only")
    parser.add_argument("--build-root", type=Path, default=ROOT / "_build", metavar="DIR",
                        help="where to build and publish (default: _build; the site is DIR/site)")
    parser.add_argument("--source", type=Path, default=ROOT / "docs", metavar="DIR",
                        help="the MyST pages (default: docs)")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.editions) - set(EDITIONS))
    if unknown:
        parser.error(f"unknown edition {', '.join(unknown)}; choose from {', '.join(EDITIONS)}")
    default_source_date_epoch()
    ctx = BuildContext(args.build_root.resolve(), args.source.resolve())
    started = time.perf_counter()
    try:
        changed = plan(ctx, args.editions or list(EDITIONS), pdf=not (args.no_pdf or args.html_only),
                       formats=not args.html_only,
                       audio_pages=frozenset(args.audio_page) if args.audio_page else None).run()
    except ProjectError as exc:
        print(f"error: {exc}; the last good site was kept in {shown(ctx.site)}", file=sys.stderr)
        return exc.exit_code
    what = "published" if changed else "up to date (nothing changed):"
    print(f"{what} {shown(ctx.site)}/ in {time.perf_counter() - started:.1f} s",
          file=sys.stderr)
    print("\n".join(summarize(ctx)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The build pipeline: stages skipped by input hash, partial builds, one-step publishing."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import a11y_results

from tools import ROOT
from tools.errors import BuildError
from tools.fingerprint import source_fingerprint
from tools.publish import swap
from tools.publish.build import Part, Pipeline, Side, Stage
from tools.publish.context import BuildContext


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def build(build_root: Path, source: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tools.publish.build", "--html-only", "--build-root", str(build_root),
         "--source", str(source), *args],
        capture_output=True, text=True, cwd=ROOT, check=False)


@pytest.fixture()
def docs(tmp_path: Path) -> Path:
    source = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", source)
    return source


def test_unchanged_build_skips_every_stage_and_keeps_the_site(tmp_path: Path, docs: Path) -> None:
    first = build(tmp_path / "b", docs, "ja")
    assert first.returncode == 0, first.stderr
    assert "[1/3] HTML 標準版 …" in first.stderr
    site = tmp_path / "b" / "site"
    inode, before = site.stat().st_ino, tree_digest(site)

    again = build(tmp_path / "b", docs, "ja")
    assert again.returncode == 0, again.stderr
    assert "HTML 標準版: unchanged, skipped" in again.stderr
    assert "up to date (nothing changed)" in again.stderr
    assert site.stat().st_ino == inode and tree_digest(site) == before


def test_a_changed_page_rebuilds_and_the_other_edition_stays(tmp_path: Path, docs: Path) -> None:
    root = tmp_path / "b"
    assert build(root, docs, "ja").returncode == 0
    # A stand-in for the other edition's folder: a build of "ja" alone must keep it.
    other = root / "site" / "easy"
    other.mkdir()
    (other / "index.html").write_text("easy", encoding="utf-8")
    page = docs / "schedule.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n追記の段落です。\n", encoding="utf-8")

    result = build(root, docs, "ja")
    assert result.returncode == 0, result.stderr
    assert "HTML 標準版: " in result.stderr and "skipped" not in result.stderr.split("HTML")[1]
    assert "追記の段落です。" in (root / "site" / "ja" / "schedule.html").read_text(encoding="utf-8")
    assert (other / "index.html").read_text(encoding="utf-8") == "easy"
    assert not (root / ".staging").exists()


def test_new_gate_results_rebuild_the_accessibility_page(tmp_path: Path, docs: Path) -> None:
    """``nox -s a11y`` writes the gate's results between two builds: the second must show them
    (nothing else changed, so a skip by the other inputs would hide them)."""
    root = tmp_path / "b"
    assert build(root, docs, "ja").returncode == 0
    page = root / "site" / "ja" / "accessibility.html"
    assert "まだ試験を実施していません" in page.read_text(encoding="utf-8")
    results = root / "a11y" / "results.json"
    results.parent.mkdir()
    results.write_text(json.dumps(a11y_results(source_fingerprint()), ensure_ascii=False),
                       encoding="utf-8")

    again = build(root, docs, "ja")
    assert again.returncode == 0, again.stderr
    assert "HTML 標準版: unchanged" not in again.stderr
    shown = page.read_text(encoding="utf-8")
    assert "2026年11月28日" in shown and "まだ試験を実施していません" not in shown
    assert "HTML 標準版: unchanged, skipped" in build(root, docs, "ja").stderr


def test_a_failed_build_keeps_the_last_site_byte_for_byte(tmp_path: Path, docs: Path) -> None:
    root = tmp_path / "b"
    assert build(root, docs, "ja").returncode == 0
    before = tree_digest(root / "site")
    (docs / "plans.md").write_text("# 計画\n\n```{nosuchdirective}\n```\n", encoding="utf-8")

    result = build(root, docs, "ja")
    assert result.returncode == 1
    assert "plans.md:3" in result.stderr and "Traceback" not in result.stderr
    assert "error: " in result.stderr and "the last good site was kept" in result.stderr
    assert tree_digest(root / "site") == before


def test_publish_swaps_whole_folders(tmp_path: Path) -> None:
    site, staging = tmp_path / "site", tmp_path / "staging"
    site.mkdir()
    (site / "old.html").write_text("old", encoding="utf-8")
    swap.stage_from(site, staging)
    (staging / "new.html").write_text("new", encoding="utf-8")
    (staging / "old.html").unlink()
    swap.publish(staging, site)
    assert sorted(p.name for p in site.iterdir()) == ["new.html"]
    assert not staging.exists()


def side_pipeline(tmp_path: Path, fail: bool) -> tuple[Pipeline, list[str]]:
    """Two lanes (a PDF-like stage; two format-like stages) beside each other, then a last
    stage. Each lane's first stage waits at a barrier that only the other lane can open."""
    ctx = BuildContext(tmp_path / "b", tmp_path / "docs")
    (tmp_path / "b" / "site").mkdir(parents=True)
    barrier, lines = threading.Barrier(2, timeout=60), []

    def write(name: str, wait: bool = False) -> Callable[[list], None]:
        def run(_: list) -> None:
            if wait:
                barrier.wait()  # BrokenBarrierError unless the other lane runs meanwhile
            if fail and name == "audio":
                raise BuildError("audio: the voice is missing")
            (ctx.staging / name).write_text(name, encoding="utf-8")
        return run

    pipeline = Pipeline(ctx, log=lines.append)
    pipeline.stages = [
        Side([[Stage("PDF", write("pdf", wait=True), [Part("pdf", lambda: "1")])],
              [Stage("音声", write("audio", wait=True), [Part("audio", lambda: "1")]),
               Stage("EPUB", write("epub"), [Part("epub", lambda: "1")])]]),
        Stage("HTML", write("html"), [Part("html", lambda: "1")]),
    ]
    return pipeline, lines


def test_the_pdfs_run_beside_the_other_formats(tmp_path: Path) -> None:
    pipeline, lines = side_pipeline(tmp_path, fail=False)
    assert pipeline.run()
    site = tmp_path / "b" / "site"
    assert sorted(p.name for p in site.iterdir()) == ["audio", "epub", "html", "pdf"]
    # Numbered in plan order whichever lane logs first; a lane keeps its order.
    assert {line.split(":")[0] for line in lines if line.endswith(" s")} == {
        "[1/4] PDF", "[2/4] 音声", "[3/4] EPUB", "[4/4] HTML"}
    assert lines.index("[2/4] 音声 …") < lines.index("[3/4] EPUB …") < lines.index("[4/4] HTML …")


def test_a_failing_lane_stops_the_build_and_publishes_nothing(tmp_path: Path) -> None:
    pipeline, lines = side_pipeline(tmp_path, fail=True)
    with pytest.raises(BuildError, match="the voice is missing"):
        pipeline.run()
    assert list((tmp_path / "b" / "site").iterdir()) == []
    assert "[1/4] PDF: " in "\n".join(lines)  # the other lane finished its stage
    assert not any(line.startswith(("[3/4]", "[4/4]")) for line in lines)

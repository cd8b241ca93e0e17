"""The build pipeline: stages skipped by input hash, partial builds, one-step publishing."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools import ROOT
from tools.publish import swap


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

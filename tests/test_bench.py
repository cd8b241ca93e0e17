"""The benchmark's parts that need no build: timing, progress lines, edits, budgets, the copy."""

from __future__ import annotations

import sys
from pathlib import Path

import polib

from tools import ROOT
from tools.bench import budgets
from tools.bench.timing import Figure, Run, project_copy, run, toggle_entry, toggle_paragraph


def test_run_times_a_command_and_reads_its_peak_memory(tmp_path: Path) -> None:
    # A child that holds ~60 MiB: the peak is read from wait4, not guessed.
    script = ("x = bytearray(60 * 2**20); import sys; "
              "sys.stderr.write('[1/2] PDF 標準版 … 1.5 s\\n'); sys.exit(3)")
    found = run([sys.executable, "-c", script], tmp_path)
    assert found.returncode == 3 and found.seconds > 0
    assert found.max_rss_mib >= 60
    figure = Figure("x")
    figure.record(found)
    figure.plain.append(0.5)
    result = figure.as_dict()
    assert result["stages"] == {"PDF 標準版": 1.5}
    assert "failed" in result and result["ratio"] == round(found.seconds / 0.5, 2)


def test_run_counts_the_cpu_time_of_the_whole_process_tree(tmp_path: Path) -> None:
    # The work is done by a grandchild, as chromium works for playwright's driver.
    burn = "import time; end = time.process_time() + 0.6\nwhile time.process_time() < end: pass"
    child = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {burn!r}])"
    found = run([sys.executable, "-c", child], tmp_path)
    assert found.returncode == 0 and found.cpu_seconds >= 0.6


def test_the_cpu_floor_is_the_build_spread_over_every_core() -> None:
    figure = Figure("build.full")
    for _ in range(3):
        figure.record(Run(25.0, 100.0, 0, "", cpu_seconds=40.0))
        figure.plain.append(2.0)
        figure.plain_cpu.append(2.5)
    results = {"machine": {"cpus": 2}, "timings": {"build.full": figure.as_dict()}}
    assert budgets.cpu_floor(results) == {"cpu": 40.0, "cpus": 2, "seconds": 20.0, "ratio": 10.0}
    table = budgets.table(results)
    assert "| build.full | 25.00 s | 2.00 s | 12.5× | 40.0 s (2.5 s) | 3 |" in table
    assert ("full build: 40.0 CPU-seconds on 2 cores, so no schedule finishes it in under "
            "20.0 s = 10.0× the plain build") in table
    assert budgets.cpu_floor({"timings": {"build.full": figure.as_dict()}}) is None
    suite = Figure("tests")
    suite.record(Run(500.0, 100.0, 0, "", cpu_seconds=900.0))
    results["timings"]["tests"] = suite.as_dict()
    assert budgets.cpu_floor(results, "tests") == {"cpu": 900.0, "cpus": 2, "seconds": 450.0}
    assert "test suite: 900.0 CPU-seconds on 2 cores, so no schedule finishes it in under " \
           "450.0 s\n" in budgets.table(results) + "\n"
    rows = {row["what"]: row for row in budgets.check(results)}
    assert rows["test suite (nox -s tests)"]["ok"] is False  # 500 s > 3 min


def test_progress_lines_give_each_stage_its_time() -> None:
    figure = Figure("build")
    for seconds in (4.1, 3.9, 4.3):
        figure.record(Run(10.0, 100.0, 0, f"[1/7] check … 1.0 s\n[3/7] PDF 大きな文字版 … {seconds} s\n"
                                          "published _build/site/ja\n[4/7] epub... 2 s\n"))
    assert figure.as_dict()["stages"] == {"check": 1.0, "PDF 大きな文字版": 4.1, "epub": 2.0}


def test_edits_change_the_text_and_change_it_back(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    original = "# 見出し\n\n```{figure} x.svg\n:alt: 図\n```\n\n本文の段落です。\n"
    page.write_text(original, encoding="utf-8")
    toggle_paragraph(page)
    assert "本文の段落です。（計測）" in page.read_text(encoding="utf-8")
    toggle_paragraph(page)
    assert page.read_text(encoding="utf-8") == original
    catalog = polib.POFile()
    catalog.append(polib.POEntry(msgid="見出し", msgstr=""))
    catalog.append(polib.POEntry(msgid="本文", msgstr="ほんぶん"))
    catalog.save(str(tmp_path / "page.po"))
    toggle_entry(tmp_path / "page.po")
    assert polib.pofile(str(tmp_path / "page.po")).find("本文").msgstr == "ほんぶん（れい）"
    toggle_entry(tmp_path / "page.po")
    assert polib.pofile(str(tmp_path / "page.po")).find("本文").msgstr == "ほんぶん"


def test_the_copy_has_the_sources_and_shares_the_cache(tmp_path: Path) -> None:
    copy = project_copy(tmp_path / "copy")
    for name in ("conf.py", "docs/index.md", "tools/bench/timing.py", "tests/conftest.py"):
        assert (copy / name).read_bytes() == (ROOT / name).read_bytes(), name
    assert (copy / "_build" / "cache").resolve() == (ROOT / "_build" / "cache").resolve()
    assert not (copy / "_build" / "site").exists() and not (copy / ".git").exists()


def test_budgets_are_kept_or_not() -> None:
    results = {
        "timings": {"build.full": {"median": 40.0, "ratio": 5.0, "samples": [40.0]},
                    "build.noop": {"median": 1.0, "samples": [1.0]}},
        "pages": {"a.html": {"bytes": 200 * 1024, "requests": 4, "font_count": 0},
                  "ja/search.html": {"bytes": 100 * 1024, "requests": 11, "font_count": 0}},
        "lighthouse": {"a.html": {"performance": 97, "cls": 0.01}},
    }
    rows = {row["what"]: row for row in budgets.check(results)}
    assert rows["full build / plain HTML build"]["ok"] is True
    assert rows["full build"]["ok"] is False  # 40 s > 30 s
    assert rows["no-op build"]["ok"] is True
    assert rows["no-op build --no-pdf"]["ok"] is None  # not measured: neither kept nor broken
    assert rows["page weight (heaviest content page)"]["ok"] is False
    assert rows["requests (most on a content page)"]["value"] == 4  # the search page is not one
    assert rows["Lighthouse performance (worst page)"]["ok"] is True
    table = budgets.table(results)
    assert "| full build | ≤ 30 s | 40 s | **NO** |" in table


def test_lighthouse_alone_is_tabled_with_each_run_and_the_load() -> None:
    results = {
        "lighthouse": {"easy/system.html": {"performance": 93, "performance_runs": [91, 93, 96],
                                            "cls": 0.0, "fcp": 1234.6, "tbt": 321.0}},
        "load": {"before": [3.5, 3.0, 2.5], "after": [4.0, 3.1, 2.6]},
    }
    table = budgets.table(results)
    assert "| easy/system.html |  |  | 93 (91, 93, 96) | 0.0 | 1235 | 321 |" in table
    assert "before 3.50, 3.00, 2.50; after 4.00, 3.10, 2.60" in table
    assert "| what | median |" not in table  # no timings: no empty table of them
    rows = {row["what"]: row for row in budgets.check(results)}
    assert rows["Lighthouse performance (worst page)"]["ok"] is False


def test_a_site_to_measure_must_be_built(tmp_path: Path, capsys) -> None:
    from tools.bench.__main__ import main

    assert main(["--site", str(tmp_path), "--output", str(tmp_path / "b.json")]) == 2
    assert "no index.html" in capsys.readouterr().err
    (tmp_path / "index.html").write_text("<p>x</p>", encoding="utf-8")
    assert main(["--site", str(tmp_path), "--pages", "nope.html",
                 "--output", str(tmp_path / "b.json")]) == 1
    assert "no such page: nope.html" in capsys.readouterr().err


def test_the_suite_is_timed_on_request_and_needs_no_site(tmp_path: Path, monkeypatch,
                                                         capsys) -> None:
    from tools.bench import __main__ as bench

    commands: list[list[str]] = []

    def suite_run(self, *argv: str | Path, env: dict[str, str] | None = None) -> Run:
        commands.append([str(a) for a in argv])  # the suite itself is not run inside itself
        return Run(400.0, 100.0, 0, "", cpu_seconds=800.0)

    monkeypatch.setattr(bench.Project, "run", suite_run)
    output = tmp_path / "bench.json"
    assert bench.main(["--only", "suite", "--runs", "1", "--output", str(output)]) == 1
    assert commands == [[sys.executable, *bench.SUITE]]
    shown = capsys.readouterr().out
    assert "| test suite (nox -s tests) | ≤ 3 min | 400 s | **NO** |" in shown
    assert "test suite: 800.0 CPU-seconds on" in shown
    assert "build.full" not in shown

"""Summarise an accessibility gate run as machine-readable results (``results.json``).

The gate (tests/test_a11y.py, run by ``nox -s a11y``) hands over what it measured;
this module counts it per check and per WCAG success criterion and writes the
file that ``tools.sphinxext.a11y_results`` turns into the site's 試験結果 page. Nothing here
is assumed: a criterion no check covers is reported as untested.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tools import ROOT
from tools.diagnostics import command
from tools.fingerprint import source_fingerprint
from tools.sphinxext.a11y_results import RESULTS, SCHEMA

if TYPE_CHECKING:
    from tools.a11y.audit import PageAudit
    from tools.checks.vnu import Message

TARGET = {"jis": "JIS X 8341-3:2016 適合レベルAA", "wcag": "WCAG 2.2 レベルAA"}


@dataclass(frozen=True)
class Criterion:
    number: str
    name: str
    level: str
    in_jis: bool  # part of WCAG 2.0 = JIS X 8341-3:2016


# WCAG 2.2 level A and AA success criteria (names as in JIS X 8341-3:2016 / WAIC's
# translation), plus 4.1.1, which JIS X 8341-3:2016 still contains.
CRITERIA: tuple[Criterion, ...] = tuple(
    Criterion(n, name, level, jis)
    for n, name, level, jis in (
        ("1.1.1", "非テキストコンテンツ", "A", True),
        ("1.2.1", "音声のみ及び映像のみ（収録済）", "A", True),
        ("1.2.2", "キャプション（収録済）", "A", True),
        ("1.2.3", "音声解説、又はメディアに対する代替（収録済）", "A", True),
        ("1.2.4", "キャプション（ライブ）", "AA", True),
        ("1.2.5", "音声解説（収録済）", "AA", True),
        ("1.3.1", "情報及び関係性", "A", True),
        ("1.3.2", "意味のある順序", "A", True),
        ("1.3.3", "感覚的な特徴", "A", True),
        ("1.3.4", "表示の向き", "AA", False),
        ("1.3.5", "入力目的の特定", "AA", False),
        ("1.4.1", "色の使用", "A", True),
        ("1.4.2", "音声の制御", "A", True),
        ("1.4.3", "コントラスト（最低限）", "AA", True),
        ("1.4.4", "テキストのサイズ変更", "AA", True),
        ("1.4.5", "文字画像", "AA", True),
        ("1.4.10", "リフロー", "AA", False),
        ("1.4.11", "非テキストのコントラスト", "AA", False),
        ("1.4.12", "テキストの間隔", "AA", False),
        ("1.4.13", "ホバー又はフォーカスで表示されるコンテンツ", "AA", False),
        ("2.1.1", "キーボード", "A", True),
        ("2.1.2", "キーボードトラップなし", "A", True),
        ("2.1.4", "文字キーのショートカット", "A", False),
        ("2.2.1", "タイミング調整可能", "A", True),
        ("2.2.2", "一時停止、停止、非表示", "A", True),
        ("2.3.1", "3回の閃光、又は閾値以下", "A", True),
        ("2.4.1", "ブロックスキップ", "A", True),
        ("2.4.2", "ページタイトル", "A", True),
        ("2.4.3", "フォーカス順序", "A", True),
        ("2.4.4", "リンクの目的（コンテキスト内）", "A", True),
        ("2.4.5", "複数の手段", "AA", True),
        ("2.4.6", "見出し及びラベル", "AA", True),
        ("2.4.7", "フォーカスの可視化", "AA", True),
        ("2.4.11", "フォーカスの非隠蔽（最低限）", "AA", False),
        ("2.5.1", "ポインタのジェスチャ", "A", False),
        ("2.5.2", "ポインタのキャンセル", "A", False),
        ("2.5.3", "ラベルを含む名前", "A", False),
        ("2.5.4", "動きによる起動", "A", False),
        ("2.5.7", "ドラッグ動作", "AA", False),
        ("2.5.8", "ターゲットのサイズ（最低限）", "AA", False),
        ("3.1.1", "ページの言語", "A", True),
        ("3.1.2", "一部分の言語", "AA", True),
        ("3.2.1", "フォーカス時", "A", True),
        ("3.2.2", "入力時", "A", True),
        ("3.2.3", "一貫したナビゲーション", "AA", True),
        ("3.2.4", "一貫した識別性", "AA", True),
        ("3.2.6", "一貫したヘルプ", "A", False),
        ("3.3.1", "エラーの特定", "A", True),
        ("3.3.2", "ラベル又は説明", "A", True),
        ("3.3.3", "エラー修正の提案", "AA", True),
        ("3.3.4", "エラー回避（法的、金融、データ）", "AA", True),
        ("3.3.7", "冗長な入力", "A", False),
        ("3.3.8", "アクセシブルな認証（最低限）", "AA", False),
        ("4.1.1", "構文解析", "A", True),
        ("4.1.2", "名前（name）・役割（role）及び値（value）", "A", True),
        ("4.1.3", "ステータスメッセージ", "AA", False),
    )
)

# The gate's own checks and the success criteria each one tests.
CHECKS: dict[str, dict[str, Any]] = {
    "axe": {"name": "axe-core による自動チェック", "criteria": []},  # from each rule's tags
    "reflow": {"name": "幅320pxでの横スクロールなし（表は領域内でスクロール）",
               "criteria": ["1.4.10"]},
    "text-spacing": {"name": "文字・行・段落の間隔を広げても文字が欠けない",
                     "criteria": ["1.4.12"]},
    "skip-link": {"name": "最初のTabで日本語の「本文へ移動」リンクが表示される",
                  "criteria": ["2.4.1"]},
    "focus": {"name": "すべてのフォーカス位置で2px以上・コントラスト比3:1以上の枠が見え、隠れた要素にフォーカスしない",
              "criteria": ["2.4.7", "2.4.11"]},
    "html": {"name": "Nu Html Checker（vnu）でHTMLの誤りなし", "criteria": ["4.1.1"]},
}
_SC_TAG = re.compile(r"^wcag(\d)(\d)(\d+)$")


def criterion_of_tag(tag: str) -> str | None:
    """``wcag1410`` -> ``1.4.10``; other tags -> None."""
    match = _SC_TAG.match(tag)
    return ".".join(match.groups()) if match else None


def _git_commit(root: Path = ROOT) -> str:
    result = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True, check=False)
    return result.stdout.strip()


def problems_of(audit: PageAudit) -> dict[str, list[str]]:
    """The problems one page audit found, per check."""
    return {
        "axe": [f"{v['id']}: {', '.join(v['nodes'][:3])}" for v in audit.axe_violations],
        "reflow": audit.reflow_problems(),
        "text-spacing": [f"{s['kind']}: {s['element']}" for s in audit.spacing],
        "skip-link": audit.skip_link_problems(),
        "focus": audit.focus_problems(),
    }


def summarize(
    audits: dict[str, list[PageAudit]],
    vnu_messages: list[Message],
    *,
    tools: dict[str, str],
    modes: list[str],
    labels: dict[str, str],
    seconds: float,
) -> dict[str, Any]:
    """Results of one gate run: per edition, per check, per axe rule and per criterion."""
    counts: Counter[str] = Counter()
    runs: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    rules: dict[str, dict[str, Any]] = {}
    incomplete: dict[str, dict[str, Any]] = {}  # axe cannot decide: a person must look
    editions: dict[str, Any] = {}
    for edition, page_audits in audits.items():
        pages = sorted({a.page for a in page_audits})
        editions[edition] = {"label": labels.get(edition, edition), "pages": pages}
        for audit in page_audits:
            for check, found in problems_of(audit).items():
                runs[check] += 1
                counts[check] += len(found)
                for problem in found:
                    if len(examples[check]) < 3:
                        examples[check].append(f"{edition}/{audit.page} ({audit.mode}): {problem}")
            for rule in audit.axe_incomplete:
                entry = incomplete.setdefault(rule["id"], {"nodes": 0, "examples": []})
                entry["nodes"] += len(rule["nodes"])
                for node in rule["nodes"]:
                    example = f"{edition}/{audit.page}: {node}"
                    if len(entry["examples"]) < 5 and example not in entry["examples"]:
                        entry["examples"].append(example)
            for rule, outcome in audit.axe_outcomes.items():
                entry = rules.setdefault(rule, {
                    "tags": audit.axe_tags.get(rule, []),
                    "violations": 0, "incomplete": 0, "passes": 0, "inapplicable": 0,
                })
                entry[outcome] += 1
    html_errors = [m for m in vnu_messages if m.type == "error"]
    runs["html"] = sum(len(e["pages"]) for e in editions.values())
    counts["html"] = len(html_errors)
    examples["html"] = [str(m) for m in html_errors[:3]]
    checks = [
        {"id": check, "name": spec["name"], "criteria": spec["criteria"],
         "runs": runs[check], "problems": counts[check], "examples": examples[check]}
        for check, spec in CHECKS.items()
    ]
    return {
        "schema": SCHEMA,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "target": TARGET,
        "source": {"commit": _git_commit(), "fingerprint": source_fingerprint()},
        "tools": tools,
        "modes": modes,
        "editions": editions,
        "checks": checks,
        "axe_rules": dict(sorted(rules.items())),
        "axe_incomplete": incomplete,
        "criteria": criteria_results(checks, rules),
        "passed": all(c["problems"] == 0 for c in checks),
        "seconds": round(seconds, 1),
    }


def criteria_results(checks: list[dict[str, Any]], rules: dict[str, dict[str, Any]]
                     ) -> list[dict[str, Any]]:
    """One row per success criterion: which checks tested it and what they found."""
    tested: dict[str, list[str]] = defaultdict(list)
    problems: Counter[str] = Counter()
    review: Counter[str] = Counter()
    for check in checks:
        for number in check["criteria"]:
            tested[number].append(check["id"])
            problems[number] += check["problems"]
    for rule, entry in rules.items():
        applied = entry["violations"] + entry["incomplete"] + entry["passes"]
        for number in filter(None, map(criterion_of_tag, entry["tags"])):
            if applied:
                tested[number].append(f"axe:{rule}")
            problems[number] += entry["violations"]
            review[number] += entry["incomplete"]
    rows = []
    for criterion in CRITERIA:
        number = criterion.number
        if problems[number]:
            result = "fail"
        elif tested[number]:
            result = "review" if review[number] else "pass"
        else:
            result = "untested"
        rows.append({
            "number": number, "name": criterion.name, "level": criterion.level,
            "jis": criterion.in_jis, "result": result, "tested_by": sorted(set(tested[number])),
            "problems": problems[number], "review": review[number],
        })
    return rows


def write(results: dict[str, Any], path: Path = RESULTS) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path


@command
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.a11y.report",
                                     description="Print a results file of the accessibility gate.")
    parser.add_argument("results", nargs="?", type=Path, default=RESULTS)
    parser.add_argument("--check", action="store_true", help="exit 1 unless every check passed")
    args = parser.parse_args(argv)
    try:
        results = json.loads(args.results.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        print(f"error: {args.results}: {exc}; run `nox -s a11y`", file=sys.stderr)
        return 2
    pages = sum(len(e["pages"]) for e in results["editions"].values())
    print(f"{args.results}: {results['date']}, {pages} pages x {len(results['modes'])} modes, "
          f"{results['seconds']}s")
    for check in results["checks"]:
        print(f"  {check['id']:<13} {check['problems']:>4} problems in {check['runs']} runs")
        for example in check["examples"]:
            print(f"      {example}")
    kinds = Counter(row["result"] for row in results["criteria"])
    print("  criteria: " + ", ".join(f"{k} {kinds[k]}" for k in ("pass", "review", "fail",
                                                                  "untested")))
    for rule, entry in sorted(results.get("axe_incomplete", {}).items()):
        print(f"  axe incomplete (a person must look): {rule}, {entry['nodes']} elements, "
              f"e.g. {'; '.join(entry['examples'][:3])}")
    if args.check and not results["passed"]:
        print("error: the accessibility gate found problems", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

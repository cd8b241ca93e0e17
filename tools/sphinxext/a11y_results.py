"""The ``a11y-results`` directive: the site's accessibility test results (試験結果) from JSON.

``nox -s a11y`` runs the gate (tests/test_a11y.py) and writes ``_build/a11y/results.json``
(tools/a11y/report.py); the next build shows it in the style Japanese municipalities
publish JIS X 8341-3:2016 test results: date, scope, tools, results per check and a
checklist of success criteria. Without results the page says that no test was run,
and results taken on other sources say so: the page never claims more than was tested.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from tools import ROOT
from tools.fingerprint import source_fingerprint

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)
JST = timezone(timedelta(hours=9))
SCHEMA = 1
RESULTS = ROOT / "_build" / "a11y" / "results.json"  # written by tools.a11y.report

# Reader-facing text per edition. The easy edition uses kana and ruby notation
# (｜漢字《かんじ》, rendered by tools/sphinxext/ruby.py); it links to the standard page for details.
TEXT: dict[str, dict[str, str]] = {
    "standard": {
        "none": "このサイトのこの版については、まだ試験を実施していません。試験結果はありません。",
        "stale": "この試験結果は、試験のあとに更新されたページの内容を含みません"
                 "（試験時と現在とでサイトの元データが異なります）。",
        "date": "試験日", "date_format": "{y}年{m}月{d}日",
        "scope": "試験の対象", "scope_value": "{label}：{count}ページ（{pages}）",
        "modes": "表示条件", "modes_value": "ライト／ダークの配色、幅1280×高さ800と幅320×高さ640"
                                           "（CSSピクセル）の4通りで、各ページを試験",
        "tools": "使用ツール", "source": "試験した版", "seconds": "試験にかかった時間",
        "seconds_value": "{seconds}秒",
        "checks_caption": "試験項目ごとの結果",
        "check": "試験項目", "runs": "試験した組み合わせ", "problems": "見つかった問題",
        "verdict": "結果", "ok": "問題なし", "ng": "問題あり",
        "criteria_caption": "達成基準チェックリスト（自動試験で確認できた範囲）",
        "number": "番号", "criterion": "達成基準", "level": "適合レベル",
        "origin": "規格", "tested_by": "試験方法", "result": "結果",
        "jis": "JIS X 8341-3:2016", "wcag": "WCAG 2.1／2.2で追加",
        "pass": "自動試験で問題なし", "fail": "問題あり",
        "review": "自動試験で判定できない箇所あり（{n}件、人による確認が必要）",
        "untested": "自動試験の対象外（未確認）",
        "summary": "適合レベルA・AAの達成基準{total}件のうち、自動試験で問題が見つからなかったもの{passed}件、"
                   "問題が見つかったもの{failed}件、人による確認が必要なもの{review}件、"
                   "自動試験の対象外のもの{untested}件です。",
        "limits": "この試験は自動試験だけによるものです。すべての達成基準を人が確認したものではないため、"
                  "JIS X 8341-3:2016への「準拠」「一部準拠」を表明するものではありません。",
        "overall_ok": "すべての試験項目で問題は見つかりませんでした。",
        "overall_ng": "問題が見つかった試験項目があります。修正を進めます。",
        "details": "",
    },
    "easy": {
        "none": "この ページの ｜試験《しけん》は まだ して いません。",
        "stale": "この けっかの あとで、 ページが かわって います。",
        "date": "｜試験《しけん》を した ひ", "date_format": "{y}ねん {m}がつ {d}にち",
        "scope": "しらべた ページ", "scope_value": "{label}：{count} ページ（{pages}）",
        "modes": "がめん", "modes_value": "あかるい いろ・くらい いろ、 ひろい がめん（1280×800）・"
                                         "せまい がめん（320×640）の 4つで しらべました",
        "tools": "つかった ソフト", "source": "しらべた はん", "seconds": "かかった じかん",
        "seconds_value": "{seconds} びょう",
        "checks_caption": "しらべた こと",
        "check": "しらべた こと", "runs": "しらべた かず", "problems": "みつかった もんだい",
        "verdict": "けっか", "ok": "もんだい なし", "ng": "もんだい あり",
        "criteria_caption": "",
        "summary": "", "limits": "コンピューターで しらべた けっかです。 ひとが すべてを しらべた わけでは ありません。",
        "overall_ok": "もんだいは みつかりませんでした。",
        "overall_ng": "もんだいが みつかりました。 なおして いきます。",
        "details": "くわしい けっかは、 ふつうの にほんごの ページに あります。",
    },
}
# Check names in easy Japanese (the standard names come from the results file).
EASY_CHECKS = {
    "axe": "axe-core で じどうで しらべる",
    "reflow": "せまい がめんで よこに スクロール しない",
    "text-spacing": "もじの あいだを ひろげても もじが きれない",
    "skip-link": "はじめの Tab キーで「ほんぶんへ いく」が でる",
    "focus": "キーボードで えらんだ ところが よく みえる",
    "html": "HTML に まちがいが ない",
}
# Edition names in kana for the easy page.
EASY_SCOPES = {"ja": "ふつうの にほんご", "easy": "やさしい にほんご", "landing": "トップページ"}


def read_results(path: Path) -> dict[str, Any] | None:
    """The results file, or None when there is none (or it is unreadable: warned)."""
    if not path.exists():
        return None
    try:
        results = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        logger.warning("%s: cannot read accessibility results: %s", path, exc,
                       type="a11y", subtype="results")
        return None
    if results.get("schema") != SCHEMA:
        logger.warning("%s: results schema %r, expected %r; run `nox -s a11y` again",
                       path, results.get("schema"), SCHEMA, type="a11y", subtype="results")
        return None
    return results


def _para(text: str) -> nodes.paragraph:
    # Generated text is not extracted into the catalogs (it changes with every run);
    # each edition gets its own wording from TEXT instead.
    return nodes.paragraph(text, text, translatable=False)


def _table(caption: str, header: list[str], rows: list[list[str]], classes: list[str]
           ) -> nodes.table:
    table = nodes.table(classes=classes)
    if caption:
        table += nodes.title(caption, caption, translatable=False)
    group = nodes.tgroup(cols=len(header))
    table += group
    group.extend(nodes.colspec(colwidth=1) for _ in header)
    head = nodes.thead()
    group += head
    head += nodes.row("", *(nodes.entry("", _para(cell)) for cell in header))
    body = nodes.tbody()
    group += body
    for row in rows:
        body += nodes.row("", *(nodes.entry("", _para(cell)) for cell in row))
    return table


def _fields(items: list[tuple[str, str]]) -> nodes.field_list:
    fields = nodes.field_list()
    for name, value in items:
        fields += nodes.field("", nodes.field_name(name, name, translatable=False),
                              nodes.field_body("", _para(value)))
    return fields


def render(results: dict[str, Any] | None, edition: str, *, current: str) -> list[nodes.Node]:
    """The nodes that show *results* (or their absence) to readers of *edition*."""
    text = TEXT[edition]
    if results is None:
        return [_para(text["none"])]
    out: list[nodes.Node] = []
    if results["source"].get("fingerprint") != current:
        out.append(nodes.note("", _para(text["stale"])))
    tested = datetime.fromisoformat(results["date"]).astimezone(JST)
    checks_ok = results["passed"]
    out.append(_para(text["overall_ok"] if checks_ok else text["overall_ng"]))
    scope = [
        text["scope_value"].format(
            label=EASY_SCOPES.get(name, name) if edition == "easy" else info["label"],
            count=len(info["pages"]), pages="、".join(info["pages"]))
        for name, info in results["editions"].items()
    ]
    tools = "、".join(f"{name} {version}" for name, version in results["tools"].items())
    fields = [
        (text["date"], text["date_format"].format(y=tested.year, m=tested.month, d=tested.day)),
        (text["scope"], " ／ ".join(scope)),
        (text["modes"], text["modes_value"]),
        (text["tools"], tools),
    ]
    if results["source"].get("commit"):
        fields.append((text["source"], results["source"]["commit"]))
    fields.append((text["seconds"], text["seconds_value"].format(seconds=results["seconds"])))
    out.append(_fields(fields))
    rows = [
        [EASY_CHECKS.get(c["id"], c["name"]) if edition == "easy" else c["name"], str(c["runs"]),
         str(c["problems"]), text["ok"] if c["problems"] == 0 else text["ng"]]
        for c in results["checks"]
    ]
    out.append(_table(text["checks_caption"],
                      [text["check"], text["runs"], text["problems"], text["verdict"]],
                      rows, ["a11y-results-checks"]))
    if edition == "standard":
        out.extend(_criteria(results["criteria"], text))
    out.append(_para(text["limits"]))
    if text["details"]:
        out.append(_para(text["details"]))
    return out


def _criteria(criteria: list[dict[str, Any]], text: dict[str, str]) -> list[nodes.Node]:
    counts = {kind: sum(1 for c in criteria if c["result"] == kind)
              for kind in ("pass", "fail", "review", "untested")}
    summary = text["summary"].format(total=len(criteria), passed=counts["pass"],
                                     failed=counts["fail"], review=counts["review"],
                                     untested=counts["untested"])
    rows = []
    for c in criteria:
        result = text[c["result"]].format(n=c["review"])
        rows.append([c["number"], c["name"], c["level"], text["jis"] if c["jis"] else text["wcag"],
                     "、".join(c["tested_by"]) or "—", result])
    header = [text["number"], text["criterion"], text["level"], text["origin"], text["tested_by"],
              text["result"]]
    table = _table(text["criteria_caption"], header, rows, ["a11y-results-criteria"])
    return [_para(summary), table]


class A11yResults(SphinxDirective):
    """Show the latest accessibility gate results (``a11y_results_file``)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        path = Path(self.config.a11y_results_file)
        # Rebuild this page whenever the results change (or appear).
        self.env.note_dependency(str(path))
        return render(read_results(path), self.config.a11y_edition, current=source_fingerprint())


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("tools.sphinxext.a11y_fixes")  # a11y_edition
    app.add_config_value("a11y_results_file", str(RESULTS), "env", types=frozenset({str}))
    app.add_directive("a11y-results", A11yResults)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

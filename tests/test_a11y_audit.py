"""The accessibility gate's own checks catch what they claim to, on small broken pages;
the results page says what was tested and no more."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import a11y_results, soup

from tools.a11y.audit import CHECKS_JS, Mode, audit_site
from tools.a11y.report import criteria_results, criterion_of_tag
from tools.checks import vnu
from tools.editions import EDITIONS, sphinx_build
from tools.fingerprint import source_fingerprint
from tools.sphinxext.a11y_fixes import fix_html

BROKEN = """<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>壊れたページ</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>
  .wide { width: 900px; }
  .box { height: 1.2em; overflow: hidden; width: 12em; }
  button { outline: none; }
  .offscreen { position: absolute; left: -9999px; }
</style></head>
<body>
<a href="#main">Skip to content</a>
<main id="main">
  <h1>見出し</h1>
  <div class="wide">とても幅の広い段落です。</div>
  <div class="box">この箱は高さが固定されていて、文字の間隔を広げると文字が欠けてしまいます。</div>
  <button type="button">押す</button>
  <a class="offscreen" href="#x">見えないリンク</a>
</main>
</body></html>
"""


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("broken")
    (site / "broken.html").write_text(BROKEN, encoding="utf-8")
    return site


# A link that wraps right before its <ruby> (a zero-width break opportunity leaves its first
# line box empty at the end of a full line), a link covered by a fixed bar, and one covered only on its second line.
WRAPPING = """<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>折り返すリンク</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>
  body { margin: 0; font: 20px/2 "BIZ UDPGothic", sans-serif; }
  p { width: 10em; margin: 0 0 1em; }
  a:focus-visible { outline: 3px solid #1a56b0; }
  .bar { position: fixed; left: 0; right: 0; height: 40px; background: #eee; }
  .top { top: 0; } .second { top: 240px; }
</style></head>
<body>
<div class="bar top"></div><div class="bar second"></div>
<main style="padding-top: 120px">
  <p>あいうえおかきくけ<a id="wrap" href="#a">&#8203;<ruby>民生委員<rt>みんせいいいん</rt></ruby>の話</a></p>
  <p id="covered-para">一行の<a id="second" href="#b">とても長いリンクの文字がここから折り返して次の行まで続きます</a></p>
</main>
</body></html>
"""


@pytest.mark.browser
def test_focus_check_tests_each_line_box_that_holds_text(tmp_path: Path, serve,
                                                        browser) -> None:
    (tmp_path / "wrapping.html").write_text(WRAPPING, encoding="utf-8")
    page = browser.new_page(viewport={"width": 320, "height": 640})
    try:
        page.goto(f"{serve(tmp_path)}/wrapping.html")
        page.evaluate(CHECKS_JS)
        wrap = page.evaluate("""() => {
          const a = document.getElementById("wrap");
          return [...a.getClientRects()].map((r) => [r.left, r.top, r.width]);
        }""")
        assert len(wrap) >= 2 and wrap[0][2] < 1, "the link must wrap before its ruby"
        # A bar over the end of the first line, where the link's empty line box is: the
        # link's text (all on the next line) is not covered.
        page.evaluate("""([left, top]) => Object.assign(document.querySelector(".top").style,
                         { top: `${top}px`, left: `${left - 8}px`, height: "20px" })""",
                      wrap[0][:2])
        assert page.evaluate("(id) => { document.getElementById(id).focus();"
                             " return window.__a11yAudit.focusState(); }", "wrap")[
            "obscured"] is False
        # Move the second bar over the second line of the long link only.
        rects = page.evaluate("""() => [...document.getElementById("second")
                                 .getClientRects()].map((r) => r.top)""")
        assert len(rects) >= 2
        page.evaluate("(top) => { document.querySelector('.second').style.top ="
                      " `${top}px`; }", rects[1])
        page.evaluate("document.activeElement.blur()")
        state = page.evaluate("() => { document.getElementById('second').focus();"
                              " return window.__a11yAudit.focusState(); }")
        assert state["obscured"] is True
    finally:
        page.close()


@pytest.mark.browser
def test_after_a_walk_the_next_tab_starts_from_the_top(tmp_path: Path, serve, browser) -> None:
    """A page's walks (one per colour scheme, tools/a11y/audit.py) each start at its first
    stop, whichever element the last walk left focused."""
    links = "".join(f'<a id="l{n}" href="#l{n}">リンク{n}</a> ' for n in range(4))
    (tmp_path / "links.html").write_text(
        f'<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>t</title></head>'
        f"<body><main>{links}</main></body></html>", encoding="utf-8")
    page = browser.new_page()
    try:
        page.goto(f"{serve(tmp_path)}/links.html")
        page.evaluate(CHECKS_JS)
        for last in ("l1", "l3"):
            page.keyboard.press("Tab")
            page.evaluate("(id) => document.getElementById(id).focus()", last)
            page.evaluate("window.__a11yAudit.forgetFocus()")
            assert page.evaluate("document.activeElement === document.body")
            assert page.evaluate("document.documentElement.hasAttribute('tabindex')") is False
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.id") == "l0", last
            page.evaluate("window.__a11yAudit.forgetFocus()")
    finally:
        page.close()


@pytest.mark.browser
def test_browser_checks_catch_broken_pages(broken_site: Path, serve, browser) -> None:
    (audit,) = audit_site(browser, serve(broken_site), ["broken.html"],
                          modes=(Mode("light", 320, 640),))
    assert any("scrolls sideways" in p for p in audit.reflow_problems())
    assert any(s["kind"] == "clipped" and "box" in s["element"] for s in audit.spacing)
    skip = audit.skip_link_problems()
    assert any("not Japanese" in p for p in skip), skip
    focus = audit.focus_problems()
    assert any("button" in p and "< 2px" in p for p in focus), focus
    assert any("hidden element" in p and "offscreen" in p for p in focus), focus


# Dark only: text with too little contrast (colours alone), and an image without alt text
# (shown only in the dark scheme, as furo's .only-dark images are).
SCHEMES = """<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>
  body {{ color: #000; background: #fff; }} .dark-only {{ display: none; }}
  @media (prefers-color-scheme: dark) {{
    body {{ color: #ddd; background: #111; }}
    {dark}
  }}
</style></head>
<body><main><h1>色の設定</h1><p class="faint">ダークモードの文字です。</p>
<img class="dark-only" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="40">
</main></body></html>
"""


@pytest.mark.browser
def test_each_colour_scheme_is_checked_from_one_page_load(tmp_path: Path, serve,
                                                          browser) -> None:
    """The colour scheme is switched on the loaded page and every check runs again in it:
    a dark-only contrast failure and a dark-only image without alt text are found."""
    pages = {"colours.html": ".faint { color: #333; }",
             "image.html": ".dark-only { display: inline; }"}
    for name, dark in pages.items():
        (tmp_path / name).write_text(SCHEMES.format(title=name, dark=dark), encoding="utf-8")
    modes = (Mode("light", 320, 640), Mode("dark", 320, 640))
    # mode by mode, page by page
    light, light_image, dark, dark_image = audit_site(browser, serve(tmp_path), list(pages),
                                                      modes=modes, needs_skip_link=False)
    assert (light.mode, dark.page, dark_image.mode) == ("light-320x640", "colours.html",
                                                        "dark-320x640")
    assert light.axe_violations == [] and light_image.axe_violations == []
    assert [v["id"] for v in dark.axe_violations] == ["color-contrast"]
    assert [v["id"] for v in dark_image.axe_violations] == ["image-alt"]


def test_vnu_reports_errors_with_file_and_line(broken_site: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.html"
    bad.write_text('<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>t</title>'
                   '</head><body><p role="heading">x</p><form action=""></form></body></html>',
                   encoding="utf-8")
    errors = vnu.errors(vnu.check([bad]))
    assert any("aria-level" in e.message for e in errors), errors
    assert all(e.path.endswith("bad.html") and e.line == 1 for e in errors)
    assert vnu.main([str(bad)]) == 1
    assert vnu.main([str(tmp_path / "missing.html")]) == 2


def test_toctree_captions_get_a_heading_level() -> None:
    html = '<p class="caption" role="heading"><span class="caption-text">目次</span></p>'
    fixed = fix_html(html, {"subtree": "{title}"})
    assert fixed.startswith('<p class="caption" role="heading" aria-level="2">')
    assert fix_html(fixed, {"subtree": "{title}"}) == fixed


def test_axe_tags_map_to_success_criteria() -> None:
    assert criterion_of_tag("wcag1410") == "1.4.10"
    assert criterion_of_tag("wcag111") == "1.1.1"
    assert criterion_of_tag("wcag2aa") is None
    assert criterion_of_tag("best-practice") is None


def test_criteria_are_never_claimed_untested() -> None:
    checks = [{"id": "reflow", "criteria": ["1.4.10"], "problems": 0},
              {"id": "focus", "criteria": ["2.4.7"], "problems": 2}]
    rules = {"color-contrast": {"tags": ["wcag2aa", "wcag143"], "violations": 0,
                                "incomplete": 3, "passes": 10, "inapplicable": 0},
             "video-caption": {"tags": ["wcag122"], "violations": 0, "incomplete": 0,
                               "passes": 0, "inapplicable": 12}}
    rows = {row["number"]: row for row in criteria_results(checks, rules)}
    assert rows["1.4.10"]["result"] == "pass"
    assert rows["2.4.7"]["result"] == "fail"
    assert rows["1.4.3"]["result"] == "review" and rows["1.4.3"]["review"] == 3
    assert rows["1.2.2"]["result"] == "untested"  # inapplicable everywhere: not tested
    assert rows["3.3.7"]["result"] == "untested"


def _accessibility_page(tmp_path: Path, results: dict | None) -> Path:
    results_file = tmp_path / "results.json"
    if results is not None:
        results_file.write_text(json.dumps(results, ensure_ascii=False), encoding="utf-8")
    out = sphinx_build(EDITIONS["ja"], tmp_path / "html", build_root=tmp_path,
                       extra=("-D", f"a11y_results_file={results_file}"))
    return out / "accessibility.html"


def test_results_page_without_results_claims_nothing(tmp_path: Path) -> None:
    page = soup(_accessibility_page(tmp_path, None))
    text = page.find("article").get_text()
    assert "まだ試験を実施していません" in text
    assert "問題なし" not in text and "試験日" not in text


def test_results_page_shows_date_tools_and_checklist(tmp_path: Path) -> None:
    path = _accessibility_page(tmp_path, a11y_results(source_fingerprint()))
    assert not vnu.errors(vnu.check([path]))  # e.g. no id twice (furo's table wrapper)
    page = soup(path)
    text = page.find("article").get_text()
    assert "2026年11月28日" in text  # 03:00 UTC is 12:00 in Japan
    assert "axe-core 4.12.1" in text and "abc1234" in text
    assert "自動試験の対象外（未確認）" in text  # with no checks, every criterion is untested
    assert "準拠」「一部準拠」を表明するものではありません" in text
    assert "更新されたページの内容を含みません" not in text
    assert page.select_one("table.a11y-results-criteria caption")


def test_results_page_says_when_results_are_for_other_sources(tmp_path: Path) -> None:
    page = soup(_accessibility_page(tmp_path, a11y_results("0" * 16)))
    assert "更新されたページの内容を含みません" in page.find("article").get_text()

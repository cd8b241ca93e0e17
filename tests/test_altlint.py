"""alt-lint: every rule caught and passing in MyST, catalogs, SVG and built HTML; the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import build_test_root, cli_codes, run_cli

from tools import ROOT

GOOD_ALT = "地域の人が集まって話し合う様子を描いた図"


def run_alt(*args: str | Path) -> tuple[int, str]:
    return run_cli("tools.checks.altlint", *args)


def codes(*args: str | Path) -> list[str]:
    return sorted(cli_codes("tools.checks.altlint", *args))


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def figure(options: str, caption: str = "計画の策定体制") -> str:
    return f"# 題\n\n```{{figure}} figures/plan.svg\n{options}\n\n{caption}\n```\n"


@pytest.mark.parametrize(("bad", "good", "code"), [
    (figure(":name: f"), figure(f":alt: {GOOD_ALT}"), "ALT001"),
    (figure(":alt:"), figure(":alt:\n:class: decorative"), "ALT002"),
    (figure(f":alt: {GOOD_ALT}\n:class: decorative"), figure(":alt:\n:class: decorative"),
     "ALT002"),
    (figure(":class: decorative"), figure(":class: decorative\n:alt:"), "ALT002"),
    (figure(":alt: 画像"), figure(f":alt: {GOOD_ALT}"), "ALT003"),
    (figure(":alt: 図1"), figure(f":alt: {GOOD_ALT}"), "ALT003"),
    (figure(":alt: photo"), figure(f":alt: {GOOD_ALT}"), "ALT003"),
    (figure(":alt: plan.svg"), figure(f":alt: {GOOD_ALT}"), "ALT003"),
    (figure(":alt: 2023"), figure(f":alt: {GOOD_ALT}"), "ALT003"),
    (figure(":alt: 旭川の地図"), figure(":alt: 旭川市の中心部を示した地図"), "ALT004"),
    (figure(":alt: " + "あ" * 151), figure(":alt: " + "あ" * 150), "ALT005"),
    (figure(f":alt: {GOOD_ALT}", GOOD_ALT), figure(f":alt: {GOOD_ALT}"), "ALT006"),
    ("![](a.png)\n", "![](a.png){.decorative}\n", "ALT001"),
    ("![写真](a.png)\n", f"![{GOOD_ALT}](a.png)\n", "ALT003"),
    ("```{image} a.png\n:alt: a.png\n```\n", f"```{{image}} a.png\n:alt: {GOOD_ALT}\n```\n",
     "ALT003"),
])
def test_myst_rules_both_ways(tmp_path: Path, bad: str, good: str, code: str) -> None:
    assert codes(write(tmp_path, "bad.md", bad)) == [code]
    assert codes(write(tmp_path, "good.md", good)) == []


def test_caption_with_ruby_still_matches(tmp_path: Path) -> None:
    page = figure(f":alt: {GOOD_ALT}", "｜地域《ちいき》の人が集まって話し合う様子を描いた図")
    assert codes(write(tmp_path, "p.md", page)) == ["ALT006"]


def test_myst_position_is_the_alt_line(tmp_path: Path) -> None:
    path = write(tmp_path, "p.md", figure(":name: x\n:alt: 画像"))
    code, out = run_alt(path)
    assert code == 1
    assert f"{path}:5:7: ALT003 placeholder alt text '画像'" in out
    assert out.rstrip().endswith("Found 1 error.")


SVG_OK = ('<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="t d">'
          '<title id="t">計画策定体制</title><desc id="d">住民から事務局へ意見が届く流れ</desc>'
          '<text>住民</text><text>事務局</text></svg>')


@pytest.mark.parametrize(("bad", "code"), [
    (SVG_OK.replace('<title id="t">計画策定体制</title>', ""), "ALT101"),
    (SVG_OK.replace('<desc id="d">住民から事務局へ意見が届く流れ</desc>', ""), "ALT102"),
    (SVG_OK.replace('aria-labelledby="t d"', 'aria-labelledby="missing"'), "ALT103"),
    (SVG_OK.replace("計画策定体制", "図"), "ALT003"),
])
def test_svg_rules_both_ways(tmp_path: Path, bad: str, code: str) -> None:
    assert codes(write(tmp_path, "bad.svg", bad)) == [code]
    assert codes(write(tmp_path, "good.svg", SVG_OK)) == []


def test_svg_icon_without_labels_needs_no_desc(tmp_path: Path) -> None:
    icon = ('<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="電話の記号">'
            '<title>電話</title><rect width="1" height="1"/></svg>')
    assert codes(write(tmp_path, "icon.svg", icon)) == []


def test_broken_svg_is_a_usage_error_with_position(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.svg", "<svg>\n<title>x</svg>\n")
    code, out = run_alt(path)
    assert code == 2 and f"{path}:2:" in out and "not well-formed" in out


HTML_BAD = """<html><body>
<img src="a.png">
<img src="b.png" alt="">
<a href="x.html"><img src="c.png" alt=""></a>
<svg role="img"><rect/></svg>
<figure><img src="d.png" alt="計画の策定体制を示す図です"><figcaption><span>計画の策定体制を示す図です</span><a class="headerlink" href="#x">¶</a></figcaption></figure>
</body></html>
"""
HTML_GOOD = """<html><body>
<img src="a.png" alt="地域の人が集まって話し合う様子">
<img src="b.png" alt="" class="decorative">
<a href="x.html"><img src="c.png" alt="計画の概要のページへ移動する"></a>
<a href="y.html" aria-label="ホームへ"><svg aria-hidden="true"><rect/></svg></a>
<svg role="img"><title>電話の記号</title><rect/></svg>
<figure><img src="d.png" alt="住民と事務局を矢印で結んだ図"><figcaption><span><ruby>計画<rp>（</rp><rt>けいかく</rt><rp>）</rp></ruby>の策定体制</span><a class="headerlink" href="#x">¶</a></figcaption></figure>
</body></html>
"""


def test_html_rules_both_ways(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.html", HTML_BAD)
    assert codes(bad) == ["ALT001", "ALT002", "ALT002", "ALT006", "ALT103", "ALT201"]
    _code, out = run_alt(bad)
    assert f"{bad}:2:1: ALT001" in out and f"{bad}:4:1: ALT201" in out
    assert codes(write(tmp_path, "good.html", HTML_GOOD)) == []


def test_sphinx_output_of_a_good_figure_passes(tmp_path: Path) -> None:
    outdir, _ = build_test_root(tmp_path, "test-ruby", "html")
    src = tmp_path / "test-ruby"
    assert codes(src / "index.md", src / "figure.svg", outdir / "index.html") == []


def test_catalog_alt_entries(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    write(docs, "page.md", figure(f":alt: {GOOD_ALT}"))
    folder = tmp_path / "locale" / "easy" / "ja" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    entries = (f'#: ../../docs/page.md:3\nmsgid "{GOOD_ALT}"\nmsgstr "{{alt}}"\n\n'
               '#: ../../docs/page.md:7\nmsgid "計画の策定体制"\nmsgstr "けいかくを つくる しくみ"\n\n'
               '#: ../../docs/page.md:1\nmsgid "題"\nmsgstr "画像"\n')
    po = write(folder, "page.po", header + entries.format(alt="画像"))
    code, out = run_alt(po)
    assert code == 1 and f"{po}:7:1: ALT003" in out
    assert ":15:" not in out  # "画像" as an ordinary message is not alt text
    write(folder, "page.po", header + entries.format(alt="けいかくを つくる しくみ"))
    assert codes(po) == ["ALT006"]
    write(folder, "page.po", header + entries.format(alt="みんなが あつまって はなす え"))
    assert codes(po) == []


def test_exit_codes_and_json(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.md", "![](a.png)\n")
    code, out = run_alt(bad, "--format", "json")
    assert code == 1
    assert json.loads(out) == [{"path": str(bad), "line": 1, "col": 1, "code": "ALT001",
                                "message": json.loads(out)[0]["message"]}]
    assert run_alt(write(tmp_path, "ok.md", "# 題\n"))[0] == 0
    assert run_alt(tmp_path / "missing.md")[0] == 2
    assert run_alt(write(tmp_path, "x.txt", "x"))[0] == 2
    assert run_alt("--min-length", "many", tmp_path)[0] == 2
    assert codes(write(tmp_path, "short.md", figure(":alt: 旭川の地図")), "--min-length", "5") == []


def test_the_project_passes_every_linter(site: Path) -> None:
    """The sources, the catalogs and the built site (this run's, not whatever _build holds)."""
    result = subprocess.run([sys.executable, "-m", "tools.checks.lint", "docs", "locale", str(site)],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr

"""Accessibility fixes for furo and Sphinx on a Japanese site, and the reader tools' assets.

Measured on a stock build (see tests/test_a11y.py): toctree captions are
``p[role=heading]`` without ``aria-level``; furo's interface text is English;
scrollable table containers cannot be reached by keyboard. The templates in
``_templates/`` use the labels set here (``a11y_labels``, one set per edition);
HTML that Sphinx and furo generate is fixed here; CSS and JavaScript live in
``_static/a11y.css``, ``_static/a11y-drawers.js`` and ``_static/reader-tools.js``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.writers.html5 import HTML5Translator

# Interface text furo hard-codes in English, per edition. The easy edition uses
# kana (やさしい日本語); readers of both editions meet the same controls.
LABELS: dict[str, dict[str, str]] = {
    "standard": {
        "menu": "メニュー",
        "nav_drawer": "サイトのメニューを開閉",
        "toc_drawer": "このページの目次を開閉",
        "toc_button": "このページの目次",
        "theme": "配色の切り替え（自動・ライト・ダーク）",
        "sidebar": "サイトのメニュー",
        "toc_aside": "このページの目次",
        "icon_toc": "目次",
        "icon_menu": "メニュー",
        "icon_expand": "開く",
        "icon_light": "ライトモード",
        "icon_dark": "ダークモード",
        "icon_auto_light": "自動（現在はライト）",
        "icon_auto_dark": "自動（現在はダーク）",
        "subtree": "「{title}」の下の項目を開閉",
        "table": "表{number}：{title}",
        "tools": "表示の設定",
        "text_size": "文字サイズ",
        "size_100": "標準",
        "furigana": "ふりがな",
        "search_words": "検索する言葉",
    },
    "easy": {
        "menu": "メニュー",
        "nav_drawer": "メニューを ひらく・とじる",
        "toc_drawer": "この ページの もくじを ひらく・とじる",
        "toc_button": "この ページの もくじ",
        "theme": "がめんの いろを かえる",
        "sidebar": "サイトの メニュー",
        "toc_aside": "この ページの もくじ",
        "icon_toc": "もくじ",
        "icon_menu": "メニュー",
        "icon_expand": "ひらく",
        "icon_light": "あかるい いろ",
        "icon_dark": "くらい いろ",
        "icon_auto_light": "じどう（いまは あかるい いろ）",
        "icon_auto_dark": "じどう（いまは くらい いろ）",
        "subtree": "「{title}」の なかの ページを ひらく・とじる",
        "table": "ひょう {number}：{title}",
        "tools": "みやすく する",
        "text_size": "もじの おおきさ",
        "size_100": "ふつう",
        "furigana": "ふりがな",
        "search_words": "さがす ことば",
    },
}
# Text sizes of the article, in percent (WCAG 1.4.4 asks for 200% without loss).
TEXT_SIZES = ("100", "125", "150", "200")

_CAPTION = re.compile(r'<p\b(?=[^>]*\brole="heading")(?![^>]*\baria-level=)([^>]*)>')
_SUBTREE = re.compile(r'aria-label="Toggle navigation of ([^"]*)"')


def on_config_inited(app: Sphinx, config: Config) -> None:
    # The edition's language decides the labels; builds with ``-t easy`` are the easy edition.
    if not config.a11y_edition:
        config.a11y_edition = "easy" if app.tags.has("easy") else "standard"


class scroll_region(nodes.General, nodes.Element):
    """A container the reader can scroll sideways (a wide table): focusable and named."""


class LabelScrollableTables(SphinxPostTransform):
    """Turn furo's table wrappers into keyboard-reachable, named scroll regions.

    furo wraps each table in ``div.table-wrapper`` with ``overflow-x: auto``; on a
    narrow screen a keyboard user cannot scroll it unless it takes focus, and a
    focusable element needs a role and a name. furo also copies a captioned table's id
    onto the wrapper, which makes the id appear twice.
    """

    formats = ("html",)
    default_priority = 510  # after furo's WrapTableAndMathInAContainerTransform (500)

    def run(self, **kwargs: Any) -> None:
        labels = LABELS[self.config.a11y_edition]
        number = 0
        for wrapper in list(self.document.findall(nodes.container)):
            if "table-wrapper" not in wrapper["classes"]:
                continue
            number += 1
            # furo copies the table's ids onto its wrapper: the same id twice in the page.
            inner = {i for child in wrapper.children for i in child.get("ids", [])}
            region = scroll_region(
                "", *wrapper.children, classes=wrapper["classes"],
                ids=[i for i in wrapper["ids"] if i not in inner],
                label=labels["table"].format(number=number, title=_table_title(wrapper)),
            )
            # (replace_self() would copy the wrapper's ids back onto the region)
            wrapper.parent.replace(wrapper, region)


def _table_title(wrapper: nodes.Element) -> str:
    """The table's caption, else the title of the section it is in."""
    for title in wrapper.findall(nodes.title):
        return title.astext().strip()
    section = wrapper.parent
    while section is not None and not isinstance(section, nodes.section):
        section = section.parent
    if section is not None and isinstance(section[0], nodes.title):
        return section[0].astext().strip()
    return ""


def html_visit_scroll_region(self: HTML5Translator, node: scroll_region) -> None:
    self.body.append(self.starttag(
        node, "div", CLASS="docutils container", tabindex="0", role="group",
        **{"aria-label": node["label"]},
    ))


def html_depart_scroll_region(self: HTML5Translator, node: scroll_region) -> None:
    self.body.append("</div>\n")


def fix_html(html: str, labels: dict[str, str]) -> str:
    """Fix ARIA in HTML that Sphinx or furo generated (toctree captions, subtree toggles)."""
    # Captions head the toctree, which sits under the page's (or the site's) h1.
    html = _CAPTION.sub(r'<p\1 aria-level="2">', html)
    return _SUBTREE.sub(
        lambda m: f'aria-label="{labels["subtree"].format(title=m.group(1))}"', html
    )


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    edition = app.config.a11y_edition
    labels = LABELS[edition]
    context["a11y_edition"] = edition
    context["a11y_labels"] = labels
    context["a11y_text_sizes"] = [
        (size, labels["size_100"] if size == "100" else f"{size}%") for size in TEXT_SIZES
    ]
    for key in ("body", "toc", "furo_navigation_tree"):
        if isinstance(context.get(key), str):
            context[key] = fix_html(context[key], labels)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("a11y_edition", "", "env", types=frozenset({str}))
    app.connect("config-inited", on_config_inited)
    app.add_node(scroll_region, html=(html_visit_scroll_region, html_depart_scroll_region))
    app.add_post_transform(LabelScrollableTables)
    # After furo's own handler (default priority), which builds furo_navigation_tree.
    app.connect("html-page-context", on_html_page_context, priority=900)
    # After furo's stylesheets (furo-extensions.css has priority 600).
    app.add_css_file("a11y.css", priority=700)
    app.add_js_file("a11y-drawers.js", priority=700, defer="defer")
    app.add_js_file("reader-tools.js", priority=700, defer="defer")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

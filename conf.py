"""Sphinx configuration for both editions of the plan (declarative; logic lives in tools/)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent
EASY = tags.has("easy")  # noqa: F821 (`tags` is injected by Sphinx)
EDITION = "easy" if EASY else "standard"

project = "第5期旭川市地域福祉計画・旭川市社会福祉協議会第7期地域福祉活動計画 骨子（案）"
author = "旭川市・旭川市社会福祉協議会"
copyright = "2023, 旭川市・旭川市社会福祉協議会"
version = release = "骨子（案）"  # the plan's stage (the EPUB's ibooks:version)
language = "ja"

extensions = [
    "myst_parser",
    "tools.sphinxext.search_ja",
    "tools.sphinxext.ruby",
    "tools.sphinxext.a11y_fixes",
    "tools.sphinxext.a11y_results",
    "tools.sphinxext.safe_markup",
    "tools.sphinxext.image_alt",
    "tools.sphinxext.source_encoding",
    "tools.sphinxext.csp",
    # Sentence spans and the 「読み上げ」 player; the audio itself: tools/publish/audio.
    "tools.sphinxext.speech",
    "tools.sphinxext.image_size",
    "tools.sphinxext.bundle",
    "tools.sphinxext.myst_speed",
]
myst_enable_extensions = ["colon_fence", "attrs_block", "attrs_inline"]
myst_heading_anchors = 3
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "figures/README.md"]
suppress_warnings = []
if EASY:
    # Translations may add glossary links the source lacks; tools/catalog_check.py checks
    # instead that every reference of the msgid survives in the msgstr.
    suppress_warnings.append("i18n.inconsistent_references")
else:
    # The glossary (ことばの せつめい) exists only in the easy edition; its toctree entry in
    # index.md sits in an {only} easy block, which the standard edition would warn about.
    exclude_patterns.append("glossary.md")
    suppress_warnings.append("toc.excluded")

if tags.has("print") or tags.has("download"):  # noqa: F821
    # The PDFs (tools/publish/pdf) and the other files readers download (EPUB, text;
    # built with -t download) leave out the pages about the website itself.
    exclude_patterns.append("accessibility.md")
    suppress_warnings.append("toc.excluded")

# gettext: one catalog per page, each edition reads its own catalog folder. Relative to the
# source folder (Sphinx resolves it so), so a copy of docs/ and locale/ builds as one.
locale_dirs = [f"../locale/{EDITION}"]
gettext_compact = False
gettext_uuid = False
gettext_location = True
# Figures: the easy edition shows figures/x.easy.svg where it exists, else x.svg (Sphinx's
# own per-language lookup in its ImageCollector; the standard edition keeps the default).
if EASY:
    figure_language_filename = "{root}.easy{ext}"

html_theme = "furo"
html_title = "旭川市地域福祉計画・地域福祉活動計画 骨子（案）"
html_short_title = "地域福祉計画 骨子（案）"
if EASY:
    # Titles are not extracted into catalogs; <title> cannot carry ruby, so kana only.
    project = html_title = "あさひかわし ちいき ふくし けいかく（やさしい にほんご）"
    html_short_title = "ちいき ふくし けいかく（やさしい にほんご）"
    # The footer shows these; kana so the easy edition has no kanji without ruby.
    author = "あさひかわし・あさひかわし しゃかい ふくし きょうぎかい"
    copyright = f"2023, {author}"
html_static_path = [str(ROOT / "_static")]
html_favicon = str(ROOT / "_static" / "favicon.svg")
# lazy-layout.css/.js: long pages lay out their off-screen blocks when the reader comes near.
html_css_files = ["plan.css", "lazy-layout.css"]
html_js_files = ["lazy-layout.js"]
templates_path = [str(ROOT / "_templates")]
# _templates/ overrides furo; EPUB builders use their own templates (tools/sphinxext/templates.py).
template_bridge = "tools.sphinxext.templates.TemplateLoader"
# The other edition of each page, linked from the sidebar (tools/edition_switch.py).
extensions.append("tools.sphinxext.edition_switch")
edition_switch_other = "ja" if EASY else "easy"
edition_switch_label = "ふつうの にほんご" if EASY else "やさしい にほんご"
edition_switch_nav_label = "ほかの ことばの ページ" if EASY else "版の切り替え"
edition_switch_only_here = ["glossary"] if EASY else []
# EPUB: the book's stylesheets and metadata (tools/sphinxext/epub.py); the package, its
# accessibility metadata and media overlays are written by tools/publish/epub.py.
extensions.append("tools.sphinxext.epub")
# The text edition (テキスト版): the `plaintext` builder (tools/sphinxext/plaintext.py).
extensions.append("tools.sphinxext.plaintext")
# The downloadable files (PDF, EPUB, text, this page's audio) with their format and size,
# listed in the sidebar (tools/sphinxext/downloads.py).
extensions.append("tools.sphinxext.downloads")
downloads_kana = EASY
downloads_title = "ダウンロード"
# furo's default sidebar with the edition switcher right below the brand.
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/edition-switch.html",
        "sidebar/search.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "sidebar/downloads.html",
        "sidebar/ethical-ads.html",
        "sidebar/scroll-end.html",
        "sidebar/variant-selector.html",
    ]
}
html_last_updated_fmt = "%Y年%m月%d日"
if EASY:
    html_last_updated_fmt = "%Y ねん %-m がつ %-d にち"
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {
    "top_of_page_buttons": [],
    "navigation_with_keys": False,
}

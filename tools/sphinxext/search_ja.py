"""Japanese full-text search that finds every plan word, by its kanji or by its reading.

Sphinx's default Japanese splitter (TinySegmenter) cuts compound words where the
browser's query splitter does not (市社協 → 市社/協), so some words of the plan
could never be found. Indexing overlapping character bigrams (and single kanji)
and splitting the query the same way makes every substring of two or more
characters findable, with identical rules in Python and JavaScript
(:mod:`tools.sphinxext.search_text`).

Each page's readings are indexed beside its text (:mod:`tools.sphinxext.search_readings`)
and the query is normalised the same way (kana, long vowels, width, 分かち書き), so
じょせつ, ジョセツ and ｼﾞｮｾﾂ find 除雪. On the search page, ``data/search_ja/search-ja.js``
splits the query and writes under each result the passage with the word that matched,
marked (for a kana query: the kanji word it reads as). It is a file, loaded with
``defer`` on the search page only, so no inline script is needed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.search import SearchLanguage

from tools.sphinxext import search_readings
from tools.sphinxext.search_text import is_term, split_terms

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STATIC = Path(__file__).resolve().parent / "data" / "search_ja"

# language_data.js (a file) hands the query to the splitter of search-ja.js.
JS_SPLITTER = "var splitQuery = function (query) { return SearchJa.splitQuery(query); };"


class SearchJapaneseBigram(SearchLanguage):
    """Japanese search with the same normal form and bigrams in the index and the query."""

    lang = "ja"
    language_name = "Japanese"
    js_splitter_code = JS_SPLITTER

    def split(self, input: str) -> list[str]:
        return split_terms(input)

    def word_filter(self, stemmed_word: str) -> bool:
        return is_term(stemmed_word)

    def stem(self, word: str) -> str:
        return word


def on_builder_inited(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC))


def absolute_locale_dirs(app: Sphinx, config: Any) -> None:
    """Sphinx reads catalogs from locale_dirs relative to the source folder, but the search
    page's messages (sphinx.js → translations.js) relative to the working directory."""
    config.locale_dirs = [str((Path(app.srcdir) / d).resolve()) for d in config.locale_dirs]


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", absolute_locale_dirs)
    app.add_search_language(SearchJapaneseBigram)
    search_readings.setup(app)
    app.connect("builder-inited", on_builder_inited)
    return {"version": "2.0", "parallel_read_safe": True, "parallel_write_safe": True}

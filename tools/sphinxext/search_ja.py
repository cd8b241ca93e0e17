"""Japanese full-text search that finds every plan word, on both index and query side.

Sphinx's default Japanese splitter (TinySegmenter) cuts compound words where the
browser's query splitter does not (市社協 → 市社/協), so some words of the plan
could never be found. Indexing overlapping character bigrams (and single kanji)
and splitting the query the same way makes every substring of two or more
characters findable, with identical rules in Python and JavaScript.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from sphinx.search import SearchLanguage

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# Han, hiragana, katakana, prolonged sound mark, iteration marks.
_CJK = "\u3005\u3006\u303b\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(rf"[{_CJK}]+|[^\W{_CJK}]+")
_CJK_CHAR = re.compile(rf"[{_CJK}]")
_KANJI = re.compile(r"[\u3005\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def split_terms(text: str) -> list[str]:
    """Split *text* into search terms: CJK bigrams and kanji, other words whole."""
    terms: list[str] = []
    for run in _RUN.findall(text.lower()):
        if not _CJK_CHAR.match(run) or len(run) == 1:
            terms.append(run)
            continue
        terms.extend(run[i : i + 2] for i in range(len(run) - 1))
        terms.extend(ch for ch in run if _KANJI.fullmatch(ch))
    return terms


# The same rules for the query, run by searchtools.js in the reader's browser.
JS_SPLITTER = r"""
var splitQuery = function (query) {
  var cjk = /[\u3005\u3006\u303b\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  var runs = query.toLowerCase().match(/[\u3005\u3006\u303b\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[\p{Letter}\p{Number}_]+/gu) || [];
  var terms = [];
  runs.forEach(function (run) {
    if (!cjk.test(run[0])) { terms.push(run); return; }
    if (run.length === 1) { terms.push(run); return; }
    for (var i = 0; i + 1 !== run.length; i++) terms.push(run.substr(i, 2));
  });
  return terms;
};
"""


class SearchJapaneseBigram(SearchLanguage):
    """Japanese search with the same bigram splitting in the index and the query."""

    lang = "ja"
    language_name = "Japanese"
    js_splitter_code = JS_SPLITTER

    def split(self, input: str) -> list[str]:
        return split_terms(input)

    def word_filter(self, stemmed_word: str) -> bool:
        return len(stemmed_word) > 1 or bool(_KANJI.fullmatch(stemmed_word))

    def stem(self, word: str) -> str:
        return word


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_search_language(SearchJapaneseBigram)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

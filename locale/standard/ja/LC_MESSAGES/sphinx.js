Documentation.addTranslations({
    "locale": "ja",
    "messages": {
        ", in ": "、ページ：",
        "Hide Search Matches": "検索語の強調を消す",
        "Preparing search...": "検索の準備をしています…",
        "Search Results": "検索結果",
        "Search finished, found one page matching the search query.": [
            "${resultCount}ページが見つかりました。"
        ],
        "Searching": "検索しています",
        "Your search did not match any documents. Please make sure that all words are spelled correctly and that you've selected enough categories.": "該当するページは見つかりませんでした。別の言葉で検索してください。",
        "search": "検索",
        "search this documentation": "このサイト内を検索"
    },
    "plural_expr": "0"
});

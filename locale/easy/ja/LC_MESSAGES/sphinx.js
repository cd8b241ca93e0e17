Documentation.addTranslations({
    "locale": "ja",
    "messages": {
        ", in ": "、ページ：",
        "Hide Search Matches": "さがした ことばの しるしを けす",
        "Preparing search...": "さがす じゅんびを して います…",
        "Search Results": "さがした けっか",
        "Search finished, found one page matching the search query.": [
            "${resultCount}この ページが みつかりました。"
        ],
        "Searching": "さがして います",
        "Your search did not match any documents. Please make sure that all words are spelled correctly and that you've selected enough categories.": "ページは みつかりませんでした。ほかの ことばで さがして ください。",
        "search": "さがす",
        "search this documentation": "この サイトを さがす"
    },
    "plural_expr": "0"
});

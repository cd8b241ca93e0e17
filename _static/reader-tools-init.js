// Apply the reader's remembered text size and ふりがな choice before the page is painted
// (reader-tools.js keeps them in localStorage). Without JavaScript nothing is set:
// default size, ruby shown.
try {
  document.documentElement.dataset.textSize = localStorage.getItem("reader-text-size") || "100";
  document.documentElement.dataset.furigana = localStorage.getItem("reader-furigana") || "on";
} catch (error) {}

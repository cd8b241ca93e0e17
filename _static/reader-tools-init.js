// Before the page is painted: say that JavaScript runs (furo itself only drops `no-js` once
// the page has loaded, so the drawer buttons would replace furo's labels in view) and apply
// the reader's remembered text size and ふりがな choice (reader-tools.js keeps them in
// localStorage). Without JavaScript nothing is set: default size, ruby shown.
document.documentElement.classList.remove("no-js");
// Opened at an anchor: lay out every block so the jump lands on it (lazy-layout.css).
if (location.hash) document.documentElement.classList.add("lazy-layout-off");
try {
  document.documentElement.dataset.textSize = localStorage.getItem("reader-text-size") || "100";
  document.documentElement.dataset.furigana = localStorage.getItem("reader-furigana") || "on";
} catch (error) {}

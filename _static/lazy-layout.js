// Links within the page (the contents, the glossary, footnotes) and the back button jump
// to an anchor: before the jump, every block of the page is laid out (lazy-layout.css),
// since the blocks still waiting have only an estimated height and the jump would land
// off its target. Once laid out, the page stays so.
(() => {
  "use strict";
  const root = document.documentElement;

  function layOutAll() {
    if (root.classList.contains("lazy-layout-off")) return false;
    root.classList.add("lazy-layout-off");
    return true;
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[href*='#']");
    if (!link || link.origin !== location.origin || link.pathname !== location.pathname) return;
    layOutAll(); // the browser's jump follows this handler
  }, true);
  window.addEventListener("hashchange", () => {
    const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (layOutAll() && target) target.scrollIntoView();
  });
})();

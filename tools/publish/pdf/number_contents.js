// Write page numbers into the contents list (prepare.js) after a first rendering.
// Chromium has no target-counter(), so tools/publish/pdf/render.py reads each heading's page from
// the first PDF's bookmarks (one per heading, in document order) and passes them here.
(pages) => {
  const headings = Array.from(document.querySelectorAll("h1, h2, h3, h4, h5, h6"));
  if (headings.length !== pages.length) {
    throw new Error(`${headings.length} headings but ${pages.length} bookmarks`);
  }
  const pageOf = new Map(headings.map((h, i) => [h.id, pages[i]]));
  for (const link of document.querySelectorAll(".pdf-contents a[href^='#']")) {
    let number = link.querySelector(".pdf-page");
    if (!number) {
      number = document.createElement("span");
      number.className = "pdf-page";
      link.append(" ", number);
    }
    number.textContent = String(pageOf.get(link.getAttribute("href").slice(1)) ?? "");
  }
}

// The text of every link, keyed by what chromium writes in its link annotation: the
// destination name (the target's id) for links inside the document, the URL otherwise.
// Readings (<rt>, <rp>) and the contents' page numbers are left out. Called by
// tools/publish/pdf/render.py; postprocess.py gives each annotation its /Contents from it.
() => {
  const found = {};
  for (const link of document.querySelectorAll("a[href]")) {
    const href = link.getAttribute("href");
    const key = href.startsWith("#") ? decodeURIComponent(href.slice(1)) : link.href;
    const copy = link.cloneNode(true);
    copy.querySelectorAll("rt, rp, .pdf-page").forEach((el) => el.remove());
    const text = (copy.textContent || link.getAttribute("aria-label") || "").replace(/\s+/g, " ").trim();
    if (text && !(key in found)) found[key] = text;
  }
  return found;
}

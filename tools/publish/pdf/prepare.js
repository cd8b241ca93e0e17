// Turn a Sphinx singlehtml page (furo) into a print document, in the page, before page.pdf().
// Only the article is kept: theme chrome (navigation, sidebars, search) is removed from the
// DOM rather than hidden, so it can neither print nor end up in the PDF's structure tree.
// Called by tools/publish/pdf/render.py with page.evaluate(PREPARE_JS, options).
async (options) => {
  const article = document.querySelector("article[role=main]") || document.querySelector("article");
  if (!article) {
    throw new Error("no <article> in the singlehtml page: is the theme still furo?");
  }

  // Permalink pilcrows would print and be read aloud after every heading.
  article.querySelectorAll("a.headerlink").forEach((a) => a.remove());

  // singlehtml repeats section ids (every page has its "id1"); give headings unique ids
  // so the contents list and the PDF's internal links point at the right place.
  const headings = Array.from(article.querySelectorAll("h1, h2, h3, h4, h5, h6"));
  headings.forEach((h, i) => { h.id = `pdf-heading-${i + 1}`; });

  // Cover: the root page's title block — its h1 and what follows up to the first list
  // (骨子（案）, issuers, date). Further introductory paragraphs stay for the first page.
  const root = article.querySelector("section");
  const cover = document.createElement("header");
  cover.className = "pdf-cover";
  if (root) {
    const stop = root.querySelector(":scope > .toctree-wrapper");
    const hasList = Array.from(root.children).some((el) => el.matches("ul, ol, dl"));
    while (root.firstChild && root.firstChild !== stop) {
      const node = root.firstChild;
      cover.append(node);
      if (hasList && node.nodeType === Node.ELEMENT_NODE && node.matches("ul, ol, dl")) break;
    }
  }

  // Contents: the chapters (h2) and their sections (h3), as links.
  const nav = document.createElement("nav");
  nav.className = "pdf-contents";
  nav.setAttribute("aria-labelledby", "pdf-contents-title");
  const title = document.createElement("h2");
  title.id = "pdf-contents-title";
  title.textContent = options.contentsTitle;
  nav.append(title);
  const list = document.createElement("ol");
  let sublist = null;
  for (const h of headings) {
    if (h.tagName !== "H2" && h.tagName !== "H3") continue;
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = `#${h.id}`;
    // A copy of the heading's content keeps its ruby (the easy edition's readings).
    const copy = h.cloneNode(true);
    copy.querySelectorAll("[id]").forEach((el) => el.removeAttribute("id"));
    const entry = document.createElement("span");
    entry.className = "pdf-entry";
    entry.append(...copy.childNodes);
    // A placeholder page number, so that writing the real ones (number_contents.js) does
    // not re-flow the contents and the second rendering is usually the last.
    const number = document.createElement("span");
    number.className = "pdf-page";
    number.textContent = "00";
    link.append(entry, " ", number);
    item.append(link);
    if (h.tagName === "H2") {
      list.append(item);
      sublist = null;
    } else {
      if (!sublist) {
        sublist = document.createElement("ol");
        (list.lastElementChild || list).append(sublist);
      }
      sublist.append(item);
    }
  }
  nav.append(list);

  // Short cells (番号, 目指す地域像1, 40.8%) must not wrap a character per line when a
  // neighbouring column is long; the long cells take the remaining width.
  for (const cell of Array.from(article.querySelectorAll("th, td"))) {
    if (cell.textContent.trim().length <= 8) cell.classList.add("pdf-nowrap");
  }

  // Large print: a wide table cannot shrink, so each record becomes its own small table
  // whose rows pair the column header (TH, scope=row) with the record's cell.
  if (options.reflowTables) {
    for (const table of Array.from(article.querySelectorAll("table"))) {
      const heads = Array.from(table.querySelectorAll("thead th")).map((th) => th.textContent.trim());
      const rows = Array.from(table.querySelectorAll("tbody tr"));
      if (heads.length < 3 || rows.length === 0) continue;
      const records = document.createElement("div");
      records.className = "pdf-records";
      for (const row of rows) {
        const record = document.createElement("table");
        record.className = "pdf-record";
        const body = document.createElement("tbody");
        Array.from(row.children).forEach((cell, i) => {
          const tr = document.createElement("tr");
          const th = document.createElement("th");
          th.scope = "row";
          th.textContent = heads[i] ?? "";
          const td = document.createElement("td");
          while (cell.firstChild) td.append(cell.firstChild);
          tr.append(th, td);
          body.append(tr);
        });
        record.append(body);
        records.append(record);
      }
      (table.closest(".table-wrapper") || table).replaceWith(records);
    }
  }

  // <figure> and its <img> would both become /Figure, the outer one without /Alt; as a
  // group it is tagged as a plain container around the image's Figure and its Caption.
  article.querySelectorAll("figure").forEach((f) => f.setAttribute("role", "group"));

  const main = document.createElement("main");
  main.className = `pdf-document pdf-${options.key}`;
  main.append(cover, nav, article);
  article.removeAttribute("role");
  document.body.replaceChildren(main);
  document.body.className = "";

  // The theme's screen stylesheets are replaced by the print stylesheets.
  document.querySelectorAll('link[rel="stylesheet"], style').forEach((s) => s.remove());
  const loads = options.stylesheets.map((href) => new Promise((resolve, reject) => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    link.onload = resolve;
    link.onerror = () => reject(new Error(`print stylesheet not loaded: ${href}`));
    document.head.append(link);
  }));
  await Promise.all(loads);
  // Moved images keep their load state, but fonts switch with the new stylesheets.
  await document.fonts.ready;
  await Promise.all(Array.from(document.images).map((img) => img.decode().catch(() => {
    throw new Error(`image not loaded: ${img.getAttribute("src")}`);
  })));
  // Bookmark titles: chromium would run base text and readings together (仮かりの名前なまえ),
  // so the renderer rewrites them with the headings' text without <rt>/<rp>.
  return Array.from(document.querySelectorAll("h1, h2, h3, h4, h5, h6")).map((h) => {
    const copy = h.cloneNode(true);
    copy.querySelectorAll("rt, rp").forEach((r) => r.remove());
    return copy.textContent.replace(/\s+/g, " ").trim();
  });
}

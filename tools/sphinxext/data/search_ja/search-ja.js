/*
 * Japanese search by text or reading (tools/sphinxext/search_ja.py), on the search page.
 *
 * - SearchJa.normalise / splitQuery: the twins of tools/sphinxext/search_text.py (the
 *   index is built with those; tests/test_search.py checks both agree on the whole plan).
 * - The summary under each result shows the passage where the query matched, the
 *   matched words marked: a kana query is matched against the readings of the page —
 *   the ruby of the easy edition (<rt> in the page), and for words without ruby the
 *   dictionary readings written at build time (_static/search-readings.json) — so the
 *   mark falls on the kanji word that the kana reads as.
 *
 * Loaded with defer after searchtools.js, before the search starts.
 */
"use strict";

const SearchJa = (() => {
  const CJK =
    "\u3005\u3006\u303b\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe"
    + "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  // a run of Japanese, or a word of other letters and digits (as Python's [^\W{CJK}]+)
  const RUN = new RegExp(`[${CJK}]+|(?:(?![${CJK}])[\\p{Letter}\\p{Number}_])+`, "gu");
  const CJK_CHAR = new RegExp(`[${CJK}]`, "u");
  const SPACE = /^\s+$/u;

  const SPELLING = { ぢ: "じ", づ: "ず", ゐ: "い", ゑ: "え", お: "う", え: "い" };
  const VOWELS = {
    a: "あぁかがさざただなはばぱまやゃらわゎゕ",
    i: "いぃきぎしじちぢにひびぴみりゐ",
    u: "うぅくぐすずつづぬふぶぷむゆゅるゔ",
    e: "えぇけげせぜてでねへべぺめれゑゖ",
    o: "おぉこごそぞとどのほぼぽもよょろを",
  };
  const LONG_AS = { a: "あ", i: "い", u: "う", e: "い", o: "う" };
  const LONG = {};
  for (const [vowel, row] of Object.entries(VOWELS))
    for (const kana of row) LONG[kana] = LONG_AS[vowel];

  /* One character (already NFKC, lower case): katakana → hiragana, spelling by sound. */
  const kana = (ch) => {
    const code = ch.codePointAt(0);
    if (code >= 0x30a1 && code <= 0x30f6) ch = String.fromCodePoint(code - 0x60);
    else if (code === 0x30fd) ch = "ゝ";
    else if (code === 0x30fe) ch = "ゞ";
    return SPELLING[ch] || ch;
  };

  /* Long vowel mark: the vowel of the kana before it (in place, on an array of chars). */
  const lengthen = (chars) => {
    for (let k = 1; k < chars.length; k++)
      if (chars[k] === "ー" && LONG[chars[k - 1]]) chars[k] = LONG[chars[k - 1]];
    return chars;
  };

  const normalise = (text) =>
    lengthen(Array.from(text.normalize("NFKC").toLowerCase(), kana)).join("");

  /* normalise() character by character, remembering for each output character the
   * index (in code points) of the input character it came from. */
  const normaliseMapped = (codepoints) => {
    const chars = [];
    const from = [];
    codepoints.forEach((ch, i) => {
      const n = ch.normalize("NFKC").toLowerCase();
      const last = chars.length - 1;
      if (/^[\u3099\u309a]$/u.test(n) && last >= 0) {
        // a half-width sound mark joins the kana before it (ｼﾞ → ジ)
        const joined = (chars[last] + n).normalize("NFC");
        if (Array.from(joined).length === 1) {
          chars[last] = joined;
          return;
        }
      }
      for (const c of n) {
        chars.push(c);
        from.push(i);
      }
    });
    return { chars: lengthen(chars.map(kana)), from };
  };

  const splitQuery = (query) => {
    const terms = [];
    for (const run of normalise(query).match(RUN) || []) {
      const chars = Array.from(run);
      if (!CJK_CHAR.test(chars[0]) || chars.length === 1) terms.push(run);
      else for (let i = 0; i + 1 < chars.length; i++) terms.push(chars[i] + chars[i + 1]);
    }
    return terms;
  };

  /* ---- The page as segments: words with the forms they can be matched by. ---- */

  let dictionary = new Map(); // word (surface) → readings, for words without ruby
  let longestWord = 0;
  const dictionaryReady = fetch(
    `${document.documentElement.dataset.content_root || ""}_static/search-readings.json`,
  )
    .then((response) => (response.ok ? response.json() : {}))
    .catch(() => ({}))
    .then((data) => {
      dictionary = new Map(
        Object.entries(data).map(([word, readings]) => [word, readings.split("|")]),
      );
      for (const word of dictionary.keys())
        longestWord = Math.max(longestWord, Array.from(word).length);
    });

  const BLOCKS = new Set([
    "P", "LI", "DT", "DD", "TD", "TH", "TR", "H1", "H2", "H3", "H4", "H5", "H6",
    "CAPTION", "FIGCAPTION", "BLOCKQUOTE", "PRE", "TABLE", "UL", "OL", "DL", "DIV",
    "SECTION", "FIGURE",
  ]);
  const SKIP = new Set(["RT", "RP", "SCRIPT", "STYLE", "svg", "SVG", "BUTTON"]);

  /* A segment: {text, forms, reading?, ruby?}; forms [""] can be skipped (spaces),
   * forms [] stop a match (the edge of a paragraph or cell). */
  const textSegments = (text, out) => {
    const cps = Array.from(text);
    const { chars, from } = normaliseMapped(cps);
    let k = 0;
    const formOf = (a, b) => {
      let form = "";
      while (k < from.length && from[k] < a) k++;
      while (k < from.length && from[k] < b) form += chars[k++];
      return form;
    };
    let i = 0;
    while (i < cps.length) {
      if (SPACE.test(cps[i])) {
        let j = i + 1;
        while (j < cps.length && SPACE.test(cps[j])) j++;
        out.push({ text: " ", forms: [""] });
        formOf(i, j);
        i = j;
        continue;
      }
      let length = 1;
      let readings = null;
      if (CJK_CHAR.test(cps[i]))
        for (let n = Math.min(longestWord, cps.length - i); n > 0; n--) {
          const word = cps.slice(i, i + n).join("");
          if (dictionary.has(word)) {
            [length, readings] = [n, dictionary.get(word)];
            break;
          }
        }
      const word = cps.slice(i, i + length).join("");
      const surface = formOf(i, i + length);
      const segment = { text: word, forms: [surface] };
      if (readings) {
        segment.reading = readings;
        segment.forms.push(...readings.map(normalise));
      }
      out.push(segment);
      i += length;
    }
  };

  const segmentsOf = (root) => {
    const out = [];
    const edge = () => {
      if (out.length && out[out.length - 1].forms.length) out.push({ text: " ", forms: [] });
    };
    const walk = (node) => {
      if (node.nodeType === Node.TEXT_NODE) return textSegments(node.nodeValue, out);
      if (node.nodeType !== Node.ELEMENT_NODE || SKIP.has(node.tagName)) return;
      if (node.classList.contains("headerlink")) return;
      if (node.tagName === "BR") return out.push({ text: " ", forms: [""] });
      if (node.tagName === "RUBY") {
        const base = Array.from(node.childNodes)
          .filter((child) => !SKIP.has(child.nodeName))
          .map((child) => child.textContent)
          .join("");
        const reading = Array.from(node.querySelectorAll("rt"), (rt) => rt.textContent).join("");
        out.push({ text: base, forms: [normalise(base), normalise(reading)], ruby: reading });
        return;
      }
      const block = BLOCKS.has(node.tagName);
      if (block) edge();
      node.childNodes.forEach(walk);
      if (block) edge();
    };
    walk(root);
    return out;
  };

  /* ---- Matching the query against the segments. ---- */

  /* The query q (normal form, no spaces) from segment start: [[segment, form], ...] or
   * null. The first segment may match with the end of one of its forms (inside = true),
   * the last with the start of one (a query that stops inside a word). */
  const matchFrom = (segments, start, q, inside) => {
    const failed = new Set();
    const rest = (k, p) => {
      if (k >= segments.length || failed.has(k * (q.length + 1) + p)) return null;
      const { forms } = segments[k];
      for (let f = 0; f < forms.length; f++) {
        const form = forms[f];
        let path = null;
        if (form === "") path = rest(k + 1, p);
        else if (q.startsWith(form, p))
          path = p + form.length === q.length ? [] : rest(k + 1, p + form.length);
        else if (form.startsWith(q.slice(p))) path = [];
        if (path) return form === "" ? path : [[k, f], ...path];
      }
      failed.add(k * (q.length + 1) + p);
      return null;
    };
    const { forms } = segments[start];
    for (let f = 0; f < forms.length; f++) {
      const form = forms[f];
      if (!form) continue;
      for (let o = inside ? 1 : 0; o < (inside ? form.length : 1); o++) {
        const tail = form.slice(o);
        if (tail.startsWith(q)) return [[start, f]];
        if (q.startsWith(tail)) {
          const path = rest(start + 1, tail.length);
          if (path) return [[start, f], ...path];
        }
      }
    }
    return null;
  };

  /* The first place the query (then each of its words) matches, words starting a
   * segment before words found inside one. */
  const findMatch = (segments, query) => {
    const words = normalise(query).split(/\s+/u).filter((w) => w);
    const targets = [words.join(""), ...words.filter((w) => w !== words.join(""))];
    for (const q of targets)
      for (const inside of [false, true])
        for (let s = 0; s < segments.length; s++) {
          const path = matchFrom(segments, s, q, inside);
          if (path) return path;
        }
    return null;
  };

  /* ---- The summary. ---- */

  const BEFORE = 60;
  const AFTER = 160;

  const rubyElement = (base, reading) => {
    const ruby = document.createElement("ruby");
    ruby.append(base);
    const [open, rt, close] = ["rp", "rt", "rp"].map((tag) => document.createElement(tag));
    open.textContent = "（";
    rt.textContent = reading;
    close.textContent = "）";
    ruby.append(open, rt, close);
    return ruby;
  };

  /* A segment as it is shown: ruby words with their ruby; a dictionary word that the
   * query matched by its reading gets that reading as ruby. */
  const render = (segment, form) => {
    if (segment.ruby) return rubyElement(segment.text, segment.ruby);
    if (segment.reading && form > 0) return rubyElement(segment.text, segment.reading[form - 1]);
    return document.createTextNode(segment.text);
  };

  const summarise = (segments, path) => {
    const first = path[0][0];
    const last = path[path.length - 1][0];
    let from = first;
    for (let size = 0; from > 0 && size < BEFORE; ) size += segments[--from].text.length;
    let to = last;
    for (let size = 0; to < segments.length - 1 && size < AFTER; )
      size += segments[++to].text.length;
    const summary = document.createElement("p");
    summary.classList.add("context");
    if (from > 0) summary.append("…");
    const chosen = new Map(path);
    let mark = null;
    let previousSpace = true;
    for (let k = from; k <= to; k++) {
      const segment = segments[k];
      const space = segment.text === " ";
      if (space && previousSpace) continue;
      previousSpace = space;
      if (k === first) {
        mark = document.createElement("span");
        mark.classList.add("highlighted");
        summary.append(mark);
      }
      (k >= first && k <= last ? mark : summary).append(render(segment, chosen.get(k) || 0));
    }
    if (to < segments.length - 1) summary.append("…");
    return { summary, word: Array.from(mark.childNodes, baseText).join("") };
  };

  const baseText = (node) =>
    node.nodeName === "RUBY" ? node.firstChild.textContent : node.textContent;

  /* The page's main content (or the anchored part of it), as Sphinx's htmlToText. */
  const mainContent = (html, anchor) => {
    const page = new DOMParser().parseFromString(html, "text/html");
    const main = page.querySelector('[role="main"]');
    return (anchor && main && main.querySelector(anchor)) || main || page.body;
  };

  /* Words shown highlighted on the page a result opens (sphinx_highlight.js). */
  const highlightOnPage = (words) => {
    if (typeof SPHINX_HIGHLIGHT_ENABLED === "undefined" || !SPHINX_HIGHLIGHT_ENABLED) return;
    const stored = (localStorage.getItem("sphinx_highlight_terms") || "").split(/\s+/u);
    const all = new Set([...stored, ...words].filter((w) => w));
    localStorage.setItem("sphinx_highlight_terms", [...all].join(" "));
  };

  let currentQuery = "";

  const install = () => {
    const query = Search.query;
    Search.query = (text) => {
      currentQuery = text;
      return query(text);
    };

    // Highlight the words of the query as typed (the bigrams would mark pieces of words).
    const parseQuery = Search._parseQuery;
    Search._parseQuery = (text) => {
      const parsed = parseQuery(text);
      const words = text.normalize("NFKC").toLowerCase().split(/\s+/u).filter((w) => w);
      parsed[3] = new Set(words);
      localStorage.removeItem("sphinx_highlight_terms");
      highlightOnPage(words);
      return parsed;
    };

    const fallback = Search.makeSearchSummary;
    Search.makeSearchSummary = (html, keywords, anchor) => {
      const holder = document.createElement("div");
      holder.classList.add("search-ja-summary");
      const query = currentQuery;
      dictionaryReady.then(() => {
        const segments = segmentsOf(mainContent(html, anchor));
        const path = findMatch(segments, query);
        if (path) {
          const { summary, word } = summarise(segments, path);
          holder.append(summary);
          highlightOnPage([word.replace(/\s+/gu, "")]);
        } else {
          const summary = fallback(html, keywords, anchor);
          if (summary) holder.append(summary);
        }
      });
      return holder;
    };
  };

  if (typeof Search !== "undefined") install();

  return { normalise, splitQuery };
})();

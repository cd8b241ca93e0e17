// In-page checks for tools/a11y/audit.py: reflow, WCAG 1.4.12 text spacing and
// keyboard focus. Installed as window.__a11yAudit; every function returns plain data.
(() => {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });

  // Any CSS colour (rgb(), color(srgb …), oklch() …) as [r, g, b, a] in 0–255 / 0–1.
  function rgba(css) {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = "rgba(0, 0, 0, 0)";
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  }

  function over(top, bottom) {
    const a = top[3] + bottom[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    const mix = (i) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a;
    return [mix(0), mix(1), mix(2), a];
  }

  // The opaque colour painted behind *el* (its own background and its ancestors').
  function backgroundOf(el) {
    const layers = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const colour = rgba(getComputedStyle(node).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] === 1) break;
    }
    const dark = matchMedia("(prefers-color-scheme: dark)").matches;
    let result = dark ? [18, 18, 18, 1] : [255, 255, 255, 1];
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  }

  function luminance([r, g, b]) {
    const lin = (c) => {
      c /= 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  }

  function contrast(a, b) {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  }

  function describe(el) {
    if (!el || el === document.body) return "body";
    let label = el.tagName.toLowerCase();
    if (el.id) label += `#${el.id}`;
    const cls = [...el.classList].slice(0, 2).join(".");
    if (cls) label += `.${cls}`;
    const text = (el.getAttribute("aria-label") || el.textContent || "").trim().replace(/\s+/g, " ");
    return text ? `${label} 「${text.slice(0, 30)}」` : label;
  }

  function visible(el) {
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    return r.right > 0 && r.left < innerWidth && r.bottom > 0 && r.top < innerHeight;
  }

  // Whether *node* (inside *el*) is drawn: not in a hidden or visually-hidden (1px) box.
  function drawn(node, el) {
    for (let e = node.parentElement; e && e !== el; e = e.parentElement) {
      if (!e.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
      const r = e.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) return false;
    }
    return true;
  }

  // The boxes to test of *el*. An inline element (a link) that wraps has one box per line,
  // and a line box can be empty (a link that wraps right before its <ruby>): its boxes are
  // the line boxes that hold drawn text, readings (<rt>) included. Any other element, or an
  // inline one without text: its border box.
  function boxesToTest(el) {
    if (getComputedStyle(el).display !== "inline") return [el.getBoundingClientRect()];
    const boxes = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.data.trim() || !drawn(node, el)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.width >= 1 && r.height >= 1) boxes.push(r);
    }
    return boxes.length ? boxes : [el.getBoundingClientRect()];
  }

  // The part of the viewport where *el* can be seen: scroll boxes and clipping ancestors
  // cut it (a table scrolled sideways hides the cells beyond its edge).
  function visibleArea(el) {
    const area = { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
    for (let node = el.parentElement; node && node !== document.documentElement; node = node.parentElement) {
      const cs = getComputedStyle(node);
      if (cs.overflowX === "visible" && cs.overflowY === "visible") continue;
      const r = node.getBoundingClientRect();
      area.left = Math.max(area.left, r.left);
      area.top = Math.max(area.top, r.top);
      area.right = Math.min(area.right, r.right);
      area.bottom = Math.min(area.bottom, r.bottom);
    }
    return area;
  }

  // Whether a box of *el* (see boxesToTest) is covered at the centre of its visible part by
  // something that is not the element, one of its descendants (ruby, rt) or an ancestor:
  // a sticky header or a drawer covers it; its own paragraph does not.
  function obscured(el) {
    const area = visibleArea(el);
    for (const r of boxesToTest(el)) {
      const left = Math.max(r.left, area.left);
      const right = Math.min(r.right, area.right);
      const top = Math.max(r.top, area.top);
      const bottom = Math.min(r.bottom, area.bottom);
      if (right - left < 1 || bottom - top < 1) continue; // scrolled out of sight
      const x = Math.min((left + right) / 2, innerWidth - 1);
      const y = Math.min((top + bottom) / 2, innerHeight - 1);
      const hit = document.elementFromPoint(x, y);
      if (hit && hit !== el && !el.contains(hit) && !hit.contains(el)) return true;
    }
    return false;
  }

  // Let transitions started by the focus change (furo's skip link slides in) finish.
  async function settle() {
    const running = document.getAnimations().filter((a) => a.playState === "running");
    if (!running.length) return;
    const timeout = new Promise((resolve) => setTimeout(resolve, 1000));
    await Promise.race([Promise.all(running.map((a) => a.finished.catch(() => null))), timeout]);
  }

  // The focused element, or null when focus left the page or came back to a visited one.
  async function focusState() {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    if (el.dataset.a11yAuditSeen) return null;
    el.dataset.a11yAuditSeen = "1";
    await settle();
    const cs = getComputedStyle(el);
    const width = cs.outlineStyle === "none" ? 0 : parseFloat(cs.outlineWidth) || 0;
    const offset = parseFloat(cs.outlineOffset) || 0;
    const colour = rgba(cs.outlineColor);
    // An outline drawn outside the box is seen against the parent's background.
    const behind = backgroundOf(offset + width <= 0 ? el : el.parentElement || el);
    const ratio = width > 0 ? contrast(over(colour, behind), behind) : 0;
    return {
      element: describe(el),
      visible: visible(el),
      obscured: visible(el) && obscured(el),
      outlineWidth: width,
      contrast: Math.round(ratio * 100) / 100,
      text: (el.innerText || el.getAttribute("aria-label") || "").trim(),
      lang: el.closest("[lang]")?.getAttribute("lang") || "",
    };
  }

  function reflow() {
    const regions = [];
    for (const el of document.body.querySelectorAll("*")) {
      const cs = getComputedStyle(el);
      if (!/(auto|scroll)/.test(cs.overflowX)) continue;
      if (el.scrollWidth <= el.clientWidth + 1 || !el.checkVisibility()) continue;
      const named = el.hasAttribute("aria-label") || el.hasAttribute("aria-labelledby");
      regions.push({ element: describe(el), focusable: el.tabIndex >= 0, named });
    }
    return {
      pageWidth: document.documentElement.scrollWidth,
      viewportWidth: innerWidth,
      regions,
    };
  }

  const SPACING = `
    * { line-height: 1.5 !important; letter-spacing: 0.12em !important;
        word-spacing: 0.16em !important; }
    p { margin-bottom: 2em !important; }`;

  // Apply the WCAG 1.4.12 spacing and list the boxes whose text no longer fits.
  function textSpacing() {
    const style = document.createElement("style");
    style.id = "wcag-1412-text-spacing";
    style.textContent = SPACING;
    document.head.append(style);
    const blocks = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.data.trim()) continue;
      let el = node.parentElement;
      if (!el || el.closest("script, style, template, noscript")) continue;
      while (el !== document.body && getComputedStyle(el).display.startsWith("inline")) {
        el = el.parentElement;
      }
      blocks.add(el);
    }
    const problems = [];
    const seen = new Set();
    for (const block of blocks) {
      if (!block.checkVisibility({ visibilityProperty: true })) continue;
      for (let el = block; el && el !== document.documentElement; el = el.parentElement) {
        if (seen.has(el)) break;
        seen.add(el);
        const cs = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        if (r.width <= 1 || r.height <= 1) continue; // visually hidden text for screen readers
        if (/(auto|scroll)/.test(cs.overflowX + cs.overflowY)) continue; // the reader can scroll
        const clips = /(hidden|clip)/.test(cs.overflowX + cs.overflowY);
        const fixedHeight = el === block && cs.height !== "auto" && el.style.height !== "";
        const over = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
        if (over && (clips || el === block)) {
          problems.push({
            element: describe(el),
            kind: clips ? "clipped" : "overflows",
            scroll: [el.scrollWidth, el.scrollHeight],
            client: [el.clientWidth, el.clientHeight],
            fixedHeight,
          });
        }
      }
    }
    style.remove();
    return problems;
  }

  // Smooth scrolling only delays where a focused element ends up; measure the end state.
  function instantScroll() {
    const style = document.createElement("style");
    style.textContent = "*, html { scroll-behavior: auto !important; }";
    document.head.append(style);
  }

  // Leave the page as loaded: nothing seen, nothing focused, the next Tab starting from the
  // top (a blurred element stays the point the next Tab starts from: the root's place).
  function forgetFocus() {
    for (const el of document.querySelectorAll("[data-a11y-audit-seen]")) {
      delete el.dataset.a11yAuditSeen;
    }
    const root = document.documentElement;
    const tabIndex = root.getAttribute("tabindex");
    root.tabIndex = -1;
    root.focus({ preventScroll: true });
    root.blur();
    if (tabIndex === null) root.removeAttribute("tabindex");
    else root.setAttribute("tabindex", tabIndex);
    window.scrollTo(0, 0);
  }

  window.__a11yAudit = { focusState, forgetFocus, instantScroll, reflow, textSpacing };
})();

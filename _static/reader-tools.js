// Reader tools (issue 6): text size of the article and ふりがな on/off (easy edition).
// The choice is remembered in localStorage and applied before paint by the inline
// script in _templates/partials/reader-tools-init.html; the controls stay hidden
// without JavaScript, so such readers get the default size with ruby shown.
(() => {
  "use strict";
  const root = document.documentElement;

  function remember(key, value) {
    try {
      localStorage.setItem(key, value);
    } catch (error) {
      // Storage may be disabled; the choice then lasts for this page only.
    }
  }

  // Each write to <html> restyles the page (its rules select on these attributes): write
  // only a change (the inline init script has already set the remembered choice).
  function showTextSize(size) {
    if (root.dataset.textSize !== size) root.dataset.textSize = size;
    for (const button of document.querySelectorAll(".reader-tools-button[data-text-size]")) {
      button.setAttribute("aria-pressed", button.dataset.textSize === size ? "true" : "false");
    }
  }

  function showFurigana(on) {
    const value = on ? "on" : "off";
    if (root.dataset.furigana !== value) root.dataset.furigana = value;
    for (const button of document.querySelectorAll(".reader-tools-button[data-furigana]")) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    const tools = document.querySelector("[data-reader-tools]");
    if (!tools) return;
    for (const button of tools.querySelectorAll("[data-text-size]")) {
      button.addEventListener("click", () => {
        showTextSize(button.dataset.textSize);
        remember("reader-text-size", button.dataset.textSize);
      });
    }
    for (const button of tools.querySelectorAll("[data-furigana]")) {
      button.addEventListener("click", () => {
        const on = root.dataset.furigana === "off";
        showFurigana(on);
        remember("reader-furigana", on ? "on" : "off");
      });
    }
    const sizes = [...tools.querySelectorAll("[data-text-size]")].map((b) => b.dataset.textSize);
    showTextSize(sizes.includes(root.dataset.textSize) ? root.dataset.textSize : "100");
    showFurigana(root.dataset.furigana !== "off");
    tools.hidden = false;
  });
})();

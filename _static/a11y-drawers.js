// furo's drawers (site menu, page contents) opened by real buttons (issue 6).
// furo keeps each drawer's state in a hidden checkbox (#__navigation, #__toc) and opens
// it with a <label>, which the keyboard cannot reach. These buttons flip the same
// checkbox, report it in aria-expanded, move focus into the opened drawer, and close
// it on Escape, returning focus to the button that opened it.
(() => {
  "use strict";
  const FOCUSABLE = "a[href], button:not([disabled]), input:not([type=hidden]), [tabindex='0']";
  let opener = null;

  function buttons() {
    return document.querySelectorAll(".a11y-drawer-toggle");
  }

  function sync() {
    for (const button of buttons()) {
      const box = document.getElementById(button.dataset.drawer);
      button.setAttribute("aria-expanded", box && box.checked ? "true" : "false");
    }
  }

  function close(box) {
    box.checked = false;
    sync();
    if (opener) {
      opener.focus();
      opener = null;
    }
  }

  function toggle(button) {
    const box = document.getElementById(button.dataset.drawer);
    if (!box) return;
    if (box.checked) {
      opener = button;
      close(box);
      return;
    }
    for (const other of document.querySelectorAll(".sidebar-toggle:checked")) other.checked = false;
    box.checked = true;
    opener = button;
    sync();
    const drawer = document.getElementById(button.getAttribute("aria-controls"));
    const first = drawer && [...drawer.querySelectorAll(FOCUSABLE)].find((el) => el.offsetParent);
    if (first) first.focus();
  }

  document.addEventListener("DOMContentLoaded", () => {
    for (const button of buttons()) button.addEventListener("click", () => toggle(button));
    // The overlay (a <label>) also flips the checkbox; keep aria-expanded true to it.
    for (const box of document.querySelectorAll(".sidebar-toggle")) {
      box.addEventListener("change", sync);
    }
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      const open = document.querySelector(".sidebar-toggle:checked");
      if (!open) return;
      event.preventDefault();
      if (!opener) {
        opener = [...buttons()].find((b) => b.dataset.drawer === open.id && b.offsetParent);
      }
      close(open);
    });
    sync();
  });
})();

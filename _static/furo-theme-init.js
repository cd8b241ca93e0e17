// furo's colour-theme switch, applied before the page is painted (furo writes it inline;
// the site's Content Security Policy allows script from files only).
document.body.dataset.theme = localStorage.getItem("theme") || "auto";

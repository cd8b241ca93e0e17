// Sphinx's doctools.js compiles the catalog's plural expression with `new Function`, which
// the site's Content Security Policy (no 'unsafe-eval') blocks. Loaded after doctools.js and
// before translations.js (tools/sphinxext/csp.py): the same function without eval. Japanese
// has one plural form ("0"); any other expression falls back to English-style plurals.
Documentation.addTranslations = (catalog) => {
  Object.assign(Documentation.TRANSLATIONS, catalog.messages);
  const expression = String(catalog.plural_expr).trim();
  Documentation.PLURAL_EXPR = /^\d+$/.test(expression)
    ? () => Number(expression)
    : (n) => (n === 1 ? 0 : 1);
  Documentation.LOCALE = catalog.locale;
};

"""One template folder per theme family: ``templates_path`` for furo, a folder of its own for EPUB.

The project's ``_templates/`` override furo's templates (``page.html`` extends furo's
``base.html``), which the epub theme does not have: Sphinx's epub builder stopped with
``TemplateNotFound: base.html``. Sphinx puts ``templates_path`` in front of every theme,
so this loader (``template_bridge`` in conf.py) swaps it for
``tools/sphinxext/data/epub/templates/`` when the builder writes an EPUB.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.jinja2glue import BuiltinTemplateLoader, SphinxFileSystemLoader

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.theming import Theme

EPUB_TEMPLATES = Path(__file__).resolve().parent / "data" / "epub" / "templates"


class TemplateLoader(BuiltinTemplateLoader):
    """Sphinx's loader, with the EPUB templates in place of ``templates_path`` for EPUB builders."""

    def init(self, builder: Builder, theme: Theme | None = None,
             dirs: list[str] | None = None) -> None:
        super().init(builder, theme, dirs)
        if builder.name.startswith("epub"):
            own = self.templatepathlen
            self.pathchain[:own] = [EPUB_TEMPLATES]
            self.loaders[:own] = [SphinxFileSystemLoader(EPUB_TEMPLATES)]
            self.templatepathlen = 1

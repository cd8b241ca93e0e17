"""Every image has alt text, or is marked decorative: a build warning with file and line.

``alt-lint`` (tools.checks.altlint) judges the quality of alt text; this makes the build
itself refuse an image without any (``![](figure.svg)``, a figure without ``:alt:``), in
the pages and in the translated catalogs alike. A decorative image is marked explicitly:
``:class: decorative`` (or ``{.decorative}``) with an empty ``:alt:``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import logging

from tools.sphinxext import located

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)
DECORATIVE = "decorative"




def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    for image in doctree.findall(nodes.image):
        if image.get("alt", "").strip() or DECORATIVE in image.get("classes", []):
            continue
        logger.warning(f"ALT001 image {image.get('uri', '')!r} has no alt text (give :alt:, "
                       "or mark it :class: decorative)", location=located(image),
                       type="image_alt", subtype="ALT001")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-read", on_doctree_read)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

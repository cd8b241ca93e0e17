"""Pages must be UTF-8: a page that is not is reported with file and line, and not read.

Sphinx stops with an "Encoding error!" crash report on such a page; this turns it into a
warning (``ENC001``, so ``-W`` fails the build) that names the first bad byte's line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


def on_env_before_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    for docname in list(docnames):
        data = env.doc2path(docname).read_bytes()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            logger.warning(f"ENC001 not UTF-8 (byte 0x{data[exc.start]:02x}): save the page as "
                           "UTF-8", location=(docname, line), type="source_encoding",
                           subtype="ENC001")
            docnames.remove(docname)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("env-before-read-docs", on_env_before_read_docs)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

"""tools/sphinxext/myst_speed.py: MyST's throwaway documents get cached default settings."""

from __future__ import annotations

from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser as RSTParser

from tools.sphinxext.myst_speed import make_document


def test_documents_get_their_own_copy_of_the_default_settings() -> None:
    first, second = make_document("a.md"), make_document("b.md")
    assert first.settings is not second.settings
    first.settings.language_code = "en"
    assert second.settings.language_code == get_default_settings(RSTParser).language_code
    fresh = vars(get_default_settings(RSTParser))
    cached = vars(second.settings)
    assert cached.keys() == fresh.keys()
    assert {k: v for k, v in cached.items() if k != "record_dependencies"} == {
        k: v for k, v in fresh.items() if k != "record_dependencies"}
    assert first.settings.record_dependencies is not second.settings.record_dependencies
    assert first["source"] == "a.md"


def test_myst_uses_it_once_the_extension_is_set_up() -> None:
    from myst_parser.mdit_to_docutils import base
    from sphinx.application import Sphinx

    from tools.sphinxext import myst_speed

    original = base.make_document
    try:
        myst_speed.setup(object.__new__(Sphinx))
        assert base.make_document is make_document
    finally:
        base.make_document = original

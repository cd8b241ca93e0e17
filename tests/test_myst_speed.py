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


def test_one_markdown_parser_per_configuration_and_no_state_carried_over() -> None:
    from myst_parser.config.main import MdParserConfig
    from myst_parser.mdit_to_docutils.base import DocutilsRenderer
    from myst_parser.parsers.mdit import create_md_parser as create

    from tools.sphinxext.myst_speed import cached_parser_factory

    cached = cached_parser_factory(create)
    config = MdParserConfig()
    parser = cached(config, DocutilsRenderer)
    assert cached(MdParserConfig(), DocutilsRenderer) is parser
    assert cached(MdParserConfig(heading_anchors=2), DocutilsRenderer) is not parser

    def parse(text: str):
        document = make_document("x.md")
        parser = cached(config, DocutilsRenderer)
        parser.options["document"] = document
        parser.render(text)
        return document

    first = parse("# 見出し\n\n本文です。\n\n## 小見出し\n")
    second = parse("二つめの本文です。\n")
    assert "見出し" in first.astext()
    assert second.astext() == "二つめの本文です。"
    assert not second.traverse(lambda node: node.tagname == "section")

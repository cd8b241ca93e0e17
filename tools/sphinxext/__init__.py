"""The Sphinx extensions ``conf.py`` loads: ruby, Japanese search, accessibility fixes and
results, the edition switcher, the download list and the glossary.

Each follows ``sphinx.ext.*``: nodes, visitors or transforms and a ``setup()`` that returns
``parallel_read_safe``. May import ``tools`` (the shared modules) and ``tools.furigana``.
"""

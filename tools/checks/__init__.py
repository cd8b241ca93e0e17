"""The linters and gates: ``alt-lint``, ``furigana-lint`` (via ``lint``), ``yasashii-check``
(its checks in ``tools.checks.easy``; the glossary page from the term base: ``terms``),
the catalog check that guards the easy build, catalog statistics and the Nu Html Checker.

Output follows ruff: ``path:line:col: CODE message``, exit 0 clean / 1 findings / 2 usage
error, ``--format json``. May import ``tools``, ``tools.furigana`` and ``tools.sphinxext``.
"""

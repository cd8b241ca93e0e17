"""The web accessibility gate: axe-core, reflow, text spacing and keyboard checks on every
page in Debian chromium (``audit``), and the results file the site publishes (``report``).

May import ``tools``, ``tools.furigana``, ``tools.sphinxext`` and ``tools.checks``.
"""

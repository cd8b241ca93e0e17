"""The benchmark (``nox -s bench``): build times against a plain Sphinx build, page weight, Lighthouse.

``timing`` runs the build pipeline's command line (``python -m tools.publish.build``) in a
copy of the project, ``pages`` weighs every page in a real browser, ``lighthouse`` scores
them on mobile settings, ``budgets`` holds the issue's budgets and prints the table. The
last stage: may import every other stage, and nothing imports it.
"""

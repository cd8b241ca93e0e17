"""The build pipeline and what it writes: the editions' HTML, the print PDFs (``pdf``), the
landing page and the Debian packages the build needs (``sysdeps``).

``python -m tools.publish.build`` is ``nox -s build``. May import every other stage.
"""

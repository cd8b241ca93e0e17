"""Print editions of the plan: rendering (``render``), pypdf post-processing (``postprocess``),
checks (``verify``) and the build step (``build``). Which PDFs exist is ``tools.outputs``.
"""

from __future__ import annotations

from tools import ROOT

STATIC = ROOT / "_static"
COMMON_STYLESHEET = "print-common.css"

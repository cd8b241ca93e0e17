"""The independent PDF/UA-1 checker (PyPI ``pdfua``), run with a linear structure walk.

pdfua 0.1.3 builds each structure element with its whole subtree, then builds every child's
subtree again on the way down: O(elements × depth), about 6 s of the 7 s that verifying the
easy PDF took (15,500 elements, 260,000 builds). ``LinearDocument`` walks the tree it has
already built; the elements, their order and so the findings are the same
(tests/test_pdf.py compares both on a real PDF).
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from pdfua import PdfDocument, Report, Validator
from pdfua.document import StructElement


class LinearDocument(PdfDocument):
    def _walk(self, node, depth: int, page: int | None) -> Iterator[StructElement]:
        element = self._build(node, depth, page)
        if element is not None:
            yield from _preorder(element)


def _preorder(element: StructElement) -> Iterator[StructElement]:
    stack = [element]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))


class LinearValidator(Validator):
    def validate(self, path: str) -> Report:
        started = time.perf_counter()
        with LinearDocument.open(path) as doc:
            outcomes = self._run_rules(doc)
        return Report(path=path, outcomes=outcomes,
                      duration_ms=(time.perf_counter() - started) * 1000.0)


def validate(path: str) -> Report:
    """pdfua's report for the PDF at *path* (all of its default rules)."""
    return LinearValidator().validate(path)

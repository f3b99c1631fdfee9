"""The layout of print HTML with WeasyPrint and ``xslt/print/print.css``.

This module owns WeasyPrint: the paper sizes, the layout (:func:`layout`: a Document whose
``pages`` are counted against the budget before the PDF is made), the PDF (:func:`write`),
WeasyPrint's warnings turned into diagnostics, and the recursion WeasyPrint needs for
deeply nested documents.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tei_edition.errors import Diagnostic, InputError, Location
from tei_edition.pdf.documents import print_css
from tei_edition.pdf.glyphs import char_name

#: ``--paper`` -> the CSS page size.
PAPERS = {"a4": "A4", "letter": "letter"}

_NOTDEF = re.compile(r'\.notdef glyph rendered for Unicode string unsupported by fonts: "(.*)" '
                     r"\(U\+([0-9A-Fa-f]+)\)")

class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


#: WeasyPrint lays out and draws nested boxes by recursion, a few Python frames per level:
#: a document nested to tei_edition.tei.MAX_DEPTH (256) needs more than Python's default
#: 1,000 (tests/test_security_inputs.py prints one).
RECURSION_LIMIT = 20_000


@contextmanager
def _deep_recursion() -> Iterator[None]:
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, RECURSION_LIMIT))
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


def layout(html: str, paper: str = "a4", first_page: int = 1) -> tuple[Any, list[str]]:
    """Lay print HTML out with print.css: WeasyPrint's Document (its ``pages``; ``write``
    makes the PDF) and WeasyPrint's warnings. ``first_page``: the number of its first page
    (a part of a book laid out on its own: the index, tei_edition/pdf/index.py)."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    check_paper(paper)
    fonts = FontConfiguration()
    sheets = [CSS(filename=str(print_css()), font_config=fonts),
              CSS(string=f"@page {{ size: {PAPERS[paper]}; }}", font_config=fonts)]
    if first_page != 1:
        # (WeasyPrint resets the page counter of the first page after counting it)
        sheets.append(CSS(string=f"@page :first {{ counter-reset: page {int(first_page)}; }}",
                          font_config=fonts))
    collect_log = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect_log)
    try:
        with _deep_recursion():
            document = HTML(string=html, base_url=str(print_css().parent)).render(
                stylesheets=sheets, font_config=fonts)
    finally:
        logger.removeHandler(collect_log)
    return document, collect_log.messages


def write(document: Any) -> tuple[bytes, list[str]]:
    """The PDF of a laid-out Document, and WeasyPrint's warnings on the way."""
    collect_log = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect_log)
    try:
        with _deep_recursion():
            pdf = document.write_pdf()
    finally:
        logger.removeHandler(collect_log)
    return pdf, collect_log.messages


def render(html: str, paper: str = "a4") -> tuple[bytes, int, list[str]]:
    """Render print HTML with print.css: the PDF, its number of pages, WeasyPrint's warnings."""
    document, messages = layout(html, paper)
    pdf, more = write(document)
    return pdf, len(document.pages), [*messages, *more]


def check_paper(paper: str) -> None:
    if paper not in PAPERS:
        raise InputError(f"unknown paper size {paper!r} (known: {', '.join(PAPERS)})",
                         Location("<command line>"), "usage")


def weasyprint_diagnostics(messages: list[str], missing: set[str], out: str) -> list[Diagnostic]:
    result = []
    seen: set[str] = set()
    for message in messages:
        found = _NOTDEF.search(message)
        if found:
            char = chr(int(found.group(2), 16))
            if char in missing or char in seen:
                continue
            seen.add(char)
            result.append(Diagnostic(Location(out), "warning", "missing-glyph",
                                     f"no font has a glyph for U+{ord(char):04X} "
                                     f"{char_name(char)}: it prints as an empty box"))
        else:
            result.append(Diagnostic(Location(out), "warning", "weasyprint", message))
    return result


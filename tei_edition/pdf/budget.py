"""The page budget of the print edition, and the plan of its volumes.

No PDF (a document printed alone, or a volume) has more than ``max_pages`` pages
(:data:`MAX_PAGES` unless told). What certainly exceeds it is refused from the TEI alone,
before the XSLT and WeasyPrint's layout (which take minutes and gigabytes on a 60 MB
document): :func:`min_pages` is a lower bound of a document's pages. The real count is
checked again after the layout, before the PDF is written (tei_edition.pdf). An edition
larger than the budget is printed as several volumes: :func:`plan_volumes` cuts the
documents into runs that fit, and :func:`volume_file_names` names their files.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from lxml import etree

from tei_edition import kinds
from tei_edition.errors import InputError, Location
from tei_edition.tei import NS

if TYPE_CHECKING:  # documents.py imports min_pages from here
    from tei_edition.pdf.documents import PrintDocument

#: The page budget: the most pages of one PDF, a document printed alone or a volume (and so
#: of each document in it). ``--max-pages`` sets it; ``build`` splits an edition into
#: volumes of at most this many pages.
MAX_PAGES = 2000

#: The most characters a page can hold, white space not counted. Measured on the sample
#: edition (xml/tei): its text, set as one paragraph at print.css's smallest size (7.5pt,
#: the paragraph numbers and the apparatus's references) with its tightest line height
#: (1.35, the footnotes'), fills an A4 page with 6,753 characters and a Letter page with
#: 6,531 (bench/pdf.py --capacity measures it again). 8,000 leaves a fifth more for text
#: of narrower letters. At the text's own size (11pt) a full page holds 3,100, and the
#: sample's densest page 1,654: the bound is below the real count by a factor 2 to 5.
CHARS_PER_PAGE = 8000

#: The most lines a page can hold: A4's text block is 697pt high (297mm less margins of
#: 24mm and 27mm); the smallest line of a block print.css sets is a footnote's or an
#: apparatus entry's, 8.5pt x 1.35 = 11.5pt, so at most 61 lines; 70 leaves a margin for a
#: smaller size in print.css (a 10pt line).
LINES_PER_PAGE = 70

#: Pages of a volume before its first document: title page, colophon, contents.
FRONT_PAGES = 3

#: What min_pages does not count as text: the alternatives of a choice (only one or two are
#: printed) and a gap (its description may not be printed).
#: (Two paths rather than a union: libxml2 merges the node sets of a union in quadratic time.)
_UNCOUNTED = tuple(etree.XPath(f"descendant::tei:{name}[not(ancestor::tei:choice or "
                               "ancestor::tei:gap)]", namespaces=NS) for name in ("choice", "gap"))
#: UTF-8 bytes that are not a character of their own (continuation bytes) or are XML white
#: space: deleting them from the UTF-8 text leaves one byte per character that takes ink.
_NOT_INK = b" \t\n\r" + bytes(range(0x80, 0xC0))
#: Elements that are one block each, at least one line: a paragraph of the text (one inside
#: a note runs on in the note) and a note (a footnote, or a block of the source's notes).
_BLOCKS = etree.XPath(
    "count(descendant::tei:p[not(ancestor::tei:note or ancestor::tei:choice)][normalize-space()])"
    " + count(descendant::tei:note[not(@place = 'inline')][not(ancestor::tei:note)]"
    "[normalize-space()])", namespaces=NS)
def _apparatus_lines(text: etree._Element) -> int:
    """The lines of the apparatus: one for each intervention the table of editorial kinds
    lists (kinds.apparatus_entries, the stylesheets' ed:interventions less the footnotes)."""
    return sum(1 for _ in kinds.apparatus_entries(text))


def min_pages(tree: etree._ElementTree, stop_above: int | None = None) -> int:
    """A lower bound of the pages a document takes in print, from its TEI alone.

    The greater of its characters over :data:`CHARS_PER_PAGE` and its lines over
    :data:`LINES_PER_PAGE`, and at least 1 (each document starts on a new page). Counted:
    every character of ``tei:text`` that is not XML white space (a combining mark counts as
    a character: rare in real text, and the real count is checked after the layout), less
    the text of choices and gaps; and one line for each paragraph, note and intervention.
    Counting the characters takes half a second for a 60 MB document, the lines about ten
    times as long: with ``stop_above``, the count stops as soon as a part of it exceeds that
    many pages (the document is refused on that number)."""
    texts = tree.getroot().findall("tei:text", NS)
    chars = 0
    for text in texts:
        data = etree.tostring(text, method="text", encoding="utf-8", with_tail=False)
        chars += len(data.translate(None, _NOT_INK))
        for path in _UNCOUNTED:
            for skipped in path(text):
                assert isinstance(skipped, etree._Element)
                data = etree.tostring(skipped, method="text", encoding="utf-8", with_tail=False)
                chars -= len(data.translate(None, _NOT_INK))
    pages = max(1, math.ceil(chars / CHARS_PER_PAGE))
    lines = 0
    for part in (_BLOCKS, _apparatus_lines):
        if stop_above is not None and pages > stop_above:
            break
        for text in texts:
            lines += int(part(text))  # type: ignore[call-overload]
        pages = max(pages, math.ceil(lines / LINES_PER_PAGE))
    return pages


def budget_hint(max_pages: int) -> str:
    return f"the budget is {max_pages:,} pages per PDF (raise it with --max-pages N)"


def check_budget(documents: Sequence[PrintDocument], max_pages: int,
                 volume: str = "<pdf>", *, whole: bool = True) -> None:
    """Refuse, before any XSLT or layout, documents that certainly exceed the page budget:
    a document alone, or (with ``whole``) the volume of them all (``volume`` names it)."""
    if max_pages < 1:
        raise InputError(f"the page budget must be at least 1, not {max_pages}",
                         Location("<command line>"), "usage")
    for doc in documents:
        if doc.min_pages > max_pages:
            raise InputError(f"this document needs at least {doc.min_pages:,} pages in print; "
                             f"{budget_hint(max_pages)}", Location(str(doc.path)),
                             "page-budget")
    if whole and len(documents) > 1:
        total = FRONT_PAGES + sum(d.min_pages for d in documents)
        if total > max_pages:
            raise InputError(f"a volume of these {len(documents)} documents needs at least "
                             f"{total:,} pages; {budget_hint(max_pages)}, or print fewer "
                             "documents at a time (tei-edition build splits an edition into "
                             "volumes)", Location(volume), "page-budget")


def over_budget(pages: int, max_pages: int, documents: Sequence[PrintDocument],
                 volume: str) -> InputError:
    if len(documents) == 1:
        return InputError(f"this document takes {pages:,} pages in print; "
                          f"{budget_hint(max_pages)}", Location(str(documents[0].path)),
                          "page-budget")
    return InputError(f"a volume of these {len(documents)} documents takes {pages:,} pages; "
                      f"{budget_hint(max_pages)}, or print fewer documents at a time "
                      "(tei-edition build splits an edition into volumes)", Location(volume),
                      "page-budget")


#: How many pages a document takes for each page of its min_pages, to plan the volumes
#: before the layout: measured on the sample's cable-1958-03-03.xml with its paragraphs
#: repeated (0.22 MB of TEI: min_pages 37, 76 pages in print); the sample edition's
#: documents have min_pages 1 and take 1 to 3 pages. A plan that proves
#: too long after the layout is cut at the last document within the budget, so the factor
#: only decides how often a volume is laid out twice.
PLANNING_FACTOR = 2.0

#: The PDF file names of an edition in ``count`` volumes: edition.pdf for one volume,
#: edition-1.pdf, edition-2.pdf, ... for several (a number, not "of N", so that a name
#: stays when an edition grows).
def volume_file_names(count: int, stem: str = "edition") -> list[str]:
    if count == 1:
        return [f"{stem}.pdf"]
    return [f"{stem}-{k}.pdf" for k in range(1, count + 1)]


def plan_volumes(documents: Sequence[PrintDocument], max_pages: int,
                 first: int = 0) -> list[tuple[int, int]]:
    """Cut documents[first:] (in volume order) into runs [start, stop) whose planned pages
    (front matter and PLANNING_FACTOR x min_pages each) fit the budget; a run holds at least
    one document, and a document is never split."""
    runs = []
    start, pages = first, FRONT_PAGES
    for i in range(first, len(documents)):
        need = math.ceil(documents[i].min_pages * PLANNING_FACTOR)
        if i > start and pages + need > max_pages:
            runs.append((start, i))
            start, pages = i, FRONT_PAGES
        pages += need
    runs.append((start, len(documents)))
    return runs


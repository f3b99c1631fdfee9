"""The printed index of a volume: its persons, places and organisations, with the pages.

A name of the TEI that points to a register entry (``per:ID``, ``pla:ID``, ``org:ID``:
tei_edition/registers/model.py) is printed by ``xslt/print/print_names.xsl`` as a mention,
``<span class="reg-name" id="DOC-rn-..." data-ref="per:ID">``, when the document's
parameter ``register-names`` (:func:`register_names`) holds its entry. The page of each
mention is the layout's: WeasyPrint's ``Document.pages[i].anchors`` name the ids that
page holds, so that the volume is laid out, the pages of its mentions read
(:func:`mention_pages`), the index made from them (:func:`index_entries`,
:func:`index_sections`) and laid out as a document of its own (:func:`index_document`),
whose pages are numbered on from the volume's last and appended to the volume's
(tei_edition/pdf/__init__.py, _layout_volume). The documents are laid out once: the index
can move none of their pages, and costs its own layout only (bench/pdf_register_index.py:
the volume of the development set with and without it).

An entry is listed under its preferred name, sorted by :func:`sort_key`, with each page
once and the runs of consecutive pages as ranges::

    Stalin, Joseph Vissarionovich   3, 7–9, 12

A page number is the page's place in the volume counted from the title page, as print.css
numbers the pages (``counter(page)``, never reset).
"""

from __future__ import annotations

import copy
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree

from tei_edition.pdf.glyphs import XHTML_NS
from tei_edition.registers.model import NAME_KINDS, Entry, Register
from tei_edition.tei import tei

#: The indexes in the order they are printed: kind -> title.
INDEXES = {"person": "Index of persons", "place": "Index of places",
           "org": "Index of organisations"}
#: The class of a mention in the print HTML (print_names.xsl).
MENTION_CLASS = "reg-name"
#: Letters that Unicode does not decompose but an index files under a base letter
#: (Łódź under L, Øresund under O).
_BASE_LETTERS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                               "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th",
                               "Þ": "TH", "ı": "i"})
_NAMES = (*NAME_KINDS, tei("name"))


@dataclass(frozen=True)
class IndexEntry:
    """One line of an index: the entry's pointer, kind, name as printed and pages."""

    ref: str
    kind: str
    name: str
    pages: tuple[int, ...]

    @property
    def page_text(self) -> str:
        return page_runs(self.pages)


def entry_name(entry: Entry) -> str:
    """The name an entry is printed under: its preferred name (register check reports an
    entry without one), else its first name, else its id."""
    return entry.preferred or (entry.names[0].text if entry.names else entry.id)


def register_names(tree: etree._ElementTree | etree._Element, register: Register | None
                   ) -> str:
    """The ``register-names`` parameter of print.xsl for one document: a line
    ``per:ID<TAB>name`` for each entry the document points to (its first pointer of a
    name's ``@ref``, as print_names.xsl reads it). Empty without a register."""
    if register is None or not len(register):
        return ""
    found: dict[str, str] = {}
    for el in tree.iter(*_NAMES):
        ref = (el.get("ref") or "").split()
        if not ref or ref[0] in found:
            continue
        entry = register.resolve(ref[0])
        if entry is not None:
            name = " ".join(entry_name(entry).split())
            found[ref[0]] = name
    return "\n".join(f"{ref}\t{name}" for ref, name in sorted(found.items())
                     if "\t" not in ref and "\n" not in ref)


def mentions(sections: Iterable[etree._Element]) -> dict[str, str]:
    """The mentions of print HTML sections: each one's id -> its pointer, in order."""
    tag = f"{{{XHTML_NS}}}span"
    return {span.get("id", ""): span.get("data-ref", "")
            for section in sections for span in section.iter(tag)
            if span.get("class") == MENTION_CLASS and span.get("id")}


def anchor_pages(document: Any, ids: Iterable[str]) -> dict[str, int]:
    """The page number (1 for the first page) of each of ``ids`` in a laid-out WeasyPrint
    Document: the first page whose anchors name it. An id on no page is left out."""
    wanted = set(ids)
    where: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for name in page.anchors:
            if name in wanted:
                where.setdefault(name, number)
    return where


def mention_pages(document: Any, found: Mapping[str, str]) -> dict[str, set[int]]:
    """Each pointer's pages in the layout: the pages of its mentions."""
    pages: dict[str, set[int]] = {}
    for ident, number in anchor_pages(document, found).items():
        pages.setdefault(found[ident], set()).add(number)
    return pages


def page_runs(pages: Iterable[int]) -> str:
    """Pages as an index prints them: each once, in order, a run of consecutive pages as a
    range with an en dash: {3, 7, 8, 9, 12} -> "3, 7–9, 12"."""
    numbers = sorted(set(pages))
    parts: list[str] = []
    k = 0
    while k < len(numbers):
        end = k
        while end + 1 < len(numbers) and numbers[end + 1] == numbers[end] + 1:
            end += 1
        parts.append(str(numbers[k]) if end == k else f"{numbers[k]}\u2013{numbers[end]}")
        k = end + 1
    return ", ".join(parts)


def _base(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.translate(_BASE_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def sort_key(name: str) -> tuple[str, str, str]:
    """The order of an index: letters without their accents and case first (Ávila with
    Avila, before Azov; Łódź under L), word by word (a space and a comma before any
    letter: "Li, Peng" before "Lin Biao"); then accents, then case (small letters first, as
    the Unicode collation's default has it), so the order is total."""
    base = _base(name)
    return (base.casefold(), name.casefold(), name.swapcase())


def index_letter(name: str) -> str:
    """The letter an entry is filed under ("Ávila" -> "A"); a name that starts with no
    Latin letter is filed under its first character."""
    base = _base(name).lstrip(" \"'‘“([")
    return base[:1].upper() if base else "#"


def index_entries(pages: Mapping[str, set[int]], register: Register) -> list[IndexEntry]:
    """The lines of the indexes from each pointer's pages: by kind (:data:`INDEXES`), then
    :func:`sort_key`; a pointer to no entry is left out (register check reports it)."""
    entries = []
    for ref, numbers in pages.items():
        entry = register.resolve(ref)
        if entry is None or not numbers:
            continue
        entries.append(IndexEntry(ref, entry.kind, " ".join(entry_name(entry).split()),
                                  tuple(sorted(numbers))))
    kinds = list(INDEXES)
    return sorted(entries, key=lambda e: (kinds.index(e.kind), sort_key(e.name), e.ref))


def _el(parent: etree._Element | None, name: str, text: str | None = None,
        **attrs: str) -> etree._Element:
    node = etree.Element(name, attrs) if parent is None else etree.SubElement(parent, name, attrs)
    node.text = text
    return node


def index_sections(entries: Sequence[IndexEntry]) -> list[etree._Element]:
    """The print HTML of the indexes: a ``<section class="register-index">`` per kind that
    has entries, its entries under their letters."""
    el = _el
    sections = []
    for kind, title in INDEXES.items():
        mine = [e for e in entries if e.kind == kind]
        if not mine:
            continue
        section = el(None, "section", None, id=f"index-{kind}", **{"class": "register-index"})
        el(section, "h1", title, **{"class": "index-title"})
        listing = el(section, "ul", None, **{"class": "index-list"})
        letter = None
        for entry in mine:
            if index_letter(entry.name) != letter:
                letter = index_letter(entry.name)
                el(listing, "li", letter, **{"class": "index-letter"})
            line = el(listing, "li", None, **{"class": "index-entry", "data-ref": entry.ref})
            el(line, "span", entry.name, **{"class": "index-name"}).tail = "\u2002"
            el(line, "span", entry.page_text, **{"class": "index-pages"})
        sections.append(section)
    return sections


def index_document(sections: Sequence[etree._Element], first_page: int, lang: str = "en"
                   ) -> tuple[str, int]:
    """The indexes as an HTML document of their own, to be laid out with print.css as the
    pages that follow page ``first_page - 1`` of the volume; and the number of its leading
    pages to leave out. An index that starts on an even page starts on a verso: the
    document then begins with an empty page (class ``index-pad``), so that WeasyPrint, whose
    first page is a recto, sets the index's first page as a verso."""
    root = _el(None, "html", None, lang=lang)
    head = _el(root, "head")
    _el(head, "meta", None, charset="utf-8")
    _el(head, "title", "Index")
    body = _el(root, "body", None, **{"class": "volume index-only"})
    skip = 1 if first_page % 2 == 0 else 0
    if skip:
        _el(body, "div", None, **{"class": "index-pad"})
    body.extend(copy.deepcopy(s) for s in sections)
    return etree.tostring(root, method="html", encoding="unicode", doctype="<!DOCTYPE html>"), skip

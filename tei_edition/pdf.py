"""The print edition: TEI documents to a PDF, one document or a volume of several.

This module owns the volume: it collects the documents, orders them by date, runs
``xslt/print/print.xsl`` over each (TEI -> a section of print HTML) and over the volume
(title page, colophon, contents, the sections), checks that an installed font has a glyph
for every character, and renders the HTML with WeasyPrint and ``xslt/print/print.css``.

The glyph check asks fontconfig (``fc-list``), which is what WeasyPrint's text layout
(Pango) uses to pick fonts, for the characters every installed font covers. A character
that no font covers is reported (``file:line: warning [missing-glyph] ...``) and printed as
its code point in a box, never as an empty box. WeasyPrint's own report of a ``.notdef``
glyph is caught as well, for anything the check could not see.

It also owns the page budget: no PDF (a document printed alone, or a volume) has more than
``max_pages`` pages (:data:`MAX_PAGES` unless told). What certainly exceeds it is refused
from the TEI alone, before the XSLT and WeasyPrint's layout (which take minutes and
gigabytes on a 60 MB document): :func:`min_pages` is a lower bound of a document's pages.
The real count is checked again after the layout, before the PDF is written. An edition
larger than the budget is printed as several volumes (:func:`build_volumes`), each with its
own title page and contents and its number ("Volume 2 of 3").
"""

from __future__ import annotations

import bisect
import copy
import datetime as dt
import logging
import math
import re
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from lxml import etree

from tei_edition.edition import EDITION_FILE, Edition, edition_for
from tei_edition.errors import Diagnostic, InputError, Location
from tei_edition.inputs import find_documents
from tei_edition.metadata import Metadata, build_date, read_metadata
from tei_edition.render import transform
from tei_edition.resources import xslt_dir
from tei_edition.tei import NS, parse_bytes, parse_file, tei
from tei_edition.version import __version__

XHTML_NS = "http://www.w3.org/1999/xhtml"
PRINT_NS = "urn:tei-edition:print"

#: ``--paper`` -> the CSS page size.
PAPERS = {"a4": "A4", "letter": "letter"}

#: The font families of the text, in the order of print.css's ``font-family`` on ``html``.
BOOK_FONTS = ("Linux Libertine O", "Noto Serif CJK SC")

#: The Debian packages that hold the fonts print.css names.
FONT_PACKAGES = {
    "Linux Libertine O": "fonts-linuxlibertine",
    "Linux Biolinum O": "fonts-linuxlibertine",
    "Noto Serif CJK SC": "fonts-noto-cjk",
}

_NOTDEF = re.compile(r'\.notdef glyph rendered for Unicode string unsupported by fonts: "(.*)" '
                     r"\(U\+([0-9A-Fa-f]+)\)")


@dataclass(frozen=True)
class PrintDocument:
    """A TEI document on its way into the book."""

    path: Path
    tree: etree._ElementTree
    meta: Metadata
    #: the id of its section: the document's id, made unique in a volume by order()
    id: str
    min_pages: int = 1  # a lower bound of its pages in print (min_pages)

    @property
    def title(self) -> str:
        return self.meta.label

    @property
    def date(self) -> str:
        """ISO 8601 as in the header, or "" when the document has no date."""
        return self.meta.when or ""


@dataclass(frozen=True)
class PdfResult:
    """A rendered PDF and what was learnt on the way."""

    pdf: bytes
    pages: int
    documents: tuple[PrintDocument, ...]
    diagnostics: tuple[Diagnostic, ...]
    html: str
    volume: int = 1  # its number among the volumes of an edition (build_volumes)
    volumes: int = 1

    @property
    def is_volume(self) -> bool:
        return len(self.documents) > 1


# ------------------------------------------------------------------------------ documents


def load_document(path: Path, max_pages: int | None = None) -> PrintDocument:
    """Parse one TEI document (safely) and read what the volume needs of it (``max_pages``:
    the budget, where min_pages may stop counting)."""
    tree = parse_file(path)
    root = tree.getroot()
    if root.tag != tei("TEI"):
        raise InputError(f"not a TEI document: the root element is <{etree.QName(root).localname}>"
                         f" in {etree.QName(root).namespace or 'no namespace'}",
                         Location(str(path), root.sourceline), "not-tei")
    meta = read_metadata(tree, path.stem)
    return PrintDocument(path, tree, meta, meta.id, min_pages(tree, max_pages))


def order(documents: Iterable[PrintDocument]) -> list[PrintDocument]:
    """Documents in volume order (Metadata.sort_key: by date, undated last, then title and
    id, as the site lists them); ids made unique ("a", "a-2")."""
    ordered = sorted(documents, key=lambda d: d.meta.sort_key)
    seen: dict[str, int] = {}
    result = []
    for doc in ordered:
        n = seen.get(doc.id, 0) + 1
        seen[doc.id] = n
        if n > 1:
            doc = replace(doc, id=f"{doc.id}-{n}")
        result.append(doc)
    return result


def volume_date(today: dt.date | None = None) -> dt.date:
    """The date printed on the title page: ``today`` when given, else the build's
    (metadata.build_date: ``SOURCE_DATE_EPOCH`` when set)."""
    return today if today is not None else build_date()


# ------------------------------------------------------------------------------ the budget

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
#: An intervention has a line of the apparatus, unless it is inside another one (a note
#: aside): ed:interventions in xslt/common/editorial.xsl. A sic or expan inside a choice is
#: part of the choice's intervention; an inline note is one, a footnote is not.
_INTERVENTIONS = tuple(tei(name) for name in ("gap", "supplied", "unclear", "choice", "sic",
                                              "expan", "stamp", "add"))


def _apparatus_lines(text: etree._Element) -> int:
    # lxml's iter and iterancestors filter by tag in C: 0.65 s for 8 MB of TEI, half the
    # time of the same test as one XPath (ancestor::*[self::tei:gap or ...]).
    count = 0
    for el in text.iter(*_INTERVENTIONS, tei("note")):
        if el.tag == tei("note") and el.get("place") != "inline":
            continue
        if next(el.iterancestors(*_INTERVENTIONS), None) is None:
            count += 1
    return count


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


def _budget_hint(max_pages: int) -> str:
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
                             f"{_budget_hint(max_pages)}", Location(str(doc.path)),
                             "page-budget")
    if whole and len(documents) > 1:
        total = FRONT_PAGES + sum(d.min_pages for d in documents)
        if total > max_pages:
            raise InputError(f"a volume of these {len(documents)} documents needs at least "
                             f"{total:,} pages; {_budget_hint(max_pages)}, or print fewer "
                             "documents at a time (tei-edition build splits an edition into "
                             "volumes)", Location(volume), "page-budget")


# ------------------------------------------------------------------------------ print HTML


def print_stylesheet() -> Path:
    return xslt_dir() / "print" / "print.xsl"


def print_css() -> Path:
    return xslt_dir() / "print" / "print.css"


def document_section(doc: PrintDocument, number: int, edition_title: str) -> etree._Element:
    """One document as a ``<section class="document">`` of print HTML (XHTML namespace)."""
    out = transform(doc.tree, print_stylesheet(),
                    {"doc-id": doc.id, "number": number, "edition-title": edition_title})
    return parse_bytes(out.encode("utf-8"), f"{doc.path} (print HTML)").getroot()


def volume_manifest(sections: Sequence[etree._Element], edition: Edition,
                    date: dt.date, part: tuple[int, int] = (1, 1),
                    single: bool | None = None) -> etree._Element:
    """What print_corpus.xsl makes the book of: the edition's data and the sections.

    ``part`` is (this volume's number, the number of volumes): (2, 3) prints "Volume 2 of 3"
    on the title page; (1, 1), an edition in one volume, prints no number. ``single``: a
    document printed alone, without title page and contents (default: one section)."""

    def add(parent: etree._Element, name: str, text: str | None = None,
            **attrs: str) -> etree._Element:
        el = etree.SubElement(parent, f"{{{PRINT_NS}}}{name}", attrs)
        el.text = text
        return el

    vol = etree.Element(f"{{{PRINT_NS}}}volume", nsmap={None: PRINT_NS},
                        single="true" if (len(sections) == 1 if single is None else single)
                        else "false",
                        lang=(edition.languages or ("en",))[0])
    add(vol, "title", edition.title)
    for editor in edition.editors:
        add(vol, "editor", editor)
    if edition.publisher:
        add(vol, "publisher", edition.publisher)
    if edition.licence:
        licence = add(vol, "licence", edition.licence)
        if edition.licence_url:
            licence.set("url", edition.licence_url)
    if edition.base_url:
        add(vol, "url", edition.base_url)
    add(vol, "date", f"{date.day} {date:%B} {date.year}", when=date.isoformat())
    add(vol, "generator", f"tei-edition {__version__}")
    if part[1] > 1:
        add(vol, "part", f"Volume {part[0]} of {part[1]}", n=str(part[0]), of=str(part[1]))
    documents = add(vol, "documents")
    documents.extend(sections)
    return vol


# ------------------------------------------------------------------------------ glyphs


class Charset:
    """A set of code points held as sorted, merged ranges (fontconfig's own form)."""

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()):
        merged: list[tuple[int, int]] = []
        for lo, hi in sorted(ranges):
            if merged and lo <= merged[-1][1] + 1:
                merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
            else:
                merged.append((lo, hi))
        self.ranges = merged
        self._starts = [lo for lo, _ in merged]

    def __contains__(self, char: object) -> bool:
        if not isinstance(char, str) or len(char) != 1:
            return False
        cp = ord(char)
        i = bisect.bisect_right(self._starts, cp) - 1
        return i >= 0 and self.ranges[i][0] <= cp <= self.ranges[i][1]

    def __or__(self, other: Charset) -> Charset:
        return Charset([*self.ranges, *other.ranges])

    @classmethod
    def parse(cls, text: str) -> Charset:
        """fontconfig's charset text: ``20-7e a0-17f 2010``."""
        ranges = []
        for part in text.split():
            lo, _, hi = part.partition("-")
            try:
                ranges.append((int(lo, 16), int(hi or lo, 16)))
            except ValueError:
                continue
        return cls(ranges)


@dataclass(frozen=True)
class FontCoverage:
    """The characters each installed font family covers, as fontconfig reports them."""

    families: dict[str, Charset]

    @property
    def everything(self) -> Charset:
        return _union(tuple(self.families.values()))

    def book(self, families: Sequence[str] = BOOK_FONTS) -> Charset:
        return _union(tuple(self.families[f] for f in families if f in self.families))


def _union(charsets: tuple[Charset, ...]) -> Charset:
    ranges: list[tuple[int, int]] = []
    for c in charsets:
        ranges.extend(c.ranges)
    return Charset(ranges)


@lru_cache(maxsize=1)
def font_coverage() -> FontCoverage | None:
    """Every installed font family and its characters (one ``fc-list`` run, cached), or None
    where fontconfig's tools are not installed."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        run = subprocess.run([fc_list, "--format", "%{family}\t%{charset}\n"],
                             capture_output=True, text=True, check=False, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return None
    collected: dict[str, list[tuple[int, int]]] = {}
    for line in run.stdout.splitlines():
        names, _, charset = line.partition("\t")
        ranges = Charset.parse(charset).ranges
        for name in names.split(","):
            collected.setdefault(name.strip(), []).extend(ranges)
    return FontCoverage({name: Charset(r) for name, r in collected.items()})


def _printable(char: str) -> bool:
    """Characters that show ink: not spaces, controls, format characters or marks of layout."""
    return unicodedata.category(char)[0] not in "ZC"


def _char_name(char: str) -> str:
    return unicodedata.name(char, "unnamed character")


def missing_glyph_label(char: str) -> str:
    return f"[U+{ord(char):04X}]"


def _first_line_with(tree: etree._ElementTree, char: str) -> int | None:
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        if char in (el.text or "") or char in (el.tail or ""):
            return el.sourceline
    return None


def _marker(char: str) -> etree._Element:
    span = etree.Element(f"{{{XHTML_NS}}}span", {"class": "missing-glyph",
                                                 "title": _char_name(char)})
    span.text = missing_glyph_label(char)
    return span


def _split(text: str, missing: set[str]) -> list[str | etree._Element]:
    """A text as pieces: runs of printable text and markers for the missing characters."""
    pieces: list[str | etree._Element] = [""]
    for char in text:
        if char in missing:
            pieces.append(_marker(char))
            pieces.append("")
        else:
            last = pieces[-1]
            assert isinstance(last, str)
            pieces[-1] = last + char
    return pieces


def mark_missing(root: etree._Element, missing: set[str]) -> None:
    """Put a visible marker (the code point) in place of each character no font can print."""
    if not missing:
        return
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        for attr in ("data-short", "data-edition"):
            value = el.get(attr)
            if value and any(c in missing for c in value):
                el.set(attr, "".join(missing_glyph_label(c) if c in missing else c
                                     for c in value))
        if el.text and any(c in missing for c in el.text):
            first, *rest = _split(el.text, missing)
            el.text = first  # type: ignore[assignment]
            for i, node in enumerate(_pair(rest)):
                el.insert(i, node)
        if el.tail and any(c in missing for c in el.tail):
            first, *rest = _split(el.tail, missing)
            el.tail = first  # type: ignore[assignment]
            parent = el.getparent()
            if parent is not None:
                at = parent.index(el)
                for i, node in enumerate(_pair(rest), start=1):
                    parent.insert(at + i, node)


def _pair(pieces: list[str | etree._Element]) -> Iterator[etree._Element]:
    """[marker, text, marker, text, ...] -> the markers, each with the text after it as tail."""
    for i in range(0, len(pieces), 2):
        marker = pieces[i]
        assert isinstance(marker, etree._Element)
        tail = pieces[i + 1] if i + 1 < len(pieces) else ""
        marker.tail = tail or None  # type: ignore[assignment]
        yield marker


def check_glyphs(texts: Iterable[tuple[Location, str, etree._ElementTree | None]],
                 coverage: FontCoverage | None) -> tuple[set[str], list[Diagnostic]]:
    """The characters no installed font has, and one warning for each (where it first occurs).

    ``texts`` yields (where, text, TEI tree to find the line in)."""
    if coverage is None:
        return set(), [Diagnostic(Location("<fonts>"), "warning", "glyph-check",
                                  "fc-list (fontconfig) is not installed: characters are not "
                                  "checked against the fonts before rendering")]
    available = coverage.everything
    missing: set[str] = set()
    diagnostics = []
    for where, text, tree in texts:
        for char in sorted(set(text)):
            if char in missing or not _printable(char) or char in available:
                continue
            missing.add(char)
            line = _first_line_with(tree, char) if tree is not None else None
            loc = Location(where.file, line) if line else where
            diagnostics.append(Diagnostic(
                loc, "warning", "missing-glyph",
                f"no installed font has a glyph for U+{ord(char):04X} {_char_name(char)} "
                f"({char!r}); the PDF prints {missing_glyph_label(char)} in its place"))
    return missing, diagnostics


def font_diagnostics(coverage: FontCoverage | None) -> list[Diagnostic]:
    """A warning for each of print.css's fonts that is not installed."""
    if coverage is None:
        return []
    result = []
    for family in (*BOOK_FONTS, "Linux Biolinum O"):
        if family not in coverage.families:
            result.append(Diagnostic(
                Location(str(print_css())), "warning", "missing-font",
                f"the font {family!r} is not installed (Debian package "
                f"{FONT_PACKAGES[family]}); the PDF is set in a substitute"))
    return result


# ------------------------------------------------------------------------------ rendering


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


def layout(html: str, paper: str = "a4") -> tuple[Any, list[str]]:
    """Lay print HTML out with print.css: WeasyPrint's Document (its ``pages``; ``write``
    makes the PDF) and WeasyPrint's warnings."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    _check_paper(paper)
    fonts = FontConfiguration()
    sheets = [CSS(filename=str(print_css()), font_config=fonts),
              CSS(string=f"@page {{ size: {PAPERS[paper]}; }}", font_config=fonts)]
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


def _check_paper(paper: str) -> None:
    if paper not in PAPERS:
        raise InputError(f"unknown paper size {paper!r} (known: {', '.join(PAPERS)})",
                         Location("<command line>"), "usage")


def _render_diagnostics(messages: list[str], missing: set[str], out: str) -> list[Diagnostic]:
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
                                     f"{_char_name(char)}: it prints as an empty box"))
        else:
            result.append(Diagnostic(Location(out), "warning", "weasyprint", message))
    return result


# ------------------------------------------------------------------------------ the job


@dataclass(frozen=True)
class PrintJob:
    """The print HTML of a document or a volume, ready for WeasyPrint."""

    html: str
    documents: tuple[PrintDocument, ...]
    diagnostics: tuple[Diagnostic, ...]
    edition: Edition
    missing: frozenset[str]


@dataclass
class _Edition:
    """The documents of an edition, transformed and checked, before they are laid out."""

    edition: Edition
    documents: list[PrintDocument]
    sections: list[etree._Element]
    diagnostics: list[Diagnostic]
    missing: set[str]
    date: dt.date

    def html(self, start: int, stop: int, part: tuple[int, int] = (1, 1)) -> str:
        """The print HTML of the documents [start:stop], as volume ``part``."""
        # copies: a manifest takes its sections as children, and a volume may be made twice
        sections = [copy.deepcopy(s) for s in self.sections[start:stop]]
        manifest = volume_manifest(sections, self.edition, self.date, part,
                                   single=len(self.documents) == 1)
        mark_missing(manifest, self.missing)
        return transform(manifest, print_stylesheet())


def _collect(paths: Iterable[str | Path], edition_file: str | Path | None,
             date: dt.date | None, max_pages: int, volume: str, *, whole: bool) -> _Edition:
    """Collect, order and transform the documents, and check their characters against the
    installed fonts. What certainly exceeds the budget is refused first, before the XSLT: a
    document, and with ``whole`` the volume of them all."""
    files = find_documents(paths)
    edition = edition_for(files, edition_file)
    documents = order(load_document(f, max_pages) for f in files)
    check_budget(documents, max_pages, volume, whole=whole)
    single = len(documents) == 1
    edition_title = edition.title if (edition.root is not None or not single) else ""
    sections = [document_section(doc, 0 if single else n, edition_title)
                for n, doc in enumerate(documents, start=1)]

    coverage = font_coverage()
    edition_loc = Location(str(edition.root / EDITION_FILE) if edition.root else "<edition>")
    texts: list[tuple[Location, str, etree._ElementTree | None]] = [
        (edition_loc, " ".join((edition.title, *edition.editors, edition.publisher or "")), None)]
    for doc, section in zip(documents, sections, strict=True):
        texts.append((Location(str(doc.path)), "".join(section.itertext()), doc.tree))
    missing, diagnostics = check_glyphs(texts, coverage)
    for section in sections:
        mark_missing(section, missing)
    return _Edition(edition, documents, sections, [*font_diagnostics(coverage), *diagnostics],
                    missing, volume_date(date))


def prepare(paths: Iterable[str | Path], *, edition_file: str | Path | None = None,
            date: dt.date | None = None, max_pages: int = MAX_PAGES,
            output_name: str = "<pdf>") -> PrintJob:
    """Collect, order and transform the documents, and check their characters against the
    installed fonts: everything but the rendering. Refuses, before the XSLT, a document or
    the volume that certainly exceeds ``max_pages`` (check_budget)."""
    job = _collect(paths, edition_file, date, max_pages, output_name, whole=True)
    html = job.html(0, len(job.documents))
    return PrintJob(html, tuple(job.documents), tuple(job.diagnostics), job.edition,
                    frozenset(job.missing))


def _over_budget(pages: int, max_pages: int, documents: Sequence[PrintDocument],
                 volume: str) -> InputError:
    if len(documents) == 1:
        return InputError(f"this document takes {pages:,} pages in print; "
                          f"{_budget_hint(max_pages)}", Location(str(documents[0].path)),
                          "page-budget")
    return InputError(f"a volume of these {len(documents)} documents takes {pages:,} pages; "
                      f"{_budget_hint(max_pages)}, or print fewer documents at a time "
                      "(tei-edition build splits an edition into volumes)", Location(volume),
                      "page-budget")


def build_pdf(paths: Iterable[str | Path], *, edition_file: str | Path | None = None,
              paper: str = "a4", date: dt.date | None = None,
              output_name: str = "<pdf>", max_pages: int = MAX_PAGES) -> PdfResult:
    """One document's PDF, or a volume of several: the whole job but writing the file.

    Raises InputError (code ``page-budget``) when the PDF would have more than
    ``max_pages`` pages: before the XSLT when the TEI shows it (min_pages), else after the
    layout, before the PDF is made."""
    _check_paper(paper)
    job = prepare(paths, edition_file=edition_file, date=date, max_pages=max_pages,
                  output_name=output_name)
    document, messages = layout(job.html, paper)
    pages = len(document.pages)
    if pages > max_pages:
        raise _over_budget(pages, max_pages, job.documents, output_name)
    pdf, more = write(document)
    diagnostics = [*job.diagnostics,
                   *_render_diagnostics([*messages, *more], set(job.missing), output_name)]
    return PdfResult(pdf, pages, job.documents, tuple(diagnostics), job.html)


# ------------------------------------------------------------------------------ volumes

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


def _starts(document: Any, documents: Sequence[PrintDocument]) -> list[int]:
    """The index of the page each document starts on (its section's id is an anchor)."""
    where = {}
    for index, page in enumerate(document.pages):
        for name in page.anchors:
            where.setdefault(name, index)
    return [where[doc.id] for doc in documents]


def build_volumes(paths: Iterable[str | Path], *, edition_file: str | Path | None = None,
                  paper: str = "a4", max_pages: int = MAX_PAGES, date: dt.date | None = None,
                  stem: str = "edition") -> list[PdfResult]:
    """An edition's print volumes: the documents in date order, in as few volumes of at
    most ``max_pages`` pages as the plan gives, each with its title page, contents and
    number ("Volume 2 of 3"); a document is never split. One volume (or one document) when
    everything fits: then the result is the same as build_pdf's.

    The diagnostics of the documents (fonts, glyphs) come with the first volume, WeasyPrint's
    with each. Raises InputError (``page-budget``) naming the document when one document
    alone exceeds the budget. ``stem`` names the files in the diagnostics (volume_file_names)."""
    _check_paper(paper)
    edition = _collect(paths, edition_file, date, max_pages, f"{stem}.pdf", whole=False)
    documents = edition.documents
    runs = plan_volumes(documents, max_pages)
    results: list[PdfResult] = []
    k = 0
    while k < len(runs):
        start, stop = runs[k]
        part = (k + 1, len(runs))
        name = volume_file_names(len(runs), stem)[k]
        html = edition.html(start, stop, part)
        document, messages = layout(html, paper)
        pages = len(document.pages)
        if pages > max_pages:
            runs[k:] = _cut(document, documents, start, stop, max_pages, name)
            continue
        results.append(_volume_result(edition, document, messages, html, (start, stop), part,
                                      name, first=k == 0))
        k += 1
    # A volume laid out before a later cut changed the number of volumes: its title page
    # says "of N" with the old N. Lay it out again (its documents and pages stay).
    count = len(runs)
    names = volume_file_names(count, stem)
    for k, result in enumerate(results):
        if result.volumes != count:
            start, stop = runs[k]
            html = edition.html(start, stop, (k + 1, count))
            document, messages = layout(html, paper)
            if len(document.pages) > max_pages:  # pragma: no cover - the title page is one page
                raise _over_budget(len(document.pages), max_pages, documents[start:stop],
                                   names[k])
            results[k] = _volume_result(edition, document, messages, html, runs[k],
                                        (k + 1, count), names[k], first=k == 0)
    return results


def _cut(document: Any, documents: Sequence[PrintDocument], start: int, stop: int,
         max_pages: int, name: str) -> list[tuple[int, int]]:
    """A volume laid out longer than the budget: keep the documents that end within it,
    plan the rest again."""
    starts = [*_starts(document, documents[start:stop]), len(document.pages)]
    fit = sum(1 for end in starts[1:] if end <= max_pages)
    if fit == 0:
        raise InputError(f"in a volume, with its title page and contents, this document takes "
                         f"{starts[1]:,} pages; {_budget_hint(max_pages)}",
                         Location(str(documents[start].path)), "page-budget")
    return [(start, start + fit), *plan_volumes(documents, max_pages, start + fit)]


def _volume_result(edition: _Edition, document: Any, messages: list[str], html: str,
                   run: tuple[int, int], part: tuple[int, int], name: str, *,
                   first: bool) -> PdfResult:
    pdf, more = write(document)
    diagnostics = [*(edition.diagnostics if first else ()),
                   *_render_diagnostics([*messages, *more], edition.missing, name)]
    return PdfResult(pdf, len(document.pages), tuple(edition.documents[run[0]:run[1]]),
                     tuple(diagnostics), html, part[0], part[1])

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
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import os
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from tei_edition import __version__
from tei_edition.edition import EDITION_FILE, Edition, edition_for
from tei_edition.errors import Diagnostic, InputError, Location
from tei_edition.inputs import find_documents
from tei_edition.render import transform
from tei_edition.resources import xslt_dir
from tei_edition.tei import NS, parse_bytes, parse_file, tei, xml_attr

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
    id: str
    title: str
    date: str  # ISO 8601 as in the header, or "" when the document has no date

    @property
    def sort_key(self) -> tuple[bool, str, str, str]:
        return (self.date == "", self.date, self.title, str(self.path))


@dataclass(frozen=True)
class PdfResult:
    """A rendered PDF and what was learnt on the way."""

    pdf: bytes
    pages: int
    documents: tuple[PrintDocument, ...]
    diagnostics: tuple[Diagnostic, ...]
    html: str

    @property
    def is_volume(self) -> bool:
        return len(self.documents) > 1


# ------------------------------------------------------------------------------ documents


def _text(node: etree._Element | None) -> str:
    return " ".join("".join(node.itertext()).split()) if node is not None else ""


def load_document(path: Path) -> PrintDocument:
    """Parse one TEI document (safely) and read what the volume needs of it."""
    tree = parse_file(path)
    root = tree.getroot()
    if root.tag != tei("TEI"):
        raise InputError(f"not a TEI document: the root element is <{etree.QName(root).localname}>"
                         f" in {etree.QName(root).namespace or 'no namespace'}",
                         Location(str(path), root.sourceline), "not-tei")
    title = _text(root.find("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title", NS))
    dates = root.xpath("tei:teiHeader/tei:profileDesc/tei:creation/tei:date"
                       " | tei:teiHeader/tei:profileDesc/tei:correspDesc"
                       "/tei:correspAction[@type = 'sent']/tei:date", namespaces=NS)
    date = ""
    for d in dates:
        date = d.get("when") or d.get("from") or d.get("notBefore") or ""
        if date:
            break
    doc_id = root.get(xml_attr("id")) or re.sub(r"[^A-Za-z0-9_.-]+", "-", path.stem)
    return PrintDocument(path, tree, doc_id, title or path.stem, date)


def order(documents: Iterable[PrintDocument]) -> list[PrintDocument]:
    """Documents in volume order: by date (undated last), then title; ids made unique."""
    ordered = sorted(documents, key=lambda d: d.sort_key)
    seen: dict[str, int] = {}
    result = []
    for doc in ordered:
        n = seen.get(doc.id, 0) + 1
        seen[doc.id] = n
        if n > 1:
            doc = PrintDocument(doc.path, doc.tree, f"{doc.id}-{n}", doc.title, doc.date)
        result.append(doc)
    return result


def volume_date(today: dt.date | None = None) -> dt.date:
    """The date printed on the title page: ``SOURCE_DATE_EPOCH`` when set, else today."""
    if today is not None:
        return today
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


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
                    date: dt.date) -> etree._Element:
    """What print_corpus.xsl makes the book of: the edition's data and the sections."""

    def add(parent: etree._Element, name: str, text: str | None = None,
            **attrs: str) -> etree._Element:
        el = etree.SubElement(parent, f"{{{PRINT_NS}}}{name}", attrs)
        el.text = text
        return el

    vol = etree.Element(f"{{{PRINT_NS}}}volume", nsmap={None: PRINT_NS},
                        single="true" if len(sections) == 1 else "false",
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


def render(html: str, paper: str = "a4") -> tuple[bytes, int, list[str]]:
    """Render print HTML with print.css: the PDF, its number of pages, WeasyPrint's warnings."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    try:
        size = PAPERS[paper]
    except KeyError:
        raise InputError(f"unknown paper size {paper!r} (known: {', '.join(PAPERS)})",
                         Location("<command line>"), "usage") from None
    fonts = FontConfiguration()
    sheets = [CSS(filename=str(print_css()), font_config=fonts),
              CSS(string=f"@page {{ size: {size}; }}", font_config=fonts)]
    collect_log = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect_log)
    try:
        document = HTML(string=html, base_url=str(print_css().parent)).render(
            stylesheets=sheets, font_config=fonts)
        pdf = document.write_pdf()
    finally:
        logger.removeHandler(collect_log)
    return pdf, len(document.pages), collect_log.messages


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


def prepare(paths: Iterable[str | Path], *, edition_file: str | Path | None = None,
            date: dt.date | None = None) -> PrintJob:
    """Collect, order and transform the documents, and check their characters against the
    installed fonts: everything but the rendering."""
    files = find_documents(paths)
    edition = edition_for(files, edition_file)
    documents = order(load_document(f) for f in files)
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
    diagnostics = [*font_diagnostics(coverage), *diagnostics]
    for section in sections:
        mark_missing(section, missing)

    manifest = volume_manifest(sections, edition, volume_date(date))
    mark_missing(manifest, missing)
    html = transform(manifest, print_stylesheet())
    return PrintJob(html, tuple(documents), tuple(diagnostics), edition, frozenset(missing))


def build_pdf(paths: Iterable[str | Path], *, edition_file: str | Path | None = None,
              paper: str = "a4", date: dt.date | None = None,
              output_name: str = "<pdf>") -> PdfResult:
    """One document's PDF, or a volume of several: the whole job but writing the file."""
    if paper not in PAPERS:
        raise InputError(f"unknown paper size {paper!r} (known: {', '.join(PAPERS)})",
                         Location("<command line>"), "usage")
    job = prepare(paths, edition_file=edition_file, date=date)
    pdf, pages, messages = render(job.html, paper)
    diagnostics = [*job.diagnostics,
                   *_render_diagnostics(messages, set(job.missing), output_name)]
    return PdfResult(pdf, pages, job.documents, tuple(diagnostics), job.html)

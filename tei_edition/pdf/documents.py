"""The documents of the print edition and their print HTML.

This module owns a document on its way into the book (:class:`PrintDocument`: its tree,
its metadata, its section's id and its lower bound of pages), the order of a volume (by
date, as the site lists them), and the two runs of ``xslt/print/print.xsl``: over each
document (TEI -> a ``<section class="document">`` of print HTML) and over the volume's
manifest (:func:`volume_manifest`: title page, colophon, contents, the sections).
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree

from tei_edition.edition import Edition
from tei_edition.errors import Diagnostic
from tei_edition.images import document_images, images_param
from tei_edition.metadata import Metadata, build_date, read_metadata
from tei_edition.pdf.budget import min_pages
from tei_edition.render import transform
from tei_edition.resources import xslt_dir
from tei_edition.tei import NS, parse_bytes, tei, tei_root
from tei_edition.version import __version__
from tei_edition.xinclude import read_document

PRINT_NS = "urn:tei-edition:print"


@dataclass(frozen=True)
class PrintDocument:
    """A TEI document on its way into the book."""

    path: Path
    tree: etree._ElementTree
    meta: Metadata
    #: the id of its section: the document's id, made unique in a volume by order()
    id: str
    min_pages: int = 1  # a lower bound of its pages in print (min_pages)


def load_document(path: Path, max_pages: int | None = None,
                  include_root: str | Path | None = None) -> PrintDocument:
    """The first document of a file (the file itself, unless it is a teiCorpus):
    :func:`load_documents` (``max_pages``: the budget, where min_pages may stop counting)."""
    return load_documents(path, max_pages, include_root)[0]


def load_documents(path: Path, max_pages: int | None = None,
                   include_root: str | Path | None = None,
                   warnings: list[Diagnostic] | None = None) -> list[PrintDocument]:
    """The documents of one file (its XIncludes resolved inside ``include_root``:
    tei_edition/xinclude.py): itself, or each ``TEI`` of a ``teiCorpus`` (a TEI of its own
    in the book, "STEM-n" where it has no id). A FRUS volume or a file of letters is one
    document: it prints as it stands, its documents in the file's order. ``warnings``
    receives the assembly's duplicate-id warnings."""
    _, tree = read_document(path, include_root, warnings)
    root = tree.getroot()
    if root.tag != tei("teiCorpus"):
        tei_root(tree, str(path))
        meta = read_metadata(tree, path.stem)
        return [PrintDocument(path, tree, meta, meta.id, min_pages(tree, max_pages))]
    result = []
    for n, member in enumerate(root.iterfind(".//tei:TEI", NS), start=1):
        own = etree.ElementTree(copy.deepcopy(member))
        meta = read_metadata(own, f"{path.stem}-{n}")
        result.append(PrintDocument(path, own, meta, meta.id, min_pages(own, max_pages)))
    return result


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


def print_stylesheet() -> Path:
    return xslt_dir() / "print" / "print.xsl"


def print_css() -> Path:
    return xslt_dir() / "print" / "print.css"


#: White space that holds a line end, as the TEI's indentation leaves it in the print HTML's
#: text ("4146. –\n          Nachträgliche"). print.css keeps no white space, so it reads
#: as one space; WeasyPrint 70's line breaker fails on it where a line of a footnote breaks
#: there (AssertionError "Got ' \n' between two lines": the volume of ../shared/samples/tei).
#: Written as the one space it is, it prints the same.
_LINE_END = re.compile(r"[ \t\r]*\n[ \t\r\n]*")


def document_section(doc: PrintDocument, number: int, edition_title: str,
                     register_names: str = "") -> etree._Element:
    """One document as a ``<section class="document">`` of print HTML (XHTML namespace);
    ``register_names``: the entries it names (tei_edition/pdf/index.py, register_names)."""
    # the pictures it may show, as data: URIs (WeasyPrint fetches nothing)
    images = {url: image.data_uri()
              for url, image in document_images(doc.tree, doc.path.parent).items()}
    out = transform(doc.tree, print_stylesheet(),
                    {"doc-id": doc.id, "number": number, "edition-title": edition_title,
                     "images": images_param(images), "register-names": register_names})
    section = parse_bytes(out.encode("utf-8"), f"{doc.path} (print HTML)").getroot()
    for el in section.iter():
        if el.text and "\n" in el.text and isinstance(el.tag, str):
            el.text = _LINE_END.sub(" ", el.text)
        if el.tail and "\n" in el.tail:
            el.tail = _LINE_END.sub(" ", el.tail)
    return section


def volume_manifest(sections: Sequence[etree._Element], edition: Edition,
                    date: dt.date, part: tuple[int, int] = (1, 1),
                    single: bool | None = None, group: str | None = None) -> etree._Element:
    """What print_corpus.xsl makes the book of: the edition's data and the sections.

    ``part`` is (this volume's number, the number of volumes): (2, 3) prints "Volume 2 of 3"
    on the title page; (1, 1), an edition in one volume, prints no number. ``single``: a
    document printed alone, without title page and contents (default: one section).
    ``group``: the group of volumes it belongs to ("1961", a series' title), printed
    beneath the edition's title."""

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
    if group:
        add(vol, "group", group)
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


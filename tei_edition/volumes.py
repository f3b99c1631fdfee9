"""A file of many documents cut into pages: one TEI per document, and the volume's own.

This module owns the cutting of a volume (a FRUS volume's ``div type="document"``, a file
of letters, a ``teiCorpus``: metadata.document_parts) into the TEI of its pages
(:func:`split_volume`), and where each ``xml:id`` of the file lands (:attr:`Volume.where`),
so that a link between documents (``<ref target="#d5">``) goes to the right page.

Each page is a TEI document the stylesheets render as any other:

- a document's: the volume's ``teiHeader`` and a ``text`` (the file's attributes, its
  language) holding the document div alone, in ``front``, ``body`` or ``back`` as in the
  file, with the page breaks just before it (``<pb n="5"/>`` before document 2 is where it
  starts);
- the volume's: the file with each part replaced by an entry of a contents list
  (``<list type="toc"><item><ref target="#d1">No. 1. Mr. Seat to …</ref></item>``): its
  title page and whatever lies between the documents (a compilation's heading) stay there;
- a ``TEI`` of a corpus is its page as it stands; the corpus' page is its header and the
  contents list.

Nothing is re-encoded: the trees are copies, cut at element boundaries.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from lxml import etree

from tei_edition.metadata import Metadata, document_parts, part_metadata
from tei_edition.tei import NS, tei, xml_attr

#: Milestones before a part that belong to it: the page it starts on.
_MILESTONES = frozenset(tei(n) for n in ("pb", "cb", "milestone"))


@dataclass
class Page:
    """One page of a volume: its TEI (a tree the stylesheets render as a document), its
    metadata and its place in the volume's order."""

    tree: etree._ElementTree
    meta: Metadata
    #: the part's element in the file (None: the volume's own page)
    element: etree._Element | None = None


@dataclass
class Volume:
    """A file of many documents as pages: the volume's own first, then each part in order."""

    pages: list[Page]
    #: every xml:id of the file (and each part's page id) -> the id of the page it is on
    where: dict[str, str] = field(default_factory=dict)

    def links(self, page: Page) -> dict[str, str]:
        """The ids the page points at (``#id`` in ``@target``) that lie on another page,
        with that page's id: what the stylesheet needs to link across."""
        result: dict[str, str] = {}
        for target in page.tree.getroot().xpath(".//@target"):
            for token in str(target).split():
                ident = token[1:] if token.startswith("#") else ""
                home = self.where.get(ident)
                if home is not None and home != page.meta.id:
                    result[ident] = home
        return result


def _toc_item(meta: Metadata) -> etree._Element:
    item = etree.Element(tei("item"))
    etree.SubElement(item, tei("ref"), target=f"#{meta.id}").text = meta.label
    return item


def _replace_by_entry(part: etree._Element, meta: Metadata) -> None:
    """Put the part's contents entry where it was: into the list its previous sibling
    entry opened, else into a new one. The milestones just before it go with the part."""
    parent = part.getparent()
    assert parent is not None  # a part is never the root: it is inside text
    prev = part.getprevious()
    while prev is not None and prev.tag in _MILESTONES:
        before = prev.getprevious()
        parent.remove(prev)
        prev = before
    if prev is not None and prev.tag == tei("list") and prev.get("type") == "toc":
        toc = prev
    else:
        toc = etree.Element(tei("list"), type="toc")
        part.addprevious(toc)
    toc.append(_toc_item(meta))
    toc.tail = part.tail
    parent.remove(part)


def _milestones_before(part: etree._Element) -> list[etree._Element]:
    found = []
    prev = part.getprevious()
    while prev is not None and prev.tag in _MILESTONES:
        found.append(prev)
        prev = prev.getprevious()
    return found[::-1]


def _part_tree(root: etree._Element, part: etree._Element) -> etree._ElementTree:
    """The TEI of one div's page (the module docstring says what it holds)."""
    page = etree.Element(root.tag, dict(root.attrib), nsmap=root.nsmap)
    header = root.find("tei:teiHeader", NS)
    if header is not None:
        page.append(copy.deepcopy(header))
        page[-1].tail = None
    text = root.find("tei:text", NS)
    out_text = etree.SubElement(page, tei("text"), dict(text.attrib) if text is not None else {})
    container = next((a for a in part.iterancestors()
                      if a.tag in (tei("front"), tei("body"), tei("back"))), None)
    holder = etree.SubElement(out_text, container.tag if container is not None else tei("body"))
    for milestone in _milestones_before(part):
        holder.append(copy.deepcopy(milestone))
        holder[-1].tail = None
    div = copy.deepcopy(part)
    div.tail = None
    lang = next((a.get(xml_attr("lang")) for a in part.iterancestors()
                 if a.get(xml_attr("lang")) and a is not text), None)
    if lang and div.get(xml_attr("lang")) is None:
        div.set(xml_attr("lang"), lang)
    holder.append(div)
    return etree.ElementTree(page)


def _corpus_tree(root: etree._Element, metas: list[Metadata]) -> etree._ElementTree:
    """The corpus' own page: its header and the contents list of its TEIs."""
    page = etree.Element(tei("TEI"), nsmap={None: NS["tei"]})
    header = root.find("tei:teiHeader", NS)
    if header is not None:
        page.append(copy.deepcopy(header))
    body = etree.SubElement(etree.SubElement(page, tei("text")), tei("body"))
    toc = etree.SubElement(body, tei("list"), type="toc")
    for meta in metas:
        toc.append(_toc_item(meta))
    return etree.ElementTree(page)


def split_volume(tree: etree._ElementTree, meta: Metadata) -> Volume | None:
    """The pages of a file of many documents (``meta`` is the file's own), or None for a
    file of one document."""
    root = tree.getroot()
    parts = document_parts(root)
    if not parts:
        return None
    metas = [part_metadata(meta, part, n) for n, part in enumerate(parts, start=1)]
    where = {str(i): meta.id for i in root.xpath("//@xml:id")}
    for part, part_meta in zip(parts, metas, strict=True):
        where[part_meta.id] = part_meta.id
        for ident in part.xpath("descendant-or-self::*/@xml:id"):
            where[str(ident)] = part_meta.id
        for milestone in _milestones_before(part):  # on its page (FRUS: #pg_90 -> d48)
            if milestone.get(xml_attr("id")) is not None:
                where[milestone.get(xml_attr("id"))] = part_meta.id
    if root.tag == tei("teiCorpus"):
        own = _corpus_tree(root, metas)
        pages = [Page(etree.ElementTree(copy.deepcopy(part)), m, part)
                 for part, m in zip(parts, metas, strict=True)]
    else:
        pages = [Page(_part_tree(root, part), m, part)
                 for part, m in zip(parts, metas, strict=True)]
        own_root = copy.deepcopy(root)
        for part, part_meta in zip(document_parts(own_root), metas, strict=True):
            _replace_by_entry(part, part_meta)
        own = etree.ElementTree(own_root)
    return Volume([Page(own, meta), *pages], where)

"""The exports of a build, at archive scale: the two calls a build makes for them.

A build of 100,000 documents does not hold every document's tree. A worker renders a
document and keeps a compact entry of it (:class:`Entry`: its id, pages, metadata, last
change and the number of its citable paragraphs; :func:`export_entry` makes one); the
exports' files come from two calls, by their paths inside the site:

- :func:`document_exports` ``(doc, edition)``, in the worker that renders the document, while
  its tree is at hand: its Dublin Core record ``dc/ID.xml`` and its DTS files
  (``dts/collection/ID.jsonld``, ``dts/navigation/ID...``, ``dts/document/ID...``). They
  depend on that document and edition.toml alone: an incremental build redoes them for the
  documents that changed only;
- :func:`edition_exports` ``(entries, edition, diagnostics)``, once, from the entries of every
  document: ``cmif.xml``, ``oai/repository-N.xml``, ``sitemap.xml`` (and ``sitemap-N.xml``
  beyond 50,000 URLs), ``dts/index.jsonld`` and the DTS collection of the edition. A pure
  function of the entries, edition.toml and the build's date: the same files for the same
  entries in any order (they are put in the site's order, :attr:`Metadata.sort_key`).

An export the edition cannot have is skipped with one warning, from :func:`edition_exports`
(never one per document): every export needs ``base_url`` (its links are absolute), the
CMIF file a CC BY or CC0 ``licence_url``, the OAI-PMH static repositories an
``oai_gateway`` and a ``contact_email``. :func:`document_exports` then makes no file of
that export, silently.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Protocol

from lxml import etree

from tei_edition.edition import EDITION_FILE, Edition, no_site_url, site_url
from tei_edition.errors import Diagnostic, Location
from tei_edition.exports.cmif import cmif_missing, cmif_tree
from tei_edition.exports.dts import PAGE_SIZE as DTS_PAGE_SIZE
from tei_edition.exports.dts import Resource, Tree, citable_paragraphs, creators
from tei_edition.exports.dublin_core import dc_record
from tei_edition.exports.oai import (
    HTTP_URL,
    MAX_RECORDS,
    OaiRecord,
    oai_missing,
    static_repositories,
)
from tei_edition.exports.sitemap import MAX_BYTES, MAX_URLS, SITEMAP, site_pages, sitemap_for_pages
from tei_edition.metadata import Metadata, build_date

if TYPE_CHECKING:  # the type only: site.py reads the documents, and may import this
    from tei_edition.site import Document

CMIF_FILE = "cmif.xml"
DC_FOLDER = "dc"
DTS_EXPORT = "the DTS tree (dts/)"


class Entry(Protocol):
    """What the edition-wide exports need of a document, without its tree: a build's entry
    of it (:class:`ExportEntry` is one)."""

    @property
    def id(self) -> str: ...

    @property
    def page(self) -> str: ...  # "documents/ID.html"

    @property
    def title(self) -> str: ...  # meta.label

    @property
    def meta(self) -> Metadata: ...

    @property
    def last_change(self) -> str | None: ...  # metadata.last_change of its TEI

    @property
    def passages(self) -> int: ...  # len(dts.citable_paragraphs(its tree))


@dataclass(frozen=True)
class ExportEntry:
    """A document as :func:`edition_exports` reads it: small and picklable (a worker sends
    it back to the build), made by :func:`export_entry`."""

    id: str
    page: str
    title: str
    meta: Metadata
    last_change: str | None
    passages: int


def export_entry(doc: Document) -> ExportEntry:
    """The entry of a document of the site (tei_edition/site.py), read from its tree."""
    return ExportEntry(doc.id, doc.page, doc.title, doc.meta, doc.last_change,
                       len(citable_paragraphs(doc.tree)))


# ---------------------------------------------------------------------------------------
# The edition's addresses
# ---------------------------------------------------------------------------------------


def harvest_url(edition: Edition) -> str | None:
    """The base of the harvested exports' URLs (CMIF, Dublin Core, OAI-PMH): ``base_url``
    ending in "/", when it is an http or https URL with no white space, query or fragment
    (a harvester keeps the identifiers as they are written)."""
    base = (edition.base_url or "").strip()
    if not HTTP_URL.fullmatch(base):
        return None
    return base if base.endswith("/") else base + "/"


def _skipped(edition: Edition, message: str, level: str = "warning") -> Diagnostic:
    """An export skipped, at the edition.toml that would make it."""
    where = str(edition.root / EDITION_FILE) if edition.root else EDITION_FILE
    return Diagnostic(Location(where), level, "export-skipped", message)


def _xml(tree: etree._Element | etree._ElementTree) -> bytes:
    return etree.tostring(tree, encoding="UTF-8", xml_declaration=True, pretty_print=True)


def _resource(entry: Entry) -> Resource:
    meta = entry.meta
    return Resource(entry.id, entry.title, meta.language, meta.when, meta.summary,
                    entry.passages, creators(meta))


# ---------------------------------------------------------------------------------------
# The two calls
# ---------------------------------------------------------------------------------------


def document_exports(doc: Document, edition: Edition) -> dict[str, bytes]:
    """The export files of one document, which need its tree or are its own: ``dc/ID.xml``
    and its DTS files, by path inside the site. Nothing of an export the edition cannot
    have (:func:`edition_exports` says why, once)."""
    files: dict[str, bytes] = {}
    base = harvest_url(edition)
    if base is not None:
        files[f"{DC_FOLDER}/{doc.id}.xml"] = _xml(dc_record(doc.meta, edition, base + doc.page))
    if site_url(edition) is not None:
        paragraphs = citable_paragraphs(doc.tree)
        resource = Resource(doc.id, doc.title, doc.meta.language, doc.meta.when,
                            doc.meta.summary, len(paragraphs), creators(doc.meta))
        files.update(Tree(edition).document(resource, doc.tree, paragraphs))
    return files


def edition_exports(entries: Iterable[Entry], edition: Edition,
                    diagnostics: list[Diagnostic] | None = None, *,
                    published: dt.date | None = None, max_records: int = MAX_RECORDS,
                    max_urls: int = MAX_URLS, max_bytes: int = MAX_BYTES,
                    page_size: int = DTS_PAGE_SIZE) -> dict[str, bytes]:
    """The edition-wide export files of the documents ``entries`` (any order), by path inside
    the site. ``published`` is the build's day (default :func:`~tei_edition.metadata.
    build_date`): the CMIF file's date, and the OAI datestamp of a document whose last change
    names no day. ``max_records`` (static repository), ``max_urls`` and ``max_bytes``
    (sitemap) and ``page_size`` (DTS collection) are the limits of one file.
    ``diagnostics`` receives a warning per export that is skipped, naming why."""
    warnings = diagnostics if diagnostics is not None else []
    # the entries are read only for an export there is (a build may read them from its cache
    # as they are asked for: tei_edition/build/index_state.py)
    wanted = harvest_url(edition) is not None or site_url(edition) is not None
    docs = sorted(entries, key=lambda e: e.meta.sort_key) if wanted else []
    day = published or build_date()
    outputs = _harvested(docs, edition, warnings, day, max_records)
    if site_url(edition) is None:
        warnings += [no_site_url(edition, SITEMAP), no_site_url(edition, DTS_EXPORT)]
        return outputs
    outputs.update(sitemap_for_pages(site_pages(docs), edition, max_urls=max_urls,
                                     max_bytes=max_bytes))
    tree = Tree(edition, page_size)
    outputs.update(tree.entry())
    outputs.update(tree.collection([_resource(e) for e in docs]))
    return outputs


def datestamp(last_change: str | None, published: dt.date) -> dt.date:
    """A record's OAI datestamp: the day of its document's last change (``2025-05-01`` of
    ``2025-05-01T09:00:00Z``), no later than the build's day ``published``; the build's day
    when the change names no day ("2025-05", none)."""
    try:
        changed = dt.date.fromisoformat((last_change or "")[:10])
    except ValueError:
        return published
    return min(changed, published)


def _harvested(docs: list[Entry], edition: Edition, warnings: list[Diagnostic],
               day: dt.date, max_records: int) -> dict[str, bytes]:
    """cmif.xml and the static repositories (the Dublin Core records are documents')."""
    base = harvest_url(edition)
    if base is None:
        warnings.append(_skipped(edition, "the CMIF, Dublin Core and OAI-PMH exports link "
                                 "to the published pages: set base_url (the site's http or "
                                 "https address) to make them" + (
                                     f"; base_url is not one: {edition.base_url!r}"
                                     if edition.base_url else "")))
        return {}
    outputs: dict[str, bytes] = {}
    why = cmif_missing(edition)
    if why:
        warnings.append(_skipped(edition, f"no {CMIF_FILE}: {why}"))
    else:
        cmif = cmif_tree(((e.meta, base + e.page) for e in docs), edition,
                         cmif_url=base + CMIF_FILE, base_url=base, published=day)
        if cmif.letters:
            outputs[CMIF_FILE] = _xml(cmif.tree)
        else:  # nothing for correspSearch: no document has a sender and a recipient
            warnings.append(_skipped(
                edition, f"no {CMIF_FILE}: no document is a letter (a correspDesc with a "
                "sent and a received correspAction)", "note"))
    why = oai_missing(edition)
    if why:
        warnings.append(_skipped(edition, f"no OAI-PMH static repository: {why}"))
    else:
        records = [OaiRecord(base + e.page, datestamp(e.last_change, day),
                             partial(dc_record, e.meta, edition, base + e.page)) for e in docs]
        outputs.update(static_repositories(records, edition, site_url=base,
                                           max_records=max_records))
    return outputs

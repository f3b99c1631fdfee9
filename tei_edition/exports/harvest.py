"""The harvested exports of one build: the CMIF file, a Dublin Core record per document
and the OAI-PMH static repositories, as files of the site.

:func:`harvest_outputs` is what a build calls, with the site's documents; it returns the
files by their path inside the site (``cmif.xml``, ``dc/ID.xml``, ``oai/repository-N.xml``)
for the build to write with the rest of the site (tei_edition/files.py, OutputFolder), and
adds a warning for each export the edition cannot have: every one needs the edition's
``base_url`` (its links are absolute), CMIF a CC BY or CC0 ``licence_url``, OAI-PMH an
``oai_gateway`` and a ``contact_email``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Protocol

from lxml import etree

from tei_edition.edition import EDITION_FILE, Edition
from tei_edition.errors import Diagnostic, Location
from tei_edition.exports.cmif import cmif_missing, cmif_tree
from tei_edition.exports.dublin_core import dc_record
from tei_edition.exports.oai import (
    HTTP_URL,
    MAX_RECORDS,
    OaiRecord,
    oai_missing,
    static_repositories,
)
from tei_edition.metadata import Metadata, build_date

CMIF_FILE = "cmif.xml"
DC_FOLDER = "dc"


class Published(Protocol):
    """A document of the site: its metadata and its page's path inside the site
    (tei_edition/site.py's Document is one)."""

    @property
    def meta(self) -> Metadata: ...

    @property
    def page(self) -> str: ...


def site_url(edition: Edition) -> str | None:
    """The edition's ``base_url`` ending in "/", when it is an http or https URL."""
    base = (edition.base_url or "").strip()
    if not HTTP_URL.fullmatch(base):
        return None
    return base if base.endswith("/") else base + "/"


def _warning(edition: Edition, message: str, level: str = "warning") -> Diagnostic:
    """An export skipped, at the edition.toml that would make it."""
    where = str(edition.root / EDITION_FILE) if edition.root else EDITION_FILE
    return Diagnostic(Location(where), level, "export-skipped", message)


def _xml(tree: etree._Element | etree._ElementTree) -> bytes:
    return etree.tostring(tree, encoding="UTF-8", xml_declaration=True, pretty_print=True)


def harvest_outputs(documents: Iterable[Published], edition: Edition,
                    diagnostics: list[Diagnostic] | None = None, *,
                    modified: Mapping[str, dt.date] | None = None,
                    published: dt.date | None = None,
                    max_records: int | None = None) -> dict[str, bytes]:
    """The harvested exports of ``documents`` (in the site's order), by path inside the
    site. ``modified`` gives a document's last change by id (its OAI datestamp; default
    ``published``, the build's date, :func:`~tei_edition.metadata.build_date`);
    ``max_records`` the records of one static repository file (default 5,000).
    ``diagnostics`` receives a warning per export that is skipped, naming why."""
    warnings = diagnostics if diagnostics is not None else []
    base = site_url(edition)
    if base is None:
        warnings.append(_warning(edition, "the CMIF, Dublin Core and OAI-PMH exports link "
                                 "to the published pages: set base_url (the site's http or "
                                 "https address) to make them" + (
                                     f"; base_url is not one: {edition.base_url!r}"
                                     if edition.base_url else "")))
        return {}
    day = published or build_date()
    docs = [(doc.meta, base + doc.page) for doc in documents]
    outputs: dict[str, bytes] = {}

    why = cmif_missing(edition)
    if why:
        warnings.append(_warning(edition, f"no {CMIF_FILE}: {why}"))
    else:
        cmif = cmif_tree(docs, edition, cmif_url=base + CMIF_FILE, base_url=base, published=day)
        if cmif.letters:
            outputs[CMIF_FILE] = _xml(cmif.tree)
        else:  # nothing for correspSearch: no document has a sender and a recipient
            warnings.append(_warning(
                edition, f"no {CMIF_FILE}: no document is a letter (a correspDesc with a "
                "sent and a received correspAction)", "note"))

    records = []
    for meta, url in docs:
        record = outputs[f"{DC_FOLDER}/{meta.id}.xml"] = _xml(dc_record(meta, edition, url))
        records.append(OaiRecord(url, (modified or {}).get(meta.id, day), record))

    why = oai_missing(edition)
    if why:
        warnings.append(_warning(edition, f"no OAI-PMH static repository: {why}"))
    else:
        outputs.update(static_repositories(records, edition, site_url=base,
                                           max_records=max_records or MAX_RECORDS))
    return outputs


"""OAI-PMH static repositories: the documents' Dublin Core records as the XML files of the
OAI "Static Repository" specification (Implementation Guidelines of OAI-PMH 2.0,
guidelines-static-repository.htm).

This module owns the files' form. A static repository is one XML file, ``Repository`` in
the static-repository namespace, with ``Identify``, ``ListMetadataFormats`` and one
``ListRecords`` per format (here ``oai_dc`` only), served as it is by any static host. A
harvester cannot read it directly: it speaks OAI-PMH to a *Static Repository Gateway*,
a server that the file is registered with (one gateway per file, the specification's
rule) and that answers the six OAI-PMH verbs from it. The file names its gateway in its
``baseURL``: the gateway's URL, a slash, and the file's URL without ``http://``::

    oai_gateway = "https://gateway.example.org/oai"      (edition.toml)
    the file    https://example.org/border-commission/oai/repository-1.xml
    baseURL     https://gateway.example.org/oai/example.org/border-commission/oai/repository-1.xml

The specification is meant for collections of 1 to 5,000 records and a file has no
resumption tokens, so an edition of more documents is split into several static
repositories, ``repository-1.xml``, ``repository-2.xml``... of at most
:data:`MAX_RECORDS` each, in the documents' order (date, title, id): each is a repository
of its own (its own baseURL, registered with the gateway on its own), as the specification
allows; a document's identifier is the same wherever it lies. (A document added early in
the order moves the later ones on by one file: a harvester then sees them under the next
repository.)

What the specification asks, and how it is kept: day granularity (``YYYY-MM-DD``) for
every datestamp; ``deletedRecord`` ``no`` (a static repository cannot say that a record
was deleted); no sets (``setSpec``) and no ``status`` in a header; ``earliestDatestamp``
no later than any record's; identifiers unique in each ``ListRecords``, here a record's
identifier is its page's URL (a URI, as OAI-PMH requires, and the same as its
``dc:identifier``); the file is UTF-8.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lxml import etree

from tei_edition.edition import Edition
from tei_edition.exports.dublin_core import OAI_DC_NS, OAI_DC_SCHEMA, XSI_NS

SR_NS = "http://www.openarchives.org/OAI/2.0/static-repository"
SR_SCHEMA = "http://www.openarchives.org/OAI/2.0/static-repository.xsd"
OAI_NS = "http://www.openarchives.org/OAI/2.0/"
PROTOCOL_VERSION = "2.0"
GRANULARITY = "YYYY-MM-DD"
#: The largest collection the specification means a static repository for.
MAX_RECORDS = 5000
#: Where the files lie inside the site.
FOLDER = "oai"

#: An http or https URL that relative paths can follow: no white space, query or fragment
#: ("https://example.org/edition/", not "https://example.org/?page=1").
HTTP_URL = re.compile(r"https?://[^\s/?#]+(?:/[^\s?#]*)?")


@dataclass(frozen=True)
class OaiRecord:
    """One record: its item's identifier, the day it last changed, and what makes its
    metadata (an ``oai_dc:dc``, exports/dublin_core.py), called while the record's file is
    written, so that 100,000 records are not all trees at once."""

    identifier: str
    datestamp: dt.date
    metadata: Callable[[], etree._Element]


def oai_missing(edition: Edition) -> str | None:
    """Why the edition cannot have static repository files (a warning's words), or None."""
    gateway = (edition.oai_gateway or "").strip()
    if not gateway:
        return ("an OAI-PMH static repository is harvested through a Static Repository "
                "Gateway: set oai_gateway (its URL)")
    if not HTTP_URL.fullmatch(gateway):
        return f"oai_gateway is not an http or https URL: {gateway!r}"
    if edition.contact is None:
        return ("an OAI-PMH repository names its administrator: set contact_email"
                if not edition.contact_email else
                f"contact_email is not an e-mail address: {edition.contact_email!r}")
    return None


def gateway_base_url(gateway: str, file_url: str) -> str:
    """The ``baseURL`` of the static repository at ``file_url`` behind ``gateway``."""
    return f"{gateway.strip().rstrip('/')}/{re.sub(r'^https?://', '', file_url)}"


def repository_files(count: int, max_records: int = MAX_RECORDS) -> list[str]:
    """The names of the files ``count`` records are split into (at least one)."""
    parts = max(1, -(-count // max_records))
    return [f"{FOLDER}/repository-{n}.xml" for n in range(1, parts + 1)]


def _oai(parent: etree._Element, name: str, text: str | None = None) -> etree._Element:
    el = etree.SubElement(parent, f"{{{OAI_NS}}}{name}")
    if text is not None:
        el.text = text
    return el


def _repository(records: Sequence[OaiRecord], name: str, base_url: str,
                admin_email: str) -> etree._Element:
    root = etree.Element(f"{{{SR_NS}}}Repository",
                         nsmap={None: SR_NS, "oai": OAI_NS, "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{SR_NS} {SR_SCHEMA}")
    identify = etree.SubElement(root, f"{{{SR_NS}}}Identify")
    _oai(identify, "repositoryName", name)
    _oai(identify, "baseURL", base_url)
    _oai(identify, "protocolVersion", PROTOCOL_VERSION)
    _oai(identify, "adminEmail", admin_email)
    _oai(identify, "earliestDatestamp", min(r.datestamp for r in records).isoformat())
    _oai(identify, "deletedRecord", "no")
    _oai(identify, "granularity", GRANULARITY)
    formats = etree.SubElement(root, f"{{{SR_NS}}}ListMetadataFormats")
    dc_format = _oai(formats, "metadataFormat")
    _oai(dc_format, "metadataPrefix", "oai_dc")
    _oai(dc_format, "schema", OAI_DC_SCHEMA)
    _oai(dc_format, "metadataNamespace", OAI_DC_NS)
    listed = etree.SubElement(root, f"{{{SR_NS}}}ListRecords", metadataPrefix="oai_dc")
    for record in records:
        rec = _oai(listed, "record")
        header = _oai(rec, "header")
        _oai(header, "identifier", record.identifier)
        _oai(header, "datestamp", record.datestamp.isoformat())
        _oai(rec, "metadata").append(record.metadata())
    return root


def static_repositories(records: Sequence[OaiRecord], edition: Edition, *, site_url: str,
                        max_records: int = MAX_RECORDS) -> dict[str, bytes]:
    """The static repository files of ``records`` (in their order), by their path inside
    the site at ``site_url``; nothing for no record. The edition must have what
    :func:`oai_missing` asks."""
    if not records:
        return {}
    names = repository_files(len(records), max_records)
    files: dict[str, bytes] = {}
    for n, path in enumerate(names):
        part = records[n * max_records:(n + 1) * max_records]
        title = edition.title if len(names) == 1 else \
            f"{edition.title} (part {n + 1} of {len(names)})"
        root = _repository(part, title,
                           gateway_base_url(edition.oai_gateway or "", site_url + path),
                           edition.contact or "")
        files[path] = etree.tostring(root, encoding="UTF-8", xml_declaration=True,
                                     pretty_print=True)
    return files

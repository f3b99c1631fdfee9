"""A Dublin Core record of a document: the ``oai_dc`` record (OAI-PMH's own format,
unqualified Dublin Core) that the OAI-PMH static repository and ``dc/ID.xml`` carry.

This module owns which metadata goes into which Dublin Core element; the metadata is
read by tei_edition/metadata.py, as for every writer. For the header the encoder writes::

    title        "Telegram, Voronin to Cde. A. Ya. Vyshinsky, ..."  (the listed title)
    creator      "Voronin"                       (the names of the sent action)
    contributor  "Peter Holm"                    (the translators)
    date         "1953-05-12"                    (ISO 8601, W3CDTF as DCMI recommends)
    type         "Text", "telegram"              (DCMI's type, then the document's kind)
    language     "en"                            (the xml:lang the TEI states, if any)
    description  the abstract
    publisher    the edition's publisher (edition.toml)
    source       "AVPRF, Fond 07, ..."           (the holding archive and its signature)
    rights       the edition's licence and its URL
    identifier   the document's page at the edition's base_url

A part the document lacks is left out: Dublin Core makes every element optional.
"""

from __future__ import annotations

import copy

from lxml import etree

from tei_edition.edition import Edition
from tei_edition.metadata import Metadata

OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
DC_NS = "http://purl.org/dc/elements/1.1/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
#: The fifteen elements of the Dublin Core Metadata Element Set, 1.1.
DC_ELEMENTS = ("title", "creator", "subject", "description", "publisher", "contributor",
               "date", "type", "format", "identifier", "source", "language", "relation",
               "coverage", "rights")
#: DCMI Type Vocabulary: every document of an edition is text.
DCMI_TEXT = "Text"


def dc_fields(meta: Metadata, edition: Edition, url: str) -> list[tuple[str, str]]:
    """(element, value) pairs of a document's record, in the order they are written."""
    fields: list[tuple[str, str]] = [("title", meta.label)]
    fields += [("creator", name) for name in meta.senders]
    fields += [("contributor", name) for name in meta.translators]
    if meta.when:
        fields.append(("date", meta.when))
    fields.append(("type", DCMI_TEXT))
    if meta.type:
        fields.append(("type", meta.type))
    if meta.stated_language:
        fields.append(("language", meta.stated_language))
    if meta.summary:
        fields.append(("description", meta.summary))
    if edition.publisher:
        fields.append(("publisher", edition.publisher))
    source = ", ".join(x for x in (meta.repository, meta.signature) if x)
    if source:
        fields.append(("source", source))
    fields += [("rights", r) for r in (edition.licence, edition.licence_url) if r]
    fields.append(("identifier", url))
    return fields


#: The root of every record (copied: a new root with its namespaces declared costs twice
#: as much, and an OAI-PMH file of 5,000 records makes 5,000 of them).
_ROOT = etree.Element(f"{{{OAI_DC_NS}}}dc",
                      {f"{{{XSI_NS}}}schemaLocation": f"{OAI_DC_NS} {OAI_DC_SCHEMA}"},
                      nsmap={"oai_dc": OAI_DC_NS, "dc": DC_NS, "xsi": XSI_NS})
_TAGS = {name: f"{{{DC_NS}}}{name}" for name in DC_ELEMENTS}


def dc_record(meta: Metadata, edition: Edition, url: str) -> etree._Element:
    """A document's ``oai_dc:dc`` element (``url``: its page)."""
    root = copy.copy(_ROOT)
    for name, value in dc_fields(meta, edition, url):
        etree.SubElement(root, _TAGS[name]).text = value
    return root

"""A schema.org description of each document page, as JSON-LD in the page's head.

Search engines and aggregators read ``<script type="application/ld+json">`` in a page as data
(it never runs, so the pages' Content-Security-Policy does not concern it). A document is an
``ArchiveComponent`` (schema.org's CreativeWork held by an archive) that ``isPartOf`` the
edition; every value comes from the one metadata reader (tei_edition/metadata.py) and
edition.toml. For the sample edition's cable::

    {"@context": "https://schema.org", "@type": "ArchiveComponent",
     "@id": "https://example.org/border-commission/documents/wilson-900101.html",
     "name": "'Cable from the Ministry of Foreign Affairs, ...'",
     "dateCreated": "1958-03-03", "inLanguage": "en",
     "translator": [{"@type": "Person", "name": "Lin Meihua"}],
     "holdingArchive": {"@type": "ArchiveOrganization",
                        "name": "PRC Foreign Ministry Archive"},
     "isPartOf": {"@type": "Collection", "name": "Border Commission Papers, ..."}, ...}

Who sent the document is its ``author`` and where it was sent from its ``locationCreated``
(the ``sent`` action of its correspDesc), each a Person, Organization or Place whose
``sameAs`` lists its authority URIs: the header's own, else its register entry's
(tei_edition/registers/authority.py; the build's page worker resolves the pointers)::

     "author": [{"@type": "Person", "name": "Weber",
                 "sameAs": ["https://d-nb.info/gnd/118629662"]}]

The text goes into the page through the stylesheet parameter ``jsonld``
(xslt/html/html_jsonld.xsl). Inside a script element an HTML parser ends the element at the
first ``</script``, whatever JSON says, and a serialiser may write ``&`` or ``>`` as entities,
which a script element does not read back: so ``<``, ``>`` and ``&`` are written as JSON's
``\\u003c``, ``\\u003e``, ``\\u0026`` (the same string to any JSON reader), as are the C1
controls and U+2028/U+2029, which a serialiser may also write as character references.
A title ``</script><script>alert(1)</script>`` stays a title.
"""

from __future__ import annotations

import json
import re

from tei_edition.edition import Edition, site_url
from tei_edition.metadata import CorrespName, Metadata
from tei_edition.registers.authority import name_authorities

PARAM = "jsonld"
_UNSAFE = re.compile("[<>&\u007f-\u009f\u2028\u2029]")
_TYPES = {"persName": "Person", "orgName": "Organization", "placeName": "Place"}


def name_jsonld(name: CorrespName) -> dict[str, object]:
    """A correspondent or a place as schema.org has it, with its authority URIs as ``sameAs``
    (the header's, else the register entry's: registers/authority.py)::

        {"@type": "Person", "name": "Weber, Carl Maria von",
         "sameAs": ["https://d-nb.info/gnd/118629662"]}
    """
    data: dict[str, object] = {"@type": _TYPES.get(name.kind, "Thing"), "name": name.text}
    uris = name_authorities(name)
    if uris:
        data["sameAs"] = list(uris)
    return data


def _sent(meta: Metadata) -> tuple[list[CorrespName], list[CorrespName]]:
    """The names and places of the document's ``sent`` actions, each once."""
    names: list[CorrespName] = []
    places: list[CorrespName] = []
    for action in meta.correspondence:
        if action.type == "sent":
            names += [n for n in action.names if n not in names]
            places += [p for p in action.places if p not in places]
    return names, places


def document_jsonld(meta: Metadata, edition: Edition, page: str) -> dict[str, object]:
    """The schema.org description of the document ``meta`` whose page is ``page`` (its path
    in the site, ``documents/ID.html``). What the TEI does not say is left out; ``@id`` and
    ``url`` only with a base_url (JSON-LD wants absolute identifiers)."""
    data: dict[str, object] = {"@context": "https://schema.org", "@type": "ArchiveComponent"}
    url = site_url(edition, page)
    if url:
        data["@id"] = data["url"] = url
    data["name"] = meta.label
    senders, sent_from = _sent(meta)
    optional: dict[str, object] = {
        "identifier": meta.signature,
        "dateCreated": meta.when,
        "inLanguage": meta.language,
        "genre": meta.type,
        "description": meta.summary,
        "translator": [{"@type": "Person", "name": name} for name in meta.translators],
        "holdingArchive": {"@type": "ArchiveOrganization", "name": meta.repository}
        if meta.repository else None,
        # who sent it wrote it; where it was sent from is where it was made (schema.org's
        # recipient is a Message's, not a CreativeWork's: the recipients are left out)
        "author": [name_jsonld(n) for n in senders],
        "locationCreated": [name_jsonld(p) for p in sent_from],
    }
    data.update((key, value) for key, value in optional.items() if value)
    edition_part: dict[str, object] = {"@type": "Collection", "name": edition.title}
    home = site_url(edition, "index.html")
    if home:
        edition_part["@id"] = edition_part["url"] = home
    if edition.editors:
        edition_part["editor"] = [{"@type": "Person", "name": e} for e in edition.editors]
    data["isPartOf"] = edition_part
    if edition.publisher:
        data["publisher"] = {"@type": "Organization", "name": edition.publisher}
    if edition.licence_url or edition.licence:
        data["license"] = edition.licence_url or edition.licence
    return data


def script_text(data: dict[str, object]) -> str:
    """JSON for the inside of a script element: see the module docstring for the escapes.
    ``{"name": "</script>"}`` -> ``{"name":"\\u003c/script\\u003e"}``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def jsonld_params(meta: Metadata, edition: Edition, page: str) -> dict[str, str]:
    """The stylesheet parameter of a document page (html.xsl's ``jsonld``)."""
    return {PARAM: script_text(document_jsonld(meta, edition, page))}

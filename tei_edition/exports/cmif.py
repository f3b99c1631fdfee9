"""The CMIF export: the edition's letters as one Correspondence Metadata Interchange Format
file (CMIF 1.1, the TEI subset that correspSearch harvests).

This module owns what a CMIF file says and which documents are in it. It reads nothing
but the documents' metadata (:attr:`~tei_edition.metadata.Metadata.correspondence`) and the
edition (edition.toml); :func:`cmif_tree` builds the file, :func:`cmif_missing` says what the
edition lacks for one. The rules are CMIF's documentation and Schematron
(../shared/schemas/cmif), which this module keeps thus:

- a document is a letter, and in the file, when its ``correspDesc`` has a ``sent`` and a
  ``received`` action (Schematron E0001, E0002); a document without one (a report, minutes:
  sent only) is left out, not an error. Other actions (``forwarded``) are not CMIF's;
- every action holds a ``persName`` or ``orgName``: an action that names no one gets
  ``<persName>Unknown</persName>``, as the documentation asks;
- ``@ref`` of a name or place keeps the header's authority URIs (``http://d-nb.info/gnd/...``,
  ``https://www.geonames.org/...``); a pointer into the document ("#p1") or a key is no
  authority and is left out. A name whose header has none but whose register pointer
  (``per:weber``) names an entry with authority ids gets the entry's URIs
  (:attr:`~tei_edition.metadata.CorrespName.uris`) of :data:`CMIF_AUTHORITIES`, in its
  order: ``<persName ref="per:weber">`` -> ``ref="https://d-nb.info/gnd/118629662
  https://www.wikidata.org/entity/Q154812"``;
- a date is ``@when``, ``@from``, ``@to``, ``@notBefore`` and ``@notAfter`` in CMIF's forms
  only: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``. A time is cut (``1958-03-03T10:00`` ->
  ``1958-03-03``); a value in no such form (``--03-03``, ``1958-13``) is left out, and a
  date left with no attribute is not written (Schematron E0004). The date's words are not
  written: the documentation keeps text for what the attributes cannot say, which a
  program cannot tell;
- ``@cert`` is CMIF's ``low`` only and ``@evidence`` its ``conjecture`` only: other values
  ("high", "medium") are left out;
- ``correspDesc/@ref`` is the document's page at the edition's ``base_url``, ``@key`` its id,
  ``@source`` points at the one ``bibl`` (the edition), whose ``xml:id`` is a UUID derived
  from the CMIF file's URL, so the same edition gets the same UUID in every build;
- the file is CC BY 4.0 (or CC0 1.0), as the format requires: it is written only for an
  edition whose ``licence_url`` is one of the two.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

from tei_edition.edition import Edition
from tei_edition.metadata import CorrespAction, CorrespDate, CorrespName, Metadata
from tei_edition.registers.authority import authority_scheme, header_uris
from tei_edition.tei import NSMAP, tei, xml_attr

#: The licences CMIF allows (documentation: publicationStmt/availability/licence/@target),
#: each with the words its licence element says.
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
CC0 = "https://creativecommons.org/publicdomain/zero/1.0/"
_LICENCE_WORDS = {
    CC_BY: "This file is licensed under the terms of the Creative Commons License CC-BY 4.0",
    CC0: "This file is licensed under the terms of the Creative Commons License CC0 1.0",
}
#: The actions CMIF knows, in the order they are written.
ACTIONS = ("sent", "received")
UNKNOWN = "Unknown"

#: The register's authorities a CMIF name carries, preferred first. The documentation lists
#: VIAF, GND, BNF, LC and NDL for persons (organisations: the same) and GeoNames for places;
#: correspSearch reads Wikidata too, so it comes last. GND leads as in the documentation's
#: examples (correspSearch's own index of persons is GND's).
CMIF_AUTHORITIES = {"persName": ("gnd", "viaf", "lc", "wikidata"),
                    "orgName": ("gnd", "viaf", "lc", "wikidata"),
                    "placeName": ("geonames", "wikidata")}
#: A TEI date value and its parts: "1958", "1958-03", "1958-03-03", "1958-03-03T10:00:00Z".
_W3C = re.compile(r"(?P<date>\d{4}(?:-\d{2}(?:-\d{2})?)?)"
                  r"(?P<time>T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?")


def licence_target(edition: Edition) -> str | None:
    """The CMIF licence of an edition's file: CC BY 4.0 or CC0 1.0 when its ``licence_url``
    is that licence (``http://creativecommons.org/licenses/by/4.0/legalcode`` too), else
    None."""
    url = (edition.licence_url or "").strip().lower()
    url = re.sub(r"^https?://(?:www\.)?", "", url)
    url = re.sub(r"/legalcode(?:\.[a-z-]+)?$", "", url).rstrip("/") + "/"
    for target in (CC_BY, CC0):
        if url == target.removeprefix("https://"):
            return target
    return None


def cmif_missing(edition: Edition) -> str | None:
    """Why the edition cannot have a CMIF file (the words of a warning), or None."""
    if licence_target(edition) is None:
        return ("CMIF files are licensed CC BY 4.0 or CC0 1.0 (the format requires it); "
                "edition.toml's licence_url is "
                + (repr(edition.licence_url) if edition.licence_url else "not set"))
    if not edition.editors and not edition.publisher:
        return "a CMIF file names its editor or publisher: set editors or publisher"
    return None


def cmif_date(value: str | None) -> str | None:
    """A TEI date value in CMIF's forms (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``), a time cut;
    None for a value in none of them or no real date ("1958-02-30", year 0000)."""
    m = _W3C.fullmatch(value or "")
    if m is None:
        return None
    day = m["date"]
    if (m["time"] and len(day) != 10) or day[:4] == "0000":
        return None
    if len(day) >= 7 and not 1 <= int(day[5:7]) <= 12:
        return None
    if len(day) == 10:
        try:
            dt.date.fromisoformat(day)
        except ValueError:
            return None
    return day


def bibl_id(cmif_url: str) -> str:
    """The UUID of the edition's ``bibl``: a name-based UUID (version 5) of the CMIF file's
    URL, the same in every build. An ``xml:id`` begins with a letter, so the first UUID of
    the URL, ``URL#1``, ``URL#2``... that begins with one (a-f) is taken."""
    n = 0
    while True:
        found = str(uuid.uuid5(uuid.NAMESPACE_URL, cmif_url if n == 0 else f"{cmif_url}#{n}"))
        if found[0].isalpha():
            return found
        n += 1


def is_letter(meta: Metadata) -> bool:
    """Whether a document is in the CMIF file: its correspDesc has a sent and a received
    action."""
    types = {action.type for action in meta.correspondence}
    return all(kind in types for kind in ACTIONS)


@dataclass
class CmifResult:
    """A CMIF file's tree and which documents are in it (ids) and not (ids)."""

    tree: etree._ElementTree
    letters: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)


_XML_ID = xml_attr("id")


def _el(parent: etree._Element, name: str, text: str | None = None,
        **attrs: str | None) -> etree._Element:
    el = etree.SubElement(parent, tei(name), {_XML_ID if key == "xml_id" else key: value
                                              for key, value in attrs.items()
                                              if value is not None})
    if text is not None:
        el.text = text
    return el


def _editorial(el: etree._Element, cert: str | None, evidence: str | None) -> None:
    """CMIF's two editorial attributes, in its one value each."""
    if cert == "low":
        el.set("cert", "low")
    if evidence == "conjecture":
        el.set("evidence", "conjecture")


def name_refs(name: CorrespName) -> list[str]:
    """A CMIF name's ``@ref``: the header's authority URIs, else the register's (module
    docstring)."""
    refs = header_uris(name)
    if refs:
        return list(refs)
    schemes = CMIF_AUTHORITIES.get(name.kind, ())
    by_scheme = {authority_scheme(uri): uri for uri in name.uris}
    return [by_scheme[s] for s in schemes if s in by_scheme]


def _name(parent: etree._Element, name: CorrespName) -> None:
    refs = name_refs(name)
    el = _el(parent, name.kind, name.text, ref=" ".join(refs) or None)
    _editorial(el, name.cert, name.evidence)


_DATE_ATTRS = (("when", "when"), ("from", "from_"), ("to", "to"),
               ("notBefore", "not_before"), ("notAfter", "not_after"))


def _date(parent: etree._Element, date: CorrespDate) -> None:
    values = {name: cmif_date(getattr(date, field_name)) for name, field_name in _DATE_ATTRS}
    if not any(values.values()):
        return
    el = _el(parent, "date", **values)
    _editorial(el, date.cert, date.evidence)


def _action(parent: etree._Element, action: CorrespAction) -> None:
    el = _el(parent, "correspAction", type=action.type)
    names = [n for n in action.names if n.kind in ("persName", "orgName")]
    for name in names or [CorrespName("persName", UNKNOWN)]:
        _name(el, name)
    for place in action.places:
        _name(el, place)
    for date in action.dates:
        _date(el, date)


def _header(root: etree._Element, edition: Edition, cmif_url: str, base_url: str,
            published: dt.date, source_id: str) -> etree._Element:
    file_desc = _el(_el(root, "teiHeader"), "fileDesc")
    title_stmt = _el(file_desc, "titleStmt")
    _el(title_stmt, "title", edition.title)
    for n, name in enumerate(edition.editors or (edition.publisher or "",)):
        editor = _el(title_stmt, "editor", name)
        if n == 0 and edition.contact:
            _el(editor, "email", edition.contact)
    pub = _el(file_desc, "publicationStmt")
    _el(_el(pub, "publisher"), "ref", edition.publisher or ", ".join(edition.editors),
        target=base_url)
    _el(pub, "idno", cmif_url, type="url")
    _el(pub, "date", when=f"{published.isoformat()}T00:00:00Z")
    target = licence_target(edition) or CC_BY
    _el(_el(pub, "availability"), "licence", _LICENCE_WORDS[target], target=target)
    bibl = _el(_el(file_desc, "sourceDesc"), "bibl", f"{edition.title}. ", type="online",
               xml_id=source_id)
    _el(bibl, "ref", base_url, target=base_url)
    return root[0]


def cmif_tree(documents: Iterable[tuple[Metadata, str]], edition: Edition, *, cmif_url: str,
              base_url: str, published: dt.date) -> CmifResult:
    """The CMIF file of ``documents`` (each its metadata and its page's URL), published at
    ``cmif_url`` on ``published``. The edition must have what :func:`cmif_missing` asks."""
    root = etree.Element(tei("TEI"), nsmap=NSMAP)
    source_id = bibl_id(cmif_url)
    profile = _el(_header(root, edition, cmif_url, base_url, published, source_id),
                  "profileDesc")
    _el(_el(_el(root, "text"), "body"), "p")
    result = CmifResult(etree.ElementTree(root))
    for meta, url in documents:
        if not is_letter(meta):
            result.left_out.append(meta.id)
            continue
        desc = _el(profile, "correspDesc", key=meta.id, ref=url, source=f"#{source_id}")
        for kind in ACTIONS:
            for action in meta.correspondence:
                if action.type == kind:
                    _action(desc, action)
        result.letters.append(meta.id)
    return result

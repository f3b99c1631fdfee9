"""Authority URIs: how a register entry's ``idno`` becomes a URI, and the URIs of the names
in a document's correspondence description.

This module owns the one table of authority URI forms (:data:`AUTHORITY_URIS`: the site's
register pages link with it, the exports write it) and the resolution of a name's register
pointer to its entry's URIs (:func:`resolve_metadata`). For the entry::

    <person xml:id="weber"><persName type="preferred">Weber, Carl Maria von</persName>
      <idno type="gnd">118629662</idno> <idno type="wikidata">Q154812</idno></person>

a sender ``<persName ref="per:weber">Weber</persName>`` gets the URIs
``("https://d-nb.info/gnd/118629662", "https://www.wikidata.org/entity/Q154812")`` (in the
order of :data:`~tei_edition.registers.model.AUTHORITIES`); a name whose pointer names no
entry, or an entry without an ``idno``, gets none.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tei_edition.metadata import CorrespAction, CorrespName, Metadata
from tei_edition.registers.model import AUTHORITIES, PREFIXES, Entry, Register

#: How an authority identifier becomes a URI.
AUTHORITY_URIS = {
    "wikidata": "https://www.wikidata.org/entity/{}",
    "viaf": "https://viaf.org/viaf/{}",
    "gnd": "https://d-nb.info/gnd/{}",
    "geonames": "https://sws.geonames.org/{}/",
    "lc": "https://id.loc.gov/authorities/names/{}",
}
#: The credit GeoNames' licence asks for, wherever its identifiers are shown or drafted.
GEONAMES_CREDIT = "GeoNames (geonames.org), CC BY 4.0"
#: An identifier that goes into a URI as it is (no spaces, no "?", "#" or "..").
_IDENTIFIER = re.compile(r"[A-Za-z0-9._/-]+")


def authority_uri(scheme: str, value: str) -> str | None:
    """The URI of an identifier (``"gnd", "118629662"`` -> ``https://d-nb.info/gnd/118629662``),
    or None for an unknown scheme or a value that is no identifier (``"a b"``, ``"../x"``)."""
    template = AUTHORITY_URIS.get(scheme)
    value = value.strip()
    if template is None or not _IDENTIFIER.fullmatch(value) or ".." in value:
        return None
    return template.format(value)


def authority_scheme(uri: str) -> str | None:
    """The scheme of a URI that :func:`authority_uri` made (``https://sws.geonames.org/1/``
    -> ``"geonames"``), else None."""
    for scheme, template in AUTHORITY_URIS.items():
        before, _, after = template.partition("{}")
        if uri.startswith(before) and uri.endswith(after) and len(uri) > len(before + after):
            return scheme
    return None


_URI = re.compile(r"https?://[^\s#]+(?:#\S*)?")


def header_uris(name: CorrespName) -> tuple[str, ...]:
    """The http(s) URIs of a name's own ``@ref`` (other TEI's authority URIs), in order; a
    register pointer or a pointer into the document ("#p1") is none."""
    return tuple(r for r in name.refs if _URI.fullmatch(r))


def name_authorities(name: CorrespName) -> tuple[str, ...]:
    """The authority URIs an export gives a name: those its ``@ref`` holds, which stay as
    the TEI has them, else its register entry's (:attr:`CorrespName.uris`)."""
    return header_uris(name) or name.uris


def entry_uris(entry: Entry) -> tuple[str, ...]:
    """The authority URIs of an entry, in the order of AUTHORITIES."""
    found = (authority_uri(s, entry.idnos[s]) for s in AUTHORITIES if s in entry.idnos)
    return tuple(uri for uri in found if uri)


def name_uris(name: CorrespName, register: Register) -> tuple[str, ...]:
    """The authority URIs of the entries a name's register pointers name (each once)."""
    uris: list[str] = []
    for ref in name.refs:
        prefix, colon, ident = ref.partition(":")
        entry = register.resolve(ref) if colon and ident and prefix in PREFIXES else None
        for uri in entry_uris(entry) if entry else ():
            if uri not in uris:
                uris.append(uri)
    return tuple(uris)


def _action(action: CorrespAction, register: Register) -> CorrespAction:
    def resolved(names: tuple[CorrespName, ...]) -> tuple[CorrespName, ...]:
        return tuple(replace(n, uris=name_uris(n, register)) for n in names)

    return replace(action, names=resolved(action.names), places=resolved(action.places))


def resolve_metadata(meta: Metadata, register: Register | None) -> Metadata:
    """``meta`` with the authority URIs of its correspondents and places
    (:attr:`CorrespName.uris`), from the register; ``meta`` itself without a register."""
    if register is None or not meta.correspondence:
        return meta
    return replace(meta, correspondence=tuple(_action(a, register)
                                              for a in meta.correspondence))

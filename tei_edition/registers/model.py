"""The registers of an edition: persons, places and organisations, read from
``registers/persons.xml``, ``places.xml`` and ``organisations.xml``.

Each file is a TEI document whose ``standOff`` holds one list (``listPerson``,
``listPlace``, ``listOrg``); a missing file is an empty register (an empty list is not valid
TEI, so none is ever written). The form of an entry::

    <person xml:id="stalin-joseph">
      <persName type="preferred">Stalin, Joseph Vissarionovich</persName>
      <persName>Joseph Stalin</persName>                    a variant (no @type)
      <persName type="pseudonym">Filippov</persName>        a cover name
      <persName xml:lang="ru-Cyrl">Сталин</persName>        the original script
      <birth when="1878-12-18"/>  <death when="1953-03-05"/>
      <occupation from="1941" to="1953">Chairman of the USSR Council of Ministers</occupation>
      <idno type="wikidata">Q855</idno>
      <note>Soviet leader</note>
    </person>

Places (``place``/``placeName``) and organisations (``org``/``orgName``) take the same names,
note and ``idno`` (``idno`` before ``note``, as ``org`` requires). An organisation's dates
are the ``@from``/``@to`` (or ``@notBefore``/``@notAfter``) of its preferred ``orgName``:
``<orgName type="preferred" from="1949">Ministry of Foreign Affairs of the People's
Republic of China</orgName>`` (TEI's ``org`` has no ``birth``/``death``); places have none.
A title held for a time is an ``occupation`` with ``@from``/``@to`` (years or ISO dates):
``<occupation from="1959" to="1965">Soviet Ambassador to China</occupation>``; the linker
reads the offices and the life dates to decide
between entries of one name. ``idno/@type`` is one of :data:`AUTHORITIES`.

Documents point to an entry as ``per:ID``, ``pla:ID``, ``org:ID`` (:data:`PREFIXES`), private
URIs that the register files declare in ``listPrefixDef`` (``per:stalin-joseph`` is
``persons.xml#stalin-joseph``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from tei_edition.errors import Diagnostic, Location, TeiEditionError
from tei_edition.tei import NSMAP, element, parse_file, tei, tei_root, xml_attr

#: kind -> (file name, list element, entry element, name element, pointer prefix)
KINDS: dict[str, tuple[str, str, str, str, str]] = {
    "person": ("persons.xml", "listPerson", "person", "persName", "per"),
    "place": ("places.xml", "listPlace", "place", "placeName", "pla"),
    "org": ("organisations.xml", "listOrg", "org", "orgName", "org"),
}
PREFIXES = {prefix: kind for kind, (*_, prefix) in KINDS.items()}
#: The kind of each name element of the text.
NAME_KINDS = {tei(name): kind for kind, (_, _, _, name, _) in KINDS.items()}
AUTHORITIES = ("wikidata", "viaf", "gnd", "geonames", "lc")
# (How an identifier becomes a URI: tei_edition/registers/authority.py, AUTHORITY_URIS.)
_YEAR = re.compile(r"^-?(\d{4})")


@dataclass(frozen=True)
class Name:
    """One form an entry goes by: ``type`` is ``preferred``, ``pseudonym``, ``variant``..."""

    text: str
    type: str = "variant"
    lang: str | None = None
    location: Location | None = None


@dataclass(frozen=True)
class Role:
    """A title or office held for a time (years; None: open)."""

    text: str
    start: int | None = None
    end: int | None = None


@dataclass
class Entry:
    """One person, place or organisation."""

    id: str
    kind: str
    names: list[Name] = field(default_factory=list)
    birth: int | None = None  # years: a person's life, an organisation's existence
    death: int | None = None
    roles: list[Role] = field(default_factory=list)
    note: str | None = None
    idnos: dict[str, str] = field(default_factory=dict)
    location: Location | None = None

    @property
    def ref(self) -> str:
        """The pointer a document writes: ``per:stalin-joseph``."""
        return f"{KINDS[self.kind][4]}:{self.id}"

    @property
    def preferred(self) -> str | None:
        for name in self.names:
            if name.type == "preferred":
                return name.text
        return None

    def active_in(self, year: int) -> bool | None:
        """Whether the entry can be meant in a document of ``year``: inside its life dates,
        or inside one of its offices when it has any. None when its dates do not say."""
        if self.birth is not None and year < self.birth:
            return False
        if self.death is not None and year > self.death:
            return False
        spans = [r for r in self.roles if r.start is not None or r.end is not None]
        if spans:
            return any((r.start is None or r.start <= year) and (r.end is None or year <= r.end)
                       for r in spans)
        return None if self.birth is None and self.death is None else True


@dataclass
class Register:
    """All entries of an edition, by id; ``diagnostics`` are the problems found reading
    the files (an entry without an id, an unknown authority...)."""

    entries: dict[str, Entry] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def resolve(self, ref: str) -> Entry | None:
        """The entry a ``per:``/``pla:``/``org:`` pointer names, or None."""
        prefix, _, ident = ref.partition(":")
        entry = self.entries.get(ident)
        if entry is None or PREFIXES.get(prefix) != entry.kind:
            return None
        return entry

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)


def _year(value: str | None) -> int | None:
    found = _YEAR.match(value or "")
    return int(found.group(1)) if found else None


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _entry(el: etree._Element, kind: str, source: str) -> tuple[Entry | None, list[Diagnostic]]:
    name_tag = tei(KINDS[kind][3])
    where = Location(source, el.sourceline)
    ident = el.get(xml_attr("id"))
    if not ident:
        return None, [Diagnostic(where, "error", "register-id",
                                 f"a <{KINDS[kind][2]}> has no xml:id: nothing can point to it")]
    entry = Entry(ident, kind, location=where)
    problems: list[Diagnostic] = []
    for child in el:
        if child.tag == name_tag:
            text = _text(child)
            if text:
                entry.names.append(Name(text, child.get("type") or "variant",
                                        child.get(xml_attr("lang")),
                                        Location(source, child.sourceline)))
            if kind == "org" and child.get("type") == "preferred":  # (module docstring)
                entry.birth = _year(child.get("from") or child.get("notBefore"))
                entry.death = _year(child.get("to") or child.get("notAfter"))
        elif child.tag == tei("birth"):
            entry.birth = _year(child.get("when") or child.get("notBefore"))
        elif child.tag == tei("death"):
            entry.death = _year(child.get("when") or child.get("notAfter"))
        elif child.tag == tei("occupation"):
            entry.roles.append(Role(_text(child), _year(child.get("from")),
                                    _year(child.get("to"))))
        elif child.tag == tei("note"):
            entry.note = _text(child)
        elif child.tag == tei("idno"):
            scheme = child.get("type") or ""
            if scheme not in AUTHORITIES:
                problems.append(Diagnostic(
                    Location(source, child.sourceline), "warning", "register-idno",
                    f"{ident}: idno type {scheme!r} is none of {', '.join(AUTHORITIES)}"))
            entry.idnos[scheme] = _text(child)
    return entry, problems


def read_register_file(path: Path, kind: str) -> Register:
    """The entries of one register file (raises :class:`TeiEditionError` for a file that
    cannot be parsed or is not TEI)."""
    source = str(path)
    root = tei_root(parse_file(path), source)
    register = Register()
    entry_tag = tei(KINDS[kind][2])
    for el in root.iter(entry_tag):
        entry, problems = _entry(el, kind, source)
        register.diagnostics.extend(problems)
        if entry is None:
            continue
        if entry.id in register.entries:
            register.diagnostics.append(Diagnostic(
                entry.location or Location(source), "error", "register-id",
                f"the xml:id {entry.id!r} is used by two entries"))
            continue
        register.entries[entry.id] = entry
    return register


def load_register(directory: str | Path) -> Register:
    """The register of an edition: the three files of ``directory`` (an edition's
    ``registers/``); a missing file is an empty register. An id used in two files is an
    error (pointers name the kind, but the site gives every entry one page by its id)."""
    directory = Path(directory)
    register = Register()
    for kind, (filename, *_) in KINDS.items():
        path = directory / filename
        if not path.is_file():
            continue
        try:
            part = read_register_file(path, kind)
        except TeiEditionError as exc:
            register.diagnostics.append(exc.diagnostic())
            continue
        register.diagnostics.extend(part.diagnostics)
        for entry in part:
            if entry.id in register.entries:
                register.diagnostics.append(Diagnostic(
                    entry.location or Location(str(path)), "error", "register-id",
                    f"the xml:id {entry.id!r} is used in two registers"))
                continue
            register.entries[entry.id] = entry
    return register


def register_document(kind: str, title: str, made_by: str, source: str,
                      entries: Iterable[etree._Element]) -> etree._Element:
    """A register file of one kind (:data:`KINDS`): a TEI header with its title, who made it
    and from what, the ``prefixDef`` of its pointers; ``entries`` in its list."""
    filename, list_name, *_, prefix = KINDS[kind]
    root = etree.Element(tei("TEI"), nsmap=NSMAP)
    header = element("teiHeader", parent=root)
    file_desc = element("fileDesc", parent=header)
    element("title", None, title, parent=element("titleStmt", parent=file_desc))
    element("p", None, made_by, parent=element("publicationStmt", parent=file_desc))
    element("p", None, source, parent=element("sourceDesc", parent=file_desc))
    prefixes = element("listPrefixDef", parent=element("encodingDesc", parent=header))
    element("prefixDef", {"ident": prefix, "matchPattern": "([A-Za-z0-9._-]+)",
                          "replacementPattern": f"{filename}#$1"}, parent=prefixes)
    listing = element(list_name, parent=element("standOff", parent=root))
    listing.extend(entries)
    etree.indent(root)
    return root

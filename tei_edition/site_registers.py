"""The site's register pages: a page per person, place and organisation, and an index page
per register (xslt/html/register.xsl, fed a small XML made here, as site_index.py does)::

    registers/persons.html            the index: every entry by its preferred name, in
    registers/places.html             alphabetical order (a locale-aware key: ICU's root
    registers/organisations.html      collation when PyICU is there, else a folded key),
                                      with an A-Z jump list
    registers/persons/ID.html         an entry: its names (preferred, variants, original
    registers/persons/ID-2.html ...   script, pseudonyms), dates, offices, note, authority
                                      links, and its mentions, MENTIONS_PER_PAGE a page

A mention is a name of a document's text whose ``@ref`` points to the entry
(``per:ID``/``pla:ID``/``org:ID``, tei_edition/registers/model.py): its document (a link to
the document's page, at the name: the document pages give the n-th such name of the text
the id ``m-n``, xslt/html/html_names.xsl), the document's date and the sentence around it.
:func:`document_mentions` reads them from a document's tree (the page stage's worker keeps
them in the document's summary); :func:`register_pages` makes the pages from the mentions of
every document and the register (in a build, only those whose inputs changed). Every link
is relative: the pages work from file://.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from lxml import etree

from tei_edition.edition import Edition
from tei_edition.metadata import Metadata
from tei_edition.registers.authority import authority_uri
from tei_edition.registers.model import KINDS, PREFIXES, Entry, Register
from tei_edition.render import transform
from tei_edition.resources import xslt_dir
from tei_edition.tei import NS, tei

MENTIONS_PER_PAGE = 200
FOLDER = "registers"
#: kind -> (the folder of its pages and the name of its index page, its title)
PAGES = {"person": ("persons", "Persons"), "place": ("places", "Places"),
         "org": ("organisations", "Organisations")}
AUTHORITY_LABELS = {"wikidata": "Wikidata", "viaf": "VIAF", "gnd": "GND",
                    "geonames": "GeoNames", "lc": "Library of Congress"}
NAME_LABELS = {"preferred": "Preferred name", "variant": "Also", "pseudonym": "Pseudonym",
               "cover": "Cover name"}
_NAMES = tuple(tei(name) for _, _, _, name, _ in KINDS.values())
#: The elements whose text is a mention's context: the sentence is cut from the nearest.
_BLOCKS = frozenset(tei(n) for n in (
    "p ab head l item opener closer salute signed dateline byline note cell "
    "label trailer docTitle titlePart q quote".split()))
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_CONTEXT = 160  # characters either side of a name, at most


def register_stylesheet() -> Path:
    return xslt_dir() / "html" / "register.xsl"


def register_ref(el: etree._Element) -> str | None:
    """The register pointer of a name element (its first ``@ref`` token), or None."""
    first = (el.get("ref") or "").split()[:1]
    if not first:
        return None
    prefix, colon, ident = first[0].partition(":")
    return first[0] if colon and ident and prefix in PREFIXES else None


def entry_page(ref: str) -> str | None:
    """The page of the entry a pointer names, inside the site: ``per:x`` ->
    ``registers/persons/x.html`` (None for no register pointer)."""
    prefix, _, ident = ref.partition(":")
    kind = PREFIXES.get(prefix)
    if kind is None or not re.fullmatch(r"[A-Za-z0-9._-]+", ident):
        return None
    return f"{FOLDER}/{PAGES[kind][0]}/{ident}.html"


# ---------------------------------------------------------------------------------------
# Mentions, from a document
# ---------------------------------------------------------------------------------------


def _text_before(block: etree._Element, target: etree._Element) -> str:
    parts: list[str] = []

    def walk(node: etree._Element) -> bool:
        if node is target:
            return True
        parts.append(node.text or "")
        for child in node:
            if walk(child):
                return True
            parts.append(child.tail or "")
        return False

    walk(block)
    return "".join(parts)


def _sentence(el: etree._Element) -> tuple[str, str, str]:
    """The text before the name in its sentence, the name, the text after it."""
    block = el
    while block.getparent() is not None and block.tag not in _BLOCKS:
        block = block.getparent()
    hit = "".join(el.itertext())
    before = _text_before(block, el)
    after = "".join(block.itertext())[len(before) + len(hit):]
    starts = [m.end() for m in _SENTENCE_END.finditer(before)]
    before = before[starts[-1]:] if starts else before
    end = _SENTENCE_END.search(after)
    after = after[:end.start()] if end else after
    before, hit, after = (" ".join(s.split()) for s in (before, hit, after))
    if len(before) > _CONTEXT:
        before = "…" + before[-_CONTEXT:].split(" ", 1)[-1]
    if len(after) > _CONTEXT:
        after = after[:_CONTEXT].rsplit(" ", 1)[0] + "…"
    return before + (" " if before and not before.endswith(("(", "[")) else ""), hit, \
        ((" " if after and after[0].isalnum() else "") + after)


def document_mentions(tree: etree._ElementTree | etree._Element) -> list[dict[str, str]]:
    """The register mentions of a document's text, JSON-ready, in document order: ``ref``,
    ``anchor`` (the id its page gives the name: ``m-n``), ``before``, ``hit``, ``after``."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    found = []
    n = 0
    for text in root.iterfind("tei:text", NS):
        for el in text.iter(*_NAMES):
            ref = register_ref(el)
            if ref is None:
                continue
            n += 1
            before, hit, after = _sentence(el)
            found.append({"ref": ref, "anchor": f"m-{n}", "before": before, "hit": hit,
                          "after": after})
    return found


@dataclass(frozen=True)
class Mention:
    """One mention of an entry: where (a page of the site and the name's id), in what."""

    ref: str
    page: str  # documents/ID.html
    anchor: str
    title: str
    date: str  # as the header words it
    sort: str  # the document's sort key, for the order of the mentions
    before: str
    hit: str
    after: str


def mentions_of(page: str, title: str, date: str, sort: str,
                found: Iterable[dict[str, str]]) -> list[Mention]:
    """The mentions of one document (:func:`document_mentions`'s dictionaries)."""
    return [Mention(m["ref"], page, m["anchor"], title, date, sort, m["before"], m["hit"],
                    m["after"]) for m in found]


# ---------------------------------------------------------------------------------------
# The pages
# ---------------------------------------------------------------------------------------


def _collator() -> Callable[[str], object]:
    """A locale-aware sort key: ICU's root collation when PyICU is installed, else the
    name folded (accents off, case folded: Á sorts with A) with the name as tie-break."""
    try:
        import icu  # type: ignore[import-not-found]

        collator = icu.Collator.createInstance(icu.Locale.getRoot())
        return collator.getSortKey  # type: ignore[no-any-return]
    except ImportError:
        def key(name: str) -> object:
            bare = "".join(c for c in unicodedata.normalize("NFKD", name)
                           if not unicodedata.combining(c))
            return (bare.casefold(), name)
        return key


def _letter(name: str) -> str:
    bare = unicodedata.normalize("NFKD", name.lstrip("'\"‘“([ "))[:1]
    return bare.upper() if bare.isascii() and bare.isalpha() else "#"


def register_kinds(register: Register) -> list[str]:
    """The kinds the register has entries of, in the site's order."""
    present = {entry.kind for entry in register}
    return [kind for kind in PAGES if kind in present]


def nav_param(register: Register) -> str:
    """The pages' ``registers`` parameter: the index pages to link in the site's header,
    one ``PATH TITLE`` a line (html_chrome.xsl)."""
    return "\n".join(f"{FOLDER}/{PAGES[kind][0]}.html {PAGES[kind][1]}"
                     for kind in register_kinds(register))


def names_param(register: Register, refs: Iterable[str]) -> str:
    """A document page's ``register-names`` parameter: for each pointer the page has that
    names an entry, ``REF<TAB>PAGE<TAB>PREFERRED NAME`` a line (html_names.xsl links those
    names, with the preferred name as their tooltip)."""
    lines = []
    for ref in sorted(set(refs)):
        entry = register.resolve(ref)
        page = entry_page(ref)
        if entry is not None and page is not None:
            preferred = " ".join((entry.preferred or entry.id).split())
            lines.append(f"{ref}\t{page}\t{preferred}")
    return "\n".join(lines)


def document_refs(tree: etree._ElementTree | etree._Element) -> list[str]:
    """Every register pointer of a document (header and text)."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    return [ref for el in root.iter(*_NAMES) if (ref := register_ref(el)) is not None]


# ---------------------------------------------------------------------------------------
# The search: the register's facets and name forms
# ---------------------------------------------------------------------------------------


#: kind -> the label of its filter on the search page (xslt/html/index.xsl shows it)
FACETS = {"person": "Person named", "place": "Place named", "org": "Organisation named"}

_LABELS: dict[int, tuple[Register, dict[str, str]]] = {}


def facet_labels(register: Register) -> dict[str, str]:
    """Each entry's value in its kind's search filter, by pointer: its preferred name (or
    its id), with the id after it where two entries of a kind share the name (register
    check reports that), so that no filter value stands for two entries. Made once per
    register read."""
    held = _LABELS.get(id(register))
    if held is not None and held[0] is register:
        return held[1]
    named = {e.ref: " ".join((e.preferred or e.id).split()) for e in register}
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for entry in register:
        shared[entry.kind, named[entry.ref]] += 1
    labels = {e.ref: named[e.ref] if shared[e.kind, named[e.ref]] == 1
              else f"{named[e.ref]} ({e.id})" for e in register}
    _LABELS.clear()
    _LABELS[id(register)] = (register, labels)
    return labels


def register_facets(register: Register | None) -> tuple[str, ...]:
    """The register filters the search page has: one per kind the register has entries of
    (none without a register)."""
    return tuple(register_kinds(register)) if register is not None else ()


def document_registered(register: Register | None, refs: Iterable[str]
                        ) -> dict[str, tuple[str, ...]]:
    """What a document is filtered by in each register filter: kind -> the labels
    (:func:`facet_labels`) of the entries ``refs`` point to, sorted, each once. Pointers
    to no entry are left out (register check reports them)."""
    if register is None:
        return {}
    labels = facet_labels(register)
    found: dict[str, set[str]] = defaultdict(set)
    for ref in refs:
        entry = register.resolve(ref)
        if entry is not None:
            found[entry.kind].add(labels[entry.ref])
    return {kind: tuple(sorted(found[kind])) for kind in PAGES if found.get(kind)}


def search_names(register: Register | None, refs: Iterable[str]) -> list[str]:
    """Every form of every entry ``refs`` point to (preferred, variants, original script,
    cover names, pseudonyms): the search finds a document by any name of an entry it
    names, whatever form its text has."""
    if register is None:
        return []
    out: list[str] = []
    for ref in sorted(set(refs)):
        entry = register.resolve(ref)
        if entry is not None:
            out.extend(name.text for name in entry.names)
    return out


@dataclass(frozen=True)
class _Loaded:
    register: Register
    nav: str  # its nav_param, which every page has (a pass over every entry)


_LOADED: dict[tuple[str, tuple[tuple[str, int, int], ...]], _Loaded] = {}


def edition_register(edition: Edition) -> Register | None:
    """The register of the edition's folder (``registers/`` beside edition.toml), or None
    when it has no register file. Read once per process while its files stay as they are
    (every page of a build asks, in each worker)."""
    loaded = _edition_loaded(edition)
    return None if loaded is None else loaded.register


def _edition_loaded(edition: Edition) -> _Loaded | None:
    if edition.root is None:
        return None
    from tei_edition.registers.check import register_files as files_of
    from tei_edition.registers.model import load_register

    folder = Path(edition.root) / FOLDER
    files = files_of(folder)
    if not files:
        return None
    stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files)
    key = (os.path.abspath(folder), stamp)
    loaded = _LOADED.get(key)
    if loaded is None:
        _LOADED.clear()
        register = load_register(folder)
        loaded = _LOADED[key] = _Loaded(register, nav_param(register))
    return loaded


def page_params(edition: Edition, tree: etree._ElementTree | etree._Element | None
                ) -> dict[str, str]:
    """The register parameters of a page of the site: the header's links to the index pages
    and, for a document page (``tree``), the entries it names."""
    loaded = _edition_loaded(edition)
    if loaded is None:
        return {}
    params = {"registers": loaded.nav}
    if tree is not None:
        params["register-names"] = names_param(loaded.register, document_refs(tree))
    return params


def _entry_xml(entry: Entry, mentions: Sequence[Mention], n: int, of: int) -> etree._Element:
    folder, title = PAGES[entry.kind]
    root = etree.Element("entry", {
        "id": entry.id, "kind": entry.kind, "register": title,
        "index": f"../{folder}.html", "n": str(n), "of": str(of),
        "mentions": str(len(mentions)), "preferred": entry.preferred or entry.id})
    for name in entry.names:
        el = etree.SubElement(root, "name", {"type": name.type,
                                             "label": NAME_LABELS.get(name.type, name.type)})
        if name.lang:
            el.set("lang", name.lang)
        el.text = name.text
    if entry.birth is not None or entry.death is not None:
        etree.SubElement(root, "life", {"birth": "" if entry.birth is None else str(entry.birth),
                                        "death": "" if entry.death is None else str(entry.death)})
    for role in entry.roles:
        span = "–".join(str(y) if y is not None else "" for y in (role.start, role.end)) \
            if role.start is not None or role.end is not None else ""
        if role.start is not None and role.start == role.end:
            span = str(role.start)
        etree.SubElement(root, "role", {"span": span}).text = role.text
    if entry.note:
        etree.SubElement(root, "note").text = entry.note
    for scheme, value in entry.idnos.items():
        uri = authority_uri(scheme, value)
        if uri is not None:
            etree.SubElement(root, "authority", {
                "label": AUTHORITY_LABELS.get(scheme, scheme), "href": uri}).text = value
    if "geonames" in entry.idnos:
        etree.SubElement(root, "credit", {"source": "geonames"})  # its licence asks for it
    start = (n - 1) * MENTIONS_PER_PAGE
    for m in mentions[start:start + MENTIONS_PER_PAGE]:
        el = etree.SubElement(root, "mention", {"href": f"../../{m.page}#{m.anchor}",
                                                "title": m.title, "date": m.date})
        etree.SubElement(el, "before").text = m.before
        etree.SubElement(el, "hit").text = m.hit
        etree.SubElement(el, "after").text = m.after
    for page in range(1, of + 1):
        etree.SubElement(root, "page", {"n": str(page),
                                        "href": _entry_file(entry.id, page).rsplit("/", 1)[-1]})
    return root


def _entry_file(ident: str, n: int) -> str:
    return f"{ident}.html" if n == 1 else f"{ident}-{n}.html"


def _index_xml(kind: str, entries: list[Entry], counts: dict[str, int],
               kinds: list[str]) -> etree._Element:
    folder, title = PAGES[kind]
    root = etree.Element("register-index", {"kind": kind, "title": title})
    for other in kinds:
        etree.SubElement(root, "register", {"href": f"{PAGES[other][0]}.html",
                                            "title": PAGES[other][1],
                                            "current": str(other == kind).lower()})
    key = _collator()
    groups: dict[str, list[Entry]] = defaultdict(list)
    for entry in sorted(entries, key=lambda e: key(e.preferred or e.id)):  # type: ignore[arg-type,return-value]
        groups[_letter(entry.preferred or entry.id)].append(entry)
    for letter in sorted(groups, key=lambda c: (c == "#", c)):
        group = etree.SubElement(root, "letter", {"key": letter})
        for entry in groups[letter]:
            item = etree.SubElement(group, "item", {
                "href": f"{folder}/{entry.id}.html", "count": str(counts.get(entry.ref, 0))})
            item.text = entry.preferred or entry.id
            if entry.note:
                item.set("note", entry.note)
    if any("geonames" in entry.idnos for entry in entries):
        etree.SubElement(root, "credit", {"source": "geonames"})  # its licence asks for it
    return root


def _site_params(edition: Edition, register: Register) -> dict[str, str]:
    """The parameters every register page shares (its root and path are each page's)."""
    from tei_edition.site import edition_params

    return {**edition_params(edition), "registers": nav_param(register)}


@dataclass
class RegisterPages:
    """The register pages of a site: ``digests`` names every page, with the digest of what it
    is made from (its XML, its parameters and the caller's ``base``: the stylesheets, the
    tool); ``files`` holds the pages made this time, which are all of them but those the
    caller said it has, made from the same digest."""

    digests: dict[str, str]
    files: dict[str, bytes]


def register_files(mentions: Iterable[Mention], register: Register,
                   edition: Edition) -> dict[str, bytes]:
    """Every register page of the site (module docstring), by its path in the site; none
    for an empty register."""
    return register_pages(mentions, register, edition).files


def register_pages(mentions: Iterable[Mention], register: Register, edition: Edition,
                   base: str = "", made: Mapping[str, str] | None = None) -> RegisterPages:
    """The register pages, each made unless ``made`` (path -> digest, the pages the caller
    already has) has it with the digest it is made from now: a changed document makes again
    only the pages of the entries it names, and the index pages whose counts it changes.
    Entries whose id is no safe file name get no page (register check reports such ids only
    as the schema does: xml:id is an NCName)."""
    pages = RegisterPages({}, {})
    if not len(register):
        return pages
    by_ref: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_ref[m.ref].append(m)
    for found in by_ref.values():
        found.sort(key=lambda m: (m.sort, m.page, int(m.anchor[2:] or 0)))
    stylesheet = register_stylesheet()
    kinds = register_kinds(register)
    shared = _site_params(edition, register)
    shared_key = json.dumps(shared, sort_keys=True)

    def page(path: str, xml: etree._Element, root: str) -> None:
        digest = hashlib.sha256("\0".join((base, shared_key, root, path)).encode("utf-8")
                                + etree.tostring(xml, encoding="utf-8")).hexdigest()
        pages.digests[path] = digest
        if made is None or made.get(path) != digest:
            params = {**shared, "root": root, "page-path": path}
            pages.files[path] = transform(xml, stylesheet, params).encode("utf-8")

    for kind in kinds:
        entries = [e for e in register if e.kind == kind and entry_page(e.ref) is not None]
        folder = PAGES[kind][0]
        counts = {e.ref: len(by_ref.get(e.ref, ())) for e in entries}
        page(f"{FOLDER}/{folder}.html", _index_xml(kind, entries, counts, kinds), "../")
        for entry in entries:
            found = by_ref.get(entry.ref, [])
            of = max(1, -(-len(found) // MENTIONS_PER_PAGE))
            for n in range(1, of + 1):
                page(f"{FOLDER}/{folder}/{_entry_file(entry.id, n)}",
                     _entry_xml(entry, found, n, of), "../../")
    return pages


class _Summary(Protocol):
    """What the build's page stage keeps of a document (tei_edition/build/pages.py Entry)."""

    @property
    def page(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def meta(self) -> Metadata: ...
    @property
    def mentions(self) -> tuple[dict[str, str], ...]: ...


def build_register_files(entries: Iterable[_Summary], edition: Edition, base: str = "",
                         made: Mapping[str, str] | None = None) -> RegisterPages | None:
    """The register pages of a build (:func:`register_pages`), from the page stage's entries
    (tei_edition/build/pages.py: ``Entry`` with its ``mentions``); None when the edition has
    no registers. The call for tei_edition/build/publish.py's index stage."""
    register = edition_register(edition)
    if register is None:
        return None
    mentions = [m for e in entries for m in mentions_of(
        e.page, e.title, e.meta.date_text, sort_text(e.meta), e.mentions)]
    return register_pages(mentions, register, edition, base, made)


def sort_text(meta: Metadata) -> str:
    """A document's sort key as one string (the order of an entry's mentions)."""
    return "\0".join(map(str, meta.sort_key))

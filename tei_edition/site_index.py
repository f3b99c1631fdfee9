"""The site's index pages and its search, made to stay usable at 100,000 documents.

This module owns what a reader finds documents with: the folded search terms of a document
(:func:`document_terms`, one document at a time, in a build worker) and every file of the
index and the search (:func:`index_files`, from the documents' metadata and terms). Nothing
here reads a TEI tree: a build may cache the terms and call :func:`index_files` again when one
document changed, then write only the files whose bytes changed.

The files, by path in the site::

    index.html                  the search, the filters, the years and the first page
    index/YEAR-N.html           page N of a year's documents (``undated-N`` for the rest),
                                at most ``page_size`` documents each, in date order
    assets/search/catalogue.js  what the search loads first: the number of documents, the
                                term shards there are, the years (as ranges of document
                                numbers) and the small facets (type, language, archive)
    assets/search/t-HEX.js      the terms that begin with one key (their first ``prefix``
                                characters, longer where a shard would be large:
                                :func:`_shards`), named by the hex of its UTF-8:
                                term -> [4 * document + count - 1, ...]
    assets/search/d-K.js        what a result shows of documents K*block ... K*block+block-1
                                (page, title, date, type, names, archive, summary)
    assets/search/f-NAME.js     a large facet (sender, recipient, and with registers the
                                entries named: person, place, org): loaded when it is used
    assets/search/order-title.js  each document's place in title order: loaded for that sort

Every search file is a script that hands its data to ``window.teEditionSearch(name, data)``
(index.js defines it), since browsers refuse ``fetch()`` on file://; "<" is escaped in all
of them, so no text closes a script element.

Documents are numbered in date order (undated last). A document that changes keeps its
number as long as it keeps its place, and then changes only its index page, its block of
``d-K.js``, the term shards of the words it gained or lost and the facets it moved in; a new
document, or a new date, renumbers the documents after it and so rewrites most shards.
:func:`update_files` makes just those files, from the postings of the term groups the
changed documents' words are in (a build keeps them: tei_edition/build/index_state.py);
:func:`index_files` makes every one. Both give the same bytes.
"""

from __future__ import annotations

import json
import re
import unicodedata
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict, deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import repeat
from operator import add
from typing import Protocol

from lxml import etree

from tei_edition.edition import Edition
from tei_edition.metadata import Metadata
from tei_edition.render import transform
from tei_edition.site_registers import FACETS as REGISTER_FILTERS
from tei_edition.site_registers import edition_register
from tei_edition.site_registers import register_facets as _register_facets
from tei_edition.version import __version__

GENERATOR = f"tei-edition {__version__}"


class Entry(Protocol):
    """What the index needs of a document (tei_edition.site.Document has it)."""

    @property
    def id(self) -> str: ...
    @property
    def page(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def meta(self) -> Metadata: ...
    @property
    def download(self) -> str: ...
    @property
    def source_view(self) -> str: ...
    @property
    def registered(self) -> Mapping[str, tuple[str, ...]]:
        """The register filters' values of the document: kind -> the entries it names
        (tei_edition/site_registers.py: document_registered)."""


class _Searchable(Protocol):
    @property
    def title(self) -> str: ...
    @property
    def meta(self) -> Metadata: ...
    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class Layout:
    """How the index is cut: documents per index page, per document-info shard, and the
    length of the term prefixes that name the term shards (a site for a test uses small
    ones, so that a few documents make several pages and shards)."""

    page_size: int = 100
    block: int = 100
    prefix: int = 2
    #: results a page of search results shows
    results: int = 25
    #: the postings above which a term shard is cut by one character more (40,000
    #: postings: about 250 kB of script)
    shard_postings: int = 40_000
    #: the most shards a word's beginning loads; a shorter beginning finds only itself
    most_shards: int = 16


def fold(text: str) -> str:
    """Search folding, the same as index.js: NFKD, no combining marks, lower case."""
    decomposed = unicodedata.normalize("NFKD", text)
    # the marks are found among the text's distinct characters and cut in one translate
    # (asking combining() of every character instead: 0.2 s of the FRUS volume's site,
    # bench/publish_frus.py)
    marks = {ord(c): None for c in set(decomposed) if unicodedata.combining(c)}
    return decomposed.translate(marks).lower()


_TOKEN = re.compile(r"[^\W]+")


def document_terms(doc: _Searchable, names: Sequence[str] = ()) -> dict[str, int]:
    """The folded search terms of a document and how often each occurs: its title, summary,
    text, senders and recipients, and ``names``: every form of the register entries it
    names (site_registers.search_names), so that a search for any of them finds it."""
    meta = doc.meta
    words = " ".join([doc.title, meta.summary, doc.text, *meta.senders, *meta.recipients,
                      *names])
    return dict(Counter(_TOKEN.findall(fold(words))))


# ---------------------------------------------------------------------------------------
# Scripts
# ---------------------------------------------------------------------------------------


def _script(name: str, data: object) -> bytes:
    """A search file: a script that hands ``data`` to the index page's script."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    payload = payload.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace(
        "\u2029", "\\u2029")
    return f"window.teEditionSearch({json.dumps(name)},{payload});\n".encode()


def script_data(data: bytes, name: str) -> object:
    """The data of the search file ``name`` (what :func:`_script` made it of); ValueError
    when it is not that file."""
    text = data.decode("utf-8")
    head = f"window.teEditionSearch({json.dumps(name)},"
    if not (text.startswith(head) and text.endswith(");\n")):
        raise ValueError(f"not the search file {name}")
    return json.loads(text[len(head):-3])  # its \\u escapes are JSON's


#: The characters of a packed code: printable ASCII without the quote, the backslash and
#: "<", so that a string of codes needs no escape in a script.
_DIGITS = "".join(c for c in map(chr, range(35, 127)) if c not in '\\<')


def _width(count: int) -> int:
    width, room = 1, len(_DIGITS)
    while room < count:
        width, room = width + 1, room * len(_DIGITS)
    return width


def _pack(codes: Sequence[int], count: int) -> tuple[int, str]:
    """Numbers below ``count`` as one string of fixed-width digits (base 90)."""
    width = _width(count)
    if width == 1:
        return 1, "".join(_DIGITS[c] for c in codes)
    base = len(_DIGITS)
    out = []
    for c in codes:
        digits = []
        for _ in range(width):
            c, r = divmod(c, base)
            digits.append(_DIGITS[r])
        out.append("".join(reversed(digits)))
    return width, "".join(out)


def _facet(values_of: Sequence[tuple[str, ...]]) -> dict[str, object]:
    """A facet: its distinct values (sorted, with their counts), the distinct sets of them
    that documents have, and each document's set as a packed code (0: none)."""
    counts = Counter(v for vs in values_of for v in vs)
    values = sorted(counts, key=lambda v: (v.casefold(), v))
    place = {v: n for n, v in enumerate(values)}
    sets: dict[tuple[str, ...], int] = {(): 0}
    codes = [sets.setdefault(vs, len(sets)) for vs in values_of]
    width, packed = _pack(codes, len(sets))
    return {"values": values, "counts": [counts[v] for v in values],
            "sets": [[place[v] for v in vs] for vs in sets], "width": width, "codes": packed}


def _shards(terms: list[str], postings: Postings, prefix: int,
            limit: int) -> dict[str, list[str]]:
    """The term shards: key -> its terms (sorted). Terms go by their first ``prefix``
    characters; from a shard of more than ``limit`` postings the largest groups of terms
    that begin with one character more are cut off into shards of their own until it is
    within the limit (or holds only its key), and so on, so that a common beginning ("co",
    "re") makes neither one large file nor a great many small ones. A term belongs to the
    longest key it begins with (index.js finds it so)."""
    out: dict[str, list[str]] = {}

    def size(group: list[str]) -> int:
        return sum(len(postings[t]) for t in group)

    def place(key: str, group: list[str]) -> None:
        total = size(group)
        if len(group) < 2 or total <= limit:
            out[key] = group
            return
        children: dict[str, list[str]] = defaultdict(list)
        for term in group:
            children[term[:len(key) + 1]].append(term)
        if len(children) == 1 and key not in children:  # one longer beginning: the key
            ((key, group),) = children.items()
            place(key, group)
            return
        sizes = {child: size(ts) for child, ts in children.items() if child != key}
        kept = list(children.get(key, []))
        for child in sorted(sizes, key=lambda c: (-sizes[c], c)):
            if total > limit:
                total -= sizes[child]
                place(child, children[child])
            else:
                kept += children[child]
        if kept:
            out[key] = sorted(kept)

    groups: dict[str, list[str]] = defaultdict(list)
    for term in terms:
        groups[term[:prefix]].append(term)
    for key, group in groups.items():
        place(key, group)
    return out


def _hex(prefix: str) -> str:
    return prefix.encode("utf-8").hex()


# ---------------------------------------------------------------------------------------
# The index pages
# ---------------------------------------------------------------------------------------


def _year(meta: Metadata) -> str:
    return meta.year or "undated"


def order_key(meta: Metadata) -> tuple[bool, str, bool, str, str, str]:
    """What documents are numbered by: date order, undated last, each year's documents
    together."""
    year = meta.year
    return (year is None, year or "", *meta.sort_key)


def _order(entries: Sequence[Entry]) -> list[int]:
    """The documents' numbers (:func:`order_key`)."""
    keys = [order_key(e.meta) for e in entries]
    return sorted(range(len(entries)), key=keys.__getitem__)


def _doc_element(parent: etree._Element, n: int, entry: Entry) -> None:
    meta = entry.meta
    attrs = {"n": str(n), "id": entry.id, "href": entry.page}
    attrs.update((k, v) for k, v in (("when", meta.when), ("type", meta.type)) if v)
    el = etree.SubElement(parent, "doc", attrs)
    for name, values in (("title", (entry.title,)), ("date", (meta.date_text,)),
                         ("summary", (meta.summary,)), ("sender", meta.senders),
                         ("recipient", meta.recipients),
                         ("archive", (meta.archive,) if meta.archive else ())):
        for value in values:
            if value:
                etree.SubElement(el, name).text = value


def pages(years: list[tuple[str, int, int]], page_size: int) -> list[tuple[str, int, int, int]]:
    """The index pages: (year, page number, first document, documents) for each year's
    run of documents ``(year, first, count)``, at most ``page_size`` a page."""
    out = []
    for year, first, count in years:
        for n, start in enumerate(range(first, first + count, page_size), 1):
            out.append((year, n, start, min(page_size, first + count - start)))
    return out


def page_path(year: str, n: int) -> str:
    return f"index/{year}-{n}.html"


#: The year of index.html when it lists every document (an edition of one page or less).
ALL = "all"


def _catalogue(ordered: Sequence[Entry], years: list[tuple[str, int, int]],
               facets: dict[str, dict[str, object]], layout: Layout,
               registers: Sequence[str], wanted: set[str] | None = None) -> etree._Element:
    """What index.xsl makes the pages from::

        <catalogue docs="N" first-year="1958" last-year="1960">
          <year name="1958" docs="120" pages="2"/> ...
          <facet name="type"><value v="cable" n="3"/> ...</facet> ...
          <register-facet name="person" label="Person named"/> ...
          <page path="index/1958-1.html" year="1958" n="1" of="2"> <doc .../>* </page> ...
        </catalogue>

    The first page comes twice: as index.html (with the search) and as its own path; an
    edition of one page's documents or fewer has them all on index.html (year="all").
    ``registers`` are the register filters (large facets: their values are loaded when
    used). With ``wanted``, only the pages of those paths (each page is made from itself,
    the years and the facets alone).
    """
    dated = [int(y) for y, _, _ in years if y != "undated"]
    root = etree.Element("catalogue", {"docs": str(len(ordered))})
    if dated:
        root.set("first-year", str(min(dated)))
        root.set("last-year", str(max(dated)))
    all_pages = pages(years, layout.page_size)
    per_year = Counter(y for y, *_ in all_pages)
    for year, _, count in years:
        etree.SubElement(root, "year", {"name": year, "docs": str(count),
                                        "pages": str(per_year[year])})
    for name, facet in facets.items():
        el = etree.SubElement(root, "facet", {"name": name})
        for value, count in zip(facet["values"], facet["counts"], strict=True):  # type: ignore[call-overload]
            etree.SubElement(el, "value", {"v": value, "n": str(count)})
    for name in registers:
        etree.SubElement(root, "register-facet", {"name": name,
                                                  "label": REGISTER_FILTERS[name]})
    listed = (lambda path: True) if wanted is None else wanted.__contains__  # noqa: E731
    if len(ordered) <= layout.page_size:  # a small edition: every document on index.html
        if listed("index.html"):
            _page(root, "index.html", ALL, 1, 1, ordered, 0, len(ordered))
    elif all_pages and listed("index.html"):
        year, n, start, count = all_pages[0]
        _page(root, "index.html", year, n, per_year[year], ordered, start, count)
    for year, n, start, count in all_pages:
        if listed(page_path(year, n)):
            _page(root, page_path(year, n), year, n, per_year[year], ordered, start, count)
    return root


def _page(root: etree._Element, path: str, year: str, n: int, of: int,
          ordered: Sequence[Entry], start: int, count: int) -> None:
    el = etree.SubElement(root, "page", {"path": path, "year": year, "n": str(n),
                                         "of": str(of)})
    for i in range(start, start + count):
        _doc_element(el, i, ordered[i])


def _render_pages(catalogue: etree._Element, edition: Edition) -> dict[str, bytes]:
    # the site's parameters of every page, and its stylesheets (site.py imports this module)
    from tei_edition.site import edition_params, index_stylesheet

    result = transform(catalogue, index_stylesheet(), edition_params(edition))
    out: dict[str, bytes] = {}
    for page in etree.fromstring(result.encode("utf-8")):
        out[page.get("path")] = (page.text or "").encode("utf-8")
    return out


def _empty_catalogue() -> etree._Element:
    root = etree.Element("catalogue", {"docs": "0"})
    etree.SubElement(root, "page", {"path": "index.html", "year": "", "n": "1", "of": "1"})
    return root


# ---------------------------------------------------------------------------------------
# Every file
# ---------------------------------------------------------------------------------------


#: the facets the catalogue carries, and the large ones loaded when they are used (an
#: edition with registers has one more of these for each kind of entry: register_facets)
SMALL_FACETS = ("type", "language", "archive")
LARGE_FACETS = ("sender", "recipient")


def register_facets(edition: Edition) -> tuple[str, ...]:
    """The register filters of the edition's search (site_registers.register_facets)."""
    return _register_facets(edition_register(edition))


def _facet_values(entry: Entry, name: str) -> tuple[str, ...]:
    meta = entry.meta
    if name not in SMALL_FACETS and name not in LARGE_FACETS:  # a register's
        return entry.registered.get(name, ())
    if name == "type":
        return (meta.type,) if meta.type else ()
    if name == "archive":
        return (meta.archive,) if meta.archive else ()
    if name == "language":
        return meta.languages
    return meta.senders if name == "sender" else meta.recipients


def numbered(entries: Sequence[Entry]) -> tuple[list[int], list[Entry],
                                                list[tuple[str, int, int]]]:
    """The documents' numbers (:func:`_order`: ``order[n]`` is the place in ``entries`` of
    document n), the documents in that order, and the years as runs ``(year, first,
    count)`` of document numbers."""
    order = _order(entries)
    ordered = [entries[i] for i in order]
    years: list[tuple[str, int, int]] = []
    for n, entry in enumerate(ordered):
        year = _year(entry.meta)
        if years and years[-1][0] == year:
            years[-1] = (year, years[-1][1], years[-1][2] + 1)
        else:
            years.append((year, n, 1))
    return order, ordered, years


def posting(n: int, count: int) -> int:
    """A posting: 4 * document + count - 1, counts above 4 as 4 (enough to rank by), so
    that a term's postings are one list of numbers, in document order."""
    return 4 * n + min(count, 4) - 1


#: what a term's postings are kept in while the index is made: 4 bytes each (a list of
#: ints takes 40: 12.5 million postings, 100,000 documents of the bench, were 500 MB)
Postings = Mapping[str, Sequence[int]]


def postings_of(order: Sequence[int], terms: Sequence[dict[str, int]]) -> dict[str, array[int]]:
    """Every term's postings (:func:`posting`), documents numbered by ``order``; ``terms``
    is asked for each document once, in that order."""
    # The loop over a document's terms runs in map() and deque(), not in Python: 2.4 million
    # postings for 10,000 documents of the bench (bench/search_browser.py).
    postings: dict[str, array[int]] = defaultdict(partial(array, "I"))
    posting_list = postings.__getitem__
    for n, i in enumerate(order):
        counts = terms[i]
        deque(map(array.append, map(posting_list, counts),
                  map(add, repeat(4 * n - 1), map(min, counts.values(), repeat(4)))), 0)
    return dict(postings)


def term_shards(postings: Postings, layout: Layout) -> dict[str, list[str]]:
    """The term shards (:func:`_shards`) of the terms of ``postings``: key -> its terms.
    A group of terms (those of one :func:`term_group`) is cut whatever the other groups
    hold, so the shards of some groups can be made again alone."""
    return _shards(sorted(postings), postings, layout.prefix, layout.shard_postings)


def term_group(term: str, layout: Layout) -> str:
    """The group a term's shard is cut from: its first ``prefix`` characters (the group of
    a shard key is so too)."""
    return term[:layout.prefix]


def shard_file(key: str, terms: list[str], postings: Postings) -> tuple[str, bytes]:
    name = f"t-{_hex(key)}"
    return f"assets/search/{name}.js", _script(name, {term: list(postings[term])
                                                      for term in terms})


def shard_postings(key: str, data: bytes) -> dict[str, list[int]]:
    """The postings a shard file (:func:`shard_file`) holds; ValueError when it is not the
    file of ``key``."""
    found = script_data(data, f"t-{_hex(key)}")
    if not isinstance(found, dict) or not all(
            isinstance(ps, list) and set(map(type, ps)) <= {int} for ps in found.values()):
        raise ValueError(f"not the postings of shard {key!r}")
    return found


def _block_row(entry: Entry) -> list[object]:
    meta = entry.meta
    return [entry.page, entry.title, meta.date_text, meta.when or "", meta.type or "",
            list(meta.senders), list(meta.recipients), meta.archive or "", meta.summary]


def block_file(ordered: Sequence[Entry], k: int, layout: Layout) -> tuple[str, bytes]:
    """``d-K.js``: what a result shows of the documents of block ``k``."""
    name = f"d-{k}"
    start = k * layout.block
    return f"assets/search/{name}.js", _script(
        name, [_block_row(e) for e in ordered[start:start + layout.block]])


def facets_of(ordered: Sequence[Entry], names: Sequence[str]) -> dict[str, dict[str, object]]:
    if not names:
        return {}
    return {name: _facet([_facet_values(e, name) for e in ordered]) for name in names}


def facet_file(name: str, facet: dict[str, object]) -> tuple[str, bytes]:
    return f"assets/search/f-{name}.js", _script(f"f-{name}", facet)


def title_order_file(ordered: Sequence[Entry]) -> tuple[str, bytes]:
    by_title = sorted(range(len(ordered)), key=lambda n: (ordered[n].title.casefold(), n))
    rank = [0] * len(ordered)
    for place, n in enumerate(by_title):
        rank[n] = place
    width, packed = _pack(rank, len(ordered))
    return "assets/search/order-title.js", _script("order-title",
                                                   {"width": width, "codes": packed})


def catalogue_file(docs: int, shard_keys: Sequence[str], years: list[tuple[str, int, int]],
                   small: dict[str, dict[str, object]], layout: Layout,
                   registers: Sequence[str]) -> tuple[str, bytes]:
    return "assets/search/catalogue.js", _script("catalogue", {
        "generator": GENERATOR, "docs": docs, "block": layout.block,
        "prefix": layout.prefix, "results": layout.results, "shards": sorted(shard_keys),
        "most": layout.most_shards,
        "years": [list(y) for y in years], "facets": small,
        "large": [*LARGE_FACETS, *registers]})


def page_files(ordered: Sequence[Entry], years: list[tuple[str, int, int]],
               small: dict[str, dict[str, object]], layout: Layout, edition: Edition,
               registers: Sequence[str], wanted: set[str] | None = None) -> dict[str, bytes]:
    """The index pages (all, or those whose paths are ``wanted``): each is made from its own
    documents, the years, the small facets and the register filters' names alone
    (index.xsl), so they are made ``PAGES_AT_ONCE`` at a time (all of 100,000 documents' in
    one transformation took 900 MB more)."""
    if not ordered:
        return _render_pages(_empty_catalogue(), edition)
    paths = ["index.html", *(page_path(year, n) for year, n, _, _ in
                             pages(years, layout.page_size))]
    if wanted is not None:
        paths = [path for path in paths if path in wanted]
    out: dict[str, bytes] = {}
    for start in range(0, len(paths), PAGES_AT_ONCE):
        part = set(paths[start:start + PAGES_AT_ONCE])
        out.update(_render_pages(_catalogue(ordered, years, small, layout, registers, part),
                                 edition))
    return out


#: the index pages one transformation makes (:func:`page_files`)
PAGES_AT_ONCE = 50


def pages_showing(n: int, docs: int, years: list[tuple[str, int, int]],
                  layout: Layout) -> set[str]:
    """The paths of the index pages that list document ``n`` of ``docs``."""
    if docs <= layout.page_size:
        found = {"index.html"}
    else:
        found = set()
    for i, (year, page, start, count) in enumerate(pages(years, layout.page_size)):
        if start <= n < start + count:
            found.add(page_path(year, page))
            if i == 0:
                found.add("index.html")
    return found


def doc_fields(entry: Entry) -> tuple[object, ...]:
    """What the index pages and the result blocks show of a document (:func:`_doc_element`,
    :func:`_block_row`): one that keeps them changes neither."""
    meta = entry.meta
    return (entry.id, entry.page, entry.title, meta.when, meta.type, meta.date_text,
            meta.summary, meta.senders, meta.recipients, meta.archive)


def index_files(entries: Sequence[Entry], terms: Sequence[dict[str, int]], edition: Edition,
                layout: Layout | None = None) -> dict[str, bytes]:
    """Every file of the index pages and the search, by path in the site: ``entries`` the
    documents, ``terms`` the :func:`document_terms` of each, in the same order."""
    return index_parts(entries, terms, edition, layout)[0]


def index_parts(entries: Sequence[Entry], terms: Sequence[dict[str, int]], edition: Edition,
                layout: Layout | None = None
                ) -> tuple[dict[str, bytes], dict[str, array[int]], dict[str, list[str]],
                           dict[str, dict[str, object]]]:
    """:func:`index_files`, with the postings of every term, the term shards (key -> its
    terms) they were cut into and the small facets: what an update of the files
    (:func:`update_files`) starts from."""
    layout = layout or Layout()
    registers = register_facets(edition)
    order, ordered, years = numbered(entries)
    facets = facets_of(ordered, SMALL_FACETS + LARGE_FACETS + registers)
    small = {name: facets[name] for name in SMALL_FACETS}
    postings = postings_of(order, terms)
    shards = term_shards(postings, layout)
    out = dict(shard_file(key, group, postings) for key, group in shards.items())
    out.update(block_file(ordered, k, layout)
               for k in range((len(ordered) + layout.block - 1) // layout.block))
    out.update(facet_file(name, facets[name]) for name in LARGE_FACETS + registers)
    out.update((title_order_file(ordered),
                catalogue_file(len(ordered), list(shards), years, small, layout, registers)))
    out.update(page_files(ordered, years, small, layout, edition, registers))
    return out, postings, shards, small


# ---------------------------------------------------------------------------------------
# An update: documents changed in place
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """A document that changed and kept its number ``n`` (its place in date order): its
    entry and terms before and after."""

    n: int
    old: Entry
    new: Entry
    old_terms: dict[str, int]
    new_terms: dict[str, int]


class StaleIndex(ValueError):
    """The postings an update was given do not hold what the changes say they held."""


#: (term, document, its posting before or None, after or None)
Delta = tuple[str, int, "int | None", "int | None"]


def posting_changes(changes: Sequence[Change], layout: Layout) -> dict[str, list[Delta]]:
    """The postings the changes alter, by :func:`term_group`: the terms a document gained
    or lost, and those whose (capped) count changed."""
    out: dict[str, list[Delta]] = defaultdict(list)
    for change in changes:
        old, new = change.old_terms, change.new_terms
        for term in old.keys() | new.keys():
            before = posting(change.n, old[term]) if term in old else None
            after = posting(change.n, new[term]) if term in new else None
            if before != after:
                out[term_group(term, layout)].append((term, change.n, before, after))
    return dict(out)


def _apply(postings: dict[str, list[int]], deltas: list[Delta]) -> None:
    for term, n, before, after in deltas:
        found = postings.get(term)
        if before is not None:
            place = bisect_left(found or [], 4 * n)
            if found is None or place >= len(found) or found[place] != before:
                raise StaleIndex(f"no posting {before} of {term!r}")
            del found[place]
        if after is not None:
            if found is None:
                found = postings[term] = []
            place = bisect_left(found, 4 * n)
            if place < len(found) and found[place] // 4 == n:
                raise StaleIndex(f"a second posting of document {n} for {term!r}")
            found.insert(place, after)
        if found is not None and not found:
            del postings[term]


def shard_path(key: str) -> str:
    return f"assets/search/t-{_hex(key)}.js"


def update_files(ordered: Sequence[Entry], years: list[tuple[str, int, int]],
                 changes: Sequence[Change], deltas: dict[str, list[Delta]],
                 groups: dict[str, dict[str, list[int]]], shard_keys: Sequence[str],
                 edition: Edition, layout: Layout | None = None,
                 small: dict[str, dict[str, object]] | None = None
                 ) -> tuple[dict[str, bytes], list[str], dict[str, dict[str, object]] | None]:
    """The files of :func:`index_files` that ``changes`` may have changed, when no document
    changed its number (the same documents, each in the same place; the same years), and
    the shard keys after them: ``ordered`` and ``years`` as :func:`numbered` gives them
    now, ``deltas`` the :func:`posting_changes`, ``groups`` the postings before them of
    every term in each group of ``deltas`` (a group not there had no term), updated here,
    ``shard_keys`` the keys of the term shards before. The files are those whose bytes may
    differ (each made as :func:`index_files` makes it); the shard files of keys no longer
    there are gone (:func:`shard_path`). ``small``, the small facets before (as
    :func:`index_parts` gives them), spares reading every document when no document moved
    in them; the small facets now come back when they were made again (else None).
    StaleIndex when ``groups`` are not what the changes started from."""
    layout = layout or Layout()
    registers = register_facets(edition)
    large = LARGE_FACETS + registers
    out: dict[str, bytes] = {}
    keys = {k for k in shard_keys if term_group(k, layout) not in deltas}
    for group, group_deltas in deltas.items():
        postings = groups.setdefault(group, {})
        _apply(postings, group_deltas)
        for key, terms in term_shards(postings, layout).items():
            if term_group(key, layout) != group:  # pragma: no cover - _shards' keys extend
                raise StaleIndex(f"shard {key!r} outside its group {group!r}")
            keys.add(key)
            out.update((shard_file(key, terms, postings),))
    blocks: set[int] = set()
    wanted: set[str] = set()
    moved = {name for c in changes for name in SMALL_FACETS + large
             if _facet_values(c.old, name) != _facet_values(c.new, name)}
    for change in changes:
        if doc_fields(change.old) != doc_fields(change.new):
            blocks.add(change.n // layout.block)
            wanted |= pages_showing(change.n, len(ordered), years, layout)
    out.update(block_file(ordered, k, layout) for k in sorted(blocks))
    if any(c.old.title != c.new.title for c in changes):
        out.update((title_order_file(ordered),))
    small_moved = any(name in moved for name in SMALL_FACETS)
    catalogue = small_moved or keys != set(shard_keys)
    if small_moved:
        wanted.add("index.html")  # its search form counts the facets' values
    # the small facets are for the catalogue and index.html's search form only (the other
    # index pages show none of them: index.xsl), made again (from every document) when a
    # document moved in them or none are given
    again = (catalogue or "index.html" in wanted) and (small_moved or small is None)
    facets = facets_of(ordered, [*(SMALL_FACETS if again else ()),
                                 *(name for name in large if name in moved)])
    made = {name: facets[name] for name in SMALL_FACETS} if again else None
    shown = made or (small if catalogue or "index.html" in wanted else None) or {}
    out.update(facet_file(name, facets[name]) for name in large if name in moved)
    if catalogue:
        out.update((catalogue_file(len(ordered), sorted(keys), years, shown, layout,
                                   registers),))
    if wanted:
        out.update(page_files(ordered, years, shown, layout, edition, registers, wanted))
    return out, sorted(keys), made

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
    assets/search/f-NAME.js     a large facet (sender, recipient): loaded when it is used
    assets/search/order-title.js  each document's place in title order: loaded for that sort

Every search file is a script that hands its data to ``window.teEditionSearch(name, data)``
(index.js defines it), since browsers refuse ``fetch()`` on file://; "<" is escaped in all
of them, so no text closes a script element.

Documents are numbered in date order (undated last). A document that changes keeps its
number as long as it keeps its place, and then changes only its index page, its block of
``d-K.js``, the term shards of the words it gained or lost and the facets it moved in; a new
document, or a new date, renumbers the documents after it and so rewrites most shards.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict, deque
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import add
from typing import Protocol

from lxml import etree

from tei_edition.edition import Edition
from tei_edition.metadata import Metadata
from tei_edition.render import transform
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


def document_terms(doc: _Searchable) -> dict[str, int]:
    """The folded search terms of a document and how often each occurs: its title, summary,
    text, senders and recipients."""
    meta = doc.meta
    words = " ".join([doc.title, meta.summary, doc.text, *meta.senders, *meta.recipients])
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


def _shards(terms: list[str], postings: dict[str, list[int]], prefix: int,
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


def _order(entries: Sequence[Entry]) -> list[int]:
    """The documents' numbers: date order, undated last, each year's documents together."""
    return sorted(range(len(entries)), key=lambda i: (
        entries[i].meta.year is None, entries[i].meta.year or "", entries[i].meta.sort_key))


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


def _catalogue(ordered: list[Entry], years: list[tuple[str, int, int]],
               facets: dict[str, dict[str, object]], layout: Layout) -> etree._Element:
    """What index.xsl makes the pages from::

        <catalogue docs="N" first-year="1958" last-year="1960">
          <year name="1958" docs="120" pages="2"/> ...
          <facet name="type"><value v="cable" n="3"/> ...</facet> ...
          <page path="index/1958-1.html" year="1958" n="1" of="2"> <doc .../>* </page> ...
        </catalogue>

    The first page comes twice: as index.html (with the search) and as its own path; an
    edition of one page's documents or fewer has them all on index.html (year="all").
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
    if len(ordered) <= layout.page_size:  # a small edition: every document on index.html
        _page(root, "index.html", ALL, 1, 1, ordered, 0, len(ordered))
    elif all_pages:
        year, n, start, count = all_pages[0]
        _page(root, "index.html", year, n, per_year[year], ordered, start, count)
    for year, n, start, count in all_pages:
        _page(root, page_path(year, n), year, n, per_year[year], ordered, start, count)
    return root


def _page(root: etree._Element, path: str, year: str, n: int, of: int,
          ordered: list[Entry], start: int, count: int) -> None:
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


#: the facets the catalogue carries, and the large ones loaded when they are used
SMALL_FACETS = ("type", "language", "archive")
LARGE_FACETS = ("sender", "recipient")


def _facet_values(meta: Metadata, name: str) -> tuple[str, ...]:
    if name == "type":
        return (meta.type,) if meta.type else ()
    if name == "archive":
        return (meta.archive,) if meta.archive else ()
    if name == "language":
        return meta.languages
    return meta.senders if name == "sender" else meta.recipients


def index_files(entries: Sequence[Entry], terms: Sequence[dict[str, int]], edition: Edition,
                layout: Layout | None = None) -> dict[str, bytes]:
    """Every file of the index pages and the search, by path in the site: ``entries`` the
    documents, ``terms`` the :func:`document_terms` of each, in the same order."""
    layout = layout or Layout()
    order = _order(entries)
    ordered = [entries[i] for i in order]
    years: list[tuple[str, int, int]] = []
    for n, entry in enumerate(ordered):
        year = _year(entry.meta)
        if years and years[-1][0] == year:
            years[-1] = (year, years[-1][1], years[-1][2] + 1)
        else:
            years.append((year, n, 1))
    metas = [e.meta for e in ordered]
    facets = {name: _facet([_facet_values(m, name) for m in metas])
              for name in SMALL_FACETS + LARGE_FACETS}
    small = {name: facets[name] for name in SMALL_FACETS}
    out: dict[str, bytes] = {}

    shards: dict[str, dict[str, list[int]]] = defaultdict(dict)
    # A posting is 4 * document + count - 1, counts above 4 as 4 (enough to rank by), so
    # that a term's postings are one list of numbers. The loop over a document's terms runs
    # in map() and deque(), not in Python: 2.4 million postings for 10,000 documents of the
    # bench (bench/search_browser.py).
    postings: dict[str, list[int]] = defaultdict(list)
    posting_list = postings.__getitem__
    for n, i in enumerate(order):
        counts = terms[i]
        deque(map(list.append, map(posting_list, counts),
                  map(add, repeat(4 * n - 1), map(min, counts.values(), repeat(4)))), 0)
    k = layout.prefix
    for key, group in _shards(sorted(postings), postings, k, layout.shard_postings).items():
        shards[key] = {term: postings[term] for term in group}
    for key, shard in shards.items():
        out[f"assets/search/t-{_hex(key)}.js"] = _script(f"t-{_hex(key)}", shard)

    for start in range(0, len(ordered), layout.block):
        block = [[e.page, e.title, e.meta.date_text, e.meta.when or "", e.meta.type or "",
                  list(e.meta.senders), list(e.meta.recipients), e.meta.archive or "",
                  e.meta.summary] for e in ordered[start:start + layout.block]]
        name = f"d-{start // layout.block}"
        out[f"assets/search/{name}.js"] = _script(name, block)

    for name in LARGE_FACETS:
        out[f"assets/search/f-{name}.js"] = _script(f"f-{name}", facets[name])
    by_title = sorted(range(len(ordered)), key=lambda n: (ordered[n].title.casefold(), n))
    rank = [0] * len(ordered)
    for place, n in enumerate(by_title):
        rank[n] = place
    width, packed = _pack(rank, len(ordered))
    out["assets/search/order-title.js"] = _script("order-title",
                                                  {"width": width, "codes": packed})
    out["assets/search/catalogue.js"] = _script("catalogue", {
        "generator": GENERATOR, "docs": len(ordered), "block": layout.block,
        "prefix": k, "results": layout.results, "shards": sorted(shards),
        "most": layout.most_shards,
        "years": [list(y) for y in years], "facets": small,
        "large": list(LARGE_FACETS)})

    catalogue = _catalogue(ordered, years, small, layout) if ordered else _empty_catalogue()
    out.update(_render_pages(catalogue, edition))
    return out

"""The site's index pages and search shards (tei_edition.site_index): how documents are cut
into pages, that each is listed once, that the shards hold every term as script-safe text,
and that one changed document changes few files."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from lxml import html

from tei_edition import site_index
from tei_edition.edition import Edition
from tei_edition.metadata import Metadata
from tei_edition.site_index import (
    Change,
    Layout,
    StaleIndex,
    document_terms,
    fold,
    index_files,
    index_parts,
    numbered,
    pages,
    posting_changes,
    shard_path,
    term_group,
    update_files,
)

LAYOUT = Layout(page_size=7, block=5, prefix=2, results=4)


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    meta: Metadata

    @property
    def page(self) -> str:
        return f"documents/{self.id}.html"

    @property
    def download(self) -> str:
        return f"tei/{self.id}.zip"

    @property
    def source_view(self) -> str:
        return f"source/{self.id}.html"


WORDS = ("border commission maps valley river treaty embassy ministry cable note archive "
         "negotiation survey frontier meeting exchange instructions minister").split()


def _meta(n: int, when: str | None, title: str) -> Metadata:
    return Metadata(id=f"d{n:03d}", name=f"d{n:03d}", title=title, when=when,
                    date_text=when or "", type=("cable", "letter", "note")[n % 3],
                    senders=(f"Sender {n % 4}",), recipients=(f"Recipient {n % 5}",),
                    repository="", signature="", archive=("Archive A", "Archive B")[n % 2],
                    language="en", languages=("German",) if n % 7 == 0 else (),
                    summary=f"Summary of document {n}.", translators=())


def corpus(count: int = 40, seed: int = 3) -> tuple[list[Entry], list[dict[str, int]]]:
    """Entries in 1958-1960 and a few undated, in shuffled order, with their terms."""
    rng = random.Random(seed)
    entries, terms = [], []
    for n in range(count):
        when = None if n % 11 == 10 else f"{1958 + n % 3}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        title = f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} {n}"
        entries.append(Entry(f"d{n:03d}", title, _meta(n, when, title)))
        counts: dict[str, int] = {}
        for w in [*rng.choices(WORDS, k=30), *fold(title).split(), f"unique{n}"]:
            counts[w] = counts.get(w, 0) + 1
        terms.append(counts)
    order = list(range(count))
    rng.shuffle(order)
    return [entries[i] for i in order], [terms[i] for i in order]


def _payload(data: bytes) -> tuple[str, object]:
    text = data.decode("utf-8")
    head = "window.teEditionSearch("
    assert text.startswith(head) and text.endswith(");\n"), text[:80]
    name, _, body = text[len(head):-3].partition(",")
    return json.loads(name), json.loads(body)


def _listed(files: dict[str, bytes], path: str) -> list[str]:
    doc = html.fromstring(files[path])
    return [a.get("href") for a in doc.xpath("//ol[@class='documents']//h3/a")]


def test_pages_cut_each_year_at_the_page_size():
    assert pages([("1958", 0, 250)], 100) == [("1958", 1, 0, 100), ("1958", 2, 100, 100),
                                              ("1958", 3, 200, 50)]
    assert pages([("1958", 0, 200), ("1959", 200, 1)], 100) == [
        ("1958", 1, 0, 100), ("1958", 2, 100, 100), ("1959", 1, 200, 1)]
    assert pages([("1958", 0, 100)], 100) == [("1958", 1, 0, 100)]
    assert pages([], 100) == []


def test_every_document_is_on_exactly_one_index_page():
    entries, terms = corpus()
    files = index_files(entries, terms, Edition(title="Test"), LAYOUT)
    index_pages = sorted(p for p in files if p.startswith("index/"))
    listed = [href for p in index_pages for href in _listed(files, p)]
    assert sorted(listed) == sorted(f"../{e.page}" for e in entries)
    assert all(len(_listed(files, p)) <= LAYOUT.page_size for p in index_pages)
    # 40 documents: 1958-1960 by 13 or 14 (two pages each), and 3 undated (one page)
    assert index_pages == ["index/1958-1.html", "index/1958-2.html", "index/1959-1.html",
                           "index/1959-2.html", "index/1960-1.html", "index/1960-2.html",
                           "index/undated-1.html"]
    # index.html shows the first page, and every page links every year and its own pages
    assert [h.removeprefix("../") for h in _listed(files, "index/1958-1.html")] \
        == _listed(files, "index.html")
    for path in ["index.html", *index_pages]:
        doc = html.fromstring(files[path])
        base = Path(path).parent
        for href in doc.xpath("//nav[@class='years' or @class='pager']//a/@href"):
            assert (base / href).as_posix().replace("index/../", "") in files, (path, href)
    second = html.fromstring(files["index/1958-2.html"])
    # the pager above and below the list
    assert second.xpath("//nav[@class='pager']//a[@rel='prev']/@href") == [
        "../index/1958-1.html"] * 2
    assert second.xpath("//nav[@class='pager']//span[@aria-current]/text()") == ["2"] * 2
    # date order within a page
    dates = html.fromstring(files["index/1959-1.html"]).xpath("//time/@datetime")
    assert dates == sorted(dates) and all(d.startswith("1959") for d in dates)


def test_index_pages_made_a_few_at_a_time_are_those_made_at_once(monkeypatch):
    """page_files makes the pages PAGES_AT_ONCE a transformation: cut so that index.html
    and a year's pages fall in different transformations, they are the same bytes."""
    entries, terms = corpus(60)
    edition = Edition(title="Test")
    monkeypatch.setattr(site_index, "PAGES_AT_ONCE", 1000)
    at_once = index_files(entries, terms, edition, LAYOUT)
    monkeypatch.setattr(site_index, "PAGES_AT_ONCE", 2)
    calls: list[int] = []
    render = site_index._render_pages
    monkeypatch.setattr(site_index, "_render_pages",
                        lambda catalogue, ed: calls.append(1) or render(catalogue, ed))
    few = index_files(entries, terms, edition, LAYOUT)
    pages_made = [p for p in few if p.endswith(".html")]
    assert len(pages_made) == 11 and len(calls) == 6  # index.html and 10 pages, 2 at a time
    assert few == at_once


def test_shards_hold_every_term_as_script_safe_text():
    entries, terms = corpus()
    hostile = replace(entries[0].meta, summary="</script><script>alert(1)</script>\u2028")
    entries[0] = replace(entries[0], title="</script> title", meta=hostile)
    files = index_files(entries, terms, Edition(), LAYOUT)
    search = {p: d for p, d in files.items() if p.startswith("assets/search/")}
    found: dict[str, list[int]] = {}
    for path, data in search.items():
        assert b"<" not in data and "\u2028".encode() not in data, path
        name, payload = _payload(data)
        assert path == f"assets/search/{name}.js"
        if name.startswith("t-"):
            assert isinstance(payload, dict)
            for term, postings in payload.items():
                assert name == "t-" + term[:2].encode().hex()
                found[term] = postings
    assert set(found) == {t for ts in terms for t in ts}
    _, catalogue = _payload(files["assets/search/catalogue.js"])
    assert isinstance(catalogue, dict)
    assert sorted(catalogue["shards"]) == sorted({t[:2] for t in found})
    assert catalogue["docs"] == 40 and catalogue["block"] == 5
    # the summary comes back as it was, once the script's JSON is read
    infos = [info for p, d in search.items() if p.startswith("assets/search/d-")
             for info in _payload(d)[1]]  # type: ignore[union-attr]
    assert len(infos) == 40
    assert [info[1] for info in infos if info[8] == hostile.summary] == ["</script> title"]


def test_large_shards_are_cut_by_a_longer_beginning():
    entries, terms = corpus()
    layout = replace(LAYOUT, shard_postings=30)
    files = index_files(entries, terms, Edition(), layout)
    _, catalogue = _payload(files["assets/search/catalogue.js"])
    assert isinstance(catalogue, dict)
    keys = catalogue["shards"]
    # unique0 ... unique39, 40 postings: "unique1" and unique10 ... unique19 (11) are cut
    # off by one character more, the rest stay in "unique" (29); "border", one term, is
    # kept whole however large
    assert {"unique", "unique1", "bo"} <= set(keys)
    assert "un" not in keys and "unique2" not in keys
    for key in keys:
        _, shard = _payload(files[f"assets/search/t-{key.encode().hex()}.js"])
        assert isinstance(shard, dict) and shard
        for term in shard:  # each term in the shard of the longest key it begins with
            assert key == max((k for k in keys if term.startswith(k)), key=len), (term, key)
        assert len(shard) == 1 or sum(map(len, shard.values())) <= 30, key
    # what loads for a beginning: the shard of the longest key it begins with, and those
    # whose keys begin with it
    assert [k for k in keys if k.startswith("uniq") or "uniq".startswith(k)] == [
        "unique", "unique1"]


def test_a_term_of_one_document_is_found():
    entries, terms = corpus()
    files = index_files(entries, terms, Edition(), LAYOUT)
    _, shard = _payload(files["assets/search/t-" + b"un".hex() + ".js"])
    assert isinstance(shard, dict)
    (posting,) = shard["unique17"]
    number, count = posting >> 2, (posting & 3) + 1
    assert count == 1
    _, block = _payload(files[f"assets/search/d-{number // LAYOUT.block}.js"])
    assert isinstance(block, list)
    assert block[number % LAYOUT.block][0] == "documents/d017.html"
    # and a count: "border" as often as the document has it (4 and more counted as 4)
    _, shard = _payload(files["assets/search/t-" + b"bo".hex() + ".js"])
    assert isinstance(shard, dict)
    want = terms[[e.id for e in entries].index("d017")].get("border", 0)
    got = [(p & 3) + 1 for p in shard.get("border", []) if p >> 2 == number]
    assert got == ([min(want, 4)] if want else [])


def test_one_changed_document_changes_few_files():
    entries, terms = corpus(200)
    layout = Layout(page_size=20, block=20, prefix=2, results=10)
    before = index_files(entries, terms, Edition(), layout)
    i = [e.id for e in entries].index("d101")
    title = entries[i].title + " frontiers"
    entries[i] = replace(entries[i], title=title, meta=replace(entries[i].meta, title=title))
    terms[i] = {**terms[i], "frontiers": 1, "border": terms[i].get("border", 0) + 5}
    after = index_files(entries, terms, Edition(), layout)
    assert set(after) == set(before)
    changed = sorted(p for p in after if after[p] != before[p])
    # its index page, its block of document information, the title order, and the shards
    # of "frontiers" and "border"
    assert len(changed) <= 5, changed
    assert "assets/search/t-" + b"fr".hex() + ".js" in changed
    assert "assets/search/catalogue.js" not in changed
    assert sum(p.startswith("index/") for p in changed) == 1


def test_document_terms_fold_title_summary_text_and_names():
    @dataclass
    class Doc:
        title: str
        meta: Metadata
        text: str

    meta = replace(_meta(1, "1958-01-01", "Título"), summary="Ça va", senders=("Łódź Office",),
                   recipients=("Ministère",))
    doc = Doc("Título Ünd título", meta, "The maps, the MAPS.")
    assert document_terms(doc) == {"titulo": 2, "und": 1, "ca": 1, "va": 1, "the": 2,
                                   "maps": 2, "łodz": 1, "office": 1, "ministere": 1}
    assert document_terms(doc) == document_terms(doc)


def test_an_empty_site_has_an_index_page():
    files = index_files([], [], Edition(title="Empty"))
    assert "Empty" in files["index.html"].decode()
    _, catalogue = _payload(files["assets/search/catalogue.js"])
    assert isinstance(catalogue, dict) and catalogue["docs"] == 0 and catalogue["shards"] == []


def test_a_small_edition_has_every_document_on_index_html():
    """An edition of one page's documents or fewer: all of them on index.html, under "All
    documents", in date order (the sample edition's 13 documents of 13 years were one a
    page); the year pages as for any edition."""
    entries, terms = corpus(LAYOUT.page_size)
    files = index_files(entries, terms, Edition(title="Small"), LAYOUT)
    ordered = sorted(entries, key=lambda e: e.meta.sort_key)
    assert _listed(files, "index.html") == [e.page for e in ordered]
    heading = html.fromstring(files["index.html"]).xpath("//h2[@id='te-docs-h']")[0]
    assert heading.text_content().strip() == "All documents"
    year_pages = sorted(p for p in files if p.startswith("index/"))
    assert year_pages == ["index/1958-1.html", "index/1959-1.html", "index/1960-1.html"]
    # one more document: index.html is the first year's first page again
    more, more_terms = corpus(LAYOUT.page_size + 1)
    bigger = index_files(more, more_terms, Edition(title="Small"), LAYOUT)
    assert [h.removeprefix("../") for h in _listed(bigger, "index/1958-1.html")] \
        == _listed(bigger, "index.html")


def _updated(entries, terms, i, entry, new_terms, layout, edition, given_small=True):
    """The files of an edition after document ``i`` became ``entry`` with ``new_terms``, as
    update_files makes them from the files, postings (and small facets) before."""
    before, postings, shards, small = index_parts(entries, terms, edition, layout)
    order, ordered, years = numbered(entries)
    now = [*entries[:i], entry, *entries[i + 1:]]
    _, ordered_now, years_now = numbered(now)
    assert [e.page for e in ordered_now] == [e.page for e in ordered] and years_now == years
    change = Change(order.index(i), entries[i], entry, terms[i], new_terms)
    deltas = posting_changes([change], layout)
    groups: dict[str, dict[str, list[int]]] = {}
    for term, found in postings.items():
        if term_group(term, layout) in deltas:
            groups.setdefault(term_group(term, layout), {})[term] = list(found)
    files, keys, _ = update_files(ordered_now, years_now, [change], deltas, groups,
                                  list(shards), edition, layout,
                                  small if given_small else None)
    tree = {**before, **files}
    for key in set(shards) - set(keys):
        del tree[shard_path(key)]
    return tree, files, keys


CHANGES = {
    "text": lambda e: ({}, {"frontiers": 1, "border": 9, "maps": None}),
    "title": lambda e: ({"title": e.title + " frontiers"}, {"frontiers": 1}),
    "sender": lambda e: ({"senders": ("Sender 9",)}, {}),
    "type and archive": lambda e: ({"type": "memo", "archive": "Archive Z"}, {}),
    "summary": lambda e: ({"summary": "Another summary."}, {"another": 1}),
    "every term": lambda e: ({}, "all"),
}


@pytest.mark.parametrize("given_small", [True, False])
@pytest.mark.parametrize("doc", ["d012", "d013"])  # on the first page (index.html), not
@pytest.mark.parametrize("prefix,limit", [(2, 40_000), (1, 30)])
@pytest.mark.parametrize("what", sorted(CHANGES))
def test_an_update_gives_the_files_of_a_full_recompute(what, prefix, limit, doc, given_small):
    """A document changed in place (its text, title, names, type, summary): update_files
    gives the very bytes index_files gives, and the shards of the terms it gained or lost
    only, its block and its index page."""
    entries, terms = corpus(60)
    layout = Layout(page_size=7, block=5, prefix=prefix, results=4, shard_postings=limit)
    edition = Edition(title="Update")
    i = [e.id for e in entries].index(doc)
    fields, gained = CHANGES[what](entries[i])
    title = fields.pop("title", entries[i].title)
    entry = replace(entries[i], title=title,
                    meta=replace(entries[i].meta, title=title, **fields))
    if gained == "all":
        new_terms = {f"new{k}": k for k in range(1, 6)}
    else:
        new_terms = {t: c for t, c in {**terms[i], **gained}.items() if c is not None}
    tree, files, keys = _updated(entries, terms, i, entry, new_terms, layout, edition,
                                 given_small)
    now = [*entries[:i], entry, *entries[i + 1:]]
    full = index_files(now, [*terms[:i], new_terms, *terms[i + 1:]], edition, layout)
    assert sorted(tree) == sorted(full)
    assert [p for p in full if tree[p] != full[p]] == []
    index_pages = {p for p in files if p.endswith(".html")}
    assert len(index_pages - {"index.html"}) <= 1
    if what == "text":
        assert not index_pages and not any("/d-" in p for p in files)


def test_an_update_from_other_postings_is_refused():
    entries, terms = corpus(20)
    _, postings, shards, _ = index_parts(entries, terms, Edition(), LAYOUT)
    order, ordered, years = numbered(entries)
    change = Change(order.index(3), entries[3], entries[3], terms[3], {"zzz": 1})
    deltas = posting_changes([change], LAYOUT)
    with pytest.raises(StaleIndex):  # the groups of its old terms left out: not as before
        update_files(ordered, years, [change], deltas, {}, list(shards), Edition(), LAYOUT)

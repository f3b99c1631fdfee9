"""The index and the search as a large edition has them, in Chromium over file://: a site of
60 documents whose index is cut small (pages of 8, shards of document information of 5,
term shards by 3 letters and cut where they pass 30 postings, 6 results a page), so that
it has the many pages and shards of 100,000 documents. Typing a word gives the right
documents, a facet (a small one and a large one loaded on demand) narrows them, the results
and the year pages page on, a result opens its document page, only the shards a search
needs are loaded, and nothing goes to the console."""

from __future__ import annotations

from pathlib import Path

import pytest

from tei_edition.edition import Edition
from tei_edition.site import build_site
from tei_edition.site_index import Layout, document_terms, index_files
from tests.browser.test_html_browser import (
    open_index,
    settled,
)

pytestmark = pytest.mark.browser

LAYOUT = Layout(page_size=8, block=5, prefix=3, results=6, shard_postings=30,
                most_shards=2)
COUNT = 60
TYPES = ("cable", "letter", "memorandum")
SENDERS = ("Embassy in Freedonia", "Ministry of Foreign Affairs", "Consulate at Strzelna")


def _when(n: int) -> str:
    return f"{1958 + n % 3}-{1 + n % 12:02d}-{1 + n % 27:02d}"


def _words(n: int) -> str:
    """Every document has "commission"; every third "frontier"; every fifth "valley"."""
    words = ["commission", f"item{n:02d}"]
    words += ["frontier"] * (n % 3 == 0) + ["valley"] * (n % 5 == 0)
    return " ".join(words)


def _tei(n: int) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="scale-{n:02d}">
  <teiHeader><fileDesc><titleStmt><title>Document {n:02d}</title></titleStmt>
    <publicationStmt><p>test</p></publicationStmt><sourceDesc><p>test</p></sourceDesc>
  </fileDesc>
  <profileDesc>
    <abstract><p>Summary {n:02d}.</p></abstract>
    <creation><date when="{_when(n)}">{_when(n)}</date></creation>
    <correspDesc>
      <correspAction type="sent"><orgName>{SENDERS[n % 3 if n % 4 else 0]}</orgName></correspAction>
      <correspAction type="received"><orgName>Recipient {n % 4}</orgName></correspAction>
    </correspDesc>
  </profileDesc></teiHeader>
  <text><body><div type="document" subtype="{TYPES[n % 3]}"><p>{_words(n)}</p></div></body></text>
</TEI>
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("scale")
    paths = []
    for n in range(COUNT):
        path = folder / f"scale-{n:02d}.xml"
        path.write_text(_tei(n), encoding="utf-8")
        paths.append(path)
    out = folder / "site"
    edition = Edition(title="Scale", editors=("A. Editor",))
    result = build_site(paths, out, edition)
    # the same site with its index cut small: the index files of the small layout
    for old in [*(out / "index").glob("*.html"), *(out / "assets" / "search").glob("*.js")]:
        old.unlink()
    files = index_files(result.documents, [document_terms(d) for d in result.documents],
                        edition, LAYOUT)
    for name, data in files.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    return out


def _titles(page) -> list[str]:
    return [t.strip() for t in page.locator("ol.documents > li:visible h3").all_inner_texts()]


def _all_results(page) -> list[str]:
    """The titles of every page of results, paging on with Next."""
    titles = _titles(page)
    nxt = page.locator(".results-pager .te-next")
    while nxt.is_visible() and nxt.is_enabled():
        settled(page, nxt.click)
        titles += _titles(page)
    return titles


def _loaded(page, kind: str) -> list[str]:
    return page.evaluate(
        "k => [...document.querySelectorAll('script[src]')].map(s => s.getAttribute('src'))"
        ".filter(s => s.startsWith('assets/search/' + k))", kind)


def _docs(test) -> list[str]:
    return [f"Document {n:02d}" for n in range(COUNT) if test(n)]


def test_the_site_has_many_shards_and_pages(site):
    assert len(list((site / "index").glob("*.html"))) == 9  # 20 a year: pages of 8, 8, 4
    assert len(list((site / "assets" / "search").glob("d-*.js"))) == COUNT // LAYOUT.block
    assert len(list((site / "assets" / "search").glob("t-*.js"))) > 10


def test_search_finds_the_documents_of_a_word_and_facets_narrow_them(site, page):
    open_index(page, site)
    assert _loaded(page, "") == ["assets/search/catalogue.js"]
    box = page.get_by_label("Search the documents")
    settled(page, lambda: box.fill("Frontier"))
    assert "20 of 60 documents match." in page.locator(".result-count").inner_text()
    assert len(_titles(page)) == LAYOUT.results
    assert sorted(_all_results(page)) == _docs(lambda n: n % 3 == 0)
    # one term shard, and the blocks of document information of the results shown
    assert _loaded(page, "t-") == ["assets/search/t-" + b"fro".hex() + ".js"]
    assert 0 < len(_loaded(page, "d-")) < COUNT // LAYOUT.block

    settled(page, lambda: box.fill("frontier vall"))  # both words, the second begun
    assert sorted(_all_results(page)) == _docs(lambda n: n % 15 == 0)

    settled(page, lambda: box.fill("commission"))
    settled(page, lambda: page.get_by_label("Document type").select_option("letter"))
    assert sorted(_all_results(page)) == _docs(lambda n: n % 3 == 1)
    # the senders are loaded when their filter is first used
    assert _loaded(page, "f-") == []
    sender = page.get_by_label("Sender")
    sender.focus()
    page.wait_for_selector("#te-filter-sender[data-loaded]")
    assert _loaded(page, "f-") == ["assets/search/f-sender.js"]
    settled(page, lambda: sender.select_option("Ministry of Foreign Affairs"))
    assert sorted(_all_results(page)) == _docs(lambda n: n % 3 == 1 and n % 4 != 0)
    settled(page, lambda: page.get_by_label("Year").select_option("1959"))
    assert sorted(_all_results(page)) == _docs(
        lambda n: n % 3 == 1 and n % 4 != 0 and n % 3 == 1 and _when(n).startswith("1959"))

    settled(page, lambda: page.get_by_role("button", name="Clear search and filters").click())
    # item00 ... item59, 60 postings, are cut into shards of at most 30: "item0" loads one,
    # "item" would load more than two, and finds only itself
    settled(page, lambda: box.fill("item0"))
    assert sorted(_all_results(page)) == _docs(lambda n: n < 10)
    assert len(_loaded(page, "t-" + b"item".hex())) == 1
    settled(page, lambda: box.fill("item"))
    assert _titles(page) == []
    # a result opens its document page
    settled(page, lambda: box.fill("item07"))
    assert _titles(page) == ["Document 07"]
    page.locator("ol.documents > li:visible h3 a").click()
    page.wait_for_url("**/documents/scale-07.html")
    assert page.locator("h1").inner_text().strip() == "Document 07"


def test_the_results_sort_by_date_and_title(site, page):
    open_index(page, site)
    settled(page, lambda: page.get_by_label("Sort by").select_option("date-desc"))
    dates = page.locator("ol.documents > li:visible time").evaluate_all(
        "ts => ts.map(t => t.getAttribute('datetime'))")
    assert dates == sorted((_when(n) for n in range(COUNT)), reverse=True)[:LAYOUT.results]
    settled(page, lambda: page.get_by_label("Sort by").select_option("title"))
    assert _all_results(page) == _docs(lambda n: True)
    assert "All 60 documents." in page.locator(".result-count").inner_text()


def test_the_year_pages_page_on(site, page):
    open_index(page, site)
    first = _titles(page)
    assert len(first) == LAYOUT.page_size
    page.get_by_role("navigation", name="Browse by date").get_by_role("link", name="1959").click()
    page.wait_for_url("**/index/1959-1.html")
    assert page.locator("h1").inner_text() == "1959"
    titles = _titles(page)
    page.locator("nav.pager").first.get_by_role("link", name="Next").click()
    page.wait_for_url("**/index/1959-2.html")
    more = _titles(page)
    page.locator("nav.pager").first.get_by_role("link", name="3").click()
    page.wait_for_url("**/index/1959-3.html")
    last = _titles(page)
    assert sorted(titles + more + last) == _docs(lambda n: _when(n).startswith("1959"))
    dates = page.locator("ol.documents time").evaluate_all(
        "ts => ts.map(t => t.getAttribute('datetime'))")
    assert dates == sorted(dates)
    page.locator("ol.documents h3 a").first.click()
    page.wait_for_url("**/documents/scale-*.html")
    page.get_by_role("link", name="Scale").first.click()  # the site's title: the index
    page.wait_for_url("**/index.html")

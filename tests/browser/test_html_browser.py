"""The HTML edition in a real browser: Playwright driving Debian's headless Chromium over
file:// (no server). Opens the index and a document page, searches, filters, sorts, flips
the reading switch, checks what is visible, and fails on any console error or uncaught
exception (tests/browser/conftest.py's page)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tei_edition.edition import Edition, find_edition
from tei_edition.resources import sample_edition_dir
from tei_edition.site import build_site
from tests.browser.chromium import Console

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _sources() -> tuple[list[Path], Edition]:
    """The bundled sample edition when it is there, and the test documents in any case."""
    extra = [FIXTURES / "canonical.xml", FIXTURES / "html" / "nested.xml",
             FIXTURES / "html" / "hostile.xml"]
    tei = sample_edition_dir() / "tei"
    samples = sorted(tei.glob("*.xml")) if tei.is_dir() else []
    edition = find_edition(tei) if samples else None
    return samples + extra, edition or Edition(title="Test Edition", editors=("A. Editor",))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    paths, edition = _sources()
    out = tmp_path_factory.mktemp("browser") / "site"
    build_site(paths, out, edition)
    return out


def _visible_titles(page) -> list[str]:
    return [t.strip() for t in page.locator("ol.documents > li:visible h3").all_inner_texts()]


def settled(page, action) -> None:
    """Do something to the index page and wait until its script has shown the outcome
    (index.js counts its updates in the search form's data-updates)."""
    before = page.evaluate(
        "Number(document.querySelector('form.search').getAttribute('data-updates') || 0)")
    action()
    page.wait_for_function(
        "n => Number(document.querySelector('form.search').getAttribute('data-updates')"
        " || 0) > n", arg=before, timeout=10_000)


def open_index(page, site: Path) -> None:
    page.goto((site / "index.html").as_uri())
    page.wait_for_function(
        "Number(document.querySelector('form.search').getAttribute('data-updates') || 0) > 0",
        timeout=10_000)


def test_index_search_filter_and_sort(site, page):
    open_index(page, site)
    search = page.get_by_label("Search the documents")
    assert search.is_visible()
    first_page = _visible_titles(page)  # the first page of the first year
    assert first_page
    dates = page.locator("ol.documents > li:visible time").evaluate_all(
        "ts => ts.map(t => t.getAttribute('datetime')).filter(Boolean)")
    assert dates == sorted(dates)

    settled(page, lambda: search.fill("Strzelna"))
    titles = _visible_titles(page)
    assert len(titles) == 1 and "Border Commission" in titles[0]
    assert page.locator("ol.documents > li:visible h3 a").get_attribute("href") \
        == "documents/wilson-900001.html"
    assert "1 of" in page.locator(".result-count").inner_text()

    settled(page, lambda: search.fill("strz"))  # a word's beginning, without regard to case
    assert len(_visible_titles(page)) == 1
    settled(page, lambda: search.fill('"maps of the valley"'))  # every word of it
    assert any("Border Commission" in t for t in _visible_titles(page))
    settled(page, lambda: search.fill("zzqqxx"))
    assert _visible_titles(page) == []
    assert page.locator(".result-count").inner_text().startswith("0 of")

    settled(page, lambda: page.get_by_role("button", name="Clear search and filters").click())
    assert _visible_titles(page) == first_page
    settled(page, lambda: page.get_by_label("Year").select_option("1958"))
    assert _visible_titles(page) and all(
        "1958" in t for t in page.locator("ol.documents > li:visible time").all_inner_texts())
    settled(page, lambda: page.get_by_label("Year").select_option(""))
    settled(page, lambda: page.get_by_label("Sort by").select_option("date-desc"))
    dates = page.locator("ol.documents > li:visible time").evaluate_all(
        "ts => ts.map(t => t.getAttribute('datetime')).filter(Boolean)")
    assert dates == sorted(dates, reverse=True) and len(dates) > 1
    assert len(_visible_titles(page)) == len(first_page)  # every document (a small edition)
    settled(page, lambda: page.get_by_label("Sort by").select_option("title"))
    titles = _visible_titles(page)
    assert titles == sorted(titles, key=str.casefold)  # the builder's title order

    # the keyboard reaches the search and the filters: Clear focuses the search box,
    # Tab goes on to the first filter, and the arrow keys choose in it
    settled(page, lambda: page.get_by_role("button", name="Clear search and filters").click())
    assert page.evaluate("document.activeElement.id") == "te-search"
    settled(page, lambda: page.keyboard.type("Strzelna"))
    assert len(_visible_titles(page)) == 1
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "te-filter-year"


def test_document_page_reading_switch_and_explanations(site, page):
    open_index(page, site)  # a search result opens its page
    settled(page, lambda: page.get_by_label("Search the documents").fill("Strzelna"))
    page.locator('a[href="documents/wilson-900001.html"]:visible').click()
    page.wait_for_url("**/documents/wilson-900001.html")

    supplied = page.locator("#ed-supplied-2")
    assert supplied.inner_text().startswith("[the]")
    gloss = page.locator("#ed-gloss-1")
    assert gloss.locator(".ed-as").is_visible() and not gloss.locator(".ed-rd").is_visible()
    tip = page.locator("#ed-supplied-2-x")
    box = tip.bounding_box()
    assert box is None or box["width"] <= 1  # hidden until hover or focus

    # keyboard focus shows the explanation; Escape hides it
    supplied.focus()
    box = tip.bounding_box()
    assert box and box["width"] > 100 and "Added by the translator" in tip.inner_text()
    page.keyboard.press("Escape")
    assert not tip.is_visible() or (tip.bounding_box() or {"width": 0})["width"] <= 1
    page.keyboard.press("Tab")
    # hover shows it too
    page.locator("#ed-identification-1").hover()
    assert page.locator("#ed-identification-1-x").bounding_box()["width"] > 100

    # the reading switch
    switch = page.get_by_role("group", name="Show the text")
    assert switch.is_visible()
    page.get_by_label("reading text").check()
    assert page.evaluate("document.body.dataset.reading") == "reading"
    assert not supplied.locator(".ed-br").first.is_visible()
    assert gloss.locator(".ed-rd").is_visible()
    assert gloss.locator(".ed-rd").inner_text() == "Strzelna"
    assert not gloss.locator(".ed-as").is_visible()
    assert not page.locator("#ed-physical-1").is_visible()  # [signature] is not reading text
    assert page.locator("#ed-omitted-1 .ed-rd").inner_text() == "…"

    # remembered (localStorage works on file:// in Chromium)
    page.reload()
    assert page.evaluate("document.body.dataset.reading") == "reading"
    assert page.get_by_label("reading text").is_checked()
    page.get_by_label("as translated").check()
    assert supplied.locator(".ed-br").first.is_visible()

    # permalinks and footnotes
    page.locator("#p2 a.pnum").click()
    assert page.url.endswith("#p2")
    page.locator("#fnref-1").click()
    assert page.url.endswith("#fn-1")
    page.locator("#fn-1 a.fn-back").click()
    assert page.url.endswith("#fnref-1")

    # "Cite this document"
    page.get_by_role("button", name="Copy BibTeX").click()
    page.wait_for_timeout(200)
    assert "BibTeX" in page.locator(".copy-status").inner_text()
    assert page.locator("#te-cite-bibtex").inner_text().startswith("@misc{wilson-900001,")


def test_switch_works_when_storage_is_refused(site, browser):
    context = browser.new_context()
    context.add_init_script("""Object.defineProperty(window, 'localStorage', {
        get() { throw new DOMException('The operation is insecure.', 'SecurityError'); }});""")
    pg = context.new_page()
    console = Console(pg)
    pg.goto((site / "documents" / "wilson-900001.html").as_uri())
    pg.get_by_label("reading text").check()
    assert pg.evaluate("document.body.dataset.reading") == "reading"
    pg.reload()
    assert pg.evaluate("document.body.dataset.reading") == "translated"
    context.close()
    assert console.errors == []


def test_hostile_document_runs_nothing(site, page):
    page.add_init_script("window.__alerts = []; window.alert = m => window.__alerts.push(m);")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto((site / "documents" / "hostile-1.html").as_uri())
    page.evaluate("""() => document.querySelectorAll('body *').forEach(e => {
        for (const type of ['mouseover', 'focus', 'click', 'load']) {
            e.dispatchEvent(new Event(type, {bubbles: true}));
        }})""")
    page.locator("span.tei-ref", has_text="click").click()
    assert page.evaluate("""() => [...document.querySelectorAll('*')].filter(
        e => [...e.attributes].some(a => a.name.startsWith('on'))).length""") == 0
    # edition.js, and the JSON-LD block (data: a browser never runs it)
    assert page.locator("script:not([type='application/ld+json'])").count() == 1
    assert page.locator("script[type='application/ld+json']").count() == 1
    assert dialogs == [] and page.evaluate("window.__alerts") == []
    assert page.title().startswith("Cable </title><script>")


def test_every_page_loads_without_errors(site, page):
    for html_file in sorted(site.rglob("*.html")):
        page.goto(html_file.as_uri())
        page.wait_for_load_state("load")
        assert page.locator("h1").count() == 1

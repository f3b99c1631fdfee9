"""A linked name in a real browser (Playwright, Debian's Chromium, file://): its entry's
preferred name shows on hover and on keyboard focus, the link opens the entry page, and the
entry page's mention goes back to the name. No console error on either page. And the search
by register entries: the "Person named" filter and a name form no text has."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tei_edition.edition import load_edition
from tei_edition.registers.edition import link_edition
from tei_edition.resources import sample_edition_dir
from tei_edition.site import build_site
from tei_edition.site_index import script_data
from tests.browser.test_html_browser import open_index, settled

pytestmark = pytest.mark.browser



@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("registers") / "ed"
    shutil.copytree(sample_edition_dir(), root)
    link_edition(root)
    build_site([root / "tei"], root / "site", load_edition(root))
    return root / "site"


def test_a_name_shows_its_entry_on_hover_and_focus_and_links_to_it(site, page):
    document = next(p for p in (site / "documents").glob("*.html")
                    if "V. M. Molotov" in p.read_text(encoding="utf-8"))
    page.goto(document.as_uri())
    name = page.locator('a.register-name[href$="persons/molotov-vyacheslav.html"]')
    tip = name.locator(".ed-x")
    assert not tip.is_visible() or tip.bounding_box()["width"] <= 1
    name.hover()
    assert tip.is_visible() and tip.bounding_box()["width"] > 50
    assert tip.inner_text() == "Molotov, Vyacheslav Mikhailovich"
    page.mouse.move(0, 0)
    page.locator("body").focus()
    name.focus()
    assert tip.bounding_box()["width"] > 50
    anchor = name.get_attribute("id")
    name.click()
    page.wait_for_url("**/registers/persons/molotov-vyacheslav.html")
    assert page.locator("h1").inner_text() == "Molotov, Vyacheslav Mikhailovich"
    page.locator("ol.mentions a").first.click()
    page.wait_for_url(f"**/{document.name}#{anchor}")


def _molotov_pages(site: Path) -> set[str]:
    """The documents that name Molotov, from the register's own page of him."""
    entry = (site / "registers" / "persons" / "molotov-vyacheslav.html").read_text(
        encoding="utf-8")
    return {part.split("#")[0] for part in entry.split('href="../../')[1:]
            if part.startswith("documents/")}


def test_the_person_filter_and_a_name_form_find_the_entry_s_documents(site, page):
    expected = _molotov_pages(site)
    assert expected
    open_index(page, site)
    select = page.get_by_label("Person named")
    assert select.is_visible()
    select.focus()  # its values are loaded when it is first used
    page.wait_for_selector('#te-filter-person[data-loaded]', state="attached")
    facet = script_data((site / "assets" / "search" / "f-person.js").read_bytes(), "f-person")
    assert isinstance(facet, dict)
    values = select.locator("option").evaluate_all("os => os.map(o => o.value)")
    assert values == ["", *facet["values"]]
    settled(page, lambda: select.select_option("Molotov, Vyacheslav Mikhailovich"))
    shown = page.locator("ol.results-list > li h3 a").evaluate_all(
        "as => as.map(a => a.getAttribute('href'))")
    assert set(shown) == expected
    settled(page, lambda: select.select_option(""))
    # the Cyrillic form is in the register only: no document's text has it
    assert not any("Молотов" in (site / p).read_text(encoding="utf-8") for p in expected)
    settled(page, lambda: page.get_by_label("Search the documents").fill("Молотов"))
    shown = page.locator("ol.results-list > li h3 a").evaluate_all(
        "as => as.map(a => a.getAttribute('href'))")
    assert set(shown) == expected

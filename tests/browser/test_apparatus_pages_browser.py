"""The apparatus popover and a link to a page break, in headless Chromium over file://:
the entry opens beside the lemma it belongs to (not centred on the screen), and a link of
the FRUS contents to "p. 90" scrolls to that page break on the document's page."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tei_edition.cli import cli
from tests.conftest import SHARED, need_shared

pytestmark = pytest.mark.browser

APPARATUS = Path(__file__).resolve().parent.parent / "fixtures" / "modules" / "apparatus.xml"
FRUS = SHARED / "samples" / "tei" / "frus1894Nicaragua.xml"


@pytest.fixture
def page(browser):  # a lower window than conftest.py's page; console errors only
    context = browser.new_context(viewport={"width": 1100, "height": 700})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert errors == []


def _site(tmp_path: Path, source: Path) -> Path:
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["html", str(source), "--out-dir", str(out)])
    assert result.exit_code == 0, result.output
    return out / "documents"


@pytest.mark.parametrize("mark", ["a", "c"])
def test_the_apparatus_entry_opens_beside_its_lemma(tmp_path, page, mark):
    """"a" stands at the line's start, "c" near its end: each entry starts under its own
    call (within the window), not in the middle of the screen."""
    pages = _site(tmp_path, APPARATUS)
    page.goto((pages / "apparatus-1.html").as_uri())
    call = page.locator(f"#te-app-{mark} .app-call")
    call.click()
    entry = page.locator(f"#te-app-{mark}-entry")
    assert entry.is_visible()
    c, e = call.bounding_box(), entry.bounding_box()
    # under the call, across its left edge (centred, "a" began 94 px right of its call and
    # "c" ended 209 px left of it)
    assert c["y"] + c["height"] - 1 <= e["y"] <= c["y"] + c["height"] + 20
    assert e["x"] <= c["x"] + 1 and c["x"] <= e["x"] + e["width"]
    assert e["x"] + e["width"] <= 1100
    # the other entries stay closed
    assert page.locator(".app-entry:popover-open").count() == 1


def test_a_contents_link_to_a_page_goes_to_its_page_break(tmp_path, page):
    pages = _site(tmp_path, need_shared(FRUS))
    page.goto((pages / "toc.html").as_uri())
    page.click('a[href="d48.html#pg_90"] >> nth=0')
    page.wait_for_url("**/d48.html#pg_90")
    top = page.evaluate("document.getElementById('pg_90').getBoundingClientRect().top")
    assert 0 <= top < 60  # at the top of the window, with a little room above
    assert page.evaluate("window.scrollY") > 0

"""Web fixes after issue 14's merges (xslt/html/, tei_edition/volumes.py): every link of a
FRUS volume's site reaches an id on the page it names (a page break before a document is
on that document's page), and the page's own English words are marked lang="en" on a
page in another language, the document's words not.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html

from tei_edition.cli import cli
from tests.conftest import SHARED, need_shared

SAMPLES = SHARED / "samples" / "tei"
FRUS = SAMPLES / "frus1894Nicaragua.xml"
PUSHKIN = SAMPLES / "pushkin-boris-godunov.xml"


def _site(tmp_path: Path, *sources: Path) -> Path:
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["html", *map(str, sources), "--out-dir", str(out)])
    assert result.exit_code == 0, result.output
    return out / "documents"


@pytest.fixture(scope="module")
def frus_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _site(tmp_path_factory.mktemp("frus"), need_shared(FRUS))


def test_every_link_of_the_frus_site_reaches_its_id(frus_pages):
    pages = frus_pages
    ids = {p.name: set(html.parse(str(p)).getroot().xpath("//@id")) for p in pages.glob("*.html")}
    links = 0
    broken = []
    for page in pages.glob("*.html"):
        for href in html.parse(str(page)).getroot().xpath("//main//a/@href"):
            name, _, ident = href.partition("#")
            if not ident or "/" in name:
                continue
            links += 1
            if ident not in ids.get(name or page.name, set()):
                broken.append(f"{page.name}: {href}")
    assert broken == []
    assert links > 300  # 378: the contents' links to documents and pages, the notes' own


def test_a_link_to_a_page_break_before_a_document_goes_to_that_document(frus_pages):
    """FRUS's contents cite "p. 90", the pb before document 48: it is on d48.html."""
    pages = frus_pages
    toc = (pages / "toc.html").read_text("utf-8")
    assert 'href="d48.html#pg_90"' in toc
    assert "frus1894Nicaragua.html#pg_" not in toc
    assert 'id="pg_90"' in (pages / "d48.html").read_text("utf-8")


def test_english_chrome_is_marked_on_a_russian_page(tmp_path):
    pages = _site(tmp_path, need_shared(PUSHKIN))
    root = html.parse(str(pages / "rus000042.html")).getroot()
    assert root.get("lang") == "ru"

    def lang(el: html.HtmlElement) -> str | None:
        return next((a.get("lang") for a in (el, *el.iterancestors()) if a.get("lang")), None)

    headings = {" ".join(h.text_content().split()): lang(h)
                for h in root.xpath("//main//h2 | //main//h3[not(@class = 'tei-head')]")}
    assert headings == {"About this document": "en", "Text": "en",
                        "Editorial interventions": "en", "Cite this document": "en",
                        "Chicago": "en", "BibTeX": "en", "CSL-JSON": "en"}
    assert {lang(b) for b in root.xpath("//main//button")} == {"en"}
    # the play's own headings, and the citation (its title in Russian), keep the page's
    assert {lang(h) for h in root.xpath("//main//h3[@class = 'tei-head']")} == {"ru"}
    assert lang(root.xpath("//p[@id = 'te-cite-chicago']")[0]) == "ru"


def test_english_pages_get_no_lang_of_their_own(tmp_path):
    """On an English page nothing is added: the page's lang says it."""
    pages = _site(tmp_path, Path(__file__).parent / "fixtures" / "modules" / "core.xml")
    text = (pages / "core.html").read_text("utf-8")
    main = text[text.index("<main"):text.index("</main>")]
    assert re.findall(r'<h2[^>]*lang=', main) == []


@pytest.mark.parametrize("name", ["K_0005_Bianchetti_Felice_an_Escher_1880-03-00.xml"])
def test_the_ledger_marks_its_english_cells_not_the_documents_words(tmp_path, name):
    pages = _site(tmp_path, need_shared(SAMPLES / name))
    root = html.parse(str(next(pages.glob("*.html")))).getroot()
    rows = root.xpath("//table[@class = 'ledger-table']/tbody/tr")
    assert rows
    for row in rows:
        cells = row.xpath("td")
        assert [c.get("lang") for c in cells] == ["en", "en", None, "en"]
    assert {th.get("lang") for th in root.xpath("//table[@class = 'ledger-table']//th")} == {"en"}


def test_web_footnotes_are_numbered_among_footnotes(tmp_path):
    """As in print (tests/test_print_fixes.py): the inline and the margin note stand where
    they are, the two footnotes are 1 and 2, and their ids say so."""
    from tests.test_print_fixes import NESTED

    source = tmp_path / "nested-and-notes.xml"
    source.write_text(NESTED, encoding="utf-8")
    root = html.parse(str(_site(tmp_path, source) / "nested.html")).getroot()
    calls = root.xpath("//main//a[@class = 'fn-ref']")
    assert [(a.get("id"), a.text_content()) for a in calls] == [("fnref-1", "1"),
                                                               ("fnref-2", "2")]
    assert root.xpath("//li[@role = 'doc-endnote']/@id") == ["fn-1", "fn-2"]

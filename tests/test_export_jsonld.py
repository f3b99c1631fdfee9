"""The schema.org JSON-LD block of a document page (tei_edition/exports/jsonld.py and
xslt/html/html_jsonld.xsl): what it says of the sample edition's cable, and that a hostile
title stays text, read by an HTML parser and by Chromium (one data block, json gives the
title back, nothing runs)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from tei_edition import site
from tei_edition.edition import Edition, load_edition
from tei_edition.exports.jsonld import document_jsonld, jsonld_params, script_text
from tei_edition.site import build_site, read_document, render_document
from tests.browser.chromium import Console

SAMPLE = Path(__file__).resolve().parent.parent / "xml"
HOSTILE = "</script><script>alert(1)</script> & <!-- a > b \u2028 \u0085 --> ]]>"


def hostile_tei(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.xml"
    title = etree.Element("title")
    title.text = HOSTILE
    path.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="hostile-1" xml:lang="de">
  <teiHeader><fileDesc>
    <titleStmt>{etree.tostring(title, encoding="unicode")}</titleStmt>
    <publicationStmt><p>Unpublished.</p></publicationStmt>
    <sourceDesc><msDesc><msIdentifier><repository>Archiv &lt;Nord&gt;</repository>
      <idno>A 1</idno></msIdentifier></msDesc></sourceDesc>
  </fileDesc></teiHeader>
  <text><body><div type="document"><p>Text.</p></div></body></text>
</TEI>
""", encoding="utf-8")
    return path


@pytest.fixture
def with_jsonld(monkeypatch):
    """render_document with the jsonld parameter, as the build passes it."""
    original = site.transform

    def transform(tree, stylesheet, params):
        if stylesheet == site.format_stylesheet("html"):  # a document page
            params = {**params, **jsonld_params(site.read_metadata(tree, "document"),
                                                with_jsonld.edition, params["page-path"])}
        return original(tree, stylesheet, params)

    with_jsonld.edition = Edition()
    monkeypatch.setattr(site, "transform", transform)
    return with_jsonld


def blocks(html: str) -> list[str]:
    tree = lxml.html.document_fromstring(html)
    return [s.text for s in tree.iter("script") if s.get("type") == "application/ld+json"]


def test_the_cable_described(tmp_path):
    edition = load_edition(SAMPLE)
    doc = read_document(SAMPLE / "tei" / "cable-1958-03-03.xml")
    data = document_jsonld(doc.meta, edition, doc.page)
    base = "https://example.org/border-commission/"
    assert data == {
        "@context": "https://schema.org", "@type": "ArchiveComponent",
        "@id": f"{base}documents/wilson-900101.html",
        "url": f"{base}documents/wilson-900101.html",
        "name": "'Cable from the Ministry of Foreign Affairs, Instructions on the Second "
                "Session of the Joint Border Commission'",
        "identifier": "PRC FMA 105-00412-07", "dateCreated": "1958-03-03", "inLanguage": "en",
        "genre": "cable",
        "description": "The Ministry instructs the delegation on the maps to be exchanged at "
                       "the second session of the border commission.",
        "translator": [{"@type": "Person", "name": "Lin Meihua"}],
        "holdingArchive": {"@type": "ArchiveOrganization",
                           "name": "PRC Foreign Ministry Archive"},
        # the sender (no sameAs: the TEI as encoded has no register pointer yet)
        "author": [{"@type": "Organization", "name": "Ministry of Foreign Affairs"}],
        "isPartOf": {"@type": "Collection",
                     "name": "Border Commission Papers, 1950-1972 (sample edition)",
                     "@id": f"{base}index.html", "url": f"{base}index.html",
                     "editor": [{"@type": "Person", "name": "The tei-edition developers"}]},
        "publisher": {"@type": "Organization", "name": "tei-edition sample edition"},
        "license": "https://creativecommons.org/licenses/by/4.0/",
    }
    # without base_url: no identifiers that would be relative
    bare = document_jsonld(doc.meta, replace(edition, base_url=None), doc.page)
    assert "@id" not in bare and "url" not in bare and "@id" not in bare["isPartOf"]


def test_script_text_escapes_what_could_close_or_change_the_element():
    text = script_text({"name": HOSTILE})
    assert not set(text) & set("<>&\u2028\u0085")
    assert "\\u003c/script\\u003e" in text
    assert json.loads(text) == {"name": HOSTILE}


def test_a_hostile_title_stays_text_in_the_page(tmp_path, with_jsonld):
    doc = read_document(hostile_tei(tmp_path))
    html = render_document(doc, with_jsonld.edition)
    found = blocks(html)
    assert len(found) == 1
    data = json.loads(found[0])
    # the metadata normalises white space (U+2028 and U+0085 are white space to it)
    assert data["name"] == " ".join(HOSTILE.split()) == doc.meta.title
    assert data["name"].startswith("</script><script>alert(1)</script> & <!-- a > b")
    assert data["holdingArchive"]["name"] == "Archiv <Nord>"
    assert data["inLanguage"] == "de"
    head = lxml.html.document_fromstring(html).find("head")
    assert [s.get("type") for s in head.iter("script")] == [None, "application/ld+json"]
    assert "alert(1)" not in "".join(s.text or "" for s in head.iter("script")
                                     if s.get("type") != "application/ld+json")


def test_render_document_gives_every_page_its_block(tmp_path):
    """site.render_document passes the parameter itself (the build's pages have it)."""
    doc = read_document(SAMPLE / "tei" / "cable-1958-03-03.xml")
    found = blocks(render_document(doc, Edition()))
    assert len(found) == 1 and json.loads(found[0])["name"] == doc.meta.label


@pytest.mark.browser
def test_chromium_reads_one_block_and_runs_nothing(tmp_path, with_jsonld, browser):  # noqa: F811
    """The page of the site, from file:// in the browser fixture of tests/conftest.py:
    one data block whose JSON gives the title back, no dialog, no console error (the
    page's Content-Security-Policy included)."""
    doc = read_document(hostile_tei(tmp_path))
    built = build_site([doc.source], tmp_path / "site", with_jsonld.edition)
    context = browser.new_context()
    try:
        pg = context.new_page()
        console = Console(pg)
        dialogs: list[str] = []
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        pg.goto((built.out_dir / doc.page).as_uri())
        texts = pg.eval_on_selector_all(
            'script[type="application/ld+json"]', "els => els.map(e => e.textContent)")
        assert len(texts) == 1 and json.loads(texts[0])["name"] == doc.meta.title
        assert pg.evaluate("document.title").startswith("</script><script>alert(1)")
        assert dialogs == []
        assert console.errors == []
    finally:
        context.close()

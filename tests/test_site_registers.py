"""The site's register pages (tei_edition/site_registers.py, xslt/html/register.xsl) and the
names of the document pages linked to them (html_names.xsl), from the sample edition linked
to its registers (xml/registers)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import html

from tei_edition.edition import load_edition
from tei_edition.registers.edition import link_edition
from tei_edition.registers.model import load_register
from tei_edition.resources import sample_edition_dir
from tei_edition.site import build_site
from tei_edition.site_registers import (
    MENTIONS_PER_PAGE,
    Mention,
    document_mentions,
    register_files,
)
from tei_edition.tei import parse_bytes


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("sample") / "ed"
    shutil.copytree(sample_edition_dir(), root)
    assert link_edition(root).errors == 0
    out = root / "site"
    build_site([root / "tei"], out, load_edition(root))
    return out


def _page(site: Path, path: str) -> html.HtmlElement:
    return html.fromstring((site / path).read_bytes())


def _text(el: html.HtmlElement) -> str:
    return " ".join(el.text_content().split())


def test_an_entry_page_has_names_dates_offices_note_authorities_and_mentions(site):
    page = _page(site, "registers/persons/molotov-vyacheslav.html")
    assert _text(page.find(".//h1")) == "Molotov, Vyacheslav Mikhailovich"
    facts = _text(page.find(".//dl"))
    assert "V. M. Molotov" in facts and "Молотов" in facts and "1890–1986" in facts
    assert "Minister of Foreign Affairs of the USSR, 1953–1956" in facts
    assert page.find('.//dd[@lang="ru-Cyrl"]') is not None
    mentions = page.findall('.//ol[@class="mentions"]/li')
    assert len(mentions) == 1
    link = mentions[0].find("a")
    assert link.get("href").startswith("../../documents/") and "#m-" in link.get("href")
    assert "August 14, 1956" in _text(mentions[0])
    assert _text(mentions[0].find(".//mark")) == "V. M. Molotov"
    embassy = _page(site, "registers/organisations/su-embassy-beijing.html")
    dates = embassy.find(".//dl/dt[.='Dates']").getnext()  # its preferred name's from/to
    assert _text(dates) == "1949–1991"
    places = _page(site, "registers/places/beijing.html")
    hrefs = {a.get("href") for a in places.iterfind('.//a[@class="authority"]')}
    assert hrefs == {"https://sws.geonames.org/1816670/", "https://www.wikidata.org/entity/Q956"}


def test_geonames_is_credited_where_its_identifiers_are_shown(site):
    def credit(page: html.HtmlElement) -> str | None:
        found = page.find('.//p[@class="register-credit"]')
        return None if found is None else _text(found)

    wanted = "Place identifiers from GeoNames, licensed CC BY 4.0."
    assert credit(_page(site, "registers/places/beijing.html")) == wanted
    assert credit(_page(site, "registers/places.html")) == wanted
    assert credit(_page(site, "registers/persons/molotov-vyacheslav.html")) is None
    assert credit(_page(site, "registers/persons.html")) is None


def test_a_mention_has_the_sentence_around_it():
    tree = parse_bytes(b"""<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>
<p>First things. Then <persName ref="per:x">Tan</persName> said so, and left. Later.</p>
<p><placeName ref="#p1">Not a register pointer</placeName></p></body></text></TEI>""")
    assert document_mentions(tree) == [{"ref": "per:x", "anchor": "m-1", "before": "Then ",
                                        "hit": "Tan", "after": " said so, and left."}]


def test_the_mention_links_to_the_name_on_the_document_page(site):
    page = _page(site, "registers/persons/tan-lisheng.html")
    for link in page.iterfind('.//ol[@class="mentions"]/li/a'):
        target = urlsplit(link.get("href"))
        document = _page(site / "registers" / "persons", unquote(target.path))
        named = document.get_element_by_id(target.fragment)
        assert "register-name" in named.get("class")
        assert "Tan" in _text(named)


def test_the_index_is_alphabetical_with_a_jump_list(site):
    page = _page(site, "registers/persons.html")
    letters = [a.text for a in page.iterfind('.//nav[@class="register-letters"]//a')]
    assert letters == sorted(letters) and "K" in letters and "Z" in letters
    for a in page.iterfind('.//nav[@class="register-letters"]//a'):
        assert page.get_element_by_id(a.get("href")[1:]) is not None
    names = [a.text for a in page.iterfind('.//ul[@class="register-entries"]/li/a')]
    assert names.index("Kessler, K.") < names.index("Kim Jeong-ho") < names.index("Kovács Pál")
    assert names.index("Kovács Pál") < names.index("Kovalev")  # á sorts as a, not after z


def test_a_name_links_to_its_entry_with_the_preferred_name_as_tooltip(site):
    pages = [p for p in (site / "documents").glob("*.html")
             if "V. M. Molotov" in p.read_text("utf-8")]
    page = _page(site, f"documents/{pages[0].name}")
    links = page.findall('.//a[@class="tei-persName register-name ed"]')
    molotov = next(a for a in links if a.get("href") == "../registers/persons/"
                   "molotov-vyacheslav.html")
    tip = page.get_element_by_id(molotov.get("aria-describedby"))
    assert tip.get("role") == "tooltip" and tip.getparent() is molotov
    assert _text(tip) == "Molotov, Vyacheslav Mikhailovich"
    # a name in a linked name is no link in a link
    assert not page.xpath("//a//a")


def test_the_navigation_links_the_register_index_pages(site):
    for path in ("index.html", "registers/persons/chen-yi.html", "registers/places.html"):
        nav = _page(site, path).find('.//nav[@class="site-nav"]')
        assert nav is not None, path
        assert [a.text for a in nav.iterfind(".//a")] == [
            "Documents", "Persons", "Places", "Organisations"]
    document = next((site / "documents").glob("*.html"))
    assert _page(site, f"documents/{document.name}").find('.//nav[@class="site-nav"]') \
        is not None


def test_every_link_of_the_register_pages_points_to_a_file_of_the_site(site):
    pages = sorted((site / "registers").rglob("*.html"))
    assert len(pages) == 3 + 51
    for path in pages:
        data = path.read_bytes()
        assert data.lower().startswith(b"<!doctype html>")
        for href in html.fromstring(data).xpath("//@href | //@src"):
            if href.startswith(("https://", "http://")) or href.startswith("#"):
                continue
            target = (path.parent / unquote(urlsplit(href).path)).resolve()
            assert target.is_file(), (path, href)


def test_an_entry_with_many_mentions_is_paginated(tmp_path):
    register = load_register(sample_edition_dir() / "registers")
    edition = load_edition(sample_edition_dir())
    many = [Mention("pla:harbin", f"documents/d{i}.html", "m-1", f"Doc {i}", "1960",
                    f"{i:05d}", "In ", "Harbin", ".") for i in range(MENTIONS_PER_PAGE + 5)]
    files = register_files(many, register, edition)
    assert {"registers/places/harbin.html", "registers/places/harbin-2.html"} <= set(files)
    first = html.fromstring(files["registers/places/harbin.html"])
    second = html.fromstring(files["registers/places/harbin-2.html"])
    assert len(first.findall('.//ol[@class="mentions"]/li')) == MENTIONS_PER_PAGE
    assert len(second.findall('.//ol[@class="mentions"]/li')) == 5
    assert second.find('.//ol[@class="mentions"]').get("start") == str(MENTIONS_PER_PAGE + 1)
    assert [a.get("href") for a in first.iterfind('.//nav[@class="pagination"]//a')] == [
        "harbin-2.html"]
    assert register_files([], type(register)(), edition) == {}


def test_the_build_makes_the_same_pages_from_its_summaries(site):
    """The page stage's summaries (tei_edition/build/pages.py) carry each document's
    mentions; build_register_files makes the register pages from them, as the site does."""
    import json

    from tei_edition.build.pages import PageJob, entry_from_dict, render_file
    from tei_edition.site_registers import build_register_files

    root = site.parent
    edition = load_edition(root)
    entries = []
    for path in sorted((root / "tei").glob("*.xml")):
        rendered = render_file(PageJob(str(path), None, edition))
        assert rendered.error is None
        # through JSON, as the build cache keeps them
        entries.extend(entry_from_dict(json.loads(json.dumps(item)))
                       for item in rendered.entries)
    pages = build_register_files(entries, edition)
    assert pages is not None and len(pages.files) == 3 + 51 and set(pages.digests) == set(
        pages.files)
    for name, data in pages.files.items():
        assert data == (site / name).read_bytes(), name
    # a caller that has a page made from the same inputs is not given it again
    held = dict(list(pages.digests.items())[:10])
    again = build_register_files(entries, edition, made=held)
    assert again is not None and again.digests == pages.digests
    assert set(again.files) == set(pages.files) - set(held)
    held["registers/persons.html"] = "0" * 64  # made from other inputs: made again
    assert "registers/persons.html" in build_register_files(entries, edition, made=held).files


def test_a_build_makes_again_only_the_register_pages_a_change_touches(tmp_path, monkeypatch):
    """One document changed: the pages of the entries it names (and the index pages whose
    counts move) are made again, no other; the site is the one a build from nothing makes."""
    from tei_edition import site_registers
    from tei_edition.build import build_edition

    root = tmp_path / "ed"
    shutil.copytree(sample_edition_dir(), root)
    made: list[str] = []
    transform = site_registers.transform

    def counted(xml, stylesheet, params):
        made.append(params["page-path"])
        return transform(xml, stylesheet, params)

    monkeypatch.setattr(site_registers, "transform", counted)
    assert build_edition(root, pdf=False).ok
    everything = set(made)
    assert len(everything) == 3 + 51
    made.clear()
    assert build_edition(root, pdf=False).ok
    assert made == []  # nothing changed
    path = root / "tei" / "telegram-1961-11-02.xml"  # linked by the first build
    text = path.read_text(encoding="utf-8")
    named = set(re.findall(r'ref="(?:per|pla|org):([^"]+)"', text))
    assert "khovd" in named
    path.write_text(text.replace('ref="pla:khovd"', 'ref="pla:beijing"', 1), encoding="utf-8")
    result = build_edition(root, pdf=False)
    assert result.ok and "registers" in result.seconds
    assert made and set(made) < everything
    assert {p.rsplit("/", 1)[-1][:-5] for p in made if p.count("/") == 2} <= named | {"beijing"}
    incremental = {p: (root / "site" / p).read_bytes() for p in everything}
    shutil.rmtree(root / "site")
    shutil.rmtree(root / ".tei-edition")
    assert build_edition(root, pdf=False).ok
    assert incremental == {p: (root / "site" / p).read_bytes() for p in everything}


def test_hostile_register_text_is_text_and_no_odd_identifier_becomes_a_link(tmp_path):
    from tei_edition.edition import Edition
    from tei_edition.registers.model import Entry, Name, Register

    register = Register({"x": Entry("x", "person", [Name('<script>alert(1)</script>',
                                                         "preferred")],
                                    note='"><img src=x onerror=alert(1)>',
                                    idnos={"viaf": "javascript:alert(1)", "gnd": "118540238"})})
    files = register_files([Mention("per:x", "documents/d.html", "m-1", "<b>T</b>", "", "",
                                    "<i>", "<script>", "</i>")], register, Edition())
    page = files["registers/persons/x.html"]
    assert b"<script" not in page and b"<img" not in page and b"<i>" not in page
    assert b"&lt;script&gt;" in page
    hrefs = html.fromstring(page).xpath("//a[@class='authority']/@href")
    assert hrefs == ["https://d-nb.info/gnd/118540238"]

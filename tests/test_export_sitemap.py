"""sitemap.xml (tei_edition/exports/sitemap.py) against the sitemaps.org protocol's rules:
the namespace, absolute and escaped <loc>s under base_url, <lastmod> in W3C Datetime from
the TEI's revisionDesc, at most max_urls URLs and max_bytes bytes a file with a sitemap
index beyond, the same bytes on every build; skipped with a warning without base_url."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from tei_edition.edition import Edition, load_edition, site_url
from tei_edition.errors import Diagnostic
from tei_edition.exports.edition import edition_exports, export_entry
from tei_edition.exports.sitemap import MAX_BYTES, MAX_URLS, SITEMAP_NS, Page, sitemap_for_pages
from tei_edition.metadata import last_change
from tei_edition.site import read_documents
from tests.export_files import under

SAMPLE = Path(__file__).resolve().parent.parent / "xml"
NS = {"s": SITEMAP_NS}
# W3C Datetime (https://www.w3.org/TR/NOTE-datetime), the forms the protocol admits
W3C = re.compile(r"\d{4}(-\d\d(-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d))?)?)?")


@pytest.fixture(scope="module")
def docs():
    return read_documents(sorted((SAMPLE / "tei").glob("*.xml")))


@pytest.fixture(scope="module")
def edition() -> Edition:
    return load_edition(SAMPLE)


def sitemap_files(docs, edition: Edition, **limits: int
                  ) -> tuple[dict[str, bytes], list[Diagnostic]]:
    """The sitemap files of the edition's exports (exports/edition.py) and their warnings."""
    warnings: list[Diagnostic] = []
    files = edition_exports([export_entry(d) for d in docs], edition, warnings, **limits)
    return under(files, "sitemap"), [w for w in warnings if "sitemap" in w.message]


def parse(data: bytes) -> etree._Element:
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    return etree.fromstring(data)


def check_urlset(data: bytes, base: str) -> list[tuple[str, str | None]]:
    """The protocol's rules for one sitemap file; its (loc, lastmod) pairs."""
    root = parse(data)
    assert root.tag == f"{{{SITEMAP_NS}}}urlset"
    entries = []
    for url in root:
        assert url.tag == f"{{{SITEMAP_NS}}}url"
        children = [etree.QName(c).localname for c in url]
        assert children[0] == "loc" and set(children) <= {"loc", "lastmod"}
        loc = url.findtext("s:loc", namespaces=NS)
        assert loc.startswith(base), loc
        assert re.fullmatch(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", loc), loc
        assert len(loc) < 2048
        lastmod = url.findtext("s:lastmod", namespaces=NS)
        assert lastmod is None or W3C.fullmatch(lastmod), lastmod
        entries.append((loc, lastmod))
    assert len(entries) <= MAX_URLS and len(data) <= MAX_BYTES
    return entries


def test_the_sample_edition_is_one_sitemap_of_its_pages(docs, edition):
    files, warnings = sitemap_files(docs, edition)
    assert warnings == []
    assert list(files) == ["sitemap.xml"]
    entries = check_urlset(files["sitemap.xml"], "https://example.org/border-commission/")
    assert entries[0] == ("https://example.org/border-commission/index.html", "2026-01-01")
    assert entries[1:] == [(f"https://example.org/border-commission/documents/{d.id}.html",
                            "2026-01-01") for d in docs]
    assert len(entries) == 14
    # the same bytes on every build (an incremental build compares them)
    assert sitemap_files(docs, edition)[0] == files


def test_lastmod_is_the_latest_dated_change():
    tei = etree.fromstring(
        b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><revisionDesc>'
        b'<change when="2026-01-01">encoded</change>'
        b'<listChange><change when="2026-03-04T09:00:00">no zone: its day</change></listChange>'
        b'<change when="2026-13">no month 13</change><change when="soon"/>'
        b'<change notAfter="2030-01-01">not a when</change>'
        b'</revisionDesc></teiHeader></TEI>')
    assert last_change(tei) == "2026-03-04"
    tei[0][0].append(etree.fromstring(
        b'<change xmlns="http://www.tei-c.org/ns/1.0" when="2026-03-04T08:00:00+01:00"/>'))
    assert last_change(tei) == "2026-03-04T08:00:00+01:00"
    undated = etree.fromstring(b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/></TEI>')
    assert last_change(undated) is None


def test_a_page_without_a_dated_change_has_no_lastmod(edition):
    data = sitemap_for_pages([Page("index.html"), Page("documents/a.html", "2025-05")],
                             edition)["sitemap.xml"]
    root = parse(data)
    assert [u.find("s:lastmod", NS) is None for u in root] == [True, False]
    assert root[1].findtext("s:lastmod", namespaces=NS) == "2025-05"


def test_more_urls_than_a_file_holds_make_a_sitemap_index(docs, edition):
    base = "https://example.org/border-commission/"
    whole = check_urlset(sitemap_files(docs, edition)[0]["sitemap.xml"], base)
    files, _ = sitemap_files(docs, edition, max_urls=5)
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    index = parse(files["sitemap.xml"])
    assert index.tag == f"{{{SITEMAP_NS}}}sitemapindex"
    listed = []
    for entry in index:
        assert entry.tag == f"{{{SITEMAP_NS}}}sitemap"
        loc = entry.findtext("s:loc", namespaces=NS)
        assert loc.startswith(base)
        name = loc[len(base):]
        part = check_urlset(files[name], base)
        assert len(part) <= 5
        assert entry.findtext("s:lastmod", namespaces=NS) == max(m for _, m in part if m)
        listed.extend(part)
    assert [len(check_urlset(files[f"sitemap-{n}.xml"], base)) for n in (1, 2, 3)] == [5, 5, 4]
    assert listed == whole  # every URL once, in the same order


def test_the_byte_limit_splits_too(edition):
    pages = [Page(f"documents/d{n:03}.html", "2026-01-01") for n in range(10)]
    one = sitemap_for_pages(pages[:3], edition)["sitemap.xml"]
    # a limit of exactly the size of a file of three URLs: three a file
    files = sitemap_for_pages(pages, edition, max_bytes=len(one))
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml",
                             "sitemap-4.xml", "sitemap.xml"]
    assert files["sitemap-1.xml"] == one
    assert all(len(files[f"sitemap-{n}.xml"]) <= len(one) for n in (1, 2, 3, 4))
    # one byte less and a file holds two
    assert len(sitemap_for_pages(pages, edition, max_bytes=len(one) - 1)) == 6


def test_loc_is_escaped_for_xml_and_for_the_url(edition):
    odd = replace(edition, base_url="https://exämple.org/Grüße & co/")
    data = sitemap_for_pages([Page("index.html")], odd)["sitemap.xml"]
    assert b"<loc>https://xn--exmple-cua.org/Gr%C3%BC%C3%9Fe%20&amp;%20co/index.html</loc>" \
        in data
    assert site_url(replace(edition, base_url="https://example.org/ed"), "index.html") \
        == "https://example.org/ed/index.html"


@pytest.mark.parametrize("base_url, why", [
    (None, "base_url is not set"),
    ("example.org/edition/", "base_url 'example.org/edition/' is not an absolute http(s) URL"),
])
def test_no_base_url_no_sitemap_and_a_warning(docs, edition, base_url, why):
    files, warnings = sitemap_files(docs, replace(edition, base_url=base_url))
    assert files == {}
    assert [str(w) for w in warnings] == [
        f"{SAMPLE / 'edition.toml'}: warning [no-base-url] {why} in edition.toml: sitemap.xml "
        "is not written (it needs the site's address, e.g. base_url = "
        "\"https://example.org/edition/\")"]


def test_the_protocols_own_limit_is_50000_urls(edition):
    pages = [Page(f"documents/d{n}.html") for n in range(MAX_URLS + 1)]
    files = sitemap_for_pages(pages, edition)
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap.xml"]
    assert len(parse(files["sitemap-1.xml"])) == MAX_URLS
    assert len(parse(files["sitemap-2.xml"])) == 1
    assert len(files["sitemap-1.xml"]) < MAX_BYTES

"""sitemap.xml: the site's pages for search engines, as the sitemaps.org protocol (0.9) says.

The site's index page and every document page are listed by their absolute URL under the
edition's ``base_url`` (:func:`tei_edition.edition.site_url`); without one the sitemap is
skipped with a warning, since the protocol admits absolute URLs only. A page's ``lastmod``
is the latest dated change of its TEI's ``revisionDesc`` (:func:`tei_edition.metadata.
last_change`), the index's the latest of all: the date the text last changed, which is what
a search engine asks for, and the same on every build of the same TEI (a file's mtime is
not: a fresh clone has today's). A page whose TEI dates no change has no ``lastmod``.

One sitemap file holds at most 50,000 URLs and 50 MB (52,428,800 bytes, uncompressed);
beyond either, ``sitemap.xml`` is a sitemap index and the URLs are in ``sitemap-1.xml``,
``sitemap-2.xml``, ... beside it (at the site's root: a sitemap may list only URLs at or
below its own folder)::

    <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://example.org/ed/sitemap-1.xml</loc>
               <lastmod>2026-01-01</lastmod></sitemap> ...
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import quote

from lxml import etree

from tei_edition.edition import Edition, site_url

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
#: The protocol's limits for one file: URLs, and bytes before any compression.
MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
SITEMAP = "sitemap.xml"
#: What RFC 3986 lets stand in a path (and "%" of an escape already there).
_PATH_SAFE = "/:@!$&'()*+,;=-._~%"


@dataclass(frozen=True)
class Page:
    """A page of the site: its path inside the site and when its content last changed."""

    path: str
    lastmod: str | None = None


class Listed(Protocol):
    """A document page as the sitemap lists it (exports/edition.py's entries are)."""

    @property
    def page(self) -> str: ...

    @property
    def last_change(self) -> str | None: ...


def site_pages(docs: Iterable[Listed]) -> list[Page]:
    """The index page and each document's page (``documents/ID.html``), in the documents'
    order; a page's lastmod is its document's last change, the index's the latest."""
    pages = [Page(doc.page, doc.last_change) for doc in docs]
    dated = [p.lastmod for p in pages if p.lastmod]
    return [Page("index.html", _latest(dated)), *pages]


def _latest(values: Sequence[str]) -> str | None:
    # W3C datetimes sort by their day first: "2026-03-04" < "2026-03-04T09:00:00Z"
    return max(values, key=lambda v: (v[:10], v)) if values else None


def _entry(tag: str, loc: str, lastmod: str | None) -> etree._Element:
    el = etree.Element(f"{{{SITEMAP_NS}}}{tag}", nsmap={None: SITEMAP_NS})
    el.tail = "\n"  # an entry a line
    etree.SubElement(el, f"{{{SITEMAP_NS}}}loc").text = loc
    if lastmod:
        etree.SubElement(el, f"{{{SITEMAP_NS}}}lastmod").text = lastmod
    return el


def _document(root_tag: str, entries: list[etree._Element]) -> bytes:
    root = etree.Element(f"{{{SITEMAP_NS}}}{root_tag}", nsmap={None: SITEMAP_NS})
    root.text = "\n"
    root.extend(entries)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


#: What a urlset file takes besides its entries: the declaration, the root's tags, newlines.
_OVERHEAD = len(_document("urlset", []))
#: An entry measured alone declares the namespace, which inside the file its root does.
_DECLARATION = len(f' xmlns="{SITEMAP_NS}"')


def _split(entries: list[etree._Element], max_urls: int, max_bytes: int
           ) -> list[list[etree._Element]]:
    """The entries in files of at most ``max_urls`` entries and ``max_bytes`` bytes."""
    files: list[list[etree._Element]] = [[]]
    size = _OVERHEAD
    for el in entries:
        n = len(etree.tostring(el, encoding="UTF-8")) - _DECLARATION
        if files[-1] and (len(files[-1]) >= max_urls or size + n > max_bytes):
            files.append([])
            size = _OVERHEAD
        files[-1].append(el)
        size += n
    return files


def sitemap_for_pages(pages: Sequence[Page], edition: Edition, *, max_urls: int = MAX_URLS,
                      max_bytes: int = MAX_BYTES) -> dict[str, bytes]:
    """The sitemap files listing ``pages`` (the edition must have a base_url)."""
    base = site_url(edition)
    assert base is not None, "the exports check base_url first (exports/edition.py)"
    # the site's address read once, its pages' paths escaped as site_url does (a path of
    # the site never holds "?" or "#", which site_url leaves for a query or a fragment)
    entries = [_entry("url", base + quote(page.path, safe=_PATH_SAFE), page.lastmod)
               for page in pages]
    groups = _split(entries, max_urls, max_bytes)
    if len(groups) == 1:
        return {SITEMAP: _document("urlset", groups[0])}
    files: dict[str, bytes] = {}
    index = []
    for n, group in enumerate(groups, 1):
        name = f"sitemap-{n}.xml"
        files[name] = _document("urlset", group)
        dated = [lm.text for el in group for lm in el.iterfind(f"{{{SITEMAP_NS}}}lastmod")
                 if lm.text]
        index.append(_entry("sitemap", base + name, _latest(dated)))
    files[SITEMAP] = _document("sitemapindex", index)
    return files

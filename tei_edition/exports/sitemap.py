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

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from tei_edition.edition import Edition, no_site_url, site_url
from tei_edition.errors import Diagnostic
from tei_edition.metadata import last_change

if TYPE_CHECKING:  # the type only: site.py, which reads the documents, may import this
    from tei_edition.site import Document

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
#: The protocol's limits for one file: URLs, and bytes before any compression.
MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
SITEMAP = "sitemap.xml"


@dataclass(frozen=True)
class Page:
    """A page of the site: its path inside the site and when its content last changed."""

    path: str
    lastmod: str | None = None


def site_pages(docs: Sequence[Document]) -> list[Page]:
    """The index page and each document page (``documents/ID.html``) of the site's
    documents (tei_edition/site.py's Document: ``page`` and ``tree``), in their order."""
    pages = []
    for doc in docs:
        pages.append(Page(doc.page, last_change(doc.tree.getroot())))
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


def sitemap_files(docs: Sequence[Document], edition: Edition, *, max_urls: int = MAX_URLS,
                  max_bytes: int = MAX_BYTES) -> tuple[dict[str, bytes], list[Diagnostic]]:
    """The sitemap files of a site by their paths inside it (``sitemap.xml``, and
    ``sitemap-N.xml`` when split), and the warnings: without a usable ``base_url`` no file
    and one warning. ``docs`` are the site's documents (tei_edition/site.py)."""
    if site_url(edition) is None:
        return {}, [no_site_url(edition, SITEMAP)]
    return sitemap_for_pages(site_pages(docs), edition, max_urls=max_urls,
                             max_bytes=max_bytes), []


def sitemap_for_pages(pages: Sequence[Page], edition: Edition, *, max_urls: int = MAX_URLS,
                      max_bytes: int = MAX_BYTES) -> dict[str, bytes]:
    """The sitemap files listing ``pages`` (the edition must have a base_url)."""
    entries = []
    for page in pages:
        loc = site_url(edition, page.path)
        assert loc is not None, "sitemap_files checks base_url first"
        entries.append(_entry("url", loc, page.lastmod))
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
        index.append(_entry("sitemap", site_url(edition, name) or name, _latest(dated)))
    files[SITEMAP] = _document("sitemapindex", index)
    return files

"""The HTML edition as a static site: what it holds, how it is built, how it is written.

A site is::

    index.html, index/          the documents year by year, page by page; search, filters,
                                sorting (tei_edition/site_index.py)
    documents/<id>.html         one page per TEI document (xslt/html/html.xsl); a file of
                                many (a FRUS volume, a teiCorpus: tei_edition/volumes.py)
                                gives its own page (front matter, contents) and one per
                                document, each named after the document's id
    tei/<id>.zip                the TEI XML of each file, <id>.xml in a zip (publish.py)
    source/<id>.html            the same TEI shown as text (xslt/html/source.xsl)
    assets/                     edition.css, edition.js, index.js (xslt/html/assets/)
    assets/search/              the search, in shards of scripts loaded as a search needs
                                them (browsers refuse fetch() on file://; site_index.py)
    .tei-edition-site.json      what tei-edition wrote here (so a later run may replace it)

It works from file:// and from any web server: every link is relative, nothing is fetched.
Every page is rendered before anything is written, so a document that fails leaves the
site as it was; each file is then written atomically, and files of the previous build that
the new one no longer has are removed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from tei_edition import xinclude
from tei_edition.citation import cite
from tei_edition.edition import Edition
from tei_edition.errors import Diagnostic, InputError, Location
from tei_edition.exports.jsonld import jsonld_params
from tei_edition.files import OutputFolder
from tei_edition.images import document_images, images_param
from tei_edition.inputs import FileSet, find_documents
from tei_edition.metadata import Metadata, last_change, read_metadata
from tei_edition.publish import PublishedCopy, published_copy, zip_copy
from tei_edition.render import compile_stylesheet, format_stylesheet, transform
from tei_edition.resources import site_assets, xslt_dir
from tei_edition.site_index import _TOKEN, document_terms, fold, index_files  # noqa: F401
from tei_edition.tei import NS, tei, tei_root
from tei_edition.unshown import not_rendered, unshown
from tei_edition.version import __version__
from tei_edition.volumes import split_volume

MARKER = ".tei-edition-site.json"
GENERATOR = f"tei-edition {__version__}"


if TYPE_CHECKING:
    from tei_edition.registers.model import Register


def index_stylesheet() -> Path:
    return xslt_dir() / "html" / "index.xsl"


def source_stylesheet() -> Path:
    return xslt_dir() / "html" / "source.xsl"



# ---------------------------------------------------------------------------------------
# Reading the documents
# ---------------------------------------------------------------------------------------


@dataclass
class Document:
    """A TEI document of the site: its file, its tree, its metadata (the index page, the
    search and the citations read it) and its text for the search."""

    source: Path
    tree: etree._ElementTree
    data: bytes  # the file as it was read and parsed (the published copy is cut from it)
    meta: Metadata
    text: str = ""
    #: the id of the page of the file this document is part of (a volume's), whose TEI
    #: copy it shares; "" for a file's own page
    volume: str = ""
    #: the ids it points at that lie on other pages of its volume -> those pages' ids
    links: dict[str, str] = field(default_factory=dict)
    #: the pages before and after it in its volume (ids), its volume's page first
    previous: str = ""
    next: str = ""
    #: its values in the search's register filters (site_registers.document_registered:
    #: set when the site is made)
    registered: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def file_id(self) -> str:
        """The id its file's TEI copy is published under."""
        return self.volume or self.id

    @property
    def id(self) -> str:
        """The name of the document's pages (metadata.page_name)."""
        return self.meta.id

    @property
    def title(self) -> str:
        return self.meta.label

    @property
    def page(self) -> str:
        return f"documents/{self.id}.html"

    @property
    def last_change(self) -> str | None:
        """When its TEI last changed (metadata.last_change: sitemap.xml's lastmod)."""
        return last_change(self.tree.getroot())

    @property
    def download(self) -> str:
        """The TEI copy readers download: a zip, which no browser renders (publish.py)."""
        return f"tei/{self.file_id}.zip"

    @property
    def source_view(self) -> str:
        """The page that shows the TEI copy as text. A folder of its own: "documents/" may
        hold any id, "a.source" too, whose page a name such as "a.source.html" would be."""
        return f"source/{self.file_id}.html"


# Elements after which the search text takes a space: the two readings of a choice
# ("Wulumqi", "Urumqi") and the lines and blocks of the text.
_SPACED = {tei(n) for n in ("orig", "reg", "sic", "corr", "abbr", "expan", "lb", "p", "item",
                            "seg", "label", "head", "salute", "signed", "dateline", "note",
                            "cell", "l", "desc", "stamp", "add", "opener", "closer")}


def _search_text(el: etree._Element) -> str:
    parts: list[str] = []

    def walk(e: etree._Element) -> None:
        if e.text and isinstance(e.tag, str):
            parts.append(e.text)
        for child in e:
            if isinstance(child.tag, str):
                if child.tag in _SPACED:
                    parts.append(" ")
                walk(child)
                if child.tag in _SPACED:
                    parts.append(" ")
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return " ".join("".join(parts).split())


def _text_of(tree: etree._ElementTree) -> str:
    text = tree.getroot().find("tei:text", NS)
    return _search_text(text) if text is not None else ""


def read_document(path: Path, include_root: str | Path | None = None) -> Document:
    """Parse a TEI file safely and gather its metadata: a file of one document (a volume's
    own page for a file of many: read_file_documents gives them all)."""
    return read_file_documents(path, include_root)[0]


def read_file_documents(path: Path, include_root: str | Path | None = None,
                        warnings: list[Diagnostic] | None = None) -> list[Document]:
    """Parse a TEI file safely, its XIncludes resolved inside ``include_root``
    (tei_edition/xinclude.py: the data is then the assembled document, the copy readers
    download), and gather its metadata: its document, or the documents of a volume
    (tei_edition/volumes.py), the volume's own page first, in the file's order.
    ``warnings`` receives the assembly's duplicate-id warnings."""
    data, tree = xinclude.read_document(path, include_root, warnings)
    if tree.getroot().tag != tei("teiCorpus"):
        tei_root(tree, str(path))
    meta = read_metadata(tree, path.stem)
    volume = split_volume(tree, meta)
    if volume is None:
        return [Document(source=path, tree=tree, data=data, meta=meta, text=_text_of(tree))]
    docs = [Document(source=path, tree=page.tree, data=data, meta=page.meta,
                     text=_text_of(page.tree), volume=meta.id if n else "",
                     links=volume.links(page))
            for n, page in enumerate(volume.pages)]
    for before, after in pairwise(docs):
        before.next, after.previous = after.id, before.id
    return docs


def read_documents(paths: Iterable[Path], include_root: str | Path | None = None,
                   warnings: list[Diagnostic] | None = None) -> list[Document]:
    """Read every document; ids must be unique (they name the pages). Date order.
    ``warnings`` receives the duplicate-id warnings of documents assembled by XInclude."""
    docs: list[Document] = []
    seen: dict[str, Path] = {}
    for doc in (d for path in paths for d in read_file_documents(path, include_root, warnings)):
        path = doc.source
        if doc.id in seen:
            raise InputError(f"two documents have the id '{doc.id}' (the other is {seen[doc.id]}); "
                             "each page is named after its document's id",
                             Location(str(path)), "duplicate-id")
        seen[doc.id] = path
        docs.append(doc)
    docs.sort(key=lambda d: d.meta.sort_key)
    return docs


# ---------------------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------------------


def edition_params(edition: Edition) -> dict[str, str]:
    from tei_edition.site_registers import page_params

    return {
        # the header's links to the register index pages, when the edition has registers
        **page_params(edition, None),
        "edition-title": edition.title,
        "edition-editors": "\n".join(edition.editors),
        "edition-publisher": edition.publisher or "",
        "edition-licence": edition.licence or "",
        "edition-licence-url": edition.licence_url or "",
        "edition-base-url": edition.base_url or "",
        "generator": GENERATOR,
    }


def volume_params(doc: Document, titles: dict[str, str]) -> dict[str, str]:
    """Where a page of a volume sits: its title, the links to its neighbours and to its
    volume's page, and the pages its links to other documents go to ("d5 d5.html" a
    line: html_page.xsl's te:local-href). ``titles``: page id -> title."""
    if not (doc.volume or doc.next):
        return {}
    params = {"part-id": doc.id if doc.volume else "", "part-title": doc.title if doc.volume
              else "", "links": "\n".join(f"{i} {page}.html" for i, page in doc.links.items())}
    for name, other in (("volume", doc.volume), ("previous", doc.previous),
                        ("next", doc.next)):
        if other:
            params[f"{name}-href"] = f"{other}.html"
            params[f"{name}-title"] = titles.get(other, other)
    return params


def render_document(doc: Document, edition: Edition,
                    titles: dict[str, str] | None = None) -> str:
    """The HTML page of one document (the stylesheet is compiled once per process)."""
    from tei_edition.site_registers import page_params

    citation = cite(doc.meta, edition, doc.page)
    params = {**edition_params(edition), **page_params(edition, doc.tree),
              **volume_params(doc, titles or {}),
              "root": "../", "page-path": doc.page,
              "xml-href": f"../{doc.download}", "source-href": f"../{doc.source_view}",
              "cite-chicago-before": citation.chicago_before,
              "cite-chicago-after": citation.chicago_after,
              "cite-bibtex": citation.bibtex, "cite-csl": citation.csl_json,
              # the schema.org description in its head (tei_edition/exports/jsonld.py)
              **jsonld_params(doc.meta, edition, doc.page),
              # the pictures it may show, which site_outputs writes to images/
              "images": images_param({url: f"../images/{image.name}" for url, image
                                      in document_images(doc.tree, doc.source.parent).items()})}
    return transform(doc.tree, format_stylesheet("html"), params)


def read_copy(doc: Document, edition: Edition) -> PublishedCopy:
    """What the site publishes of a document's TEI: its bytes without the comments, unless
    edition.toml says ``publish_comments = true`` (tei_edition/publish.py)."""
    return published_copy(doc.data, edition.publish_comments, str(doc.source))


def render_source(doc: Document, copy: PublishedCopy, edition: Edition) -> str:
    """The view page of a document's TEI: the published copy as text (source.xsl)."""
    view = etree.Element("source", {
        "id": doc.id, "title": doc.title, "page": f"../{doc.page}",
        "download": f"../{doc.download}", "name": f"{doc.id}.xml",
        "comments-dropped": str(copy.comments_dropped)})
    view.text = copy.text
    params = edition_params(edition)
    params["root"] = "../"
    params["page-path"] = doc.source_view
    return transform(view, source_stylesheet(), params)


# ---------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------


@dataclass
class SiteResult:
    """What build_site wrote (as PdfResult and BuildResult say for the PDF and the build)."""

    out_dir: Path
    documents: list[Document]
    files: list[str]
    #: warnings: the elements whose text no page shows (not-rendered)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def site_outputs(docs: list[Document], edition: Edition,
                 diagnostics: list[Diagnostic] | None = None) -> dict[str, bytes]:
    """Every file of the site, by its path inside the site, rendered before any is written
    (a document that fails leaves the site as it was). ``diagnostics`` receives a warning
    per kind of element whose text no page shows (tei_edition/unshown.py), per file."""
    compile_stylesheet(format_stylesheet("html"))
    outputs: dict[str, bytes] = {}
    titles = {doc.id: doc.title for doc in docs}
    hidden: dict[Path, list[dict[str, tuple[int, int | None]]]] = {}
    for doc in docs:
        page = render_document(doc, edition, titles).encode("utf-8")
        outputs[doc.page] = page
        for image in document_images(doc.tree, doc.source.parent).values():
            outputs[f"images/{image.name}"] = image.data
        hidden.setdefault(doc.source, []).append(unshown(doc.tree, page))
        if doc.volume:  # its volume's page publishes the file
            continue
        copy = read_copy(doc, edition)
        outputs[doc.download] = zip_copy(f"{doc.id}.xml", copy.data)
        outputs[doc.source_view] = render_source(doc, copy, edition).encode("utf-8")
    outputs.update(index_files(docs, _terms(docs, edition), edition))
    outputs.update(_register_pages(docs, edition))
    for name, data in site_assets():
        outputs[name] = data
    if diagnostics is not None:
        for source, kinds in hidden.items():
            diagnostics.extend(not_rendered(str(source), kinds))
    return outputs


def search_terms(doc: Document, register: Register | None) -> dict[str, int]:
    """A document's search terms, with the name forms of the register entries it names;
    its register filters' values (``doc.registered``) are set on the way. The one call of
    the page worker (tei_edition/build/pages.py) and of :func:`site_outputs`."""
    from tei_edition.site_registers import document_refs, document_registered, search_names

    refs = document_refs(doc.tree)
    doc.registered = document_registered(register, refs)
    return document_terms(doc, search_names(register, refs))


def _terms(docs: list[Document], edition: Edition) -> list[dict[str, int]]:
    from tei_edition.site_registers import edition_register

    register = edition_register(edition)
    return [search_terms(doc, register) for doc in docs]


def _register_pages(docs: list[Document], edition: Edition) -> dict[str, bytes]:
    """The register pages (tei_edition/site_registers.py) of an edition with registers."""
    from tei_edition.site_registers import (
        document_mentions,
        edition_register,
        mentions_of,
        register_files,
        sort_text,
    )

    register = edition_register(edition)
    if register is None:
        return {}
    mentions = [m for doc in docs for m in mentions_of(
        doc.page, doc.title, doc.meta.date_text, sort_text(doc.meta),
        document_mentions(doc.tree))]
    return register_files(mentions, register, edition)


def build_site(paths: Iterable[str | Path], out_dir: str | Path, edition: Edition,
               force: bool = False, include_root: str | Path | None = None) -> SiteResult:
    """Render the documents into a static site in ``out_dir`` (an :class:`OutputFolder`
    marked by :data:`MARKER`: a previous site there is replaced, any other non-empty folder
    needs ``force``)."""
    folder = OutputFolder(out_dir, MARKER, force=force)
    # a folder's files that another of them XIncludes are parts of it, not documents
    files, diagnostics = xinclude.without_parts(paths, find_documents(paths))
    docs = read_documents(files, include_root, diagnostics)
    folder.inputs = FileSet(doc.source for doc in docs)
    outputs = site_outputs(docs, edition, diagnostics)
    folder.write_all(outputs)
    return SiteResult(folder.root, docs, sorted(outputs), diagnostics)

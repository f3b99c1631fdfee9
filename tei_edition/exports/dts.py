"""A static Distributed Text Services tree (DTS 1.0): the edition's documents for any DTS
client, from any static host.

DTS 1.0 defines four endpoints answering query parameters; its section "Conformance" lets a
"Level 0" server leave out the ``start``/``end`` ranges and says that Level 0 allows
"implementations created by generating static files", and its section "URI Templates
examples for static website" lets the endpoints' URI templates (RFC 6570) put the parameters
in the path (``{/id}``, ``{;down}``) instead of a query, which a static host can serve. The
entry point gives these templates, and this module writes a file for each expansion it
serves, under ``dts/`` in the site (``B`` is the site's base_url, ``R`` a document's id,
``P`` a paragraph's ``xml:id``)::

    dts/index.jsonld                      entry point
      collection  B/dts/collection{/id}{;page}.jsonld
      navigation  B/dts/navigation/{resource}{/ref}{;down}.jsonld
      document    B/dts/document/{resource}{/ref}.xml
    dts/collection.jsonld                 the edition (no id: the root collection), its
    dts/collection/edition.jsonld           documents as members (the same, by its id);
    dts/collection/edition;page=2.jsonld    pages of PAGE_SIZE members beyond
    dts/collection/R.jsonld               a document (a Resource)
    dts/navigation/R;down=1.jsonld        its paragraphs (down=-1: the same, to the bottom)
    dts/navigation/R/P.jsonld             one paragraph (ref)
    dts/document/R.xml                    its TEI
    dts/document/R/P.xml                  one paragraph: TEI with the paragraph in a
                                          dts:wrapper

The citation tree is one level, the paragraphs: every ``p`` with an ``xml:id`` in the text,
in document order (the encoder gives each paragraph one: ``p1``, ``p2``, ...); a document
without any has an empty ``citationTrees``. Ids need no escaping in a template: a document's
id is a page name (letters, digits, ``.``, ``_``, ``-``: tei_edition/metadata.py's
page_name) and a paragraph's is an XML name (no ``/``, ``;``, ``?``, no leading ``.``), so
each expansion is a file name. Not served (a static host answers 404): ``nav=parents``,
``down`` with a ``ref`` or beyond 1, ``tree`` (there is one tree), ``mediaType`` (TEI
only), and the error answers (400) of calls the specification rejects.

A Resource's ``dublinCore`` has its title, language, date and description, and as
``creator`` who sent it (:func:`creators`: an authority URI where the header or the
register gives one, else the name; DTS's MetadataObject takes URIs). The recipients and
places have no Dublin Core term of their own and are left to CMIF and the page's JSON-LD.

Every URI is absolute under base_url (a template is expanded by the client, and a relative
one would resolve against whichever file the client read it from): without a base_url the
tree is skipped with a warning.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from tei_edition.edition import Edition, site_url
from tei_edition.metadata import Metadata
from tei_edition.registers.authority import name_authorities
from tei_edition.tei import NS, tei, xml_attr

CONTEXT = "https://dtsapi.org/context/v1.0.json"
VERSION = "1.0"
#: The namespace of the element a passage is wrapped in (DTS 1.0, Document Endpoint)
WRAPPER_NS = "https://w3id.org/api/dts#"
CITE_TYPE = "paragraph"
#: Members of the edition's collection in one file; more are paginated.
PAGE_SIZE = 1000
ROOT = "dts/"
TEI_MEDIA_TYPE = "application/tei+xml"
#: An XML name (NCName) as xml:id has it: a letter or "_", then letters, digits, ".", "-",
#: "_" (and the marks and the middle dot XML allows): never "/", ";" or a leading ".".
_NAME = re.compile(r"[^\W\d][\w.\-\u00b7\u0300-\u036f\u203f\u2040]*")


def citable_paragraphs(tree: etree._ElementTree | etree._Element) -> list[etree._Element]:
    """A document's citable paragraphs: ``p`` with an ``xml:id`` in the text, each id once,
    in document order."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    seen: set[str] = set()
    found = []
    for p in root.iterfind(".//tei:text//tei:p", NS):
        ref = p.get(xml_attr("id"))
        # a ref names a file: an id that is no XML name ("../x", "a/b": a document not
        # validated) or is longer than a file name may be is left out
        if ref and ref not in seen and _NAME.fullmatch(ref) and len(ref.encode("utf-8")) <= 200:
            seen.add(ref)
            found.append(p)
    return found


@dataclass(frozen=True)
class Resource:
    """A document as the collection lists it: what its metadata says, and how many citable
    paragraphs it has (:func:`citable_paragraphs`; none: no citation tree). Small, so that
    the collection of 100,000 documents is made without their trees."""

    id: str
    title: str
    language: str
    when: str | None
    summary: str
    passages: int
    #: its ``dublinCore`` ``creator``: who sent it, each as :func:`creators` gives them
    creators: tuple[str, ...] = ()


def creators(meta: Metadata) -> tuple[str, ...]:
    """Who sent a document, for Dublin Core's ``creator``: each sender by the first of its
    authority URIs (the header's, else its register entry's: registers/authority.py), else
    by its name, each once. DTS's MetadataObject takes URIs, and a name where there is none,
    as the specification's own example does (``"publisher": ["École Nationale des
    Chartes", "https://viaf.org/viaf/167874585"]``)."""
    found: list[str] = []
    for action in meta.correspondence:
        if action.type != "sent":
            continue
        for name in action.names:
            uris = name_authorities(name)
            value = uris[0] if uris else name.text
            if value not in found:
                found.append(value)
    return tuple(found)


class Tree:
    """The static tree of one edition. Each endpoint's method returns the files it makes by
    their paths inside the site: :meth:`entry` and :meth:`collection` (which reads every
    document's metadata) once per build, :meth:`document` per document (its files depend on
    that document and edition.toml alone, so an incremental build redoes only those of the
    documents that changed, and a worker can make them beside the document's page)."""

    def __init__(self, edition: Edition, page_size: int = PAGE_SIZE):
        url = site_url(edition, ROOT)
        assert url is not None, "the exports check base_url first (exports/edition.py)"
        self.edition = edition
        self.base = url
        self.page_size = page_size
        self.templates = {
            "collection": f"{url}collection{{/id}}{{;page}}.jsonld",
            "navigation": f"{url}navigation/{{resource}}{{/ref}}{{;down}}.jsonld",
            "document": f"{url}document/{{resource}}{{/ref}}.xml",
        }

    def url(self, path: str) -> str:
        return self.base + path

    @staticmethod
    def json_file(files: dict[str, bytes], path: str | Sequence[str],
                  data: dict[str, object]) -> None:
        """A response at ``path`` (or at each of the paths, which answer the same)."""
        body = {"@context": CONTEXT, "dtsVersion": VERSION, **data}
        # compact: a document of a hundred paragraphs has two hundred files
        text = (json.dumps(body, ensure_ascii=False, separators=(",", ":")) + "\n"
                ).encode("utf-8")
        for name in [path] if isinstance(path, str) else path:
            files[ROOT + name] = text

    @staticmethod
    def xml_file(files: dict[str, bytes], path: str, root: etree._Element) -> None:
        files[ROOT + path] = etree.tostring(root, encoding="UTF-8",
                                            xml_declaration=True) + b"\n"

    # -- the objects ----------------------------------------------------------------------

    def resource(self, r: Resource) -> dict[str, object]:
        """The Resource object, as the collection and the navigation give it."""
        dublin_core: dict[str, object] = {"title": [{"lang": r.language, "value": r.title}],
                                          "language": [r.language]}
        if r.when:
            dublin_core["date"] = r.when
        if r.summary:
            dublin_core["description"] = [{"lang": r.language, "value": r.summary}]
        if r.creators:
            dublin_core["creator"] = list(r.creators)
        trees = [{"@type": "CitationTree",
                  "citeStructure": [{"@type": "CiteStructure", "citeType": CITE_TYPE}]}]
        return {
            "@id": r.id, "@type": "Resource", "title": r.title,
            **({"description": r.summary} if r.summary else {}),
            "totalParents": 1, "totalChildren": 0,
            "collection": self.url(f"collection/{r.id}.jsonld"),
            "navigation": self.url(f"navigation/{r.id}{{/ref}}{{;down}}.jsonld"),
            "document": self.url(f"document/{r.id}{{/ref}}.xml"),
            "download": self.url(f"document/{r.id}.xml"),
            "mediaTypes": [TEI_MEDIA_TYPE],
            "citationTrees": trees if r.passages else [],
            "dublinCore": dublin_core,
        }

    def short_resource(self, r: Resource) -> dict[str, object]:
        """The Resource as a Navigation object gives it: the properties the specification
        requires there (the rest is in the collection, once)."""
        full = self.resource(r)
        return {key: full[key] for key in ("@id", "@type", "collection", "navigation",
                                           "document", "citationTrees")}

    @staticmethod
    def unit(p: etree._Element) -> dict[str, object]:
        return {"identifier": p.get(xml_attr("id")), "@type": "CitableUnit", "level": 1,
                "parent": None, "citeType": CITE_TYPE}

    # -- the endpoints --------------------------------------------------------------------

    def entry(self) -> dict[str, bytes]:
        files: dict[str, bytes] = {}
        self.json_file(files, "index.jsonld", {"@id": self.url("index.jsonld"),
                                               "@type": "EntryPoint", **self.templates})
        return files

    def collection(self, items: Sequence[Resource]) -> dict[str, bytes]:
        ids = {r.id for r in items}
        root_id = "edition"
        while root_id in ids:  # a document called "edition" keeps its name
            root_id += "-collection"
        edition = self.edition
        dublin_core: dict[str, object] = {"title": [{"lang": "en", "value": edition.title}]}
        if edition.publisher:
            dublin_core["publisher"] = [edition.publisher]
        if edition.editors:
            dublin_core["contributor"] = list(edition.editors)
        if edition.licence_url:
            dublin_core["license"] = edition.licence_url
        head = {"@id": root_id, "@type": "Collection", "title": edition.title,
                "totalParents": 0, "totalChildren": len(items),
                "collection": self.templates["collection"], "dublinCore": dublin_core}
        pages = [items[n:n + self.page_size]
                 for n in range(0, len(items), self.page_size)] or [[]]

        files: dict[str, bytes] = {}

        def page_url(n: int) -> str:
            return self.url(f"collection/{root_id};page={n}.jsonld")

        for n, members in enumerate(pages, 1):
            data = {**head, "member": [self.resource(r) for r in members]}
            if len(pages) > 1:
                view: dict[str, object] = {"@id": page_url(n), "@type": "Pagination",
                                           "first": page_url(1)}
                if n > 1:
                    view["previous"] = page_url(n - 1)
                if n < len(pages):
                    view["next"] = page_url(n + 1)
                view["last"] = page_url(len(pages))
                data["view"] = view
                paths = [f"collection;page={n}.jsonld", f"collection/{root_id};page={n}.jsonld"]
            else:
                paths = []
            if n == 1:  # the root asked for with no id, and by its id
                paths += ["collection.jsonld", f"collection/{root_id}.jsonld"]
            self.json_file(files, paths, data)
        return files

    def document(self, r: Resource, tree: etree._ElementTree,
                 paragraphs: Sequence[etree._Element]) -> dict[str, bytes]:
        """The files of one document: ``r`` its resource, ``paragraphs`` its
        :func:`citable_paragraphs` (``r.passages`` of them) in ``tree``."""
        files: dict[str, bytes] = {}
        self.json_file(files, f"collection/{r.id}.jsonld", self.resource(r))
        resource = self.short_resource(r)
        for down in ("1", "-1"):
            path = f"navigation/{r.id};down={down}.jsonld"
            self.json_file(files, path, {"@id": self.url(path), "@type": "Navigation",
                                         "resource": resource,
                                         "member": [self.unit(p) for p in paragraphs]})
        keep_comments = self.edition.publish_comments
        self.xml_file(files, f"document/{r.id}.xml", _copy(tree.getroot(), keep_comments))
        for p in paragraphs:
            ref = p.get(xml_attr("id"))
            path = f"navigation/{r.id}/{ref}.jsonld"
            self.json_file(files, path, {"@id": self.url(path), "@type": "Navigation",
                                         "resource": resource, "ref": self.unit(p)})
            self.xml_file(files, f"document/{r.id}/{ref}.xml", passage(p, keep_comments))
        return files


_COMMENTS = etree.XPath(".//comment()")
_LANG = etree.XPath("ancestor-or-self::*[@xml:lang][1]/@xml:lang")


def _copy(el: etree._Element, keep_comments: bool) -> etree._Element:
    """A copy of ``el`` without its tail; without XML comments unless ``keep_comments``
    (edition.toml's publish_comments, as the site's TEI copies)."""
    out = copy.deepcopy(el)
    out.tail = None
    if not keep_comments:
        for comment in _COMMENTS(out):
            parent = comment.getparent()
            if comment.tail:  # the text after a comment stays
                prev = comment.getprevious()
                if prev is not None:
                    prev.tail = (prev.tail or "") + comment.tail
                else:
                    parent.text = (parent.text or "") + comment.tail
            parent.remove(comment)
    return out


def passage(p: etree._Element, keep_comments: bool = False) -> etree._Element:
    """The Document endpoint's answer for one paragraph: a ``TEI`` in the paragraph's
    language (the nearest ``xml:lang`` around it) holding the paragraph, whole, in
    ``dts:wrapper`` (DTS 1.0, "XML/TEI encoding and sub-tree representation")::

        <TEI xml:lang="en"><text><body>
          <dts:wrapper xmlns:dts="https://w3id.org/api/dts#"><p xml:id="p2">...</p></dts:wrapper>
        </body></text></TEI>

    The header is left out (the specification allows context beside the wrapper, it does
    not ask for it): the document's header is in its full TEI, and a copy in every
    paragraph's file would make the tree several times the size of the edition."""
    root = etree.Element(tei("TEI"), nsmap={None: NS["tei"]})
    lang = _LANG(p)
    if lang:
        root.set(xml_attr("lang"), str(lang[0]))
    body = etree.SubElement(etree.SubElement(root, tei("text")), tei("body"))
    wrapper = etree.SubElement(body, f"{{{WRAPPER_NS}}}wrapper", nsmap={"dts": WRAPPER_NS})
    wrapper.append(_copy(p, keep_comments))
    return root

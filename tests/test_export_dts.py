"""The static DTS 1.0 tree (tei_edition/exports/dts.py) against the specification's rules:
every URI template the tree gives, expanded as RFC 6570 says, names a file it wrote (also
over HTTP from a static server, with an id that needs percent-encoding); every response has
the DTS context, dtsVersion and the keys its type requires, and only terms of the DTS 1.0
context; a passage holds exactly its paragraph; the collection paginates; without base_url
no tree and a warning."""

from __future__ import annotations

import http.server
import json
import re
import threading
import urllib.request
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from tei_edition.edition import Edition, load_edition
from tei_edition.errors import Diagnostic
from tei_edition.exports.dts import CONTEXT, WRAPPER_NS, citable_paragraphs
from tei_edition.exports.edition import document_exports
from tei_edition.files import OutputFolder
from tei_edition.site import read_documents
from tei_edition.tei import NS, xml_attr
from tests.export_files import site_exports, under

SAMPLE = Path(__file__).resolve().parent.parent / "xml"
BASE = "https://example.org/border-commission/"
# The terms of https://dtsapi.org/context/v1.0.json (DTS 1.0), and JSON-LD's keywords
TERMS = {"CitableUnit", "CitationTree", "CiteStructure", "Collection", "EntryPoint",
         "MetadataObject", "Navigation", "Pagination", "Resource", "citationTrees",
         "citeStructure", "description", "lang", "value", "dublinCore", "end", "extensions",
         "first", "last", "member", "next", "previous", "ref", "resource", "start", "title",
         "view", "citeType", "collection", "document", "download", "dtsVersion",
         "identifier", "level", "mediaTypes", "navigation", "parent", "totalChildren",
         "totalParents", "@id", "@type", "@context"}
# The keys the specification's tables mark required, by @type
REQUIRED = {
    "EntryPoint": {"@id", "@type", "dtsVersion", "collection", "navigation", "document"},
    "Collection": {"@id", "@type", "dtsVersion", "title", "totalParents", "totalChildren",
                   "collection"},
    "Resource": {"@id", "@type", "title", "totalParents", "collection", "navigation",
                 "document"},
    "Navigation": {"@id", "@type", "dtsVersion", "resource"},
    "CitableUnit": {"identifier", "@type", "level", "parent"},
    "CitationTree": {"@type"},
    "CiteStructure": {"citeType"},
    "Pagination": {"@id", "@type", "first", "last"},
}
NAV_RESOURCE = {"@id", "@type", "collection", "navigation", "document", "citationTrees"}


def dts_files(docs, edition: Edition, **options: int
              ) -> tuple[dict[str, bytes], list[Diagnostic]]:
    """The DTS files of the site's exports (exports/edition.py) and their warnings."""
    warnings: list[Diagnostic] = []
    files = site_exports(docs, edition, warnings, **options)
    return under(files, "dts/"), [w for w in warnings if "DTS" in w.message]


# -- RFC 6570, the operators the tree uses ----------------------------------------------

def _encode(value: str) -> str:
    return "".join(c if re.fullmatch(r"[A-Za-z0-9\-._~]", c) else
                   "".join(f"%{b:02X}" for b in c.encode("utf-8")) for c in value)


def expand(template: str, values: dict[str, str]) -> str:
    """RFC 6570 level 3 for the operators "" (simple), "/" (path segments) and ";" (path
    parameters): an undefined variable expands to nothing."""
    def one(m: re.Match[str]) -> str:
        op, names = (m.group(1)[0], m.group(1)[1:]) if m.group(1)[0] in "/;" \
            else ("", m.group(1))
        defined = [(n, values[n]) for n in names.split(",") if n in values]
        if op == "/":
            return "".join("/" + _encode(v) for _, v in defined)
        if op == ";":
            return "".join(f";{n}={_encode(v)}" if v else f";{n}" for n, v in defined)
        return ",".join(_encode(v) for _, v in defined)
    assert not re.search(r"\{[?&#+.]", template), f"an operator outside this test: {template}"
    return re.sub(r"\{([^}]+)\}", one, template)


def test_the_expander_follows_the_rfc_examples():
    values = {"var": "value", "x": "1024", "half": "50%"}
    assert expand("{var}", values) == "value"
    assert expand("{/var,x}", values) == "/value/1024"
    assert expand("{;x}", values) == ";x=1024"
    assert expand("{half}", values) == "50%25"
    assert expand("a{/undef}{;undef}b", values) == "ab"


# -- the tree of the sample edition -----------------------------------------------------

@pytest.fixture(scope="module")
def docs():
    return read_documents(sorted((SAMPLE / "tei").glob("*.xml")))


@pytest.fixture(scope="module")
def tree(docs, tmp_path_factory) -> Path:
    """The tree written as the build writes the site (tei_edition/files.py)."""
    files, warnings = dts_files(docs, load_edition(SAMPLE))
    assert warnings == []
    out = tmp_path_factory.mktemp("dts") / "site"
    OutputFolder(out, ".marker").write_all(files)
    return out


def read(site: Path, url: str):
    assert url.startswith(BASE), url
    path = site / urllib.request.url2pathname(url[len(BASE):])
    assert path.is_file(), f"{url} expands to no file"
    return json.loads(path.read_text("utf-8")) if path.suffix == ".jsonld" else path


def paragraphs(doc) -> list[etree._Element]:
    return [p for p in doc.tree.getroot().iterfind(".//tei:text//tei:p", NS)
            if p.get(xml_attr("id"))]


def test_every_template_expands_to_a_file(tree, docs):
    entry = read(tree, BASE + "dts/index.jsonld")
    root = read(tree, expand(entry["collection"], {}))
    assert read(tree, expand(entry["collection"], {"id": root["@id"]})) == root
    assert [m["@id"] for m in root["member"]] == [d.id for d in docs]
    n_paragraphs = 0
    for doc, member in zip(docs, root["member"], strict=True):
        own = read(tree, expand(entry["collection"], {"id": doc.id}))
        assert own == {"@context": CONTEXT, "dtsVersion": "1.0", **member}
        assert read(tree, member["collection"]) == own
        refs = [p.get(xml_attr("id")) for p in paragraphs(doc)]
        n_paragraphs += len(refs)
        for down in ("1", "-1"):
            nav = read(tree, expand(entry["navigation"], {"resource": doc.id, "down": down}))
            assert [u["identifier"] for u in nav["member"]] == refs
            assert nav == read(tree, expand(member["navigation"], {"down": down}))
        assert read(tree, expand(entry["document"], {"resource": doc.id})).is_file()
        for ref in refs:
            unit = read(tree, expand(entry["navigation"], {"resource": doc.id, "ref": ref}))
            assert unit["ref"]["identifier"] == ref and "member" not in unit
            assert read(tree, expand(member["navigation"], {"ref": ref})) == unit
            assert read(tree, expand(entry["document"], {"resource": doc.id, "ref": ref})) \
                == read(tree, expand(member["document"], {"ref": ref}))
    assert n_paragraphs >= 40  # the sample edition's paragraphs all have ids


def _walk(value, where: str):
    """Every JSON object outside dublinCore (which has its own vocabulary), with its path."""
    if isinstance(value, dict):
        yield where, value
        for key, item in value.items():
            if key != "dublinCore":
                yield from _walk(item, f"{where}.{key}")
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _walk(item, f"{where}[{n}]")


def check_response(data: dict, name: str) -> None:
    """A DTS 1.0 response (``name``: its file): the context, dtsVersion, only DTS terms,
    and the keys each object's type requires."""
    assert data["@context"] == CONTEXT and data["dtsVersion"] == "1.0", name
    for where, obj in _walk(data, name):
        assert set(obj) <= TERMS, f"{where}: {set(obj) - TERMS} are no DTS 1.0 terms"
        kind = obj.get("@type", "CiteStructure" if "citeType" in obj and "level" not in obj
                       else None)
        if kind is None:
            continue
        required = NAV_RESOURCE if where.endswith(".resource") else REQUIRED[kind]
        assert required <= set(obj), f"{where}: {kind} lacks {required - set(obj)}"
        if kind == "Collection":
            assert obj["totalChildren"] == len(obj.get("member", [])) or "view" in obj
        if kind == "CitableUnit":
            assert obj["level"] == 1 and obj["parent"] is None
        if kind == "Navigation":
            assert ("ref" in obj) != ("member" in obj), where


def test_every_response_has_the_context_and_the_required_keys(tree):
    files = sorted(tree.rglob("*.jsonld"))
    assert len(files) > 50
    for path in files:
        check_response(json.loads(path.read_text("utf-8")), path.relative_to(tree).as_posix())


def test_the_response_check_finds_a_missing_key():
    """The check is not blind: a Resource without its navigation, a stray term."""
    good = {"@context": CONTEXT, "dtsVersion": "1.0", "@id": "d", "@type": "Resource",
            "title": "T", "totalParents": 1, "collection": "c", "navigation": "n",
            "document": "d"}
    check_response(good, "good")
    for bad in ({k: v for k, v in good.items() if k != "navigation"}, {**good, "name": "x"}):
        with pytest.raises(AssertionError):
            check_response(bad, "bad")


def alone(el: etree._Element) -> str:
    """An element as C14N 2.0 text on its own (its namespaces declared; no comments, which
    the tree does not publish)."""
    return etree.tostring(etree.fromstring(etree.tostring(el, with_tail=False)),
                          method="c14n2", with_comments=False).decode("utf-8")


def test_a_passage_holds_exactly_its_paragraph(tree, docs):
    checked = 0
    for doc in docs:
        for p in paragraphs(doc):
            ref = p.get(xml_attr("id"))
            path = read(tree, f"{BASE}dts/document/{doc.id}/{ref}.xml")
            root = etree.parse(str(path)).getroot()
            assert root.tag == f"{{{NS['tei']}}}TEI"
            (wrapper,) = root.iterfind(f".//{{{WRAPPER_NS}}}wrapper")
            assert wrapper.text is None and len(wrapper) == 1
            (inside,) = wrapper
            assert alone(inside) == alone(p), f"{doc.id}/{ref}"
            assert root.get(xml_attr("lang")) == doc.meta.language
            checked += 1
    assert checked >= 40
    # the whole document is the document's TEI
    cable = next(d for d in docs if d.id == "wilson-900101")
    whole = etree.parse(str(read(tree, f"{BASE}dts/document/wilson-900101.xml")))
    assert alone(whole.getroot()) == alone(cable.tree.getroot())


def test_a_static_server_answers_the_expanded_urls(tmp_path, docs):
    """Served by a static web server on 127.0.0.1: an id that RFC 6570 percent-encodes
    ("absatz-ä") is found as the file of that name, ";down=-1" as its file."""
    doc = docs[0]
    p = paragraphs(doc)[0]
    p.set(xml_attr("id"), "absatz-ä")
    try:
        files, _ = dts_files([doc], replace(load_edition(SAMPLE),
                                            base_url="http://127.0.0.1:1/ed/"))
    finally:
        p.set(xml_attr("id"), "p1")
    OutputFolder(tmp_path / "ed", ".marker").write_all(files)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *a: Quiet(*a, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]

        def get(url: str) -> bytes:
            url = url.replace("127.0.0.1:1", f"127.0.0.1:{port}")
            with urllib.request.urlopen(url, timeout=10) as answer:
                return answer.read()

        entry = json.loads(get("http://127.0.0.1:1/ed/dts/index.jsonld"))
        passage = expand(entry["document"], {"resource": doc.id, "ref": "absatz-ä"})
        assert passage.endswith("/absatz-%C3%A4.xml")
        assert b'xml:id="absatz-\xc3\xa4"' in get(passage)
        nav = json.loads(get(expand(entry["navigation"], {"resource": doc.id, "down": "-1"})))
        assert nav["member"][0]["identifier"] == "absatz-ä"
    finally:
        server.shutdown()
        server.server_close()


def test_the_collection_paginates(docs):
    files, _ = dts_files(docs, load_edition(SAMPLE), page_size=5)
    pages = [json.loads(files[f"dts/collection/edition;page={n}.jsonld"]) for n in (1, 2, 3)]
    assert json.loads(files["dts/collection.jsonld"]) == pages[0] \
        == json.loads(files["dts/collection;page=1.jsonld"])
    assert "dts/collection/edition;page=4.jsonld" not in files
    assert [len(p["member"]) for p in pages] == [5, 5, 3]
    assert [m["@id"] for p in pages for m in p["member"]] == [d.id for d in docs]
    assert all(p["totalChildren"] == 13 for p in pages)
    url = f"{BASE}dts/collection/edition;page="
    assert pages[1]["view"] == {"@id": f"{url}2.jsonld", "@type": "Pagination",
                                "first": f"{url}1.jsonld", "previous": f"{url}1.jsonld",
                                "next": f"{url}3.jsonld", "last": f"{url}3.jsonld"}
    for page in pages:  # every link is a file
        for key in ("first", "previous", "next", "last"):
            if key in page["view"]:
                assert f"dts/{page['view'][key][len(BASE + 'dts/'):]}" in files
    # one page: no view
    assert "view" not in json.loads(dts_files(docs, load_edition(SAMPLE))[0][
        "dts/collection.jsonld"])


def test_a_document_without_paragraph_ids_has_no_citation_tree(tmp_path):
    path = tmp_path / "plain.xml"
    path.write_text("""<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="plain">
  <teiHeader><fileDesc><titleStmt><title>Plain</title></titleStmt>
    <publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc>
  </fileDesc></teiHeader>
  <text><body><p>No id.</p><!-- an editor's note --></body></text></TEI>""", encoding="utf-8")
    files, _ = dts_files(read_documents([path]), load_edition(SAMPLE))
    assert json.loads(files["dts/collection/plain.jsonld"])["citationTrees"] == []
    assert json.loads(files["dts/navigation/plain;down=1.jsonld"])["member"] == []
    assert not [n for n in files if n.startswith("dts/document/plain/")]
    # the editors' comments are not published (edition.toml's publish_comments)
    assert b"editor's note" not in files["dts/document/plain.xml"]


@pytest.mark.parametrize("base_url, why", [
    (None, "base_url is not set"),
    ("/edition/", "base_url '/edition/' is not an absolute http(s) URL"),
])
def test_no_base_url_no_tree_and_a_warning(docs, base_url, why):
    edition = replace(load_edition(SAMPLE), base_url=base_url)
    files, warnings = dts_files(docs, edition)
    assert files == {}
    assert [str(w) for w in warnings] == [
        f"{SAMPLE / 'edition.toml'}: warning [no-base-url] {why} in edition.toml: the DTS tree "
        "(dts/) is not written (it needs the site's address, e.g. base_url = "
        "\"https://example.org/edition/\")"]


def test_the_same_bytes_every_build_and_per_document(docs):
    """An incremental build compares outputs and redoes one document's files alone."""
    edition = load_edition(SAMPLE)
    files, _ = dts_files(docs, edition)
    assert dts_files(docs, edition)[0] == files
    cable = next(d for d in docs if d.id == "wilson-900101")
    own = under(document_exports(cable, edition), "dts/")
    assert own == {name: data for name, data in files.items()
                   if re.match(r"dts/(collection|document|navigation)/wilson-900101[/;.]", name)}
    assert len(own) == 1 + 2 + 1 + 2 * len(citable_paragraphs(cable.tree))


def test_an_id_that_is_no_xml_name_is_no_ref(tmp_path):
    """A document not validated may carry any xml:id: one that would be a path is skipped."""
    path = tmp_path / "odd.xml"
    path.write_text("""<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="odd">
  <teiHeader><fileDesc><titleStmt><title>Odd</title></titleStmt>
    <publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc>
  </fileDesc></teiHeader>
  <text><body><p xml:id="../../evil">a</p><p xml:id="a/b">b</p><p xml:id=".x">c</p>
    <p xml:id="ok-1">d</p><p xml:id="ok-1">the same id again</p></body></text></TEI>""",
                    encoding="utf-8")
    files, _ = dts_files(read_documents([path]), load_edition(SAMPLE))
    assert sorted(n for n in files if "/odd/" in n) == ["dts/document/odd/ok-1.xml",
                                                         "dts/navigation/odd/ok-1.jsonld"]
    assert b">d</p>" in files["dts/document/odd/ok-1.xml"]
    assert all(".." not in n for n in files)

"""The Dublin Core records (tei_edition/exports/dublin_core.py) and the OAI-PMH static
repositories (tei_edition/exports/oai.py).

The static-repository XSD is not here, so :func:`static_repository_problems` checks the
specification's rules itself (OAI-PMH 2.0, "Specification for an OAI Static Repository and
an OAI Static Repository Gateway", and the OAI-PMH rules it restricts): the namespaces, the
root and its children in order, Identify's required elements in order with their fixed
values (protocolVersion 2.0, deletedRecord no, granularity YYYY-MM-DD), a baseURL that is
the gateway's URL, a slash and the file's URL without its scheme, an earliestDatestamp no
later than any record, a ListRecords per listed format, every record a header (identifier,
datestamp; no setSpec, no status) and one metadata element, identifiers that are URIs and
unique, datestamps that are days; each ``oai_dc:dc`` only the fifteen Dublin Core elements.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
from lxml import etree

from tei_edition.edition import Edition, load_edition
from tei_edition.errors import InputError
from tei_edition.exports.dublin_core import DC_ELEMENTS, DC_NS, OAI_DC_NS, dc_fields
from tei_edition.exports.edition import ExportEntry, edition_exports, export_entry
from tei_edition.exports.oai import MAX_RECORDS, SR_NS, gateway_base_url
from tei_edition.files import OutputFolder
from tei_edition.metadata import Metadata
from tei_edition.resources import sample_edition_dir
from tei_edition.site import read_documents
from tests.conftest import SHARED, need_shared
from tests.export_files import site_exports

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
XSI = "{http://www.w3.org/2001/XMLSchema-instance}"
NS = {"sr": SR_NS, "oai": OAI_NS, "oai_dc": OAI_DC_NS, "dc": DC_NS}
DAY = dt.date(2026, 1, 1)
BASE = "https://example.org/border-commission/"
GATEWAY = "https://gateway.example.org/oai/"
IDENTIFY = ("repositoryName", "baseURL", "protocolVersion", "adminEmail",
            "earliestDatestamp", "deletedRecord", "granularity")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


def _day(text: str | None) -> dt.date | None:
    if not _DAY.fullmatch(text or ""):
        return None
    try:
        return dt.date.fromisoformat(text or "")
    except ValueError:
        return None


def static_repository_problems(data: bytes, file_url: str, gateway: str) -> list[str]:
    """Every way ``data`` (a file's bytes) breaks the Static Repository specification."""
    problems: list[str] = []
    if not data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>"):
        problems.append("not declared UTF-8")
    root = etree.fromstring(data)
    if root.tag != f"{{{SR_NS}}}Repository":
        return [f"root is {root.tag}"]
    if root.get(f"{XSI}schemaLocation", "").split()[:1] != [SR_NS]:
        problems.append("no schemaLocation for the static-repository namespace")
    children = [(c.tag, c) for c in root]
    tags = [t for t, _ in children]
    expected = [f"{{{SR_NS}}}Identify", f"{{{SR_NS}}}ListMetadataFormats"]
    if tags[:2] != expected or any(t != f"{{{SR_NS}}}ListRecords" for t in tags[2:]) \
            or len(tags) < 3:
        problems.append(f"Repository's children: {tags}")
        return problems
    identify = children[0][1]
    names = [_local(c) for c in identify if c.tag.startswith(f"{{{OAI_NS}}}")]
    if [n for n in names if n not in ("adminEmail", "description")] != \
            [n for n in IDENTIFY if n != "adminEmail"] or "adminEmail" not in names:
        problems.append(f"Identify's elements: {names}")
    if any(not c.tag.startswith(f"{{{OAI_NS}}}") for c in identify):
        problems.append("an Identify element outside the OAI-PMH namespace")
    value = {_local(c): (c.text or "") for c in identify}
    if value.get("protocolVersion") != "2.0":
        problems.append(f"protocolVersion {value.get('protocolVersion')}")
    if value.get("deletedRecord") != "no":
        problems.append(f"deletedRecord {value.get('deletedRecord')}")
    if value.get("granularity") != "YYYY-MM-DD":
        problems.append(f"granularity {value.get('granularity')}")
    want = gateway.rstrip("/") + "/" + re.sub(r"^https?://", "", file_url)
    if value.get("baseURL") != want:
        problems.append(f"baseURL {value.get('baseURL')}, not {want}")
    if not value.get("repositoryName", "").strip():
        problems.append("no repositoryName")
    for email in identify.iterfind("oai:adminEmail", NS):
        if not re.fullmatch(r"[^\s@]+@[^\s@]+\.[^\s@]+", email.text or ""):
            problems.append(f"adminEmail {email.text}")
    earliest = _day(value.get("earliestDatestamp"))
    if earliest is None:
        problems.append(f"earliestDatestamp {value.get('earliestDatestamp')}")
    formats = {}
    for fmt in children[1][1]:
        parts = {_local(c): c.text for c in fmt}
        if fmt.tag != f"{{{OAI_NS}}}metadataFormat" or \
                list(parts) != ["metadataPrefix", "schema", "metadataNamespace"]:
            problems.append(f"metadataFormat {parts}")
        formats[parts.get("metadataPrefix")] = parts
    if formats.get("oai_dc") != {"metadataPrefix": "oai_dc",
                                 "schema": "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
                                 "metadataNamespace": OAI_DC_NS}:
        problems.append(f"oai_dc format: {formats.get('oai_dc')}")
    listed = [lr.get("metadataPrefix") for _, lr in children[2:]]
    if sorted(listed) != sorted(formats):
        problems.append(f"ListRecords for {listed}, formats {sorted(formats)}")
    for _, lr in children[2:]:
        seen: set[str] = set()
        if lr.find("oai:resumptionToken", NS) is not None:
            problems.append("a resumptionToken")
        for record in lr:
            if record.tag != f"{{{OAI_NS}}}record":
                problems.append(f"{record.tag} in ListRecords")
                continue
            header = record.find("oai:header", NS)
            if header is None:
                problems.append("a record without a header")
                continue
            parts = [_local(c) for c in header]
            if parts != ["identifier", "datestamp"] or header.get("status") is not None:
                problems.append(f"header {parts} {dict(header.attrib)}")
                continue
            ident = header.findtext("oai:identifier", namespaces=NS)
            if not _URI.fullmatch(ident or ""):
                problems.append(f"identifier {ident} is no URI")
            if ident in seen:
                problems.append(f"identifier {ident} twice")
            seen.add(ident)
            stamp = _day(header.findtext("oai:datestamp", namespaces=NS))
            if stamp is None:
                problems.append(f"datestamp of {ident}")
            elif earliest is not None and stamp < earliest:
                problems.append(f"datestamp of {ident} before earliestDatestamp")
            meta = record.findall("oai:metadata", NS)
            if [_local(c) for c in record] != ["header", "metadata"] or len(meta[0]) != 1:
                problems.append(f"record {ident}: {[_local(c) for c in record]}")
                continue
            problems += [f"{ident}: {p}" for p in oai_dc_problems(meta[0][0])]
    return problems


def oai_dc_problems(dc: etree._Element) -> list[str]:
    """How an ``oai_dc:dc`` breaks oai_dc.xsd: its root, and only DC's fifteen elements,
    each plain text."""
    problems = []
    if dc.tag != f"{{{OAI_DC_NS}}}dc":
        problems.append(f"metadata is {dc.tag}")
    if dc.get(f"{XSI}schemaLocation", "").split()[:1] != [OAI_DC_NS]:
        problems.append("no schemaLocation for oai_dc")
    for el in dc:
        if etree.QName(el).namespace != DC_NS or _local(el) not in DC_ELEMENTS or len(el):
            problems.append(f"{el.tag} in oai_dc:dc")
        elif not (el.text or "").strip():
            problems.append(f"empty {_local(el)}")
    return problems


# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def edition() -> Edition:
    return dataclasses.replace(load_edition(sample_edition_dir()),
                               contact_email="editors@example.org", oai_gateway=GATEWAY)


@pytest.fixture(scope="module")
def documents():
    escher = sorted(need_shared(SHARED / "samples" / "tei").glob("K_*.xml"))
    return read_documents([*sorted((sample_edition_dir() / "tei").glob("*.xml")), *escher])


@pytest.fixture(scope="module")
def site(documents, edition, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    OutputFolder(out, ".tei-edition-test").write_all(
        site_exports(documents, edition, published=DAY))
    return out


def test_the_static_repository_keeps_the_specifications_rules(site, documents):
    files = sorted((site / "oai").iterdir())
    assert [f.name for f in files] == ["repository-1.xml"]
    data = files[0].read_bytes()
    assert static_repository_problems(data, BASE + "oai/repository-1.xml", GATEWAY) == []
    root = etree.fromstring(data)
    idents = root.xpath("//oai:header/oai:identifier/text()", namespaces=NS)
    assert idents == [BASE + d.page for d in documents]  # the site's order
    assert root.findtext(".//oai:baseURL", namespaces=NS) == \
        "https://gateway.example.org/oai/example.org/border-commission/oai/repository-1.xml"
    assert root.findtext(".//oai:adminEmail", namespaces=NS) == "editors@example.org"
    assert root.findtext(".//oai:earliestDatestamp", namespaces=NS) == "2026-01-01"


def test_the_checker_finds_what_breaks_the_rules(site):
    """The checker is not blind: each change to a good file is found."""
    good = (site / "oai" / "repository-1.xml").read_bytes()
    url = BASE + "oai/repository-1.xml"
    cases = {
        b"<oai:deletedRecord>no<": (b"<oai:deletedRecord>persistent<", "deletedRecord"),
        b"<oai:granularity>YYYY-MM-DD<": (b"<oai:granularity>YYYY-MM-DDThh:mm:ssZ<",
                                          "granularity"),
        b"<oai:datestamp>2026-01-01<": (b"<oai:datestamp>2026-01-01T00:00:00Z<", "datestamp"),
        b"<oai:earliestDatestamp>2026-01-01<": (b"<oai:earliestDatestamp>2026-02-01<",
                                                "before earliestDatestamp"),
        b"<oai:identifier>https://": (b"<oai:identifier>no uri https://", "no URI"),
        b"gateway.example.org/oai/example.org": (b"gateway.example.org/example.org",
                                                 "baseURL"),
        b"</oai:identifier>": (b"</oai:identifier><oai:setSpec>a</oai:setSpec>", "header"),
        b"<dc:title>": (b"<dc:titel xmlns:dc='http://purl.org/dc/elements/1.1/'>x</dc:titel>"
                        b"<dc:title>", "in oai_dc:dc"),
    }
    for old, (new, found) in cases.items():
        assert old in good, old
        problems = static_repository_problems(good.replace(old, new, 1), url, GATEWAY)
        assert any(found in p for p in problems), (new, problems)
    doubled = good.replace(b"documents/wilson-900101.html", b"documents/K_0005.html")
    assert any("twice" in p for p in static_repository_problems(doubled, url, GATEWAY))


def test_each_document_has_its_dublin_core_record_and_the_repository_holds_it(site,
                                                                             documents):
    repository = etree.parse(str(site / "oai" / "repository-1.xml"))
    held = {r.findtext("oai:header/oai:identifier", namespaces=NS): r.find("oai:metadata/*", NS)
            for r in repository.iterfind(".//oai:record", NS)}
    assert sorted(p.name for p in (site / "dc").iterdir()) == \
        sorted(f"{d.id}.xml" for d in documents)
    for doc in documents:
        record = etree.parse(str(site / "dc" / f"{doc.id}.xml")).getroot()
        assert oai_dc_problems(record) == []
        assert [(el.tag, el.text) for el in record] == \
            [(el.tag, el.text) for el in held[BASE + doc.page]]
        assert record.findtext("dc:identifier", namespaces=NS) == BASE + doc.page


def test_a_telegrams_record_says_what_its_metadata_says(documents, edition):
    doc = next(d for d in documents if d.id.startswith("wilson-1953-05-12"))
    url = BASE + doc.page
    assert dc_fields(doc.meta, edition, url) == [
        ("title", "Telegram, Voronin to Cde. A. Ya. Vyshinsky, Transmitting a Letter from the "
                  "Commission's Chairman"),
        ("creator", "Voronin"),
        ("contributor", "Peter Holm"),
        ("date", "1953-05-12"),
        ("type", "Text"), ("type", "telegram"),
        ("language", "en"),
        ("description", "Voronin forwards a letter of thanks from the chairman of the mixed "
                        "commission and reports on the survey of the northern section."),
        ("publisher", "tei-edition sample edition"),
        ("rights", "CC BY 4.0"), ("rights", "https://creativecommons.org/licenses/by/4.0/"),
        ("identifier", url),
    ]


def test_the_holding_archive_is_the_records_source_and_an_undated_document_has_no_date(
        documents, edition):
    cable = next(d for d in documents if d.id == "wilson-900101")
    assert ("source", "PRC Foreign Ministry Archive, PRC FMA 105-00412-07") in \
        dc_fields(cable.meta, edition, "u")
    escher = next(d for d in documents if d.id == "K_0005")
    fields = dc_fields(escher.meta, edition, "u")
    # its msIdentifier has an institution, no repository: the source is its first idno
    assert ("source", "CH-BAR#J1.67#1000/1363#113*") in fields
    # its TEI states no language (the letter is French): the record says none, not "en"
    assert (escher.meta.language, escher.meta.stated_language) == ("en", None)
    assert [f for f in fields if f[0] == "language"] == []
    undated = next(d for d in documents if d.meta.when is None)
    assert [f for f in dc_fields(undated.meta, edition, "u") if f[0] == "date"] == []


def test_a_larger_edition_is_split_into_static_repositories_of_at_most_max_records(
        documents, edition):
    outputs = site_exports(documents, edition, published=DAY, max_records=4)
    names = sorted(n for n in outputs if n.startswith("oai/"))
    assert names == [f"oai/repository-{n}.xml" for n in range(1, 5)]  # 15 records: 4+4+4+3
    idents: list[str] = []
    bases = set()
    for n, name in enumerate(names, 1):
        data = outputs[name]
        assert static_repository_problems(data, BASE + name, GATEWAY) == []
        root = etree.fromstring(data)
        assert root.findtext(".//oai:repositoryName", namespaces=NS) == \
            f"{edition.title} (part {n} of 4)"
        bases.add(root.findtext(".//oai:baseURL", namespaces=NS))
        idents += root.xpath("//oai:identifier/text()", namespaces=NS)
    assert len(bases) == 4
    assert idents == [BASE + d.page for d in documents]
    assert MAX_RECORDS == 5000


def test_datestamps_are_the_documents_last_changes(documents, edition):
    """A record's datestamp is the day of its document's last change (the entry's
    last_change, from revisionDesc); the build's day where it names no day or a later one."""
    built = dt.date(2026, 2, 1)
    changed = {documents[3].id: "2025-05-01T09:00:00Z", documents[0].id: "2025-07-09",
               documents[5].id: "2025-06", documents[6].id: "2099-01-01"}
    entries = [dataclasses.replace(e, last_change=changed.get(e.id, e.last_change))
               for e in map(export_entry, documents)]
    data = edition_exports(entries, edition, published=built)["oai/repository-1.xml"]
    assert static_repository_problems(data, BASE + "oai/repository-1.xml", GATEWAY) == []
    root = etree.fromstring(data)
    assert root.findtext(".//oai:earliestDatestamp", namespaces=NS) == "2025-05-01"
    stamps = root.xpath("//oai:datestamp/text()", namespaces=NS)
    assert stamps[0] == "2025-07-09" and stamps[3] == "2025-05-01"
    assert stamps[5] == stamps[6] == "2026-02-01"
    for doc, stamp in zip(documents, stamps, strict=True):
        if doc.id not in changed:  # the sample's TEI changed on 2026-01-01; Escher's say not
            assert stamp == ("2026-01-01" if doc.last_change else "2026-02-01"), doc.id
    assert {doc.last_change for doc in documents} == {"2026-01-01", None}


@pytest.mark.parametrize(("change", "message"), [
    ({"oai_gateway": None}, "an OAI-PMH static repository is harvested through a Static "
                            "Repository Gateway: set oai_gateway (its URL)"),
    ({"oai_gateway": "gateway.example.org"}, "oai_gateway is not an http or https URL: "
                                             "'gateway.example.org'"),
    ({"contact_email": None}, "an OAI-PMH repository names its administrator: set "
                              "contact_email"),
    ({"contact_email": "editors"}, "contact_email is not an e-mail address: 'editors'"),
])
def test_without_a_gateway_or_an_email_the_repository_is_skipped_with_a_warning(
        documents, edition, change, message, tmp_path):
    diagnostics: list = []
    outputs = site_exports(documents, dataclasses.replace(edition, **change), diagnostics,
                           published=DAY)
    assert [(d.level, d.code, d.message) for d in diagnostics] == [
        ("warning", "export-skipped", f"no OAI-PMH static repository: {message}")]
    OutputFolder(tmp_path / "site", ".m").write_all(outputs)
    assert not (tmp_path / "site" / "oai").exists()
    assert len(list((tmp_path / "site" / "dc").iterdir())) == len(documents)


def test_gateway_base_url_takes_the_files_url_without_its_scheme():
    assert gateway_base_url("http://gw.org/oai", "http://an.oai.org/ma/mini.xml") == \
        "http://gw.org/oai/an.oai.org/ma/mini.xml"
    assert gateway_base_url("https://gw.org/oai/ ", "https://e.org/a/oai/repository-2.xml") \
        == "https://gw.org/oai/e.org/a/oai/repository-2.xml"


def test_ten_thousand_documents_in_two_static_repositories(edition):
    """At archive scale: 10,000 documents (their entries, as a build has them) give two
    files of 5,000 records, each valid (their time: bench/exports_edition.py)."""
    def entry(n: int) -> ExportEntry:
        meta = Metadata(
                id=f"d{n:05}", name=f"d{n:05}", title=f"Cable {n}",
                when=f"{1950 + n % 30}-0{1 + n % 9}-1{n % 10}", date_text="", type="cable",
                senders=("Ministry",), recipients=("Embassy",), repository="Archive",
                signature=f"A {n}", archive="Archive", language="en", languages=(),
                summary="A cable.", translators=("T. Ranslator",))
        return ExportEntry(meta.id, f"documents/{meta.id}.html", meta.label, meta,
                           "2025-01-01", 3)

    outputs = edition_exports([entry(n) for n in range(10_000)], edition, published=DAY)
    names = sorted(n for n in outputs if n.startswith("oai/"))
    assert names == ["oai/repository-1.xml", "oai/repository-2.xml"]
    for name in names:
        assert static_repository_problems(outputs[name], BASE + name, GATEWAY) == []
    records = [etree.fromstring(outputs[name]).findall(".//oai:record", NS) for name in names]
    assert [len(r) for r in records] == [5000, 5000]


def test_edition_toml_gives_the_gateway_and_the_contact(tmp_path):
    toml = tmp_path / "edition.toml"
    toml.write_text('title = "Letters"\nbase_url = "https://e.org/letters"\n'
                    'contact_email = " editors@e.org "\n'
                    'oai_gateway = "http://gw.e.org/oai"\n', encoding="utf-8")
    edition = load_edition(tmp_path)
    assert (edition.contact_email, edition.contact, edition.oai_gateway) == \
        (" editors@e.org ", "editors@e.org", "http://gw.e.org/oai")
    toml.write_text('title = "Letters"\ncontact_email = ["a@e.org"]\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_edition(tmp_path)
    assert str(caught.value) == f"{toml}:2:1: 'contact_email' must be a string"
    assert dataclasses.replace(edition, contact_email="a@b").contact is None


def test_a_later_build_without_the_gateway_removes_the_repositories_it_no_longer_makes(
        documents, edition, tmp_path):
    """The exports are files of the build's output folder (files.py's OutputFolder): a
    build that no longer makes one removes it, as for any page."""
    out = tmp_path / "build"
    first = {f"site/{n}": d for n, d in site_exports(documents, edition).items()}
    OutputFolder(out, ".m").write_all(first)
    assert (out / "site" / "oai" / "repository-1.xml").is_file()
    assert (out / "site" / "cmif.xml").is_file()
    later = {f"site/{n}": d for n, d in site_exports(
        documents[:3], dataclasses.replace(edition, oai_gateway=None)).items()}
    OutputFolder(out, ".m").write_all(later)
    assert not (out / "site" / "oai").exists()
    assert sorted(p.name for p in (out / "site" / "dc").iterdir()) == \
        sorted(f"{d.id}.xml" for d in documents[:3])

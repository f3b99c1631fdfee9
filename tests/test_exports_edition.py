"""The build's two calls for the exports (tei_edition/exports/edition.py), wired as a build
will wire them: real documents (the sample edition, the Escher letters with their
correspDesc, the FRUS volume of many documents) read by site.py; for each, as its worker
would, its own files (:func:`document_exports`) and its entry, sent through pickle as it
crosses from a worker; then the edition's files from the entries alone
(:func:`edition_exports`), all written through files.py's OutputFolder. Each export is then
validated: CMIF against ../shared/schemas/cmif (RELAX NG with lxml and jing, the
Schematron with the project's processor and, as far as it runs it, lxml's isoschematron,
and the documentation's rules), sitemap.xml by the sitemaps.org rules, the OAI-PMH files by
the Static Repository specification, the DTS tree by the DTS 1.0 members each response
requires. The rules' checkers are those of each export's own tests (tests/test_export_*.py);
where the CMIF RELAX NG (older than 1.1) and the rules disagree is shown there
(test_where_the_rng_and_the_rules_disagree).
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
import pickle
import random
import re
import tomllib
from pathlib import Path

import pytest
from lxml import etree, isoschematron

import tests.test_export_cmif as cmif_rules
import tests.test_export_dts as dts_rules
import tests.test_export_oai as oai_rules
import tests.test_export_sitemap as sitemap_rules
from tei_edition.edition import Edition, load_edition
from tei_edition.exports.dts import citable_paragraphs
from tei_edition.exports.edition import (
    ExportEntry,
    document_exports,
    edition_exports,
    export_entry,
)
from tei_edition.files import OutputFolder
from tei_edition.project import EDITION_TEMPLATE
from tei_edition.resources import sample_edition_dir
from tei_edition.schematron import compile_schematron
from tei_edition.site import Document, read_documents
from tests.conftest import SHARED, need_shared

BASE = "https://example.org/border-commission/"
DAY = dt.date(2026, 1, 1)
CMIF_DIR = SHARED / "schemas" / "cmif"
SCH = "http://purl.oclc.org/dsdl/schematron"


@dataclasses.dataclass
class Built:
    docs: list[Document]
    entries: list[ExportEntry]
    own: dict[str, dict[str, bytes]]  # a document's id -> its document_exports
    edition_files: dict[str, bytes]
    diagnostics: list
    site: Path


@pytest.fixture(scope="module")
def edition() -> Edition:
    """The bundled sample edition as edition.toml says it: every key the exports need."""
    return load_edition(sample_edition_dir())


@pytest.fixture(scope="module")
def built(edition, tmp_path_factory) -> Built:
    shared = need_shared(SHARED / "samples" / "tei")
    docs = read_documents([*sorted((sample_edition_dir() / "tei").glob("*.xml")),
                           *sorted(shared.glob("K_*.xml")), shared / "frus1894Nicaragua.xml"])
    own, entries = {}, []
    for doc in docs:  # the worker's part
        own[doc.id] = document_exports(doc, edition)
        entries.append(pickle.loads(pickle.dumps(export_entry(doc))))
    diagnostics: list = []
    files = edition_exports(entries, edition, diagnostics, published=DAY)
    site = tmp_path_factory.mktemp("build") / "site"
    OutputFolder(site, ".tei-edition-test").write_all(
        {**{n: d for files in own.values() for n, d in files.items()}, **files})
    return Built(docs, entries, own, files, diagnostics, site)


def test_the_sample_edition_has_every_export_and_no_warning(built):
    assert built.diagnostics == []
    assert sorted(p.name for p in built.site.iterdir()) == [
        ".tei-edition-test", "cmif.xml", "dc", "dts", "oai", "sitemap.xml"]
    assert len(built.docs) == 156  # 13 of the sample, 2 letters, the FRUS volume's 141 pages
    # what is a document's is made by its worker, the rest once: no file made by both
    mine = {name for files in built.own.values() for name in files}
    assert mine.isdisjoint(built.edition_files)
    for doc in built.docs:
        assert all(re.match(rf"(dc|dts/\w+)/{re.escape(doc.id)}[./;]", name)
                   for name in built.own[doc.id]), doc.id


def test_an_entry_is_small_and_says_what_the_tree_says(built):
    for doc, entry in zip(built.docs, built.entries, strict=True):
        assert (entry.id, entry.page, entry.title, entry.meta) == \
            (doc.id, doc.page, doc.title, doc.meta)
        assert entry.last_change == doc.last_change
        assert entry.passages == len(citable_paragraphs(doc.tree))
    by_id = {e.id: e for e in built.entries}
    assert (by_id["wilson-900101"].last_change, by_id["wilson-900101"].passages) == \
        ("2026-01-01", 3)
    assert (by_id["K_8232"].last_change, by_id["frus1894Nicaragua"].last_change) == (None, None)
    # a few hundred bytes a document: what 100,000 of them cost the build
    sizes = sorted(len(pickle.dumps(e)) for e in built.entries)
    assert sizes[-1] < 4000, sizes[-1]


def test_the_same_files_for_the_entries_in_any_order(built, edition):
    shuffled = list(built.entries)
    random.Random(15).shuffle(shuffled)
    assert shuffled != built.entries
    assert edition_exports(shuffled, edition, published=DAY) == built.edition_files


def test_without_base_url_one_warning_per_export_and_no_file(built, edition):
    bare = dataclasses.replace(edition, base_url=None)
    assert all(document_exports(doc, bare) == {} for doc in built.docs)
    diagnostics: list = []
    assert edition_exports(built.entries, bare, diagnostics) == {}
    # 156 documents, three warnings: the harvested exports, sitemap.xml, the DTS tree
    assert [(d.level, d.code) for d in diagnostics] == [
        ("warning", "export-skipped"), ("warning", "no-base-url"), ("warning", "no-base-url")]
    assert [m for d in diagnostics for m in ("CMIF", "sitemap.xml", "DTS") if m in d.message] \
        == ["CMIF", "sitemap.xml", "DTS"]


# -- CMIF --------------------------------------------------------------------------------


def test_cmif_is_valid_for_the_rng_with_lxml_and_jing(built):
    path = built.site / "cmif.xml"
    rng = etree.RelaxNG(etree.parse(str(need_shared(CMIF_DIR / "cmi-customization.rng"))))
    assert rng.validate(etree.parse(str(path))), rng.error_log
    assert cmif_rules._jing(CMIF_DIR / "cmi-customization.rng", path) == []
    root = etree.parse(str(path)).getroot()
    assert cmif_rules.cmif_problems(root, BASE + "cmif.xml") == []
    keys = [d.get("key") for d in root.iterfind(".//t:correspDesc", cmif_rules.NS)]
    assert set(keys) == cmif_rules.SAMPLE_LETTERS | {"K_0005", "K_8232"}
    assert keys == [e.id for e in built.entries if e.id in set(keys)]  # the site's order


def lxml_schematron() -> isoschematron.Schematron:
    """cmif.sch as far as lxml's isoschematron (XSLT 1.0) runs it: its query binding is
    xslt2, which lxml refuses, and one pattern (W0001, the bibl's UUID) calls XPath 2.0's
    matches(); the others (E0001-E0004) are XPath 1.0 and run as written. W0001 is checked by
    the project's Schematron and by cmif_problems."""
    schema = etree.parse(str(need_shared(CMIF_DIR / "cmif.sch")))
    root = schema.getroot()
    root.set("queryBinding", "xslt")
    dropped = [p for p in root.iterfind(f"{{{SCH}}}pattern")
               if any("matches(" in (a.get("test") or "") for a in p.iter(f"{{{SCH}}}assert"))]
    assert [p.get("id") for p in dropped] == ["uuid"]
    for pattern in dropped:
        root.remove(pattern)
    return isoschematron.Schematron(schema, store_report=True)


def test_cmif_passes_the_schematron_with_saxon_and_with_lxml(built):
    path = built.site / "cmif.xml"
    assert compile_schematron(CMIF_DIR / "cmif.sch").check(
        [path.read_text(encoding="utf-8")]) == [[]]
    schematron = lxml_schematron()
    doc = etree.parse(str(path))
    assert schematron.validate(doc), schematron.validation_report
    # not blind: a letter without its received action is E0002
    broken = copy.deepcopy(doc)
    received = broken.find(".//t:correspAction[@type='received']", cmif_rules.NS)
    received.getparent().remove(received)
    assert not schematron.validate(broken)
    assert "[E0002]" in str(schematron.validation_report)


# -- sitemap.xml, OAI-PMH, Dublin Core ---------------------------------------------------


def test_the_sitemap_lists_the_index_and_every_page_with_its_last_change(built):
    entries = sitemap_rules.check_urlset((built.site / "sitemap.xml").read_bytes(), BASE)
    assert entries == [(BASE + "index.html", "2026-01-01"),
                       *((BASE + e.page, e.last_change) for e in built.entries)]


def test_the_static_repository_holds_each_documents_dublin_core_record(built):
    (name,) = [n for n in built.edition_files if n.startswith("oai/")]
    data = (built.site / name).read_bytes()
    gateway = "https://gateway.example.org/oai/"
    assert oai_rules.static_repository_problems(data, BASE + name, gateway) == []
    records = etree.fromstring(data).findall(".//oai:record", oai_rules.NS)
    assert [r.findtext("oai:header/oai:identifier", namespaces=oai_rules.NS)
            for r in records] == [BASE + e.page for e in built.entries]
    for entry, record in zip(built.entries, records, strict=True):
        own = etree.parse(str(built.site / "dc" / f"{entry.id}.xml")).getroot()
        assert oai_rules.oai_dc_problems(own) == []
        held = record.find("oai:metadata/*", oai_rules.NS)
        assert [(el.tag, el.text) for el in own] == [(el.tag, el.text) for el in held]
        assert own.findtext("dc:identifier", namespaces=oai_rules.NS) == BASE + entry.page
        # its datestamp: the document's last change, else the build's day
        assert record.findtext("oai:header/oai:datestamp", namespaces=oai_rules.NS) == \
            (entry.last_change or DAY.isoformat())[:10]


# -- DTS ---------------------------------------------------------------------------------


def test_the_dts_tree_answers_every_template_with_the_required_members(built):
    site = built.site
    for path in sorted((site / "dts").rglob("*.jsonld")):
        dts_rules.check_response(json.loads(path.read_text("utf-8")),
                                 path.relative_to(site).as_posix())
    entry_point = dts_rules.read(site, BASE + "dts/index.jsonld")
    root = dts_rules.read(site, dts_rules.expand(entry_point["collection"], {}))
    assert "view" not in root  # 156 documents: one page of the collection
    members = root["member"]
    assert [m["@id"] for m in members] == [e.id for e in built.entries]
    for entry, member in zip(built.entries, members, strict=True):
        assert bool(member["citationTrees"]) == (entry.passages > 0)
        nav = dts_rules.read(site, dts_rules.expand(member["navigation"], {"down": "1"}))
        assert len(nav["member"]) == entry.passages
        for unit in nav["member"]:
            passage = dts_rules.read(site, dts_rules.expand(member["document"],
                                                            {"ref": unit["identifier"]}))
            assert passage.is_file()
        assert dts_rules.read(site, member["download"]).is_file()


# -- edition.toml: the keys the exports need ----------------------------------------------


def test_the_init_template_and_the_sample_edition_name_the_exports_keys():
    keys = [f.name for f in dataclasses.fields(Edition) if f.name != "root"]
    for key in keys:  # every key, commented, with a line saying what it is for above it
        found = re.search(rf"((?:^# [^\n]*\n)+)^# {key} = ", EDITION_TEMPLATE, re.M)
        assert found or re.search(rf"^{key} = ", EDITION_TEMPLATE, re.M), key
    uncommented = re.sub(r"^# (\w+ = )", r"\1", EDITION_TEMPLATE.format(title='"T"'),
                         flags=re.M)
    data = tomllib.loads(uncommented)
    assert set(data) == set(keys)
    assert (data["base_url"], data["contact_email"], data["oai_gateway"]) == (
        "https://example.org/edition/", "editors@example.org",
        "https://gateway.example.org/oai/")
    sample = load_edition(sample_edition_dir())
    assert (sample.base_url, sample.contact, sample.oai_gateway) == (
        BASE, "editors@example.org", "https://gateway.example.org/oai/")

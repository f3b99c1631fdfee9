"""Authority URIs in the exports (tei_edition/registers/authority.py): a correspondent's or a
place's register pointer (``per:weber``) becomes its entry's authority URIs in the metadata,
and CMIF ``@ref``, JSON-LD ``sameAs`` and DTS ``dublinCore/creator`` write them; a name
whose pointer names no entry, or whose entry has no ``idno``, gets none; a header's own
http(s) ``@ref`` stays as it is. The CMIF file is validated against ../shared/schemas/cmif
(RELAX NG and Schematron) and the rules of tests/test_export_cmif.py."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from lxml import etree

from tei_edition import site_registers
from tei_edition.build.pages import PageJob, entry_from_dict, render_file
from tei_edition.edition import Edition, load_edition
from tei_edition.exports.cmif import cmif_tree
from tei_edition.exports.dts import Resource, Tree, creators
from tei_edition.exports.jsonld import PARAM, document_jsonld
from tei_edition.metadata import (
    CorrespName,
    Metadata,
    metadata_from_dict,
    metadata_to_dict,
    read_metadata,
)
from tei_edition.registers import authority
from tei_edition.registers.authority import (
    AUTHORITY_URIS,
    authority_scheme,
    authority_uri,
    resolve_metadata,
)
from tei_edition.registers.model import Register, load_register
from tei_edition.schematron import compile_schematron
from tei_edition.tei import parse_bytes
from tests.conftest import SHARED
from tests.test_export_cmif import cmif_problems

CMIF_DIR = SHARED / "schemas" / "cmif"
NS = {"t": "http://www.tei-c.org/ns/1.0"}
BASE = "https://example.org/letters/"
DAY = dt.date(2026, 1, 1)
GND = "https://d-nb.info/gnd/118629662"
VIAF = "https://viaf.org/viaf/59109474"
WEBER_WD = "https://www.wikidata.org/entity/Q154812"
MANNHEIM = "https://sws.geonames.org/2873891/"
MANNHEIM_WD = "https://www.wikidata.org/entity/Q2119"

_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
<titleStmt><title>Register</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt>
<sourceDesc><p>Test.</p></sourceDesc></fileDesc></teiHeader><standOff>"""
REGISTERS = {
    # idno in another order than AUTHORITIES: the URIs come in the table's order
    "persons.xml": """<listPerson>
  <person xml:id="weber"><persName type="preferred">Weber, Carl Maria von</persName>
    <idno type="gnd">118629662</idno><idno type="wikidata">Q154812</idno>
    <idno type="viaf">59109474</idno></person>
  <person xml:id="gaensbacher"><persName type="preferred">Gänsbacher, Johann</persName>
    </person>
</listPerson>""",
    "places.xml": """<listPlace>
  <place xml:id="mannheim"><placeName type="preferred">Mannheim</placeName>
    <idno type="wikidata">Q2119</idno><idno type="geonames">2873891</idno></place>
  <place xml:id="wien"><placeName type="preferred">Wien</placeName>
    <idno type="wikidata">Q1741</idno></place>
</listPlace>""",
    "organisations.xml": """<listOrg>
  <org xml:id="hoftheater"><orgName type="preferred">Hoftheater</orgName></org>
</listOrg>""",
}

LETTER = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="letter-1"><teiHeader><fileDesc>
<titleStmt><title>Weber to Gänsbacher</title></titleStmt>
<publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Test.</p></sourceDesc>
</fileDesc><profileDesc><correspDesc>
  <correspAction type="sent">
    <persName ref="per:weber">Weber</persName>
    <orgName ref="org:hoftheater">Hoftheater</orgName>
    <placeName ref="pla:mannheim">Mannheim</placeName>
    <date when="1810-07-18"/>
  </correspAction>
  <correspAction type="received">
    <persName ref="per:gaensbacher">Gänsbacher</persName>
    <persName ref="per:nobody">Somebody</persName>
    <persName ref="http://d-nb.info/gnd/116113669 per:weber">Dietrichstein</persName>
    <placeName ref="pla:wien">Wien</placeName>
  </correspAction>
</correspDesc></profileDesc></teiHeader>
<text><body><div type="document"><p xml:id="p1">Text.</p></div></body></text></TEI>
"""


@pytest.fixture
def register(tmp_path: Path) -> Register:
    folder = tmp_path / "registers"
    folder.mkdir()
    for name, body in REGISTERS.items():
        (folder / name).write_text(_HEAD + body + "</standOff></TEI>\n", encoding="utf-8")
    register = load_register(folder)
    assert register.diagnostics == [] and len(register) == 5
    return register


@pytest.fixture
def meta(register: Register) -> Metadata:
    return resolve_metadata(read_metadata(parse_bytes(LETTER.encode()), "letter-1"), register)


def _names(meta: Metadata) -> dict[str, CorrespName]:
    return {n.text: n for a in meta.correspondence for n in (*a.names, *a.places)}


def test_pointers_become_the_entries_uris_in_the_tables_order(meta):
    uris = {text: n.uris for text, n in _names(meta).items()}
    assert uris == {
        "Weber": (WEBER_WD, VIAF, GND),  # AUTHORITIES: wikidata, viaf, gnd, geonames, lc
        "Hoftheater": (),  # an entry without idno
        "Mannheim": (MANNHEIM_WD, MANNHEIM),
        "Gänsbacher": (),  # an entry without idno
        "Somebody": (),  # a pointer that names no entry
        # the register's too (the exports keep the header's own: see below)
        "Dietrichstein": (WEBER_WD, VIAF, GND),
        "Wien": ("https://www.wikidata.org/entity/Q1741",),
    }
    # a pointer of the wrong kind names no entry: pla:weber is not the person
    wrong = CorrespName("placeName", "Weber", ("pla:weber", "per:mannheim"))
    assert authority.name_uris(wrong, load_register(Path("/nonexistent"))) == ()


def test_without_a_register_the_metadata_is_as_read(register):
    read = read_metadata(parse_bytes(LETTER.encode()), "letter-1")
    assert resolve_metadata(read, None) is read
    assert all(n.uris == () for n in _names(read).values())


def test_the_metadata_round_trips_with_its_uris_and_reads_older_summaries(meta):
    data = json.loads(json.dumps(metadata_to_dict(meta)))
    assert metadata_from_dict(data) == meta
    for action in data["correspondence"]:  # a summary written before the URIs were kept
        for name in (*action["names"], *action["places"]):
            del name["uris"]
    older = metadata_from_dict(data)
    assert all(n.uris == () for n in _names(older).values())


@pytest.fixture
def cmif(meta) -> etree._Element:
    edition = Edition(title="Letters", editors=("E. Ditor",), publisher="Press",
                      licence_url="https://creativecommons.org/licenses/by/4.0/",
                      base_url=BASE)
    return cmif_tree([(meta, f"{BASE}documents/letter-1.html")], edition,
                     cmif_url=BASE + "cmif.xml", base_url=BASE,
                     published=DAY).tree.getroot()


def test_cmif_refs_are_the_authorities_cmif_takes_preferred_first(cmif):
    refs = {el.text: el.get("ref") for el in cmif.iterfind(".//t:correspAction/*", NS)
            if el.text}
    assert refs == {
        "Weber": f"{GND} {VIAF} {WEBER_WD}",  # GND, VIAF, LC, Wikidata
        "Hoftheater": None,
        "Mannheim": f"{MANNHEIM} {MANNHEIM_WD}",  # GeoNames first
        "Gänsbacher": None,
        "Somebody": None,
        "Dietrichstein": "http://d-nb.info/gnd/116113669",  # the TEI's own stays
        "Wien": "https://www.wikidata.org/entity/Q1741",
    }


def test_cmif_with_authority_refs_is_valid(cmif, tmp_path):
    # ../shared must be there: this test fails, not skips, without it
    rng_file, sch_file = CMIF_DIR / "cmi-customization.rng", CMIF_DIR / "cmif.sch"
    assert rng_file.is_file() and sch_file.is_file(), f"{CMIF_DIR} is missing"
    rng = etree.RelaxNG(etree.parse(str(rng_file)))
    assert rng.validate(etree.ElementTree(cmif)), rng.error_log
    text = etree.tostring(cmif, encoding="unicode")
    assert compile_schematron(sch_file).check([text]) == [[]]
    assert cmif_problems(cmif, BASE + "cmif.xml") == []


def test_jsonld_has_sameas_only_where_there_are_uris(meta):
    data = document_jsonld(meta, Edition(base_url=BASE), "documents/letter-1.html")
    assert data["author"] == [
        {"@type": "Person", "name": "Weber", "sameAs": [WEBER_WD, VIAF, GND]},
        {"@type": "Organization", "name": "Hoftheater"}]
    assert data["locationCreated"] == [
        {"@type": "Place", "name": "Mannheim", "sameAs": [MANNHEIM_WD, MANNHEIM]}]


def test_dts_creator_is_the_senders_first_uri_else_its_name(meta):
    assert creators(meta) == (WEBER_WD, "Hoftheater")
    tree = Tree(Edition(base_url=BASE))
    resource = Resource("letter-1", "Weber to Gänsbacher", "en", "1810-07-18", "", 1,
                        creators(meta))
    assert tree.resource(resource)["dublinCore"]["creator"] == [WEBER_WD, "Hoftheater"]
    bare = Resource("letter-1", "Weber to Gänsbacher", "en", None, "", 1)
    assert "creator" not in tree.resource(bare)["dublinCore"]


def test_the_page_worker_resolves_with_the_editions_register(register, tmp_path):
    """The build's page stage: the summary's metadata and the page's JSON-LD carry the
    register's URIs (the edition's registers/ beside edition.toml)."""
    (tmp_path / "edition.toml").write_text(f'title = "Letters"\nbase_url = "{BASE}"\n',
                                           encoding="utf-8")
    (tmp_path / "tei").mkdir()
    path = tmp_path / "tei" / "letter-1.xml"
    path.write_text(LETTER, encoding="utf-8")
    rendered = render_file(PageJob(str(path), None, load_edition(tmp_path)))
    assert rendered.error is None, rendered.error
    entry = entry_from_dict(json.loads(json.dumps(rendered.entries[0])))
    assert _names(entry.meta)["Weber"].uris == (WEBER_WD, VIAF, GND)
    page = rendered.outputs[entry.page].decode("utf-8")
    assert f'"sameAs":["{WEBER_WD}"' in page
    assert PARAM == "jsonld"


def test_one_table_of_uri_forms():
    assert site_registers.authority_uri is authority_uri
    for scheme in AUTHORITY_URIS:
        uri = authority_uri(scheme, "Q1-2.x")
        assert uri is not None and authority_scheme(uri) == scheme
    assert authority_uri("gnd", " 118629662 ") == "https://d-nb.info/gnd/118629662"
    for scheme, value in (("bnf", "1"), ("gnd", "a b"), ("gnd", "../x"), ("gnd", ""),
                          ("viaf", "1?x=2"), ("viaf", "1#x")):
        assert authority_uri(scheme, value) is None
    assert authority_scheme("https://example.org/1") is None
    assert authority_scheme("https://d-nb.info/gnd/") is None


def test_a_build_writes_the_uris_and_a_changed_register_changes_them(tmp_path):
    """The whole chain: link stage, page worker, summaries, CMIF and DTS files; a register
    changed after a build gives the next build's exports its URIs (the summaries are made
    again: the render key has the registers' digest)."""
    from tei_edition.build import build_edition

    (tmp_path / "edition.toml").write_text(
        'title = "Letters"\neditors = ["E. Ditor"]\npublisher = "Press"\n'
        'licence_url = "https://creativecommons.org/licenses/by/4.0/"\n'
        f'base_url = "{BASE}"\n', encoding="utf-8")
    (tmp_path / "tei").mkdir()
    # without the pointer to no entry, which the build's link stage refuses (register-ref)
    nobody = '    <persName ref="per:nobody">Somebody</persName>\n'
    assert nobody in LETTER
    (tmp_path / "tei" / "letter-1.xml").write_text(LETTER.replace(nobody, ""),
                                                   encoding="utf-8")
    folder = tmp_path / "registers"
    folder.mkdir()
    for name, body in REGISTERS.items():
        (folder / name).write_text(_HEAD + body + "</standOff></TEI>\n", encoding="utf-8")

    def weber_ref() -> str | None:
        cmif = etree.parse(str(tmp_path / "site" / "cmif.xml"))
        return cmif.find(".//t:correspAction[@type='sent']/t:persName", NS).get("ref")

    result = build_edition(tmp_path, pdf=False)
    assert result.ok, [str(d) for d in result.diagnostics]
    assert weber_ref() == f"{GND} {VIAF} {WEBER_WD}"
    dts = json.loads((tmp_path / "site" / "dts" / "collection.jsonld").read_text("utf-8"))
    assert dts["member"][0]["dublinCore"]["creator"] == [WEBER_WD, "Hoftheater"]
    persons = folder / "persons.xml"
    persons.write_text(persons.read_text("utf-8").replace(
        '<idno type="gnd">118629662</idno>', ""), encoding="utf-8")
    again = build_edition(tmp_path, pdf=False)
    assert again.ok and again.pages_rendered == 1
    assert weber_ref() == f"{VIAF} {WEBER_WD}"

"""The CMIF export (tei_edition/exports/cmif.py) and the correspDesc reading it relies on
(tei_edition/metadata.py).

Every structural rule of CMIF 1.1 (../shared/schemas/cmif: documentation-en.md and
cmif.sch are the rules, cmi-customization.rng the grammar) is checked by
:func:`cmif_problems`, written from the documentation, and the files are validated against
the RELAX NG schema with lxml and with jing and against the Schematron through the
project's own sandboxed Schematron. The documents: the bundled sample edition (xml/tei:
the encoder writes a correspDesc for every dated document, a received action only where
the title or the salutation names a recipient) and the Escher letters
(../shared/samples/tei/K_*.xml: both names in the sent action, a place only in the
received one).

Where the RELAX NG schema and the rules disagree, :func:`test_where_the_rng_and_the_rules
_disagree` shows each case on a file: the grammar accepts what the rules refuse (no
received action, a date as "--03-03", a date with no dating attribute, a @source pointing
nowhere, a licence other than CC BY/CC0, an action that names no one) and refuses what the
documentation writes (idno type "URL", its own upper case) and what the v1.1 example uses
(cert="medium"; the rules' cert is "low").
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from lxml import etree

from tei_edition.edition import Edition, load_edition
from tei_edition.exports.cmif import CC0, CC_BY, bibl_id, cmif_date, cmif_tree, is_letter
from tei_edition.exports.edition import ExportEntry, edition_exports, export_entry
from tei_edition.files import OutputFolder
from tei_edition.metadata import (
    CorrespAction,
    CorrespDate,
    CorrespName,
    read_metadata,
)
from tei_edition.resources import sample_edition_dir
from tei_edition.schematron import compile_schematron
from tei_edition.site import read_documents
from tei_edition.tei import parse_bytes
from tests.conftest import SHARED, need_shared
from tests.export_files import site_exports, under

CMIF_DIR = SHARED / "schemas" / "cmif"
TEI = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI}
DAY = dt.date(2026, 1, 1)
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
CMIF_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
XSD_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")
BASE = "https://example.org/border-commission/"

#: The sample documents whose correspDesc has a sent and a received action.
SAMPLE_LETTERS = {
    "wilson-900101", "wilson-900120",
    "wilson-1953-05-12-telegram-voronin-to-cde-a-ya-vyshinsky",
    "wilson-1955-07-18-telegram-from-the-border-commission-s",
    "wilson-1957-06-30-letter-from-professor-anna-berg-to-the",
    "wilson-1961-11-02-ciphered-telegram-embassy-in-ulaanbaatar-to-the",
    "wilson-1964-05-05-cable-from-the-consulate-in-khabarovsk-to-the",
}


# ---------------------------------------------------------------------------------------
# The rules, as the documentation states them
# ---------------------------------------------------------------------------------------


def cmif_problems(root: etree._Element, cmif_url: str) -> list[str]:
    """Every way ``root`` breaks CMIF 1.1's documentation and Schematron (empty: none)."""
    problems: list[str] = []

    def one(path: str) -> etree._Element | None:
        found = root.xpath(path, namespaces=NS)
        if len(found) != 1:
            problems.append(f"{path}: {len(found)} found, 1 expected")
            return None
        return found[0]

    if root.tag != f"{{{TEI}}}TEI":
        problems.append(f"root is {root.tag}")
    fd = "/t:TEI/t:teiHeader/t:fileDesc"
    title = one(f"{fd}/t:titleStmt/t:title")
    if title is not None and not "".join(title.itertext()).strip():
        problems.append("title is empty")
    if not root.xpath(f"{fd}/t:titleStmt/t:editor[normalize-space()]", namespaces=NS):
        problems.append("no editor")
    pub = f"{fd}/t:publicationStmt"
    if not root.xpath(f"{pub}/t:publisher[normalize-space()]", namespaces=NS):
        problems.append("no publisher")
    idno = one(f"{pub}/t:idno")
    if idno is not None and (idno.get("type", "").lower() != "url" or idno.text != cmif_url):
        problems.append(f"idno is {idno.get('type')} {idno.text!r}, not the file's URL")
    date = one(f"{pub}/t:date")
    if date is not None and not XSD_DATETIME.fullmatch(date.get("when", "")):
        problems.append(f"publicationStmt/date/@when is no xsd:dateTime: {date.get('when')}")
    licence = one(f"{pub}/t:availability/t:licence")
    if licence is not None and licence.get("target") not in (CC_BY, CC0):
        problems.append(f"licence target {licence.get('target')}")
    bibls = root.xpath(f"{fd}/t:sourceDesc/t:bibl", namespaces=NS)
    ids = set()
    for bibl in bibls:
        ident = bibl.get("{http://www.w3.org/XML/1998/namespace}id", "")
        if not UUID.fullmatch(ident) or not ident[0].isalpha():
            problems.append(f"bibl/@xml:id is no UUID beginning with a letter: {ident}")
        if bibl.get("type") not in ("online", "print", "hybrid"):
            problems.append(f"bibl/@type {bibl.get('type')}")
        ids.add(ident)
    if not bibls:
        problems.append("no bibl")
    for n, desc in enumerate(root.iterfind(".//t:correspDesc", NS), 1):
        where = f"correspDesc {n} ({desc.get('key')})"
        if desc.getparent().tag != f"{{{TEI}}}profileDesc":
            problems.append(f"{where} is not in profileDesc")
        if desc.get("source", "")[:1] != "#" or desc.get("source", "")[1:] not in ids:
            problems.append(f"{where}: @source {desc.get('source')} points at no bibl")
        if not (desc.get("ref") or "").startswith(("http://", "https://")):
            problems.append(f"{where}: @ref {desc.get('ref')} is no URL")
        actions = desc.findall("t:correspAction", NS)
        types = [a.get("type") for a in actions]
        for kind in ("sent", "received"):
            if kind not in types:
                problems.append(f"{where}: no {kind} action")
        for action in actions:
            if action.get("type") not in ("sent", "received"):
                problems.append(f"{where}: action type {action.get('type')}")
            if (action.text or "").strip() or any((c.tail or "").strip() for c in action):
                problems.append(f"{where}: text in correspAction")
            allowed = {f"{{{TEI}}}{n}" for n in ("persName", "orgName", "placeName", "date")}
            for child in action:
                if child.tag not in allowed:
                    problems.append(f"{where}: {child.tag} in correspAction")
            if not action.xpath("t:persName[normalize-space()] | t:orgName[normalize-space()]",
                                namespaces=NS):
                problems.append(f"{where}: {action.get('type')} names no one")
            for name in action.xpath("t:persName | t:orgName | t:placeName", namespaces=NS):
                for ref in (name.get("ref") or "").split():
                    if not ref.startswith(("http://", "https://")):
                        problems.append(f"{where}: @ref {ref} is no authority URI")
            for el in action:
                if el.get("cert") not in (None, "low"):
                    problems.append(f"{where}: cert {el.get('cert')}")
                if el.get("evidence") not in (None, "conjecture"):
                    problems.append(f"{where}: evidence {el.get('evidence')}")
            for d in action.findall("t:date", NS):
                attrs = {a: d.get(a) for a in ("when", "from", "to", "notBefore", "notAfter")
                         if d.get(a) is not None}
                if not attrs:
                    problems.append(f"{where}: a date without a dating attribute")
                for a, v in attrs.items():
                    if not CMIF_DATE.fullmatch(v):
                        problems.append(f"{where}: date/@{a} {v} not YYYY[-MM[-DD]]")
    return problems


# ---------------------------------------------------------------------------------------
# Fixtures: the documents and the edition
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def edition() -> Edition:
    return dataclasses.replace(load_edition(sample_edition_dir()),
                               contact_email="editors@example.org",
                               oai_gateway="https://gateway.example.org/oai/")


@pytest.fixture(scope="module")
def documents():
    """The site's documents of the sample edition and the Escher letters (site.py reads
    them: the same metadata and pages a build gives the exports)."""
    escher = sorted(need_shared(SHARED / "samples" / "tei").glob("K_*.xml"))
    assert len(escher) == 2
    return read_documents([*sorted((sample_edition_dir() / "tei").glob("*.xml")), *escher])


@pytest.fixture(scope="module")
def cmif_file(documents, edition, tmp_path_factory) -> Path:
    """cmif.xml as a build writes it (through files.py's OutputFolder)."""
    out = tmp_path_factory.mktemp("site")
    outputs = site_exports(documents, edition, published=DAY)
    OutputFolder(out, ".tei-edition-test").write_all(outputs)
    return out / "cmif.xml"


@pytest.fixture(scope="module")
def cmif_root(cmif_file) -> etree._Element:
    return etree.parse(str(cmif_file)).getroot()


@pytest.fixture(scope="module")
def cmif_rng() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(need_shared(CMIF_DIR / "cmi-customization.rng"))))


@pytest.fixture(scope="module")
def cmif_sch():
    return compile_schematron(need_shared(CMIF_DIR / "cmif.sch"))


def _jing(schema: Path, doc: Path) -> list[str]:
    jing = shutil.which("jing")
    if jing is None:
        pytest.skip("jing is not installed (apt-get install jing)")
    run = subprocess.run([jing, str(schema), str(doc)], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode in (0, 1), run.stderr
    return [line for line in run.stdout.splitlines() if ": error: " in line
            or ": fatal: " in line]


def _letter(correspdesc: str, *, ident: str = "letter-1", header: str = "") -> bytes:
    return f"""<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{ident}"><teiHeader>
      <fileDesc><titleStmt><title>A letter</title></titleStmt>
      <publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>
      <profileDesc>{correspdesc}</profileDesc>{header}</teiHeader>
      <text><body><p>Dear friend.</p></body></text></TEI>""".encode()


# ---------------------------------------------------------------------------------------
# The export of the sample edition and the Escher letters
# ---------------------------------------------------------------------------------------


def test_the_files_letters_are_the_documents_with_a_sender_and_a_recipient(cmif_root,
                                                                          documents):
    keys = {d.get("key") for d in cmif_root.iterfind(".//t:correspDesc", NS)}
    assert keys == SAMPLE_LETTERS | {"K_0005", "K_8232"}
    # the rest (a report, minutes, a journal: a sent action only) are left out
    left_out = {d.id for d in documents} - keys
    assert len(left_out) == 6 and all(
        [a.type for a in d.meta.correspondence] == ["sent"]
        for d in documents if d.id in left_out)


def test_the_file_keeps_every_rule_of_the_documentation(cmif_root):
    assert cmif_problems(cmif_root, BASE + "cmif.xml") == []


def test_the_file_is_valid_for_the_rng_with_lxml_and_jing(cmif_file, cmif_rng):
    doc = etree.parse(str(cmif_file))
    assert cmif_rng.validate(doc), cmif_rng.error_log
    assert _jing(CMIF_DIR / "cmi-customization.rng", cmif_file) == []


def test_the_file_passes_the_cmif_schematron_without_a_warning(cmif_file, cmif_sch):
    assert cmif_sch.check([cmif_file.read_text(encoding="utf-8")]) == [[]]


def test_each_letter_links_its_page_and_the_editions_bibl(cmif_root, documents):
    bibl = cmif_root.find(".//t:sourceDesc/t:bibl", NS)
    ident = bibl.get("{http://www.w3.org/XML/1998/namespace}id")
    assert ident == bibl_id(BASE + "cmif.xml")
    pages = {d.id: d.page for d in documents}
    for desc in cmif_root.iterfind(".//t:correspDesc", NS):
        assert desc.get("source") == f"#{ident}"
        assert desc.get("ref") == BASE + pages[desc.get("key")]
    assert bibl.find("t:ref", NS).get("target") == BASE
    assert cmif_root.find(".//t:publicationStmt/t:idno", NS).text == BASE + "cmif.xml"
    assert cmif_root.find(".//t:publicationStmt/t:date", NS).get("when") == \
        "2026-01-01T00:00:00Z"
    assert cmif_root.find(".//t:titleStmt/t:editor/t:email", NS).text == "editors@example.org"


def test_a_telegram_says_who_sent_it_when_and_to_whom(cmif_root):
    desc = cmif_root.find(".//t:correspDesc[@key='wilson-1953-05-12-telegram-voronin-to-cde-"
                          "a-ya-vyshinsky']", NS)
    sent, received = desc.findall("t:correspAction", NS)
    assert (sent.get("type"), [(etree.QName(c).localname, c.text, dict(c.attrib))
                               for c in sent]) == \
        ("sent", [("persName", "Voronin", {}), ("date", None, {"when": "1953-05-12"})])
    assert (received.get("type"), [(etree.QName(c).localname, c.text) for c in received]) == \
        ("received", [("persName", "A. Ya. Vyshinsky")])


def test_an_escher_letter_keeps_its_actions_and_names_the_unknown_recipient(cmif_root):
    """The Escher TEI puts both correspondents in the sent action (persName/@type sender
    and addressee, not TEI's roles) and only a place in the received one: the action is
    the role, so both stand as senders, and the recipient is "Unknown" at the place.
    Their @key is no authority URI: no @ref is made of it."""
    desc = cmif_root.find(".//t:correspDesc[@key='K_8232']", NS)
    sent, received = desc.findall("t:correspAction", NS)
    assert [(etree.QName(c).localname, c.text, dict(c.attrib)) for c in sent] == [
        ("persName", "Jakob Kauffmann", {}), ("persName", "Alfred Escher", {}),
        ("placeName", "Brugg (AG)", {}), ("date", None, {"when": "1875-05-17"})]
    assert [(etree.QName(c).localname, c.text) for c in received] == [
        ("persName", "Unknown"), ("placeName", "Luzern")]


def test_the_bibl_uuid_is_the_same_in_every_build_and_another_editions_differs(
        documents, edition):
    def uuid_of(outputs: dict[str, bytes]) -> str:
        root = etree.fromstring(outputs["cmif.xml"])
        return root.find(".//t:bibl", NS).get("{http://www.w3.org/XML/1998/namespace}id")

    entries = [export_entry(d) for d in documents]
    first = edition_exports(entries, edition, published=DAY)
    again = edition_exports(entries, edition, published=DAY)
    assert first["cmif.xml"] == again["cmif.xml"]
    other = dataclasses.replace(edition, base_url="https://example.org/other/")
    assert uuid_of(first) != uuid_of(edition_exports(entries, other, published=DAY))
    # a URL whose UUID begins with a digit gets the first of URL#1, URL#2... that does not
    urls = [f"https://e.org/{n}/cmif.xml" for n in range(20)]
    digit_first = [u for u in urls if str(uuid.uuid5(uuid.NAMESPACE_URL, u))[0].isdigit()]
    assert digit_first
    for url in digit_first:
        n = next(n for n in range(1, 100)
                 if str(uuid.uuid5(uuid.NAMESPACE_URL, f"{url}#{n}"))[0].isalpha())
        assert bibl_id(url) == str(uuid.uuid5(uuid.NAMESPACE_URL, f"{url}#{n}"))


# ---------------------------------------------------------------------------------------
# A letter with everything CMIF can say
# ---------------------------------------------------------------------------------------

FULL = """<correspDesc>
  <correspAction type="sent">
    <persName ref="http://d-nb.info/gnd/118629662 #p1" cert="high">Weber, Carl Maria von</persName>
    <orgName evidence="conjecture" cert="low">Hoftheater</orgName>
    <placeName ref="https://www.geonames.org/2935022">Dresden</placeName>
    <date notBefore="1810-07-11" notAfter="1810-07-18T12:00:00Z" cert="medium">July 1810</date>
  </correspAction>
  <correspAction type="forwarded"><persName>A clerk</persName></correspAction>
  <correspAction type="received">
    <name ref="viaf:123">Gänsbacher, Johann</name>
    <date from="1810-07" to="1811" when="--07-18">summer</date>
    <date when="1810-13-01">no date</date>
  </correspAction>
</correspDesc>"""


def _cmif_of(data: bytes, edition: Edition, ident: str = "letter-1") -> etree._Element:
    meta = read_metadata(parse_bytes(data), ident)
    return cmif_tree([(meta, f"{BASE}documents/{meta.id}.html")], edition,
                     cmif_url=BASE + "cmif.xml", base_url=BASE,
                     published=DAY).tree.getroot()


def test_metadata_reads_the_correspdesc_as_its_parts():
    meta = read_metadata(parse_bytes(_letter(FULL)), "letter-1")
    sent, forwarded, received = meta.correspondence
    assert sent == CorrespAction(
        "sent",
        names=(CorrespName("persName", "Weber, Carl Maria von",
                           ("http://d-nb.info/gnd/118629662", "#p1"), cert="high"),
               CorrespName("orgName", "Hoftheater", (), cert="low", evidence="conjecture")),
        places=(CorrespName("placeName", "Dresden", ("https://www.geonames.org/2935022",)),),
        dates=(CorrespDate(not_before="1810-07-11", not_after="1810-07-18T12:00:00Z",
                           text="July 1810", cert="medium"),))
    assert forwarded.type == "forwarded"
    assert received.names == (CorrespName("persName", "Gänsbacher, Johann", ("viaf:123",)),)
    assert [d.when for d in received.dates] == ["--07-18", "1810-13-01"]
    # the older fields read the same header as before
    assert meta.senders == ("Weber, Carl Maria von", "Hoftheater", "Dresden")
    assert meta.recipients == ("Gänsbacher, Johann",)
    assert read_metadata(parse_bytes(_letter("")), "x").correspondence == ()


def test_a_full_letter_keeps_authority_uris_cmif_dates_and_editorial_values(edition):
    root = _cmif_of(_letter(FULL), edition)
    desc = root.find(".//t:correspDesc", NS)
    got = [(a.get("type"), [(etree.QName(c).localname, c.text, dict(c.attrib)) for c in a])
           for a in desc]
    assert got == [
        ("sent", [
            ("persName", "Weber, Carl Maria von", {"ref": "http://d-nb.info/gnd/118629662"}),
            ("orgName", "Hoftheater", {"cert": "low", "evidence": "conjecture"}),
            ("placeName", "Dresden", {"ref": "https://www.geonames.org/2935022"}),
            ("date", None, {"notBefore": "1810-07-11", "notAfter": "1810-07-18"})]),
        ("received", [
            ("persName", "Gänsbacher, Johann", {}),
            ("date", None, {"from": "1810-07", "to": "1811"})])]
    assert cmif_problems(root, BASE + "cmif.xml") == []


def test_a_full_letter_is_valid_for_the_rng_and_the_schematron(edition, cmif_rng, cmif_sch,
                                                                tmp_path):
    root = _cmif_of(_letter(FULL), edition)
    assert cmif_rng.validate(etree.ElementTree(root)), cmif_rng.error_log
    path = tmp_path / "cmif.xml"
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    assert _jing(CMIF_DIR / "cmi-customization.rng", path) == []
    assert cmif_sch.check([path.read_text(encoding="utf-8")]) == [[]]


@pytest.mark.parametrize(("value", "cmif"), [
    ("1958", "1958"), ("1958-03", "1958-03"), ("1958-03-03", "1958-03-03"),
    ("1958-03-03T10:00", "1958-03-03"), ("1958-03-03T10:00:00.5+02:00", "1958-03-03"),
    ("--03-03", None), ("---03", None), ("1958-13", None), ("1958-02-30", None),
    ("1958-00", None), ("0000", None), ("-0044", None), ("19580", None), ("1958-3-3", None),
    ("1958-03T10:00", None), ("1958-03-03T", None), ("", None), (None, None),
])
def test_a_date_takes_only_cmifs_forms(value, cmif):
    assert cmif_date(value) == cmif


def test_an_action_that_names_no_one_names_unknown_and_a_date_without_a_form_is_dropped(
        edition):
    root = _cmif_of(_letter("""<correspDesc>
      <correspAction type="sent"><date when="--05-12">12 May</date></correspAction>
      <correspAction type="received"><placeName>Bern</placeName></correspAction>
    </correspDesc>"""), edition)
    got = [(a.get("type"), [(etree.QName(c).localname, c.text) for c in a])
           for a in root.iterfind(".//t:correspAction", NS)]
    assert got == [("sent", [("persName", "Unknown")]),
                   ("received", [("persName", "Unknown"), ("placeName", "Bern")])]
    assert cmif_problems(root, BASE + "cmif.xml") == []


def test_a_document_without_a_sent_and_a_received_action_is_left_out(edition):
    metas = [read_metadata(parse_bytes(_letter(c, ident=f"d{n}")), f"d{n}") for n, c in
             enumerate(["", "<correspDesc><correspAction type='sent'><persName>A</persName>"
                        "</correspAction></correspDesc>",
                        "<correspDesc><correspAction type='received'><persName>B</persName>"
                        "</correspAction></correspDesc>", FULL])]
    assert [is_letter(m) for m in metas] == [False, False, False, True]
    result = cmif_tree([(m, BASE + m.id) for m in metas], edition, cmif_url=BASE + "cmif.xml",
                       base_url=BASE, published=DAY)
    assert (result.letters, result.left_out) == (["d3"], ["d0", "d1", "d2"])


# ---------------------------------------------------------------------------------------
# What the edition must have
# ---------------------------------------------------------------------------------------


def test_without_base_url_every_export_is_skipped_with_a_warning(documents, edition, tmp_path):
    diagnostics: list = []
    outputs = site_exports(documents, dataclasses.replace(edition, base_url=None),
                           diagnostics, published=DAY)
    assert outputs == {}
    toml = sample_edition_dir().resolve() / "edition.toml"
    # one warning per export, none per document
    assert [str(d) for d in diagnostics] == [
        f"{toml}: warning [export-skipped] the CMIF, Dublin Core and OAI-PMH exports link to "
        "the published pages: set base_url (the site's http or https address) to make them",
        *(f"{toml}: warning [no-base-url] base_url is not set in edition.toml: {export} is not "
          "written (it needs the site's address, e.g. base_url = "
          "\"https://example.org/edition/\")" for export in ("sitemap.xml",
                                                             "the DTS tree (dts/)"))]
    diagnostics.clear()
    assert site_exports(documents, dataclasses.replace(edition, base_url="ftp://e.org/"),
                        diagnostics) == {}
    assert diagnostics[0].message.endswith("; base_url is not one: 'ftp://e.org/'")


@pytest.mark.parametrize(("licence_url", "target"), [
    ("https://creativecommons.org/licenses/by/4.0/", CC_BY),
    ("http://creativecommons.org/licenses/by/4.0", CC_BY),
    ("https://creativecommons.org/licenses/by/4.0/legalcode.de", CC_BY),
    ("https://creativecommons.org/publicdomain/zero/1.0/", CC0),
    ("https://creativecommons.org/licenses/by-sa/4.0/", None),
    ("https://creativecommons.org/licenses/by/3.0/", None),
    (None, None),
])
def test_the_cmif_file_is_written_only_under_cc_by_or_cc0(documents, edition, licence_url,
                                                          target):
    diagnostics: list = []
    outputs = site_exports(documents, dataclasses.replace(edition, licence_url=licence_url),
                           diagnostics, published=DAY)
    assert "dc/K_0005.xml" in outputs and "oai/repository-1.xml" in outputs
    if target is None:
        assert "cmif.xml" not in outputs
        assert [d.message for d in diagnostics] == [
            "no cmif.xml: CMIF files are licensed CC BY 4.0 or CC0 1.0 (the format requires "
            "it); edition.toml's licence_url is "
            + (repr(licence_url) if licence_url else "not set")]
    else:
        assert diagnostics == []
        licence = etree.fromstring(outputs["cmif.xml"]).find(".//t:licence", NS)
        assert licence.get("target") == target


def test_an_edition_without_letters_gets_no_cmif_file_and_a_note(documents, edition):
    diagnostics: list = []
    reports = [d for d in documents if d.id not in SAMPLE_LETTERS | {"K_0005", "K_8232"}]
    outputs = site_exports(reports, edition, diagnostics, published=DAY)
    assert "cmif.xml" not in outputs and len([o for o in outputs if o.startswith("dc/")]) == 6
    assert [(d.level, d.message) for d in diagnostics] == [
        ("note", "no cmif.xml: no document is a letter (a correspDesc with a sent and a "
                 "received correspAction)")]


# ---------------------------------------------------------------------------------------
# Where the RELAX NG schema and the rules (documentation, Schematron) disagree
# ---------------------------------------------------------------------------------------


def _drop_received(root):
    root.find(".//t:correspAction[@type='received']", NS).getparent().remove(
        root.find(".//t:correspAction[@type='received']", NS))


def _set(path: str, attr: str, value: str | None):
    def change(root):
        el = root.find(path, NS)
        if value is None:
            del el.attrib[attr]
        else:
            el.set(attr, value)
    return change


def _no_one(root):
    action = root.find(".//t:correspAction[@type='received']", NS)
    for child in list(action):
        action.remove(child)
    etree.SubElement(action, f"{{{TEI}}}placeName").text = "Bern"


def _date_words_only(root):
    date = root.find(".//t:correspAction/t:date", NS)
    date.attrib.clear()
    date.text = "May 1953"


DISAGREEMENTS = {
    # case: (change, valid for the RNG, what the rules say)
    "no received action": (_drop_received, True, "[E0002]"),
    "a date as --05-12": (_set(".//t:correspAction/t:date", "when", "--05-12"), True,
                          "not YYYY[-MM[-DD]]"),
    "a date with words only": (_date_words_only, True, "[E0004]"),
    "@source pointing nowhere": (_set(".//t:correspDesc", "source", "#elsewhere"), True,
                                 "[E0003]"),
    "a CC BY-SA licence": (_set(".//t:licence", "target",
                                "https://creativecommons.org/licenses/by-sa/4.0/"), True,
                           "licence target"),
    "an action naming no one": (_no_one, True, "names no one"),
    "a publication date without a time": (_set(".//t:publicationStmt/t:date", "when",
                                                "2026-01-01"), True, "no xsd:dateTime"),
    "idno type URL, as the documentation writes it": (
        _set(".//t:publicationStmt/t:idno", "type", "URL"), False, None),
    "cert medium, as the v1.1 example has it": (
        _set(".//t:correspAction/t:date", "cert", "medium"), False, "cert medium"),
}


@pytest.mark.parametrize("case", sorted(DISAGREEMENTS))
def test_where_the_rng_and_the_rules_disagree(case, cmif_root, cmif_rng, cmif_sch):
    change, rng_valid, rules_say = DISAGREEMENTS[case]
    root = copy.deepcopy(cmif_root)
    change(root)
    assert cmif_rng.validate(etree.ElementTree(root)) is rng_valid, cmif_rng.error_log
    text = etree.tostring(root, encoding="unicode")
    found = [f.message for f in cmif_sch.check([text])[0]] + cmif_problems(
        root, BASE + "cmif.xml")
    if rules_say is None:  # the rules allow it (the documentation's own spelling)
        assert found == []
    else:
        assert any(rules_say in message for message in found), found


def test_the_v11_example_is_refused_by_the_rng_and_passes_the_schematron(cmif_rng, cmif_sch):
    example = need_shared(CMIF_DIR / "example01_basic.xml")
    assert not cmif_rng.validate(etree.parse(str(example)))
    assert "cert" in str(cmif_rng.error_log)
    assert cmif_sch.check([example.read_text(encoding="utf-8")]) == [[]]


def test_names_are_text_whatever_they_hold_and_a_base_url_with_a_query_is_refused(edition):
    hostile = """<correspDesc><correspAction type="sent">
      <persName ref="https://e.org/p?a=1&amp;b=&quot;2&quot;"
        >A &amp; B &lt;script&gt;x&lt;/script&gt;</persName>
      </correspAction><correspAction type="received"><orgName>]]&gt; "C" 'D'</orgName>
      </correspAction></correspDesc>"""
    root = _cmif_of(_letter(hostile), edition)
    again = etree.fromstring(etree.tostring(root))
    names = [(n.text, n.get("ref")) for n in again.iterfind(".//t:correspAction/*", NS)]
    assert names == [("A & B <script>x</script>", 'https://e.org/p?a=1&b="2"'),
                     ("]]> \"C\" 'D'", None)]
    assert again.find(".//t:script", NS) is None
    diagnostics: list = []
    meta = read_metadata(parse_bytes(_letter(FULL)), "x")
    doc = ExportEntry(meta.id, "documents/x.html", meta.label, meta, None, 0)
    for base in ("https://e.org/?edition=1", "https://e.org/a b/", "https://e.org/#top"):
        assert under(edition_exports([doc], dataclasses.replace(edition, base_url=base),
                                     diagnostics), "cmif", "oai/") == {}
    assert [d.message.split("; ")[-1] for d in diagnostics] == [
        "base_url is not one: 'https://e.org/?edition=1'",
        "base_url is not one: 'https://e.org/a b/'", "base_url is not one: 'https://e.org/#top'"]
    assert "cmif.xml" in edition_exports([doc], edition, published=DAY)

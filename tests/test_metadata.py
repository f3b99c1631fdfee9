"""The one metadata reader (tei_edition/metadata.py): what it reads from a header, where a
header says a thing twice, the one cleaning of ids that the site, the PDF and the citations
share, their one order, and the one reading of SOURCE_DATE_EPOCH."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tei_edition.cli import cli
from tei_edition.edition import Edition
from tei_edition.encoder.pipeline import today
from tei_edition.metadata import build_date, page_name, read_metadata
from tei_edition.pdf import documents
from tei_edition.site import read_document, read_documents, render_document

FIXTURES = Path(__file__).parent / "fixtures"
CANONICAL = FIXTURES / "canonical.xml"


def tei(header: str = "", *, attrs: str = "", text: str = "<text><body><div><p>x</p></div>"
        "</body></text>") -> bytes:
    return (f'<TEI xmlns="http://www.tei-c.org/ns/1.0" {attrs}><teiHeader>{header}</teiHeader>'
            f"{text}</TEI>").encode()


def meta_of(data: bytes, name: str = "doc"):
    return read_metadata(etree.ElementTree(etree.fromstring(data)), name)


def test_every_part_of_the_canonical_header():
    meta = read_metadata(etree.parse(str(CANONICAL)), "canonical")
    assert (meta.id, meta.name) == ("wilson-900001", "canonical")
    assert meta.title.startswith("'Cable from the Ministry of Foreign Affairs of Ruritania")
    assert (meta.when, meta.date_text, meta.year, meta.type) == (
        "1958-03-03", "March 3, 1958", "1958", "cable")
    assert meta.senders == ("Ministry of Foreign Affairs of Ruritania",)
    assert meta.recipients == ("Embassy in Freedonia",)
    assert (meta.repository, meta.signature, meta.archive) == (
        "Ruritanian Foreign Ministry Archive", "RFA 102-00417-03",
        "Ruritanian Foreign Ministry Archive")
    assert (meta.language, meta.languages) == ("en", ("German",))
    assert meta.summary.startswith("The Ministry instructs the Embassy")
    assert meta.translators == ("Mara Lindqvist",)


def test_a_document_without_header_has_empty_parts():
    meta = meta_of(b'<TEI xmlns="http://www.tei-c.org/ns/1.0"/>', "bare")
    assert (meta.id, meta.title, meta.label, meta.when, meta.date_text, meta.type) == (
        "bare", "", "bare", None, "", None)
    assert (meta.senders, meta.recipients, meta.languages, meta.translators) == ((), (), (), ())
    assert (meta.repository, meta.signature, meta.archive, meta.summary) == ("", "", None, "")
    assert meta.language == "en"
    assert meta.sort_key == (True, "", "bare", "bare")


CREATION = '<creation><date when="1958-03-03">March 3, 1958</date></creation>'
SENT = ('<correspDesc><correspAction type="received"><date when="1958-03-09"/></correspAction>'
        '<correspAction type="sent"><persName>A</persName><date from="1958-03-01">early March'
        "</date></correspAction></correspDesc>")


@pytest.mark.parametrize("profile, when, words", [
    (CREATION + SENT, "1958-03-03", "March 3, 1958"),  # creation first
    (SENT, "1958-03-01", "early March"),  # else the date it was sent, its @from
    ('<creation><date notBefore="1958">1958 or later</date></creation>', "1958", "1958 or later"),
    ('<creation><date>undated</date></creation>' + SENT, None, "undated"),
])
def test_the_date_creation_first_then_the_sending(profile, when, words):
    meta = meta_of(tei(f"<profileDesc>{profile}</profileDesc>"))
    assert (meta.when, meta.date_text) == (when, words)
    assert meta.sort_key[0] is (when is None)


def test_the_signature_of_a_manuscript_without_repository_names_the_archive():
    # the site used to take the msIdentifier's idno only when it had child elements
    ms = ("<fileDesc><sourceDesc><msDesc><msIdentifier><idno>PRC FMA 118-01154-06</idno>"
          "</msIdentifier></msDesc><bibl><idno type='archival'>RFA 1</idno></bibl></sourceDesc>"
          "</fileDesc>")
    meta = meta_of(tei(ms))
    assert (meta.repository, meta.signature, meta.archive) == ("", "PRC FMA 118-01154-06",
                                                               "PRC FMA")
    bibl = meta_of(tei("<fileDesc><sourceDesc><bibl><idno type='archival'>RFA 102-1</idno>"
                       "</bibl></sourceDesc></fileDesc>"))
    assert (bibl.signature, bibl.archive) == ("RFA 102-1", "RFA")


def test_the_language_of_the_text_is_inherited_from_the_document():
    langs = ("<profileDesc><langUsage><language ident='de'>German</language>"
             "<language ident='en'>English</language></langUsage></profileDesc>")
    inherited = meta_of(tei(langs, attrs='xml:lang="de"'))
    assert (inherited.language, inherited.languages) == ("de", ("English",))
    own = meta_of(tei(langs, attrs='xml:lang="de"', text='<text xml:lang="en"/>'))
    assert (own.language, own.languages) == ("en", ("German",))


def test_correspondents_in_order_each_once():
    header = ("<profileDesc><correspDesc>"
              "<correspAction type='sent'><persName>A  B</persName><orgName>C</orgName>"
              "<placeName>P</placeName></correspAction>"
              "<correspAction type='sent'><persName>A B</persName><name>D</name></correspAction>"
              "<correspAction type='received'><orgName>E</orgName><date>x</date>"
              "</correspAction></correspDesc></profileDesc>")
    meta = meta_of(tei(header))
    assert meta.senders == ("A B", "C", "P", "D")
    assert meta.recipients == ("E",)


@pytest.mark.parametrize("ident, name", [
    ("wilson-900001", "wilson-900001"),
    ("Brief an Escher", "Brief-an-Escher"),
    ("Zürich.1875", "Z-rich.1875"),
    ("-x-", "x"),
    ("///", "document"),
])
def test_page_name(ident, name):
    assert page_name(ident) == name


def test_site_pdf_and_citation_name_a_document_alike(tmp_path):
    """A document without xml:id is named after its file, cleaned once: its page, its PDF
    section and its citation key are the same name."""
    source = tmp_path / "Brief an Escher.xml"
    source.write_bytes(CANONICAL.read_bytes().replace(b' xml:id="wilson-900001"', b""))
    doc = read_document(source)
    printed = documents.load_document(source)
    assert doc.id == printed.id == "Brief-an-Escher"
    page = render_document(doc, Edition())
    assert "@misc{Brief-an-Escher," in page
    result = CliRunner().invoke(cli, ["html", str(source), "-o", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site" / "documents" / "Brief-an-Escher.html").is_file()
    block = (tmp_path / "site" / "assets" / "search" / "d-0.js").read_text(encoding="utf-8")
    entry = json.loads(block.split(",", 1)[1].rstrip(");\n"))[0]
    assert entry[0] == "documents/Brief-an-Escher.html"


def test_the_site_and_the_pdf_list_documents_in_one_order(tmp_path):
    """Date order, undated last, then the title case folded, then the id."""
    base = CANONICAL.read_bytes()
    cases = {"b": (b"1958-03-03", b"beta"), "a": (b"1958-03-03", b"Beta"),
             "c": (b"1958-03-03", b"alpha"), "d": (b"1950-01-01", b"zeta"),
             "e": (None, b"Aardvark")}
    for stem, (when, title) in cases.items():
        data = base.replace(b' xml:id="wilson-900001"', b"").replace(
            b"<title>'Cable from the Ministry of Foreign Affairs of Ruritania to the Embassy in "
            b"Freedonia, Concerning the Border Commission'</title>", b"<title>" + title +
            b"</title>")
        data = data.replace(b'when="1958-03-03"', b'when="' + when + b'"' if when else b"")
        (tmp_path / f"{stem}.xml").write_bytes(data)
    paths = sorted(tmp_path.glob("*.xml"))
    site = [d.id for d in read_documents(paths)]
    printed = [d.id for d in documents.order(documents.load_document(p) for p in paths)]
    assert site == printed == ["d", "c", "a", "b", "e"]


@pytest.mark.parametrize("epoch, date", [
    ("1700000000", "2023-11-14"),
    ("0", "1970-01-01"),
    ("-86400", "1969-12-31"),
    ("soon", None), ("", None), ("1.5", None), (" 5", None), ("99999999999999999999", None),
    ("١٢٣", None),  # digits, but not the ASCII ones date +%s writes
])
def test_one_reading_of_source_date_epoch(monkeypatch, epoch, date):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    expected = date or dt.datetime.now(dt.UTC).date().isoformat()
    assert build_date().isoformat() == expected
    assert today() == expected  # the encoder's revision date
    assert documents.volume_date().isoformat() == expected  # the PDF's title page


def test_without_source_date_epoch_the_build_is_dated_today(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build_date() == dt.datetime.now(dt.UTC).date()
    assert documents.volume_date(dt.date(2001, 2, 3)) == dt.date(2001, 2, 3)

"""The real samples (read from ../shared at test time) and the golden pairs of our own documents.

Every real sample and every document of ours encodes to TEI valid against tei_all and
exports back to the same text (white space collapsed). The goldens compare the TEI
canonicalised, white space in mixed content kept; on a mismatch the test shows a diff and
says how to accept the new output (``pytest --update-goldens``).
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from conftest import REPO, SAMPLES, need_shared
from lxml import etree

from tei_edition.edition import load_edition
from tei_edition.encoder.pipeline import encode_file
from tei_edition.export import export_tree
from tei_edition.tei import NS, canonical, parse_bytes, tei

GOLDEN = Path(__file__).parent / "golden" / "wilson"
EDITION = REPO / "xml"
#: The revision date of every golden and sample TEI file (2026-01-01).
EPOCH = "1767225600"
OWN_DOCUMENTS = sorted(GOLDEN.glob("*.txt")) + sorted((EDITION / "sources").glob("*.txt"))


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def words(text: str) -> list[str]:
    return text.split()


def assert_round_trip(path: Path, tree: etree._Element) -> None:
    source = path.read_text(encoding="utf-8")
    exported = export_tree(tree)
    if words(exported) != words(source):
        diff = "\n".join(difflib.unified_diff(words(source), words(exported), "source",
                                              "export", lineterm="", n=4))
        pytest.fail(f"{path.name}: the export differs from the source (words):\n{diff}")


def assert_valid(tei_all: etree.RelaxNG, tree: etree._Element, name: str) -> None:
    if not tei_all.validate(etree.ElementTree(tree)):
        errors = "\n".join(f"  {e.line}: {e.message}" for e in tei_all.error_log)
        pytest.fail(f"{name}: not valid against tei_all:\n{errors}")


def sample(name: str) -> Path:
    return need_shared(SAMPLES / name)


def encoded(name: str) -> etree._Element:
    return encode_file(sample(name)).tree


def x(tree: etree._Element, path: str) -> list:
    return tree.xpath(path, namespaces=NS)


# ---------------------------------------------------------------------------------------
# Every real sample


def test_every_sample_is_valid_and_exports_back(wilson_samples: list[Path], tei_all) -> None:
    assert wilson_samples, "no samples found"
    for path in wilson_samples:
        result = encode_file(path)
        assert_valid(tei_all, result.tree, path.name)
        assert_round_trip(path, result.tree)
        # the tree the bytes were serialised from is what parsing them gives back
        assert canonical(parse_bytes(result.data).getroot()) == canonical(result.tree)


def test_output_is_deterministic(wilson_samples: list[Path]) -> None:
    for path in wilson_samples:
        assert encode_file(path).data == encode_file(path).data


# ---------------------------------------------------------------------------------------
# 118186.txt: header fields and bracket classification


def test_118186_header() -> None:
    t = encoded("118186.txt")
    assert t.get("{http://www.w3.org/XML/1998/namespace}id") == "wilson-118186"
    assert x(t, "string(//tei:profileDesc/tei:creation/tei:date/@when)") == "1962-04-25"
    assert x(t, "string(//tei:correspAction[@type='sent']/tei:date/@when)") == "1962-04-25"
    bibl = x(t, "//tei:sourceDesc/tei:bibl[@type='citation']")[0]
    assert x(bibl, "string(tei:idno[@type='archival'])") == "PRC FMA 118-01154-06"
    assert x(bibl, "string(tei:citedRange)") == "10"
    assert x(bibl, "string(tei:respStmt/tei:name)") == "7Brands"
    assert x(bibl, "string(tei:ptr/@target)") == \
        "https://wilson-center-digital-archive.dvincitest.com/document/118186"
    assert "Wilson Center Digital Archive" in "".join(bibl.itertext())
    assert x(t, "string(//tei:titleStmt/tei:respStmt[@xml:id='translator']/tei:name)") == \
        "7Brands"
    assert x(t, "//tei:titleStmt/tei:funder/text()") == ["MacArthur Foundation"]
    assert x(t, "//tei:langUsage/tei:language/@ident") == ["en", "zh"]
    assert x(t, "string(//tei:msDesc/tei:msIdentifier/tei:idno)") == "PRC FMA 118-01154-06"
    assert x(t, "string(//tei:msContents/tei:textLang/@mainLang)") == "zh"
    assert x(t, "//tei:msContents/tei:msItem/tei:p/text()") == ["Translation - English"]
    assert x(t, "string(//tei:titleStmt/tei:title)").startswith(
        "'Cable from the Chinese Foreign Ministry, Representations between China")
    assert x(t, "string(//tei:abstract/tei:p)").startswith("The Foreign Ministry alerts")
    assert x(t, "//tei:correspAction[@type='sent']/tei:orgName/text()") == \
        ["Chinese Foreign Ministry"]
    assert x(t, "//tei:correspAction[@type='received']/tei:persName/text()") == ["Xu Huang"]


def test_118186_brackets() -> None:
    t = encoded("118186.txt")
    body = x(t, "//tei:text/tei:body")[0]
    gaps = x(body, ".//tei:gap[@reason='omitted']/@rend")
    assert gaps == ["[...]"] * 4
    supplied = x(body, ".//tei:supplied[@reason='omitted-in-original']/text()")
    assert supplied == ["To", "the memorandum", "and", "Xinjiang Uyghur", "for the situation"]
    identifications = x(body, ".//tei:supplied[@reason='identification']/text()")
    assert identifications == ["Stepan Chervonenko", "Chervonenko"]
    glosses = [(x(c, "string(tei:orig)"), x(c, "string(tei:reg)"))
               for c in x(body, ".//tei:choice")]
    assert glosses == [("Wulumqi", "Urumqi"), ("Yili", "Ili")]
    # the translator is named: the translator's interventions carry @resp, gaps do not
    assert set(x(body, ".//tei:supplied/@resp | .//tei:choice/@resp")) == {"#translator"}
    assert x(body, ".//tei:gap/@resp") == []


def test_118186_structure() -> None:
    t = encoded("118186.txt")
    div = x(t, "//tei:body/tei:div")[0]
    assert (div.get("type"), div.get("subtype")) == ("document", "cable")
    assert x(div, "tei:opener/tei:seg/@type") == ["to", "level", "subject"]
    assert x(div, "tei:opener/tei:seg/tei:label/text()") == ["To:", "Level:", "Contents:"]
    assert x(div, "string(tei:opener/tei:salute)").startswith("To Comrade Xu Huang")
    assert x(div, "tei:p/@xml:id") == ["p1"]
    assert x(div, "string(tei:closer/tei:signed/tei:orgName)") == "Ministry of Foreign Affairs"
    assert x(div, "string(tei:closer/tei:dateline/tei:date/@when)") == "1962-04-25"
    assert x(div, "tei:gap/@rend") == ["[...]", "[...]"]  # before the opener, after the closer


# ---------------------------------------------------------------------------------------
# The structure of the other samples


def test_cable_1961_opener_and_closer() -> None:
    t = encoded("cable-1961-04-20.txt")
    assert x(t, "//tei:opener/tei:seg/@type") == [
        "heading", "from", "level", "number", "number", "heading", "copy"]
    assert x(t, "string(//tei:opener/tei:seg[@type='from']/tei:label)") == "Telegram From:"
    assert x(t, "string(//tei:opener/tei:salute)") == \
        "To the Ministry of Foreign Affairs and Comrade Li Fuchun:"
    assert x(t, "string(//tei:closer/tei:signed)") == "Chinese Embassy in the Soviet Union"
    assert x(t, "string(//tei:closer/tei:dateline/tei:date/@when)") == "1961-04-20"
    assert x(t, "//tei:correspAction[@type='received']/*/text()") == [
        "Ministry of Foreign Affairs", "Li Fuchun"]


def test_cable_1962_source_instead_of_citation() -> None:
    t = encoded("cable-1962-07-09.txt")
    assert x(t, "//tei:sourceDesc/tei:bibl/@type") == ["source"]
    assert x(t, "string(//tei:bibl[@type='source']/tei:idno)") == "PRC FMA 118-01082-04"
    assert x(t, "string(//tei:bibl[@type='source']/tei:citedRange)") == "60"
    assert x(t, "string(//tei:respStmt[@xml:id='translator']/tei:name)") == "Charles Kraus"
    assert x(t, "string(//tei:opener/tei:salute)") == "To the Xinjiang Foreign Affairs Office:"
    glosses = x(t, "//tei:choice/tei:reg/text()")
    assert glosses == ["Ili"]


def test_telegram_1950_enclosure() -> None:
    t = encoded("telegram-1950-09-28.txt")
    divs = x(t, "//tei:body/tei:div")
    assert [(d.get("type"), d.get("subtype")) for d in divs] == [
        ("document", "telegram"), ("enclosure", "letter")]
    main, enclosure = divs
    assert x(main, "tei:list/tei:item/@n") == ["1)", "2)", "3)", "4)"]
    assert x(main, "string(tei:closer/tei:signed/tei:persName)") == "A. Gromyko"
    assert x(main, "string(tei:closer/tei:dateline/tei:date/@when)") == "1950-09-28"
    assert x(main, "count(tei:postscript//tei:add[@hand='#handwritten'])") == 1
    assert x(enclosure, "string(tei:opener/tei:salute)") == "Dear Cde.I. V. Stalin"
    assert x(enclosure, "tei:opener/tei:add/@hand") == ["#handwritten"]
    assert x(enclosure, "string(tei:closer/tei:salute)") == "Devotedly yours,"
    assert x(enclosure, "string(tei:closer/tei:signed/tei:persName)") == "Kim Il Sung"
    assert x(enclosure, "string(tei:closer/tei:dateline/tei:placeName)") == "Pyongyang"
    assert x(enclosure, "string(tei:closer/tei:dateline/tei:date/@when)") == "1950-08-31"
    # paragraphs are numbered across the whole body
    assert x(t, "//tei:body//tei:p/@xml:id") == [f"p{n}" for n in range(1, 11)]
    assert x(t, "//tei:handNote/@xml:id") == ["handwritten"]


def test_telegram_1951_dates_and_closer() -> None:
    t = encoded("telegram-1951-01-13.txt")
    assert x(t, "//tei:opener/tei:seg/@type") == ["copy", "from", "date", "number"]
    assert x(t, "string(//tei:opener/tei:seg[@type='date']/tei:date/@when)") == "1951-01-13"
    closer = x(t, "//tei:closer")[0]
    assert x(closer, "string(tei:dateline/tei:date)") == "13.1.51"
    assert x(closer, "string(tei:dateline/tei:date/@when)") == "1951-01-13"
    assert x(closer, "string(tei:signed)") == "ROSHCHIN"
    assert x(t, "string(//tei:postscript/tei:p)").startswith("Spravka:")
    bibl = x(t, "//tei:bibl[@type='source']")[0]
    assert x(bibl, "tei:idno") == []  # two archives: no split is guessed
    assert "".join(bibl.itertext()).startswith("APRF, Fond 45")
    assert x(t, "//tei:msDesc") == []


def test_journal_1960_stamps_and_handwriting() -> None:
    t = encoded("journal-1960-03-07.txt")
    opener = x(t, "//tei:opener")[0]
    stamp = x(opener, ".//tei:stamp")[0]
    assert stamp.text == "faded USSR TOP SECRET"
    assert len(x(stamp, "tei:lb")) == 3  # the stamp spans four lines
    add = x(opener, "tei:add[@hand='#handwritten']")[0]
    assert x(add, "string(tei:supplied[@reason='uncertain-reading'])") == "N. P. Varnov"
    assert x(add, "string(tei:gap[@reason='illegible']/tei:desc)") == "illegible signature"
    span = x(opener, "tei:seg[@type='date']/tei:date[@from]")[0]
    assert (span.get("from"), span.get("to")) == ("1960-02-16", "1960-03-24")
    assert x(opener, "tei:seg[@type='date']/tei:date/@when") == ["1960-03-07"]
    signed = x(t, "//tei:closer/tei:signed")[0]
    assert x(signed, "tei:gap/@reason") == ["signature"]
    assert x(signed, "string(tei:persName)") == "A. PUZANOV"
    assert x(t, "string(//tei:postscript/tei:p[1])") == "Five copies printed"
    assert x(t, "//tei:postscript/tei:list/tei:item/@n") == ["1 -", "2 -", "3 -", "4 -", "5 -"]
    assert x(t, "//tei:handNote/@xml:id") == ["handwritten"]


def test_report_1972_distribution_list_and_dateline() -> None:
    t = encoded("report-1972-07-01.txt")
    note = x(t, "//tei:opener/tei:note[@type='distribution']")[0]
    assert note.text == "Produced in 6 copies for:"
    assert x(note, "tei:list/tei:item/text()")[:2] == ["Comrade Puja", "Comrade Marjai"]
    assert x(note, "count(tei:list/tei:item)") == 6
    assert x(t, "//tei:opener/tei:seg[@type='classification']/text()") == ["TOP SECRET!"]
    assert x(t, "//tei:opener/tei:seg[@type='subject']/tei:label/text()") == ["Subject:"]
    dateline = x(t, "//tei:closer/tei:dateline")[0]
    assert x(dateline, "string(tei:placeName)") == "Budapest"
    assert x(dateline, "string(tei:date/@when)") == "1972-07-01"
    assert x(t, "string(//tei:respStmt[@xml:id='translator']/tei:name)") == "Imre Majer"
    assert x(t, "//tei:bibl[@type='source']/tei:idno") == []  # no clear signature
    assert x(t, "//tei:titleStmt/tei:funder/text()") == [
        "Carnegie Corporation of New York (CCNY)"]


# ---------------------------------------------------------------------------------------
# Our own documents: golden pairs and the sample edition


def _check_golden(txt: Path, xml: Path, data: bytes, update: bool) -> None:
    if update or not xml.exists():
        xml.write_bytes(data)
        if not update:
            pytest.fail(f"{xml} did not exist; written: read it, then commit it")
        return
    expected = canonical(parse_bytes(xml.read_bytes(), str(xml)).getroot())
    actual = canonical(parse_bytes(data).getroot())
    if expected != actual:
        diff = "\n".join(difflib.unified_diff(
            xml.read_text(encoding="utf-8").splitlines(), data.decode("utf-8").splitlines(),
            str(xml), f"encode {txt.name}", lineterm=""))
        pytest.fail(f"{xml.name} differs from the encoding of {txt.name}:\n{diff}\n"
                    "If the new output is right, run `python -m pytest --update-goldens` "
                    "and read the diff before committing.")


@pytest.mark.parametrize("txt", sorted(GOLDEN.glob("*.txt")), ids=lambda p: p.stem)
def test_golden(txt: Path, update_goldens: bool, tei_all) -> None:
    result = encode_file(txt)
    assert_valid(tei_all, result.tree, txt.name)
    assert_round_trip(txt, result.tree)
    _check_golden(txt, txt.with_suffix(".xml"), result.data, update_goldens)


@pytest.mark.parametrize("txt", sorted((EDITION / "sources").glob("*.txt")),
                         ids=lambda p: p.stem)
def test_sample_edition(txt: Path, update_goldens: bool, tei_all) -> None:
    """xml/tei/ holds the encoder's output for xml/sources/, with the edition's header."""
    result = encode_file(txt, edition=load_edition(EDITION))
    assert_valid(tei_all, result.tree, txt.name)
    assert_round_trip(txt, result.tree)
    _check_golden(txt, EDITION / "tei" / f"{txt.stem}.xml", result.data, update_goldens)
    assert x(result.tree, "string(//tei:publicationStmt/tei:publisher)") == \
        "tei-edition sample edition"


def test_sample_edition_is_varied() -> None:
    """A dozen or more documents, covering the layout's variants."""
    sources = sorted((EDITION / "sources").glob("*.txt"))
    assert len(sources) >= 12
    trees = [parse_bytes((EDITION / "tei" / f"{p.stem}.xml").read_bytes()).getroot()
             for p in sources]

    def some(path: str) -> bool:
        return any(x(t, path) for t in trees)

    for path in [
        "//tei:bibl[@type='citation']", "//tei:bibl[@type='source']",
        "//tei:notesStmt/tei:note[@type='field']", "//tei:div[@type='enclosure']",
        "//tei:quote/tei:floatingText", "//tei:quote/tei:p", "//tei:note[@place='foot']",
        "//tei:opener/tei:note[@type='distribution']", "//tei:postscript/tei:list",
        "//tei:stamp", "//tei:add[@hand='#handwritten']", "//tei:gap[@reason='omitted']",
        "//tei:gap[@reason='illegible']", "//tei:gap[@reason='signature']", "//tei:sic",
        "//tei:unclear", "//tei:supplied[@reason='uncertain-reading']", "//tei:expan",
        "//tei:choice/tei:reg", "//tei:supplied[@reason='identification']",
        "//tei:supplied[@reason='omitted-in-original']", "//tei:note[@type='editorial']",
        "//tei:date[@cert='high']", "//tei:date[@from]", "//tei:msDesc",
        "//tei:desc[@rend='spaced']", "//tei:closer/tei:salute",
    ]:
        assert some(path), f"no sample document has {path}"
    # one document without a date line, one without Contents
    assert any(not x(t, "//tei:creation") for t in trees)
    assert all(t.tag == tei("TEI") for t in trees)

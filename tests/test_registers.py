"""Registers (issue 16): the register files, their checks, and the linking pass."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tei_edition import encode
from tei_edition.cli import cli
from tei_edition.encoder.record import read_record
from tei_edition.export import export_tree
from tei_edition.registers.check import check_refs, check_register, check_register_files
from tei_edition.registers.link import Linker, link_document, link_file
from tei_edition.registers.model import load_register
from tei_edition.tei import NS, parse_bytes, parse_file

T = 'xmlns="http://www.tei-c.org/ns/1.0"'
HEADER = ("<teiHeader><fileDesc><titleStmt><title>Register</title></titleStmt>"
          "<publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Test.</p>"
          "</sourceDesc></fileDesc></teiHeader>")
PERSONS = f"""<TEI {T}>{HEADER}<standOff><listPerson>
<person xml:id="chervonenko-stepan">
  <persName type="preferred">Chervonenko, Stepan Vasilyevich</persName>
  <occupation from="1959" to="1965">Soviet Ambassador to China</occupation>
  <idno type="wikidata">Q1385046</idno>
</person>
<person xml:id="yudin-pavel">
  <persName type="preferred">Yudin, Pavel</persName>
  <occupation from="1953" to="1959">Soviet Ambassador to China</occupation>
</person>
<person xml:id="stalin-joseph">
  <persName type="preferred">Stalin, Joseph Vissarionovich</persName>
  <persName type="pseudonym">Filippov</persName>
  <persName xml:lang="ru-Cyrl">Сталин</persName>
  <birth when="1878-12-18"/><death when="1953-03-05"/>
  <note>Soviet leader</note>
</person>
<person xml:id="li-one"><persName type="preferred">Li Fang</persName>
  <birth when="1900"/><death when="1950"/></person>
<person xml:id="li-two"><persName type="preferred">Li Fang</persName>
  <birth when="1920"/></person>
<person xml:id="wang-a"><persName type="preferred">Wang Ming</persName></person>
<person xml:id="wang-b"><persName type="preferred">Wang Ming</persName></person>
</listPerson></standOff></TEI>"""
PLACES = f"""<TEI {T}>{HEADER}<standOff><listPlace>
<place xml:id="havana"><placeName type="preferred">Havana</placeName>
  <idno type="geonames">3553478</idno></place>
<place xml:id="north-vietnam"><placeName type="preferred">North Vietnam</placeName>
  <placeName>North</placeName></place>
<place xml:id="korea"><placeName type="preferred">Korea</placeName></place>
<place xml:id="beijing"><placeName type="preferred">Beijing</placeName>
  <placeName>Peking</placeName></place>
</listPlace></standOff></TEI>"""
ORGS = f"""<TEI {T}>{HEADER}<standOff><listOrg>
<org xml:id="pl-embassy-havana"><orgName type="preferred">Polish Embassy in Havana</orgName>
</org>
<org xml:id="cn-mfa"><orgName type="preferred" from="1949">Chinese Ministry of Foreign
  Affairs</orgName></org>
</listOrg></standOff></TEI>"""

SOURCE = """**March 3, 1962**
**Cable from Chervonenko to the Polish Embassy in Havana**
**Summary:**
A test cable.
**Source:**
A test archive.
**Contents:**
To: Polish Embassy in Havana
The Ambassador [Chervonenko] met Wang Ming and Li Fang in Peking. \
The North Korean delegation and the North met in Korea. Filippov sent greetings. \
Then the Ambassador left.
CHERVONENKO
"""


@pytest.fixture
def edition(tmp_path: Path) -> Path:
    registers = tmp_path / "registers"
    registers.mkdir()
    (registers / "persons.xml").write_text(PERSONS, encoding="utf-8")
    (registers / "places.xml").write_text(PLACES, encoding="utf-8")
    (registers / "organisations.xml").write_text(ORGS, encoding="utf-8")
    (tmp_path / "tei").mkdir()
    source = tmp_path / "cable-1962.txt"
    source.write_text(SOURCE, encoding="utf-8")
    (tmp_path / "tei" / "cable-1962.xml").write_bytes(encode(source).data)
    return tmp_path


def _names(tree: etree._ElementTree) -> list[tuple[str, str, str | None]]:
    return [(etree.QName(el).localname, " ".join("".join(el.itertext()).split()), el.get("ref"))
            for el in tree.iter("{*}persName", "{*}placeName", "{*}orgName")
            if el.getparent() is not None]


def _linked(edition: Path) -> tuple[etree._ElementTree, list[str], bytes]:
    path = edition / "tei" / "cable-1962.xml"
    before = path.read_bytes()
    result = link_file(path, Linker(load_register(edition / "registers")))
    return parse_file(path), [str(d) for d in result.diagnostics], before


# -- the register --------------------------------------------------------------------------

def test_a_missing_register_is_empty(tmp_path: Path):
    register = load_register(tmp_path / "nowhere")
    assert len(register) == 0 and register.diagnostics == []


def test_entries_are_read_with_their_names_dates_offices_and_identifiers(edition: Path):
    register = load_register(edition / "registers")
    stalin = register.entries["stalin-joseph"]
    assert stalin.preferred == "Stalin, Joseph Vissarionovich"
    assert [(n.text, n.type, n.lang) for n in stalin.names][1:] == [
        ("Filippov", "pseudonym", None), ("Сталин", "variant", "ru-Cyrl")]
    assert (stalin.birth, stalin.death, stalin.note) == (1878, 1953, "Soviet leader")
    chervonenko = register.entries["chervonenko-stepan"]
    assert chervonenko.roles[0].start == 1959 and chervonenko.roles[0].end == 1965
    assert chervonenko.idnos == {"wikidata": "Q1385046"}
    assert chervonenko.ref == "per:chervonenko-stepan"
    assert register.resolve("pla:havana").kind == "place"
    assert register.resolve("per:havana") is None  # the prefix names the kind
    ministry = register.entries["cn-mfa"]  # an organisation's dates: its preferred name's
    assert (ministry.birth, ministry.death) == (1949, None)
    assert ministry.active_in(1948) is False and ministry.active_in(1962) is True


def test_the_register_files_are_valid_against_the_project_schema(edition: Path):
    assert [str(d) for d in check_register_files(edition / "registers")] == []


def test_an_entry_without_preferred_name_and_a_shared_name_are_reported(tmp_path: Path):
    (tmp_path / "persons.xml").write_text(PERSONS.replace(
        '<persName type="preferred">Yudin, Pavel</persName>', "<persName>Yudin</persName>"),
        encoding="utf-8")
    found = check_register(load_register(tmp_path))
    codes = [(d.level, d.code) for d in found]
    assert ("error", "register-preferred") in codes
    duplicate = [d for d in found if d.code == "register-duplicate"]
    assert len(duplicate) == 2 and "Li Fang" in duplicate[0].message
    assert duplicate[0].location.file.endswith("persons.xml") and duplicate[0].location.line


def test_an_id_used_twice_is_an_error(tmp_path: Path):
    (tmp_path / "persons.xml").write_text(PERSONS.replace('"yudin-pavel"', '"li-one"'),
                                          encoding="utf-8")
    assert any(d.code == "register-id" and d.level == "error"
               for d in load_register(tmp_path).diagnostics)


def test_pointers_to_no_entry_or_the_wrong_kind_are_errors_with_their_line(edition: Path):
    register = load_register(edition / "registers")
    tree = parse_bytes(f"""<TEI {T}><text><body><p>
<persName ref="per:stalin-joseph">Stalin</persName>
<persName ref="per:nobody">X</persName>
<placeName ref="per:stalin-joseph">Y</placeName>
<placeName ref="#p1">Z</placeName></p></body></text></TEI>""".encode(), "doc.xml")
    found = check_refs(tree, register, "doc.xml")
    assert [(str(d.location), d.code) for d in found] == [("doc.xml:3", "register-ref"),
                                                          ("doc.xml:4", "register-ref")]
    assert "nobody" in found[0].message and "is a person, not a place" in found[1].message


# -- linking ---------------------------------------------------------------------------------

def test_linking_links_names_and_changes_no_character_of_the_text(edition: Path):
    tree, notes, before = _linked(edition)
    old = parse_bytes(before)
    assert export_tree(tree) == export_tree(old)
    for part in ("tei:text", "tei:teiHeader/tei:fileDesc", "tei:teiHeader/tei:profileDesc"):
        assert "".join(old.find(part, NS).itertext()) == "".join(tree.find(part, NS).itertext())
    names = _names(tree)
    # the addressee, the seat of an organisation, the identification with its role phrase
    assert ("orgName", "Polish Embassy in Havana", "org:pl-embassy-havana") in names
    assert ("placeName", "Havana", "pla:havana") in names
    assert ("persName", "Ambassador Chervonenko", "per:chervonenko-stepan") in names
    # the role phrase again, which the bracket resolved
    assert ("persName", "Ambassador", "per:chervonenko-stepan") in names
    # the signature, in capitals
    assert ("persName", "CHERVONENKO", "per:chervonenko-stepan") in names
    # a cover name, a variant, a name of the title
    assert ("persName", "Filippov", "per:stalin-joseph") in names
    assert ("placeName", "Peking", "pla:beijing") in names
    # "North" of "North Korean" is not North Vietnam; the North alone is
    assert [n for n in names if n[1] == "North"] == [("placeName", "North", "pla:north-vietnam")]


def test_several_entries_a_date_cannot_decide_are_left_unlinked_with_a_note(edition: Path):
    tree, notes, _ = _linked(edition)
    names = _names(tree)
    assert not any(text == "Wang Ming" for _, text, _ in names)
    ambiguous = [n for n in notes if "[register-ambiguous]" in n]
    assert len(ambiguous) == 1 and "'Wang Ming'" in ambiguous[0]
    assert re.match(re.escape(str(edition / "tei" / "cable-1962.xml")) + r":\d+:\d+: note",
                    ambiguous[0])  # file:line:col
    # Li Fang: li-one died in 1950, the cable is of 1962
    assert ("persName", "Li Fang", "per:li-two") in names


def test_the_role_of_an_office_is_decided_by_the_date(edition: Path):
    register = load_register(edition / "registers")
    linker = Linker(register)
    notes: list = []
    entries = [register.entries["chervonenko-stepan"], register.entries["yudin-pavel"]]
    from tei_edition.errors import Location
    assert linker.decide(entries, {"person"}, 1962, "the Ambassador", Location("x"), notes) \
        is entries[0]
    assert linker.decide(entries, {"person"}, 1955, "the Ambassador", Location("x"), notes) \
        is entries[1]
    assert notes == []


def test_linking_twice_changes_nothing_and_keeps_the_encoders_record_intact(edition: Path):
    path = edition / "tei" / "cable-1962.xml"
    first = read_record(path.read_bytes())
    _linked(edition)
    data = path.read_bytes()
    record = read_record(data)
    assert record is not None and record.intact and first is not None
    assert record.encoded_from == first.encoded_from
    assert link_file(path, Linker(load_register(edition / "registers"))).changes == []
    assert path.read_bytes() == data


def test_a_hand_edited_file_gets_its_links_and_stays_hand_edited(edition: Path):
    path = edition / "tei" / "cable-1962.xml"
    path.write_bytes(path.read_bytes().replace(b"A test cable.", b"A test cable, edited."))
    assert not read_record(path.read_bytes()).intact
    _linked(edition)
    data = path.read_bytes()
    assert b'ref="per:chervonenko-stepan"' in data and not read_record(data).intact


def test_a_role_phrase_two_brackets_resolve_differently_is_not_linked(edition: Path):
    register = load_register(edition / "registers")
    tree = parse_bytes(f"""<TEI {T}><text><body><p>The Ambassador <supplied
reason="identification">Chervonenko</supplied> and the Ambassador <supplied
reason="identification">Yudin</supplied>; the Ambassador left.</p></body></text></TEI>""".encode())
    link_document(tree, register)
    refs = [(" ".join("".join(el.itertext()).split()), el.get("ref"))
            for el in tree.iterfind(".//tei:persName", NS)]
    assert refs == [("Ambassador Chervonenko", "per:chervonenko-stepan"),
                    ("Ambassador Yudin", "per:yudin-pavel")]


def test_an_editors_ref_stays_and_a_ref_to_no_entry_is_resolved_again(edition: Path):
    register = load_register(edition / "registers")
    tree = parse_bytes(f"""<TEI {T}><text><body><p><persName ref="per:yudin-pavel">CHERVONENKO
</persName> and <persName ref="per:gone">Filippov</persName></p></body></text></TEI>""".encode())
    result = link_document(tree, register)
    refs = [el.get("ref") for el in tree.iterfind(".//tei:persName", NS)]
    assert refs == ["per:yudin-pavel", "per:stalin-joseph"]
    assert [c.action for c in result.changes] == ["updated"]


def test_a_name_whose_entry_went_keeps_its_ref_for_the_check_to_report(edition: Path):
    _linked(edition)
    persons = edition / "registers" / "persons.xml"
    persons.write_text(PERSONS.replace('xml:id="li-two"', 'xml:id="li-three"'),
                       encoding="utf-8")
    tree, _, _ = _linked(edition)  # li-three has the name too: re-resolved by its words
    assert ("persName", "Li Fang", "per:li-three") in _names(tree)
    persons.write_text(PERSONS.replace('xml:id="stalin-joseph"', 'xml:id="stalin"')
                       .replace("Filippov", "Filipov"), encoding="utf-8")
    tree, _, _ = _linked(edition)  # no entry has the name: the ref stays, and is reported
    assert ("persName", "Filippov", "per:stalin-joseph") in _names(tree)
    found = check_refs(tree, load_register(edition / "registers"))
    assert [d.code for d in found] == ["register-ref"]


def test_the_linked_document_is_valid(edition: Path):
    from tei_edition.validate import validate

    _linked(edition)
    validate(edition / "tei" / "cable-1962.xml")  # raises when invalid


# -- the command -----------------------------------------------------------------------------

def test_the_register_commands(edition: Path):
    runner = CliRunner()
    result = runner.invoke(cli, ["register", "link", str(edition)])
    assert result.exit_code == 0, result.output
    assert "[register-ambiguous]" in result.output and "1 changed" in result.output
    result = runner.invoke(cli, ["register", "check", str(edition)])
    assert result.exit_code == 0, result.output
    path = edition / "tei" / "cable-1962.xml"
    path.write_bytes(path.read_bytes().replace(b'"per:stalin-joseph"', b'"per:stalin"'))
    result = runner.invoke(cli, ["register", "check", str(edition)])
    assert result.exit_code == 1 and "error [register-ref]" in result.output


def test_a_name_and_its_identification_bracket_are_one_name_not_two_nested(tmp_path: Path):
    """"Takeshiken [Tacheng]" (a form of the entry, then its bracket) is one placeName around
    both, not a placeName of the form inside a placeName of the same entry."""
    from tei_edition.resources import sample_edition_dir

    register = load_register(sample_edition_dir() / "registers")
    tree = parse_file(sample_edition_dir() / "tei" / "note-1962-01-22.xml")
    link_document(tree, register)
    names = tree.getroot().findall(".//tei:text//tei:placeName[@ref='pla:tacheng']", NS)
    assert names, "the crossing is not linked"
    for name in names:
        assert name.find(".//tei:placeName", NS) is None, etree.tostring(name)
    [outer] = [n for n in names if n.find("tei:supplied", NS) is not None]
    assert "".join(outer.itertext()).split() == ["Takeshiken", "Tacheng"]


def test_validate_checks_each_files_pointers_against_its_editions_registers(
        edition: Path, tmp_path_factory: pytest.TempPathFactory):
    runner = CliRunner()
    (edition / "edition.toml").write_text('title = "Test edition"\n', encoding="utf-8")
    assert runner.invoke(cli, ["register", "link", str(edition)]).exit_code == 0
    path = edition / "tei" / "cable-1962.xml"
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 0 and "register-" not in result.output, result.output

    text = path.read_text(encoding="utf-8").replace('"per:stalin-joseph"', '"per:stalin"', 1)
    path.write_text(text, encoding="utf-8")
    start = text.rfind("<persName", 0, text.index('"per:stalin"'))
    line = text.count("\n", 0, start) + 1
    col = start - text.rfind("\n", 0, start)
    result = runner.invoke(cli, ["validate", str(edition / "tei")])
    assert result.exit_code == 1
    assert (f"{path}:{line}:{col}: error [register-ref] ref=\"per:stalin\" names no entry"
            in result.output), result.output

    # outside any edition the pointers cannot be checked: a note, not an error ...
    alone = tmp_path_factory.mktemp("elsewhere") / "cable-1962.xml"
    alone.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(alone)])
    assert result.exit_code == 0 and "note [register-unchecked]" in result.output
    # ... unless the registers are named
    result = runner.invoke(cli, ["validate", str(alone), "--registers",
                                 str(edition / "registers")])
    assert result.exit_code == 1 and f"{alone}:{line}:{col}: error [register-ref]" in (
        result.output)

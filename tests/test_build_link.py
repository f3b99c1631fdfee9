"""The build's link stage (tei_edition/build/link.py): the edition's TEI linked to its
registers after the encode stage, only what changed, hand edits kept; the registers checked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tei_edition.build import build_edition
from tei_edition.cli import cli
from tei_edition.encoder.record import read_record
from tei_edition.resources import sample_edition_dir

T = 'xmlns="http://www.tei-c.org/ns/1.0"'
HEADER = ("<teiHeader><fileDesc><titleStmt><title>Register</title></titleStmt>"
          "<publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Test.</p>"
          "</sourceDesc></fileDesc></teiHeader>")
PERSONS = f"""<TEI {T}>{HEADER}<standOff><listPerson>
<person xml:id="chervonenko"><persName type="preferred">Chervonenko, Stepan</persName>
  <occupation from="1959" to="1965">Soviet Ambassador to China</occupation></person>
<person xml:id="li-one"><persName type="preferred">Li Fang</persName></person>
<person xml:id="li-two"><persName type="preferred">Li Fang</persName></person>
</listPerson></standOff></TEI>"""
SOURCE = ("**April {day}, 1962**\n**Letter {n} on the border**\n\n"
          "The ambassador [Chervonenko] came to Harbin.\n")
NAMES = ("letter-a", "letter-b")


@pytest.fixture(autouse=True)
def _reproducible(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


def _project(tmp_path: Path, persons: str = PERSONS) -> Path:
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "ed"), "--title", "Letters"])
    assert result.exit_code == 0, result.output
    root = tmp_path / "ed"
    assert not (root / "registers").exists()  # init writes no register
    for n, stem in enumerate(NAMES, 1):
        (root / "sources" / f"{stem}.txt").write_text(SOURCE.format(day=n, n=n),
                                                       encoding="utf-8")
    (root / "registers").mkdir()
    (root / "registers" / "persons.xml").write_text(persons, encoding="utf-8")
    return root


def _refs(path: Path) -> list[str]:
    return [part.split(b'"')[0].decode() for part in path.read_bytes().split(b' ref="')[1:]]


def test_the_build_links_every_document_and_a_rebuild_links_none(tmp_path):
    root = _project(tmp_path)
    result = build_edition(root, pdf=False)
    assert result.ok, [str(d) for d in result.diagnostics]
    assert result.linked == 2 and result.relinked == 2 and "link" in result.seconds
    for stem in NAMES:
        tei = root / "tei" / f"{stem}.xml"
        assert _refs(tei) == ["per:chervonenko"]
        record = read_record(tei.read_bytes())
        assert record is not None and record.intact  # sealed again: still the encoder's
    again = build_edition(root, pdf=False)
    assert again.ok and again.linked == 0 and again.relinked == 0
    assert again.sources["unchanged"] == 2 and again.sources["hand-edited"] == 0
    third = build_edition(root, pdf=False)
    assert third.linked == 0 and third.validated == 0 and third.pages_rendered == 0


def test_a_changed_register_links_every_file_again(tmp_path):
    root = _project(tmp_path)
    assert build_edition(root, pdf=False).ok
    places = PERSONS.replace("listPerson", "listPlace").split("<person ")[0] + (
        '<place xml:id="harbin"><placeName type="preferred">Harbin</placeName></place>'
        "</listPlace></standOff></TEI>")
    (root / "registers" / "places.xml").write_text(places, encoding="utf-8")
    result = build_edition(root, pdf=False)
    assert result.ok, [str(d) for d in result.diagnostics]
    assert result.linked == 2 and result.relinked == 2
    assert _refs(root / "tei" / "letter-a.xml") == ["per:chervonenko", "pla:harbin"]
    assert result.pages_rendered == 2  # the linked TEI is published


def test_a_re_encoded_file_is_linked_again(tmp_path):
    root = _project(tmp_path)
    assert build_edition(root, pdf=False).ok
    (root / "sources" / "letter-a.txt").write_text(
        SOURCE.format(day=1, n=1).replace("came", "left"), encoding="utf-8")
    result = build_edition(root, pdf=False)
    assert result.ok and result.sources["re-encoded"] == 1
    assert result.linked == 1 and result.relinked == 1
    tei = root / "tei" / "letter-a.xml"
    assert b"left" in tei.read_bytes() and _refs(tei) == ["per:chervonenko"]


def test_a_hand_edited_file_gets_its_links_and_stays_hand_edited(tmp_path):
    root = _project(tmp_path)
    assert build_edition(root, pdf=False).ok
    tei = root / "tei" / "letter-b.xml"
    edited = tei.read_bytes().replace(b"came to", b"came at noon to")
    tei.write_bytes(edited.replace(b' ref="per:chervonenko"', b""))  # the editor's copy
    result = build_edition(root, pdf=False)
    assert result.ok and result.linked == 1 and result.relinked == 1
    assert b"came at noon to" in tei.read_bytes() and _refs(tei) == ["per:chervonenko"]
    record = read_record(tei.read_bytes())
    assert record is not None and not record.intact  # still the editor's
    # the source changes: the hand-edited TEI is kept, the new encoding goes beside it
    (root / "sources" / "letter-b.txt").write_text(
        SOURCE.format(day=2, n=2).replace("came", "went"), encoding="utf-8")
    result = build_edition(root, pdf=False)
    assert result.sources["hand-edited"] == 1
    assert b"came at noon to" in tei.read_bytes()
    assert (root / "tei" / "letter-b.new.xml").exists()
    assert result.linked == 0  # the .new.xml is no document of the edition


def test_ambiguity_notes_are_build_diagnostics_also_when_nothing_is_linked_again(tmp_path):
    root = _project(tmp_path)
    source = root / "sources" / "letter-a.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("came", "and Li Fang came"),
                      encoding="utf-8")
    first = build_edition(root, pdf=False)
    notes = [str(d) for d in first.diagnostics if d.code == "register-ambiguous"]
    assert len(notes) == 1 and "'Li Fang' can be per:li-one, per:li-two" in notes[0]
    assert notes[0].startswith(f"{root / 'tei' / 'letter-a.xml'}:")
    again = build_edition(root, pdf=False)
    assert again.linked == 0
    assert [str(d) for d in again.diagnostics if d.code == "register-ambiguous"] == notes


def test_an_invalid_register_stops_the_build_before_anything_is_published(tmp_path):
    root = _project(tmp_path, PERSONS.replace(' type="preferred"', "", 1))
    result = build_edition(root, pdf=False)
    assert not result.ok and result.site is None
    assert str(root / "registers" / "persons.xml") in result.invalid
    assert any(d.code == "register-preferred" and d.level == "error"
               for d in result.diagnostics)
    assert not (root / "site" / "index.html").exists()
    # a register that is not even TEI of the project schema
    (root / "registers" / "persons.xml").write_text(
        f"<TEI {T}><standOff><bogus/></standOff></TEI>", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(root), "--no-pdf", "-j", "1"])
    assert result.exit_code == 1 and "persons.xml:1:" in result.output
    assert "Traceback" not in result.output


def test_an_edition_without_registers_links_nothing(tmp_path):
    root = _project(tmp_path)
    shutil.rmtree(root / "registers")
    result = build_edition(root, pdf=False)
    assert result.ok and result.linked == 0
    assert _refs(root / "tei" / "letter-a.xml") == []


def test_workers_link_as_one_process_does(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    a, b = _project(one), _project(two)
    assert build_edition(a, pdf=False, jobs=1).ok
    result = build_edition(b, pdf=False, jobs=2)
    assert result.ok and result.linked == 2
    for stem in NAMES:
        assert (a / "tei" / f"{stem}.xml").read_bytes() == (b / "tei" / f"{stem}.xml"
                                                            ).read_bytes()


def test_the_sample_edition_has_registers_that_its_build_links(tmp_path):
    sample = sample_edition_dir()
    for name in ("persons.xml", "places.xml", "organisations.xml"):
        assert (sample / "registers" / name).is_file()
    assert not any(b' ref="per:' in p.read_bytes() for p in (sample / "tei").glob("*.xml"))
    root = tmp_path / "sample"
    shutil.copytree(sample, root)
    result = build_edition(root, pdf=False)
    assert result.ok, [str(d) for d in result.diagnostics if d.level == "error"]
    assert result.linked == 13 and result.relinked == 13
    assert not [d for d in result.diagnostics if d.code.startswith("register")]
    record = (root / "tei" / "record-1956-08-14.xml").read_bytes()
    for ref in (b"per:tan-lisheng", b"per:mirovsky-p", b"per:molotov-vyacheslav",
                b"pla:harbin", b"org:su-mfa-far-eastern-department"):
        assert b'ref="' + ref + b'"' in record


def test_the_build_publishes_register_pages_and_a_printed_index_and_follows_the_register(
        tmp_path):
    """The build wires the registers through: the site's register pages (every link of
    the document pages to them resolves), the index of the PDF volume, and a change of
    the register alone (a preferred name) renders the pages, the register pages and the
    volume again."""
    from pypdf import PdfReader

    root = _project(tmp_path)
    result = build_edition(root)
    assert result.ok, [str(d) for d in result.diagnostics if d.level == "error"]
    site = root / "site"
    entry = site / "registers" / "persons" / "chervonenko.html"
    assert (site / "registers" / "persons.html").is_file() and entry.is_file()
    assert "Chervonenko, Stepan" in entry.read_text(encoding="utf-8")
    pages = sorted((site / "documents").glob("*.html"))
    hrefs = [part.split('"')[0] for page in pages
             for part in page.read_text(encoding="utf-8").split('href="')[1:]
             if part.startswith("../registers/")]
    assert hrefs and all((site / "documents" / h.split("#")[0]).resolve().is_file()
                         for h in hrefs)
    [(volume, _)] = result.volumes
    text = "".join(p.extract_text() for p in PdfReader(volume).pages)
    assert "Index of persons" in text and "Chervonenko, Stepan" in text

    persons = root / "registers" / "persons.xml"
    persons.write_text(PERSONS.replace("Chervonenko, Stepan", "Chervonenko, Stepan V."),
                       encoding="utf-8")
    again = build_edition(root)
    assert again.ok and again.pages_rendered == 2 and again.index_rendered
    assert again.pdf_rendered
    assert "Chervonenko, Stepan V." in entry.read_text(encoding="utf-8")
    assert any("Chervonenko, Stepan V." in page.read_text(encoding="utf-8") for page in pages)
    [(volume, _)] = again.volumes
    assert "Chervonenko, Stepan V." in "".join(p.extract_text()
                                               for p in PdfReader(volume).pages)


def test_a_pointer_to_no_entry_is_an_error_that_keeps_its_file_from_the_site(tmp_path):
    """A pointer an editor wrote that names no entry, on a name the register does not know:
    `file:line:col: error [register-ref]`, the file invalid (not published with
    --keep-going, the build's exit code 1), in a rebuild too (from the cache)."""
    root = _project(tmp_path)
    assert build_edition(root, pdf=False).ok
    tei = root / "tei" / "letter-b.xml"
    text = tei.read_text(encoding="utf-8")
    assert "came to Harbin" in text
    tei.write_text(text.replace("came to Harbin", 'came to <persName ref="per:nobody">'
                                "Nobody Known</persName>"), encoding="utf-8")
    for _ in range(2):
        result = build_edition(root, pdf=False, keep_going=True)
        errors = [d for d in result.diagnostics if d.code == "register-ref"]
        assert len(errors) == 1 and errors[0].level == "error"
        assert errors[0].location.file == str(tei) and errors[0].location.col
        assert "per:nobody" in errors[0].message
        assert result.invalid == [str(tei)] and not result.ok
        site = root / "site" / "documents"
        pages = [p.name for p in site.glob("*.html")]
        assert len(pages) == 1 and "letter-1" in pages[0], pages  # letter-a's, not b's
    result = CliRunner().invoke(cli, ["build", str(root)])
    assert result.exit_code == 1
    assert f"{tei}:" in result.output and "[register-ref]" in result.output

"""An edition project's life (issue 15): ``init``, ``build`` without a folder (the sample
edition's copy), sources encoded by the build, hand edits never lost, ``-j``."""

from __future__ import annotations

import os
import shutil
import tomllib
from pathlib import Path

from click.testing import CliRunner

from tei_edition.cli import cli
from tei_edition.encoder.record import read_record
from tei_edition.project import SAMPLE_MARKER
from tei_edition.tei import parse_bytes

REPO = Path(__file__).resolve().parents[1]
PAGE = "wilson-1958-04-01-letter-on-the-border.html"
SOURCE = "**April 1, 1958**\n**Letter on the border**\n\nThe ambassador [Chervonenko] came.\n"


def _build(*args: str):
    return CliRunner().invoke(cli, ["build", *args], catch_exceptions=False)


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _project(tmp_path: Path) -> Path:
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "ed"), "--title", 'Cables "1958"'])
    assert result.exit_code == 0, result.output
    root = tmp_path / "ed"
    (root / "sources" / "letter-1958-04-01.txt").write_text(SOURCE, encoding="utf-8")
    return root


def test_init_makes_a_project_whose_every_key_is_commented(tmp_path):
    root = _project(tmp_path)
    assert sorted(p.name for p in root.iterdir()) == [
        ".gitignore", "README.md", "edition.toml", "sources", "tei"]
    text = (root / "edition.toml").read_text(encoding="utf-8")
    assert tomllib.loads(text) == {"title": 'Cables "1958"'}  # the rest commented out
    for key in ("editors", "publisher", "licence", "licence_url", "base_url", "languages",
                "publish_comments"):
        assert f"# {key} = " in text, key
        uncommented = text.replace(f"# {key} = ", f"{key} = ")
        assert key in tomllib.loads(uncommented), key  # each example is valid TOML
    again = CliRunner().invoke(cli, ["init", str(root)])
    assert again.exit_code == 1 and "not an empty folder" in again.output


def test_build_encodes_validates_and_publishes_into_site(tmp_path):
    root = _project(tmp_path)
    result = _build(str(root), "-j", "1")
    assert result.exit_code == 0, result.output
    assert "sources: 1 encoded; TEI: 1 documents, 0 invalid" in result.output
    tei = root / "tei" / "letter-1958-04-01.xml"
    record = read_record(tei.read_bytes())
    assert record is not None and record.intact
    assert "Letter on the border" in (root / "site" / "index.html").read_text(encoding="utf-8")
    # a volume per year (edition.toml's [print] volumes, by default)
    assert (root / "site" / "pdf" / "1958.pdf").read_bytes().startswith(b"%PDF")
    again = _build(str(root), "-j", "1")
    assert again.exit_code == 0 and "sources: 1 unchanged" in again.output
    assert tei.read_bytes() == tei.read_bytes()


def test_a_changed_source_is_encoded_again_unless_its_tei_was_edited_by_hand(tmp_path):
    root = _project(tmp_path)
    assert _build(str(root), "-j", "1").exit_code == 0
    source = root / "sources" / "letter-1958-04-01.txt"
    tei = root / "tei" / "letter-1958-04-01.xml"
    new = root / "tei" / "letter-1958-04-01.new.xml"

    source.write_text(SOURCE.replace("came", "left"), encoding="utf-8")
    result = _build(str(root), "-j", "1")
    assert result.exit_code == 0 and "1 re-encoded" in result.output
    assert b"left." in tei.read_bytes() and not new.exists()

    edited = tei.read_bytes().replace(b"left.", b"left early.")  # the editor's correction
    tei.write_bytes(edited)
    assert "1 unchanged" in _build(str(root), "-j", "1").output  # source as it was: kept
    source.write_text(SOURCE.replace("came", "arrived"), encoding="utf-8")
    result = _build(str(root), "-j", "1")
    assert result.exit_code == 0, result.output
    assert tei.read_bytes() == edited  # never overwritten
    assert b"arrived." in new.read_bytes()
    assert (f"{tei}: warning [hand-edited] was changed by hand since it was encoded, and its "
            f"source {source} is not what it was encoded from") in result.output
    assert f"diff -u {tei} {new}" in result.output
    site = (root / "site" / "documents").iterdir()
    assert [p.name for p in site] == [PAGE]  # the .new.xml is not published
    assert "left early" in (root / "site" / "documents" / PAGE).read_text(
        encoding="utf-8")

    new.unlink()  # the editor took what they wanted: not offered again for this source
    result = _build(str(root), "-j", "1")
    assert "1 unchanged" in result.output and not new.exists()
    source.write_text(SOURCE.replace("came", "returned"), encoding="utf-8")
    assert "1 hand-edited" in _build(str(root), "-j", "1").output and new.exists()


def test_a_tei_without_a_record_is_kept_unless_it_is_the_encoding(tmp_path):
    root = _project(tmp_path)
    tei = root / "tei" / "letter-1958-04-01.xml"
    assert _build(str(root), "-j", "1").exit_code == 0
    import re

    bare = re.sub(rb'\s*<desc type="encoded-(from|as)">[^<]*</desc>', b"", tei.read_bytes())
    tei.write_bytes(bare)  # as an older tei-edition wrote it
    result = _build(str(root), "-j", "1")
    assert "1 unchanged" in result.output and tei.read_bytes() == bare
    tei.write_bytes(bare.replace(b"came.", b"came at noon."))
    result = _build(str(root), "-j", "1")
    assert "has no record of its encoding" in result.output
    assert b"came at noon." in tei.read_bytes()


def test_a_source_that_cannot_be_encoded_publishes_nothing_unless_keep_going(tmp_path):
    root = _project(tmp_path)
    (root / "sources" / "bad.txt").write_bytes(b"**May 1**\n**T**\n\nA \x01 B\n")
    result = _build(str(root), "-j", "1")
    assert result.exit_code == 1
    assert f"{root / 'sources' / 'bad.txt'}:4:3: error" in result.output
    assert "nothing was published" in result.output and not (root / "site").exists()
    assert not (root / "tei" / "bad.xml").exists()
    result = _build(str(root), "-j", "1", "--keep-going")
    assert result.exit_code == 1 and (root / "site" / "index.html").exists()


def test_an_invalid_tei_is_left_out_with_keep_going(tmp_path):
    root = _project(tmp_path)
    shutil.copy(REPO / "tests" / "fixtures" / "canonical.xml", root / "tei" / "other.xml")
    text = (root / "tei" / "other.xml").read_text(encoding="utf-8")
    (root / "tei" / "other.xml").write_text(text.replace('<gap reason="signature"/>', "<gap/>"),
                                            encoding="utf-8")
    result = _build(str(root), "-j", "1")
    assert result.exit_code == 1 and not (root / "site").exists()
    result = _build(str(root), "-j", "1", "--keep-going")
    assert result.exit_code == 1 and "the valid ones were published" in result.output
    assert "1 documents" in result.output.split("index.html:")[1]


def test_build_without_a_folder_builds_a_copy_of_the_sample_edition(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = _build("-j", "2")
    assert result.exit_code == 0, result.output
    copy = tmp_path / "sample-edition"
    assert (copy / SAMPLE_MARKER).is_file()
    assert "sources: 13 unchanged" in result.output  # the bundled TEI is the encoder's
    assert len(list((copy / "site" / "documents").glob("*.html"))) == 13
    # the bundled TEI, linked to the bundled registers (xml/registers): @ref and name
    # elements added, not a character of the text changed (tests/test_build_link.py)
    copied, bundled = _tree(copy / "tei"), _tree(REPO / "xml" / "tei")
    assert copied.keys() == bundled.keys()
    for name, data in copied.items():
        assert b' ref="per:' in data or b' ref="pla:' in data or b' ref="org:' in data, name
        linked, encoded = (parse_bytes(d).getroot().find("{*}text") for d in (data, bundled[name]))
        assert "".join(linked.itertext()) == "".join(encoded.itertext()), name
    # a folder of that name that is no copy is refused and left alone
    shutil.rmtree(copy)
    copy.mkdir()
    (copy / "mine.txt").write_text("mine")
    result = _build("-j", "1")
    assert result.exit_code == 1 and "is not a copy of tei-edition's sample edition" in \
        result.output
    assert os.listdir(copy) == ["mine.txt"]


def test_the_outputs_do_not_depend_on_the_number_of_workers(tmp_path, monkeypatch):
    """-j 2 against -j 1 on 60 sources (more than one chunk per worker): TEI and site
    byte for byte the same (the PDF apart: its creation date)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    from tei_edition.build import workers

    monkeypatch.setattr(workers, "CHUNK", 10)
    trees = []
    for jobs in ("1", "2"):
        root = tmp_path / f"j{jobs}"
        shutil.copytree(REPO / "xml", root, ignore=shutil.ignore_patterns("tei"))
        for n in range(1, 48):  # beside the sample's 13: letters of their own ids
            (root / "sources" / f"letter-{n}.txt").write_text(
                SOURCE.replace("April 1", f"April {n % 28 + 1}").replace("border", f"border {n}"),
                encoding="utf-8")
        result = _build(str(root), "-j", jobs)
        assert result.exit_code == 0, result.output
        assert "sources: 60 encoded" in result.output
        site = {k: v for k, v in _tree(root / "site").items()
                if not k.endswith(".pdf") and not k.endswith(".json")}
        trees.append((_tree(root / "tei"), site))
    assert trees[0] == trees[1]


def test_no_pdf_leaves_the_print_out_and_an_earlier_builds_volumes_as_they_were(tmp_path):
    root = _project(tmp_path)
    result = _build(str(root), "-j", "1", "--no-pdf")
    assert result.exit_code == 0, result.output
    assert (root / "site" / "index.html").is_file() and not (root / "site" / "pdf").exists()
    assert "pages" in result.output and " pdf " not in result.output
    assert _build(str(root), "-j", "1").exit_code == 0
    volume = root / "site" / "pdf" / "1958.pdf"
    printed = volume.read_bytes()
    (root / "sources" / "letter-1958-04-01.txt").write_text(
        SOURCE.replace("came", "left"), encoding="utf-8")
    again = _build(str(root), "-j", "1", "--no-pdf")
    assert again.exit_code == 0, again.output
    assert "left" in (root / "site" / "documents" / PAGE).read_text(encoding="utf-8")
    assert volume.read_bytes() == printed  # kept, not printed again

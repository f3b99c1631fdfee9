"""``tei-edition build``: encode an edition's sources, validate its TEI, then publish the site
and the PDF (OUT/index.html ..., OUT/pdf/edition.pdf)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from tei_edition.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"


def make_edition(root: Path) -> Path:
    (root / "tei").mkdir(parents=True)
    (root / "sources").mkdir()
    (root / "edition.toml").write_text(
        'title = "Border Commission Papers"\neditors = ["R. Example"]\n'
        'publisher = "Test Press"\nlicence = "CC BY 4.0"\n', encoding="utf-8")
    shutil.copy(FIXTURES / "canonical.xml", root / "tei" / "cable-1958-03-03.xml")
    (root / "sources" / "cable-1958-03-03.txt").write_text("**March 3, 1958**\n")
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = make_edition(tmp_path_factory.mktemp("edition"))
    (root / "sources" / "letter-1958-04-01.txt").write_text(
        "**April 1, 1958**\n**A letter on the border**\n\nThe ambassador [Chervonenko] came.\n")
    out = root.parent / "out"
    result = CliRunner().invoke(cli, ["build", str(root), "--out-dir", str(out)])
    return root, out, result


def test_build_publishes_site_and_pdf(built):
    root, out, result = built
    assert result.exit_code == 0, result.output
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Border Commission Papers" in index
    page = (out / "documents" / "wilson-900001.html").read_text(encoding="utf-8")
    assert "Strzelna" in page
    # both documents are of 1958: one volume, the year's (edition.toml's [print] volumes)
    assert sorted(p.name for p in (out / "pdf").iterdir()) == ["1958.pdf"]
    reader = PdfReader(out / "pdf" / "1958.pdf")
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Border Commission Papers 1958" in text and "A letter on the border" in text
    assert "pdf/1958.pdf" in result.output


def test_build_encodes_a_source_without_tei(built):
    """The letter has no TEI: the build encodes it into tei/ and publishes it; the cable's
    TEI (a fixture with no record of an encoding, not what its source gives) is kept."""
    root, out, result = built
    assert (root / "tei" / "letter-1958-04-01.xml").is_file()
    assert "A letter on the border" in (out / "index.html").read_text(encoding="utf-8")
    assert "sources: 1 encoded, 1 hand-edited" in result.output
    assert f"{root / 'tei' / 'cable-1958-03-03.xml'}: warning [hand-edited]" in result.output


def test_build_again_replaces_a_previous_build(built):
    root, out, _ = built
    again = CliRunner().invoke(cli, ["build", str(root), "--out-dir", str(out)])
    assert again.exit_code == 0, again.output


def test_an_invalid_document_publishes_nothing(tmp_path):
    root = make_edition(tmp_path / "ed")
    bad = (root / "tei" / "cable-1958-03-03.xml").read_text(encoding="utf-8")
    (root / "tei" / "bad.xml").write_text(bad.replace('<gap reason="signature"/>', "<gap/>")
                                          .replace('xml:id="wilson-900001"', 'xml:id="w2"'),
                                          encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(root), "--out-dir", str(out)])
    assert result.exit_code == 1
    assert "bad.xml:" in result.output and "error" in result.output
    assert "nothing was published" in result.output
    assert not out.exists()


def test_a_foreign_folder_is_not_written_into(tmp_path):
    root = make_edition(tmp_path / "ed")
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    result = CliRunner().invoke(cli, ["build", str(root), "--out-dir", str(out)])
    assert result.exit_code == 1
    assert "--force" in result.output
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_a_folder_without_edition_toml_is_refused(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(tmp_path), "--out-dir", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "edition.toml" in result.output


def test_an_edition_over_the_page_budget_is_printed_in_volumes(tmp_path):
    """--max-pages splits the print edition; a later build in one volume removes the parts."""
    root = tmp_path / "ed"
    shutil.copytree(Path(__file__).resolve().parent.parent / "xml", root)
    with (root / "edition.toml").open("a", encoding="utf-8") as toml:
        toml.write('\n[print]\nvolumes = "none"\n')  # the whole edition, not a year a volume
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(root), "--out-dir", str(out),
                                      "--max-pages", "8"])
    assert result.exit_code == 0, result.output
    # in volume order (edition-2.pdf before edition-10.pdf)
    volumes = sorted((out / "pdf").glob("edition-*.pdf"),
                     key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    assert len(volumes) > 1 and not (out / "pdf" / "edition.pdf").exists()
    titles = []
    for n, volume in enumerate(volumes, 1):
        reader = PdfReader(volume)
        assert len(reader.pages) <= 8, volume
        text = reader.pages[0].extract_text()
        assert f"Volume {n} of {len(volumes)}" in " ".join(text.split()), volume
        assert f"{volume}: {len(reader.pages)} pages" in result.output
        titles.append(" ".join("".join(p.extract_text() for p in reader.pages).split()))
    # every document once, in date order, across the volumes
    from tei_edition.site import read_documents

    printed = " ".join(titles)
    docs = read_documents(sorted((root / "tei").glob("*.xml")))
    where = [printed.find(f"Document {n} ") for n in range(1, len(docs) + 1)]
    assert -1 not in where and where == sorted(where), where
    assert printed.count(f"Document {len(docs)} ") == 1
    again = CliRunner().invoke(cli, ["build", str(root), "--out-dir", str(out)])
    assert again.exit_code == 0, again.output
    assert sorted(p.name for p in (out / "pdf").glob("*.pdf")) == ["edition.pdf"]

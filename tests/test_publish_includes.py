"""What html, pdf and validate say and do about XIncludes beyond resolving them
(tei_edition/xinclude.py): a repeated xml:id of an assembly is a warning printed once
with its file, line and column (not fatal: exit 0), and a file that another file of the
folders given includes is a part of it, not a document of its own (a note says so).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from tei_edition.cli import cli
from tests.conftest import SHARED, need_shared

SGA = SHARED / "samples" / "tei" / "sga"
DRIVER = SGA / "bl" / "bl-loan_ms_70_08.xml"
TEI_NS = "http://www.tei-c.org/ns/1.0"
# the SGA driver names two editors "RV" (lines 13 and 14, the attribute at column 17)
RV_WARNING = (f'{DRIVER}:14:17: warning [duplicate-id] xml:id "RV" is given again (first at '
              f"{DRIVER}:13:17): a link to it finds the first")


def _lines(text: str, code: str) -> list[str]:
    return [line for line in text.splitlines() if f"[{code}]" in line]


def test_html_prints_the_sga_duplicate_id_once_and_publishes(tmp_path):
    need_shared(DRIVER)
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["html", str(DRIVER), "--out-dir", str(out),
                                      "--include-root", str(SGA)])
    assert result.exit_code == 0, result.output
    assert _lines(result.output, "duplicate-id") == [RV_WARNING]
    assert "1 document" in result.output
    assert (out / "documents" / "bl-loan_ms_70_08.html").is_file()


def test_pdf_prints_the_sga_duplicate_id_once_and_writes_the_pdf(tmp_path):
    need_shared(DRIVER)
    pdf = tmp_path / "sga.pdf"
    result = CliRunner().invoke(cli, ["pdf", str(DRIVER), "-o", str(pdf),
                                      "--include-root", str(SGA)])
    assert result.exit_code == 0, result.output
    assert _lines(result.output, "duplicate-id") == [RV_WARNING]
    assert pdf.read_bytes().startswith(b"%PDF")


def test_validate_and_html_give_the_same_duplicate_id_message(tmp_path):
    """One helper makes both (Assembled.duplicate_ids): the words do not drift apart."""
    need_shared(DRIVER)
    result = CliRunner().invoke(cli, ["validate", str(DRIVER), "--include-root", str(SGA)])
    assert _lines(result.output, "duplicate-id") == [RV_WARNING]


# ---------------------------------------------------------------------------------------
# A folder's parts
# ---------------------------------------------------------------------------------------


def _sga_copy(tmp_path: Path) -> Path:
    """The SGA sample without its two boards (0002, 0017: surfaces that the driver does not
    include, so not TEI documents of their own either)."""
    need_shared(DRIVER)
    root = tmp_path / "sga"
    shutil.copytree(SGA, root)
    for n in (2, 17):
        (root / "bl" / "bl-loan_ms_70_08" / f"bl-loan_ms_70_08-{n:04d}.xml").unlink()
    return root


def test_html_of_the_sga_folder_publishes_the_driver_alone(tmp_path):
    root = _sga_copy(tmp_path)
    driver = root / "bl" / "bl-loan_ms_70_08.xml"
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["html", str(root), "--out-dir", str(out),
                                      "--include-root", str(root)])
    assert result.exit_code == 0, result.output
    assert _lines(result.output, "included") == [
        f"{driver}: note [included] 15 files found in the folders given are included by this "
        "document and published within it, not as documents of their own: "
        "bl-loan_ms_70_08/bl-loan_ms_70_08-0003.xml, bl-loan_ms_70_08/bl-loan_ms_70_08-0004.xml, "
        "bl-loan_ms_70_08/bl-loan_ms_70_08-0005.xml, ... (12 more)"]
    assert "1 document," in result.output
    assert sorted(p.name for p in (out / "documents").iterdir()) == ["bl-loan_ms_70_08.html"]
    page = (out / "documents" / "bl-loan_ms_70_08.html").read_text("utf-8")
    assert "Toss their grey pines" in page


def test_validate_of_the_sga_folder_checks_the_driver_alone(tmp_path):
    root = _sga_copy(tmp_path)
    result = CliRunner().invoke(cli, ["validate", str(root), "--include-root", str(root)])
    notes = _lines(result.output, "included")
    assert len(notes) == 1 and "15 files" in notes[0] and "validated within it" in notes[0]
    assert "1 file: " in result.output.splitlines()[-1]
    assert "not-tei" not in result.output


def _book(tmp_path: Path) -> tuple[Path, Path]:
    """book.xml takes its one chapter (a div by its id) from chapter.xml, a TEI document."""
    header = ("<teiHeader><fileDesc><titleStmt><title>{}</title></titleStmt>"
              "<publicationStmt><p>Unpublished.</p></publicationStmt><sourceDesc><p>Invented."
              "</p></sourceDesc></fileDesc></teiHeader>")
    folder = tmp_path / "book"
    folder.mkdir()
    chapter = folder / "chapter.xml"
    chapter.write_text(f'<TEI xmlns="{TEI_NS}">{header.format("Chapter")}<text><body>'
                       '<div xml:id="ch1"><p>The chapter about Oxbridge.</p></div>'
                       "</body></text></TEI>\n", encoding="utf-8")
    book = folder / "book.xml"
    book.write_text(f'<TEI xmlns="{TEI_NS}" xmlns:xi="http://www.w3.org/2001/XInclude">'
                    f'{header.format("Book")}<text><body>'
                    '<xi:include href="chapter.xml" xpointer="ch1"/></body></text></TEI>\n',
                    encoding="utf-8")
    return book, chapter


def test_a_file_named_on_the_command_line_is_published_even_when_included(tmp_path):
    book, chapter = _book(tmp_path)
    out = tmp_path / "folder-site"
    result = CliRunner().invoke(cli, ["html", str(book.parent), "--out-dir", str(out)])
    assert result.exit_code == 0, result.output
    assert _lines(result.output, "included") == [
        f"{book}: note [included] 1 file found in the folders given is included by this "
        "document and published within it, not as documents of their own: chapter.xml"]
    assert sorted(p.name for p in (out / "documents").iterdir()) == ["book.html"]

    out = tmp_path / "named-site"
    result = CliRunner().invoke(cli, ["html", str(book), str(chapter), "--out-dir", str(out)])
    assert result.exit_code == 0, result.output
    assert "[included]" not in result.output
    assert sorted(p.name for p in (out / "documents").iterdir()) == ["book.html",
                                                                      "chapter.html"]

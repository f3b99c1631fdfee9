"""The ``encode`` and ``export`` commands: exit codes, no overwrite, stdin/stdout, bad input."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tei_edition import encode as api_encode
from tei_edition import export as api_export
from tei_edition.cli import cli
from tei_edition.encoder.pipeline import encode_text
from tei_edition.encoder.source import decode_source
from tei_edition.errors import InputError
from tei_edition.tei import NS, parse_bytes, serialize

CABLE = """**March 3, 1958**
**'Cable from the Ministry of Foreign Affairs, Instructions'**
**Citation:**
"Cable", March 3, 1958, Wilson Center Digital Archive, PRC FMA 105-00412-07, 3. \
Translated by Lin Meihua.
<https://digitalarchive.example.org/document/900101>
**Contents:**
Translation - English
To: Harbin [Haerbin]
[To] Comrade Zhao Wenyuan:
The Minister [Chen Yi] received the chargé d'affaires on 2 March and handed him the maps.
Ministry of Foreign Affairs
3 March 1958
"""
PLAIN = """Dear Comrade Editor,

The maps arrived on Tuesday [in good order] and were filed.

With comradely greetings,
A. Surveyor
"""


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def write(path: Path, text: str | bytes) -> Path:
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def one_line_error(result, *parts: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for part in parts:
        assert part in lines[0], lines[0]


# ---------------------------------------------------------------------------------------
# encode


def test_encode_to_stdout(runner: CliRunner, tmp_path: Path) -> None:
    src = write(tmp_path / "cable.txt", CABLE)
    result = runner.invoke(cli, ["encode", str(src)])
    assert result.exit_code == 0, result.output
    root = parse_bytes(result.stdout_bytes).getroot()
    assert root.xpath("string(@xml:id)", namespaces=NS) == "wilson-900101"
    # the summary on stderr: counts of each kind and the warnings
    assert "wilson-900101: 3 interventions (gloss 1, identification 1, supplied 1), " \
           "0 warnings" in result.stderr


def test_encode_to_file_and_no_overwrite_without_force(runner: CliRunner,
                                                      tmp_path: Path) -> None:
    src = write(tmp_path / "cable.txt", CABLE)
    out = tmp_path / "cable.xml"
    assert runner.invoke(cli, ["encode", str(src), "-o", str(out)]).exit_code == 0
    first = out.read_bytes()
    out.write_text("hand edited", encoding="utf-8")
    again = runner.invoke(cli, ["encode", str(src), "-o", str(out)])
    one_line_error(again, str(out), "--force")
    assert out.read_text(encoding="utf-8") == "hand edited"
    forced = runner.invoke(cli, ["encode", str(src), "-o", str(out), "--force"])
    assert forced.exit_code == 0
    assert out.read_bytes() == first  # deterministic


def test_encode_stdin(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["encode", "-"], input=CABLE.encode("utf-8"))
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"<?xml")
    assert "<stdin>: wilson-900101" in result.stderr


def test_encode_plain_with_header_options(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["encode", "-", "--from", "plain", "--title", "A letter",
                                 "--date", "May 2, 1960", "--language", "ru"],
                           input=PLAIN.encode("utf-8"))
    assert result.exit_code == 0, result.output
    root = parse_bytes(result.stdout_bytes).getroot()

    def x(path: str):
        return root.xpath(path, namespaces=NS)

    assert x("string(//tei:titleStmt/tei:title)") == "A letter"
    assert x("string(//tei:creation/tei:date/@when)") == "1960-05-02"
    assert x("//tei:langUsage/tei:language/@ident") == ["en", "ru"]
    assert x("string(@xml:id)") == "doc-1960-05-02-a-letter"
    assert x("string(//tei:opener/tei:salute)") == "Dear Comrade Editor,"
    assert x("string(//tei:closer/tei:signed)") == "A. Surveyor"
    # the export of a plain document is its body
    assert api_export(result.stdout_bytes).split() == PLAIN.split()


def test_plain_text_without_header_suggests_from_plain(runner: CliRunner,
                                                       tmp_path: Path) -> None:
    src = write(tmp_path / "letter.txt", "\n\n" + PLAIN)
    result = runner.invoke(cli, ["encode", str(src)])
    one_line_error(result, f"{src}:3:1:", "--from plain")
    assert result.stdout == ""


def test_unknown_reader_lists_the_known_ones(runner: CliRunner, tmp_path: Path) -> None:
    src = write(tmp_path / "cable.txt", CABLE)
    result = runner.invoke(cli, ["encode", str(src), "--from", "docx"])
    assert result.exit_code == 2
    assert "wilson" in result.output and "plain" in result.output


def test_out_dir_skips_bad_inputs_and_writes_good_ones(runner: CliRunner,
                                                      tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    write(sources / "a.txt", CABLE)
    write(sources / "b.txt", CABLE.replace("Harbin", "Mukden"))
    write(sources / "bad.txt", b"")
    write(sources / "notes.md", "not a .txt: not taken")
    extra = write(tmp_path / "c.txt", CABLE)
    out = tmp_path / "tei"
    result = runner.invoke(cli, ["encode", str(sources), str(extra), "--out-dir", str(out)])
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["a.xml", "b.xml", "c.xml"]
    assert f"{sources / 'bad.txt'}: error [empty]" in result.stderr
    assert result.stderr.count("wilson-900101") == 3
    # a second run does not overwrite; with --force it does
    again = runner.invoke(cli, ["encode", str(sources / "a.txt"), "--out-dir", str(out)])
    assert again.exit_code == 1 and "--force" in again.stderr
    forced = runner.invoke(cli, ["encode", str(sources / "a.txt"), "--out-dir", str(out),
                                 "--force"])
    assert forced.exit_code == 0


def test_out_dir_takes_publication_from_the_edition(runner: CliRunner, tmp_path: Path) -> None:
    write(tmp_path / "edition.toml", 'title = "T"\npublisher = "Example Press"\n'
                                     'licence = "CC0"\n')
    src = write(tmp_path / "sources.txt", CABLE)
    result = runner.invoke(cli, ["encode", str(src), "--out-dir", str(tmp_path / "tei")])
    assert result.exit_code == 0, result.output
    root = parse_bytes((tmp_path / "tei" / "sources.xml").read_bytes()).getroot()
    assert root.xpath("string(//tei:publicationStmt/tei:publisher)", namespaces=NS) == \
        "Example Press"
    assert root.xpath("string(//tei:licence)", namespaces=NS) == "CC0"
    assert root.xpath("string(//tei:publicationStmt/tei:date/@when)", namespaces=NS) == \
        "2026-01-01"


def test_explicit_edition_file(runner: CliRunner, tmp_path: Path) -> None:
    ed = write(tmp_path / "ed.toml", 'publisher = "Other Press"\n')
    result = runner.invoke(cli, ["encode", "-", "--edition", str(ed)],
                           input=CABLE.encode("utf-8"))
    assert result.exit_code == 0
    assert b"<publisher>Other Press</publisher>" in result.stdout_bytes


def test_edition_values_are_escaped_as_lxml_writes_them(runner: CliRunner,
                                                        tmp_path: Path) -> None:
    """Markup characters, tabs and line ends of edition.toml come out escaped, and parse
    back to the values the encoder's tree holds."""
    ed = write(tmp_path / "ed.toml", 'publisher = "Smith & Sons <Press> \\"Q\\""\n'
               'licence = "CC\\tBY\\r\\n4.0"\nlicence_url = "https://x.org/?a=1&b=\\"2\\"\\t3"\n')
    result = runner.invoke(cli, ["encode", "-", "--edition", str(ed)],
                           input=CABLE.encode("utf-8"))
    assert result.exit_code == 0, result.output
    tree = parse_bytes(result.stdout_bytes)
    assert serialize(tree) == result.stdout_bytes
    root = tree.getroot()
    assert root.xpath("string(//tei:publisher)", namespaces=NS) == 'Smith & Sons <Press> "Q"'
    assert root.xpath("string(//tei:licence)", namespaces=NS) == "CC\tBY\n4.0"
    # an attribute value holds no tab or line end once parsed (XML 1.0 §3.3.3)
    assert root.xpath("string(//tei:licence/@target)", namespaces=NS) == \
        'https://x.org/?a=1&b="2" 3'


def test_edition_value_xml_cannot_hold_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    ed = write(tmp_path / "ed.toml", 'publisher = "Bad \\u0001 Press"\n')
    out = tmp_path / "out.xml"
    result = runner.invoke(cli, ["encode", "-", "--edition", str(ed), "-o", str(out)],
                           input=CABLE.encode("utf-8"))
    assert result.exit_code == 1
    assert f"{ed}:1:1: error" in result.stderr and "U+0001" in result.stderr
    assert "publisher" in result.stderr and "Traceback" not in result.output
    assert not out.exists()


def test_many_inputs_need_out_dir(runner: CliRunner, tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", CABLE)
    result = runner.invoke(cli, ["encode", str(a), str(a)])
    assert result.exit_code == 2
    assert "--out-dir" in result.output


def test_warnings_in_gnu_form(runner: CliRunner) -> None:
    text = CABLE.replace("handed him the maps.", "handed him the [maps.")
    result = runner.invoke(cli, ["encode", "-"], input=text.encode("utf-8"))
    assert result.exit_code == 0
    assert "<stdin>:10:" in result.stderr
    assert "warning [unbalanced-bracket]" in result.stderr
    assert "1 warning" in result.stderr


# ---------------------------------------------------------------------------------------
# Bad input: one line naming the file (line and column where it applies), exit 1, nothing


BAD_INPUTS = {
    "empty": (b"", "empty"),
    "blank": (b"\n  \n\t\n", "white space"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    "utf16-bom": ("**May 1, 1960**\n".encode("utf-16"), "UTF-16"),
    "utf16-no-bom": ("**May 1, 1960**\n**A title**\n".encode("utf-16-le"), "UTF-16LE"),
    "latin1": ("**May 1, 1960**\n**Caf\u00e9 report**\n".encode("latin-1"), "Latin-1"),
    "cp1252": ("**May 1, 1960**\n**\u201cQuoted\u201d**\n".encode("cp1252"), "cp1252"),
    "control": (b"**May 1, 1960**\n**Title**\nText with a bell\x07 in it.\n", "U+0007"),
    "no-header": (b"Just a letter.\nWith two lines.\n", "--from plain"),
}


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_input(runner: CliRunner, tmp_path: Path, name: str) -> None:
    data, expected = BAD_INPUTS[name]
    src = write(tmp_path / f"{name}.txt", data)
    out = tmp_path / f"{name}.xml"
    result = runner.invoke(cli, ["encode", str(src), "-o", str(out)])
    one_line_error(result, str(src), expected)
    assert not out.exists()


def test_bad_input_positions() -> None:
    with pytest.raises(InputError) as err:
        decode_source("**May 1, 1960**\n**Caf\u00e9**\n".encode("latin-1"), "x.txt")
    assert (err.value.location.line, err.value.location.col) == (2, 6)
    with pytest.raises(InputError) as err:
        decode_source(b"**May 1, 1960**\nab\x0ccd\n", "x.txt")
    assert (err.value.location.line, err.value.location.col) == (2, 3)
    assert "form feed" in err.value.message


def test_utf8_bom_and_crlf_are_accepted() -> None:
    data = ("\ufeff" + CABLE.replace("\n", "\r\n")).encode("utf-8")
    text = decode_source(data, "x.txt")
    assert text == CABLE
    assert encode_text(text, "x.txt").ident == "wilson-900101"


def test_missing_input_file(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["encode", str(tmp_path / "nope.txt")])
    one_line_error(result, "nope.txt", "cannot read")


# ---------------------------------------------------------------------------------------
# export


def test_export_round_trip(runner: CliRunner, tmp_path: Path) -> None:
    src = write(tmp_path / "cable.txt", CABLE)
    tei = tmp_path / "cable.xml"
    assert runner.invoke(cli, ["encode", str(src), "-o", str(tei)]).exit_code == 0
    result = runner.invoke(cli, ["export", str(tei)])
    assert result.exit_code == 0
    assert result.stdout.split() == CABLE.split()
    out = tmp_path / "back.txt"
    assert runner.invoke(cli, ["export", str(tei), "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8") == result.stdout
    again = runner.invoke(cli, ["export", str(tei), "-o", str(out)])
    one_line_error(again, "--force")
    assert runner.invoke(cli, ["export", str(tei), "-o", str(out), "--force"]).exit_code == 0
    piped = runner.invoke(cli, ["export", "-"], input=tei.read_bytes())
    assert piped.stdout == result.stdout


def test_export_refuses_broken_xml(runner: CliRunner, tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.xml", "<TEI><unclosed></TEI>")
    result = runner.invoke(cli, ["export", str(bad)])
    one_line_error(result, str(bad), "not well-formed")


def test_public_api(tmp_path: Path) -> None:
    import tei_edition
    import tei_edition.encoder.pipeline
    import tei_edition.export
    import tei_edition.validate  # noqa: F401  the modules do not hide the functions
    from tei_edition.version import __version__

    for name in ("encode", "export", "validate", "is_valid", "iter_errors"):
        assert inspect.isfunction(getattr(tei_edition, name)), name
    assert tei_edition.encode.__module__ == "tei_edition"
    assert tei_edition.export is sys.modules["tei_edition.export"].export
    assert tei_edition.validate is sys.modules["tei_edition.validate"].validate
    assert set(tei_edition.__all__) == {"__version__", "encode", "export", "validate",
                                        "is_valid", "iter_errors"}
    assert tei_edition.__version__ == __version__
    src = write(tmp_path / "cable.txt", CABLE)
    ed = write(tmp_path / "edition.toml", 'publisher = "API Press"\n')
    result = api_encode(src, edition=ed)
    assert result.ident == "wilson-900101"
    assert result.counts["supplied"] == 1
    assert b"API Press" in result.data
    tei = write(tmp_path / "cable.xml", result.data)
    assert api_export(tei).split() == CABLE.split()
    with pytest.raises(InputError):
        api_encode(write(tmp_path / "empty.txt", ""))


def test_the_writers_do_not_load_the_encoder() -> None:
    """``import tei_edition.pdf`` (or .site) loads neither the encoder nor the readers: a
    fresh interpreter, its modules listed after the import."""
    for module in ("tei_edition", "tei_edition.pdf", "tei_edition.site"):
        loaded = subprocess.run(
            [sys.executable, "-c", f"import sys, {module}; print(sorted(sys.modules))"],
            capture_output=True, text=True, check=True, cwd=Path(__file__).parent.parent,
        ).stdout
        assert "'tei_edition.export'" in loaded, module  # (the list is what it seems)
        assert "tei_edition.encoder" not in loaded, module
        assert "tei_edition.readers" not in loaded, module

"""Hostile input: no file is read that the user did not name, nothing hangs, memory stays
bounded, and every refusal is one line naming the file (issue 11).

Memory is measured as ru_maxrss of a subprocess (os.wait4), never with ``ulimit -v``, which
stops Saxon from starting.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tei_edition.cli import cli
from tei_edition.errors import InputError, XMLSyntaxProblem
from tei_edition.inputs import read_file, read_stdin
from tei_edition.tei import MAX_DEPTH, doctype_offset, parse_bytes
from tests.peak_memory import run_measured

REPO = Path(__file__).resolve().parent.parent
CANONICAL = REPO / "tests" / "fixtures" / "canonical.xml"
SAMPLE_SOURCE = REPO / "xml" / "sources"

#: What a command may use beyond its limit: the interpreter, lxml, Saxon and WeasyPrint.
BASELINE_MB = 400


def run(args: list[str], *, stdin=subprocess.DEVNULL, timeout: float = 120,
        env: dict[str, str] | None = None) -> tuple[int, str, float]:
    """Run ``python -m tei_edition ARGS``; its exit code, stderr and peak memory in MB."""
    try:
        return run_measured(args, stdin=stdin, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail(f"tei-edition {' '.join(args)} did not finish in {timeout} s")


def no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr, stderr


# ---------------------------------------------------------------------------------------
# Reading: regular files only, bounded
# ---------------------------------------------------------------------------------------


def test_a_fifo_is_refused_by_name_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "cable.xml"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="is a FIFO") as caught:
        read_file(fifo)
    assert caught.value.location.file == str(fifo)


def test_a_link_to_a_device_is_refused_and_says_it_is_a_link(tmp_path):
    link = tmp_path / "zero.xml"
    link.symlink_to("/dev/zero")
    with pytest.raises(InputError, match=r"character device \(behind a symbolic link\)"):
        read_file(link)


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(InputError, match="folder"):
        read_file(tmp_path)


def test_a_file_over_the_limit_is_refused_with_the_variable_that_raises_it(tmp_path,
                                                                            monkeypatch):
    import tei_edition.inputs as inputs

    monkeypatch.setattr(inputs, "_limits", inputs.Limits(xml_bytes=1000))
    big = tmp_path / "big.xml"
    big.write_bytes(b"<a>" + b"x" * 2000 + b"</a>")
    with pytest.raises(InputError, match="TEI_EDITION_MAX_XML_BYTES"):
        read_file(big)
    small = tmp_path / "small.xml"
    small.write_bytes(b"<a/>")
    assert read_file(small) == b"<a/>"


def test_a_stream_is_read_only_one_block_past_its_limit(monkeypatch):
    import io

    import tei_edition.inputs as inputs

    monkeypatch.setattr(inputs, "_limits", inputs.Limits(text_bytes=100_000))

    class Endless(io.RawIOBase):
        served = 0

        def read(self, n: int = -1) -> bytes:
            Endless.served += n
            return b"a" * n

    with pytest.raises(InputError, match="more than"):
        read_stdin("text", Endless())  # type: ignore[arg-type]
    assert Endless.served <= 100_000 + 2 * inputs.BLOCK


def test_the_limits_are_read_from_the_environment(monkeypatch):
    from tei_edition.inputs import Limits

    monkeypatch.setenv("TEI_EDITION_MAX_TEXT_BYTES", "2_000")
    assert Limits.from_environment().text_bytes == 2000
    monkeypatch.setenv("TEI_EDITION_MAX_TEXT_BYTES", "lots")
    with pytest.raises(InputError, match="TEI_EDITION_MAX_TEXT_BYTES='lots'"):
        Limits.from_environment()


@pytest.mark.parametrize("command", [
    ["encode", "/dev/zero"],
    ["export", "/dev/zero"],
    ["validate", "/dev/zero"],
    ["html", "/dev/zero", "--out-dir", "{tmp}/site"],
    ["pdf", "/dev/zero", "-o", "{tmp}/out.pdf"],
    ["schema", "compile", "/dev/zero", "--source", "/dev/zero", "--out-dir", "{tmp}/s"],
])
def test_every_command_refuses_dev_zero_at_once(tmp_path, command):
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    code, stderr, peak = run(args, timeout=60)
    assert code == 1, stderr
    assert "/dev/zero: error" in stderr and "not a regular file" in stderr, stderr
    no_traceback(stderr)
    assert peak < BASELINE_MB, f"{peak:.0f} MB"
    assert not any(tmp_path.iterdir()), "nothing is written"


def test_build_refuses_a_fifo_and_a_link_to_dev_zero_in_tei(tmp_path):
    root = tmp_path / "ed"
    shutil.copytree(REPO / "xml", root)
    os.mkfifo(root / "tei" / "fifo.xml")
    (root / "tei" / "zero.xml").symlink_to("/dev/zero")
    code, stderr, peak = run(["build", str(root), "--out-dir", str(tmp_path / "out")])
    assert code == 1, stderr
    assert "fifo.xml: error [io] is a FIFO (named pipe)" in stderr
    assert "zero.xml: error [io] is a character device (behind a symbolic link)" in stderr
    assert "nothing was published" in stderr
    no_traceback(stderr)
    assert peak < BASELINE_MB, f"{peak:.0f} MB"
    assert not (tmp_path / "out").exists()


def test_endless_stdin_is_refused_after_the_limit(tmp_path):
    with open("/dev/zero", "rb") as zero:
        code, stderr, peak = run(["encode", "-"], stdin=zero, timeout=60)
    assert code == 1
    assert "<stdin>: error [too-large] more than 16 MiB" in stderr, stderr
    assert peak < BASELINE_MB, f"{peak:.0f} MB"


# ---------------------------------------------------------------------------------------
# XML: no DOCTYPE, no entity, bounded depth
# ---------------------------------------------------------------------------------------

PARAMETER_ENTITY = (b'<?xml version="1.0"?>\n'
                    b'<!DOCTYPE TEI [<!ENTITY % p SYSTEM "/dev/zero"> %p;]>\n'
                    b'<TEI xmlns="http://www.tei-c.org/ns/1.0"/>\n')


def test_a_doctype_is_found_in_the_prolog_before_parsing():
    assert doctype_offset(PARAMETER_ENTITY) == (2, 1)
    assert doctype_offset(b"<!-- a\nb --> <?pi x?>\n  <!DOCTYPE a><a/>") == (3, 3)
    assert doctype_offset("<!--é--><!DOCTYPE a><a/>".encode()) == (1, 9)
    assert doctype_offset("\ufeff<!DOCTYPE a><a/>".encode("utf-16")) == (1, 1)
    assert doctype_offset(b"\xef\xbb\xbf<!DOCTYPE a><a/>") == (1, 1)
    assert doctype_offset(b"<!-- <!DOCTYPE a> --><a/>") is None
    assert doctype_offset(b"<a><!-- <!DOCTYPE a> --></a>") is None
    assert doctype_offset(CANONICAL.read_bytes()) is None


@pytest.mark.parametrize("entity", [b"/dev/zero", b"/etc/passwd", b"/no/such/file",
                                    b"http://127.0.0.1:9/x.dtd"])
def test_parameter_entities_are_never_opened(entity):
    data = PARAMETER_ENTITY.replace(b"/dev/zero", entity)
    started = time.monotonic()
    with pytest.raises(XMLSyntaxProblem, match="DOCTYPE declarations are not allowed") as caught:
        parse_bytes(data, "evil.xml")
    assert time.monotonic() - started < 1
    # the same words whether the file exists or not: no oracle for an attacker
    assert str(caught.value) == ("evil.xml:2:1: DOCTYPE declarations are not allowed: no DTD or "
                                 "entity is read (write a character such as \u2014 as itself "
                                 "or as &#x2014;, not as &mdash;)")


def _in_encoding(name: str) -> bytes:
    """PARAMETER_ENTITY in the encoding ``name``, its DOCTYPE written so that no byte scan
    for "<!DOCTYPE" sees it: the parser reads it all the same."""
    text = PARAMETER_ENTITY.decode().replace('version="1.0"', f'version="1.0" encoding="{name}"')
    if name == "UTF-7":  # "<" as base64: +ADw-
        return text.encode("ascii").replace(b"\n<!DOCTYPE", b"\n+ADw-!DOCTYPE")
    if name == "ISO-2022-JP":  # an escape to JIS X 0208 and back, which decodes to nothing
        return text.encode("ascii").replace(b"\n<!DOCTYPE", b"\n\x1b$B\x1b(B<!DOCTYPE")
    codec, bom = name.split("+") if "+" in name else (name, "")
    return ("\ufeff" if bom else "").encode(codec) + text.encode(codec)


@pytest.mark.parametrize("encoding", ["UTF-7", "ISO-2022-JP", "UTF-32-LE", "UTF-32-BE+bom",
                                      "UTF-16-BE", "UTF-16-LE+bom"])
def test_a_doctype_is_found_in_any_encoding(tmp_path, encoding):
    """The prolog is scanned in the document's own encoding too: in UTF-7, UTF-32 and behind
    ISO-2022-JP's escapes the bytes "<!DOCTYPE" are not there, and libxml2 opened /dev/zero
    (the run hung)."""
    doc = tmp_path / "evil.xml"
    doc.write_bytes(_in_encoding(encoding))
    code, stderr, _ = run(["validate", str(doc)], timeout=60)
    assert code == 1
    assert f"{doc}:2:1: error [xml] DOCTYPE declarations are not allowed: no DTD" in stderr, stderr
    no_traceback(stderr)


def test_an_encoding_python_cannot_read_is_refused():
    """The scan must read the prolog to find a DOCTYPE: an encoding it cannot read (x-martian,
    or UCS-4 in the byte orders 2143 and 3412, which libxml2 detects) is refused."""
    with pytest.raises(XMLSyntaxProblem) as caught:
        parse_bytes(b'<?xml version="1.0" encoding="x-martian"?><a/>', "m.xml")
    assert caught.value.code == "encoding"
    assert str(caught.value) == ("m.xml:1: the document's encoding 'x-martian' is not one "
                                 "tei-edition can read")
    with pytest.raises(XMLSyntaxProblem, match="'ucs-4-2143' is not one"):
        parse_bytes(b"\x00\x00<\x00\x00\x00a\x00\x00\x00/\x00\x00\x00>\x00", "u.xml")


def test_internal_entities_are_refused_too():
    laughs = (b'<!DOCTYPE a [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
              b"<a>&b;</a>")
    with pytest.raises(XMLSyntaxProblem, match="DOCTYPE"):
        parse_bytes(laughs)


@pytest.mark.parametrize("command", [["validate"], ["export"], ["html", "--out-dir", "site"],
                                     ["pdf", "-o", "out.pdf"]])
def test_every_command_refuses_a_parameter_entity_quickly(tmp_path, command):
    doc = tmp_path / "evil.xml"
    doc.write_bytes(PARAMETER_ENTITY)
    args = [command[0], str(doc), *[str(tmp_path / a) if a in ("site", "out.pdf") else a
                                    for a in command[1:]]]
    code, stderr, _ = run(args, timeout=60)
    assert code == 1
    assert f"{doc}:2:1: error [xml] DOCTYPE declarations are not allowed" in stderr, stderr
    no_traceback(stderr)


def nested(depth: int) -> bytes:
    """A valid TEI document whose deepest element lies ``depth`` levels down (TEI is 1)."""
    tree = etree.parse(str(CANONICAL))
    p = tree.find(".//{http://www.tei-c.org/ns/1.0}body//{http://www.tei-c.org/ns/1.0}p")
    level = len(list(p.iterancestors())) + 1
    el = p
    for _ in range(depth - level):
        el = etree.SubElement(el, "{http://www.tei-c.org/ns/1.0}hi")
    el.text = "deepest"
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


def test_one_level_past_the_depth_limit_is_refused_in_the_toolkit_words(tmp_path):
    with pytest.raises(XMLSyntaxProblem) as caught:
        parse_bytes(nested(MAX_DEPTH + 1), "deep.xml")
    assert f"nested more than {MAX_DEPTH} deep" in caught.value.message
    assert "XML_PARSE_HUGE" not in str(caught.value)
    assert parse_bytes(nested(MAX_DEPTH)).getroot() is not None


def test_a_document_nested_to_the_limit_goes_through_every_writer(tmp_path):
    doc = tmp_path / "deep.xml"
    doc.write_bytes(nested(MAX_DEPTH))
    code, stderr, _ = run(["validate", str(doc)])
    no_traceback(stderr)
    # The project schema has no hi: the validator reads the whole depth and says so.
    assert code == 1 and "error [rng] Did not expect element hi there" in stderr, stderr
    assert "nested more than" not in stderr and "1 file: 0 valid, 1 invalid" in stderr
    for args in (["html", str(doc), "--out-dir", str(tmp_path / "site")],
                 ["pdf", str(doc), "-o", str(tmp_path / "deep.pdf")]):
        code, stderr, _ = run(args, timeout=300)
        no_traceback(stderr)
        assert code == 0, stderr
    page = (tmp_path / "site" / "documents" / "wilson-900001.html").read_text(encoding="utf-8")
    assert "deepest" in page
    assert (tmp_path / "deep.pdf").read_bytes().startswith(b"%PDF")


def test_a_deeper_document_is_one_line_in_every_writer(tmp_path):
    doc = tmp_path / "deeper.xml"
    doc.write_bytes(nested(MAX_DEPTH + 1))
    for args in (["validate", str(doc)], ["html", str(doc), "--out-dir", str(tmp_path / "s")],
                 ["pdf", str(doc), "-o", str(tmp_path / "d.pdf")]):
        code, stderr, _ = run(args)
        assert code == 1
        assert "deeper.xml:" in stderr and f"nested more than {MAX_DEPTH} deep" in stderr
        no_traceback(stderr)


# ---------------------------------------------------------------------------------------
# Tracebacks that were
# ---------------------------------------------------------------------------------------


def test_a_very_long_xml_id_gives_a_page_name_a_file_system_takes(tmp_path):
    from tei_edition.metadata import MAX_PAGE_NAME, page_name

    long_id = "d" + "x" * 400
    doc = tmp_path / "long.xml"
    doc.write_bytes(CANONICAL.read_bytes().replace(b'xml:id="wilson-900001"',
                                                   f'xml:id="{long_id}"'.encode()))
    result = CliRunner().invoke(cli, ["html", str(doc), "--out-dir", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    name = page_name(long_id)
    assert len(name) == MAX_PAGE_NAME
    assert (tmp_path / "site" / "documents" / f"{name}.html").is_file()
    assert page_name(long_id + "y") != name  # two long ids stay apart
    assert page_name("wilson-900001") == "wilson-900001"


@pytest.mark.parametrize("toml, words, line", [
    ('title = "x"\neditors = 5\n', "'editors' must be a list of strings", ":2:1:"),
    ('title = "x"\nlanguages = ' + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply", ":"),
    ('title = "x"\nx = { a = ' * 1 + "{ b = " * 3000 + "1" + " }" * 3001 + "\n",
     "nested too deeply", ":"),
    ('title = "x"\nn = ' + "7" * 5000 + "\n", "too many digits", ":2:"),
    ('title = 5\n', "'title' must be a string", ":1:1:"),
])
def test_a_hostile_edition_toml_is_one_line_with_its_line(tmp_path, toml, words, line):
    root = tmp_path / "ed"
    shutil.copytree(REPO / "xml", root)
    (root / "edition.toml").write_text(toml, encoding="utf-8")
    code, stderr, _ = run(["build", str(root), "--out-dir", str(tmp_path / "out")])
    assert code == 1
    assert f"edition.toml{line}" in stderr and words in stderr, stderr
    no_traceback(stderr)
    assert not (tmp_path / "out").exists()

"""XInclude: one policy for validate, html, pdf and build (tei_edition/xinclude.py).

Local files inside the include root are included (the real Shelley-Godwin driver, with
--include-root for its sibling shared/ folder); a URL, a path out of the root, a cycle, too
many inclusions, a missing, non-XML or DTD-bearing file are refused with the position of
the xi:include, exit 1, and nothing written.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tei_edition import inputs, xinclude
from tei_edition.cli import cli
from tei_edition.site import read_document
from tei_edition.tei import parse_bytes
from tei_edition.validate import Validator
from tests.conftest import SHARED, TEI_ALL_RNG, need_shared

SGA = SHARED / "samples" / "tei" / "sga"
DRIVER = SGA / "bl" / "bl-loan_ms_70_08.xml"
TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"tei": TEI_NS}

HEADER = """<teiHeader><fileDesc><titleStmt><title>Included</title></titleStmt>
<publicationStmt><p>Unpublished.</p></publicationStmt><sourceDesc><p>Invented.</p>
</sourceDesc></fileDesc></teiHeader>"""


def tei(body: str) -> str:
    """A small TEI document whose body is ``body`` (xi: declared); the body starts on line 5."""
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<TEI xmlns="{TEI_NS}" xmlns:xi="http://www.w3.org/2001/XInclude">\n'
            f"{HEADER.replace(chr(10), ' ')}\n<text><body>\n{body}\n</body></text>\n</TEI>\n")


def include(href: str, **attrs: str) -> str:
    more = "".join(f' {k}="{v}"' for k, v in attrs.items())
    return f'<xi:include href="{href}"{more}/>'


def paragraph(words: str) -> str:
    return f'<p xmlns="{TEI_NS}">{words}</p>\n'


# ---------------------------------------------------------------------------------------
# The real sample: the Shelley-Godwin Archive's notebook driver
# ---------------------------------------------------------------------------------------


def test_sga_validates_with_its_include_root(tei_all):
    """With --include-root its 15 inclusions are followed: what remains is what jing says
    of the assembled document (the surfaces' SGA attributes, which tei_all does not have:
    partOf first on each), each named in its surface file, and the repeated id "RV" as a
    warning."""
    need_shared(DRIVER)
    result = CliRunner().invoke(cli, ["validate", str(DRIVER), "--schema", str(TEI_ALL_RNG),
                                      "--no-schematron", "--include-root", str(SGA)])
    lines = result.stderr.splitlines()
    assert not [line for line in lines if "[xinclude]" in line or "[xml]" in line]
    errors = [line for line in lines if " error " in line]
    surfaces = [f"{SGA}/bl/bl-loan_ms_70_08/bl-loan_ms_70_08-{n:04d}.xml" for n in range(3, 17)]
    assert errors == [f"{s}:6:64: error [rng] Invalid attribute partOf for element surface "
                      '(value "#bl-loan_ms_70_08")' for s in surfaces]
    assert f'{DRIVER}:14:17: warning [duplicate-id] xml:id "RV" is given again (first at ' \
           f"{DRIVER}:13:17): a link to it finds the first" in lines
    assert lines[-1] == "1 file: 0 valid, 1 invalid, 14 errors, 1 warning"
    assert result.exit_code == 1


def test_sga_without_its_include_root_is_refused_at_the_include(tmp_path):
    need_shared(DRIVER)
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["html", str(DRIVER), "--out-dir", str(out)])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f'{DRIVER}:107:7: error [xinclude] href="../shared/classDecl.xml": '
        # (the message names the files as they are on disk: ../shared may be a link)
        f"{SGA.resolve()}/shared/classDecl.xml lies outside the include root "
        f"{SGA.resolve()}/bl")
    assert not out.exists()


def test_sga_html_gets_the_surfaces(tmp_path):
    """The writers get the assembled tree (the sourceDoc's rendering is issue 14's
    transcription part): its 14 surfaces and their lines, and the TEI the site publishes
    (download and source view) is the assembled document, not a driver of empty includes."""
    need_shared(DRIVER)
    doc = read_document(DRIVER, SGA)
    surfaces = doc.tree.findall("tei:sourceDoc/tei:surface", NS)
    assert [s.get("{http://www.w3.org/XML/1998/namespace}id") for s in surfaces] == [
        f"bl-loan_ms_70_08-{n:04d}" for n in range(3, 17)]
    assert doc.tree.find(".//tei:encodingDesc/tei:classDecl/tei:taxonomy", NS) is not None
    lines = "\n".join(doc.tree.xpath("//tei:sourceDoc//tei:line//text()", namespaces=NS))
    assert "Toss their grey pines with an inconstant motion," in lines
    assert not doc.tree.xpath("//*[namespace-uri()='http://www.w3.org/2001/XInclude']")

    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["html", str(DRIVER), "--out-dir", str(out),
                                      "--include-root", str(SGA)])
    assert result.exit_code == 0, result.output
    source = (out / "source" / "bl-loan_ms_70_08.html").read_text(encoding="utf-8")
    assert "Toss their grey pines" in source and "xi:include" not in source
    with zipfile.ZipFile(io.BytesIO((out / "tei" / "bl-loan_ms_70_08.zip").read_bytes())) as z:
        copy = parse_bytes(z.read("bl-loan_ms_70_08.xml")).getroot()
    assert len(copy.findall("tei:sourceDoc/tei:surface", NS)) == 14


# ---------------------------------------------------------------------------------------
# What is included, and where its messages point
# ---------------------------------------------------------------------------------------


def test_messages_about_included_content_name_the_included_file(tmp_path, tei_all):
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "p.xml").write_text(
        f'<div xmlns="{TEI_NS}">\n  <p>fine</p>\n  <p bogus="x">wrong</p>\n</div>\n')
    doc = tmp_path / "doc.xml"
    doc.write_text(tei('<p bogus="y">here</p>\n' + include("parts/p.xml")))
    report = next(Validator(TEI_ALL_RNG, False).check_files([doc]))
    assert [str(d) for d in report.diagnostics] == [
        f'{doc}:5:4: error [rng] Invalid attribute bogus for element p (value "y")',
        f"{tmp_path}/parts/p.xml:3:6: error [rng] Invalid attribute bogus for element p "
        '(value "x")']


def test_an_id_included_twice_is_a_warning(tmp_path, tei_all):
    (tmp_path / "p.xml").write_text(f'<p xmlns="{TEI_NS}"\n   xml:id="same">twice</p>')
    doc = tmp_path / "doc.xml"
    doc.write_text(tei(include("p.xml") + include("p.xml")))
    report = next(Validator(TEI_ALL_RNG, False).check_files([doc]))
    assert [str(d) for d in report.diagnostics] == [
        f'{tmp_path}/p.xml:2:4: warning [duplicate-id] xml:id "same" is given again (its '
        "element is included more than once): a link to it finds the first"]
    assert report.valid


def test_pointers_text_and_fallback(tmp_path):
    (tmp_path / "people.xml").write_text(
        f'<listPerson xmlns="{TEI_NS}"><person xml:id="mws"><persName>Mary</persName></person>'
        '<person xml:id="pbs"><persName>Percy</persName></person> NOT-INCLUDED </listPerson>')
    (tmp_path / "note.txt").write_text("plain & <text>\n", encoding="utf-8")
    doc = tmp_path / "doc.xml"
    doc.write_text(tei(
        "<p>" + include("people.xml", xpointer="pbs") + include("people.xml",
                                                                xpointer="xpointer(id('mws'))")
        + include("people.xml", xpointer="element(/1/2/1)") + "</p>\n"
        "<p>" + include("note.txt", parse="text") + "</p>\n"
        '<p><xi:include href="gone.xml"><xi:fallback>lost <hi>letter</hi></xi:fallback>'
        "</xi:include> end</p>"))
    data, tree = xinclude.read_document(doc)
    body = tree.find(".//tei:body", NS)
    first, second, third = body.findall("tei:p", NS)
    assert [etree.QName(c).localname for c in first] == ["person", "person", "persName"]
    assert "".join(first.itertext()) == "PercyMaryPercy"
    assert second.text == "plain & <text>\n"
    assert "".join(third.itertext()) == "lost letter end"
    assert b"xi:include" not in data


@pytest.mark.parametrize("pointer", ["xpointer(//person)", "nobody", "element(/1/9)"])
def test_a_pointer_not_processed_or_naming_nothing_is_refused(tmp_path, pointer):
    (tmp_path / "people.xml").write_text(f'<listPerson xmlns="{TEI_NS}"/>')
    doc = tmp_path / "doc.xml"
    doc.write_text(tei("<p>" + include("people.xml", xpointer=pointer) + "</p>"))
    with pytest.raises(xinclude.XIncludeError) as caught:
        xinclude.read_document(doc)
    assert str(caught.value.location) == f"{doc}:5:4"
    assert f'xpointer="{pointer}"' in caught.value.message


# ---------------------------------------------------------------------------------------
# Refused: each with the position of its xi:include, exit 1, nothing written
# ---------------------------------------------------------------------------------------


def _tree_of(tmp_path: Path, case: str) -> tuple[Path, str]:
    """A document at tmp_path/ed/doc.xml whose include is refused for ``case``; the
    expected message's beginning (the include's position first: its first include is at
    line 5, column 1)."""
    ed = tmp_path / "ed"
    ed.mkdir()
    doc = ed / "doc.xml"
    (ed / "part.xml").write_text(paragraph("included"))
    outside = tmp_path / "outside.xml"
    outside.write_text(paragraph("SECRET-OUTSIDE"))
    if case == "outside":
        body, said = include("../outside.xml"), (
            f'href="../outside.xml": {outside} lies outside the include root {ed}')
    elif case == "url":
        body, said = include("http://127.0.0.1:9/x.xml"), (
            'href="http://127.0.0.1:9/x.xml": only local files are included, never a URL')
    elif case == "file-url":
        body, said = include(f"file://{outside}"), (
            f'href="file://{outside}": only local files are included, never a URL')
    elif case == "absolute":
        body, said = include(str(outside)), f'href="{outside}": an absolute path'
    elif case == "symlink":
        os.symlink(outside, ed / "link.xml")
        body, said = include("link.xml"), (
            f'href="link.xml": {ed}/link.xml is a symbolic link to {outside}, outside the '
            f"include root {ed}")
    elif case == "cycle":
        start = f'<div xmlns="{TEI_NS}" xmlns:xi="http://www.w3.org/2001/XInclude">'
        (ed / "a.xml").write_text(f'{start}{include("doc.xml")}</div>')
        doc.write_text(tei(include("a.xml")))
        # found at a.xml's include of doc.xml, which follows a.xml's start tag on line 1
        return doc, (f'{ed}/a.xml:1:{len(start) + 1}: error [xinclude] href="doc.xml": an '
                     "include cycle (doc.xml -> a.xml -> doc.xml)")
    elif case == "too-many":
        one = include("part.xml")
        doc.write_text(tei(one * (xinclude.MAX_INCLUDES + 1)))
        # refused at the include one more than the limit
        return doc, (f"{doc}:5:{1 + len(one) * xinclude.MAX_INCLUDES}: error [xinclude] more "
                     f"than {xinclude.MAX_INCLUDES} inclusions in one document, the limit")
    elif case == "missing":
        body, said = include("gone.xml"), 'href="gone.xml": cannot read: No such file'
    elif case == "not-xml":
        (ed / "notes.xml").write_text("just some notes, not XML\n")
        body, said = include("notes.xml"), (
            'href="notes.xml" is not XML the toolkit reads: ')
    elif case == "dtd":
        (ed / "dtd.xml").write_text(f'<?xml version="1.0"?>\n<!DOCTYPE p [<!ENTITY s SYSTEM '
                                    f'"file://{outside}">]>\n<p xmlns="{TEI_NS}">&s;</p>\n')
        body, said = include("dtd.xml"), (
            f'href="dtd.xml" is not XML the toolkit reads: {ed}/dtd.xml:2:1: DOCTYPE '
            "declarations are not allowed")
    else:  # pragma: no cover
        raise AssertionError(case)
    doc.write_text(tei(body))
    return doc, f"{doc}:5:1: error [xinclude] {said}"


CASES = ["outside", "url", "file-url", "absolute", "symlink", "cycle", "too-many", "missing",
         "not-xml", "dtd"]


def _expect(doc: Path, said: str, stderr: str) -> None:
    assert "SECRET-OUTSIDE" not in stderr and "Traceback" not in stderr
    assert stderr.startswith(said), stderr


@pytest.mark.parametrize("case", CASES)
def test_refused_by_validate(tmp_path, case):
    doc, said = _tree_of(tmp_path, case)
    result = CliRunner().invoke(cli, ["validate", str(doc), "--no-schematron"])
    assert result.exit_code == 1
    _expect(doc, said, result.stderr)
    assert result.stderr.splitlines()[-1] == "1 file: 0 valid, 1 invalid, 1 error, 0 warnings"


@pytest.mark.parametrize("case", CASES)
def test_refused_by_html_and_nothing_written(tmp_path, case):
    doc, said = _tree_of(tmp_path, case)
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["html", str(doc), "--out-dir", str(out)])
    assert result.exit_code == 1
    _expect(doc, said, result.stderr)
    assert not out.exists()


@pytest.mark.parametrize("case", ["outside", "url", "cycle", "dtd"])
def test_refused_by_pdf_and_nothing_written(tmp_path, case):
    doc, said = _tree_of(tmp_path, case)
    out = tmp_path / "doc.pdf"
    result = CliRunner().invoke(cli, ["pdf", str(doc), "-o", str(out)])
    assert result.exit_code == 1
    _expect(doc, said, result.stderr)
    assert not out.exists()


def test_an_include_root_lets_a_sibling_in(tmp_path):
    doc, _ = _tree_of(tmp_path, "outside")
    _, tree = xinclude.read_document(doc, tmp_path)
    assert "SECRET-OUTSIDE" in "".join(tree.getroot().itertext())


def test_files_nested_too_deep_are_refused(tmp_path):
    depth = xinclude.MAX_NESTING + 1
    for n in range(1, depth + 1):
        inner = include(f"f{n + 1}.xml") if n < depth else "end"
        (tmp_path / f"f{n}.xml").write_text(
            f'<div xmlns="{TEI_NS}" xmlns:xi="http://www.w3.org/2001/XInclude">{inner}</div>')
    doc = tmp_path / "doc.xml"
    doc.write_text(tei(include("f1.xml")))
    with pytest.raises(xinclude.XIncludeError) as caught:
        xinclude.read_document(doc)
    assert caught.value.message == (f'href="f{depth - 1}.xml": files nested more than '
                                    f"{xinclude.MAX_NESTING} deep, the limit")
    assert caught.value.location.file == str(tmp_path / f"f{depth - 2}.xml")


def test_the_included_bytes_are_bounded(tmp_path, monkeypatch):
    """A file included many times counts each time: 600 inclusions of 1 KiB pass a limit of
    512 KiB, though each file is small."""
    monkeypatch.setattr(inputs, "_limits", inputs.Limits(xml_bytes=512 * 1024))
    part = paragraph("x" * 1000)
    (tmp_path / "part.xml").write_text(part)
    doc = tmp_path / "doc.xml"
    doc.write_text(tei(include("part.xml") * 600))
    with pytest.raises(xinclude.XIncludeError) as caught:
        xinclude.read_document(doc)
    assert "the included files pass 524,288 bytes" in caught.value.message
    first_over = 512 * 1024 // len(part)  # 0-based: the include whose file passes the limit
    assert str(caught.value.location) == f"{doc}:5:{1 + len(include('part.xml')) * first_over}"


# ---------------------------------------------------------------------------------------
# build: the same policy, the include root tei/ by default
# ---------------------------------------------------------------------------------------


def _edition_with_include(root: Path, href: str) -> Path:
    """An edition whose one document includes a paragraph after its second (line 78)."""
    (root / "tei" / "parts").mkdir(parents=True)
    (root / "edition.toml").write_text('title = "Included Papers"\n', encoding="utf-8")
    (root / "tei" / "parts" / "extra.xml").write_text(
        f'<p xmlns="{TEI_NS}">An included paragraph about Oxbridge.</p>\n')
    canonical = (Path(__file__).parent / "fixtures" / "canonical.xml").read_text("utf-8")
    lines = canonical.splitlines(keepends=True)
    assert lines[77].lstrip().startswith('<p xml:id="p2">')
    lines[77] = lines[77].rstrip("\n") + (
        f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{href}"/>\n')
    doc = root / "tei" / "cable.xml"
    doc.write_text("".join(lines), encoding="utf-8")
    return doc


def test_build_publishes_what_is_included(tmp_path):
    _edition_with_include(tmp_path / "ed", "parts/extra.xml")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "ed"), "--out-dir", str(out)])
    assert result.exit_code == 0, result.output
    page = (out / "documents" / "wilson-900001.html").read_text(encoding="utf-8")
    assert "An included paragraph about Oxbridge." in page
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(next((out / "pdf").glob("*.pdf"))).pages)
    assert "Oxbridge" in text


def test_build_refuses_an_include_out_of_tei_and_writes_nothing(tmp_path):
    doc = _edition_with_include(tmp_path / "ed", "../edition.toml")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "ed"), "--out-dir", str(out)])
    assert result.exit_code == 1
    col = len(doc.read_text("utf-8").splitlines()[77].split("<xi:include")[0]) + 1
    error = (f'{doc}:78:{col}: error [xinclude] href="../edition.toml": {tmp_path}/ed/'
             f"edition.toml lies outside the include root {tmp_path}/ed/tei")
    assert any(line.startswith(error) for line in result.output.splitlines()), result.output
    assert "nothing was published" in result.output
    assert not out.exists()


def test_a_url_is_never_fetched(tmp_path):
    """A local HTTP server that would serve the included file sees no request."""
    import http.server
    import threading

    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            asked.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(paragraph("FETCHED").encode())

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    server.timeout = 5
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        href = f"http://127.0.0.1:{server.server_address[1]}/part.xml"
        doc = tmp_path / "doc.xml"
        doc.write_text(tei(include(href)))
        for args in (["validate", str(doc), "--no-schematron"],
                     ["html", str(doc), "--out-dir", str(tmp_path / "site")]):
            result = CliRunner().invoke(cli, args)
            assert result.exit_code == 1
            assert result.stderr.startswith(
                f'{doc}:5:1: error [xinclude] href="{href}": only local files are included, '
                "never a URL")
    finally:
        server.shutdown()
        server.server_close()
    assert asked == []
    assert not (tmp_path / "site").exists()

"""The foundation: safe parsing, atomic writes, shipped resources, the XSLT runner."""

from __future__ import annotations

import pytest

from tei_edition import resources
from tei_edition.errors import OutputExistsError, XMLSyntaxProblem
from tei_edition.files import write_atomic
from tei_edition.render import StylesheetError, compile_stylesheet, format_stylesheet, transform
from tei_edition.tei import parse_bytes


def test_resources_are_found():
    assert (resources.xslt_dir() / "common" / "editorial.xsl").is_file()
    assert resources.schemas_dir().is_dir()
    assert resources.sample_edition_dir().is_dir()


def test_malformed_xml_has_line_and_column():
    with pytest.raises(XMLSyntaxProblem) as info:
        parse_bytes(b"<a>\n  <b></a>", "doc.xml")
    loc = info.value.location
    assert (loc.file, loc.line) == ("doc.xml", 2)
    assert loc.col is not None and loc.col > 1


def test_entities_and_doctype_are_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET")
    doc = f'<!DOCTYPE a [<!ENTITY x SYSTEM "file://{secret}">]><a>&x;</a>'.encode()
    with pytest.raises(XMLSyntaxProblem) as info:
        parse_bytes(doc, "evil.xml")
    assert "DOCTYPE" in info.value.message


def test_write_atomic_refuses_to_overwrite(tmp_path):
    out = tmp_path / "a.xml"
    write_atomic(out, "first")
    with pytest.raises(OutputExistsError) as info:
        write_atomic(out, "second")
    assert "--force" in str(info.value)
    assert out.read_text() == "first"
    write_atomic(out, "second", force=True)
    assert out.read_text() == "second"
    assert [p.name for p in tmp_path.iterdir()] == ["a.xml"]


def test_unknown_output_format_lists_the_known_ones():
    with pytest.raises(StylesheetError) as info:
        format_stylesheet("docx")
    assert "html" in str(info.value) and "print" in str(info.value)


@pytest.fixture
def editorial_driver(tmp_path):
    """A minimal output format over xslt/common: {kind|as translated|reading text}."""
    driver = tmp_path / "driver.xsl"
    common = (resources.xslt_dir() / "common" / "editorial.xsl").as_uri()
    driver.write_text(f"""<xsl:stylesheet version="3.0"
      xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:ed="urn:tei-edition:editorial">
      <xsl:import href="{common}"/>
      <xsl:template name="ed:intervention">
        <xsl:param name="kind"/><xsl:param name="classes"/><xsl:param name="listed"/>
        <xsl:param name="own-reading"/><xsl:param name="explanation"/><xsl:param name="id"/>
        <xsl:param name="element"/>
        <xsl:variable name="as">
          <xsl:apply-templates select="$element" mode="ed:as-translated"/></xsl:variable>
        <xsl:variable name="rd">
          <xsl:apply-templates select="$element" mode="ed:reading"/></xsl:variable>
        <xsl:value-of select="'{{' || $kind || '|' || string($as) || '|' || string($rd) || '}}'"/>
      </xsl:template>
      <xsl:template name="ed:mark"><xsl:param name="text"/>
        <xsl:value-of select="$text"/></xsl:template>
      <xsl:template name="ed:words"><xsl:param name="role"/><xsl:param name="content"/>
        <xsl:apply-templates select="$content"/></xsl:template>
      <xsl:template name="ed:note-block"><xsl:param name="element"/></xsl:template>
      <xsl:template name="ed:footnote"><xsl:param name="n"/><xsl:param name="element"/>
        <xsl:value-of select="'^' || $n"/></xsl:template>
    </xsl:stylesheet>""")
    return driver


def test_common_editorial_semantics(editorial_driver):
    driver = editorial_driver
    tei = b"""<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>To: <choice>
      <orig>Wulumqi</orig><reg>Urumqi</reg></choice> <gap reason="omitted" rend="[...]"/>
      [<supplied reason="identification">x</supplied>] y<note n="1">n</note>
      Kim <unclear cert="low">Il</unclear></p></body></text></TEI>"""
    out = transform(tei, driver)
    assert "{gloss|Wulumqi [Urumqi]|Urumqi}" in out.replace("\n      ", "")
    assert "{omitted|[...]|…}" in out
    assert "{identification|[x]|x}" in out
    assert "^1" in out
    assert "{unclear|Il [?]|Il}" in out


def test_stylesheets_are_compiled_once(tmp_path):
    sheet = tmp_path / "s.xsl"
    sheet.write_text('<xsl:stylesheet version="3.0" '
                     'xmlns:xsl="http://www.w3.org/1999/XSL/Transform"/>')
    assert compile_stylesheet(sheet) is compile_stylesheet(sheet)


def test_find_files_searches_folders_keeps_missing_and_drops_repeats(tmp_path):
    from tei_edition.inputs import find_files

    (tmp_path / "sub").mkdir()
    for name in ("b.xml", "a.xml", "sub/c.xml", "notes.txt"):
        (tmp_path / name).write_text("x")
    missing = tmp_path / "missing.xml"
    found = find_files([tmp_path, tmp_path / "a.xml", missing], ".xml")
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a.xml", "b.xml", "sub/c.xml", "missing.xml"]
    flat = find_files([tmp_path], ".xml", recursive=False)
    assert [p.name for p in flat] == ["a.xml", "b.xml"]


def test_find_documents_refuses_missing_paths_and_empty_folders(tmp_path):
    from tei_edition.errors import InputError
    from tei_edition.inputs import find_documents

    with pytest.raises(InputError) as info:
        find_documents([tmp_path / "nowhere"])
    assert info.value.location.file.endswith("nowhere")
    with pytest.raises(InputError) as info:
        find_documents([tmp_path])
    assert "no TEI documents" in info.value.message


def test_doubled_brackets_are_shown_doubled(editorial_driver):
    tei = b"""<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>to <supplied
      reason="uncertain-reading" cert="low" rend="double-bracket">N. Varnov</supplied> and
      <supplied reason="omitted-in-original" rend="triple-bracket">x</supplied></p>
      </body></text></TEI>"""
    out = transform(tei, editorial_driver)
    assert "{uncertain|[[N. Varnov?]]|N. Varnov}" in out
    assert "{supplied|[[[x]]]|x}" in out

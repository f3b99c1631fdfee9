"""The ODD compiler on small customisations written here: each feature, and broken ODDs."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SHARED, need_shared
from lxml import etree

from tei_edition.cli import cli
from tei_edition.errors import SchemaError
from tei_edition.odd import compile_odd, write_schema

P5 = SHARED / "tei" / "p5subset.xml"
TEI_NS = "http://www.tei-c.org/ns/1.0"
RNG_NS = "http://relaxng.org/ns/structure/1.0"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"

#: The smallest useful schema: a TEI document with a header and paragraphs.
MINIMAL = """
  <moduleRef key="core" include="p title hi"/>
  <moduleRef key="header" include="teiHeader fileDesc titleStmt publicationStmt sourceDesc"/>
  <moduleRef key="textstructure" include="TEI text body div"/>
"""


def odd_text(specs: str, start: str = "TEI", extra_ns: str = "") -> str:
    """An ODD document holding one schemaSpec; the schemaSpec starts on line 8."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="{TEI_NS}" xmlns:sch="{SCH_NS}" xmlns:rng="{RNG_NS}" {extra_ns}>
  <teiHeader><fileDesc><titleStmt><title>test</title></titleStmt>
    <publicationStmt><p>test</p></publicationStmt>
    <sourceDesc><p>test</p></sourceDesc></fileDesc></teiHeader>
  <text>
    <body>
      <schemaSpec ident="test" start="{start}">{specs}</schemaSpec>
    </body>
  </text>
</TEI>
"""


@pytest.fixture
def compile_specs(tmp_path: Path):
    need_shared(P5)

    def run(specs: str, start: str = "TEI", extra_ns: str = ""):
        path = tmp_path / "test.odd"
        path.write_text(odd_text(specs, start, extra_ns), encoding="utf-8")
        return compile_odd(path, P5)

    return run


def document(body: str, div_attrs: str = "") -> etree._Element:
    return etree.fromstring(f"""<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc>
      <titleStmt><title>t</title></titleStmt><publicationStmt><p>t</p></publicationStmt>
      <sourceDesc><p>t</p></sourceDesc></fileDesc></teiHeader>
      <text><body><div{div_attrs}>{body}</div></body></text></TEI>""")


def accepts(compiled, body: str, div_attrs: str = "") -> bool:
    grammar = etree.RelaxNG(compiled.relaxng)
    return grammar.validate(document(body, div_attrs))


def defines(compiled) -> set[str]:
    return {d.get("name") for d in compiled.relaxng.iter(f"{{{RNG_NS}}}define")}


# -- selection ---------------------------------------------------------------------------


def test_minimal_schema_keeps_only_what_it_selects(compile_specs):
    compiled = compile_specs(MINIMAL)
    assert accepts(compiled, "<p>text <hi>bold</hi> <title>T</title></p>")
    assert not accepts(compiled, "<p>text <name>n</name></p>")  # name: not selected
    assert not accepts(compiled, "<list><item>x</item></list>")
    assert {"TEI", "p", "hi", "model.pLike", "att.global.attributes"} <= defines(compiled)
    assert "list" not in defines(compiled)


def test_module_except_and_element_ref(compile_specs):
    compiled = compile_specs("""
      <moduleRef key="core" except="hi"/>
      <moduleRef key="header"/>
      <moduleRef key="textstructure"/>
      <elementRef key="persName"/>""")
    assert not accepts(compiled, "<p><hi>x</hi></p>")
    assert accepts(compiled, "<p><list><item>x</item></list> <persName>A</persName></p>")
    assert not accepts(compiled, "<p><placeName>B</placeName></p>")  # namesdates: not selected


def test_deleted_element_and_emptied_class_are_pruned(compile_specs):
    compiled = compile_specs(MINIMAL + '<elementSpec ident="hi" mode="delete"/>')
    assert not accepts(compiled, "<p><hi>x</hi></p>")
    assert "hi" not in defines(compiled)
    assert "model.hiLike" not in defines(compiled)  # its only member is gone
    assert accepts(compiled, "<p>plain</p>")


def test_element_whose_required_content_is_gone_is_dropped(compile_specs):
    # fileDesc requires titleStmt: without it no fileDesc, no teiHeader, no TEI can exist
    with pytest.raises(SchemaError, match="start element"):
        compile_specs(MINIMAL + '<elementSpec ident="titleStmt" mode="delete"/>')


def test_elements_that_can_never_be_valid_are_reported(compile_specs, tmp_path):
    compiled = compile_specs(MINIMAL + """
      <moduleRef key="core" include="list item"/>
      <elementSpec ident="item" mode="delete"/>""")
    assert compiled.dropped == ["list"]  # list needs an item
    assert "list" not in defines(compiled)
    odd = tmp_path / "test.odd"
    result = CliRunner().invoke(cli, ["schema", "compile", str(odd), "--source", str(P5),
                                      "--out-dir", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert "warning [odd] element list can never be valid" in result.output


# -- changes -----------------------------------------------------------------------------


def test_closed_value_list_on_an_inherited_attribute(compile_specs):
    compiled = compile_specs(MINIMAL + """
      <elementSpec ident="div" mode="change"><attList>
        <attDef ident="type" mode="change" usage="req">
          <valList type="closed" mode="replace"><valItem ident="document"/>
            <valItem ident="enclosure"/></valList>
        </attDef></attList></elementSpec>""")
    assert accepts(compiled, "<p>x</p>", ' type="document" subtype="anything"')
    assert not accepts(compiled, "<p>x</p>", ' type="chapter"')
    assert not accepts(compiled, "<p>x</p>")  # now required
    # the other attributes of att.typed stay, one by one
    text = etree.tostring(compiled.relaxng).decode()
    assert 'ref name="att.typed.attribute.subtype"' in text


def test_value_list_items_added(compile_specs):
    compiled = compile_specs(MINIMAL + """
      <elementRef key="gap"/>
      <elementSpec ident="gap" mode="change"><attList>
        <attDef ident="reason" mode="change">
          <datatype><dataRef key="teidata.enumerated"/></datatype>
          <valList type="closed" mode="add"><valItem ident="signature"/></valList>
        </attDef></attList></elementSpec>""")
    assert accepts(compiled, '<p><gap reason="signature"/><gap reason="illegible"/></p>')
    assert not accepts(compiled, '<p><gap reason="other"/></p>')
    assert not accepts(compiled, '<p><gap reason="illegible signature"/></p>')  # one value


def test_attribute_deleted_for_one_element(compile_specs):
    compiled = compile_specs(MINIMAL + """
      <elementSpec ident="p" mode="change"><attList>
        <attDef ident="n" mode="delete"/></attList></elementSpec>""")
    assert not accepts(compiled, '<p n="1">x</p>')
    assert accepts(compiled, '<p xml:id="p1">x</p>', ' n="1"')  # div keeps att.global/@n


def test_class_attribute_deleted_and_membership_removed(compile_specs):
    compiled = compile_specs(MINIMAL + """
      <classSpec ident="att.typed" type="atts" mode="change"><attList>
        <attDef ident="subtype" mode="delete"/></attList></classSpec>
      <elementSpec ident="hi" mode="change"><classes>
        <memberOf key="model.hiLike" mode="delete"/></classes></elementSpec>""")
    assert accepts(compiled, "<p>x</p>", ' type="a"')
    assert not accepts(compiled, "<p>x</p>", ' type="a" subtype="b"')
    assert not accepts(compiled, "<p><hi>x</hi></p>")


def test_new_element_with_pure_odd_content(compile_specs):
    compiled = compile_specs(MINIMAL + """
      <elementSpec ident="memo" mode="add">
        <desc>A memorandum block (invented for the test).</desc>
        <classes><memberOf key="att.global"/><memberOf key="model.pLike"/></classes>
        <content>
          <sequence>
            <elementRef key="title"/>
            <alternate minOccurs="2" maxOccurs="3">
              <elementRef key="title"/>
              <elementRef key="hi"/>
            </alternate>
            <empty/>
          </sequence>
        </content>
        <attList>
          <attDef ident="level" usage="req">
            <datatype><dataRef key="teidata.enumerated"/></datatype>
            <valList type="closed"><valItem ident="urgent"/><valItem ident="normal"/></valList>
          </attDef>
          <attDef ident="copies">
            <datatype minOccurs="1" maxOccurs="2"><dataRef name="nonNegativeInteger"/></datatype>
          </attDef>
        </attList>
      </elementSpec>""")
    two = "<title>T</title><hi>a</hi><title>b</title>"
    assert accepts(compiled, f'<memo level="urgent" copies="3 4">{two}</memo>')
    assert accepts(compiled, f'<memo level="urgent">{two}<hi>c</hi></memo>')
    assert not accepts(compiled, '<memo level="urgent"><title>T</title><hi>b</hi></memo>')
    assert not accepts(compiled, f'<memo level="urgent">{two}<hi/><hi/></memo>')
    assert not accepts(compiled, f'<memo level="later">{two}</memo>')
    assert not accepts(compiled, f'<memo>{two}</memo>')
    assert not accepts(compiled, f'<memo level="normal" copies="1 2 3">{two}</memo>')
    assert not accepts(compiled, f'<memo level="normal">{two}text</memo>')


def test_relaxng_content_and_class_ref_with_include(compile_specs):
    compiled = compile_specs(MINIMAL + """
      <moduleRef key="core" include="foreign"/>
      <elementSpec ident="memo" mode="add">
        <classes><memberOf key="model.pLike"/></classes>
        <content>
          <classRef key="model.emphLike" include="title"/>
          <rng:zeroOrMore><rng:ref name="hi"/></rng:zeroOrMore>
        </content>
      </elementSpec>""")
    assert accepts(compiled, "<memo><title>T</title><hi>a</hi><hi>b</hi></memo>")
    assert not accepts(compiled, "<memo><foreign>F</foreign></memo>")  # emphLike, not included
    assert accepts(compiled, "<p><foreign>F</foreign></p>")


def test_replace_content_and_macro_change(compile_specs):
    compiled = compile_specs(MINIMAL + """
      <elementSpec ident="title" mode="replace">
        <classes><memberOf key="att.global"/><memberOf key="model.emphLike"/></classes>
        <content><textNode/></content>
      </elementSpec>
      <macroSpec ident="macro.paraContent" mode="change">
        <content><alternate minOccurs="0" maxOccurs="unbounded">
          <textNode/><elementRef key="title"/></alternate></content>
      </macroSpec>""")
    assert accepts(compiled, "<p>x <title>T</title></p>")
    assert not accepts(compiled, "<p>x <hi>h</hi></p>")  # p's content is the new macro
    assert not accepts(compiled, "<p><title><hi>T</hi></title></p>")
    assert not accepts(compiled, '<p><title type="x">T</title></p>')  # att.typed is gone


def test_data_spec_with_facets(compile_specs):
    compiled = compile_specs(MINIMAL + """
      <dataSpec ident="project.copies" mode="add">
        <content><dataRef name="integer">
          <dataFacet name="minInclusive" value="1"/>
          <dataFacet name="maxInclusive" value="9"/>
        </dataRef></content>
      </dataSpec>
      <elementSpec ident="p" mode="change"><attList>
        <attDef ident="copies"><datatype><dataRef key="project.copies"/></datatype></attDef>
        <attDef ident="code"><datatype><dataRef name="token" restriction="[A-Z]{3}"/>
        </datatype></attDef>
      </attList></elementSpec>""")
    assert accepts(compiled, '<p copies="9" code="ABC">x</p>')
    assert not accepts(compiled, '<p copies="10">x</p>')
    assert not accepts(compiled, '<p code="AB1">x</p>')


def test_sequence_expansion_follows_the_source_order(tmp_path):
    """classRef expand="sequenceOptional" (msIdentifier): members in the reference's order."""
    need_shared(P5)
    compiled = compile_odd(Path(__file__).parent.parent / "schemas" / "tei_all.odd", P5)
    reference = etree.parse(str(need_shared(SHARED / "tei" / "tei_all.rng")))

    def refs(grammar: etree._Element) -> list[str]:
        define = grammar.find(f"{{{RNG_NS}}}define[@name='msIdentifier']")
        return [r.get("name") for r in define.iter(f"{{{RNG_NS}}}ref")
                if not r.get("name").startswith("att.")]

    assert refs(compiled.relaxng) == refs(reference.getroot())


# -- Schematron --------------------------------------------------------------------------


def test_constraints_become_schematron_with_declared_namespaces(compile_specs):
    compiled = compile_specs(MINIMAL + """
      <constraintDecl scheme="schematron" queryBinding="xslt2">
        <sch:ns prefix="my" uri="urn:example:my"/>
      </constraintDecl>
      <elementSpec ident="p" mode="change">
        <constraintSpec ident="p-not-empty" scheme="schematron">
          <constraint><sch:rule context="tei:p">
            <sch:assert test="normalize-space()">empty paragraph</sch:assert>
          </sch:rule></constraint>
        </constraintSpec>
      </elementSpec>
      <constraintSpec ident="one-title" scheme="schematron">
        <constraint><sch:rule context="tei:titleStmt">
          <sch:assert test="count(tei:title) eq 1">one title</sch:assert>
        </sch:rule></constraint>
      </constraintSpec>""")
    sch = compiled.schematron
    s = {"s": SCH_NS}
    assert sch.get("queryBinding") == "xslt2"
    prefixes = {ns.get("prefix"): ns.get("uri") for ns in sch.findall("s:ns", s)}
    assert prefixes["my"] == "urn:example:my"
    assert prefixes["tei"] == TEI_NS and "xs" in prefixes and "rng" in prefixes
    rules = {r.get("id"): r for r in sch.iter(f"{{{SCH_NS}}}rule")}
    assert rules["p-not-empty"].get("context") == "tei:p"
    assert rules["one-title"].findtext("s:assert", namespaces=s) == "one title"
    assert "att.typed-subtypeTyped" in rules  # TEI's own rule of a class the schema uses


def test_no_documentation_prose_is_copied(compile_specs):
    compiled = compile_specs(MINIMAL)
    text = compiled.relaxng_bytes().decode() + compiled.schematron_bytes().decode()
    assert "a:documentation" not in text and "<documentation" not in text
    assert "marks paragraphs in prose" not in text  # p's gloss/desc in p5subset


# -- broken ODDs ---------------------------------------------------------------------------


@pytest.mark.parametrize(("specs", "message", "line"), [
    ('<moduleRef key="nosuchmodule"/>', 'unknown TEI module "nosuchmodule"', 8),
    ('<moduleRef key="core" include="p nosuch"/>', 'module "core" has no element "nosuch"', 8),
    ('<elementRef key="nosuch"/>', 'unknown TEI element "nosuch"', 8),
    (MINIMAL + '<elementSpec ident="nosuch" mode="change"><content><empty/></content>'
     '</elementSpec>', 'TEI has no element of this name', 12),
    (MINIMAL + '<elementSpec ident="list" mode="change"><content><empty/></content>'
     '</elementSpec>', "that no moduleRef or elementRef selects", 12),
    (MINIMAL + '<elementSpec ident="p" mode="add"/>', 'already exists in TEI', 12),
    (MINIMAL + '<elementSpec ident="hi" mode="delete"/>\n<elementSpec ident="p" mode="change">'
     '<content>\n<elementRef key="hi"/></content></elementSpec>',
     'elementRef to the element "hi", which is not in the schema', 14),
    (MINIMAL + '<elementSpec ident="p" mode="change"><content>'
     '<classRef key="model.nosuch"/></content></elementSpec>',
     'classRef to an unknown class "model.nosuch"', 12),
])
def test_broken_odd_is_a_schema_error_with_file_and_line(compile_specs, specs, message, line):
    with pytest.raises(SchemaError) as info:
        compile_specs(specs)
    assert message in info.value.message
    assert info.value.location.file.endswith("test.odd")
    assert info.value.location.line == line


def test_malformed_odd(tmp_path):
    need_shared(P5)
    path = tmp_path / "bad.odd"
    path.write_text(odd_text(MINIMAL).replace("</schemaSpec>", "</schemaSpc>"), encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        compile_odd(path, P5)
    assert "not well-formed" in info.value.message
    assert info.value.location.line == 12  # where the parser finds the mismatch


def test_missing_start_element(compile_specs):
    with pytest.raises(SchemaError, match='start element "teiCorpus" is not in the schema'):
        compile_specs(MINIMAL, start="TEI teiCorpus")


# -- command line ---------------------------------------------------------------------------


def test_cli_compiles_and_refuses_to_overwrite(tmp_path):
    need_shared(P5)
    odd = tmp_path / "test.odd"
    odd.write_text(odd_text(MINIMAL), encoding="utf-8")
    out = tmp_path / "out"
    args = ["schema", "compile", str(odd), "--source", str(P5), "--out-dir", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert (out / "test.rng").is_file() and (out / "test.sch").is_file()
    etree.RelaxNG(etree.parse(str(out / "test.rng")))  # lxml compiles it
    again = CliRunner().invoke(cli, args)
    assert again.exit_code == 1
    assert "use --force" in again.output
    assert CliRunner().invoke(cli, [*args, "--force"]).exit_code == 0


def test_cli_broken_odd_exits_1_with_a_gnu_message(tmp_path):
    need_shared(P5)
    odd = tmp_path / "broken.odd"
    odd.write_text(odd_text('<moduleRef key="core"/><moduleRef key="nope"/>'), encoding="utf-8")
    result = CliRunner().invoke(cli, ["schema", "compile", str(odd), "--source", str(P5),
                                      "--out-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{odd}:8: error [odd] unknown TEI module \"nope\"" in result.output
    assert "Traceback" not in result.output
    assert not list(tmp_path.glob("*.rng"))


def test_cli_usage_error_exits_2(tmp_path):
    result = CliRunner().invoke(cli, ["schema", "compile", "x.odd"])
    assert result.exit_code == 2


def test_write_schema_names_files_after_the_schema(compile_specs, tmp_path):
    paths = write_schema(compile_specs(MINIMAL), tmp_path / "o")
    assert [p.name for p in paths] == ["test.rng", "test.sch"]


def test_tei_all_schematron_matches_tei():
    """Every assert and report of TEI's tei_all.isosch, by context and test, and no more."""
    from collections import Counter

    compiled = compile_odd(Path(__file__).parent.parent / "schemas" / "tei_all.odd",
                           need_shared(P5))
    reference = etree.parse(str(need_shared(SHARED / "tei" / "tei_all.isosch"))).getroot()

    def checks(schema: etree._Element) -> Counter:
        return Counter((rule.get("context"), etree.QName(check).localname,
                        " ".join(check.get("test").split()))
                       for rule in schema.iter(f"{{{SCH_NS}}}rule") for check in rule
                       if etree.QName(check).localname in ("assert", "report"))

    assert checks(compiled.schematron) == checks(reference)
    patterns = f"{{{SCH_NS}}}pattern"
    assert len(compiled.schematron.findall(patterns)) == len(reference.findall(patterns))

"""The ISO Schematron -> XSLT 3.0 compiler, feature by feature, on invented documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from tei_edition.errors import SchemaError
from tei_edition.schematron import compile_schematron, load_schema
from tei_edition.schematron.xslt import match_pattern
from tei_edition.tei import parse_bytes
from tei_edition.validate import SourceMap

HERE = Path(__file__).resolve().parent
SCH = HERE / "validate" / "schematron"


def tei_doc(body: str, header: str = "") -> str:
    return (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
        f"<title>Title</title></titleStmt>{header}</fileDesc></teiHeader>\n"
        f"<text><body>\n{body}\n</body></text></TEI>"
    )


def failures(schema: Path, doc: str, phase: str | None = None):
    return compile_schematron(schema, phase).check([doc])[0]


def codes(schema: Path, doc: str, phase: str | None = None) -> list[str]:
    return [f.code for f in failures(schema, doc, phase)]


# ---------------------------------------------------------------------------------------
# Patterns, rules, phases
# ---------------------------------------------------------------------------------------


def test_first_rule_of_a_pattern_wins():
    # <date when="..."> matches both rules of "iso-dates": only the first fires, so a good
    # @when gives nothing and a date without @when gets the second rule's report.
    doc = tei_doc('<p><date when="1962-04-25">25 April</date> <date>May</date></p>')
    found = failures(SCH / "features.sch", doc)
    assert [f.code for f in found] == ["date-without-when"]
    assert found[0].level == "warning"
    assert found[0].path == "/1/2/1/1/2"


def test_assert_message_with_name_and_value_of():
    doc = tei_doc('<p><date when="25.4.1962">25 April</date></p>')
    (found,) = failures(SCH / "features.sch", doc)
    assert found.code == "when-iso"
    assert found.level == "error"
    assert found.message == "@when of date is not an ISO date: '25.4.1962'"


def test_diagnostics_and_properties():
    doc = tei_doc("<p><date>  May\n 1962 </date></p>")
    (found,) = failures(SCH / "features.sch", doc)
    assert found.diagnostics == {"add-when": "Add @when with the date of 'May 1962'."}
    assert found.properties == {"severity": "dates-date"}
    assert found.full_message == ("A date without @when Add @when with the date of 'May 1962'.")


def test_phases_default_named_and_all():
    doc = tei_doc('<p><date>May</date><ref target="#nowhere">x</ref></p>')
    sch = SCH / "features.sch"
    assert codes(sch, doc) == ["date-without-when"]  # defaultPhase="dates"
    assert codes(sch, doc, "pointers") == ["target-resolves"]
    assert codes(sch, doc, "#ALL") == ["date-without-when", "target-resolves"]
    with pytest.raises(SchemaError, match="no phase 'nope'.*#ALL, dates, pointers"):
        compile_schematron(sch, "nope")


def test_global_pattern_and_rule_lets():
    doc = tei_doc('<p xml:id="p1"><ref target="#p1 #p2 http://x.org/ #p3">x</ref></p>')
    (found,) = failures(SCH / "features.sch", doc, "pointers")
    assert found.message == "@target of ref points to no xml:id (#p2 #p3)"


def test_every_pattern_fires_on_the_same_node():
    # one node, two patterns: both report (rules merged into one walk keep per-pattern firing)
    doc = tei_doc('<p><date when="x" target="#none">d</date></p>')
    assert codes(SCH / "features.sch", doc, "#ALL") == ["when-iso", "target-resolves"]


def test_abstract_patterns_with_params():
    doc = tei_doc('<p><gap/><supplied reason="omitted">x</supplied><supplied>y</supplied></p>')
    found = failures(SCH / "abstract.sch", doc)
    assert [(f.code, f.message) for f in found] == [
        ("gap-reason", "gap must carry @reason"),
        ("supplied-reason", "supplied must carry @reason"),
    ]


def test_abstract_rules_and_extends():
    doc = tei_doc('<p><persName ref="http://x.org/p"> </persName><orgName/>'
                  '<persName ref="#p">A</persName></p>')
    assert codes(SCH / "abstract.sch", doc) == ["empty-name", "external-ref", "empty-name"]


def test_include():
    doc = tei_doc("<p/>").replace("<title>Title</title>", "<title>Ti</title>")
    found = failures(SCH / "abstract.sch", doc)
    assert [(f.code, f.message) for f in found] == [("short-title", "title too short: 'Ti'")]


def test_undeclared_tei_prefixes_attribute_context_and_xpath3():
    doc = tei_doc('<p><measure quantity="12.5"/><measure quantity="a dozen"/></p>'
                  '<list><item>one</item></list>')
    found = failures(SCH / "tei-prefixes.sch", doc)
    assert [f.code for f in found] == ["quantity-decimal", "one-item"]
    assert found[0].path == "/1/2/1/1/2/@Q{}quantity"
    assert found[1].message == "a list of 1 item"


def test_a_rule_that_raises_is_reported_and_the_rest_still_run():
    doc = tei_doc('<p><num value="ten"/><measure quantity="x"/></p>')
    found = failures(SCH / "tei-prefixes.sch", doc)
    assert [f.code for f in found] == ["schematron-error", "quantity-decimal"]
    assert "a Schematron rule failed to run" in found[0].message
    assert "ten" in found[0].message


def test_many_documents_in_one_call_keep_their_own_results():
    good = tei_doc('<p><date when="1962-04-25">d</date></p>')
    bad = tei_doc('<p><date when="1962/04/25">d</date></p>')
    compiled = compile_schematron(SCH / "features.sch")
    results = compiled.check([good, bad, good, bad])
    assert [[f.code for f in r] for r in results] == [[], ["when-iso"], [], ["when-iso"]]


def test_global_lets_are_per_document():
    # $ids is computed for each document, not once for the batch
    a = tei_doc('<p xml:id="a"><ref target="#a">x</ref></p>')
    b = tei_doc('<p xml:id="b"><ref target="#a">x</ref></p>')
    compiled = compile_schematron(SCH / "features.sch", "pointers")
    assert [[f.code for f in r] for r in compiled.check([a, b])] == [[], ["target-resolves"]]


# ---------------------------------------------------------------------------------------
# Errors in schemas, query bindings, caching
# ---------------------------------------------------------------------------------------


def write(tmp_path: Path, text: str, name: str = "s.sch") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


SCHEMA = ('<schema xmlns="http://purl.oclc.org/dsdl/schematron" {attrs}>'
          '<pattern><rule context="{context}"><assert test="{test}">m</assert></rule></pattern>'
          '</schema>')


@pytest.mark.parametrize("binding", ["", 'queryBinding="xslt"', 'queryBinding="xslt2"',
                                     'queryBinding="xslt3"', 'queryBinding="XSLT2"'])
def test_query_bindings_run_as_xpath2_or_later(tmp_path, binding):
    sch = write(tmp_path, SCHEMA.format(attrs=binding, context="*", test="'a' lt 'b'"))
    assert codes(sch, "<a/>") == []


def test_unsupported_query_binding(tmp_path):
    sch = write(tmp_path, SCHEMA.format(attrs='queryBinding="stx"', context="*", test="1"))
    with pytest.raises(SchemaError, match="queryBinding 'stx' is not supported"):
        load_schema(sch)


def test_a_broken_xpath_is_a_schema_error(tmp_path):
    sch = write(tmp_path, SCHEMA.format(attrs="", context="*", test="count(("))
    with pytest.raises(SchemaError, match="does not compile"):
        compile_schematron(sch)


def test_not_a_schematron_schema(tmp_path):
    sch = write(tmp_path, "<schema/>")
    with pytest.raises(SchemaError, match="not an ISO Schematron schema"):
        load_schema(sch)


def test_missing_abstract_pattern(tmp_path):
    sch = write(tmp_path, '<schema xmlns="http://purl.oclc.org/dsdl/schematron">'
                          '<pattern is-a="nothing"/></schema>')
    with pytest.raises(SchemaError, match="no such abstract pattern"):
        load_schema(sch)


def test_nothing_is_kept_between_runs(tmp_path, monkeypatch):
    """The generated XSLT is not cached on disk (generating it takes milliseconds): a
    compile writes no file, in the cache folder or beside the schema."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    sch = write(tmp_path, SCHEMA.format(attrs="", context="*", test="true()"))
    compiled = compile_schematron(sch)
    assert compiled.check(["<a/>"]) == [[]]
    assert sorted(p.name for p in tmp_path.rglob("*")) == [sch.name]


def test_compiled_once_per_process(tmp_path):
    sch = write(tmp_path, SCHEMA.format(attrs="", context="*", test="true()"))
    assert compile_schematron(sch) is compile_schematron(sch)


def test_parenthesised_unions_are_distributed_for_speed():
    assert match_pattern("(tei:a | tei:b)[@x]") == "tei:a[@x] | tei:b[@x]"
    assert match_pattern("(tei:a|tei:b)[1]") == "(tei:a|tei:b)[1]"  # positional: kept
    assert match_pattern("(tei:a|tei:b)/tei:c") == "(tei:a|tei:b)/tei:c"
    assert match_pattern("tei:p") == "tei:p"


def test_paths_map_back_to_lines_and_columns():
    text = '<a>\n  <b x="1"/><b\n     y="2"/>\n</a>'
    source = SourceMap(text, parse_bytes(text.encode()))
    assert source.path("/1/2") == (2, 13)
    assert source.path("/1/2/@Q{}y") == (3, 6)
    assert source.path("/1/1/@Q{}x") == (2, 6)
    assert source.path("") == (1, 1)


def test_xsl_functions_let_content_and_subject(tmp_path):
    # queryBinding xslt2/3 allows xsl:function (and xsl:key) at the top of the schema
    sch = write(tmp_path, """<schema xmlns="http://purl.oclc.org/dsdl/schematron"
        xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:f="urn:f" queryBinding="xslt3">
      <xsl:function name="f:shout" as="xs:string">
        <xsl:param name="s"/><xsl:sequence select="upper-case($s)"/>
      </xsl:function>
      <let name="words"><w>alpha</w><w>beta</w></let>
      <pattern>
        <rule context="item" subject="@n">
          <assert test="string(.) = $words//text()" id="known-word">unknown word
            <value-of select="f:shout(.)"/></assert>
        </rule>
      </pattern>
    </schema>""")
    doc = '<list>\n<item n="1">alpha</item>\n<item\n n="2">gamma</item></list>'
    (found,) = failures(sch, doc)
    assert (found.code, found.message) == ("known-word", "unknown word GAMMA")
    assert found.path == "/1/2/@Q{}n"
    source = SourceMap(doc, parse_bytes(doc.encode()))
    assert source.path(found.path) == (4, 2)

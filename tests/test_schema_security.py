"""Schematron and ODD rules run without I/O (issue 11, items 1 and 2), and `schema compile`
writes only inside --out-dir.

Layer (a): the compiler refuses a rule that reads, writes, lists or fetches, at its file and
line (unless --trust-schema). Layer (b): with --trust-schema the rules run on a sandboxed
Saxon processor, where the same attacks fail cleanly and read, fetch and write nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, SHARED, need_shared

from tei_edition.cli import cli
from tei_edition.schematron import compile_schematron, load_schema
from tei_edition.schematron.sandbox import UnsafeSchema, calls

P5 = SHARED / "tei" / "p5subset.xml"
TEI_ALL_SCH = SHARED / "tei" / "tei_all.isosch"
DOC = REPO / "xml" / "tei" / "cable-1958-03-03.xml"
FN = "http://www.w3.org/2005/xpath-functions"
HINT = ("Schematron rules may not read, write or fetch (use --trust-schema for a schema "
        "you trust)")
PASSWD_LINE = "root:x:0:0"  # the first line of /etc/passwd on every Linux


def schema_text(rules: str, top: str = "") -> str:
    """A schema whose pattern starts on line 5 and its rule on line 6 (context tei:TEI)."""
    return textwrap.dedent("""\
        <schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:f="urn:f">
          <ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>
          <ns prefix="saxon" uri="http://saxon.sf.net/"/>
          <pattern id="p">
            <rule context="tei:TEI">
        {rules}
            </rule>
          </pattern>
        {top}
        </schema>
        """).format(rules=rules, top=top)


def write_schema(folder: Path, rules: str, top: str = "", name: str = "evil.sch") -> Path:
    path = folder / name
    path.write_text(schema_text(rules, top), encoding="utf-8")
    return path


def validate(*args: str | Path):
    return CliRunner().invoke(cli, ["validate", *map(str, args)])


# -- layer (a): refused at compile time, at file:line -------------------------------------

#: (rule body on line 7, what the message names). Each reads, lists, fetches or escapes.
UNSAFE_RULES = {
    "doc in a test": ("<assert test=\"doc('/etc/passwd')\">x</assert>", "doc() reads files"),
    "fn:doc with a comment": ("<assert test=\"fn:doc (: c :) ('/etc/passwd')\">x</assert>",
                              "doc() reads files"),
    "EQName": (f"<assert test=\"Q{{{FN}}}doc('/etc/passwd')\">x</assert>", "doc() reads"),
    "function reference": ("<let name=\"f\" value=\"unparsed-text#1\"/>"
                           "<assert test=\"$f('/etc/passwd')\">x</assert>",
                           "unparsed-text() reads files"),
    "value-of": ("<report test=\"true()\"><value-of select=\"unparsed-text('/etc/passwd')\"/>"
                 "</report>", "unparsed-text() reads"),
    "name path": ("<report test=\"true()\"><name path=\"doc('/etc/passwd')/*\"/></report>",
                  "doc() reads"),
    "collection": ("<report test=\"count(collection('/etc')) gt 0\">x</report>",
                   "collection() lists folders"),
    "subject": ("<report test=\"true()\" subject=\"uri-collection('/etc')\">x</report>",
                "uri-collection() lists folders"),
    "environment": ("<report test=\"environment-variable('HOME')\">x</report>",
                    "environment-variable() reads the environment"),
    "function-lookup": ("<report test=\"function-lookup(xs:QName('fn:doc'), 1)('/x')\">x"
                        "</report>", "function-lookup() can call any function"),
    "extension function": ("<report test=\"saxon:evaluate('1')\">x</report>",
                           "saxon:evaluate() is an extension function"),
    "parse-xml": ("<report test=\"parse-xml('&lt;a/&gt;')\">x</report>", "parse-xml() reads"),
    "let content": ("<let name=\"v\"><xsl:copy-of select=\"doc('/etc/passwd')\"/></let>"
                    "<report test=\"$v\">x</report>", "doc() reads"),
}


@pytest.mark.parametrize("case", UNSAFE_RULES)
def test_layer_a_refuses_a_rule_at_its_line(tmp_path, case):
    rules, named = UNSAFE_RULES[case]
    sch = write_schema(tmp_path, "      " + rules)
    result = validate("--schematron", sch, DOC)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"{sch}:7: error [schematron-unsafe] {named}")
    assert result.stderr.rstrip().endswith(HINT)
    assert PASSWD_LINE not in result.output and "Traceback" not in result.output


#: Top-level xsl:* elements (they are copied into the generated stylesheet), from line 10.
UNSAFE_TOP = {
    "xsl:function": ("<xsl:function name=\"f:read\"><xsl:sequence select=\"unparsed-text("
                     "'/etc/passwd')\"/></xsl:function>", 10, "unparsed-text() reads"),
    "xsl:result-document": ("<xsl:function name=\"f:w\">\n<xsl:result-document href=\"/tmp/x\">"
                            "x</xsl:result-document></xsl:function>", 11,
                            "xsl:result-document writes files"),
    "xsl:key": ("<xsl:key name=\"k\" match=\"*\" use=\"doc('/etc/passwd')\"/>", 10, "doc()"),
    "xsl:variable": ("<xsl:variable name=\"v\" select=\"json-doc('/x.json')\"/>", 10,
                     "json-doc() reads"),
    "attribute value template": ("<xsl:function name=\"f:a\"><out a=\"{doc('/etc/passwd')}\"/>"
                                 "</xsl:function>", 10, "doc() reads"),
    "xsl:evaluate": ("<xsl:function name=\"f:e\"><xsl:evaluate xpath=\"'1'\"/></xsl:function>",
                     10, "xsl:evaluate runs an XPath built at run time"),
    "xsl:source-document": ("<xsl:function name=\"f:s\"><xsl:source-document href=\"/x\">"
                            "<xsl:sequence select=\".\"/></xsl:source-document></xsl:function>",
                            10, "xsl:source-document reads"),
    "xsl:include outside": ("<xsl:include href=\"/etc/evil.xsl\"/>", 10,
                            "include href=\"/etc/evil.xsl\" points outside the schema's folder"),
    "xsl:import by URL": ("<xsl:import href=\"http://127.0.0.1:9/x.xsl\"/>", 10,
                          "import href=\"http://127.0.0.1:9/x.xsl\" is a URL"),
    "use-when": ("<xsl:function name=\"f:u\" use-when=\"doc-available('/etc/passwd')\">"
                 "<xsl:sequence select=\"1\"/></xsl:function>", 10, "doc-available() reads"),
    "text value template": ("<xsl:function name=\"f:t\" expand-text=\"yes\">\n<out>x "
                            "{unparsed-text('/etc/passwd')}</out></xsl:function>", 11,
                            "unparsed-text() reads"),
    "rule context": ("<pattern><rule context=\"*[doc-available('/etc/passwd')]\">"
                     "<assert test=\"true()\">x</assert></rule></pattern>", 10,
                     "doc-available() reads"),
    "diagnostic": ("<diagnostics><diagnostic id=\"d\"><value-of select=\"doc('/etc/passwd')\"/>"
                   "</diagnostic></diagnostics>", 10, "doc() reads"),
    "property": ("<properties><property id=\"pr\"><value-of select=\"collection('/etc')\"/>"
                 "</property></properties>", 10, "collection() lists folders"),
    "xsl:merge": ("<xsl:function name=\"f:m\"><xsl:merge/></xsl:function>", 10,
                  "xsl:merge reads"),
}


@pytest.mark.parametrize("case", UNSAFE_TOP)
def test_layer_a_refuses_top_level_xslt(tmp_path, case):
    top, line, named = UNSAFE_TOP[case]
    sch = write_schema(tmp_path, "      <assert test=\"true()\">x</assert>", top)
    result = validate("--schematron", sch, DOC)
    assert result.exit_code == 1, result.output
    assert f"{sch}:{line}: error [schematron-unsafe] " in result.stderr
    assert named in result.stderr
    assert not Path("/tmp/x").exists() or case != "xsl:result-document"


@pytest.mark.parametrize("element, top", [
    ("include", '<include href="../outside.sch"/>'),
    ("extends", '<pattern><rule context="*"><extends href="../outside.sch"/></rule></pattern>'),
])
def test_sch_include_outside_the_folder_is_refused_before_it_is_read(tmp_path, element, top):
    outside = tmp_path / "outside.sch"
    outside.write_text("<not-even-xml", encoding="utf-8")  # read, it would be a syntax error
    folder = tmp_path / "schemas"
    folder.mkdir()
    sch = folder / "evil.sch"
    sch.write_text(schema_text("", top), encoding="utf-8")
    result = validate("--schematron", sch, DOC)
    assert result.exit_code == 1
    assert (f"{sch}:10: error [schematron-unsafe] {element} href=\"../outside.sch\" points "
            "outside the schema's folder") in result.stderr


def test_an_included_rule_is_reported_in_its_own_file(tmp_path):
    part = tmp_path / "part.sch"
    part.write_text('<pattern xmlns="http://purl.oclc.org/dsdl/schematron">\n'
                    '  <rule context="*">\n'
                    "    <assert test=\"doc-available('/etc/passwd')\">x</assert>\n"
                    "  </rule>\n</pattern>\n", encoding="utf-8")
    sch = write_schema(tmp_path, "", '<include href="part.sch"/>')
    with pytest.raises(UnsafeSchema) as info:
        load_schema(sch)
    assert str(info.value.location) == f"{part}:3"
    assert info.value.message.startswith("doc-available() reads files")


def test_abstract_pattern_params_that_make_a_call_are_refused(tmp_path):
    sch = write_schema(tmp_path, "", textwrap.dedent("""\
        <pattern abstract="true" id="abs">
          <rule context="tei:TEI"><assert test="$read('/etc/passwd')">x</assert></rule>
        </pattern>
        <pattern is-a="abs"><param name="read" value="unparsed-text"/></pattern>"""))
    with pytest.raises(UnsafeSchema) as info:
        load_schema(sch)
    assert info.value.location.line == 11
    assert "unparsed-text() reads files" in info.value.message


def test_the_in_process_cache_never_skips_the_check(tmp_path):
    sch = write_schema(tmp_path, "      <assert test=\"doc('/etc/passwd')\">x</assert>")
    assert compile_schematron(sch, trust=True) is compile_schematron(sch, trust=True)
    with pytest.raises(UnsafeSchema):
        compile_schematron(sch)


# -- what must still pass ------------------------------------------------------------------

SAFE_RULES = """\
      <let name="doc" value="'doc(x)'"/>
      <assert test="not(contains(., 'unparsed-text#1')) or true()">use doc() or
        unparsed-text('/etc/passwd') in a message: <value-of select="'collection()'"/></assert>
      <assert test="true() (: doc('/etc/passwd') :)">x</assert>
      <assert test="empty(@doc) and empty(tei:collection) and empty(self::document)">x</assert>
      <assert test="f:twice(1) = 2 and map:size(map{'a': 1}) = 1">x</assert>
      <assert test="string-length($doc) = 6">x</assert>"""
SAFE_TOP = """\
<xsl:function name="f:twice" xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xsl:param name="n"/><xsl:sequence select="xs:integer($n) * 2"/>
</xsl:function>"""


def test_strings_comments_messages_and_declared_functions_are_accepted(tmp_path):
    sch = tmp_path / "safe.sch"
    sch.write_text(schema_text(SAFE_RULES, SAFE_TOP).replace(
        'xmlns:f="urn:f"', 'xmlns:f="urn:f" xmlns:map="http://www.w3.org/2005/xpath-functions/map"'),
        encoding="utf-8")
    result = validate("--schematron", sch, DOC)
    assert result.exit_code == 0, result.output
    assert result.stderr == "1 file: 1 valid, 0 invalid, 0 errors, 0 warnings\n"


@pytest.mark.parametrize("expr, found", [
    ("doc('a')", ["doc"]),
    ("unparsed-text#1", ["unparsed-text"]),
    ("'doc(x)' || \"doc(y)\"", []),
    ("(: doc('a') (: nested :) :) 1", []),
    ("$doc('a') + @doc", []),
    ("element(doc) | child::doc", []),
    ("fn:doc('a')", ["doc"]),
    (f"Q{{{FN}}}collection()", ["collection"]),
    ("for $x in (1, 2) return $x", []),
])
def test_the_tokeniser_finds_calls_not_names(expr, found):
    assert [c.local for c in calls(expr, {"fn": FN})] == found


def test_the_project_and_tei_consortium_schemas_pass_the_check():
    need_shared(TEI_ALL_SCH)
    assert len(load_schema(REPO / "schemas" / "tei_edition.sch").checks) > 10
    assert len(load_schema(TEI_ALL_SCH).checks) > 100
    result = validate(REPO / "xml" / "tei")
    assert result.exit_code == 0, result.output


# -- layer (b): trusted, yet sandboxed -----------------------------------------------------


def assert_refused(stderr: str, uri: str) -> None:
    """Saxon refuses the URI when it compiles the stylesheet (a literal may be read then) or
    when the rule runs (at the document's root); in the same process, a URI refused once is
    then "marked not available"."""
    compiled = "error [schematron-sandbox] the Schematron sandbox refused the schema: "
    ran = f"{DOC}:2:1: error [schematron-error] a Schematron rule failed to run: "
    assert compiled in stderr or ran in stderr, stderr
    assert uri in stderr and ("prohibited" in stderr or "marked not available" in stderr)


def test_layer_b_doc_of_etc_passwd_fails_cleanly(tmp_path):
    sch = write_schema(tmp_path, "      <report test=\"true()\">leak <value-of "
                                 "select=\"string(doc('/etc/passwd'))\"/></report>")
    result = validate("--trust-schema", "--schematron", sch, DOC)
    assert result.exit_code == 1
    assert PASSWD_LINE not in result.output and "Traceback" not in result.output
    assert_refused(result.stderr, "file:/etc/passwd")


def test_layer_b_doc_of_a_secret_xml_reads_nothing(tmp_path):
    secret = tmp_path / "secret.xml"
    secret.write_text("<x>XML-SECRET-0815</x>", encoding="utf-8")
    sch = write_schema(tmp_path, f"""\
      <let name="where" value="'{secret}'"/>
      <report test="true()">leak <value-of select="string(doc($where))"/></report>""")
    result = validate("--trust-schema", "--schematron", sch, DOC)
    assert result.exit_code == 1
    assert "XML-SECRET-0815" not in result.output and "Traceback" not in result.output
    assert_refused(result.stderr, secret.as_uri().replace("file:///", "file:/"))


def test_layer_b_unparsed_text_of_a_secret_reads_nothing(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-4711", encoding="utf-8")
    sch = write_schema(tmp_path, f"""\
      <let name="where" value="'{secret.parent}/' || 'secret.txt'"/>
      <report test="true()">leak <value-of select="unparsed-text($where)"/></report>""")
    result = validate("--trust-schema", "--schematron", sch, DOC)
    assert result.exit_code == 1
    assert "TOP-SECRET-4711" not in result.output
    assert f"{DOC}:2:1: error [schematron-error] a Schematron rule failed to run: Access to URI" \
           in result.stderr
    assert "Traceback" not in result.output


def test_layer_b_collection_lists_nothing(tmp_path):
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "hidden-name-1234.xml").write_text("<a/>", encoding="utf-8")
    sch = write_schema(tmp_path, f"""\
      <let name="dir" value="'{tmp_path / 'folder'}'"/>
      <report test="true()"><value-of select="uri-collection($dir), count(collection($dir))"/>
      </report>""")
    result = validate("--trust-schema", "--schematron", sch, DOC)
    assert result.exit_code == 1
    assert "hidden-name-1234" not in result.output
    assert "[schematron-error]" in result.stderr and "Traceback" not in result.output


def test_layer_b_result_document_writes_nothing(tmp_path):
    target = tmp_path / "written.txt"
    sch = write_schema(tmp_path, "      <assert test=\"f:write()\">x</assert>", f"""\
<xsl:function name="f:write">
  <xsl:result-document href="{target.as_uri()}" method="text">PWNED</xsl:result-document>
  <xsl:sequence select="true()"/>
</xsl:function>""")
    result = validate("--trust-schema", "--schematron", sch, DOC)
    assert result.exit_code == 1
    assert (f"{sch}: error [schematron-sandbox] the Schematron sandbox refused the schema: "
            in result.stderr)
    assert "xsl:result-document is disabled" in result.stderr
    assert not target.exists()


def run_cli(tmp_path: Path, *args: str | Path, **env: str) -> subprocess.CompletedProcess:
    """The command in a process of its own (bounded in time), with ``env`` added."""
    return subprocess.run(
        [sys.executable, "-m", "tei_edition", *map(str, args)], cwd=REPO, capture_output=True,
        text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO), **env})


def test_layer_b_environment_is_empty(tmp_path):
    sch = write_schema(tmp_path, "      <report test=\"true()\">env[<value-of select=\""
                                 "environment-variable('TEI_EDITION_TEST_SECRET')\"/>]</report>")
    result = run_cli(tmp_path, "validate", "--trust-schema", "--schematron", sch, DOC,
                     TEI_EDITION_TEST_SECRET="ENV-SECRET-99")
    assert result.returncode == 1
    assert "[p] env[]" in result.stderr and "ENV-SECRET-99" not in result.stderr


SERVER = """\
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        with open(sys.argv[1], "a") as log:
            log.write(self.path + "\\n")
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"<x>HTTP-SECRET</x>")
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), H)
print(server.server_address[1], flush=True)
server.serve_forever()
"""


def test_layer_b_no_request_reaches_a_local_server(tmp_path):
    log = tmp_path / "requests.log"
    log.touch()
    # The server runs in a process of its own: Saxon holds the GIL while it runs.
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(log)], stdout=subprocess.PIPE,
                              text=True)
    try:
        port = int(server.stdout.readline())  # type: ignore[union-attr]
        url = f"http://127.0.0.1:{port}"
        sch = write_schema(tmp_path, f"""\
      <let name="u" value="'{url}/' || 'text'"/>
      <report test="true()"><value-of select="unparsed-text($u), string(doc('{url}/doc'))"/>
      </report>""")
        result = run_cli(tmp_path, "validate", "--trust-schema", "--schematron", sch, DOC)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert result.returncode == 1, result.stderr
    assert "HTTP-SECRET" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert log.read_text() == ""


def test_the_project_stylesheets_keep_a_processor_that_includes_files():
    from tei_edition import render
    from tei_edition.schematron import sandbox

    assert sandbox.processor() is not render.processor()
    render.compile_stylesheet(render.format_stylesheet("html"))  # xsl:import of common/


# -- the ODD route -------------------------------------------------------------------------

TEI_NS = "http://www.tei-c.org/ns/1.0"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"


def odd_text(constraint: str = "", ident: str = "test") -> str:
    """A small ODD; its schemaSpec is on line 8, its constraintSpec on line 13."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="{TEI_NS}" xmlns:sch="{SCH_NS}">
  <teiHeader><fileDesc><titleStmt><title>test</title></titleStmt>
    <publicationStmt><p>test</p></publicationStmt>
    <sourceDesc><p>test</p></sourceDesc></fileDesc></teiHeader>
  <text>
    <body>
      <schemaSpec ident="{ident}" start="TEI">
        <moduleRef key="core" include="p title"/>
        <moduleRef key="header" include="teiHeader fileDesc titleStmt publicationStmt sourceDesc"/>
        <moduleRef key="textstructure" include="TEI text body div"/>
        <elementSpec ident="p" mode="change">
          <constraintSpec ident="leak" scheme="schematron">
            <constraint>
              {constraint}
            </constraint>
          </constraintSpec>
        </elementSpec>
      </schemaSpec>
    </body>
  </text>
</TEI>
"""


EVIL_CONSTRAINT = ("<sch:rule context=\"tei:p\"><sch:report test=\"true()\">leak <sch:value-of "
                   "select=\"unparsed-text('/etc/passwd')\"/></sch:report></sch:rule>")


def compile_args(odd: Path, out: Path, *extra: str) -> list[str]:
    return ["schema", "compile", str(odd), "--source", str(P5), "--out-dir", str(out), *extra]


def test_odd_constraint_is_refused_at_its_constraint_spec(tmp_path):
    need_shared(P5)
    odd = tmp_path / "evil.odd"
    odd.write_text(odd_text(EVIL_CONSTRAINT), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, compile_args(odd, out))
    assert result.exit_code == 1
    assert result.stderr == (f"{odd}:13: error [schematron-unsafe] unparsed-text() reads files "
                             f"or URLs; {HINT}\n")
    assert not out.exists()


def test_odd_constraint_trusted_then_validated_in_the_sandbox(tmp_path):
    need_shared(P5)
    odd = tmp_path / "evil.odd"
    odd.write_text(odd_text(EVIL_CONSTRAINT), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, compile_args(odd, out, "--trust-schema"))
    assert result.exit_code == 0, result.output
    sch = out / "test.sch"
    tei = tmp_path / "doc.tei.xml"
    tei.write_text(f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>t</title>'
                   "</titleStmt><publicationStmt><p>t</p></publicationStmt><sourceDesc><p>t</p>"
                   "</sourceDesc></fileDesc></teiHeader><text><body><p>x</p></body></text></TEI>",
                   encoding="utf-8")
    untrusted = validate("--schema", out / "test.rng", "--schematron", sch, tei)
    assert untrusted.exit_code == 1
    assert f"{sch}:" in untrusted.stderr and "[schematron-unsafe] unparsed-text()" in \
        untrusted.stderr
    trusted = validate("--trust-schema", "--schema", out / "test.rng", "--schematron", sch, tei)
    assert trusted.exit_code == 1
    assert PASSWD_LINE not in trusted.output and "Traceback" not in trusted.output
    assert "[schematron-error] a Schematron rule failed to run: Access to URI" in trusted.stderr


def test_odd_constraint_mentioning_doc_in_its_message_compiles(tmp_path):
    need_shared(P5)
    odd = tmp_path / "fine.odd"
    odd.write_text(odd_text("<sch:rule context=\"tei:p\"><sch:assert test=\"string(.) != "
                            "'doc(x)'\">never call doc() or collection() here</sch:assert>"
                            "</sch:rule>"), encoding="utf-8")
    result = CliRunner().invoke(cli, compile_args(odd, tmp_path / "out"))
    assert result.exit_code == 0, result.output


# -- schema compile writes only inside --out-dir -------------------------------------------


@pytest.mark.parametrize("ident", ["../../../../outside/x", "ABSOLUTE", "a/b", ".hidden",
                                   "x\\y", "x" * 101])
def test_schema_ident_must_be_a_plain_file_name(tmp_path, ident):
    need_shared(P5)
    ident = str(tmp_path / "abs") if ident == "ABSOLUTE" else ident
    work = tmp_path / "a" / "b" / "c" / "d"
    work.mkdir(parents=True)
    odd = work / "bad.odd"
    odd.write_text(odd_text(ident=ident), encoding="utf-8")
    out = work / "out"
    result = CliRunner().invoke(cli, compile_args(odd, out))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{odd}:8: error [odd] schemaSpec ident \"{ident[:120]}\" "
                                    "must be a plain file name")
    assert sorted(p.name for p in tmp_path.rglob("*") if p.suffix in (".rng", ".sch")) == []


def test_a_plain_ident_is_written_inside_the_out_dir(tmp_path):
    need_shared(P5)
    odd = tmp_path / "good.odd"
    odd.write_text(odd_text(ident="good-1.0"), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, compile_args(odd, out))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(out / "good-1.0.rng"), str(out / "good-1.0.sch")]
    assert sorted(p.name for p in out.iterdir()) == ["good-1.0.rng", "good-1.0.sch"]

"""RELAX NG reduced to a document's element names (tei_edition.rng_reduce): jing's verdicts.

The reduced grammar must judge every document as the full one does. Checked against jing (the
reference implementation, tests/test_jing.py) on real TEI from other projects and on a few
hundred mutants of them (tests/odd_mutants.py: deleted, moved, renamed elements, bad values,
stray attributes and text), each reduced to its own names; and on small grammars for the
cases that need care (an element allowed only in some contexts, a define reached only through
an unused element, wildcards, what the reduction does not read).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from odd_mutants import mutants

from tei_edition.cli import cli
from tei_edition.rng_reduce import element_names, reduce_grammar
from tests.conftest import SHARED, TEI_ALL_RNG, need_shared
from tests.test_jing import jing

REPO = Path(__file__).resolve().parent.parent
SAMPLES = SHARED / "samples" / "tei"
PARSER = etree.XMLParser(collect_ids=False, resolve_entities=False, no_network=True)
MUTANTS_PER_DOCUMENT = 80


def _grammar(body: str) -> etree._Element:
    return etree.fromstring(
        '<grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="urn:x">' + body + "</grammar>")


def _verdict(grammar: etree._Element, doc: str) -> tuple[bool, bool]:
    """(full grammar's verdict, reduced grammar's verdict) for ``doc``."""
    tree = etree.fromstring(doc)
    reduced = reduce_grammar(grammar, element_names(tree))
    assert reduced is not None
    return etree.RelaxNG(grammar).validate(tree), etree.RelaxNG(reduced).validate(tree)


SMALL = _grammar("""
  <start><ref name="root"/></start>
  <define name="root"><element name="r"><zeroOrMore><choice>
    <ref name="a"/><ref name="b"/><element><anyName><except><nsName/></except></anyName>
      <empty/></element>
  </choice></zeroOrMore></element></define>
  <define name="a"><element name="a"><optional><ref name="c"/></optional></element></define>
  <define name="b"><element name="b"><ref name="inner"/></element></define>
  <define name="inner"><element name="c"><empty/></element><element name="d"><empty/></element>
  </define>
  <define name="c"><element name="c"><attribute name="n"/></element></define>""")


@pytest.mark.parametrize(("doc", "valid"), [
    ('<r xmlns="urn:x"><a/></r>', True),
    # c is allowed inside a (with @n) and inside b (followed by d): kept in both contexts
    ('<r xmlns="urn:x"><a><c n="1"/></a></r>', True),
    ('<r xmlns="urn:x"><a><c/></a></r>', False),  # c without @n: the other context's c
    ('<r xmlns="urn:x"><b><c/></b></r>', False),  # b's c needs a d after it: notAllowed
    ('<r xmlns="urn:x"><b><c/><d/></b></r>', True),
    ('<r xmlns="urn:x"><y:z xmlns:y="urn:y"/></r>', True),  # anyName minus our namespace
    ('<r xmlns="urn:x"><z/></r>', False),  # in our namespace: excepted
])
def test_reduction_keeps_the_verdict_on_the_cases_that_need_care(doc, valid):
    assert _verdict(SMALL, doc) == (valid, valid)


def test_an_unused_element_becomes_not_allowed_and_its_defines_go():
    doc = etree.fromstring('<r xmlns="urn:x"><a/></r>')
    reduced = reduce_grammar(SMALL, element_names(doc))
    rng = "{http://relaxng.org/ns/structure/1.0}"
    # b's define stays (root refers to it) with notAllowed for its element; inner, reached
    # only through that element, goes
    assert {d.get("name") for d in reduced.iter(rng + "define")} == {"root", "a", "b", "c"}
    assert [list(d) for d in reduced.iter(rng + "define") if d.get("name") == "b"][0][0].tag \
        == rng + "notAllowed"
    # the wildcard (any name outside urn:x) and c match neither r nor a: notAllowed
    assert {e.get("name") for e in reduced.iter(rng + "element")} == {"r", "a"}


def test_what_the_reduction_does_not_read_is_compiled_whole():
    for body in ('<include href="other.rng"/>', '<start><externalRef href="x.rng"/></start>',
                 '<start><grammar><start><empty/></start></grammar></start>'):
        assert reduce_grammar(_grammar(body), set()) is None


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    """The samples jing can read whole (not the SGA driver: its XIncludes) and their mutants."""
    out = tmp_path_factory.mktemp("reduce")
    paths = []
    sources = sorted(need_shared(SAMPLES).glob("*.xml")) + [REPO / "tests" / "fixtures" /
                                                             "canonical.xml"]
    for seed, source in enumerate(sources):
        data = source.read_bytes()
        if len(data) > 200_000:  # the FRUS volume: itself, not its mutants (the time)
            documents = [("", data)]
        else:
            documents = [("", data), *mutants(data, MUTANTS_PER_DOCUMENT, seed)]
        for n, (_, text) in enumerate(documents):
            path = out / f"{source.stem}-{n:03d}.xml"
            path.write_bytes(text)
            paths.append(path)
    return paths


def test_reduced_tei_all_gives_jings_verdicts(corpus):
    grammar = etree.parse(str(need_shared(TEI_ALL_RNG))).getroot()
    by_jing = jing(TEI_ALL_RNG, corpus)
    disagreements, invalid = [], 0
    for path in corpus:
        doc = etree.parse(str(path), PARSER)
        reduced = reduce_grammar(grammar, element_names(doc))
        assert reduced is not None
        ours = etree.RelaxNG(reduced).validate(doc)
        theirs = not by_jing[path.resolve()]
        invalid += not theirs
        if ours != theirs:
            disagreements.append(f"{path.name}: jing {theirs}, reduced {ours}")
    assert not disagreements, disagreements[:10]
    assert len(corpus) > 300
    assert 0.2 * len(corpus) < invalid < 0.9 * len(corpus)  # the mutants do damage


def test_schema_alone_means_that_schema_alone():
    """The TEI Stylesheets' test file is valid for jing against tei_all; the project's
    Schematron (which it was never written for) runs only when asked."""
    doc = need_shared(SAMPLES / "teic-stylesheets-test.xml")
    assert jing(TEI_ALL_RNG, [doc]) == {doc.resolve(): []}
    result = CliRunner().invoke(cli, ["validate", "--schema", str(TEI_ALL_RNG), str(doc)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == ["1 file: 1 valid, 0 invalid, 0 errors, 0 warnings"]
    asked = CliRunner().invoke(cli, ["validate", "--schema", str(TEI_ALL_RNG),
                                     "--project-rules", str(doc)])
    assert asked.exit_code == 1
    assert "[rng]" not in asked.stderr  # tei_all's verdict stands; the project's rules refuse
    assert ":968:11: error [pointer-target] no element has the xml:id this points to: #foo" \
        in asked.stderr
    assert asked.stderr.splitlines()[-1] == "1 file: 0 valid, 1 invalid, 5 errors, 2 warnings"
    both = CliRunner().invoke(cli, ["validate", "--schema", str(TEI_ALL_RNG),
                                    "--project-rules", "--no-schematron", str(doc)])
    assert both.exit_code == 2
    assert "--project-rules and --no-schematron exclude each other" in both.stderr


def test_one_document_against_tei_all_in_a_second_whole_process():
    """Issue 14: at most 1 s, whole process, for a valid document (jing: about 1 s). CPU time
    of the child process, since the machine's load varies the wall time."""
    doc = need_shared(SAMPLES / "pushkin-boris-godunov.xml")
    run = subprocess.run(
        [sys.executable, "-c", "import resource, subprocess, sys; subprocess.run(sys.argv[1:],"
         " check=True); r = resource.getrusage(resource.RUSAGE_CHILDREN);"
         " print(r.ru_utime + r.ru_stime)", sys.executable, "-m", "tei_edition", "validate",
         "--schema", str(TEI_ALL_RNG), str(doc)], cwd=REPO, capture_output=True, text=True,
        timeout=120)
    assert run.returncode == 0, run.stderr
    assert float(run.stdout) < 1.0


PREFIXED = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:cb="http://www.cbeta.org/ns/1.0">
<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>p</p>
</publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>
<text><body><cb:div><p>x</p></cb:div></body></text></TEI>"""


def test_messages_name_elements_and_attributes_with_the_documents_prefixes():
    from tei_edition.validate import iter_errors

    element = [d.message for d in iter_errors(PREFIXED.encode(), schema=TEI_ALL_RNG)]
    assert element == ["Did not expect element cb:div there"]
    bad_space = PREFIXED.replace("<cb:div><p>x</p></cb:div>", '<p xml:space="wide">x</p>')
    attribute = [d.message for d in iter_errors(bad_space.encode(), schema=TEI_ALL_RNG)]
    assert attribute == ['Invalid attribute xml:space for element p (value "wide")']

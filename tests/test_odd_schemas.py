"""The committed project schema: up to date, valid TEI itself, and its rules doing their job."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from conftest import REPO, SHARED, need_shared
from lxml import etree

from tei_edition.odd import compile_odd
from tei_edition.render import processor

P5 = SHARED / "tei" / "p5subset.xml"
SCHEMAS = REPO / "schemas"
CANONICAL = REPO / "tests" / "fixtures" / "canonical.xml"
TEI_NS = "http://www.tei-c.org/ns/1.0"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
XSL_NS = "http://www.w3.org/1999/XSL/Transform"
REGENERATE = ("regenerate them: tei-edition schema compile schemas/tei_edition.odd "
              "--source path/to/p5subset.xml --out-dir schemas --force")

#: The project's own rules (constraintSpec idents of tei_edition.odd).
PROJECT_RULES = ["gap-reason", "supplied-reason", "date-iso", "date-order", "pointer-target",
                 "xml-id-unique", "choice-pairs", "header-title", "header-date",
                 "header-source"]


@pytest.fixture(scope="module")
def compiled():
    return compile_odd(SCHEMAS / "tei_edition.odd", need_shared(P5))


@pytest.mark.parametrize("suffix", ["rng", "sch"])
def test_committed_schemas_are_up_to_date(compiled, suffix):
    committed = (SCHEMAS / f"tei_edition.{suffix}").read_bytes()
    fresh = compiled.relaxng_bytes() if suffix == "rng" else compiled.schematron_bytes()
    assert committed == fresh, f"schemas/tei_edition.{suffix} is out of date: {REGENERATE}"


def test_notice_names_both_tei_licences():
    notice = (SCHEMAS / "NOTICE").read_text(encoding="utf-8")
    assert "CC BY 3.0" in notice and "BSD 2-Clause" in notice
    for name in ("tei_edition.rng", "tei_edition.sch"):
        assert "TEI Consortium" in (SCHEMAS / name).read_text(encoding="utf-8")


def test_canonical_document_is_valid():
    grammar = etree.RelaxNG(etree.parse(str(SCHEMAS / "tei_edition.rng")))
    assert grammar.validate(etree.parse(str(CANONICAL))), grammar.error_log


def test_the_odds_are_valid_tei(tei_all):
    for name in ("tei_edition.odd", "tei_all.odd"):
        assert tei_all.validate(etree.parse(str(SCHEMAS / name))), (name, tei_all.error_log)


def test_every_encoding_decision_is_documented():
    odd = etree.parse(str(SCHEMAS / "tei_edition.odd"))
    ids = set(odd.xpath("//@xml:id"))
    for n in range(1, 12):
        assert f"rule{n}" in ids  # a section per bracket rule
    labels = odd.xpath("//tei:div[@xml:id='decisions']//tei:label/text()",
                       namespaces={"tei": TEI_NS})
    assert labels == [f"D{n}" for n in range(1, 9)]


@pytest.mark.parametrize(("element", "attribute", "good", "bad"), [
    ("gap", "reason", "signature", "cancelled"),
    ("supplied", "reason", "identification", "editorial"),
    ("note", "type", "transmission", "comment"),
    ("seg", "type", "classification", "paragraph"),
    ("div", "subtype", "record-of-conversation", "chapter"),
    ("div", "type", "enclosure", "chapter"),
])
def test_closed_value_lists(element, attribute, good, bad):
    grammar = etree.RelaxNG(etree.parse(str(SCHEMAS / "tei_edition.rng")))
    doc = etree.parse(str(CANONICAL))
    target = doc.find(f".//{{{TEI_NS}}}{element}[@{attribute}]")
    target.set(attribute, good)
    assert grammar.validate(doc), grammar.error_log
    target.set(attribute, bad)
    assert not grammar.validate(doc)


# -- the project's Schematron rules --------------------------------------------------------


def rule_runner(sch: etree._Element):
    """A test-only XSLT 3 rendering of the project's rules: returns the ids that fail.

    (The project's validator has its own Schematron compiler; this small one only checks
    that the rules written in the ODD say what they should.)
    """
    xsl = etree.Element(f"{{{XSL_NS}}}stylesheet", version="3.0",
                        nsmap={"xsl": XSL_NS, "tei": TEI_NS,
                               "xs": "http://www.w3.org/2001/XMLSchema"})
    main = etree.SubElement(xsl, f"{{{XSL_NS}}}template", match="/")
    out = etree.SubElement(main, f"{{{XSL_NS}}}element", name="failed")
    for n, rule in enumerate(sch.iter(f"{{{SCH_NS}}}rule")):
        if rule.get("id") not in PROJECT_RULES:
            continue
        mode = f"r{n}"
        etree.SubElement(out, f"{{{XSL_NS}}}apply-templates", select="//(*|@*)", mode=mode)
        template = etree.SubElement(xsl, f"{{{XSL_NS}}}template", match=rule.get("context"),
                                    mode=mode)
        for child in rule:
            local = etree.QName(child).localname
            if local == "let":
                etree.SubElement(template, f"{{{XSL_NS}}}variable", name=child.get("name"),
                                 select=child.get("value"))
            elif local in ("assert", "report"):
                test = child.get("test")
                test = f"not({test})" if local == "assert" else test
                hit = etree.SubElement(template, f"{{{XSL_NS}}}if", test=test)
                el = etree.SubElement(hit, f"{{{XSL_NS}}}element", name="id")
                el.text = rule.get("id")
        etree.SubElement(xsl, f"{{{XSL_NS}}}template", match="node()|@*", mode=mode)
    proc = processor()
    exe = proc.new_xslt30_processor().compile_stylesheet(
        stylesheet_text=etree.tostring(xsl, encoding="unicode"))

    def failures(doc: etree._Element) -> list[str]:
        node = proc.parse_xml(xml_text=etree.tostring(doc, encoding="unicode"))
        result = etree.fromstring(exe.transform_to_string(xdm_node=node).encode())
        return sorted({e.text for e in result})

    return failures


@pytest.fixture(scope="module")
def failures(compiled):
    return rule_runner(compiled.schematron)


def test_project_rules_are_in_the_schematron(compiled):
    ids = {r.get("id") for r in compiled.schematron.iter(f"{{{SCH_NS}}}rule")}
    assert set(PROJECT_RULES) <= ids
    assert compiled.schematron.get("queryBinding") == "xslt2"


def test_missing_date_or_citation_is_a_warning(compiled):
    roles = {r.get("id"): [a.get("role") for a in r.iter(f"{{{SCH_NS}}}assert")]
             for r in compiled.schematron.iter(f"{{{SCH_NS}}}rule")}
    assert roles["header-date"] == ["warning"]
    assert roles["header-source"] == ["warning"]
    assert roles["header-title"] == [None]


def test_canonical_document_passes_the_rules(failures):
    assert failures(etree.parse(str(CANONICAL)).getroot()) == []


def _break(xpath: str, change) -> etree._Element:
    doc = etree.parse(str(CANONICAL)).getroot()
    for node in doc.xpath(xpath, namespaces={"tei": TEI_NS}):
        change(node)
    return doc


def _set(name: str, value: str):
    return lambda node: node.set(name, value)


def _drop(node: etree._Element) -> None:
    node.getparent().remove(node)


def _drop_attr(name: str):
    return lambda node: node.attrib.pop(name)


@pytest.mark.parametrize(("xpath", "change", "rule"), [
    ("//tei:creation/tei:date", _set("when", "1958-02-30"), "date-iso"),
    ("//tei:creation/tei:date", _set("when", "3 March 1958"), "date-iso"),
    ("//tei:closer/tei:dateline/tei:date", _set("when", "1958-03-03T10:15"), "date-iso"),
    ("(//tei:body//tei:date)[1]", lambda d: (d.attrib.pop("when"), d.set("from", "1958-03-05"),
                                             d.set("to", "1958-03-01")), "date-order"),
    ("//tei:supplied[1]", _set("resp", "#nobody"), "pointer-target"),
    ("//tei:add", _set("hand", "#handwriting"), "pointer-target"),
    ("//tei:p[@xml:id='p2']", _set("{http://www.w3.org/XML/1998/namespace}id", "p1"),
     "xml-id-unique"),
    ("//tei:gap[@reason='signature']", _drop_attr("reason"), "gap-reason"),
    ("//tei:supplied[@reason='identification']", _drop_attr("reason"), "supplied-reason"),
    ("//tei:choice/tei:reg", lambda r: r.addnext(copy.deepcopy(r)), "choice-pairs"),
    ("//tei:choice/tei:reg", lambda r: setattr(r, "tag", f"{{{TEI_NS}}}corr"), "choice-pairs"),
    ("//tei:titleStmt/tei:title", _drop, "header-title"),
    ("//tei:creation", _drop, "header-date"),
    ("//tei:sourceDesc/tei:bibl", _drop, "header-source"),
])
def test_each_rule_catches_its_problem(failures, xpath, change, rule):
    assert failures(_break(xpath, change)) == [rule]


def test_valid_variants_pass_the_rules(failures):
    doc = _break("//tei:creation/tei:date", _set("when", "1958-03"))
    assert failures(doc) == []
    doc = _break("(//tei:body//tei:date)[1]", lambda d: (d.attrib.pop("when"),
                                                         d.set("from", "1958-03-01"),
                                                         d.set("to", "1958-03-05")))
    assert failures(doc) == []
    doc = _break("//tei:creation/tei:date", _set("when", "1958-03-03T10:15:00"))
    assert failures(doc) == []


def test_lone_expansion_is_allowed():
    """Rule 8 writes <expan>F<ex>oreign</ex></expan> outside choice: grammar and rules agree."""
    odd = Path(SCHEMAS / "tei_edition.odd").read_text(encoding="utf-8")
    assert "stands alone" in odd
    doc = etree.parse(str(CANONICAL)).getroot()
    assert doc.xpath("//tei:expan[not(parent::tei:choice)]/tei:ex", namespaces={"tei": TEI_NS})
    grammar = etree.RelaxNG(etree.parse(str(SCHEMAS / "tei_edition.rng")))
    assert grammar.validate(doc)

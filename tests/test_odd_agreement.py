"""Our tei_all agrees with the TEI Consortium's tei_all.rng; tei_edition only ever restricts it.

Documents: the canonical test document, the invented documents of tests/odd/, the samples as
the encoder writes them (when the encoder is there), and a few hundred mutants of each
(tests/odd_mutants.py). For each, lxml's RELAX NG verdict under our tei_all.rng must equal
its verdict under ../shared/tei/tei_all.rng; and a document valid under tei_edition.rng must
be valid under tei_all.rng. Each grammar is compiled once per session (tei_all takes lxml
about 14 s).
"""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator

import pytest
from conftest import REPO, SAMPLES, SHARED, need_shared
from lxml import etree
from odd_mutants import add_attribute, bad_value, drop_attribute, mutants, rename

from tei_edition.odd import compile_odd

P5 = SHARED / "tei" / "p5subset.xml"
RNG = "{http://relaxng.org/ns/structure/1.0}"
TEI_NS = "http://www.tei-c.org/ns/1.0"
EXAMPLES_NS = "http://www.tei-c.org/ns/Examples"
MUTANTS_PER_DOCUMENT = 300  # of each of the three documents written for the tests
MUTANTS_PER_ENCODED_DOCUMENT = 60  # of each document the encoder wrote

#: lxml's default parser refuses a bad xml:id while parsing; the mutants need to reach the
#: validator, where both grammars judge it.
PARSER = etree.XMLParser(collect_ids=False, resolve_entities=False, no_network=True)


@pytest.fixture(scope="session")
def our_tei_all_grammar() -> etree._Element:
    return compile_odd(REPO / "schemas" / "tei_all.odd", need_shared(P5)).relaxng


@pytest.fixture(scope="session")
def our_tei_all(our_tei_all_grammar):
    return etree.RelaxNG(our_tei_all_grammar)


@pytest.fixture(scope="session")
def tei_edition():
    return etree.RelaxNG(etree.parse(str(REPO / "schemas" / "tei_edition.rng")))


def encoded_samples() -> Iterator[tuple[str, bytes]]:
    """The real samples as the project's encoder writes them, and the bundled edition's TEI."""
    try:
        from tei_edition import encode  # type: ignore[attr-defined]
    except ImportError:  # the encoder has not landed
        encode = None
    if encode is not None and SAMPLES.exists():
        for path in sorted(SAMPLES.glob("*.txt")):
            yield f"samples/{path.name}", encode(path).data
    for path in sorted((REPO / "xml" / "tei").glob("*.xml")):
        yield f"xml/tei/{path.name}", path.read_bytes()


def base_documents() -> list[tuple[str, bytes]]:
    docs = [("fixtures/canonical.xml", (REPO / "tests" / "fixtures" / "canonical.xml")
             .read_bytes())]
    docs += [(f"odd/{p.name}", p.read_bytes()) for p in sorted((REPO / "tests" / "odd")
                                                                .glob("*.xml"))]
    docs += list(encoded_samples())
    return docs


@pytest.fixture(scope="session")
def corpus() -> list[tuple[str, etree._Element]]:
    """(name, document) for every base document and its mutants."""
    result = []
    for seed, (name, data) in enumerate(base_documents()):
        result.append((name, etree.fromstring(data, PARSER)))
        count = MUTANTS_PER_DOCUMENT if seed < 3 else MUTANTS_PER_ENCODED_DOCUMENT
        for n, (what, mutant) in enumerate(mutants(data, count, seed)):
            result.append((f"{name} mutant {n}: {what}", etree.fromstring(mutant, PARSER)))
    return result


def test_base_documents_are_valid(tei_all, our_tei_all, tei_edition):
    for name, data in base_documents():
        doc = etree.fromstring(data, PARSER)
        assert tei_all.validate(doc), (name, tei_all.error_log)
        assert our_tei_all.validate(doc), (name, our_tei_all.error_log)
        if not name.startswith("odd/") or "edition-" in name:  # the others use more of TEI
            assert tei_edition.validate(doc), (name, tei_edition.error_log)


def test_our_tei_all_agrees_with_the_reference(tei_all, our_tei_all, corpus):
    disagreements = []
    invalid = 0
    for name, doc in corpus:
        reference = tei_all.validate(doc)
        ours = our_tei_all.validate(doc)
        invalid += not reference
        if reference != ours:
            log = our_tei_all.error_log if reference else tei_all.error_log
            disagreements.append(f"{name}: reference {reference}, ours {ours}: {log}")
    assert not disagreements, "\n".join(disagreements[:20])
    assert len(corpus) >= 2 * MUTANTS_PER_DOCUMENT
    assert 0.2 * len(corpus) < invalid < 0.9 * len(corpus)  # the mutants do damage


def test_tei_edition_documents_are_tei_all_documents(tei_all, tei_edition, corpus):
    valid = 0
    for name, doc in corpus:
        if tei_edition.validate(doc):
            valid += 1
            assert tei_all.validate(doc), f"{name}: valid for tei_edition only: {tei_all.error_log}"
    assert valid >= 50  # enough mutants stay within the project's vocabulary to mean something


def test_tei_edition_is_stricter(tei_all, tei_edition, corpus):
    """Some documents tei_all accepts are refused by the project schema (closed lists, ...)."""
    stricter = sum(1 for _, doc in corpus
                   if tei_all.validate(doc) and not tei_edition.validate(doc))
    assert stricter > 0


def _any_start(grammar: etree._Element) -> etree._Element:
    """A copy of a grammar whose start is any of its TEI elements (for example fragments)."""
    grammar = copy.deepcopy(grammar)
    for start in grammar.findall(RNG + "start"):
        grammar.remove(start)
    choice = etree.SubElement(etree.SubElement(grammar, RNG + "start"), RNG + "choice")
    for define in grammar.iter(RNG + "define"):
        element = define.find(RNG + "element")
        if element is not None and element.get("name") and element.get("ns") is None:
            etree.SubElement(choice, RNG + "ref", name=define.get("name"))
    return grammar


def tei_examples() -> list[etree._Element]:
    """Every example of the TEI Guidelines in p5subset (egXML children), in the TEI namespace."""
    source = etree.parse(str(need_shared(P5)))
    result = []
    for example in source.getroot().iter(f"{{{EXAMPLES_NS}}}egXML"):
        for child in example:
            if not isinstance(child.tag, str):
                continue
            fragment = copy.deepcopy(child)
            fragment.tail = None
            for node in fragment.iter():
                if isinstance(node.tag, str) and node.tag.startswith(f"{{{EXAMPLES_NS}}}"):
                    node.tag = f"{{{TEI_NS}}}{etree.QName(node).localname}"
            result.append(fragment)
    return result


@pytest.mark.slow
def test_agreement_on_the_examples_of_the_guidelines(our_tei_all_grammar):
    """~2,600 examples of the Guidelines, each element a start, and ~10,000 mutants of them.

    They reach far more of TEI than the mutants of our documents: every element's content
    and, with the attribute mutants, every element's attributes.
    """
    reference = etree.RelaxNG(_any_start(etree.parse(str(SHARED / "tei" / "tei_all.rng"))
                                         .getroot()))
    ours = etree.RelaxNG(_any_start(our_tei_all_grammar))
    examples = tei_examples()
    rng = random.Random(5)
    disagreements, invalid, count = [], 0, 0
    for example in examples:
        documents = [("example", example)]
        for mutation in (bad_value, add_attribute, drop_attribute, rename):
            mutant = copy.deepcopy(example)
            try:
                documents.append((mutation(mutant, rng), mutant))
            except (IndexError, ValueError):  # nothing to mutate: no attributes
                continue
        for what, doc in documents:
            count += 1
            verdict = reference.validate(doc)
            invalid += not verdict
            if verdict != ours.validate(doc):
                disagreements.append(f"{what}: {etree.tostring(doc)[:200]!r}")
    assert len(examples) > 2000 and count > 8000
    assert invalid > 0.2 * count
    assert not disagreements, disagreements[:10]

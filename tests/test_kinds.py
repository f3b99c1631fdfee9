"""The table of editorial kinds (tei_edition/kinds.py) and the writers that read it.

One canonical document, tests/fixtures/every-kind.xml (valid against the project schema),
holds every kind in the forms the encoder writes and in those an editor writes by hand;
tests/fixtures/hand-edited.xml holds the hand-edited forms the schema refuses (other gap
reasons, other choices), which the writers must read all the same. Both go through every
writer: the export, the HTML page and the print; the writers must agree on the text as
translated of every intervention, and with what the source had (written out below).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from lxml import etree, html
from test_jing import PROJECT_RNG, jing

from tei_edition import kinds, kinds_xslt
from tei_edition import pdf as print_edition
from tei_edition.edition import Edition
from tei_edition.export import _single_source
from tei_edition.site import read_document, render_document
from tei_edition.tei import parse_file, tei
from tei_edition.validate import iter_errors

FIXTURES = Path(__file__).parent / "fixtures"
EVERY_KIND = FIXTURES / "every-kind.xml"
HAND_EDITED = FIXTURES / "hand-edited.xml"
XHTML = "http://www.w3.org/1999/xhtml"

#: What the source had, as translated, for every intervention of every-kind.xml in document
#: order (an intervention inside another comes after it); footnotes apart. Written out by
#: hand from the comments in the document, not computed.
EVERY_KIND_AS_TRANSLATED = [
    "[MFA stamp: Copy No 3]", "[To]",
    "[...]", "[…]", "[illegible word]", "[illegible]", "[signature]", "[initials]",
    "[Karel Novak]", "[the]", "[N. P. Varnov?]", "[Petrov?]", "Koval [?]", "[Petrov] [?]",
    "[Petrov]",
    "Strelna [Strzelna]", "comission [sic]", "recieved [sic]", "F[oreign] M[inistry]", "[oreign]",
    "[inistry]", "M[inistry]", "[inistry]",
    "[handwritten: to Cde. [[N. P. Varnov?]]]", "[[N. P. Varnov?]]", "[[illegible signature]]",
    "[emphasis in the original]", "[not]",
    "[sorvalis']", "[ponablyusti – SIC]", "[1 line not declassified]",
    "[signature]", "[third]",
]
HAND_EDITED_AS_TRANSLATED = [
    "[damage]", "[torn corner]", "[gap]", "Kyiv", "Kiev", "[Petrov?]", "[[[Varnov]]]",
    "[Koval [?]]",
]


def words(text: str) -> str:
    return " ".join(text.split())


def interventions(tree: etree._ElementTree) -> list[etree._Element]:
    """Every element of the text that the table gives a form (footnotes apart), in
    document order."""
    text = tree.getroot().find(tei("text"))
    assert text is not None
    found = [(el, kinds.form_of(el)) for el in text.iter(*kinds.INTERVENTION_TAGS)]
    return [el for el, f in found if f is not None and not f[0].footnote]


def in_footnote(el: etree._Element) -> bool:
    return any(kinds.form_of(a) is not None and kinds.form_of(a)[0].footnote  # type: ignore[index]
               for a in el.iterancestors(tei("note")))


def _text_without(el: etree._Element, skip: set[str]) -> str:
    """The text of el, less that of descendants with one of the classes ``skip``."""
    out = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and not skip & set((child.get("class") or "").split()):
            out.append(_text_without(child, skip))
        out.append(child.tail or "")
    return "".join(out)


def html_as_translated(page: html.HtmlElement) -> list[str]:
    """Each intervention of the page's text and footnotes as the reader sees it as
    translated (without its explanation and its reading copy), in the page's order."""
    spans = page.xpath("//main//span[contains(concat(' ', @class, ' '), ' ed ')]"
                       "[not(ancestor::section[@class = 'ledger'])]"
                       "[not(ancestor::span[@class = 'ed-rd'])]")  # (the reading copies)
    return [words(_text_without(s, {"ed-x", "ed-rd"})) for s in spans]


def print_as_translated(section: etree._Element) -> list[str]:
    spans = section.xpath(".//x:span[contains(concat(' ', @class, ' '), ' ed ')]"
                          "[not(ancestor::x:section[@class = 'apparatus'])]",
                          namespaces={"x": XHTML})
    return [words("".join(s.itertext())) for s in spans]


@pytest.fixture(scope="module", params=[EVERY_KIND, HAND_EDITED], ids=lambda p: p.stem)
def document(request: pytest.FixtureRequest) -> dict[str, object]:
    path: Path = request.param
    tree = parse_file(path)
    page = html.document_fromstring(render_document(read_document(path), Edition()))
    printed = print_edition.document_section(print_edition.load_document(path), 1, "Tests")
    return {"path": path, "tree": tree, "page": page, "print": printed}


def test_generated_stylesheet_is_the_table():
    committed = kinds_xslt.stylesheet_path().read_text(encoding="utf-8")
    assert committed == kinds_xslt.stylesheet(), (
        "xslt/common/kinds.xsl is not what tei_edition/kinds.py gives: run "
        "python -m tei_edition.kinds_xslt and commit the file")


def test_the_table_imports_no_encoder_reader_or_writer():
    """kinds.py is read by the export and the stylesheets' generator alike: it imports
    nothing of the package but its TEI names (the package's __init__ loads the encoder,
    kinds.py does not)."""
    tree = ast.parse(Path(kinds.__file__).read_text(encoding="utf-8"))
    imported = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert imported == {"__future__", "collections.abc", "dataclasses", "typing", "lxml",
                        "tei_edition.tei"}


def test_every_kind_is_valid_against_the_project_schema():
    assert [str(d) for d in iter_errors(EVERY_KIND)] == []
    assert jing(PROJECT_RNG, [EVERY_KIND]) == {EVERY_KIND.resolve(): []}
    # and the hand-edited forms are what the schema refuses, so they are tested apart
    assert any("gap-reason" in str(d) for d in iter_errors(HAND_EDITED))


def test_every_kind_of_the_table_is_in_the_canonical_document():
    tree = parse_file(EVERY_KIND)
    text = tree.getroot().find(tei("text"))
    assert text is not None
    seen = {kinds.form_of(el) for el in text.iter()} - {None}
    every = {(k, f) for k, f in kinds.FORMS if f.element != "choice" or f.where}
    assert every <= seen, [f.pattern for _, f in every - seen]


def test_writers_agree_on_every_intervention(document):
    """The export, the HTML page and the print give every intervention the same marks and
    words as translated, in document order, and the same as the source had."""
    tree = document["tree"]
    found = interventions(tree)
    exported = [words(_single_source(el)) for el in found]
    expected = (EVERY_KIND_AS_TRANSLATED if document["path"] == EVERY_KIND
                else HAND_EDITED_AS_TRANSLATED)
    assert exported == expected, "the export"
    # the HTML shows the footnotes after the text
    in_notes = [in_footnote(el) for el in found]
    page_order = ([t for t, n in zip(exported, in_notes, strict=True) if not n]
                  + [t for t, n in zip(exported, in_notes, strict=True) if n])
    assert html_as_translated(document["page"]) == page_order, "the HTML page"
    assert print_as_translated(document["print"]) == exported, "the print"


def test_ledger_and_apparatus_agree_with_the_table(document):
    """The HTML ledger and the print apparatus list the same interventions, each as
    translated as the export gives it and, in the ledger, with the table's label."""
    text = document["tree"].getroot().find(tei("text"))
    entries = list(kinds.apparatus_entries(text))
    exported = [words(_single_source(el)) for el in entries]
    labels = [next(k.label for k in kinds.KINDS if k.name == kinds.kind_of(el)) for el in entries]
    rows = document["page"].xpath("//table[@class='ledger-table']/tbody/tr[td[2] != 'Note']")
    assert [words(r[2].text_content()) for r in rows] == exported
    assert [r[1].text_content() for r in rows] == labels
    lemmas = document["print"].xpath(".//x:span[@class='ap-lemma']", namespaces={"x": XHTML})
    assert [words("".join(s.itertext())) for s in lemmas] == exported


def test_footnotes_have_the_same_number_everywhere():
    """A footnote is [n] in the source and n in the media; one without @n (an editor's) is
    its words in place in the export and the next number in the media."""
    tree = parse_file(EVERY_KIND)
    notes = [el for el in tree.getroot().find(tei("text")).iter(tei("note"))  # type: ignore[union-attr]
             if kinds.kind_of(el) == "note"]
    assert [words(_single_source(n)) for n in notes] == [
        "[1]", "Checked against the original.", "[3] The file has no [third] page."]
    page = html.document_fromstring(render_document(read_document(EVERY_KIND), Edition()))
    assert [a.text_content() for a in page.xpath("//a[@class='fn-ref']")] == ["1", "2", "3"]
    assert [words(_text_without(li, {"ed-x"}))
            for li in page.xpath("//section[@class='footnotes']//li")
            ] == ["1. Translator’s note: The maps are [not] in the file. ↩",
                  "2. Editors’ note: Checked against the original. ↩",
                  "3. Translator’s note: The file has no [third] page. ↩"]
    printed = print_edition.document_section(print_edition.load_document(EVERY_KIND), 1, "T")
    assert printed.xpath(".//x:span[contains(@class, 'footnote')]/@data-n",
                         namespaces={"x": XHTML}) == ["1", "2", "3"]
    # the distribution list is a block of the text, not a footnote, in both media
    assert page.xpath("//main//div[@class='tei-note note-distribution']")
    assert printed.xpath(".//x:div[@class='note-block note-distribution']",
                         namespaces={"x": XHTML})


def test_the_pdf_prints_every_intervention_as_translated():
    result = print_edition.build_pdf([EVERY_KIND])
    import io

    import pypdf

    pages = [p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(result.pdf)).pages]
    text = " ".join(" ".join(pages).replace("-\n", "").split())
    tree = parse_file(EVERY_KIND)
    missing = [s for s in (words(_single_source(el)) for el in
                           kinds.apparatus_entries(tree.getroot().find(tei("text"))))
               if s not in text]
    assert missing == []


def test_the_media_never_branch_on_the_kind():
    """xslt/html and xslt/print render the parts they are handed: no test of a kind's name,
    and no kind read back from a class name (a kind's name may appear as a CSS class)."""
    names = {k.name for k in kinds.KINDS}
    found = []
    for sheet in sorted((kinds_xslt.stylesheet_path().parent.parent).glob("*/*.xsl")):
        if sheet.parent.name not in ("html", "print"):
            continue
        text = sheet.read_text(encoding="utf-8")
        for name in names:
            if f"'{name}'" in text:  # an XPath string literal: $kind = 'gloss'
                found.append(f"{sheet.name}: the kind {name!r} as a literal")
        for test in ("tokenize(@class", "'ed-')", "substring-after(@class"):
            if test in text:
                found.append(f"{sheet.name}: {test}")
    assert found == []

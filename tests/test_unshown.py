"""How the not-rendered check (tei_edition/unshown.py) reads words on either side, and that
the elements whose words other TEI keeps inside a word or beside a note reach the page.

The TEI side: a note stands apart from the words around it ("dépuis<note>sic!</note>": the
page shows the note elsewhere). The page side: an editor's bracket (span.ed-br) is a sign
inside the word ("among⟨st⟩" is "amongst"), a tooltip is read apart ("meter<tooltip/>weite"
is "meterweite"), a deletion or a side of the reading switch and the element right after
it are two words, as in the TEI ("out</del><span>on</span>ward": "out", "onward"), but
other inline elements run on as the reader sees them, and a note floated into the margin
stands apart from its line.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from tei_edition.edition import Edition
from tei_edition.errors import Diagnostic
from tei_edition.pdf import prepare
from tei_edition.site import read_documents, site_outputs
from tei_edition.unshown import page_words, tei_text, unshown, words
from tests.conftest import REPO

#: Other TEI (no encodingDesc of ours): words the source wrote inside a word or against a
#: note, the forms of the Escher letters and of the Shelley-Godwin Archive.
_OTHER_TEI = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
  <titleStmt><title>Glued words</title></titleStmt><publicationStmt><p>x</p></publicationStmt>
  <sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>
  <text><body>
    <p>dans mon cœur dépuis<note type="transcript">sic!</note> longtemps</p>
    <p>die lebhafteste Aufmerksam<add>keit</add> geschenkt</p>
    <p>liegen 0.15<choice><abbr><hi rend="sup">m</hi></abbr><expan>meter</expan></choice>weite
      Röhren</p>
    <p>to my <mod><del rend="strikethrough">out</del><add place="superlinear">on</add></mod>ward
      life</p>
    <p>marginal<note place="margin">marginnote</note> text</p>
    <p>An example: <egXML xmlns="http://www.tei-c.org/ns/Examples"><div><head>Choice,
      orig</head><p>v<ex>oro</ex> þav</p></div></egXML></p>
  </body></text>
</TEI>"""


def _page(body: str) -> str:
    return f"<html><body><main>{body}</main></body></html>"


def test_a_note_stands_apart_from_the_word_before_it() -> None:
    root = etree.fromstring(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>dépuis<note>sic!</note> '
        'longtemps, Hel<hi>lo</hi></p></body></text></TEI>')
    assert words(tei_text(root)) == ["dépuis", "sic", "longtemps", "hello"]


def test_the_page_reads_signs_tooltips_and_meeting_elements_as_a_reader_does() -> None:
    page = _page(
        '<p>among<span class="ed"><span class="ed-br">⟨</span>st<span class="ed-br">⟩</span>'
        '<span class="ed-x" role="tooltip">Added.</span></span> us; 0.15<span class="ed">'
        '<span class="ed-as"><sup>m</sup> </span><span class="ed-rd">meter</span>'
        '<span role="tooltip">Abbreviation</span></span>weite; <del>out</del><span>on</span>'
        'ward; comission<span class="ed-br"> [</span>sic<span class="ed-br">]</span>; '
        'marginal<span class="tei-note note-margin">marginnote</span>; '
        '<span class="tei-head">orig</span><span class="tei-p">voro</span></p>')
    assert page_words(page) == {w: 1 for w in (
        "amongst", "us", "0", "15", "m", "meterweite", "out", "onward", "comission", "sic",
        "marginal", "marginnote", "origvoro", "added", "abbreviation")}


def test_a_word_glued_to_its_tooltip_is_still_missing_when_the_page_lacks_it() -> None:
    tree = etree.ElementTree(etree.fromstring(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>0.15<choice><abbr>m</abbr>'
        '<expan>meter</expan></choice>weite</p></body></text></TEI>'))
    shown = _page('<p>0.15<span><span>m</span> <span>meter</span>'
                  '<span role="tooltip">Abbreviation</span></span>weite</p>')
    assert unshown(tree, shown) == {}
    # the expansion and the next word on the page, but not joined: "meterweite" is lost
    apart = shown.replace("</span>weite", "</span> weite")
    assert unshown(tree, apart) == {"<expan>": (1, 1)}


def test_other_teis_glued_words_reach_the_page_without_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "glued.xml"
    path.write_text(_OTHER_TEI, encoding="utf-8")
    diagnostics: list[Diagnostic] = []
    outputs = site_outputs(read_documents([path]), Edition(), diagnostics)
    assert [d.message for d in diagnostics] == []
    [page] = [data for name, data in outputs.items() if name.startswith("documents/")]
    shown = page_words(page)
    for word in ("dépuis", "sic", "aufmerksamkeit", "meterweite", "out", "onward",
                 "marginal", "marginnote"):
        assert shown[word] >= 1, word


def test_an_expansion_names_the_abbreviation_as_written() -> None:
    """tests/fixtures/every-kind.xml: <choice><abbr>FM</abbr><expan>F<ex>oreign</ex>
    M<ex>inistry</ex></expan></choice>; the abbreviation is in the explanation."""
    path = REPO / "tests" / "fixtures" / "every-kind.xml"
    diagnostics: list[Diagnostic] = []
    outputs = site_outputs(read_documents([path]), Edition(), diagnostics)
    assert [d.message for d in diagnostics] == []
    page = b"".join(data for name, data in outputs.items() if name.startswith("documents/"))
    assert (b"An abbreviation expanded by the translator: Foreign Ministry; "
            b"as written: FM.") in page


def test_a_tei_examples_blocks_are_lines_of_their_own_in_both_media(tmp_path: Path) -> None:
    """An egXML's <head> and <p> (teic-stylesheets-test.xml): two lines, in the page (the
    fallback of html_fallback.xsl) and in print (print_core.xsl), not "origvoro"."""
    path = tmp_path / "glued.xml"
    path.write_text(_OTHER_TEI, encoding="utf-8")
    outputs = site_outputs(read_documents([path]), Edition())
    [page] = [data for name, data in outputs.items() if name.startswith("documents/")]
    assert page_words(page)["orig"] == 1 and page_words(page)["voro"] == 1
    assert b'orig</div><div class="tei-p">v<span class="tei-ex">oro' in page
    html = prepare([path]).html
    assert '<div class="eg-head">Choice,' in html
    assert 'orig</div><div class="eg-p">v<span class="eg-ex">oro</span> þav</div>' in html

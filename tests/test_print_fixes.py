"""Print fixes after issue 14's merges (xslt/print/, tei_edition/pdf): ids unique in the
print HTML where interventions of one kind nest, footnotes numbered among footnotes only
(a note printed where it stands does not count), a sourceDoc's interventions in the
apparatus as the text's are, and a volume's document numbers running on where a document
is left out at the layout.
"""

from __future__ import annotations

import collections
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tei_edition import pdf
from tei_edition.cli import cli
from tei_edition.metadata import read_metadata
from tests.conftest import SHARED, need_shared

REPO = Path(__file__).resolve().parent.parent
TRANSCRIPTION = REPO / "tests" / "fixtures" / "modules" / "transcription.xml"
SAMPLES = SHARED / "samples" / "tei"
SGA = SAMPLES / "sga"
XHTML = {"h": "http://www.w3.org/1999/xhtml"}


# Interventions of one kind inside each other, an inline and a margin note before and
# between two footnotes, a sourceDoc with additions (one inside another) and a deletion.
# (Written by the tests, not kept in tests/fixtures: the word coverage reads every file
# there, and this one is made for the ids and numbers, not for the words.)
NESTED = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="nested" xml:lang="en">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>Nested interventions and notes in place</title></titleStmt>
      <publicationStmt><p>A test fixture of tei-edition.</p></publicationStmt>
      <sourceDesc><p>Invented.</p></sourceDesc>
    </fileDesc>
  </teiHeader>
  <sourceDoc>
    <surface n="f. 1r">
      <zone>
        <line>leafword <add place="above">abovesource</add> and <del>struckinsource</del></line>
        <line>second <add>outeradd <add>inneradd</add></add> line</line>
      </zone>
    </surface>
  </sourceDoc>
  <text>
    <body>
      <p xml:id="p1">Alpha <supplied reason="lost">outer <supplied reason="lost">inner</supplied>
        words</supplied> and <supplied reason="lost">after</supplied>.</p>
      <p xml:id="p2">Beta<note place="inline">an inline remark</note>
        gamma<note place="foot">firstfoot</note>
        delta<note place="margin">a margin remark</note> epsilon<note place="foot">secondfoot</note>
        and <add place="above">textadd</add> <del>textdel</del>.</p>
    </body>
  </text>
</TEI>"""


@pytest.fixture
def fixture(tmp_path: Path) -> Path:
    path = tmp_path / "nested-and-notes.xml"
    path.write_text(NESTED, encoding="utf-8")
    return path


def _print_html(*paths: Path, **kwargs: object) -> etree._Element:
    return etree.fromstring(pdf.prepare(list(paths), **kwargs).html.encode("utf-8"))  # type: ignore[arg-type]


def _repeated_ids(html: etree._Element) -> list[str]:
    counts = collections.Counter(el.get("id") for el in html.iter() if el.get("id"))
    return sorted(k for k, n in counts.items() if n > 1)


def test_nested_interventions_of_one_kind_have_ids_of_their_own(fixture):
    """As in the HTML edition: the inner one is its outer's id and its depth, "-in1"."""
    html = _print_html(fixture)
    assert _repeated_ids(html) == []
    supplied = [el.get("id") for el in html.iterfind(".//h:span", XHTML)
                if "ed-supplied" in (el.get("class") or "").split() and el.get("id")]
    assert supplied == ["nested-ed-supplied-1", "nested-ed-supplied-1-in1",
                        "nested-ed-supplied-3"]
    # every entry of the apparatus points at an id the text has
    ids = {el.get("id") for el in html.iter()}
    targets = [a.get("href")[1:] for a in html.iterfind(".//h:a[@class='ap-page']", XHTML)]
    assert targets and all(t in ids for t in targets)


@pytest.mark.parametrize("name", ["frus1894Nicaragua.xml", "teic-stylesheets-test.xml",
                                  "pushkin-boris-godunov.xml", "sga"])
def test_the_samples_print_html_has_no_repeated_id(name: str):
    path = need_shared(SAMPLES / name)
    if name == "sga":
        html = _print_html(path / "bl" / "bl-loan_ms_70_08.xml", include_root=path)
    else:
        html = _print_html(path)
    assert _repeated_ids(html) == []


def test_footnotes_are_numbered_among_footnotes(fixture):
    """An inline and a margin note stand where they are: the two footnotes are 1 and 2."""
    html = _print_html(fixture)
    notes = html.xpath(".//h:span[contains(@class, 'footnote')]", namespaces=XHTML)
    assert [(n.text, n.get("data-n")) for n in notes] == [("firstfoot", "1"),
                                                          ("secondfoot", "2")]
    assert [s.text for s in html.iterfind(".//h:span[@class='note-inline']", XHTML)] == [
        "an inline remark"]


def _apparatus(html: etree._Element) -> list[tuple[str, str]]:
    return [(" ".join("".join(e.xpath("h:span[@class='ap-where']//text()",
                                      namespaces=XHTML)).split()),
             " ".join("".join(e.xpath("h:span[@class='ap-lemma']//text()",
                                      namespaces=XHTML)).split()))
            for e in html.iterfind(".//h:li[@class='ap-entry']", XHTML)]


def test_a_sourcedoc_addition_is_in_the_apparatus_as_the_texts_are(fixture):
    html = _print_html(fixture)
    assert _apparatus(html) == [
        ("f. 1r, l. 1", "⟨abovesource⟩"),
        ("f. 1r, l. 2", "⟨outeradd ⟨inneradd⟩⟩"),
        ("¶ 1", "[outer [inner] words]"),
        ("¶ 1", "[after]"),
        ("¶ 2", "⟨textadd⟩")]
    # a deletion is struck through where it stands, in the sourceDoc as in the text
    assert [d.text for d in html.iterfind(".//h:del", XHTML)] == ["struckinsource", "textdel"]


def test_the_transcription_fixture_lists_its_sourcedoc_additions():
    """Its sourceDoc's two additions come first (the transcription is printed before the
    text), by surface and line; the text's two after them."""
    assert _apparatus(_print_html(TRANSCRIPTION)) == [
        ("f. 1r, l. 2", "⟨aboveword⟩"), ("f. 1r, l. 3", "⟨newword⟩"),
        ("Text", "⟨marginadd⟩"), ("Text", "⟨rightword⟩")]


# ------------------------------------------------------------------ a volume's numbers

THREE = [REPO / "xml" / "tei" / f"{n}.xml" for n in ("letter-1957-06-30", "note-1962-01-22",
                                                      "telegram-1955-07-18")]


def test_document_numbers_run_on_where_a_document_is_left_out_at_the_layout(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = THREE[1]
    marker = read_metadata(etree.parse(str(bad)), bad.stem).title
    real_layout = pdf.layout

    def layout(html, paper="a4"):  # type: ignore[no-untyped-def]
        if marker in html:
            raise AssertionError("Got ' \\n' between two lines")
        return real_layout(html, paper)

    monkeypatch.setattr(pdf, "layout", layout)
    out = tmp_path / "volume.pdf"
    result = CliRunner().invoke(cli, ["pdf", *map(str, THREE), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert f"{bad}: error [not-printed]" in result.output
    from pypdf import PdfReader

    text = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert re.findall(r"Document \d+", text) == ["Document 1", "Document 2"]
    # the contents number them so too
    contents = text[:text.index("Document 1")]
    assert "3" not in re.findall(r"\b\d\b", contents.split("Contents", 1)[-1])[:2]

"""The encoder builds one TEI tree and serialises it once (tei_edition/encoder/pipeline.py).

``Encoded.tree`` is the tree the bytes were serialised from, and it holds what parsing the
bytes gives back (values from edition.toml and the command line as a parser reads them);
the paragraph ids are attributes of that tree; the layout of the header and the body is
the tree's, the odd empty forms the encoder has always written included; a body whose
endnotes are read again leaves nothing of its first reading behind.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tei_edition.cli import cli
from tei_edition.edition import Edition
from tei_edition.encoder.pipeline import encode_text
from tei_edition.errors import InputError
from tei_edition.readers import ReaderOptions
from tei_edition.tei import NS, canonical, parse_bytes, serialize, tei, xml_attr

HEAD = "**May 1, 1960**\n**Cable from the Consulate**\n"
XML_ID = xml_attr("id")


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


def x(tree, path: str):
    return tree.xpath(path, namespaces=NS)


def test_the_tree_is_what_the_bytes_hold() -> None:
    """Line ends and tabs of edition.toml and of a label go into the tree as a parser reads
    them from the bytes: the tree and the parsed bytes are the same document."""
    edition = Edition(publisher="Smith\r\n& Sons\r<Press>", licence="CC\tBY",
                      licence_url="https://x.org/\t?a=1&b=\"2\"\r\nc")
    text = (HEAD + "**Citation:**\nA, PRC FMA 118-01154-06, 3. Translated by Li & Wang.\n"
            "**Key\twords:**\na; b\n\nThe sheets arrived on Tuesday and were filed.\n")
    encoded = encode_text(text, "t.txt", edition=edition)
    tree = encoded.tree
    assert tree.tag == tei("TEI") and tree.getparent() is None
    assert [child.tag for child in tree] == [tei("teiHeader"), tei("text")]
    assert serialize(tree) == encoded.data
    assert canonical(parse_bytes(encoded.data).getroot()) == canonical(tree)
    assert x(tree, "string(//tei:publisher)") == "Smith\n& Sons\n<Press>"
    assert x(tree, "string(//tei:licence/@target)") == 'https://x.org/ ?a=1&b="2" c'
    assert x(tree, "string(//tei:notesStmt/tei:note/@n)") == "Key words"
    data = encoded.data.decode()
    assert "<publisher>Smith\n&amp; Sons\n&lt;Press&gt;</publisher>" in data
    assert ('<licence target="https://x.org/ ?a=1&amp;b=&quot;2&quot; c">CC\tBY</licence>'
            in data)
    assert ("<bibl>A, <idno type=\"archival\">PRC FMA 118-01154-06</idno>, "
            "<citedRange unit=\"page\">3</citedRange>. <respStmt><resp>Translated by</resp> "
            "<name>Li &amp; Wang</name></respStmt>.</bibl>").replace(
                "<bibl>", '<bibl type="citation">') in data


def test_each_paragraph_has_its_id_in_document_order() -> None:
    text = (HEAD + "**Contents:**\n"
            "To the Ministry of Foreign Affairs:\nThe first paragraph of the cable.\n"
            "The second paragraph, of some length too.\nConsulate in Harbin\n1 May 1960\n"
            "Dear Comrade,\nWe thank you for the kind reception of our delegation.\n"
            "Li Daoming\n30 April 1960\n")
    encoded = encode_text(text, "t.txt")
    paragraphs = list(encoded.tree.iter(tei("p")))
    body = [p for p in paragraphs if x(p, "ancestor::tei:text")]
    assert len(body) >= 3
    assert [p.get(XML_ID) for p in body] == [f"p{n}" for n in range(1, len(body) + 1)]
    assert x(encoded.tree, "//tei:teiHeader//tei:p/@xml:id") == []
    assert encoded.data.count(b'<p xml:id="p') == len(body)


def test_an_empty_div_gets_a_numbered_paragraph() -> None:
    encoded = encode_text(HEAD + "URGENT\nTo: Harbin\n", "t.txt")
    assert x(encoded.tree, "//tei:div/tei:p/@xml:id") == ["p1"]
    assert b'<p xml:id="p1"/>' in encoded.data


@pytest.mark.parametrize(("fields", "expected"), [
    # a signature and only an unknown original language: an msContents open and closed
    ("**Citation:**\nA, PRC FMA 118-01154-06\n**Original Language:**\nKlingon\n",
     "<msContents>\n          </msContents>"),
    # a Citation without words
    ("**Citation:**\n**Summary:**\nfoo\n", '<bibl type="citation"></bibl>'),
    # a Source that is a URL only: its words are the space before the ptr
    ("**Source:**\n<https://e.org/a&b>\n",
     '<bibl type="source"> <ptr target="https://e.org/a&amp;b"/></bibl>'),
])
def test_the_empty_forms_are_written_as_they_always_were(fields: str, expected: str) -> None:
    encoded = encode_text(HEAD + fields + "\nThe body of the cable, a sentence.\n", "t.txt")
    assert expected in encoded.data.decode()
    assert serialize(encoded.tree) == encoded.data


def test_endnotes_read_again_leave_one_text() -> None:
    """An endnote whose anchor the bracket rules did not take (inside brackets nested too
    deep) is kept at the end, with its number (issue 13; it was a body line before): the
    body is built a second time, and the first is dropped
    whole (not timed: taking it out of a TEI element would cost time quadratic in its
    size, which bench/encode_scaling.py would show)."""
    body = "The sheets [[[[[deep [1]]]]]] here." + " [...]" * 20_000 + "\n[1] Not in the file.\n"
    encoded = encode_text(HEAD + "**Contents:**\n" + body, "t.txt")
    assert len(x(encoded.tree, "//tei:text")) == 1
    assert x(encoded.tree, "//tei:body//tei:p/@xml:id") == ["p1"]
    assert x(encoded.tree, "string(//tei:note[@place='end'][@n='1'][@anchored='false'])"
             ) == "Not in the file."
    assert x(encoded.tree, "count(//tei:gap)") == 20_000
    assert encoded.data.count(b"<text ") == 1


def test_a_header_option_xml_cannot_hold_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        encode_text("Notes of the meeting.\n", "notes.txt", reader="plain",
                    options=ReaderOptions(title="Notes \x01"))
    assert str(caught.value) == ("notes.txt: the title given (--title) holds U+0001 "
                                 "(a control character), which XML cannot hold")
    out = tmp_path / "notes.xml"
    result = CliRunner().invoke(cli, ["encode", "-", "--from", "plain", "--language", "z\x0bh",
                                      "-o", str(out)], input=b"Notes of the meeting.\n")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "--language" in lines[0] and "U+000B (vertical tab)" in lines[0]
    assert not out.exists()

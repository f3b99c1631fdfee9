"""Footnotes in every layout the exports have (issue 13): endnotes over several lines,
endnotes no anchor points to (the superscript lost: ``KOWALSKI1``), a bracketed endnote.
Each document here is invented; each is exported back exactly."""

from __future__ import annotations

from lxml import etree

from tei_edition.encoder.pipeline import encode_text
from tei_edition.export import export_tree
from tei_edition.tei import NS

HEAD = "**March 3, 1962**\n**Ciphergram from Havana**\n**Contents:**\n"


def encoded(body: str):
    text = HEAD + body
    result = encode_text(text, "t.txt")
    assert export_tree(result.tree) == text
    return result


def x(tree: etree._Element, path: str) -> list:
    return tree.xpath(path, namespaces=NS)


def test_an_endnote_over_two_lines_is_one_note_with_a_line_break():
    result = encoded("We rejected the proposition;[1] and left.\n"
                     "[1] It is not clear what he refers to, but most likely to the\n"
                     "talks of May.\n")
    note = x(result.tree, "//tei:note[@place='foot']")[0]
    assert note.get("n") == "1"
    assert etree.tostring(note, encoding="unicode", with_tail=False).endswith(
        "to the<lb/>talks of May.</note>")


def test_endnotes_without_anchors_stay_at_the_end_with_their_numbers():
    body = ("To: KOWALSKI1\nFrom: [Ambassador Jan] NOWAK2\nThe talks went well.\n"
            "[1] An official of the Foreign Ministry.\n[2] Ambassador to Cuba.\n")
    result = encoded(body)
    notes = x(result.tree, "//tei:div/tei:note[@place='end']")
    assert [(n.get("n"), n.get("anchored"), n.text) for n in notes] == [
        ("1", "false", "An official of the Foreign Ministry."),
        ("2", "false", "Ambassador to Cuba.")]
    assert notes[-1].getparent()[-1] is notes[-1]  # the last of the div
    assert [str(d) for d in result.reviews] == [
        "t.txt:4:5: note [bracket-review] endnote [1] is kept at the end, since no [1] in "
        "the text points to it; its anchor may be the 1 of 'KOWALSKI1' (a superscript the "
        "export lost)",
        "t.txt:5:24: note [bracket-review] endnote [2] is kept at the end, since no [2] in "
        "the text points to it; its anchor may be the 2 of 'NOWAK2' (a superscript the "
        "export lost)"]
    assert not x(result.tree, "//tei:p[contains(., 'Foreign Ministry')]")


def test_from_the_last_endnote_back_the_first_without_an_anchor_stays_with_those_before():
    result = encoded("A point[2] made.\n[1] Lost anchor.\n[2] Found anchor.\n")
    assert x(result.tree, "//tei:note[@place='foot']/@n") == ["2"]
    assert x(result.tree, "//tei:note[@place='end']/@n") == ["1"]


def test_a_bracketed_endnote_is_read_by_the_rules():
    result = encoded("They left.[3]\n[3] [The delegation left on the 5th—ed.]\n")
    note = x(result.tree, "//tei:note[@place='foot'][@n='3']")[0]
    assert x(note, "string(tei:note[@type='editorial'])") == "The delegation left on the 5th—ed."


def test_a_line_after_the_endnotes_that_begins_a_sentence_is_not_carried_on():
    """A signature line after the notes (a capital, after a line that ends a sentence)
    is no continuation: no endnote block, the lines stay the body's."""
    result = encoded("He came.[1]\n[1] An aside.\nZhou Enlai\n")
    assert not x(result.tree, "//tei:note[@n]")

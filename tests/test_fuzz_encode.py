"""Fuzzing the way in (hypothesis): the readers and the bracket rules on generated input.

Every input either encodes to TEI that parses, is valid against ``schemas/tei_edition.rng``
and exports back to the source (white space collapsed), or raises InputError whose line
lies inside the input; no other exception, and at most MAX_WARNINGS warnings and one
count. Beside ``test_roundtrip_properties.py`` (documents assembled from the format's
known parts, and arbitrary text) and ``test_editorial_properties.py`` (the rules on
assembled inline text, at the level of :func:`encode_inline`), this file generates what
those choose among fixed strings: the content of each bracket, the ``**`` labels, the
header values; it puts control characters, line ends of every kind and unicode in them,
and feeds the bytes entry point invalid UTF-8.

The same properties run for longer in ``bench/fuzz/encode.py`` (``--minutes 10``).
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tei_edition.encoder.brackets.encode import MAX_WARNINGS
from tei_edition.encoder.pipeline import encode_bytes
from tei_edition.errors import InputError
from tei_edition.export import export_tree

REPO = Path(__file__).resolve().parent.parent

#: A few hundred examples in all in CI; TEI_EDITION_EXAMPLES=2000 for a long local run.
EXAMPLES = int(os.environ.get("TEI_EDITION_EXAMPLES", "80"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@functools.cache
def project_schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(REPO / "schemas" / "tei_edition.rng")))


# ---------------------------------------------------------------------------------------
# Generators. Words are generated (letters of several scripts, capitalised or not); the
# vocabulary the rules key on (stamp, illegible, sic, ?, dots) is mixed in as fragments, so
# that the generated contents reach every rule, in every combination, with noise around.

_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéüßøčłžÁÉÖ"
_SCRIPTS = "ЖщΩλ中文한국ـعـ"
_word = st.text(st.sampled_from(_LETTERS + _SCRIPTS), min_size=1, max_size=10)
capitalised = _word.map(lambda w: w[:1].upper() + w[1:])
_number = st.integers(0, 999).map(str)
#: What the rules look for in a bracket and before it (fragments, not whole brackets).
CUES = st.sampled_from([
    "...", "…", ".", "?", "sic", "illegible", "unreadable", "signature", "signed", "initials",
    "stamp", "seal", "faded", "handwritten", "handwriting", "in handwriting", "emphasis",
    "in the original", "page", "note:", "translator's note", "continued", "not translated",
    "the", "of", "he", "ambassador", "Comrade", "Cde.", "Mr.", ":", "-", "'", "’s",
    # the cues of issue 13's rules: withheld text, remarks, the original's wording
    "not declassified", "withheld", "trans. note--", "not further identified",
    "codename for", "—ed.", "– SIC", "KSČ", "Chairman", "wife", ";"])
_PUNCT = st.sampled_from(list(",.;:!?()\"'“”«»-–—/…*"))
#: White space of every kind a source may hold: those XML keeps, the Unicode ones, and
#: the control characters (which the encoder refuses: the error must point inside).
_SPACE = st.sampled_from([" ", " ", "  ", "\t", "\n", "\r\n", "\r", "\u00a0", "\u2003",
                          "\u2028", "\x0b", "\x0c", "\x1c", "\x85", "\x00", "\x07", "\x7f"])
_ANY_CHAR = st.characters(blacklist_categories=("Cs",))


def bracket(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A bracket with generated content: ``[`` content ``]``, or left open, or doubled."""
    return st.tuples(st.sampled_from(["[", "[", "[", "[[", "["]), inner,
                     st.sampled_from(["]", "]", "]", "]]", ""])).map("".join)


def bracket_contents(*extra: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """The content of a bracket: generated words and cues, nested brackets (a few levels);
    ``extra`` adds leaves (the campaign here adds any character at all; the round-trip
    properties, which need a source that encodes, add none)."""
    return st.recursive(
        st.lists(st.one_of(_word, capitalised, CUES, _number, _PUNCT, st.just(" "), *extra),
                 max_size=8).map(" ".join),
        lambda inner: st.lists(st.one_of(_word, capitalised, CUES, st.just(" "),
                                         bracket(inner)), max_size=6).map("".join),
        max_leaves=12)


content = bracket_contents(_ANY_CHAR)

#: Inline text: words and brackets side by side, stray brackets, footnote anchors.
inline = st.lists(st.one_of(
    _word, capitalised, CUES, _PUNCT, _number, st.just(" "), st.just(" "),
    bracket(content), st.sampled_from(["[", "]", "[1]", "[2]"]),
), max_size=25).map(lambda parts: "".join(p if p in "[]" else p + " " for p in parts))

_label = st.text(st.sampled_from(_LETTERS + " *:|-" + _SCRIPTS), min_size=1, max_size=14)


@st.composite
def wilson_like(draw: st.DrawFn) -> str:
    """A source in (or near) the Wilson layout: bold lines, ``**Label:**`` fields with
    generated labels and values, Contents, body lines of inline text, endnotes."""
    lines: list[str] = []
    if draw(st.booleans()):
        lines.append("**" + draw(st.one_of(st.sampled_from(["April 25, 1962", "1950"]),
                                           _label)) + "**")
    if draw(st.booleans()):
        lines.append("**'" + draw(inline) + "'**")
    for _ in range(draw(st.integers(0, 3))):
        label = draw(st.one_of(st.sampled_from(["Citation", "Summary", "Source",
                                                "Original Language", "Rights"]), _label))
        lines.append(f"**{label}:**" + draw(st.sampled_from(["", " ", "\n"]))
                     + draw(inline))
    if draw(st.booleans()):
        lines += ["**Contents:**", draw(st.sampled_from(["Translation - English", "Original Scan",
                                                         "English Translation", ""]))]
    lines += draw(st.lists(inline, max_size=6))
    if draw(st.booleans()):
        lines.append("[1] " + draw(inline))
    joiner = draw(st.sampled_from(["\n", "\n\n", "\r\n"]))
    text = joiner.join(lines)
    # noise: white space and control characters in random places
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(_SPACE) + text[at:]
    return text


def _to_bytes(text: str) -> bytes:
    return text.encode("utf-8")


#: Bytes as a file may hold them: UTF-8 of a source, with a byte order mark, or broken
#: (a lone continuation byte, a truncated sequence, an encoded surrogate, Latin-1).
_BAD_BYTES = st.sampled_from([b"\xff", b"\x80", b"\xc3", b"\xe2\x80", b"\xed\xa0\x80",
                              b"\xe9", b"\xf0\x9f\x98", b"\x00", b"\xef\xbb\xbf"])


@st.composite
def source_bytes(draw: st.DrawFn) -> bytes:
    data = _to_bytes(draw(st.one_of(wilson_like(), inline)))
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2]))):  # most sources decode
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(_BAD_BYTES) + data[at:]
    return data


# ---------------------------------------------------------------------------------------
# The property, shared with bench/fuzz/encode.py.


def _lines_in(data: bytes) -> int:
    return len(re.split(rb"\r\n|\r|\n", data))


def check_source(data: bytes, reader: str) -> str:
    """Encode ``data`` with ``reader``; assert the property. Returns ``"encoded"`` or the
    InputError's code (for the campaign's figures)."""
    try:
        result = encode_bytes(data, "fuzz.txt", reader=reader)
    except InputError as exc:
        line = exc.location.line if exc.location else None
        if line is None:
            assert exc.code in ("empty", "too-large"), (exc.code, exc.message)
        else:
            assert 1 <= line <= _lines_in(data), (line, _lines_in(data), exc.message)
        return exc.code
    tree = etree.fromstring(result.data)  # the bytes parse on their own
    schema = project_schema()
    assert schema.validate(tree), (str(schema.error_log), result.data.decode())
    text = data.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    exported = export_tree(tree)
    assert exported.split() == text.lstrip("\ufeff").split(), (exported, text)
    assert len(result.diagnostics) <= MAX_WARNINGS + 1
    n_lines = text.count("\n") + 1
    for d in result.diagnostics:
        if d.code == "too-many-warnings":
            assert d is result.diagnostics[-1] and len(result.diagnostics) == MAX_WARNINGS + 1
        else:
            assert d.level == "warning" and 1 <= (d.location.line or 0) <= n_lines, d
    assert result.warnings >= len(result.diagnostics)
    return "encoded"


# ---------------------------------------------------------------------------------------
# The tests (a few hundred examples in all).


@SETTINGS
@given(source_bytes())
def test_the_wilson_reader_on_generated_sources(data: bytes) -> None:
    check_source(data, "wilson")


@SETTINGS
@given(source_bytes())
def test_the_plain_reader_on_generated_sources(data: bytes) -> None:
    check_source(data, "plain")


@SETTINGS
@given(st.lists(inline, min_size=1, max_size=4).map("\n".join))
def test_the_bracket_rules_on_generated_contents(body: str) -> None:
    """The body alone (plain reader): every bracket's content is generated, and every rule
    must give valid TEI that exports back."""
    check_source(body.encode("utf-8"), "plain")


# ---------------------------------------------------------------------------------------
# What the campaign found (bench/fuzz/encode.py), each kept as a regression test.


def test_an_endnote_with_two_anchors_is_a_footnote_once_and_exports_once() -> None:
    """Found by the campaign: ``[1]`` twice before the endnote ``[1] A`` made two footnotes,
    and the export wrote the endnote twice (a thousand anchors copied its text a thousand
    times). The first anchor takes the endnote; the second is a number supplied (rule 11)."""
    data = b"**Citation:**A \n[1] \n[1] \n[1] A "
    assert check_source(data, "wilson") == "encoded"
    result = encode_bytes(data, "fuzz.txt")
    notes = result.tree.findall(".//{http://www.tei-c.org/ns/1.0}note[@place='foot']")
    assert [(n.get("n"), n.text) for n in notes] == [("1", "A")]
    assert export_tree(result.tree).split() == ["**Citation:**A", "[1]", "[1]", "[1]", "A"]
    assert check_source(b"**Citation:**\n**Citation:**[1] \n[1] \n[1] A ", "plain") == \
        "encoded"


def test_a_label_with_a_tab_keeps_its_field_in_the_export() -> None:
    """Found by the campaign: ``** \\tCitation:**`` lost its field in the export: the note's
    @n holds the label as a parser reads an attribute (the tab a space), the layout record
    holds it as written, and the export compared the two as they were."""
    data = b" **\tCitation:**\n**Citation:**\n**Citation:**"
    assert check_source(data, "wilson") == "encoded"
    result = encode_bytes(data, "fuzz.txt")
    assert export_tree(result.tree).split("\n")[:3] == ["**\tCitation:**", "**Citation:**",
                                                       "**Citation:**"]

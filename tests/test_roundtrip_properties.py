"""Properties (hypothesis): random documents in the Wilson layout, and arbitrary text.

1. A document assembled at random from the format's parts (header fields in any order,
   known and unknown, opener lines, paragraphs with every kind of bracket, lists, closers,
   postscripts, enclosures, endnotes; spaced or compact) encodes to TEI valid against
   tei_all and exports back to the same text (white space collapsed).
2. Arbitrary text either encodes (to valid TEI that exports back) or fails with an
   InputError whose line lies inside the input.
"""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tei_edition.encoder.pipeline import encode_text
from tei_edition.encoder.source import decode_source
from tei_edition.errors import InputError
from tei_edition.export import export_tree
from tei_edition.tei import serialize
from tests.test_fuzz_encode import CUES, bracket, bracket_contents, capitalised

#: Modest by default; TEI_EDITION_EXAMPLES=2000 for a long local run.
SETTINGS = settings(max_examples=int(os.environ.get("TEI_EDITION_EXAMPLES", "60")), deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])

WORDS = ("the commission border maps survey sheets delegation river islands minutes report "
         "agreed sent received Harbin Moscow Beijing Comrade Ministry ambassador herdsmen "
         "posts of and to in on with by for was were will be has").split()
#: A bracket in a sentence: its content generated (tests/test_fuzz_encode.py's generators:
#: words of several scripts, the cues the rules key on, nested brackets), closed, left open
#: or doubled; standing alone, or glued to a word as an expansion (``F[oreign]``) is. Some
#: contents are cues alone or side by side (``[sic]``, ``[emphasis in the original]``,
#: ``[stamp ?]``) and some generated names (``[Qirél Žu]``), so that the rules keyed on a
#: whole content (sic, remark; gloss and identification: a name) are reached as often as
#: the generated words reach the others.
BRACKET = bracket(st.one_of(CUES, st.lists(CUES, min_size=2, max_size=3).map(" ".join),
                            st.lists(capitalised, min_size=1, max_size=3).map(" ".join),
                            bracket_contents()))
DATES = ["April 25, 1962", "March 7, 1960", "September 28, 1950", "July 1, 1972"]
CLOSER_DATES = ["25 April 1962", "13.1.51", "5 May", "Budapest, 1972 July 1.",
                "16 February through 24 March 1960", "1 October 1957"]


@st.composite
def sentence(draw: st.DrawFn, brackets: bool = True) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=18))
    if brackets:
        for _ in range(draw(st.integers(0, 3))):
            at = draw(st.integers(0, len(words) - 1))
            glue = draw(st.sampled_from(["apart", "apart", "before", "after"]))
            if glue == "apart":
                words.insert(at, draw(BRACKET))
            elif glue == "before":
                words[at] = draw(BRACKET) + words[at]
            else:
                words[at] = words[at] + draw(BRACKET)
    words[0] = words[0].capitalize()
    return " ".join(words) + draw(st.sampled_from([".", ".", "?", ":", "", ";"]))


@st.composite
def field(draw: st.DrawFn) -> list[str]:
    label = draw(st.sampled_from(["Citation", "Summary", "Credits", "Original Language",
                                  "Source", "Keywords", "Rights", "Summary"]))
    if label == "Citation":
        value = [f'"Cable", {draw(st.sampled_from(DATES))}, Wilson Center Digital Archive, '
                 f"PRC FMA {draw(st.integers(100, 999))}-01154-06, "
                 f"{draw(st.integers(1, 99))}. Translated by Lin Meihua.",
                 f"<https://digitalarchive.example.org/document/{draw(st.integers(1, 10**6))}>"]
    elif label == "Source":
        value = [draw(st.sampled_from([
            "PRC FMA 118-01082-04, 60. Translated by Charles Kraus.",
            "APRF, Fond 45, Opis 1, Delo 336, List 122",
            "Survey Office file 12, 4-6."]))]
    elif label == "Credits":
        value = [draw(st.sampled_from([
            "This document was made possible with support from Example Foundation",
            "This document was made possible with support from A Fund and B Foundation",
            "Funded in part by the Example Trust."]))]
    elif label == "Original Language":
        value = [draw(st.sampled_from(["Chinese", "Russian", "English", "Russian, Chinese",
                                       "Klingon"]))]
    else:
        value = draw(st.lists(sentence(brackets=False), min_size=0, max_size=2))
    return [f"**{label}:**", *value]


@st.composite
def body_line(draw: st.DrawFn) -> list[str]:
    kind = draw(st.sampled_from(["p", "p", "p", "list", "opener", "closer", "gap", "quote",
                                 "physical", "salute"]))
    if kind == "p":
        return [draw(sentence())]
    if kind == "list":
        marker = draw(st.sampled_from(["{}) ", "({}) ", "{} - ", "- "]))
        return [marker.format(i + 1) + draw(sentence())
                for i in range(draw(st.integers(2, 4)))]
    if kind == "opener":
        return [draw(st.sampled_from([
            "To: Wulumqi [Urumqi] [...]", "Level: Extremely Urgent", "No. (61) 561", "URGENT",
            "TOP SECRET!", "Copies: Stalin (2), Molotov.", "Subject: the border", "JOURNAL",
            "From BEIJING No. 1309 20 hours 05", "minutes, 13.1.1951",
            "Produced in 4 copies for:"]))]
    if kind == "closer":
        return draw(st.lists(st.sampled_from([
            "Ministry of Foreign Affairs", "[signature]", "(A. Gromyko)", "Devotedly yours,",
            "Pyongyang", *CLOSER_DATES, "13.1.51 ROSHCHIN", "Five copies printed"]),
            min_size=1, max_size=4))
    if kind == "gap":
        return ["[...]"]
    if kind == "quote":
        return ['"' + draw(sentence()), draw(sentence()) + '"']
    if kind == "physical":
        return draw(st.sampled_from([["[handwritten:]"], ["[stamp: Received", "5 May 1960]"],
                                     ["USSR EMBASSY [faded TOP SECRET", "Copy No 3]"]]))
    return [draw(st.sampled_from(["Dear Comrade,", "[To] Comrade Xu Huang:",
                                  "To the Ministry of Foreign Affairs:", "Dear Cde."]))]


@st.composite
def wilson_document(draw: st.DrawFn) -> str:
    parts: list[list[str]] = []
    if draw(st.booleans()):
        parts.append([f"**{draw(st.sampled_from(DATES))}**"])
    if draw(st.booleans()) or not parts:
        title = draw(sentence(brackets=False))
        if draw(st.booleans()):
            cut = title.find(" ", len(title) // 2)
            if cut > 0:
                title = title[:cut] + "  \n" + title[cut + 1:]
        parts.append([f"**'{title}'**"])
    parts += draw(st.lists(field(), max_size=5))
    contents = draw(st.booleans())
    if contents:
        parts.append(["**Contents:**", *draw(st.lists(st.sampled_from(
            ["Translation - English", "Original Scan", "Chinese Transcription"]),
            max_size=2))])
    body = [line for block in draw(st.lists(body_line(), min_size=1 if contents else 0,
                                            max_size=10)) for line in block]
    if not contents and body and parts[-1][0].startswith("**") and parts[-1][-1].endswith(":**"):
        body = []  # a last field without a value would take the first body line
    notes = []
    if body and draw(st.booleans()):
        # an endnote whose anchor is [1], a digit glued to a word (the superscript lost),
        # or none; or one over two lines
        form = draw(st.sampled_from(["anchored", "glued", "lost", "two lines"]))
        body[0] += {"anchored": "[1]", "glued": "1", "two lines": "[1]"}.get(form, "")
        notes = ["[1] " + draw(sentence(brackets=False))]
        if form == "two lines":
            notes.append(draw(sentence(brackets=False)).lower())
    lines = [line for part in parts for line in part] + body + notes
    spaced = draw(st.booleans())
    lead = "\n" * draw(st.integers(0, 3))
    return lead + ("\n\n" if spaced else "\n").join(lines) + "\n"


@SETTINGS
@given(wilson_document())
def test_random_documents_are_valid_and_export_back(tei_all, text: str) -> None:
    result = encode_text(text, "random.txt")
    if not tei_all.validate(etree.ElementTree(result.tree)):
        errors = "; ".join(f"{e.line}: {e.message}" for e in tei_all.error_log)
        pytest.fail(f"not valid: {errors}\n{result.data.decode()}")
    assert serialize(result.tree) == result.data  # the bytes are what lxml writes
    exported = export_tree(result.tree)
    assert exported.split() == text.split(), exported
    for diagnostic in result.diagnostics:
        assert 1 <= (diagnostic.location.line or 0) <= text.count("\n") + 1


FORMAT_CHARS = list("ab Z*[]:.-1()\"'\n\n\t") + ["**", "**Contents:**\n", "[...]", "\r"]


@SETTINGS
@given(st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(FORMAT_CHARS), max_size=120).map("".join),
    st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
))
def test_arbitrary_text_encodes_or_fails_inside_the_input(tei_all, text: str) -> None:
    n_lines = len(re.split(r"\r\n|\r|\n", text))
    data = text.encode("utf-8", "surrogatepass")
    for reader in ("wilson", "plain"):
        try:
            result = encode_text(decode_source(data, "any.txt"), "any.txt", reader=reader)
        except InputError as exc:
            line = exc.location.line if exc.location else None
            if line is None:
                assert exc.code in ("empty", "too-large"), exc.message
            else:
                assert 1 <= line <= n_lines, (line, n_lines, exc.message)
            continue
        assert tei_all.validate(etree.ElementTree(result.tree)), tei_all.error_log
        assert serialize(result.tree) == result.data
        normalised = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
        assert export_tree(result.tree).split() == normalised.split()


@pytest.mark.parametrize("line", ["[.]", "[\t...]", "[.….]", "[. . .]", "[...]", "[..]"])
def test_a_line_that_is_one_bracket_of_dots(tei_all, line: str) -> None:
    """A line that is one bracket of dots is a gap where a paragraph would stand only when
    editorial rule 1 reads it as an omission; otherwise ("[.]", a supplied full stop) it is a
    paragraph. Found by the property test above: "[.]" put a supplied into the div."""
    text = ("The ministry wrote to the embassy about the border.\n\n" + line
            + "\n\nThe embassy answered on the same day.")
    result = encode_text(decode_source(text.encode(), "any.txt"), "any.txt", reader="plain")
    assert tei_all.validate(etree.ElementTree(result.tree)), tei_all.error_log
    div = result.tree.find(".//{http://www.tei-c.org/ns/1.0}div")
    kinds = [child.tag.split("}")[1] for child in div]
    omitted = line not in ("[.]", "[\t...]", "[.….]")
    assert kinds == (["p", "gap", "p"] if omitted else ["p", "p", "p"]), kinds
    assert export_tree(result.tree).split() == text.split()

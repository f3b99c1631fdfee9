"""Property tests of the bracket rules: any text encodes, exports back exactly, gives valid
TEI, and every warning points at a bracket inside the input."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tei_edition.encoder.brackets.encode import InlineContext, Span, encode_inline
from tei_edition.encoder.brackets.scan import physical_block_end
from tei_edition.export import inline_source
from tei_edition.tei import TEI_NS, element

SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

WORDS = ["the", "memorandum", "and", "of", "ambassador", "Chairman", "he", "said", "To", "Comrade",
         "Office", "Central", "Committee", "received", "recieved", "Nº", "F", "M", "oreign"]
NAMES = ["Wulumqi", "Urumqi", "Yili", "Ili", "Pak Seong-cheol", "Pak Song Chol", "Chervonenko",
         "Stepan Chervonenko", "Mao Zedong", "Li", "Fuchun", "N. P. Varnov", "Kádas", "Xu Huang"]
PUNCT = [",", ".", ":", ";", "!", "?", "'", '"', "(", ")", "/", "-", "’", "…"]
SPACES = [" ", " ", " ", "  ", "\t", "\n", ""]
BRACKETS = ["[...]", "[…]", "[.…]", "[….]", "[illegible]", "[illegible signature]", "[sic]",
            "[?]", "[1]", "[2]", "[208]", "[signature]", "[stamp: ", "[MFA stamp: Copy No 3]",
            "[handwritten: ", "[handwritten:", "[faded ", "[emphasis in the original]",
            "[underlined in the original]", "[", "]", "[[", "]]", "[]", "?]", "[the memorandum]",
            "[Chinese]", "[To]", "[Urumqi]", "[Ili]", "[Pak Song Chol]", "[Chervonenko]",
            "[Mao Zedong?]", "[oreign]", "[inistry]", "[The rest is torn.]"]

token = st.one_of(
    st.sampled_from(WORDS), st.sampled_from(NAMES), st.sampled_from(PUNCT),
    st.sampled_from(SPACES), st.sampled_from(BRACKETS),
)
assembled = st.lists(token, max_size=40).map("".join)

# Arbitrary text that XML can hold, rich in brackets and line breaks.
xml_chars = st.characters(
    blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"
) | st.sampled_from("[]\n\t ?.")
arbitrary = st.text(xml_chars, max_size=80)

footnotes = st.dictionaries(st.sampled_from(["1", "2", "3"]), assembled, max_size=2)


def encode(text: str, notes: dict[str, str], resp: str | None = None):
    ctx = InlineContext("p.txt", resp=resp, footnotes=notes)
    p = element("p")
    lines = text.split("\n")
    encode_inline(p, [Span(line, n, 1) for n, line in enumerate(lines, 1)], ctx)
    return p, ctx, lines


def check(text: str, notes: dict[str, str], resp: str | None = None):
    p, ctx, lines = encode(text, notes, resp)
    assert inline_source(p) == text
    for d in ctx.diagnostics:
        assert d.code == "unbalanced-bracket" and d.level == "warning"
        line, col = d.location.line, d.location.col
        if d.location.file == "p.txt" and line is not None and col is not None:
            assert 1 <= line <= len(lines)
            assert 1 <= col <= len(lines[line - 1])
            # a warning about a footnote's text points at its anchor "[n]"
            assert lines[line - 1][col - 1] in "[]"
    if not notes:
        # every "[" is an intervention, the doubling of one, or a warning: none is lost
        doubled = {"double-bracket": 1, "triple-bracket": 2, "quadruple-bracket": 3}
        extra = sum(doubled.get(el.get("rend") or "", 0) for el in p.iter())
        extra += sum(el.get("rend", "[").count("[") - 1 for el in p.iter()
                     if el.get("reason") == "omitted")
        opened = [d for d in ctx.diagnostics if not d.message.startswith('"]"')]
        assert text.count("[") == sum(ctx.counts.values()) + extra + len(opened)
    # the content is well-formed XML and survives serialisation
    again = etree.fromstring(etree.tostring(p))
    assert inline_source(again) == text
    return p, ctx


@SETTINGS
@given(assembled, footnotes, st.sampled_from([None, "#translator"]))
def test_assembled_text_round_trips(text, notes, resp):
    check(text, notes, resp)


@SETTINGS
@given(arbitrary, footnotes)
def test_arbitrary_text_round_trips(text, notes):
    check(text, notes)


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(assembled, footnotes)
def test_assembled_text_is_valid_tei(tei_all, text, notes):
    doc = etree.fromstring(f"""<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc>
      <titleStmt><title>t</title></titleStmt><publicationStmt><p>u</p></publicationStmt>
      <sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>
      <text><body><p/></body></text></TEI>""")
    p = doc[1][0][0]
    ctx = InlineContext("v.txt", resp="#translator", footnotes=notes)
    encode_inline(p, [Span(t, n, 1) for n, t in enumerate(text.split("\n"), 1)], ctx)
    assert tei_all.validate(doc), (text, str(tei_all.error_log))


@SETTINGS
@given(st.lists(assembled.map(lambda s: s.replace("\n", " ")), min_size=1, max_size=10),
       st.integers(min_value=0, max_value=9))
def test_physical_block_end_lies_within_six_lines_and_makes_a_clean_block(lines, start):
    start = min(start, len(lines) - 1)
    end = physical_block_end(lines, start)
    if end is None:
        return
    assert start < end < len(lines)
    block = lines[start:end + 1]
    p, ctx, _ = encode("\n".join(block), {})
    assert inline_source(p) == "\n".join(block)
    # a physical description that opens on the first line closes inside the block (another
    # one may stay open around it: "[stamp: [stamp: x]" warns about its first bracket only)
    unclosed = [d for d in ctx.diagnostics if d.location.line == 1
                and "physical description" in d.message]
    assert len(unclosed) < block[0].count("[")
    # and the block ends where one closes: its last line has a "]"
    assert "]" in block[-1]


@SETTINGS
@given(st.lists(st.sampled_from(WORDS + NAMES + PUNCT + SPACES + ["«", "“", "‘", "(", "]", "é"]),
                max_size=30).map("".join))
def test_the_word_and_letters_before_a_bracket_are_read_as_the_regex_search_reads_them(before):
    """word_before and letters_before read from the end back; a search of _WORD_BEFORE and
    _LETTERS_BEFORE (which try every place) must find the same."""
    from tei_edition.encoder.brackets.words import (
        _LETTERS_BEFORE,
        _WORD_BEFORE,
        letters_before,
        word_before,
    )

    word, letters = _WORD_BEFORE.search(before), _LETTERS_BEFORE.search(before)
    assert word_before(before) == (len(word.group()) if word else 0)
    assert letters_before(before) == (len(letters.group()) if letters else 0)


@SETTINGS
@given(st.lists(st.sampled_from(WORDS + NAMES + PUNCT + SPACES
                                + ["Mr.", "Cde.", "N.", "No.", "Dr.", ".”", ".)", "?]", "\n"]),
                max_size=30).map("".join))
def test_ends_sentence_finds_what_a_search_of_the_whole_text_finds(text):
    """``ends_sentence`` searches only the text's last characters (kept for its measured
    speed, issue 12): it must find what a search of the whole text finds."""
    from tei_edition.encoder.lines import _INITIAL_END_RE, _SENTENCE_END_RE, ends_sentence

    whole = bool(_SENTENCE_END_RE.search(text)) and not _INITIAL_END_RE.search(text)
    assert ends_sentence(text) == whole

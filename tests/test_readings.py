"""The editor stays in control (issue 13): review notes and an edition's readings.tsv.

- ``encode`` prints each reading whose evidence is weak as ``file:line:col: note
  [bracket-review] ...``, the summary counts them, ``encode --review`` prints only them
  (and the warnings about readings.tsv) and still writes the outputs;
- ``readings.tsv`` (file, the bracket's text, its occurrence among the brackets of that
  text, kind) fixes the reading of a given bracket, of that one only, and keeps it through
  edits elsewhere; an entry that matches no bracket is a warning at its row; a bad row is
  an error at its line and column, exit 1, and nothing is written;
- every forced kind exports back to the source byte for byte and is valid TEI.

The documents are invented.
"""

from __future__ import annotations

import re
from collections import Counter
from copy import deepcopy
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from tei_edition.cli import cli
from tei_edition.edition import load_edition
from tei_edition.encoder.brackets.encode import MAX_WARNINGS
from tei_edition.encoder.pipeline import encode_text
from tei_edition.encoder.readings import (
    FORCED,
    LITERAL,
    load_readings,
    normalised,
    parse_readings,
)
from tei_edition.encoder.record import without_record
from tei_edition.errors import InputError
from tei_edition.export import export_tree, inline_source
from tei_edition.kinds import INTERVENTION_TAGS, KINDS, form_of
from tei_edition.tei import NS
from tei_edition.validate import Validator
from tests.test_roundtrip_properties import SETTINGS, wilson_document

HEAD = """**May 9, 1956**
**'Letter from the Survey Office on the River Maps'**
**Citation:**
"Letter", May 9, 1956, Wilson Center Digital Archive, Survey Archive 12-00345-01, 2. \
Translated by Ada Lind.
<https://digitalarchive.example.org/document/900555>
**Contents:**
Translation - English
To: Comrade Orlov
"""
TAIL = """Survey Office
9 May 1956
"""
#: Line 9 has a pseudonym (rule 10 reports it for review) and [the] twice.
BODY = """The message from Korovin [Molotov] reached [the] office and [the] maps were sent.
The herdsmen moved; Petrov [?] counted [the posts?] twice.
"""
LETTER = HEAD + BODY + TAIL
REVIEW = ("letter.txt:9:26: note [bracket-review] [Molotov] read as identification (the "
          "real name of a pseudonym or cover name); it may be another name of Korovin or a "
          "part of the name (supplied)")


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def edition(tmp_path: Path, source: str = LETTER, readings: str | None = None) -> Path:
    """An edition project: edition.toml, sources/letter.txt, tei/ (empty), readings.tsv."""
    root = tmp_path / "ed"
    (root / "sources").mkdir(parents=True)
    (root / "tei").mkdir()
    (root / "edition.toml").write_text('title = "Survey letters"\npublisher = "Example"\n',
                                       encoding="utf-8")
    (root / "sources" / "letter.txt").write_text(source, encoding="utf-8")
    if readings is not None:
        (root / "readings.tsv").write_text(readings, encoding="utf-8")
    return root


def encode_cli(runner: CliRunner, root: Path, *extra: str):
    return runner.invoke(cli, ["encode", str(root / "sources"), "--out-dir",
                               str(root / "tei"), *extra])


def body(data: bytes) -> etree._Element:
    return etree.fromstring(data).find(".//tei:body", NS)


def readings_of(rows: str):
    return parse_readings(rows, "readings.tsv")


def p_source(tree: etree._Element, n: int) -> str:
    """The TEI of paragraph pN, its namespace declarations left out."""
    p = tree.xpath(f".//tei:p[@xml:id='p{n}']", namespaces=NS)[0]
    return etree.tostring(p, encoding="unicode", with_tail=False).replace(
        ' xmlns="http://www.tei-c.org/ns/1.0"', "")


# ---------------------------------------------------------------------------------------
# Review notes on the command line


def test_encode_prints_the_review_notes_and_the_summary_counts_them(runner, tmp_path):
    root = edition(tmp_path, HEAD + BODY + "An [open bracket.\n" + TAIL)
    result = encode_cli(runner, root)
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == (f"{root / 'sources' / 'letter.txt'}: wilson-900555: 5 interventions "
                        "(identification 1, supplied 2, uncertain 1, unclear 1), 1 review note, "
                        "1 warning")
    assert lines[1].endswith('letter.txt:11:4: warning [unbalanced-bracket] "[" is never '
                             "closed on its line: kept as text")
    assert lines[2] == str(root / "sources") + "/" + REVIEW
    assert len(lines) == 3
    assert (root / "tei" / "letter.xml").is_file()


def test_review_prints_only_the_review_notes_and_still_writes(runner, tmp_path):
    root = edition(tmp_path, HEAD + BODY + "An [open bracket.\n" + TAIL)
    result = encode_cli(runner, root, "--review")
    assert result.exit_code == 0, result.output
    # no summary, no warning of the text: the readings to review, one a line
    assert result.stderr.splitlines() == [str(root / "sources") + "/" + REVIEW]
    written = (root / "tei" / "letter.xml").read_bytes()
    # the same encoding; the record differs (it holds the file's name, the edition's values)
    assert without_record(written) == without_record(encode_text(
        HEAD + BODY + "An [open bracket.\n" + TAIL, str(root / "sources" / "letter.txt"),
        edition=load_edition(root)).data)


def test_review_of_one_input_to_stdout(runner, tmp_path):
    src = tmp_path / "letter.txt"
    src.write_text(LETTER, encoding="utf-8")
    result = runner.invoke(cli, ["encode", str(src), "--review"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [str(tmp_path) + "/" + REVIEW]
    assert without_record(result.stdout_bytes) == without_record(
        encode_text(LETTER, str(src)).data)


def test_a_document_without_review_notes_keeps_its_summary(runner, tmp_path):
    root = edition(tmp_path, HEAD + "The maps [were] sent.\n" + TAIL)
    result = encode_cli(runner, root)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{root / 'sources' / 'letter.txt'}: wilson-900555: 1 interventions (supplied 1), "
        "0 warnings"]
    assert encode_cli(runner, root, "--review", "--force").stderr == ""


def test_review_notes_are_not_capped_and_not_doubled():
    # 150 pseudonyms: more review notes than the warnings a document keeps
    lines = "".join(f"The cable {k} from Korovin [Molotov] came.\n" for k in range(150))
    encoded = encode_text(HEAD + lines + TAIL, "letter.txt")
    assert len(encoded.reviews) == 150 > MAX_WARNINGS
    assert len({str(d) for d in encoded.reviews}) == 150
    # an endnote whose anchor is not read (inside brackets nested too deep) makes the body
    # be read twice: the notes of the first reading are not kept
    deep = "Filed [a [b [c [d [e [2]]]]]] here.\n\n[1] A note.\n\n[2] Another.\n"
    source = HEAD + BODY.replace("sent.", "sent [1].") + deep
    encoded = encode_text(source, "letter.txt")
    assert [str(d) for d in encoded.reviews] == [REVIEW]
    # nor the brackets the readings met: the second [the] is still the second
    encoded = encode_text(source, "letter.txt",
                          readings=readings_of("letter.txt\tthe\t2\tremark\n"))
    assert [str(d) for d in encoded.applied] == [
        "letter.txt:9:61: note [reading-applied] [the] read as remark, as readings.tsv:1 says"]
    assert export_tree(encoded.tree) == export_tree(encode_text(source, "letter.txt").tree)


# ---------------------------------------------------------------------------------------
# readings.tsv: applying it


def test_an_entry_fixes_that_bracket_only(runner, tmp_path):
    root = edition(tmp_path, readings="# the editor's readings\n\n"
                                      "letter.txt\tthe\t2\tremark\n")
    result = encode_cli(runner, root)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        f"{root / 'sources' / 'letter.txt'}: wilson-900555: 5 interventions (identification 1, "
        "remark 1, supplied 1, uncertain 1, unclear 1), 1 reading applied, 1 review note, "
        "0 warnings")
    data = (root / "tei" / "letter.xml").read_bytes()
    assert p_source(etree.fromstring(data), 1) == (
        '<p xml:id="p1">The message from Korovin <supplied reason="identification" '
        'resp="#translator">Molotov</supplied> reached <supplied reason="omitted-in-original" '
        'resp="#translator">the</supplied> office and <note type="editorial" place="inline" '
        'resp="#translator">the</note> maps were sent.</p>')
    # only that bracket: the rest of the document is as the rules read it
    plain = encode_text(LETTER, str(root / "sources" / "letter.txt")).data
    assert p_source(etree.fromstring(data), 2) == p_source(etree.fromstring(plain), 2)


def test_an_entry_survives_an_edit_elsewhere(tmp_path):
    readings = readings_of("letter.txt\tthe\t2\tliteral\n")
    # a bracket of another text added before both, and a line of text before them
    edited = HEAD + "Received [by hand] today.\n" + BODY + TAIL
    for source in (LETTER, edited):
        encoded = encode_text(source, "sources/letter.txt", readings=readings)
        assert [d.code for d in encoded.applied] == ["reading-applied"]
        p = body(encoded.data).xpath("tei:div/tei:p[contains(., 'maps')]", namespaces=NS)[0]
        assert "".join(p.itertext()).startswith(
            "The message from Korovin Molotov reached the office and [the] maps")
        assert p.xpath("count(tei:supplied)", namespaces=NS) == 2  # Molotov, the first [the]
        assert export_tree(encoded.tree) == source
    assert str(encoded.applied[0]) == ("sources/letter.txt:10:61: note [reading-applied] "
                                       "[the] read as literal, as readings.tsv:1 says")


def test_an_entry_for_a_nested_bracket_counts_the_outer_one_first():
    source = HEAD + "They [said [the] maps] and [the] posts.\n" + TAIL
    encoded = encode_text(source, "letter.txt", readings=readings_of(
        "letter.txt\tthe\t2\tidentification\nletter.txt\tsaid [the] maps\t1\tliteral\n"))
    assert p_source(encoded.tree, 1) == (
        '<p xml:id="p1">They [said <supplied reason="omitted-in-original" resp="#translator">'
        'the</supplied> maps] and <supplied reason="identification" resp="#translator">the'
        '</supplied> posts.</p>')
    assert export_tree(encoded.tree) == source
    assert len(encoded.applied) == 2 and encoded.warnings == 0


def test_an_endnotes_brackets_count_where_its_anchor_stands():
    # the TEI puts the note at its anchor: its [the] is the first, the paragraph's (after
    # the anchor) the second; the note's diagnostics point to its own line
    source = HEAD + "The maps [1] came and [the] posts stood.\n" + TAIL + \
        "[1] Sent with [the] herdsmen.\n"
    encoded = encode_text(source, "letter.txt",
                          readings=readings_of("letter.txt\tthe\t1\tremark\n"))
    note = encoded.tree.find(".//tei:note[@n='1']", NS)
    assert note.xpath("string(tei:note[@place='inline'])", namespaces=NS) == "the"
    assert encoded.tree.xpath("count(.//tei:p[@xml:id='p1']/tei:supplied)",
                              namespaces=NS) == 1
    assert [str(d) for d in encoded.applied] == [
        "letter.txt:12:15: note [reading-applied] [the] read as remark, as readings.tsv:1 says"]
    assert export_tree(encoded.tree) == source


def test_an_unmatched_entry_is_a_warning_at_its_row(runner, tmp_path):
    root = edition(tmp_path, readings="letter.txt\tthe\t3\tremark\n"
                                      "# a comment\n"
                                      "letter.txt\tHarbin\t1\tsupplied\n"
                                      "other.txt\tHarbin\t1\tsupplied\n")
    result = encode_cli(runner, root)
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[0].endswith(", 1 review note, 2 warnings")
    assert lines[1:3] == [
        f"{root}/readings.tsv:1:16: warning [reading-unmatched] letter.txt has 2 brackets "
        "[the], not 3: this row matches no bracket",
        f"{root}/readings.tsv:3:12: warning [reading-unmatched] letter.txt has no bracket "
        "[Harbin]: this row matches none"]
    # (a row for a source not encoded here says nothing: it may be encoded another time)
    assert len(lines) == 4 and lines[3].endswith(REVIEW.split("/")[-1])
    # --review keeps them: they are the editor's decisions
    review = encode_cli(runner, root, "--review", "--force")
    assert review.stderr.splitlines() == [lines[3], *lines[1:3]]


def test_the_warning_names_the_file_from_the_working_folder(runner, tmp_path, monkeypatch):
    root = edition(tmp_path, readings="letter.txt\tnone\t1\tremark\n")
    monkeypatch.chdir(root)
    result = runner.invoke(cli, ["encode", "sources", "--out-dir", "tei"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[1] == (
        "readings.tsv:1:12: warning [reading-unmatched] letter.txt has no bracket [none]: "
        "this row matches none")


def test_an_entry_whose_kind_does_not_fit_is_a_warning_and_the_rules_read(tmp_path):
    encoded = encode_text(LETTER, "letter.txt", readings=readings_of(
        "letter.txt\tthe\t1\tunclear\nletter.txt\tthe posts?\t1\tomitted\n"))
    assert [str(d) for d in encoded.diagnostics] == [
        'readings.tsv:1:18: warning [reading-unfit] [the] (occurrence 1, letter.txt:9:44) '
        'cannot be read as unclear: that needs a "[?]" one space after a word; the rules '
        "read it"]
    assert encoded.counts["supplied"] == 2 and encoded.counts["gap"] == 1
    assert "uncertain" not in encoded.counts
    assert encoded.tree.find(".//tei:gap", NS).get("rend") == "[the posts?]"


def test_an_omission_line_takes_only_what_may_stand_between_paragraphs(tei_all):
    source = HEAD + "The maps came.\n[...]\nThe posts stood.\n" + TAIL
    for kind, fits in (("supplied", False), (LITERAL, False), ("remark", True)):
        encoded = encode_text(source, "letter.txt",
                              readings=readings_of(f"letter.txt\t...\t1\t{kind}\n"))
        assert bool(encoded.applied) == fits, kind
        assert [d.code for d in encoded.diagnostics] == ([] if fits else ["reading-unfit"])
        assert tei_all.validate(etree.ElementTree(encoded.tree)), (kind, tei_all.error_log)
        assert export_tree(encoded.tree) == source


def test_explicit_readings_file_overrides_the_editions(runner, tmp_path):
    root = edition(tmp_path, readings="letter.txt\tthe\t1\tremark\n")
    other = tmp_path / "mine.tsv"
    other.write_text("letter.txt\tthe\t1\tstamp\n", encoding="utf-8")
    result = encode_cli(runner, root, "--readings", str(other))
    assert result.exit_code == 0, result.output
    tree = etree.parse(str(root / "tei" / "letter.xml")).getroot()
    assert tree.xpath("count(.//tei:stamp)", namespaces=NS) == 1
    assert tree.xpath("count(.//tei:note[@place='inline'])", namespaces=NS) == 0
    # without it, the edition's own readings.tsv
    result = encode_cli(runner, root, "--force")
    tree = etree.parse(str(root / "tei" / "letter.xml")).getroot()
    assert tree.xpath("count(.//tei:note[@place='inline'])", namespaces=NS) == 1
    assert ", 1 reading applied," in result.stderr


# ---------------------------------------------------------------------------------------
# readings.tsv: bad files


@pytest.mark.parametrize(("rows", "where", "message"), [
    ("letter.txt\tthe\t1\n", "2:1", "3 columns where readings.tsv has 4, separated by tabs"),
    ("letter.txt\tthe\t1\tremark\textra\n", "2:1", "5 columns where readings.tsv has 4"),
    ("letter.txt\tthe\tsecond\tremark\n", "2:16", "the occurrence must be a whole number "
                                                  "from 1"),
    ("letter.txt\tthe\t0\tremark\n", "2:16", "the occurrence must be a whole number"),
    ("letter.txt\tthe\t1\tpseudonym\n", "2:18", "unknown kind 'pseudonym' (known: "
                                                "handwritten, identification, illegible, "
                                                "literal, omitted, original, remark, stamp, "
                                                "supplied, uncertain, unclear, withheld)"),
    ("\tthe\t1\tremark\n", "2:1", "the file must be a source's file name"),
    ("sources/letter.txt\tthe\t1\tremark\n", "2:1", "the file must be a source's file name"),
    ("letter.txt\tthe\t1\tremark\nletter.txt\t the \t1\tsupplied\n", "3:1",
     "line 2 fixes this bracket already ([the], occurrence 1 in letter.txt)"),
])
def test_a_bad_row_is_an_error_at_its_line_and_column_and_nothing_is_written(
        runner, tmp_path, rows, where, message):
    root = edition(tmp_path, readings="# file\ttext\toccurrence\tkind\n" + rows)
    result = encode_cli(runner, root)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr.splitlines() == [
        f"{root}/readings.tsv:{where}: error [readings] " + result.stderr.split(
            "error [readings] ", 1)[1].rstrip("\n")]
    assert message in result.stderr
    assert list((root / "tei").iterdir()) == []
    # one input to a file: nothing written either
    out = tmp_path / "one.xml"
    one = runner.invoke(cli, ["encode", str(root / "sources" / "letter.txt"), "-o", str(out),
                              "--readings", str(root / "readings.tsv")])
    assert one.exit_code == 1 and f"readings.tsv:{where}: error [readings]" in one.stderr
    assert not out.exists()


def test_a_readings_file_that_is_not_utf8_is_an_error(runner, tmp_path):
    root = edition(tmp_path, readings="")
    (root / "readings.tsv").write_bytes(b"letter.txt\tthe\t1\tremark\nletter.txt\t\xff\t1\t")
    result = encode_cli(runner, root)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr == f"{root}/readings.tsv:2:12: error [encoding] not UTF-8\n"
    assert list((root / "tei").iterdir()) == []


def test_comments_blank_lines_crlf_and_a_byte_order_mark_are_read(tmp_path):
    path = tmp_path / "readings.tsv"
    path.write_bytes("\ufeff# readings\r\n\r\n   \r\nletter.txt\t the  posts? \t 1 \tremark\r\n"
                     .encode("utf-8"))
    readings = load_readings(path)
    assert len(readings) == 1
    entry = readings.entries["letter.txt"][0]
    assert (entry.text, entry.occurrence, entry.kind, entry.line) == ("the posts?", 1,
                                                                     "remark", 4)
    with pytest.raises(InputError) as err:
        parse_readings("x.txt\ty\t99999999999\tremark\n", "r.tsv")
    assert str(err.value.location) == "r.tsv:1:9"


# ---------------------------------------------------------------------------------------
# The forced kinds: the TEI of each, its export, its validity


def test_the_kinds_are_named_as_kinds_names_them():
    assert set(FORCED) - {LITERAL} <= {k.name for k in KINDS}


#: For each kind, a bracket the rules read as that kind: forcing the kind there changes
#: nothing (the forced reading builds what the rule builds).
AS_THE_RULES = {
    "supplied": ("The maps [were] sent.", "were"),
    "identification": ("He met the Ambassador [Ivan Orlov] there.", "Ivan Orlov"),
    "remark": ("The posts [emphasis in the original] stood.", "emphasis in the original"),
    "omitted": ("The posts [...] stood.", "..."),
    "illegible": ("The posts [two words illegible] stood.", "two words illegible"),
    "stamp": ("[stamp: Copy No 2]", "stamp: Copy No 2"),
    "handwritten": ("[handwritten: 12/ab]", "handwritten: 12/ab"),
    "unclear": ("The posts at Petrov [?] stood.", "?"),
    "uncertain": ("The posts of [A. Orlov?] stood.", "A. Orlov?"),
}


@pytest.mark.parametrize("kind", sorted(AS_THE_RULES))
def test_a_forced_kind_builds_what_its_rule_builds(kind):
    line, text = AS_THE_RULES[kind]
    source = HEAD + line + "\n" + TAIL
    by_rules = encode_text(source, "letter.txt")
    forced = encode_text(source, "letter.txt",
                         readings=readings_of(f"letter.txt\t{text}\t1\t{kind}\n"))
    assert len(forced.applied) == 1, forced.diagnostics
    # the same TEI; only the record differs, as it holds the rows of readings.tsv
    assert without_record(forced.data) == without_record(by_rules.data)
    assert forced.data != by_rules.data
    assert forced.counts == by_rules.counts


#: Brackets of every shape: a word, brackets in brackets, a doubled bracket (the outer
#: one and its inside), a stamp over two lines, a [?] after a word, a text ending in ?.
SHAPES = """The maps [were] sent; the herdsmen [said [the] posts] moved and [[Orlov]] came.
[stamp: Copy
No 2] The posts at Petrov [?] stood by [A. Orlov?] twice.
"""
TARGETS = [("were", 1), ("said [the] posts", 1), ("the", 1), ("[Orlov]", 1), ("Orlov", 1),
           ("stamp: Copy No 2", 1), ("?", 1), ("A. Orlov?", 1)]
#: the source text of the element each target becomes, where it is not the bracket
SOURCE_OF = {("?", "unclear"): "Petrov [?]", "Orlov": "[[Orlov]]", "[Orlov]": "[[Orlov]]"}


def kinds_read(tree: etree._Element, bracket: str) -> list[str]:
    """The kinds (tei_edition.kinds) of the interventions whose source text is ``bracket``."""
    found = []
    for el in tree.iter(INTERVENTION_TAGS):
        form = form_of(el)
        if form is None:
            continue
        alone = etree.Element("w")
        alone.append(deepcopy(el))
        alone[0].tail = None
        if normalised(inline_source(alone)) == bracket:
            found.append(form[0].name)
    return found


@pytest.fixture(scope="module")
def project_schema() -> Validator:
    """The project's schema: tei_edition.rng and its Schematron."""
    return Validator()


@pytest.mark.parametrize("kind", sorted(FORCED))
def test_every_forced_kind_exports_back_byte_for_byte_and_is_valid(kind, tei_all,
                                                                   project_schema):
    source = HEAD + SHAPES + TAIL
    for text, n in TARGETS:
        encoded = encode_text(source, "letter.txt",
                              readings=readings_of(f"letter.txt\t{text}\t{n}\t{kind}\n"))
        assert export_tree(encoded.tree) == source, (kind, text)
        assert tei_all.validate(etree.ElementTree(encoded.tree)), (kind, text,
                                                                   tei_all.error_log)
        report = project_schema.check_bytes(encoded.data, f"{kind}-{text}.xml")
        assert report.valid, [str(d) for d in report.diagnostics]
        read = kinds_read(encoded.tree, SOURCE_OF.get((text, kind), SOURCE_OF.get(
            text, f"[{text}]")))
        if encoded.applied:
            assert encoded.diagnostics == []
            assert (read == []) if kind == LITERAL else (kind in read), (kind, text, read)
        else:
            assert [d.code for d in encoded.diagnostics] == ["reading-unfit"], (kind, text)
            assert kind not in read


def test_every_kind_that_can_refuse_a_bracket_says_what_it_needs():
    source = HEAD + SHAPES + TAIL
    for kind in FORCED:
        for text, n in TARGETS:
            encoded = encode_text(source, "letter.txt",
                                  readings=readings_of(f"letter.txt\t{text}\t{n}\t{kind}\n"))
            for d in encoded.diagnostics:
                assert "cannot be read as" in d.message and ": that needs " in d.message


# ---------------------------------------------------------------------------------------
# Property: any kinds forced on the brackets of a random document


_INNERMOST = re.compile(r"\[([^\[\]\n]*)\]")


@SETTINGS
@given(wilson_document(), st.data())
def test_any_forced_kinds_keep_the_export_and_the_validity(tei_all, text: str,
                                                           data: st.DataObject) -> None:
    """Each bracket without brackets inside (a word, the inside of a doubled bracket, a
    footnote's anchor, one in a header field, which is no body bracket) gets a kind at
    random: the encoding is valid, exports back as the rules' encoding does, and each row
    is applied or warned about, once."""
    seen: Counter[str] = Counter()
    rows = []
    for m in _INNERMOST.finditer(text):
        content = normalised(m.group(1))
        seen[content] += 1
        kind = data.draw(st.sampled_from(sorted(FORCED)))
        rows.append(f"random.txt\t{content}\t{seen[content]}\t{kind}\n")
    readings = readings_of("".join(rows))
    plain = encode_text(text, "random.txt")
    forced = encode_text(text, "random.txt", readings=readings)
    if not tei_all.validate(etree.ElementTree(forced.tree)):
        errors = "; ".join(f"{e.line}: {e.message}" for e in tei_all.error_log)
        pytest.fail(f"not valid: {errors}\n{''.join(rows)}\n{forced.data.decode()}")
    assert export_tree(forced.tree) == export_tree(plain.tree), "".join(rows)
    said = Counter(d.location.line for d in forced.diagnostics if d.code.startswith("reading-"))
    said.update(int(d.message.rsplit(":", 1)[1].split()[0]) for d in forced.applied)
    assert said == Counter(range(1, len(rows) + 1)), (said, rows)

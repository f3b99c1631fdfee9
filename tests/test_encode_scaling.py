"""The encoder at scale: correct, not timed (bench/encode_scaling.py measures the time).

Tens of thousands of brackets of every shape encode to valid TEI that exports back; the
warnings of a document are capped (the first MAX_WARNINGS, then one line counting the
rest), while the counts of interventions stay exact; the dropped warnings take no memory;
a nesting a hundred thousand deep gives a clean result, never a RecursionError.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from tei_edition.encoder.brackets.encode import MAX_WARNINGS
from tei_edition.encoder.brackets.scan import scan
from tei_edition.encoder.pipeline import encode_bytes
from tei_edition.export import export_tree

REPO = Path(__file__).resolve().parent.parent
HEADER = ("**April 25, 1962**\n\n**Cable from the Embassy in Beijing**\n\n"
          "**Contents:**\n\nTranslation - English\n\n")


@pytest.fixture(scope="module")
def schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(REPO / "schemas" / "tei_edition.rng")))


def _encode(body: str, name: str = "cable.txt"):
    return encode_bytes((HEADER + body).encode(), name)


def _cli(tmp_path: Path, body: str) -> subprocess.CompletedProcess[str]:
    source = tmp_path / "cable.txt"
    source.write_text(HEADER + body, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "tei_edition", "encode", str(source), "-o",
         str(tmp_path / "cable.xml")], cwd=REPO, capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(REPO)})


def test_twenty_thousand_stray_brackets_give_a_hundred_warnings_and_a_count(tmp_path):
    body = "b] " * 20_000 + "\n"
    encoded = _encode(body)
    kept = encoded.diagnostics[:-1]
    assert len(kept) == MAX_WARNINGS == 100
    assert all(d.code == "unbalanced-bracket" for d in kept)
    # the first hundred, in order: "b] " from column 2, three columns apart, on line 9
    assert [(d.location.line, d.location.col) for d in kept] == \
        [(9, 2 + 3 * k) for k in range(100)]
    last = encoded.diagnostics[-1]
    assert str(last) == ("cable.txt: warning [too-many-warnings] 19,900 more warnings of "
                         "this document are not shown")
    assert encoded.warnings == 20_000
    # what the user sees: the summary counts them all; 101 warning lines; the TEI written
    run = _cli(tmp_path, body)
    assert run.returncode == 0, run.stderr
    lines = run.stderr.splitlines()
    assert lines[0].endswith(": 0 interventions, 20000 warnings"), lines[0]
    assert len(lines) == 1 + 101
    assert lines[1].endswith(':9:2: warning [unbalanced-bracket] "]" has no opening "[" on '
                             "its line: kept as text")
    assert lines[-1].endswith("cable.txt: warning [too-many-warnings] 19,900 more warnings "
                              "of this document are not shown")
    assert (tmp_path / "cable.xml").read_bytes().count(b"b]") == 20_000  # kept as text


def test_the_cap_is_per_document_and_the_counts_of_interventions_stay_exact():
    # 30,000 pairs among 30,000 stray "]" and 150 unclosed "[" over many lines
    body = "".join(f"the [memorandum] b] {'a [c' if k % 200 == 0 else ''}\n"
                   for k in range(30_000))
    encoded = _encode(body)
    assert encoded.counts["supplied"] == 30_000
    assert encoded.warnings == 30_000 + 150
    assert len(encoded.diagnostics) == MAX_WARNINGS + 1
    assert encoded.diagnostics[-1].message == ("30,050 more warnings of this document are "
                                               "not shown")
    # and a second document starts again from zero
    again = _encode("a [b\n", "other.txt")
    assert [d.code for d in again.diagnostics] == ["unbalanced-bracket"]


def test_exactly_one_warning_too_many_is_said_in_the_singular():
    encoded = _encode("] " * (MAX_WARNINGS + 1) + "\n")
    assert encoded.diagnostics[-1].message == ("1 more warning of this document is not "
                                               "shown")
    assert len(_encode("] " * MAX_WARNINGS + "\n").diagnostics) == MAX_WARNINGS


def test_the_scanner_keeps_only_the_first_problems_and_counts_the_rest():
    text = "] " * 50_000 + "[x " * 50_000  # every "]" stray, every "[" never closed
    found = scan(text, keep=100)
    assert [p.pos for p in found.problems] == [2 * k for k in range(100)]
    assert found.more == 100_000 - 100
    assert not found.may_span  # "[x": no physical description
    # a "[" with nothing after it yet may open one: known though its problem is dropped
    assert scan(text + "[", keep=100).may_span
    full = scan(text)  # keep=None: all of them, the same first ones
    assert len(full.problems) == 100_000 and full.more == 0
    assert [p.pos for p in full.problems][:100] == [p.pos for p in found.problems]


def test_fifty_thousand_brackets_of_every_shape_encode_validly_and_export_back(schema):
    units = ["a [b] ", "[...] ", "a [b ", "b] ", "[a [b [c]]] ", "recieved [sic] ",
             "F[oreign] M[inistry] ", "Wulumqi [Urumqi] ", "the ambassador [Chervonenko] ",
             "[illegible] ", "[signature] ", "Samsonov [?] ", "[emphasis in the original] "]
    parts = []
    for k in range(50_000 // 2):
        parts.append(units[k % len(units)])
        if k % 7 == 6:
            parts.append("\n")
    body = "".join(parts) + "\n[stamp: Received\n5 May 1960]\n"
    encoded = _encode(body)
    assert len(encoded.diagnostics) == MAX_WARNINGS + 1
    tree = etree.fromstring(encoded.data)
    assert schema.validate(tree), schema.error_log
    assert export_tree(tree).split() == (HEADER + body).split()
    # 25,000 units of 13 kinds: 1,923 of each (the first 1,924); supplied also from the
    # "[" of "a [b " that the "]" of "b] " closes when no line break falls between; exact,
    # though the warnings beyond the hundredth are dropped
    assert dict(encoded.counts) == {
        "supplied": 9341, "gap": 1923, "sic": 1923, "expansion": 3846, "gloss": 1923,
        "identification": 1923, "illegible": 1923, "signature": 1923, "unclear": 1923,
        "remark": 1923, "stamp": 1}
    assert encoded.warnings == 550
    assert encoded.counts["stamp"] == 1


@pytest.mark.parametrize("body", [
    "[" * 100_000 + "x" + "]" * 100_000 + "\n",  # a nest 100,000 deep
    "[" * 100_000 + "\n",  # open and never closed
    "]" * 100_000 + "[" * 100_000 + "\n",
    "[stamp: " * 20_000 + "\n" + "]" * 20_000 + "\n",  # physical descriptions, many lines
], ids=["nested", "open", "closed-then-open", "physical"])
def test_deep_nesting_gives_a_clean_result(schema, body):
    encoded = _encode(body)  # no RecursionError, nor any other exception
    tree = etree.fromstring(encoded.data)
    assert schema.validate(tree), schema.error_log
    assert export_tree(tree).split() == (HEADER + body).split()
    assert len(encoded.diagnostics) == MAX_WARNINGS + 1


def test_the_dropped_warnings_take_no_memory(tmp_path):
    """Peak memory (ru_maxrss of a subprocess) for 200,000 and 2,000,000 stray "]": the
    ten times more warnings, all dropped, cost far less than a warning object each (before
    the cap they cost about 600 bytes each, 1.2 GB for 2,000,000)."""
    script = (
        "import json, resource, sys\n"
        "from tei_edition.encoder.pipeline import encode_bytes\n"
        f"header = {HEADER!r}\n"
        "n = int(sys.argv[1])\n"
        "e = encode_bytes((header + '] ' * n + '\\n').encode(), 'cable.txt')\n"
        "print(json.dumps([e.warnings, len(e.diagnostics),"
        " resource.getrusage(resource.RUSAGE_SELF).ru_maxrss]))\n")
    peaks = {}
    for n in (200_000, 2_000_000):
        run = subprocess.run([sys.executable, "-c", script, str(n)], cwd=REPO,
                             capture_output=True, text=True, timeout=300,
                             env={**os.environ, "PYTHONPATH": str(REPO)})
        assert run.returncode == 0, run.stderr
        warnings, shown, peak_kb = json.loads(run.stdout)
        assert (warnings, shown) == (n, MAX_WARNINGS + 1)
        peaks[n] = peak_kb
    # the source text, its lines and the TEI grow by some 20 bytes a bracket: allow 100
    assert peaks[2_000_000] - peaks[200_000] < 1_800_000 * 100 / 1024, peaks

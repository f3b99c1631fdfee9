"""The record the encoder keeps inside the TEI it writes (tei_edition/encoder/record.py):
what it encoded the file from, and the file's own digest, so that a build tells a file it
may replace from one an editor changed, with no manifest."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from tei_edition.edition import Edition
from tei_edition.encoder.pipeline import encode_text
from tei_edition.encoder.readings import parse_readings
from tei_edition.encoder.record import read_record
from tei_edition.readers import ReaderOptions

SOURCE = "**Date:** 1 May 1960\n**Title:** A test\n\nThe ambassador [Chervonenko] came.\n"
XML = Path(__file__).resolve().parents[1] / "xml"


def _record(text: str = SOURCE, **kw):
    encoded = encode_text(text, "t.txt", **kw)
    record = read_record(encoded.data)
    assert record is not None
    return encoded, record


def test_a_fresh_encoding_is_intact_and_its_tree_holds_the_same_record():
    encoded, record = _record()
    assert record.intact
    assert record.encoded_from.startswith("sha256:") and len(record.encoded_from) == 71
    descs = {d.get("type"): d.text for d in encoded.tree.iter("{*}desc")}
    assert descs["encoded-from"] == record.encoded_from
    assert etree.tostring(encoded.tree, encoding="utf-8").count(b"encoded-as") == 1
    assert descs["encoded-as"].encode() in encoded.data


def test_any_change_to_the_file_is_a_hand_edit():
    encoded, _ = _record()
    for edited in (encoded.data.replace(b"came.", b"came!"),  # a word
                   encoded.data.replace(b"\n  ", b"\n   ", 1),  # the indentation
                   encoded.data + b"<!-- checked -->\n"):  # a comment after the root
        record = read_record(edited)
        assert record is not None and not record.intact


def test_a_tei_without_a_record():
    assert read_record(b"<TEI xmlns='http://www.tei-c.org/ns/1.0'/>") is None


def test_the_inputs_digest_follows_every_input_and_nothing_else(monkeypatch):
    _, base = _record()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # another day: the same inputs
    _, other_day = _record()
    assert other_day.encoded_from == base.encoded_from
    readings = parse_readings("t.txt\tChervonenko\t1\tsupplied\n", "readings.tsv")
    changed = [
        _record(SOURCE.replace("came", "went"))[1],
        _record(options=ReaderOptions(title="Another title"))[1],
        _record(edition=Edition(publisher="A library"))[1],
        _record(readings=readings)[1],
    ]
    digests = {base.encoded_from, *(r.encoded_from for r in changed)}
    assert len(digests) == 5
    # a readings.tsv with rows for other sources only changes nothing of this one
    others = parse_readings("u.txt\tChervonenko\t1\tsupplied\n", "readings.tsv")
    assert _record(readings=others)[1].encoded_from == base.encoded_from


def test_the_sample_editions_tei_is_as_the_encoder_wrote_it():
    files = sorted((XML / "tei").glob("*.xml"))
    assert len(files) == 13
    for path in files:
        record = read_record(path.read_bytes())
        assert record is not None and record.intact, path.name


def test_file_inputs_is_the_digest_encode_file_records(tmp_path):
    from tei_edition.encoder.pipeline import encode_file, file_inputs

    source = tmp_path / "t.txt"
    source.write_bytes(b"\xef\xbb\xbf" + SOURCE.replace("\n", "\r\n").encode())
    readings = parse_readings("t.txt\tChervonenko\t1\tsupplied\n", "readings.tsv")
    edition = Edition(publisher="A library")
    record = read_record(encode_file(source, edition=edition, readings=readings).data)
    assert record is not None
    assert file_inputs(source, edition=edition, readings=readings) == record.encoded_from
    assert file_inputs(source, edition=edition) != record.encoded_from

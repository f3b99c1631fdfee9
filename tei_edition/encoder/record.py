"""What the encoder records, inside the TEI it writes, of its own work: from what it encoded
the file and what it wrote, so that a build can tell a file it may replace from one an
editor has changed by hand, with no manifest (an edition from before, a fresh clone).

Two ``desc`` in ``appInfo/application[@ident='tei-edition']``, after the source layout::

    <desc type="encoded-from">sha256:4b1c...</desc>   everything the encoding depends on
    <desc type="encoded-as">sha256:90d2...</desc>     the file's own bytes

- *encoded-from* is the SHA-256 of the tool's version, the reader, the options given
  (title, date, language, the file's stem), the edition's values the header takes
  (publisher, licence), the source text (decoded, as the encoder read it) and the rows of
  readings.tsv for this source (:func:`inputs_digest`). The same inputs give the same
  digest on any machine and any day: a build re-encodes a source when it changed, or its
  readings, or the tool.
- *encoded-as* is the SHA-256 of the file's bytes as written, with its own 64 hex digits
  read as zeros (:data:`PLACEHOLDER`). A file whose bytes no longer give it was changed
  after the encoder wrote it: an editor's hand edit, never overwritten
  (:func:`read_record`; a re-indentation or a changed comment counts, as it should: the
  editor's file is the editor's).

The revision entry's date (the day of the encoding) is in the file, not among the inputs:
encoding the same inputs on another day gives another file with the same encoded-from.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from tei_edition.tei import serialize, tei
from tei_edition.version import __version__

FROM, AS = "encoded-from", "encoded-as"
#: The value of encoded-as while the file's digest is computed.
PLACEHOLDER = "sha256:" + "0" * 64
_DESC, _APPLICATION = tei("desc"), tei("application")
#: encoded-as in the serialised file (the encoder's own layout: type, then the digest). A
#: hand-edited file that moved it elsewhere is hand-edited anyway.
_AS_RE = re.compile(rb'<desc type="encoded-as">sha256:([0-9a-f]{64})</desc>')
_FROM_RE = re.compile(rb'<desc type="encoded-from">(sha256:[0-9a-f]{64})</desc>')


def inputs_digest(text: str, reader: str, options: Iterable[tuple[str, str | None]],
                  edition: Iterable[tuple[str, str | None]],
                  readings: Iterable[tuple[str, int, str]]) -> str:
    """``sha256:`` and the hex digest of everything an encoding depends on (module
    docstring). ``options`` and ``edition``: (name, value) pairs; ``readings``: the rows of
    readings.tsv for this source as (the bracket's text, its occurrence, the kind)."""
    head = json.dumps({"tool": __version__, "reader": reader, "options": sorted(options),
                       "edition": sorted(edition), "readings": sorted(readings)},
                      ensure_ascii=False, sort_keys=True)
    digest = hashlib.sha256(head.encode("utf-8"))
    digest.update(b"\0")
    digest.update(text.encode("utf-8", "surrogatepass"))
    return "sha256:" + digest.hexdigest()


def application_of(root: etree._Element) -> etree._Element:
    """The TEI's ``application[@ident='tei-edition']`` (the encoder's header has one)."""
    for app in root.iter(_APPLICATION):
        if app.get("ident") == "tei-edition":
            return app
    raise ValueError("the TEI has no application element of tei-edition")  # pragma: no cover


def seal(root: etree._Element, encoded_from: str) -> bytes:
    """Record ``encoded_from`` and the file's digest in the tree's two descs, and return
    the bytes it serialises to (:func:`tei_edition.tei.serialize`), which hold them."""
    descs = {d.get("type"): d for d in application_of(root).iterchildren(_DESC)}
    descs[FROM].text = encoded_from
    descs[AS].text = PLACEHOLDER
    data = serialize(root)
    digest = hashlib.sha256(data).hexdigest()
    found = _AS_RE.search(data)
    assert found is not None and found.group(1) == b"0" * 64  # the layout of serialize
    descs[AS].text = "sha256:" + digest
    return data[:found.start(1)] + digest.encode("ascii") + data[found.end(1):]


@dataclass(frozen=True)
class Record:
    """What a TEI file says of its encoding: the digest of its inputs, and whether its bytes
    are still those the encoder wrote."""

    encoded_from: str
    intact: bool


def read_record(data: bytes) -> Record | None:
    """The record in a TEI file's bytes, or None when it has none (a TEI the encoder did
    not write, or wrote before it kept records, or whose record an editor removed)."""
    found_as, found_from = _AS_RE.search(data), _FROM_RE.search(data)
    if found_as is None or found_from is None:
        return None
    blank = data[:found_as.start(1)] + b"0" * 64 + data[found_as.end(1):]
    intact = hashlib.sha256(blank).hexdigest() == found_as.group(1).decode("ascii")
    return Record(found_from.group(1).decode("ascii"), intact)


#: What differs between two encodings of the same text: the record, the revision date.
_VOLATILE = re.compile(rb'\s*<desc type="encoded-(?:from|as)">[^<]*</desc>'
                       rb'|<change when="[^"]*">')


def without_record(data: bytes) -> bytes:
    """An encoding without its record and revision date: equal for two encodings of the same
    text made with other options, on another day (or by a version from before records)."""
    return _VOLATILE.sub(b"", data)

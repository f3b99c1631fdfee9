"""A build's first stage: the edition's plain-text sources encoded into its TEI, and no hand
edit ever lost.

Each ``sources/NAME.txt`` is encoded (with the edition's readings.tsv) into ``tei/NAME.xml``
when that TEI is missing, or when it was encoded from other inputs (the source changed, or
its rows of readings.tsv, or the edition's publisher or licence, or the tool) and nobody
changed it since. The TEI's own record (:mod:`tei_edition.encoder.record`) says both, so this
works without any state of earlier builds::

    no tei/NAME.xml                               encoded          -> tei/NAME.xml
    encoded from these very inputs                unchanged
    from other inputs, untouched since            re-encoded       -> tei/NAME.xml replaced
    from other inputs, changed by hand            hand-edited      -> tei/NAME.new.xml beside
    no record (older, or made by hand)            the same as a new encoding: unchanged;
                                                  else hand-edited -> tei/NAME.new.xml beside

A ``NAME.new.xml`` is never validated or published; the build says where it is and how to
compare the two (``diff -u tei/NAME.xml tei/NAME.new.xml``). An editor who has taken what
they want from it deletes it: the build does not offer the same encoding again (the state
remembers the inputs it was offered for), until the source changes once more.

A source that cannot be encoded is reported with its line and column and leaves its TEI as
it was. The stage runs in worker processes (:mod:`tei_edition.build.workers`); each source's
outcome depends on its own files alone.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tei_edition.edition import Edition
from tei_edition.encoder.readings import Readings
from tei_edition.encoder.record import read_record, without_record
from tei_edition.errors import Diagnostic, Location, TeiEditionError
from tei_edition.files import write_atomic
from tei_edition.inputs import read_file
from tei_edition.readers import DEFAULT_READER, ReaderOptions

if TYPE_CHECKING:  # the encoder is loaded by a build that encodes, not by every build
    from tei_edition.encoder.pipeline import Encoded

#: The suffix of a new encoding put beside a hand-edited TEI.
NEW_SUFFIX = ".new.xml"

ENCODED, RE_ENCODED, UNCHANGED, HAND_EDITED, FAILED = (
    "encoded", "re-encoded", "unchanged", "hand-edited", "failed")


def is_new_encoding(path: Path) -> bool:
    """``tei/NAME.new.xml``: an encoding offered beside a hand-edited TEI."""
    return path.name.endswith(NEW_SUFFIX)


@dataclass(frozen=True)
class Task:
    """One source to bring up to date: where it is, where its TEI goes, with what."""

    source: Path
    tei: Path
    edition: Edition
    readings: Readings | None  # this source's rows only
    reader: str = DEFAULT_READER
    #: the inputs a new encoding was last offered for (NAME.new.xml), from the state
    offered: str | None = None


@dataclass
class Outcome:
    """What became of one source."""

    source: Path
    action: str  # ENCODED, RE_ENCODED, UNCHANGED, HAND_EDITED or FAILED
    inputs: str | None = None  # the encoded-from digest of the source as it is
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: the new encoding beside a hand-edited TEI, when one was written this time
    offered: Path | None = None


def bring_up_to_date(task: Task) -> Outcome:
    """The stage's job for one source (module docstring); run in a worker."""
    try:
        return _up_to_date(task)
    except TeiEditionError as exc:
        return Outcome(task.source, FAILED, diagnostics=[exc.diagnostic()])


def _up_to_date(task: Task) -> Outcome:
    from tei_edition.encoder.pipeline import file_inputs

    inputs = file_inputs(task.source, reader=task.reader, edition=task.edition,
                         readings=task.readings)
    if not os.path.lexists(task.tei):
        encoded = _encode(task)
        write_atomic(task.tei, encoded.data)
        return Outcome(task.source, ENCODED, inputs, _warnings(encoded))
    old = read_file(task.tei, "xml")
    record = read_record(old)
    if record is not None and record.encoded_from == inputs:
        return Outcome(task.source, UNCHANGED, inputs)
    if record is not None and record.intact:
        encoded = _encode(task)
        write_atomic(task.tei, encoded.data, force=True)
        return Outcome(task.source, RE_ENCODED, inputs, _warnings(encoded))
    new_path = task.tei.with_name(task.tei.name[:-len(".xml")] + NEW_SUFFIX)
    if task.offered == inputs and not os.path.lexists(new_path):
        return Outcome(task.source, UNCHANGED, inputs)  # offered, and dismissed
    encoded = _encode(task)
    if record is None and without_record(old) == without_record(encoded.data):
        return Outcome(task.source, UNCHANGED, inputs)  # the encoder's, from before records
    write_atomic(new_path, encoded.data, force=True)
    why = ("was changed by hand since it was encoded" if record is not None else
           "has no record of its encoding (made by hand, or by an older tei-edition)")
    message = (f"{why}, and its source {task.source} is not what it was encoded from: it is "
               f"kept as it is; the new encoding is {new_path} (not published; compare: "
               f"diff -u {task.tei} {new_path})")
    return Outcome(task.source, HAND_EDITED, inputs,
                   [Diagnostic(Location(str(task.tei)), "warning", "hand-edited", message),
                    *_warnings(encoded)], offered=new_path)


def _encode(task: Task) -> Encoded:
    from tei_edition.encoder.pipeline import encode_file

    return encode_file(task.source, reader=task.reader, edition=task.edition,
                       options=ReaderOptions(stem=task.source.stem), readings=task.readings)


def _warnings(encoded: Encoded) -> list[Diagnostic]:
    """The encoder's warnings and its readings to review."""
    return [*encoded.diagnostics, *encoded.reviews]


def tasks(sources: list[Path], tei_dir: Path, edition: Edition, readings: Readings | None,
          offered: dict[str, str]) -> list[Task]:
    """A task per source; ``offered``: by source name, the inputs a new encoding was
    offered for in an earlier build."""
    found = []
    for source in sources:
        rows = readings.entries.get(source.name) if readings is not None else None
        own = Readings(readings.source, {source.name: rows}) if readings and rows else None
        found.append(Task(source, tei_dir / f"{source.stem}.xml", edition, own,
                          offered=offered.get(source.name)))
    return found

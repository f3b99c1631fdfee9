"""An edition's ``readings.tsv``: the editor's own reading of given brackets, over the rules.

An edition may hold ``readings.tsv`` next to its ``edition.toml``. Each row fixes the reading
of one bracket of one source, so that a re-encoding keeps the editor's decision::

    # file        the bracket's text     occurrence  kind
    letter.txt	Molotov	1	supplied
    letter.txt	Molotov	2	literal
    letter.txt	the talks [had]	1	remark

Four columns separated by tabs: the source's file name (``letter.txt``, as the edition's
``sources/`` lists it, without folders); the bracket's text without its outer brackets
(white space runs read as one space; a bracket's own brackets stay in it, as in
``the talks [had]``); which bracket of that text it is, counting from 1 in document order
(every bracket of the body counts, the ones inside another too, the outer one first); and
the kind (:data:`FORCED`: the names of :mod:`tei_edition.kinds`, and ``literal``, a
bracket kept as text). An endnote's brackets count where its anchor stands (where the TEI
puts the note). Blank lines and lines that begin with
``#`` are skipped. A bad row is an :class:`InputError` at its line and column.

Since a row names a bracket by its text and its rank among the brackets of that text, it
survives edits elsewhere in the source: a bracket of another text added before it changes
nothing.

This module owns the file's format and the forced readings: :func:`load_readings` /
:func:`parse_readings` read it; :meth:`Readings.for_source` gives one document's entries
as a :class:`DocumentReadings`, which the bracket encoder asks of each bracket before its
rules (:meth:`DocumentReadings.apply`) and which says, once the document is encoded, which
entries it applied and which matched no bracket (:meth:`DocumentReadings.report`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tei_edition.encoder.brackets import rules
from tei_edition.errors import Diagnostic, InputError, Location
from tei_edition.inputs import read_text
from tei_edition.tei import tei

if TYPE_CHECKING:
    from tei_edition.encoder.brackets.encode import BracketEncoder, BracketSite

READINGS_FILE = "readings.tsv"
#: The kind that keeps a bracket as text, brackets and all (not an intervention).
LITERAL = "literal"
#: The codes of the warnings about readings.tsv (``encode --review`` shows them too: they
#: concern the editor's decisions).
WARNING_CODES = frozenset({"reading-unmatched", "reading-unfit"})

_COLUMNS = ("file", "bracket text", "occurrence", "kind")
_OCCURRENCE = re.compile(r"[0-9]{1,9}")


def normalised(text: str) -> str:
    """A bracket's text as readings.tsv gives it: white space runs as one space, none at
    the ends (a bracket over two lines, ``[stamp: Copy\\nNo 3]``, is ``stamp: Copy No 3``)."""
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------
# The forced readings: the element of each kind, as its rule builds it (the ``as_...``
# functions of tei_edition/encoder/brackets/rules.py). Each returns the kind the counts know
# it by (the rules' names: "gap" for an omission), "" for a bracket kept as text, or None
# when the bracket cannot be read so (an unclear is the word before a "[?]").


def _literal(s: BracketSite) -> str | None:
    """``[x]`` kept as the text ``[x]``; the brackets inside it are still read (each may
    have an entry of its own). Not the inside of a doubled bracket (``x`` in ``[[x]]``):
    the doubling is no bracket of its own, the row names the outer one (``[x]``)."""
    if s.doubling > 1:
        return None
    s.fill(s.parent, s.br.start, s.br.end + 1)
    return ""


#: kind (as readings.tsv names it) -> the function that reads a bracket so. The names are
#: those of tei_edition.kinds.KINDS, and "literal". A new kind is its ``as_`` function in
#: rules.py and one entry here.
FORCED: dict[str, Callable[[BracketSite], str | None]] = {
    "supplied": rules.as_supplied,
    "identification": rules.as_identification,
    "remark": rules.as_remark,
    "original": rules.as_original,
    "omitted": rules.as_omitted,
    "illegible": rules.as_illegible,
    "withheld": rules.as_withheld,
    "stamp": rules.as_stamp,
    "handwritten": rules.as_handwritten,
    "unclear": rules.as_unclear,
    "uncertain": rules.as_uncertain,
    LITERAL: _literal,
}

#: Why a bracket cannot take a kind (the warning says it), for the kinds that ask something.
_NEEDS = {
    "omitted": "a marker on one line",
    "illegible": "a description on one line without brackets of its own",
    "withheld": "a description on one line without brackets of its own",
    "original": "words on one line without brackets of their own",
    "unclear": 'a "[?]" one space after a word',
    "uncertain": 'a text on one line that ends in "?"',
    LITERAL: "a bracket that is not the inside of a doubled one (give the outer's text)",
}


#: Containers that hold elements only: a bracket encoded straight into one is a line of its
#: own the body builder took for a block (``[...]`` alone on a line, a gap between
#: paragraphs). Only these kinds, whose elements may stand between paragraphs, fit there.
_BLOCK_CONTAINERS = frozenset(tei(n) for n in ("div", "postscript", "body", "text", "group"))
_BETWEEN_BLOCKS = frozenset({"omitted", "illegible", "remark"})


# ---------------------------------------------------------------------------------------
# The file


@dataclass(frozen=True)
class Entry:
    """One row of readings.tsv: which bracket, the kind the editor gives it, and where the
    row is (``line``; ``cols``: the 1-based column of each of the four fields)."""

    file: str
    text: str  # normalised
    occurrence: int
    kind: str
    source: str  # the readings file, for diagnostics
    line: int
    cols: tuple[int, int, int, int]

    def at(self, column: int) -> Location:
        """The location of the row's field ``column`` (0: file ... 3: kind)."""
        return Location(self.source, self.line, self.cols[column])

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}"


@dataclass(frozen=True)
class Readings:
    """The rows of one readings.tsv, by source file name."""

    source: str
    entries: dict[str, tuple[Entry, ...]]

    def for_source(self, source: str) -> DocumentReadings | None:
        """The entries of the source ``source`` (a path or a name: its file name is
        looked up), or None when it has none."""
        found = self.entries.get(Path(source).name)
        return DocumentReadings(found) if found else None

    def __len__(self) -> int:
        return sum(len(v) for v in self.entries.values())


def _fields(line: str) -> Iterator[tuple[str, int]]:
    """The tab-separated fields of a line, each with its 1-based column."""
    col = 1
    for value in line.split("\t"):
        yield value, col
        col += len(value) + 1


def _entry(line: str, number: int, source: str) -> Entry:
    fields = list(_fields(line))
    if len(fields) != len(_COLUMNS):
        raise InputError(f"{len(fields)} column{'s' if len(fields) != 1 else ''} where "
                         f"readings.tsv has {len(_COLUMNS)}, separated by tabs: "
                         f"{', '.join(_COLUMNS)}", Location(source, number, 1), "readings")
    (file, c_file), (text, c_text), (occurrence, c_occ), (kind, c_kind) = fields
    file, occurrence, kind = file.strip(), occurrence.strip(), kind.strip()
    if not file or "/" in file or "\\" in file:
        raise InputError(f"the file must be a source's file name, such as letter.txt (no "
                         f"folders): {file!r}", Location(source, number, c_file), "readings")
    if not _OCCURRENCE.fullmatch(occurrence) or int(occurrence) == 0:
        raise InputError(f"the occurrence must be a whole number from 1 (which bracket of "
                         f"that text, in document order): {occurrence!r}",
                         Location(source, number, c_occ), "readings")
    if kind not in FORCED:
        raise InputError(f"unknown kind {kind!r} (known: {', '.join(sorted(FORCED))})",
                         Location(source, number, c_kind), "readings")
    return Entry(file, normalised(text), int(occurrence), kind, source, number,
                 (c_file, c_text, c_occ, c_kind))


def parse_readings(text: str, source: str = READINGS_FILE) -> Readings:
    """The rows of a readings.tsv's text. Raises InputError (``readings``) at the line and
    column of the first bad row: a wrong number of columns, no file name, an occurrence
    that is no number from 1, an unknown kind, or a bracket a row before already fixes."""
    by_file: dict[str, list[Entry]] = {}
    seen: dict[tuple[str, str, int], Entry] = {}
    for number, line in enumerate(text.removeprefix("\ufeff").split("\n"), 1):
        line = line.removesuffix("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        entry = _entry(line, number, source)
        key = (entry.file, entry.text, entry.occurrence)
        if key in seen:
            raise InputError(f"line {seen[key].line} fixes this bracket already "
                             f"([{entry.text}], occurrence {entry.occurrence} in "
                             f"{entry.file})", Location(source, number, 1), "readings")
        seen[key] = entry
        by_file.setdefault(entry.file, []).append(entry)
    return Readings(source, {k: tuple(v) for k, v in by_file.items()})


def load_readings(path: str | Path) -> Readings:
    """Read a readings.tsv (through :func:`tei_edition.inputs.read_text`: bounded like an
    edition.toml, UTF-8)."""
    return parse_readings(read_text(path, "config"), str(path))


# ---------------------------------------------------------------------------------------
# One document


#: What a document's brackets have given the readings so far: the brackets of each text
#: met, the entries applied and those that did not fit (DocumentReadings.snapshot).
Snapshot = tuple[Counter[str], dict["Entry", Location], dict["Entry", tuple[Location, str]]]


@dataclass(slots=True)
class _Level:
    """What one encoder's text has given: how far its brackets are numbered (brackets are
    met in document order, each with those inside it), and the start of each bracket an
    entry names, with the entry's key."""

    enc: BracketEncoder
    numbered_to: int = -1
    named: dict[int, tuple[str, int]] = field(default_factory=dict)


class DocumentReadings:
    """The entries of one source, applied while its brackets are read.

    Every bracket the encoder reads gets its occurrence number when it is first met: a
    bracket and the brackets inside it are numbered together, outer first, so the number
    does not depend on whether the reading chosen reads the inner ones (a gap keeps its
    marker whole). What is kept is bounded by the entries, not by the brackets: per
    encoder (a body block; an endnote's text, read inside it), how far its brackets are
    numbered and the start of each bracket an entry names."""

    def __init__(self, entries: tuple[Entry, ...]):
        self.entries = {(e.text, e.occurrence): e for e in entries}
        self.texts = {e.text for e in entries}
        self.restart()

    def restart(self) -> None:
        """Forget the brackets met: the body is read again from its start."""
        self.met: Counter[str] = Counter()  # text an entry names -> brackets of it met
        # the encoder being read, then the endnote's being read inside it (endnotes hold
        # no endnotes): True -> the endnote's
        self.levels: dict[bool, _Level] = {}
        self.applied: dict[Entry, Location] = {}  # entry -> the bracket it was applied to
        self.unfit: dict[Entry, tuple[Location, str]] = {}  # entry -> its bracket, and why

    def snapshot(self) -> Snapshot:
        """What the brackets met so far have given, for :meth:`back_to`."""
        return Counter(self.met), dict(self.applied), dict(self.unfit)

    def back_to(self, snapshot: Snapshot) -> None:
        """Forget the brackets met since ``snapshot``: a text is read again from its
        start (the texts before it, in a body of two, keep their numbering)."""
        self.restart()
        met, applied, unfit = snapshot
        self.met.update(met)
        self.applied.update(applied)
        self.unfit.update(unfit)

    def _level(self, enc: BracketEncoder) -> _Level:
        level = self.levels.get(enc.in_footnote)
        if level is None or level.enc is not enc:  # a new block, or a new endnote's text
            if not enc.in_footnote:
                self.levels.clear()
            level = self.levels[enc.in_footnote] = _Level(enc)
        return level

    def _key(self, s: BracketSite) -> tuple[str, int] | None:
        """The (text, occurrence) of the bracket of ``s``, when an entry may name it."""
        level = self._level(s.enc)
        br, text, named = s.br, s.text, level.named
        if br.start > level.numbered_to:  # met for the first time, with those inside it
            level.numbered_to = br.end
            stack = [br]
            while stack:  # in document order: the bracket, then those inside it
                b = stack.pop()
                t = normalised(text[b.start + 1:b.end])
                if t in self.texts:
                    self.met[t] += 1
                    if (t, self.met[t]) in self.entries:
                        named[b.start] = (t, self.met[t])
                stack.extend(reversed(b.children))
        return named.get(br.start)

    def apply(self, s: BracketSite) -> str | None:
        """Read the bracket of ``s`` as its entry says, if it has one: the kind for the
        counts (``""`` for a bracket kept as text); None when no entry fixes it, or when
        the entry's kind does not fit it (the rules read it, and :meth:`report` warns)."""
        key = self._key(s)
        if key is None:
            return None
        entry = self.entries[key]
        where = s.enc.location(s.br.start)
        if s.parent.tag in _BLOCK_CONTAINERS and entry.kind not in _BETWEEN_BLOCKS:
            self.unfit[entry] = where, ("it stands between paragraphs, where only "
                                        f"{', '.join(sorted(_BETWEEN_BLOCKS))} may")
            return None
        kind = FORCED[entry.kind](s)
        if kind is None:
            self.unfit[entry] = where, f"that needs {_NEEDS[entry.kind]}"
            return None
        self.applied[entry] = where
        return kind

    def report(self) -> tuple[list[Diagnostic], list[Diagnostic]]:
        """Once the document is read: a note for each entry applied, at its bracket
        (``x.txt:4:20: note [reading-applied] [Molotov] read as supplied, as
        readings.tsv:3 says``), and a warning at the row of each entry that matched no
        bracket or whose kind does not fit its bracket."""
        notes, warnings = [], []
        for entry in self.entries.values():
            if entry in self.applied:
                notes.append(Diagnostic(self.applied[entry], "note", "reading-applied",
                                        f"[{entry.text}] read as {entry.kind}, as "
                                        f"{entry.where} says"))
            elif entry in self.unfit:
                at, needs = self.unfit[entry]
                warnings.append(Diagnostic(
                    entry.at(3), "warning", "reading-unfit",
                    f"[{entry.text}] (occurrence {entry.occurrence}, {at}) cannot be read as "
                    f"{entry.kind}: {needs}; the rules read it"))
            else:
                had = self.met[entry.text]
                if entry.occurrence <= had:  # met, inside a bracket read whole
                    message = (f"[{entry.text}] (occurrence {entry.occurrence}) is inside a "
                               "bracket whose reading keeps its text whole (a marker, a "
                               "description): this row matches no bracket read")
                    at = entry.at(1)
                elif had:
                    message = (f"{entry.file} has {had} bracket{'s' if had != 1 else ''} "
                               f"[{entry.text}], not {entry.occurrence}: this row matches "
                               "no bracket")
                    at = entry.at(2)
                else:
                    message = f"{entry.file} has no bracket [{entry.text}]: this row matches none"
                    at = entry.at(1)
                warnings.append(Diagnostic(at, "warning", "reading-unmatched", message))
        return notes, warnings

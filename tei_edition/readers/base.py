"""What a reader hands on: the source's metadata, its body lines and its layout.

A reader knows its input format and nothing about TEI output formats. It returns a
:class:`Reading`: the header fields in source order (:class:`Metadata`) and the body as
numbered lines; the encoder (:mod:`tei_edition.encoder.pipeline`) turns these
into TEI, the same way for every reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple, Protocol


class Line(NamedTuple):
    """One non-empty source line: its text (trailing spaces removed), 1-based number and column.

    Immutable; a named tuple rather than a frozen dataclass because a document makes one per
    line and a frozen dataclass is several times slower to make."""

    text: str
    number: int
    col: int = 1


@dataclass
class Field:
    """One ``**Label:**`` field: the label (without ``**`` and ``:``) and its value lines."""

    label: str  # as written between ``**`` and ``:**`` (spaces and all)
    lines: list[Line]
    number: int  # line of the label
    #: the value starts on the label's line right after ``:**``, with no space between
    glued: bool = False

    @property
    def text(self) -> str:
        return "\n".join([line.text for line in self.lines])


@dataclass
class Metadata:
    """The header of a source document, as the source states it (nothing is guessed here)."""

    reader: str
    date_text: str | None = None
    title: str | None = None
    fields: list[Field] = field(default_factory=list)
    #: the order of the header parts in the source: "date", "title" and the field labels
    order: list[str] = field(default_factory=list)
    #: blocks separated by blank lines (the export restores this; see export.py)
    spaced: bool = False
    #: given on the command line for formats without a header (--language)
    language: str | None = None


@dataclass
class Reading:
    metadata: Metadata
    body: list[Line]


@dataclass(frozen=True)
class ReaderOptions:
    """What the command line may give instead of (or beside) the source's own header."""

    title: str | None = None
    date: str | None = None
    language: str | None = None
    stem: str | None = None  # the input's file name without .txt (None for stdin)


class Reader(Protocol):
    name: str
    description: str

    def read(self, text: str, source: str, options: ReaderOptions) -> Reading:
        """Split ``text`` into metadata and body lines; raise InputError for a foreign format."""
        ...

"""The Wilson Center Digital Archive's plain-text export layout (ENCODING.md §1).

::

    **April 25, 1962**                  the date line: the first bold line
    **'Cable from ...'**                the title (may span lines)
    **Citation:**  ...                  fields: a bold label, then its value lines
    **Contents:**
    Translation - English               the Contents items
    ...                                 the body: every line after the items

This module only splits the text into these parts; the header and the body are encoded
by the encoder (:mod:`tei_edition.encoder`), the same way for every reader.
"""

from __future__ import annotations

import re

from tei_edition.encoder.dates import parse_date
from tei_edition.errors import InputError, Location
from tei_edition.readers.base import Field, Line, Metadata, ReaderOptions, Reading

#: ``**Label:**`` with an optional value on the same line.
LABEL_RE = re.compile(r"^\*\*(?P<label>[^*:|\n]{1,60}):\*\*[ \t]*(?P<rest>.*)$")
#: A Contents item: "Translation - English", "English Translation", "Chinese Transcription",
#: "Original Scan". The first line that is not one starts the body.
CONTENTS_ITEM_RE = re.compile(
    r"^(?:[A-Z][a-z]+ )?(?:Translation|Transcription|Original Scan|Original|Scan)"
    r"(?: ?[-–] ?[A-Z][a-z]+)?$")
URL_LINE_RE = re.compile(r"^<(https?://[^<>\s]+)>$")
#: Fields whose value is one paragraph (used to end the header when there is no Contents).
MAX_BOLD_LINES = 8


def _lines(text: str) -> list[tuple[int, str]]:
    return [(i + 1, raw.rstrip()) for i, raw in enumerate(text.split("\n"))]


def _line(number: int, raw: str) -> Line:
    stripped = raw.lstrip()
    return Line(stripped, number, len(raw) - len(stripped) + 1)


class WilsonReader:
    name = "wilson"
    description = "the Wilson Center Digital Archive's plain-text export (the default)"

    def read(self, text: str, source: str, options: ReaderOptions) -> Reading:
        lines = _lines(text)
        labels = self._labels(lines, text, source)
        meta = Metadata(reader=self.name)
        nonempty = [n for n, raw in lines if raw]  # (each raw line is right-stripped)
        gaps = sum(1 for a, b in zip(nonempty, nonempty[1:], strict=False) if b - a > 1)
        meta.spaced = len(nonempty) > 1 and gaps * 2 >= len(nonempty) - 1
        i = self._date_and_title(lines, labels, meta, source)
        body_start = self._fields(lines, i, labels, meta)
        return Reading(meta, [_line(number, raw) for number, raw in lines[body_start:] if raw])

    @staticmethod
    def _labels(lines: list[tuple[int, str]], text: str, source: str
                ) -> dict[int, re.Match[str]]:
        """The ``**Label:**`` lines (line index -> match). The format is recognised by a
        bold first line or at least one of them: else an InputError."""
        labels: dict[int, re.Match[str]] = {}
        for k, (_, raw) in enumerate(lines):
            m = LABEL_RE.match(raw.strip())
            if m:
                labels[k] = m
        if not labels and not text.lstrip().startswith("**"):
            first = next((n for n, raw in lines if raw.strip()), 1)
            raise InputError(
                "no Wilson export header (a bold **date** line or **Label:** fields); "
                "for body text only, use --from plain", Location(source, first, 1), "format")
        return labels

    def _date_and_title(self, lines: list[tuple[int, str]], labels: dict[int, re.Match[str]],
                        meta: Metadata, source: str) -> int:
        """Up to two bold blocks before the first field: the date line and the title (one
        alone is the date when it is one, else the title). Returns the next line's index."""
        i = 0
        n = len(lines)
        bold_blocks: list[tuple[int, str]] = []
        while i < n:
            number, raw = lines[i]
            stripped = raw.strip()
            if not stripped:
                i += 1
                continue
            if not stripped.startswith("**") or i in labels or len(bold_blocks) == 2:
                break
            block, i = self._bold_block(lines, i, source)
            bold_blocks.append((number, block))
        if len(bold_blocks) == 2:
            meta.date_text, meta.title = bold_blocks[0][1], bold_blocks[1][1]
            meta.order += ["date", "title"]
        elif len(bold_blocks) == 1:
            if parse_date(bold_blocks[0][1]) is not None:
                meta.date_text = bold_blocks[0][1]
                meta.order.append("date")
            else:
                meta.title = bold_blocks[0][1]
                meta.order.append("title")
        return i

    def _fields(self, lines: list[tuple[int, str]], i: int, labels: dict[int, re.Match[str]],
                meta: Metadata) -> int:
        """The fields from line ``i``, until the Contents items end (or the last field's
        paragraph): into ``meta``. Returns the index of the body's first line."""
        current: Field | None = None
        last_label = max(labels, default=-1)
        n = len(lines)
        while i < n:
            number, raw = lines[i]
            m = labels.get(i)
            if m:
                current = self._field(m, number, raw, meta)
                i += 1
                if current.label == "Contents":
                    return self._contents_items(lines, i, current)
                continue
            if current is None:
                return i  # no fields: the body follows the date and title
            if raw.strip():
                if i > last_label and not self._last_field_goes_on(lines, i, current,
                                                                  meta.spaced):
                    break
                current.lines.append(_line(number, raw))
            i += 1
        return i

    @staticmethod
    def _field(m: re.Match[str], number: int, raw: str, meta: Metadata) -> Field:
        """A new field from its ``**Label:**`` line (with the value it holds), in ``meta``."""
        label = m["label"]  # verbatim: the export writes it back as it was
        field = Field(label, [], number)
        meta.fields.append(field)
        meta.order.append(label)
        if m["rest"].strip():
            rest = m["rest"].strip()
            col = raw.index(rest) + 1
            field.lines.append(Line(rest, number, col))
            # "**Label:**value": no space to give back between the two
            field.glued = (m.start("rest") == m.end("label") + 3
                           and not m["rest"][0].isspace())
        return field

    @staticmethod
    def _bold_block(lines: list[tuple[int, str]], i: int, source: str) -> tuple[str, int]:
        """A bold line or block ``**...**`` (the title may span lines): its text, the next index."""
        number, raw = lines[i]
        parts: list[str] = []
        j = i
        while j < len(lines) and j - i < MAX_BOLD_LINES:
            text = lines[j][1].strip()
            if j == i:
                text = text[2:]
            if text.endswith("**") and (j > i or len(lines[j][1].strip()) >= 4):
                parts.append(text[:-2])
                joined = " ".join(p.strip() for p in parts if p.strip())
                # "** title **": white space inside the markers is kept (one space), so
                # that the export gives back the same words
                inner = "".join(parts)
                if joined and inner[:1].isspace():
                    joined = " " + joined
                if joined and inner[-1:].isspace():
                    joined += " "
                return joined or (" " if inner.strip() != inner else ""), j + 1
            if not text and j > i:
                break
            parts.append(text + " ")
            j += 1
        raise InputError("bold line '**' is never closed", Location(source, number, 1), "format")

    @staticmethod
    def _contents_items(lines: list[tuple[int, str]], i: int, field: Field) -> int:
        while i < len(lines):
            number, raw = lines[i]
            stripped = raw.strip()
            if stripped and not CONTENTS_ITEM_RE.match(stripped):
                break
            if stripped:
                field.lines.append(_line(number, raw))
            i += 1
        return i

    @staticmethod
    def _last_field_goes_on(lines: list[tuple[int, str]], i: int, field: Field,
                            spaced: bool) -> bool:
        """Whether a non-empty line after the last label still belongs to that field.

        A field runs to the next label. The last field of an export without **Contents:**
        holds one paragraph: its first line, a URL line after it, and in a spaced layout
        the lines up to the next blank line; the body follows.
        """
        if not field.lines:
            return True
        if URL_LINE_RE.match(lines[i][1].strip()):
            return True
        previous = lines[i - 1][1].strip()
        return spaced and bool(previous) and not URL_LINE_RE.match(previous)

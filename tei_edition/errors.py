"""The exception tree, source locations, diagnostics and the fixed exit codes.

Every problem the toolkit reports is a :class:`Diagnostic` with a :class:`Location`;
its GNU form is ``file:line:col: level [code] message``, which editors and CI parse.
The library raises or returns diagnostics; only ``cli.py`` prints them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes of the ``tei-edition`` command. Never the count of errors."""

    OK = 0
    INVALID = 1  # bad input: unreadable, malformed or invalid documents; an unwritable output
    USAGE = 2  # bad command line
    INTERNAL = 3  # an error tei-edition did not foresee: a bug, to be reported
    INTERRUPTED = 130  # Ctrl-C (SIGINT), as shells report it
    TERMINATED = 143  # SIGTERM


@dataclass(frozen=True, slots=True)
class Location:
    """Where something is: a file (or ``<stdin>``), and a 1-based line and column."""

    file: str
    line: int | None = None
    col: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        return ":".join(parts)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One message about a place in a document."""

    location: Location
    level: str  # "error", "warning" or "note" (a reading for the editor to review)
    code: str  # a short slug: "unbalanced-bracket", "rng", "xml", a Schematron rule id
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.level} [{self.code}] {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.location.file,
            "line": self.location.line,
            "col": self.location.col,
            "level": self.level,
            "code": self.code,
            "message": self.message,
        }


class TeiEditionError(Exception):
    """Base of every error the toolkit raises on purpose."""

    exit_code: ExitCode = ExitCode.INVALID

    def __init__(self, message: str, location: Location | None = None, code: str = "error"):
        super().__init__(message)
        self.message = message
        self.location = location
        self.code = code

    def __str__(self) -> str:
        if self.location is None:
            return self.message
        return f"{self.location}: {self.message}"

    def diagnostic(self) -> Diagnostic:
        return Diagnostic(self.location or Location("<unknown>"), "error", self.code, self.message)


class InputError(TeiEditionError, ValueError):
    """An input document cannot be read: empty, binary, not UTF-8, not the expected format."""


class XMLSyntaxProblem(TeiEditionError, ValueError):
    """An XML document is not well-formed or tries something unsafe (DTD, entities)."""


class OutputExistsError(TeiEditionError, FileExistsError):
    """An output file exists and ``--force`` was not given."""


class SchemaError(TeiEditionError):
    """An ODD, RELAX NG or Schematron schema is broken."""


class InvalidDocumentError(TeiEditionError):
    """A document is not valid; ``diagnostics`` lists every problem."""

    def __init__(self, message: str, diagnostics: list[Diagnostic]):
        first = diagnostics[0].location if diagnostics else None
        super().__init__(message, first, "invalid")
        self.diagnostics = diagnostics

"""Input formats, registered by name: ``--from wilson`` (the default), ``--from plain``.

A reader splits a source text into metadata and body lines (:class:`Reading`); adding a
format is one module here and one entry in :data:`READERS`.
"""

from __future__ import annotations

from tei_edition.errors import ExitCode, TeiEditionError
from tei_edition.readers.base import Reader, ReaderOptions, Reading
from tei_edition.readers.plain import PlainReader
from tei_edition.readers.wilson import WilsonReader

#: name -> reader; the first is the default.
READERS: dict[str, Reader] = {
    "wilson": WilsonReader(),
    "plain": PlainReader(),
}
DEFAULT_READER = "wilson"
#: The prefix of each reader's document ids (an NCName never starts with a digit).
ID_PREFIXES = {"wilson": "wilson", "plain": "doc"}


class UnknownReaderError(TeiEditionError, ValueError):
    """``--from`` names no registered reader."""

    exit_code = ExitCode.USAGE


def get_reader(name: str) -> Reader:
    try:
        return READERS[name]
    except KeyError:
        known = ", ".join(READERS)
        raise UnknownReaderError(f"unknown input format '{name}' (known: {known})",
                                 code="usage") from None


__all__ = ["DEFAULT_READER", "ID_PREFIXES", "READERS", "Reader", "ReaderOptions", "Reading",
           "UnknownReaderError", "get_reader"]

"""The one way in: every file the toolkit reads is opened here, bounded and checked.

An input is a regular file (a device, FIFO, socket or folder is refused by name, also behind
a symbolic link) or standard input; it is read in blocks and refused as soon as it passes
its limit, so ``/dev/zero`` or ``head -c 1G /dev/zero | tei-edition encode -`` costs one
block more than the limit, never the whole stream. The limits (:data:`LIMITS`) are
documented in the README and can be set through the environment::

    TEI_EDITION_MAX_XML_BYTES      a TEI, ODD, Schematron or p5subset file (default 64 MiB)
    TEI_EDITION_MAX_TEXT_BYTES     a plain-text source (default 16 MiB)
    TEI_EDITION_MAX_CONFIG_BYTES   an edition.toml (default 1 MiB)

XML is parsed by :func:`tei_edition.tei.parse_bytes` from the bytes read here (no DTD, no
entities, elements nested at most 256 deep).
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from tei_edition.errors import InputError, Location

#: Bytes read from a file at a time.
BLOCK = 1 << 16


def _env_int(name: str, default: int, low: int, high: int) -> int:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        number = int(value.strip().replace("_", ""))
    except ValueError:
        raise InputError(f"{name}={value!r} is not a whole number",
                         Location("<environment>"), "usage") from None
    if not low <= number <= high:
        raise InputError(f"{name}={number} lies outside {low}..{high}",
                         Location("<environment>"), "usage")
    return number


@dataclass(frozen=True)
class Limits:
    """How much the toolkit reads of one input. Deeper or larger inputs are refused."""

    xml_bytes: int = 64 * 1024 * 1024
    text_bytes: int = 16 * 1024 * 1024
    config_bytes: int = 1024 * 1024

    @classmethod
    def from_environment(cls) -> Limits:
        gib = 1 << 30
        return cls(
            xml_bytes=_env_int("TEI_EDITION_MAX_XML_BYTES", cls.xml_bytes, 1, 4 * gib),
            text_bytes=_env_int("TEI_EDITION_MAX_TEXT_BYTES", cls.text_bytes, 1, gib),
            config_bytes=_env_int("TEI_EDITION_MAX_CONFIG_BYTES", cls.config_bytes, 1, gib),
        )


_limits: Limits | None = None


def limits() -> Limits:
    """The limits in force (read from the environment once per process)."""
    global _limits
    if _limits is None:
        _limits = Limits.from_environment()
    return _limits


def _size_words(n: int) -> str:
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= size and n % size == 0:
            return f"{n // size} {unit}"
    return f"{n:,} bytes"


def _too_large(source: str, limit: int, variable: str) -> InputError:
    return InputError(f"more than {_size_words(limit)}, the limit for this kind of input "
                      f"(set {variable} to raise it)", Location(source), "too-large")


def _kind_of(mode: int) -> str | None:
    """What a file that is not a regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _read_bounded(stream: BinaryIO | int, limit: int, source: str, variable: str) -> bytes:
    """Read to the end, or refuse once more than ``limit`` bytes have come."""
    chunks: list[bytes] = []
    total = 0
    while True:
        block = os.read(stream, BLOCK) if isinstance(stream, int) else stream.read(BLOCK)
        if not block:
            return b"".join(chunks)
        total += len(block)
        if total > limit:
            raise _too_large(source, limit, variable)
        chunks.append(block)


_VARIABLES = {"xml": "TEI_EDITION_MAX_XML_BYTES", "text": "TEI_EDITION_MAX_TEXT_BYTES",
              "config": "TEI_EDITION_MAX_CONFIG_BYTES"}


def _limit_of(kind: str) -> tuple[int, str]:
    lim = limits()
    return {"xml": lim.xml_bytes, "text": lim.text_bytes,
            "config": lim.config_bytes}[kind], _VARIABLES[kind]


def read_file(path: str | Path, kind: str = "xml") -> bytes:
    """The bytes of a regular file, at most the limit of ``kind`` (``xml``, ``text`` or
    ``config``). Raises :class:`InputError` (code ``io`` or ``too-large``) naming the file."""
    name = str(path)
    limit, variable = _limit_of(kind)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0)
                     | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.EISDIR:
            raise InputError("is a folder, not a file", Location(name), "io") from None
        raise InputError(f"cannot read: {exc.strerror}", Location(name), "io") from None
    try:
        info = os.fstat(fd)
        what = _kind_of(info.st_mode)
        if what is not None:
            link = " (behind a symbolic link)" if os.path.islink(path) else ""
            raise InputError(f"is {what}{link}, not a regular file: it is not read",
                             Location(name), "io")
        if info.st_size > limit:
            raise _too_large(name, limit, variable)
        return _read_bounded(fd, limit, name, variable)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", Location(name), "io") from None
    finally:
        os.close(fd)


def read_stdin(kind: str = "text", stream: BinaryIO | None = None) -> bytes:
    """Standard input, with the same bound as a file of ``kind``."""
    limit, variable = _limit_of(kind)
    return _read_bounded(stream if stream is not None else sys.stdin.buffer, limit,
                         "<stdin>", variable)


def read_text(path: str | Path, kind: str = "config") -> str:
    """A UTF-8 text file (edition.toml, a register's TSV), bounded like :func:`read_file`."""
    data = read_file(path, kind)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError("not UTF-8", Location(str(path), line, col), "encoding") from None


def find_files(paths: Iterable[str | Path], suffix: str, *, recursive: bool = True) -> list[Path]:
    """The files named by ``paths``: files as given, folders searched for ``*suffix`` (sorted;
    into subfolders when ``recursive``). A file named twice counts once. Whatever matches
    is kept, regular file or not (a FIFO or a link to a device named ``x.xml`` in a folder),
    so that :func:`read_file` refuses it by name rather than it vanishing in silence; a path
    that does not exist is kept too, for the caller to report."""
    found: list[Path] = []
    seen: set[Path] = set()
    for given in paths:
        p = Path(given)
        if p.is_dir():
            pattern = f"**/*{suffix}" if recursive else f"*{suffix}"
            candidates = sorted(q for q in p.glob(pattern) if not q.is_dir())
        else:
            candidates = [p]
        for q in candidates:
            key = Path(os.path.abspath(q))
            if key not in seen:
                seen.add(key)
                found.append(q)
    return found


def find_documents(paths: Iterable[str | Path]) -> list[Path]:
    """The TEI documents to publish (``*.xml``, folders searched recursively). A path that
    does not exist, or finding none at all, is an :class:`InputError`."""
    given = [Path(p) for p in paths]
    for p in given:
        if not os.path.lexists(p):
            raise InputError("no such file or folder", Location(str(p)), "io")
    found = find_files(given, ".xml")
    if not found:
        raise InputError("no TEI documents (*.xml) found",
                         Location(" ".join(map(str, given)) or "<command line>"), "no-input")
    return found


class FileSet:
    """The files some paths name, known as ``os.path.samefile`` knows them (device and
    inode, links followed), each path looked at once: ``path in files`` is one ``stat``
    however many paths there are. (Asked of every output against every input, samefile
    cost n x m ``stat`` calls: 2.2 million, 23 of 29 seconds, for an edition of 1,040
    sources.) A path that is not there names no file."""

    def __init__(self, paths: Iterable[str | Path] = ()):
        self._ids: set[tuple[int, int]] = set()
        for path in paths:
            key = _identity(path)
            if key is not None:
                self._ids.add(key)

    def __contains__(self, path: object) -> bool:
        if not isinstance(path, (str, Path)):
            return False
        key = _identity(path)
        return key is not None and key in self._ids


def _identity(path: str | Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):  # not there, unreadable, or a name with NUL in it
        return None
    return info.st_dev, info.st_ino

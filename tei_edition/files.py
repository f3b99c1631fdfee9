"""Writing outputs safely: never over an existing file without ``force``, always atomically."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from tei_edition.errors import InputError, Location, OutputExistsError


def check_writable(path: str | Path, force: bool) -> None:
    """Raise :class:`OutputExistsError` if ``path`` exists and ``force`` is false."""
    p = Path(path)
    if p.exists() and not force:
        raise OutputExistsError(
            "output exists; it may hold hand edits, so it is not overwritten "
            "(use --force to replace it)", Location(str(p)), "exists")


def write_atomic(path: str | Path, data: bytes | str, *, force: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    p = Path(path)
    check_writable(p, force)
    if isinstance(data, str):
        data = data.encode("utf-8")
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def find_files(paths: Iterable[str | Path], suffix: str, *, recursive: bool = True) -> list[Path]:
    """The files named by ``paths``: files as given, folders searched for ``*suffix`` (sorted;
    into subfolders when ``recursive``). A file named twice counts once. A path that does not
    exist is kept, so that the caller reports it where it reports unreadable files."""
    found: list[Path] = []
    seen: set[Path] = set()
    for given in paths:
        p = Path(given)
        if p.is_dir():
            pattern = f"**/*{suffix}" if recursive else f"*{suffix}"
            candidates = sorted(q for q in p.glob(pattern) if q.is_file())
        else:
            candidates = [p]
        for q in candidates:
            key = q.resolve()
            if key not in seen:
                seen.add(key)
                found.append(q)
    return found


def find_documents(paths: Iterable[str | Path]) -> list[Path]:
    """The TEI documents to publish (``*.xml``, folders searched recursively). A path that
    does not exist, or finding none at all, is an :class:`InputError`."""
    given = [Path(p) for p in paths]
    for p in given:
        if not p.exists():
            raise InputError("no such file or folder", Location(str(p)), "io")
    found = find_files(given, ".xml")
    if not found:
        raise InputError("no TEI documents (*.xml) found",
                         Location(" ".join(map(str, given)) or "<command line>"), "no-input")
    return found

"""Writing outputs safely: never over an existing file without ``force``, always atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from tei_edition.errors import Location, OutputExistsError


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

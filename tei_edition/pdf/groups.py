"""The groups of an edition's print volumes: which documents go into which PDF.

``[print] volumes`` in edition.toml (tei_edition/edition.py) chooses the grouping:

    "year"     one group per year of the documents' dates (Metadata.year), in date order;
               the undated documents in a group of their own, last ("undated")
    "series"   one group per archival series, by title; the documents that state none in a
               group of their own, last ("no-series")
    "none"     one group of the whole edition ("edition"), as ``tei-edition pdf`` prints it

A document's series is the holding archive its header states (Metadata.archive: the
``msIdentifier/repository``, else the leading words of its signature, "PRC FMA" of
"PRC FMA 105-00412-07"). It is the one series every document the encoder writes states: the
Wilson Center's export names no collection, and the project schema admits neither
``seriesStmt`` nor ``msIdentifier/collection``.

A group's name is the stem of its PDF files (tei_edition/pdf/budget.py, volume_file_names:
``1961.pdf``, or ``1961-1.pdf``, ``1961-2.pdf`` when the page budget splits it). Names are
made from the group's key alone, so that a group keeps its name from build to build while
its members stay: the year, or the series title as lower-case ASCII letters, digits and
hyphens ("PRC Foreign Ministry Archive" -> ``prc-foreign-ministry-archive``). No name ends
in a hyphen and digits (``Series 2`` -> ``series_2``), so a part of a split group
(``NAME-2.pdf``) is never the file of another group; two series of the same name (which
differ only in case or punctuation) each get a digest of their title.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tei_edition.edition import VOLUME_GROUPINGS, Edition
from tei_edition.metadata import Metadata

#: The group of the whole edition (``volumes = "none"``): edition.pdf, as before groups.
EDITION_GROUP = "edition"
#: The names and titles of the groups of the documents that have no year, or no series.
UNDATED = ("undated", "Undated documents")
NO_SERIES = ("no-series", "Documents without a stated archive")
#: The longest name made from a series title (its files add "-N.pdf").
MAX_NAME = 80


@dataclass(frozen=True)
class VolumeGroup:
    """The documents of one group of volumes.

    ``name``: the stem of its PDF files; ``title``: what its title page says beneath the
    edition's title ("1961", "PRC Foreign Ministry Archive"), None for the whole edition;
    ``paths``: its files, in volume order (by date, as the site lists them)."""

    name: str
    title: str | None
    paths: tuple[Path, ...]


def volume_groups(documents: Sequence[tuple[Path, Metadata]], edition: Edition
                  ) -> list[VolumeGroup]:
    """The edition's documents (one entry per file: a file is printed whole, so the first
    entry of a path decides its group) in the groups ``edition.volumes`` asks for, in the
    order of their keys (years ascending, series by title), the group without a key last.
    No document: no group."""
    if edition.volumes not in VOLUME_GROUPINGS:
        raise ValueError(f"unknown grouping {edition.volumes!r}; the known ones are "
                         f"{', '.join(VOLUME_GROUPINGS)}")
    first: dict[Path, Metadata] = {}
    for path, meta in documents:
        first.setdefault(path, meta)
    ordered = sorted(first.items(), key=lambda item: (item[1].sort_key, str(item[0])))
    if edition.volumes == "none":
        paths = tuple(path for path, _ in ordered)
        return [VolumeGroup(EDITION_GROUP, None, paths)] if paths else []
    keyed: dict[str | None, list[Path]] = {}
    for path, meta in ordered:
        key = meta.year if edition.volumes == "year" else (meta.archive or None)
        keyed.setdefault(key, []).append(path)
    keys = sorted((k for k in keyed if k is not None), key=lambda k: (k.casefold(), k))
    names = _names(keys)
    groups = [VolumeGroup(names[k], k, tuple(keyed[k])) for k in keys]
    if None in keyed:
        name, title = UNDATED if edition.volumes == "year" else NO_SERIES
        if name in names.values():  # a series of that name: this group is told apart
            name = f"{name}-{_digest('')}"
        groups.append(VolumeGroup(name, title, tuple(keyed[None])))
    return groups


def _names(keys: Sequence[str]) -> dict[str, str]:
    """Each key's file name (module docstring), unique among them."""
    names = {key: group_name(key) for key in keys}
    taken = Counter(names.values())
    return {key: f"{name}-{_digest(key)}" if taken[name] > 1 else name
            for key, name in names.items()}


def group_name(key: str) -> str:
    """A group key as a file name: ASCII letters and digits, lower case, runs of anything
    else as one hyphen, never ending in a hyphen and digits; a key with nothing left, or
    longer than :data:`MAX_NAME`, keeps what it has and gets a digest of the whole."""
    ascii_key = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode("ascii")
    name = re.sub(r"[^a-z0-9]+", "-", ascii_key.lower()).strip("-")
    if not name or len(name) > MAX_NAME:
        name = "-".join(p for p in (name[:MAX_NAME - 9].rstrip("-"), _digest(key)) if p)
    if re.fullmatch(r"\d+", name):
        return name  # a year: 1961, and its parts 1961-1, 1961-2
    return re.sub(r"-(\d+)$", r"_\1", name)


def _digest(key: str) -> str:
    return "s" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:7]

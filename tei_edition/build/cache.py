"""The build cache: what an earlier build found, so that the next one redoes only what changed.

It is one SQLite file, ``.tei-edition/build-cache.sqlite`` in the project (stdlib, one file,
rows read and written one document at a time: a rebuild of 100,000 documents with one
changed reads the few rows it needs and writes one, where a JSON file would be read and
written whole). It holds:

- ``files``: a stat cache, path -> (size, mtime_ns, inode, sha256), so that a file whose
  status did not change is not read again (:meth:`BuildCache.digest`);
- ``sources``: per source, the digests of the source and its TEI after the last encode
  stage, with the encode context (edition.toml, readings.tsv, tool version): both the same
  and the outcome was not a hand edit means the source needs no encoder;
- ``verdicts``: validation verdicts by (TEI path, TEI digest, schema digest, include root),
  with their diagnostics;
- ``documents``: per TEI file, the key it was rendered under (its digest and the render
  context: edition.toml, stylesheets, version) and its summary (tei_edition/build/pages.py);
- ``state``: keys of whole-edition outputs (the index, the PDF volumes).

The cache only ever says "this was already done": a missing, unreadable or corrupt cache is
an empty one (a full build), and nothing read from it names a file to write (the output
names come from OUT's own manifest and the renderer, checked by tei_edition/files.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
from collections.abc import Iterable
from pathlib import Path

from tei_edition.errors import Diagnostic, Location

CACHE_FILE = "build-cache.sqlite"
XINCLUDE = b"http://www.w3.org/2001/XInclude"
#: bumped when the layout of the cache or of a summary changes: an older cache is dropped
SCHEMA_VERSION = "2"

_TABLES = """
create table if not exists info (key text primary key, value text not null);
create table if not exists files (path text primary key, size integer, mtime_ns integer,
                                  ino integer, sha text, xinclude integer);
create table if not exists sources (name text primary key, key text not null,
                                    action text not null);
create table if not exists verdicts (key text primary key, valid integer not null,
                                     diagnostics text not null);
create table if not exists documents (path text primary key, key text not null,
                                      outputs text not null, summary text not null);
create table if not exists state (key text primary key, value text not null);
"""


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def combine(*parts: str) -> str:
    """One digest of many (each part a digest or a short value)."""
    return sha256_bytes("\0".join(parts).encode("utf-8"))


class BuildCache:
    """The cache of one project (module docstring). Use as a context manager; nothing is
    kept unless :meth:`commit` is called (an interrupted build keeps the previous cache,
    which is still true of every file it describes: keys are content digests)."""

    def __init__(self, path: Path | None):
        self.path = path
        self.db = self._open(path)
        # the stat cache read in one query (a rebuild of 10,000 documents asks for 20,000)
        self._files: dict[str, tuple[int, int, int, str, bool]] = {
            str(p): (size, mtime, ino, str(sha), bool(inc)) for p, size, mtime, ino, sha, inc
            in self.db.execute("select path, size, mtime_ns, ino, sha, xinclude from files")}

    @staticmethod
    def _connect(path: Path | None) -> sqlite3.Connection:
        db = sqlite3.connect(":memory:" if path is None else str(path))
        db.executescript(_TABLES)
        row = db.execute("select value from info where key = 'version'").fetchone()
        if row is None:
            db.execute("insert into info values ('version', ?)", (SCHEMA_VERSION,))
        elif row[0] != SCHEMA_VERSION:
            raise sqlite3.DatabaseError("an older build cache")
        return db

    def _open(self, path: Path | None) -> sqlite3.Connection:
        if path is not None:
            try:
                if path.is_symlink() or (path.exists() and not path.is_file()):
                    path = None  # never written through a link
                else:
                    path.parent.mkdir(parents=True, exist_ok=True)
            except OSError:
                path = None
        try:
            return self._connect(path)
        except sqlite3.Error:
            pass
        if path is not None:  # corrupt or older: start again from an empty cache
            try:
                path.unlink()
                return self._connect(path)
            except (OSError, sqlite3.Error):
                pass
        return self._connect(None)

    def __enter__(self) -> BuildCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.db.close()

    def commit(self) -> None:
        try:
            self.db.commit()
        except sqlite3.Error:  # pragma: no cover - a full disk: the next build redoes it
            pass

    # -- files ---------------------------------------------------------------------------

    def digest(self, path: Path) -> str | None:
        """The sha256 of a file, read only when its size, mtime or inode changed since it was
        last hashed; None when it cannot be read."""
        found = self.digest_and_includes(path)
        return None if found is None else found[0]

    def digest_and_includes(self, path: Path) -> tuple[str, bool] | None:
        """:meth:`digest`, and whether the file names the XInclude namespace (then what it
        gives depends on other files: its verdicts and pages are never cached)."""
        key = str(path)
        try:
            info = os.stat(path)
        except OSError:
            return None
        if not stat.S_ISREG(info.st_mode):  # a FIFO, a device: never read here (the stages
            return None  # that read it refuse it, with their diagnostics)
        row = self._files.get(key)
        if row is not None and row[:3] == (info.st_size, info.st_mtime_ns, info.st_ino):
            return row[3], row[4]
        try:
            data = path.read_bytes()
        except OSError:
            return None
        sha, includes = sha256_bytes(data), XINCLUDE in data
        self.db.execute("insert or replace into files values (?, ?, ?, ?, ?, ?)",
                        (key, info.st_size, info.st_mtime_ns, info.st_ino, sha, includes))
        self._files[key] = (info.st_size, info.st_mtime_ns, info.st_ino, sha, includes)
        return sha, includes

    def tree_digest(self, folder: Path) -> str:
        """One digest of every file under ``folder`` (names and contents)."""
        parts = []
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            parts.append(f"{path.relative_to(folder).as_posix()}:{self.digest(path)}")
        return combine(*parts)

    # -- rows ----------------------------------------------------------------------------

    def get(self, table: str, key: str, columns: str) -> tuple[object, ...] | None:
        assert table in ("sources", "verdicts", "documents", "state")
        name = {"sources": "name", "documents": "path"}.get(table, "key")
        row = self.db.execute(f"select {columns} from {table} where {name} = ?",  # noqa: S608
                              (key,)).fetchone()
        return None if row is None else tuple(row)

    def put(self, table: str, *values: object) -> None:
        assert table in ("sources", "verdicts", "documents", "state")
        marks = ", ".join("?" * len(values))
        self.db.execute(f"insert or replace into {table} values ({marks})",  # noqa: S608
                        values)

    def document_rows(self) -> dict[str, tuple[str, str]]:
        """Every document's (key, outputs), in one query."""
        return {str(p): (str(k), str(o)) for p, k, o
                in self.db.execute("select path, key, outputs from documents")}

    def drop_documents_except(self, paths: Iterable[str]) -> None:
        keep = set(paths)
        gone = [p for (p,) in self.db.execute("select path from documents") if p not in keep]
        self.db.executemany("delete from documents where path = ?", [(p,) for p in gone])



def diagnostics_to_json(diagnostics: Iterable[Diagnostic]) -> str:
    return json.dumps([d.as_dict() for d in diagnostics], ensure_ascii=False)


def diagnostics_from_json(text: str) -> list[Diagnostic]:
    """Diagnostics read back; anything malformed is dropped (a cache is no authority)."""
    found = []
    try:
        items = json.loads(text)
    except ValueError:
        return []
    for d in items if isinstance(items, list) else []:
        try:
            found.append(Diagnostic(Location(str(d["file"]), d["line"], d["col"]),
                                    str(d["level"]), str(d["code"]), str(d["message"])))
        except (KeyError, TypeError):
            continue
    return found


# -- the link stage (tei_edition/build/link.py) ----------------------------------------
# Its own table, made when first asked for (an older cache without it is simply empty
# there): per TEI path, the key it was last linked under (its digest after linking, the
# registers' digest, the tool version) and the notes that linking gave.

_LINKS = ("create table if not exists links (path text primary key, key text not null, "
          "diagnostics text not null)")


def link_row(cache: BuildCache, path: str) -> tuple[str, str] | None:
    """The key ``path`` was last linked under and its notes (JSON), or None."""
    cache.db.execute(_LINKS)
    row = cache.db.execute("select key, diagnostics from links where path = ?",
                           (path,)).fetchone()
    return None if row is None else (str(row[0]), str(row[1]))


def put_link_row(cache: BuildCache, path: str, key: str, diagnostics: str) -> None:
    cache.db.execute(_LINKS)
    cache.db.execute("insert or replace into links values (?, ?, ?)", (path, key, diagnostics))

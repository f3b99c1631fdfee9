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
  context: edition.toml, stylesheets, version) and its summary (tei_edition/build/pages.py)
  in two columns: its documents' entries, and apart their search terms (the bulk of it,
  read one file at a time by an index made again: tei_edition/build/index_state.py);
- ``state``: keys of whole-edition outputs (the index, the PDF volumes);
- ``index_documents`` and ``index_terms``: what the index stage made the index from, so that
  it updates the index rather than making it again (tei_edition/build/index_state.py): per
  TEI file, the digest of the summary it read, its entries without their terms and, apart,
  their terms; per term shard (site_index.term_shards), its file's text (its terms'
  postings).

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
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from tei_edition.errors import Diagnostic, Location

CACHE_FILE = "build-cache.sqlite"
#: a kept diagnostic's file in the edition's folder: ``<edition>/tei/d1.xml``
_IN_EDITION = "<edition>/"
XINCLUDE = b"http://www.w3.org/2001/XInclude"
#: bumped when the layout of the cache or of a summary changes: an older cache is dropped
SCHEMA_VERSION = "6"

_TABLES = """
create table if not exists info (key text primary key, value text not null);
create table if not exists files (path text primary key, size integer, mtime_ns integer,
                                  ino integer, sha text, xinclude integer);
create table if not exists sources (name text primary key, key text not null,
                                    action text not null);
create table if not exists verdicts (key text primary key, valid integer not null,
                                     diagnostics text not null);
create table if not exists documents (path text primary key, key text not null,
                                      outputs text not null, entries text not null,
                                      terms text not null);
create table if not exists state (key text primary key, value text not null);
create table if not exists index_documents (path text primary key, summary text not null,
                                            entries text not null, terms text not null);
create table if not exists index_terms (key text primary key, postings text not null);
create table if not exists links (path text primary key, key text not null,
                                  diagnostics text not null);
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

    def __init__(self, path: Path | None, base: str | Path | None = None):
        self.path = path
        #: the edition's folder as this build spells it: the cache names the files in it
        #: relative to it (:meth:`key`), so that ``build .`` and ``build /abs/path`` of one
        #: edition share what they did
        self.base = "" if base is None else str(base)
        self.db = self._open(path)
        # the stat cache read in one query (a rebuild of 10,000 documents asks for 20,000)
        self._files: dict[str, tuple[int, int, int, str, bool]] = {
            str(p): (size, mtime, ino, str(sha), bool(inc)) for p, size, mtime, ino, sha, inc
            in self.db.execute("select path, size, mtime_ns, ino, sha, xinclude from files")}
        # what this build already found of a file: each is stat'ed once per stage that may
        # have changed it (refresh(), after the encode stage), not once per use
        self._checked: dict[str, tuple[str, bool] | None] = {}

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

    # -- names ---------------------------------------------------------------------------

    def key(self, path: str | Path) -> str:
        """The name the cache knows a file by: relative to the edition's folder when it is in
        it (as this build spells it), else as given."""
        text = str(path)
        if self.base and self.base != "." and text.startswith(self.base + "/"):
            return text[len(self.base) + 1:]
        return text

    def spelled(self, key: str) -> str:
        """A file's name as this build spells it, from :meth:`key`."""
        if self.base and self.base != "." and not os.path.isabs(key):
            return f"{self.base}/{key}"
        return key

    def _kept_file(self, file: str) -> str:
        key = self.key(file)
        if key != file or (self.base == "." and not os.path.isabs(file)
                           and not file.startswith("<")):  # "<stdin>" is no file
            return _IN_EDITION + key
        return file

    def diagnostics_to_json(self, diagnostics: Iterable[Diagnostic]) -> str:
        """Diagnostics kept, their files in the edition named relative to it (:meth:`key`)."""
        return json.dumps([{**d.as_dict(), "file": self._kept_file(d.location.file)}
                           for d in diagnostics], ensure_ascii=False)

    def diagnostics_from_json(self, text: str) -> list[Diagnostic]:
        """Diagnostics read back, their files spelled as this build spells them."""
        return diagnostics_from_json(text, self._spelled_file)

    def _spelled_file(self, file: str) -> str:
        return self.spelled(file[len(_IN_EDITION):]) if file.startswith(_IN_EDITION) else file

    # -- files ---------------------------------------------------------------------------

    def digest(self, path: Path) -> str | None:
        """The sha256 of a file, read only when its size, mtime or inode changed since it was
        last hashed; None when it cannot be read."""
        found = self.digest_and_includes(path)
        return None if found is None else found[0]

    def digest_and_includes(self, path: Path) -> tuple[str, bool] | None:
        """:meth:`digest`, and whether the file names the XInclude namespace (then what it
        gives depends on other files: its verdicts and pages are never cached)."""
        key = self.key(path)
        if key in self._checked:
            return self._checked[key]
        found = self._check(path, key)
        self._checked[key] = found
        return found

    def refresh(self) -> None:
        """Files may have changed since they were checked (the encode stage wrote them):
        the next :meth:`digest` stats them again."""
        self._checked.clear()

    def _check(self, path: Path, key: str) -> tuple[str, bool] | None:
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
        if table == "documents":
            key = self.key(key)
        row = self.db.execute(f"select {columns} from {table} where {name} = ?",  # noqa: S608
                              (key,)).fetchone()
        return None if row is None else tuple(row)

    def put(self, table: str, *values: object) -> None:
        assert table in ("sources", "verdicts", "documents", "state")
        if table == "documents":
            values = (self.key(str(values[0])), *values[1:])
        marks = ", ".join("?" * len(values))
        self.db.execute(f"insert or replace into {table} values ({marks})",  # noqa: S608
                        values)

    def source_rows(self) -> dict[str, tuple[str, str]]:
        """Every source's (key, action), in one query."""
        return {str(n): (str(k), str(a)) for n, k, a
                in self.db.execute("select name, key, action from sources")}

    def verdict_rows(self, keys: Iterable[str]) -> dict[str, tuple[int, str]]:
        """The verdicts (valid, diagnostics) of those ``keys`` the cache holds, in a query
        per 500 keys."""
        wanted, found = list(keys), dict[str, tuple[int, str]]()
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            found.update((str(k), (int(v), str(d))) for k, v, d in self.db.execute(
                "select key, valid, diagnostics from verdicts where key in "  # noqa: S608
                f"({', '.join('?' * len(chunk))})", chunk))
        return found

    def document_rows(self) -> dict[str, tuple[str, str]]:
        """Every document's (key, outputs), in one query, by its path as this build spells
        it."""
        return {self.spelled(str(p)): (str(k), str(o)) for p, k, o
                in self.db.execute("select path, key, outputs from documents")}

    def drop_documents(self, paths: Iterable[str]) -> None:
        self.db.executemany("delete from documents where path = ?",
                            [(self.key(p),) for p in paths])

    def drop_documents_except(self, paths: Iterable[str]) -> None:
        keep = {self.key(p) for p in paths}
        gone = [p for (p,) in self.db.execute("select path from documents") if p not in keep]
        self.db.executemany("delete from documents where path = ?", [(p,) for p in gone])

    # -- the index stage's rows (tei_edition/build/index_state.py) -----------------------

    def document_entries(self) -> Iterator[tuple[str, str]]:
        """Every document row's (path, entries), by the names the cache knows them by
        (:meth:`key`), read as they are asked for (not all held at once)."""
        for path, entries in self.db.execute("select path, entries from documents"):
            yield str(path), str(entries)

    def document_terms(self, path: str) -> str | None:
        """The search terms of the document row of ``path`` (a name :meth:`key` gives)."""
        row = self.db.execute("select terms from documents where path = ?", (path,)).fetchone()
        return None if row is None else str(row[0])

    def summaries(self, paths: Iterable[str]) -> dict[str, tuple[str, str]]:
        """The summaries (entries, terms) of the documents ``paths``, in few queries, by the
        names the cache knows them by (:meth:`key`)."""
        found: dict[str, tuple[str, str]] = {}
        keys = [self.key(p) for p in paths]
        for start in range(0, len(keys), 500):
            part = keys[start:start + 500]
            marks = ", ".join("?" * len(part))
            found.update((str(p), (str(e), str(t))) for p, e, t in self.db.execute(
                f"select path, entries, terms from documents where path in ({marks})",  # noqa: S608
                part))
        return found

    def index_digests(self) -> dict[str, str]:
        """Every index row's summary digest, in one query."""
        return {str(p): str(d) for p, d in
                self.db.execute("select path, summary from index_documents")}

    def index_entries(self, paths: Iterable[str]) -> dict[str, str]:
        return dict(self._select("select path, entries from index_documents where path in",
                                 paths))

    def index_document_terms(self, paths: Iterable[str]) -> dict[str, str]:
        return dict(self._select("select path, terms from index_documents where path in",
                                 paths))

    def put_index_documents(self, rows: Iterable[tuple[str, str]]) -> None:
        """Rows (path, summary digest) holding the document row's summary of ``path`` as it
        is now (copied in SQLite, not read here)."""
        self.db.executemany(
            "insert or replace into index_documents select path, ?, entries, terms "
            "from documents where path = ?", ((digest, path) for path, digest in rows))

    def drop_index_documents_except(self, paths: Iterable[str]) -> None:
        keep = set(paths)
        gone = [p for (p,) in self.db.execute("select path from index_documents")
                if p not in keep]
        self.db.executemany("delete from index_documents where path = ?",
                            [(p,) for p in gone])

    def term_shards(self, keys: Iterable[str]) -> dict[str, str]:
        return dict(self._select("select key, postings from index_terms where key in", keys))

    def put_term_shards(self, shards: Iterable[tuple[str, str]], *, replace: bool = False,
                        drop: Iterable[str] = ()) -> None:
        """Term shards (key, postings); with ``replace`` they are all there are; the shards
        ``drop`` are gone."""
        if replace:
            self.db.execute("delete from index_terms")
        self.db.executemany("delete from index_terms where key = ?", [(k,) for k in drop])
        self.db.executemany("insert or replace into index_terms values (?, ?)", shards)

    # -- the link stage's rows (tei_edition/build/link.py) --------------------------------

    def link_rows(self) -> dict[str, tuple[str, str]]:
        """Every TEI file's (key it was last linked under, the notes linking gave as JSON),
        in one query, by its path as this build spells it."""
        return {self.spelled(str(p)): (str(k), str(d)) for p, k, d
                in self.db.execute("select path, key, diagnostics from links")}

    def put_link_row(self, path: str, key: str, diagnostics: str) -> None:
        self.db.execute("insert or replace into links values (?, ?, ?)",
                        (self.key(path), key, diagnostics))

    def drop_state(self, key: str) -> None:
        self.db.execute("delete from state where key = ?", (key,))

    def _select(self, query: str, keys: Iterable[str]) -> list[tuple[str, str]]:
        """``query`` ("select a, b from t where k in") for each key, 500 a query (SQLite's
        limit of parameters is 999 in older versions)."""
        keys = list(keys)
        found: list[tuple[str, str]] = []
        for start in range(0, len(keys), 500):
            part = keys[start:start + 500]
            marks = ", ".join("?" * len(part))
            found.extend((str(a), str(b)) for a, b in
                         self.db.execute(f"{query} ({marks})", part))  # noqa: S608
        return found



def diagnostics_from_json(text: str, file: Callable[[str], str] = str) -> list[Diagnostic]:
    """Diagnostics read back, ``file`` giving each one's file name from the kept one;
    anything malformed is dropped (a cache is no authority)."""
    found: list[Diagnostic] = []
    try:
        items = json.loads(text)
    except ValueError:
        return []
    for d in items if isinstance(items, list) else []:
        try:
            found.append(Diagnostic(Location(file(str(d["file"])), d["line"], d["col"]),
                                    str(d["level"]), str(d["code"]), str(d["message"])))
        except (KeyError, TypeError):
            continue
    return found

"""The index stage's own rows in the build cache, so that a changed document updates the
index (issue 15) rather than making it again from every document's summary.

What the last index was made from is kept (tei_edition/build/cache.py): per TEI file the
digest of the summary it read, that summary's entries without their terms (small: every one
is read, in one query) and, apart, their terms (read for the changed files only); per group
of search terms (:func:`~tei_edition.site_index.term_group`) the postings of its terms; and
one state row, :data:`STATE`: the documents' pages in index order, the years, the term
shards' keys, the names of the index files and the key of the index they are.

A build whose documents are those of the last index, each in the same place of date order
and the same years (a changed text, title, summary, name; not a new, removed or redated
document), asks :func:`~tei_edition.site_index.update_files` for the files the changed
documents touch, from the postings of the groups of the terms they gained or lost; any other
build, and one whose rows are not those of the index OUT shows, makes every file again
(:func:`~tei_edition.site_index.index_parts`): from every file's entries, read at once, and
their terms, read one file at a time as the postings are made (:class:`_Terms`), so that
the terms of 100,000 documents are never all in memory. Either gives the same bytes
(tests/test_build_index_incremental.py compares them).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import cast, overload

from tei_edition.build.cache import BuildCache
from tei_edition.build.pages import Entry, entry_from_dict
from tei_edition.edition import Edition
from tei_edition.site_index import (
    SMALL_FACETS,
    Change,
    Layout,
    StaleIndex,
    index_parts,
    numbered,
    order_key,
    posting_changes,
    shard_path,
    shard_postings,
    term_group,
    update_files,
)

#: the state row (tei_edition/build/cache.py ``state``) of the index's parts
STATE = "index-parts"


@dataclass
class IndexMade:
    """What :meth:`IndexState.make` made: the files to write (unchanged ones among them are
    not rewritten, tei_edition/files.py), the names of every index file there is now,
    and every document's entry in date order (for the exports)."""

    files: dict[str, bytes]
    names: list[str]
    entries: Sequence[Entry]  # read from the cache as they are asked for, when updated
    updated: bool  # updated in place, not made again
    _save: Callable[[str], None] = field(repr=False, default=lambda key: None)

    def save(self, key: str) -> None:
        """Keep the rows of this index, made under ``key`` (after its files are written)."""
        self._save(key)


def _entries(text: str) -> list[Entry]:
    """A file's entries from its summary's first column (tei_edition/build/pages.py:
    summary_columns); ValueError when they are not."""
    items = json.loads(text)
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise ValueError("not a list of entries")
    return [entry_from_dict(item) for item in items]


def _terms(text: str, count: int) -> list[dict[str, int]]:
    """The search terms of a file's ``count`` documents, from its summary's second column;
    ValueError when they are not."""
    items = json.loads(text)
    # the terms as they are (JSON's str keys), checked, not copied: a copy of each was 0.7 s
    # of a 10,000 documents' index made again (bench/build_incremental.py)
    if not isinstance(items, list) or len(items) != count or not all(
            isinstance(t, dict) and set(map(type, t.values())) <= {int} for t in items):
        raise ValueError("not the terms of the file's documents")
    return cast(list[dict[str, int]], items)


def _facets(data: object) -> dict[str, dict[str, object]]:
    """The small facets of the state row (site_index.index_parts's); ValueError when they
    are not theirs."""
    if not isinstance(data, dict) or list(data) != list(SMALL_FACETS) or not all(
            isinstance(f, dict) and list(f) == ["values", "counts", "sets", "width", "codes"]
            for f in data.values()):
        raise ValueError("not the small facets")
    return data


class IndexState:
    """The index of one build, made from (or updated with) the cache's rows (module
    docstring)."""

    def __init__(self, cache: BuildCache, edition: Edition, layout: Layout | None = None):
        self.cache, self.edition, self.layout = cache, edition, layout or Layout()

    def make(self, docs: list[tuple[str, str]], base: str, shown: str | None,
             held: Callable[[Iterable[str]], bool]) -> IndexMade:
        """The index of the TEI files ``docs`` ((path, digest of its summary), in the
        build's order): updated when the last one was made under ``base`` (the render
        context and the build's day) and is the one OUT shows (``shown``, the key of the
        index whose files are there; ``held`` tells whether names are in OUT), else made
        again."""
        digests = self.cache.index_digests()
        changed = {p for p, digest in docs if digests.get(p) != digest}
        parts = self._parts()
        if (parts is not None and parts.get("base") == base and shown is not None
                and parts.get("index") == shown and held(cast(list[str], parts["files"]))):
            try:
                made = self._update(docs, digests, changed, parts)
            except (StaleIndex, ValueError, KeyError, TypeError, IndexError):
                return self.make_again(docs, base)
            if made is not None:
                return made
        return self._full(docs, changed, base)

    def make_again(self, docs: list[tuple[str, str]], base: str) -> IndexMade:
        """The index made again from every summary, and every row written again (when the
        rows turn out not to be those of the index)."""
        return self._full(docs, {p for p, _ in docs}, base)

    def _parts(self) -> dict[str, object] | None:
        row = self.cache.get("state", STATE, "value")
        try:
            data = json.loads(str(row[0])) if row is not None else None
        except ValueError:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("files"), list):
            return None
        return data

    # -- an update -----------------------------------------------------------------------

    def _update(self, docs: list[tuple[str, str]], digests: dict[str, str],
                changed: set[str], parts: dict[str, object]) -> IndexMade | None:
        layout = self.layout
        if {p for p, _ in docs} != set(digests):
            return None  # a file added or removed: made again
        pages = cast(list[str], parts["pages"])
        at = cast(list[str], parts["paths"])
        keys = cast(list[list[object]], parts["keys"])
        years = [(str(y), int(first), int(count))
                 for y, first, count in cast(list[tuple[str, int, int]], parts["years"])]
        if not len(pages) == len(at) == len(keys):
            return None
        number = {page: n for n, page in enumerate(pages)}
        summaries = self.cache.summaries(changed)
        old_entries = self.cache.index_entries(changed)
        old_terms = self.cache.index_document_terms(changed)
        known: dict[int, Entry] = {}
        new_keys: dict[int, list[object]] = {}
        changes = []
        for path in changed:
            entries_text, terms_text = summaries[path]
            now = _entries(entries_text)
            was = _entries(old_entries[path])
            before = {e.page: (e, t) for e, t in zip(
                was, _terms(old_terms[path], len(was)), strict=True)}
            if sorted(before) != sorted(e.page for e in now):
                return None  # a document added to or gone from the file
            for entry, terms in zip(now, _terms(terms_text, len(now)), strict=True):
                n = number[entry.page]
                if at[n] != path:
                    return None
                known[n] = entry
                new_keys[n] = list(order_key(entry.meta))
                old, old_t = before[entry.page]
                changes.append(Change(n, old, entry, old_t, terms))
        for n, key in new_keys.items():  # each in its place, in its year: numbered as before
            left = new_keys.get(n - 1, keys[n - 1]) if n > 0 else None
            right = new_keys.get(n + 1, keys[n + 1]) if n + 1 < len(keys) else None
            if ((left is not None and not left < key) or (right is not None and not key < right)
                    or key[:2] != keys[n][:2]):
                return None
        ordered = _Ordered(self.cache, pages, at, number, known)
        deltas = posting_changes(changes, layout)
        shard_keys = cast(list[str], parts["shards"])
        touched = [k for k in shard_keys if term_group(k, layout) in deltas]
        found = self.cache.term_shards(touched)
        if set(found) != set(touched):
            return None  # a shard of the index is not in the cache
        groups: dict[str, dict[str, list[int]]] = {}
        for shard in touched:
            groups.setdefault(term_group(shard, layout), {}).update(
                shard_postings(shard, found[shard].encode("utf-8")))
        small = parts.get("small")
        out, shards, small_now = update_files(
            ordered, years, changes, deltas, groups, shard_keys, self.edition, layout,
            _facets(small) if small is not None else None)
        if small_now is not None:
            small = small_now
        gone = {shard_path(k) for k in set(shard_keys) - set(shards)}
        names = sorted({*(n for n in cast(list[str], parts["files"]) if n not in gone),
                        *(shard_path(k) for k in shards)})

        def save(key: str) -> None:
            self._save_documents(changed, docs)
            self.cache.put_term_shards(
                ((k, out[shard_path(k)].decode("utf-8")) for k in shards
                 if term_group(k, layout) in deltas), drop=set(touched) - set(shards))
            for n, order in new_keys.items():
                keys[n] = order
            self._save_parts(key, str(parts["base"]), pages, at, keys, parts["years"], shards,
                             names, small)

        return IndexMade(out, names, ordered, True, save)

    # -- made again ----------------------------------------------------------------------

    def _full(self, docs: list[tuple[str, str]], changed: set[str], base: str) -> IndexMade:
        wanted = dict(docs)
        # every file's entries (the small part of the summaries), read in one query; their
        # terms one file at a time, as the postings are made (_Terms)
        files: dict[str, list[Entry]] = {}
        for path, text in self.cache.document_entries():
            if path in wanted:
                try:
                    files[path] = _entries(text)
                except ValueError:
                    continue  # an unreadable summary: the document is left out, as before
        paths = [p for p, _ in docs if p in files]
        places = [(e, p, i) for p in paths for i, e in enumerate(files[p])]
        del files
        places.sort(key=lambda place: place[0].meta.sort_key)
        entries = [e for e, _, _ in places]
        terms = _Terms(self.cache, [(p, i) for _, p, i in places])
        out, _, shards, small = index_parts(entries, terms, self.edition, self.layout)
        order, ordered, years = numbered(entries)
        names = sorted(out)

        def save(key: str) -> None:
            self._save_documents((p for p in paths if p in changed), docs)
            self.cache.put_term_shards(((k, out[shard_path(k)].decode("utf-8"))
                                        for k in shards), replace=True)
            self._save_parts(key, base, [e.page for e in ordered],
                             [places[i][1] for i in order],
                             [list(order_key(e.meta)) for e in ordered],
                             [list(y) for y in years], sorted(shards), names, small)

        return IndexMade(out, names, entries, False, save)

    # -- the rows ------------------------------------------------------------------------

    def _save_documents(self, paths: Iterable[str], docs: list[tuple[str, str]]) -> None:
        """The rows of the files ``paths``, made from their summaries as they are now; no
        row of a file not in ``docs``."""
        digest = dict(docs)
        self.cache.put_index_documents((p, digest[p]) for p in paths)
        self.cache.drop_index_documents_except(digest)

    def _save_parts(self, key: str, base: str, pages: list[str], paths: list[str],
                    keys: list[list[object]], years: object, shards: list[str],
                    names: list[str], small: object) -> None:
        """The state row: ``pages`` (the documents' pages in index order), the file of each
        (``paths``), its :func:`~tei_edition.site_index.order_key` (``keys``), the years,
        the term shards' keys, the index files' names and the small facets, made under
        ``key`` and ``base``."""
        self.cache.put("state", STATE, json.dumps({
            "index": key, "base": base, "pages": pages, "paths": paths, "keys": keys,
            "years": years, "shards": shards, "files": names, "small": small},
            ensure_ascii=False))


class _Ordered(Sequence[Entry]):
    """The documents in index order, as an update knows them: the changed files' entries,
    and the others' read from their rows when they are asked for (a block of ``WINDOW``
    places at a time, every one when iterated: the index pages and result blocks an update
    makes ask for a few hundred). StaleIndex when a row does not give its place's entry."""

    WINDOW = 100

    def __init__(self, cache: BuildCache, pages: list[str], paths: list[str],
                 number: dict[str, int], known: dict[int, Entry]):
        self.cache, self.pages, self.paths, self.number = cache, pages, paths, number
        self.known = dict(known)

    def __len__(self) -> int:
        return len(self.pages)

    @overload
    def __getitem__(self, i: int) -> Entry: ...
    @overload
    def __getitem__(self, i: slice) -> list[Entry]: ...

    def __getitem__(self, i: int | slice) -> Entry | list[Entry]:
        if isinstance(i, slice):
            places = range(*i.indices(len(self)))
            self._load(places)
            return [self.known[n] for n in places]
        n = i + len(self) if i < 0 else i
        if not 0 <= n < len(self):
            raise IndexError(i)
        if n not in self.known:
            start = n - n % self.WINDOW
            self._load(range(start, min(len(self), start + self.WINDOW)))
        return self.known[n]

    def __iter__(self) -> Iterator[Entry]:
        self._load(range(len(self)))
        return (self.known[n] for n in range(len(self)))

    def _load(self, places: range) -> None:
        paths = {self.paths[n] for n in places if n not in self.known}
        if not paths:
            return
        for path, text in self.cache.index_entries(paths).items():
            try:
                entries = _entries(text)
            except ValueError as exc:
                raise StaleIndex(f"the index row of {path}: {exc}") from None
            for entry in entries:
                n = self.number.get(entry.page)
                if n is not None and self.paths[n] == path:
                    self.known.setdefault(n, entry)
        if any(n not in self.known for n in places):
            raise StaleIndex("an index row gives not the documents of its places")


class _Terms(Sequence[dict[str, int]]):
    """The search terms of the documents at ``places`` (the file and the place in it of
    each), read from the cache as they are asked for: a file's when one of its documents is
    first asked for, kept until the last one has been (site_index.postings_of asks for each
    once, in number order), so that the terms of a few files are held at a time, not every
    one's (100,000 documents' were 1.7 GB). A file whose terms cannot be read gives none:
    its documents are listed but not found by the search."""

    def __init__(self, cache: BuildCache, places: list[tuple[str, int]]):
        self.cache, self.places = cache, places
        self.sizes = Counter(path for path, _ in places)  # documents per file
        self.left = Counter(self.sizes)
        self.held: dict[str, list[dict[str, int]]] = {}

    def __len__(self) -> int:
        return len(self.places)

    @overload
    def __getitem__(self, i: int) -> dict[str, int]: ...
    @overload
    def __getitem__(self, i: slice) -> list[dict[str, int]]: ...

    def __getitem__(self, i: int | slice) -> dict[str, int] | list[dict[str, int]]:
        if isinstance(i, slice):
            return [self[n] for n in range(*i.indices(len(self)))]
        path, place = self.places[i]
        found = self.held.pop(path, None)
        if found is None:
            found = self._read(path)
        self.left[path] -= 1
        if self.left[path] > 0:
            self.held[path] = found
        return found[place] if place < len(found) else {}

    def _read(self, path: str) -> list[dict[str, int]]:
        text = self.cache.document_terms(path)
        try:
            return [] if text is None else _terms(text, self.sizes[path])
        except ValueError:
            return []

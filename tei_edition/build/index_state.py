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
(:func:`~tei_edition.site_index.index_parts`). Either gives the same bytes
(tests/test_build_index_incremental.py compares them).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import cast

from tei_edition.build.cache import BuildCache
from tei_edition.build.pages import Entry, entry_from_dict
from tei_edition.edition import Edition
from tei_edition.site_index import (
    Change,
    Layout,
    StaleIndex,
    index_parts,
    numbered,
    posting_changes,
    shard_path,
    term_group,
    update_files,
)

#: the state row (tei_edition/build/cache.py ``state``) of the index's parts
STATE = "index-parts"


@dataclass
class _File:
    """One TEI file's documents as the index reads them."""

    entries: list[Entry]
    terms: list[dict[str, int]] | None = None  # read when needed
    #: the cache rows of it, when they are to be written: (entries, terms) as JSON
    row: tuple[str, str] | None = None


@dataclass
class IndexMade:
    """What :meth:`IndexState.make` made: the files to write (unchanged ones among them are
    not rewritten, tei_edition/files.py), the names of every index file there is now,
    and every document's entry in date order (for the exports)."""

    files: dict[str, bytes]
    names: list[str]
    entries: list[Entry]
    updated: bool  # updated in place, not made again
    _save: Callable[[str], None] = field(repr=False, default=lambda key: None)

    def save(self, key: str) -> None:
        """Keep the rows of this index, made under ``key`` (after its files are written)."""
        self._save(key)


def _summary(text: str) -> _File:
    """A file's documents from its summary (tei_edition/build/pages.py); ValueError when it
    is not one."""
    items = json.loads(text)
    if not isinstance(items, list):
        raise ValueError("not a summary")
    pairs = [entry_from_dict(item) for item in items]
    kept = [{k: v for k, v in item.items() if k != "terms"} for item in items]
    terms = [t for _, t in pairs]
    return _File([e for e, _ in pairs], terms,
                 (json.dumps(kept, ensure_ascii=False),
                  json.dumps(terms, ensure_ascii=False, separators=(",", ":"))))


def _entries(text: str) -> list[Entry]:
    items = json.loads(text)
    if not isinstance(items, list):
        raise ValueError("not a list of entries")
    return [entry_from_dict({**item, "terms": {}})[0] for item in items]


def _terms(text: str) -> list[dict[str, int]]:
    items = json.loads(text)
    if not isinstance(items, list):
        raise ValueError("not a list of terms")
    return [{str(k): int(v) for k, v in cast(dict[str, int], t).items()} for t in items]


def _postings(text: str) -> dict[str, list[int]]:
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("not postings")
    return {str(term): [int(p) for p in found] for term, found in data.items()}


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
        rows = self.cache.index_documents()
        changed = {p for p, digest in docs if rows.get(p, ("",))[0] != digest}
        parts = self._parts()
        if (parts is not None and parts.get("base") == base and shown is not None
                and parts.get("index") == shown and held(cast(list[str], parts["files"]))):
            try:
                made = self._update(docs, rows, changed, parts)
            except (StaleIndex, ValueError, KeyError, TypeError):
                made = None
            if made is not None:
                return made
        return self._full(docs, rows, changed, base)

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

    def _update(self, docs: list[tuple[str, str]], rows: dict[str, tuple[str, str]],
                changed: set[str], parts: dict[str, object]) -> IndexMade | None:
        layout = self.layout
        summaries = self.cache.summaries(changed)
        files: dict[str, _File] = {}
        for path, _ in docs:
            files[path] = (_summary(summaries[path]) if path in changed
                           else _File(_entries(rows[path][1])))
        entries = _sorted(files, [p for p, _ in docs])
        _, ordered, years = numbered(entries)
        if ([e.page for e in ordered] != parts["pages"]
                or [list(y) for y in years] != parts["years"]):
            return None  # renumbered: made again
        number = {e.page: n for n, e in enumerate(ordered)}
        before: dict[str, tuple[Entry, dict[str, int]]] = {}
        old_terms = self.cache.index_document_terms(p for p in changed if p in rows)
        for path in changed:
            if path not in rows:
                return None
            for entry, terms in zip(_entries(rows[path][1]), _terms(old_terms[path]),
                                    strict=True):
                before[entry.page] = (entry, terms)
        changes = []
        for path in changed:
            now = files[path]
            for entry, terms in zip(now.entries, now.terms or [], strict=True):
                old, old_t = before.pop(entry.page)
                changes.append(Change(number[entry.page], old, entry, old_t, terms))
        if before:
            return None
        deltas = posting_changes(changes, layout)
        groups = {key: _postings(text) for key, text in self.cache.term_groups(deltas).items()}
        shard_keys = cast(list[str], parts["shards"])
        if {term_group(k, layout) for k in shard_keys} & set(deltas) - set(groups):
            return None  # a group the index has is not in the cache
        out, keys = update_files(ordered, years, changes, deltas, groups, shard_keys,
                                 self.edition, layout)
        gone = {shard_path(k) for k in set(shard_keys) - set(keys)}
        names = sorted({*(n for n in cast(list[str], parts["files"]) if n not in gone),
                        *(shard_path(k) for k in keys)})

        def save(key: str) -> None:
            self._save_documents(files, [p for p, _ in docs], docs)
            self.cache.put_term_groups(
                (g, json.dumps(groups.get(g, {}), ensure_ascii=False, separators=(",", ":")))
                for g in deltas)
            self._save_parts(key, str(parts["base"]), parts["pages"], parts["years"], keys,
                             names)

        return IndexMade(out, names, entries, True, save)

    # -- made again ----------------------------------------------------------------------

    def _full(self, docs: list[tuple[str, str]], rows: dict[str, tuple[str, str]],
              changed: set[str], base: str) -> IndexMade:
        summaries = self.cache.summaries()
        files: dict[str, _File] = {}
        for path, _ in docs:
            try:
                files[path] = _summary(summaries.get(path, "[]"))
            except ValueError:
                continue  # an unreadable summary: the document is left out, as before
            if path not in changed:
                files[path].row = None
        paths = [p for p, _ in docs if p in files]
        pairs = [pair for p in paths
                 for pair in zip(files[p].entries, files[p].terms or [], strict=True)]
        pairs.sort(key=lambda pair: pair[0].meta.sort_key)
        entries, terms = [e for e, _ in pairs], [t for _, t in pairs]
        del pairs
        out, postings, shards = index_parts(entries, terms, self.edition, self.layout)
        _, ordered, years = numbered(entries)
        names = sorted(out)

        def save(key: str) -> None:
            self._save_documents(files, paths, [d for d in docs if d[0] in files])
            groups: dict[str, dict[str, list[int]]] = {}
            for term in sorted(postings):
                groups.setdefault(term_group(term, self.layout), {})[term] = postings[term]
            self.cache.put_term_groups(
                ((g, json.dumps(ps, ensure_ascii=False, separators=(",", ":")))
                 for g, ps in groups.items()), replace=True)
            self._save_parts(key, base, [e.page for e in ordered],
                             [list(y) for y in years], sorted(shards), names)

        return IndexMade(out, names, entries, False, save)

    # -- the rows ------------------------------------------------------------------------

    def _save_documents(self, files: dict[str, _File], paths: list[str],
                        docs: list[tuple[str, str]]) -> None:
        digest = dict(docs)
        self.cache.put_index_documents(
            (p, digest[p], *files[p].row) for p in paths  # type: ignore[misc]
            if files[p].row is not None)
        self.cache.drop_index_documents_except(paths)

    def _save_parts(self, key: str, base: str, pages: object, years: object,
                    shards: list[str], names: list[str]) -> None:
        self.cache.put("state", STATE, json.dumps({
            "index": key, "base": base, "pages": pages, "years": years, "shards": shards,
            "files": names}, ensure_ascii=False))


def _sorted(files: dict[str, _File], paths: list[str]) -> list[Entry]:
    """Every entry, in the order the index has always been given them: the files' order,
    then (stably) date order."""
    entries = [e for p in paths for e in files[p].entries]
    entries.sort(key=lambda e: e.meta.sort_key)
    return entries

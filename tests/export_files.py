"""The exports of a site as a build makes them (tei_edition/exports/edition.py), for the
tests of each export: every document's own files, as its worker makes them, then the
edition's, from the documents' entries."""

from __future__ import annotations

from collections.abc import Sequence

from tei_edition.edition import Edition
from tei_edition.errors import Diagnostic
from tei_edition.exports.edition import document_exports, edition_exports, export_entry
from tei_edition.site import Document


def site_exports(docs: Sequence[Document], edition: Edition,
                 diagnostics: list[Diagnostic] | None = None, **options) -> dict[str, bytes]:
    """Every export file of ``docs`` by its path in the site; ``options`` are
    edition_exports' (published, max_records, max_urls, max_bytes, page_size)."""
    files: dict[str, bytes] = {}
    for doc in docs:
        files.update(document_exports(doc, edition))
    files.update(edition_exports([export_entry(doc) for doc in docs], edition, diagnostics,
                                 **options))
    return files


def under(files: dict[str, bytes], *prefixes: str) -> dict[str, bytes]:
    """The files whose paths begin with one of ``prefixes``."""
    return {name: data for name, data in files.items() if name.startswith(prefixes)}

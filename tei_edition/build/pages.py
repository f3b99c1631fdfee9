"""A build's pages: each TEI file rendered in a worker, and the index made from summaries.

:func:`render_file` is the job of the page stage (run in the ``-j`` workers,
tei_edition/build/workers.py): it reads one TEI file, renders its page(s), its source view
and its zip copy (as :func:`tei_edition.site.site_outputs` does for a whole site) and returns
them with a compact, JSON-ready summary of each document: its metadata, the paths of its
page, download and source view, its last change (for the sitemap) and its search terms
(tei_edition/site_index.py's document_terms). The build keeps the summaries (tei_edition/
build/cache.py), never the trees: the index pages, the search shards (site_index.
index_files) and the exports are made from :class:`Entry` objects alone.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from tei_edition.edition import Edition
from tei_edition.encoder.record import read_record
from tei_edition.errors import Diagnostic, TeiEditionError
from tei_edition.exports.dts import citable_paragraphs
from tei_edition.exports.edition import document_exports
from tei_edition.images import document_images
from tei_edition.metadata import Metadata, metadata_from_dict, metadata_to_dict
from tei_edition.publish import zip_copy
from tei_edition.registers.authority import resolve_metadata
from tei_edition.site import (
    Document,
    read_copy,
    read_file_documents,
    render_document,
    render_source,
    search_terms,
)
from tei_edition.site_registers import document_mentions, edition_register
from tei_edition.unshown import not_rendered, unshown


@dataclass(frozen=True)
class Entry:
    """What the index, the search and the exports know of a document (like site.Document,
    without its tree)."""

    id: str
    page: str
    meta: Metadata
    download: str
    source_view: str
    last_change: str | None = None
    #: its citable paragraphs (the DTS navigation: tei_edition/exports/edition.py)
    passages: int = 0
    #: its register mentions (tei_edition/site_registers.py: document_mentions)
    mentions: tuple[dict[str, str], ...] = ()
    #: its values in the search's register filters (site_registers.document_registered)
    registered: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.meta.label


def entry_to_dict(doc: Document, terms: dict[str, int]) -> dict[str, object]:
    return {"id": doc.id, "page": doc.page, "download": doc.download,
            "source_view": doc.source_view, "meta": metadata_to_dict(doc.meta),
            "last_change": doc.last_change,
            "passages": len(citable_paragraphs(doc.tree)), "terms": terms,
            "mentions": document_mentions(doc.tree),
            "registered": {k: list(v) for k, v in doc.registered.items()}}


def summary_columns(items: list[dict[str, object]]) -> tuple[str, str]:
    """A file's summary (its documents' :func:`entry_to_dict`) as the build cache keeps it
    (tei_edition/build/cache.py): the entries without their terms, and the terms apart,
    each as JSON."""
    entries = json.dumps([{k: v for k, v in item.items() if k != "terms"} for item in items],
                         ensure_ascii=False, sort_keys=True)
    terms = json.dumps([item["terms"] for item in items], ensure_ascii=False,
                       separators=(",", ":"))
    return entries, terms


def entry_from_dict(data: dict[str, object]) -> Entry:
    """An entry read back from a summary (its terms, kept apart, are not read here);
    ValueError when it is not one."""
    try:
        meta = metadata_from_dict(cast(dict[str, object], data["meta"]))
        change = data["last_change"]
        mentions = tuple({str(k): str(v) for k, v in m.items()} for m in
                         cast(list[dict[str, str]], data.get("mentions", [])))
        registered = {str(k): tuple(map(str, v)) for k, v in
                      cast(dict[str, list[str]], data.get("registered", {})).items()}
        return Entry(str(data["id"]), str(data["page"]), meta, str(data["download"]),
                     str(data["source_view"]), None if change is None else str(change),
                     int(cast(int, data["passages"])), mentions, registered)
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"not a summary: {exc}") from None


@dataclass(frozen=True)
class PageJob:
    path: str
    include_root: str | None
    edition: Edition


@dataclass
class Rendered:
    """What :func:`render_file` made of one TEI file."""

    path: str
    outputs: dict[str, bytes] = field(default_factory=dict)
    #: the summary of each document of the file (entry_to_dict), in the file's order
    entries: list[dict[str, object]] = field(default_factory=list)
    #: warnings (duplicate ids of an XInclude, text no page shows)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: why it could not be rendered (then ``outputs`` is empty)
    error: Diagnostic | None = None
    #: the pages depend on files other than the TEI (XIncludes, images): never cached
    volatile: bool = False


def render_file(job: PageJob) -> Rendered:
    """The page stage's job for one TEI file (module docstring); run in a worker."""
    result = Rendered(job.path)
    try:
        _render(job, result)
    except TeiEditionError as exc:
        return Rendered(job.path, error=exc.diagnostic())
    return result


def _render(job: PageJob, result: Rendered) -> None:
    path = Path(job.path)
    raw = path.read_bytes()
    result.volatile = b"http://www.w3.org/2001/XInclude" in raw
    # A file as the encoder wrote it is shown whole by the stylesheets (tests/
    # test_word_coverage.py checks every real document and the synthetic ones): the check
    # of what its page leaves out, a quarter of a page's time, is for other TEI and for
    # files an editor changed.
    record = read_record(raw)
    check_shown = record is None or not record.intact
    docs = read_file_documents(path, job.include_root, result.diagnostics)
    titles = {doc.id: doc.title for doc in docs}
    hidden = []
    # the correspondents' authority URIs, for the page's JSON-LD, its DTS files and (in the
    # summary) the CMIF file: the render key has the registers' digest, so a changed register
    # renders the page, and its summary, again
    register = edition_register(job.edition)
    for doc in docs:
        doc.meta = resolve_metadata(doc.meta, register)
        page = render_document(doc, job.edition, titles).encode("utf-8")
        result.outputs[doc.page] = page
        for image in document_images(doc.tree, doc.source.parent).values():
            result.outputs[f"images/{image.name}"] = image.data
            result.volatile = True
        if check_shown:
            hidden.append(unshown(doc.tree, page))
        # its Dublin Core record and DTS files, while its tree is at hand
        result.outputs.update(document_exports(doc, job.edition))
        result.entries.append(entry_to_dict(doc, search_terms(doc, register)))
        if doc.volume:  # its volume's page publishes the file
            continue
        copy = read_copy(doc, job.edition)
        result.outputs[doc.download] = zip_copy(f"{doc.id}.xml", copy.data)
        result.outputs[doc.source_view] = render_source(doc, copy, job.edition).encode("utf-8")
    result.diagnostics.extend(not_rendered(job.path, hidden))

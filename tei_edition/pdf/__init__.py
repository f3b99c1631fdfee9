"""The print edition: TEI documents to a PDF, one document or a volume of several.

The package's entry points, :func:`build_pdf` (``tei-edition pdf``), :func:`build_volumes`
(an edition in as few volumes as the page budget allows) and :func:`print_group` (the
volumes of one group of :func:`volume_groups`: a year, a series), run the job: collect the
documents and order them by date, refuse what certainly exceeds the page budget, transform
each to print HTML, check its characters against the installed fonts, lay the volume out
with WeasyPrint, check its real number of pages, and make the PDF. Each step has its module:

    groups.py      which documents go into which volumes (edition.toml's [print] volumes)
    documents.py   a document on its way into the book, volume order, print.xsl's two runs
    budget.py      the page budget (a lower bound of pages from the TEI) and the volume plan
    glyphs.py      the installed fonts, the characters they lack, the markers printed instead
    typeset.py     WeasyPrint: paper sizes, the layout, the PDF, WeasyPrint's warnings
    index.py       the index of persons, places and organisations at the end of a volume:
                   the pages of the names that point to the registers, read from the layout

A volume whose names point to entries of the edition's registers (the ``register``
argument: tei_edition.registers.model.Register) ends with its index: the pages of its names
are read from its layout, and the index, laid out after it, is appended
(:func:`_layout_volume`).
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lxml import etree

from tei_edition.edition import EDITION_FILE, Edition, edition_for
from tei_edition.errors import Diagnostic, InputError, Location, TeiEditionError
from tei_edition.inputs import find_documents
from tei_edition.pdf.budget import (
    MAX_PAGES,
    budget_hint,
    check_budget,
    over_budget,
    plan_volumes,
    volume_file_names,
)
from tei_edition.pdf.documents import (
    PrintDocument,
    document_section,
    load_documents,
    order,
    print_stylesheet,
    volume_date,
    volume_manifest,
)
from tei_edition.pdf.documents import (
    load_document as load_document,  # re-exported: the tests print one document
)
from tei_edition.pdf.glyphs import (
    XHTML_NS,
    check_glyphs,
    font_coverage,
    font_diagnostics,
    mark_missing,
)
from tei_edition.pdf.groups import VolumeGroup
from tei_edition.pdf.groups import volume_groups as volume_groups  # the build groups with it
from tei_edition.pdf.index import (
    index_document,
    index_entries,
    index_sections,
    mention_pages,
    mentions,
    register_names,
)
from tei_edition.pdf.typeset import check_paper, layout, weasyprint_diagnostics, write
from tei_edition.registers.model import Register
from tei_edition.render import transform
from tei_edition.xinclude import without_parts


@dataclass(frozen=True)
class PdfResult:
    """A rendered PDF and what was learnt on the way."""

    pdf: bytes
    pages: int
    documents: tuple[PrintDocument, ...]
    diagnostics: tuple[Diagnostic, ...]
    html: str
    volume: int = 1  # its number among the volumes of an edition (build_volumes)
    volumes: int = 1

    @property
    def is_volume(self) -> bool:
        return len(self.documents) > 1

# ------------------------------------------------------------------------------ the job


@dataclass(frozen=True)
class PrintJob:
    """The print HTML of a document or a volume, ready for WeasyPrint."""

    html: str
    documents: tuple[PrintDocument, ...]
    diagnostics: tuple[Diagnostic, ...]
    edition: Edition
    missing: frozenset[str]


@dataclass
class _Edition:
    """The documents of an edition, transformed and checked, before they are laid out."""

    edition: Edition
    documents: list[PrintDocument]
    sections: list[etree._Element]
    diagnostics: list[Diagnostic]
    missing: set[str]
    date: dt.date
    #: one document printed alone (no title page, no contents), as the TEI gave it
    single: bool = False
    #: the errors of the documents left out (not printed)
    skipped: list[Diagnostic] = field(default_factory=list)
    #: the group the title page names beneath the edition's title ("1961"), if any
    group: str | None = None
    #: the edition's registers: a volume whose names point to them gets an index
    register: Register | None = None

    def drop(self, k: int, why: str) -> None:
        """Leave the k-th document out (it cannot be printed), reported; the documents after
        it are numbered again, so that the volume's numbers run on (Document 1, 2, 3 rather
        than 1, 3, 4) as they do for a document left out before the layout."""
        self.skipped.append(_skipped(self.documents[k], why))
        del self.documents[k]
        del self.sections[k]
        for section in self.sections[k:]:
            _renumber(section, int(section.get("data-n", "0")) - 1)

    def html(self, start: int, stop: int, part: tuple[int, int] = (1, 1)) -> str:
        """The print HTML of the documents [start:stop], as volume ``part``."""
        # copies: a manifest takes its sections as children, and a volume may be made twice
        sections = [copy.deepcopy(s) for s in self.sections[start:stop]]
        manifest = volume_manifest(sections, self.edition, self.date, part,
                                   single=self.single, group=self.group)
        mark_missing(manifest, self.missing)
        return transform(manifest, print_stylesheet())


def _collect(paths: Iterable[str | Path], edition_file: str | Path | Edition | None,
             date: dt.date | None, max_pages: int, volume: str, *, whole: bool,
             include_root: str | Path | None = None, group: str | None = None,
             register: Register | None = None) -> _Edition:
    """Collect, order and transform the documents, and check their characters against the
    installed fonts. What certainly exceeds the budget is refused first, before the XSLT: a
    document, and with ``whole`` the volume of them all. ``edition_file`` may be the
    Edition itself; a ``group`` ("1961") is printed as a volume even of one document; the
    names that point to entries of ``register`` are the mentions of the volume's index."""
    # a folder's files that another of them XIncludes are parts of it, not documents; the
    # duplicate-id warnings of XInclude assemblies follow the notes that say so
    files, warnings = without_parts(paths, find_documents(paths))
    edition = (edition_file if isinstance(edition_file, Edition)
               else edition_for(files, edition_file))
    documents = order(d for f in files
                      for d in load_documents(f, max_pages, include_root, warnings))
    check_budget(documents, max_pages, volume, whole=whole)
    single = len(documents) == 1 and group is None
    edition_title = edition.title if (edition.root is not None or not single) else ""
    # A document that cannot be printed is reported and left out; the others are printed
    # (one alone raises its error).
    sections: list[etree._Element] = []
    kept: list[PrintDocument] = []
    skipped: list[Diagnostic] = []
    for doc in documents:
        try:
            sections.append(document_section(doc, 0 if single else len(kept) + 1,
                                             edition_title, register_names(doc.tree, register)))
        except TeiEditionError as exc:
            if single:
                raise
            skipped.append(_skipped(doc, str(exc)))
            continue
        kept.append(doc)
    documents = kept

    coverage = font_coverage()
    edition_loc = Location(str(edition.root / EDITION_FILE) if edition.root else "<edition>")
    texts: list[tuple[Location, str, etree._ElementTree | None]] = [
        (edition_loc, " ".join((edition.title, *edition.editors, edition.publisher or "")), None)]
    for doc, section in zip(documents, sections, strict=True):
        texts.append((Location(str(doc.path)), "".join(section.itertext()), doc.tree))
    missing, diagnostics = check_glyphs(texts, coverage)
    for section in sections:
        mark_missing(section, missing)
    return _Edition(edition, documents, sections,
                    [*warnings, *font_diagnostics(coverage), *diagnostics],
                    missing, volume_date(date), single, skipped, group, register)


def _renumber(section: etree._Element, number: int) -> None:
    """A document's section given another number: its data-n (the contents read it) and the
    number its heading ends with (print_header.xsl: "Document 4")."""
    section.set("data-n", str(number))
    for heading in section.iter(f"{{{XHTML_NS}}}p"):
        if heading.get("class") == "doc-number" and heading.text:
            heading.text = re.sub(r"\d+\s*$", str(number), heading.text)


def _skipped(doc: PrintDocument, why: str) -> Diagnostic:
    """The error a document left out of its volume gives (the command exits 1)."""
    return Diagnostic(Location(str(doc.path)), "error", "not-printed",
                      f"this document could not be printed ({why}); the volume is printed "
                      "without it")


def _lay_out(edition: _Edition, start: int, stop: int, part: tuple[int, int],
             paper: str) -> tuple[str, Any, list[str]] | None:
    """The print HTML of the documents [start:stop] laid out, or None when WeasyPrint
    failed on it: then each of them is laid out alone and those that fail are left out of
    the edition, reported (the caller plans again). One document alone that fails raises
    an InputError naming it."""
    try:
        return _layout_volume(edition, start, stop, part, paper)
    except TeiEditionError:
        raise
    except Exception as exc:  # WeasyPrint's own failures: AssertionError, ValueError, ...
        failure = f"the layout failed: {type(exc).__name__}: {exc}"
    if stop - start == 1 or edition.single:
        doc = edition.documents[start]
        if edition.single:
            raise InputError(f"this document could not be printed ({failure})",
                             Location(str(doc.path)), "not-printed")
        edition.drop(start, failure)
        return None
    for k in reversed(range(start, stop)):
        try:
            layout(edition.html(k, k + 1, part), paper)
        except TeiEditionError:
            raise
        except Exception as exc:
            edition.drop(k, f"the layout failed: {type(exc).__name__}: {exc}")
    return None


def _layout_volume(edition: _Edition, start: int, stop: int, part: tuple[int, int],
                   paper: str) -> tuple[str, Any, list[str]]:
    """The documents [start:stop] laid out as volume ``part``: its print HTML, WeasyPrint's
    Document and warnings. When their names point to the registers, the Document ends with
    the index (tei_edition/pdf/index.py): the pages of the mentions are read from the
    volume's layout, and the index is laid out on its own, its pages numbered on from the
    volume's last, and appended to the volume's pages. The documents are laid out once, so
    they keep their pages (tests/test_pdf_register_index.py finds each name on the page the
    index gives). A volume without mentions, or a document printed alone, gets no index."""
    html = edition.html(start, stop, part)
    document, messages = layout(html, paper)
    if edition.single or edition.register is None:
        return html, document, messages
    found = mentions(edition.sections[start:stop])
    entries = (index_entries(mention_pages(document, found), edition.register)
               if found else [])
    if not entries:
        return html, document, messages
    first = len(document.pages) + 1
    index_html, skip = index_document(index_sections(entries), first,
                                      (edition.edition.languages or ("en",))[0])
    try:
        index, more = layout(index_html, paper, first_page=first - skip)
    except Exception as exc:  # not the documents' failure: none is left out for it
        raise TeiEditionError(f"the index of the volume could not be laid out: "
                              f"{type(exc).__name__}: {exc}", code="index-layout") from None
    return html, document.copy([*document.pages, *index.pages[skip:]]), [*messages, *more]


def prepare(paths: Iterable[str | Path], *, edition_file: str | Path | None = None,
            date: dt.date | None = None, max_pages: int = MAX_PAGES,
            output_name: str = "<pdf>", include_root: str | Path | None = None) -> PrintJob:
    """Collect, order and transform the documents, and check their characters against the
    installed fonts: everything but the rendering. Refuses, before the XSLT, a document or
    the volume that certainly exceeds ``max_pages`` (check_budget)."""
    job = _collect(paths, edition_file, date, max_pages, output_name, whole=True,
                   include_root=include_root)
    html = job.html(0, len(job.documents))
    return PrintJob(html, tuple(job.documents), tuple(job.diagnostics), job.edition,
                    frozenset(job.missing))


def build_pdf(paths: Iterable[str | Path], *, edition_file: str | Path | None = None,
              paper: str = "a4", date: dt.date | None = None,
              output_name: str = "<pdf>", max_pages: int = MAX_PAGES,
              include_root: str | Path | None = None,
              register: Register | None = None) -> PdfResult:
    """One document's PDF, or a volume of several: the whole job but writing the file. A
    volume whose names point to entries of ``register`` ends with its index.

    Raises InputError (code ``page-budget``) when the PDF would have more than
    ``max_pages`` pages: before the XSLT when the TEI shows it (min_pages), else after the
    layout, before the PDF is made."""
    check_paper(paper)
    edition = _collect(paths, edition_file, date, max_pages, output_name, whole=True,
                       include_root=include_root, register=register)
    laid = None
    while laid is None:
        if not edition.documents:
            raise _nothing_printed(edition)
        laid = _lay_out(edition, 0, len(edition.documents), (1, 1), paper)
    html, document, messages = laid
    documents = tuple(edition.documents)
    pages = len(document.pages)
    if pages > max_pages:
        raise over_budget(pages, max_pages, documents, output_name)
    pdf, more = write(document)
    diagnostics = [*edition.skipped, *edition.diagnostics,
                   *weasyprint_diagnostics([*messages, *more], edition.missing, output_name)]
    return PdfResult(pdf, pages, documents, tuple(diagnostics), html)


def _nothing_printed(edition: _Edition) -> InputError:
    """No document of a volume could be printed: the first one's error."""
    first = edition.skipped[0]
    return InputError(first.message.replace("; the volume is printed without it", ""),
                      first.location, "not-printed")


# ------------------------------------------------------------------------------ volumes


def _starts(document: Any, documents: Sequence[PrintDocument]) -> list[int]:
    """The index of the page each document starts on (its section's id is an anchor)."""
    where: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for name in page.anchors:
            where.setdefault(name, index)
    return [where[doc.id] for doc in documents]


def build_volumes(paths: Iterable[str | Path], *, edition_file: str | Path | None = None,
                  paper: str = "a4", max_pages: int = MAX_PAGES, date: dt.date | None = None,
                  stem: str = "edition", include_root: str | Path | None = None,
                  register: Register | None = None) -> list[PdfResult]:
    """An edition's print volumes: the documents in date order, in as few volumes of at
    most ``max_pages`` pages as the plan gives, each with its title page, contents and
    number ("Volume 2 of 3"); a document is never split. One volume (or one document) when
    everything fits: then the result is the same as build_pdf's.

    The diagnostics of the documents (fonts, glyphs) come with the first volume, WeasyPrint's
    with each. Raises InputError (``page-budget``) naming the document when one document
    alone exceeds the budget. ``stem`` names the files in the diagnostics (volume_file_names)."""
    check_paper(paper)
    edition = _collect(paths, edition_file, date, max_pages, f"{stem}.pdf", whole=False,
                       include_root=include_root, register=register)
    return _volumes(edition, paper, max_pages, stem)


@dataclass(frozen=True)
class PrintedVolume:
    """One PDF of a group of volumes (:func:`print_group`), what the build writes and lists.

    ``file_name``: ``1961.pdf``, or ``1961-2.pdf`` when the budget split the group;
    ``group`` and ``title``: the group's name and title (None for the whole edition);
    ``volume`` of ``volumes``: its number in the group; ``documents``: the ids of its
    documents, in order."""

    file_name: str
    pdf: bytes
    pages: int
    diagnostics: tuple[Diagnostic, ...]
    group: str
    title: str | None
    volume: int
    volumes: int
    documents: tuple[str, ...]

    @property
    def label(self) -> str:
        """How a list of the volumes names it: "1961", "1961, volume 2 of 3"; the whole
        edition: "Volume 2 of 3", or "" when it is one volume."""
        part = f"volume {self.volume} of {self.volumes}" if self.volumes > 1 else ""
        if not self.title:
            return part.capitalize()
        return f"{self.title}, {part}" if part else self.title


def print_group(group: VolumeGroup, edition: Edition, *, paper: str = "a4",
                max_pages: int = MAX_PAGES, date: dt.date | None = None,
                include_root: str | Path | None = None,
                register: Register | None = None) -> list[PrintedVolume]:
    """The volumes of one group (:func:`volume_groups`): its documents in date order, in as
    few PDFs of at most ``max_pages`` pages as :func:`build_volumes` makes, each with a
    title page that names the edition and the group ("1961", "Volume 2 of 3"). A group of
    the whole edition (title None) prints as build_volumes prints the edition. Groups are
    independent: a build may print them in parallel, and skip one whose documents did not
    change. The diagnostics of the fonts and of the edition's text come with the first
    volume of every group (a build of several groups drops the repeats). Each volume
    whose names point to entries of ``register`` (the edition's registers) ends with the
    index of its persons, places and organisations."""
    check_paper(paper)
    job = _collect(group.paths, edition, date, max_pages, f"{group.name}.pdf", whole=False,
                   include_root=include_root, group=group.title, register=register)
    results = _volumes(job, paper, max_pages, group.name)
    names = volume_file_names(len(results), group.name)
    return [PrintedVolume(name, r.pdf, r.pages, r.diagnostics, group.name, group.title,
                          r.volume, r.volumes, tuple(d.id for d in r.documents))
            for name, r in zip(names, results, strict=True)]


def _volumes(edition: _Edition, paper: str, max_pages: int, stem: str) -> list[PdfResult]:
    """The collected documents in volumes within the budget (build_volumes)."""
    documents = edition.documents
    if not documents:
        raise _nothing_printed(edition)
    runs = plan_volumes(documents, max_pages)
    results: list[PdfResult] = []
    k = 0
    while k < len(runs):
        start, stop = runs[k]
        part = (k + 1, len(runs))
        name = volume_file_names(len(runs), stem)[k]
        laid = _lay_out(edition, start, stop, part, paper)
        if laid is None:  # documents were left out: plan this volume and the next again
            if not documents:
                raise _nothing_printed(edition)
            runs[k:] = plan_volumes(documents, max_pages, start)
            continue
        html, document, messages = laid
        pages = len(document.pages)
        if pages > max_pages:
            runs[k:] = _cut(document, documents, start, stop, max_pages, name)
            continue
        results.append(_volume_result(edition, document, messages, html, (start, stop), part,
                                      name, first=k == 0))
        k += 1
    # A volume laid out before a later cut changed the number of volumes: its title page
    # says "of N" with the old N. Lay it out again (its documents and pages stay).
    count = len(runs)
    names = volume_file_names(count, stem)
    for k, result in enumerate(results):
        if result.volumes != count:
            start, stop = runs[k]
            html, document, messages = _layout_volume(edition, start, stop, (k + 1, count),
                                                      paper)
            if len(document.pages) > max_pages:  # pragma: no cover - the title page is one page
                raise over_budget(len(document.pages), max_pages, documents[start:stop],
                                   names[k])
            results[k] = _volume_result(edition, document, messages, html, runs[k],
                                        (k + 1, count), names[k], first=k == 0)
    # the documents left out come first in the reports (found while any volume was laid out)
    results[0] = replace(results[0], diagnostics=(*edition.skipped, *results[0].diagnostics))
    return results


def _cut(document: Any, documents: Sequence[PrintDocument], start: int, stop: int,
         max_pages: int, name: str) -> list[tuple[int, int]]:
    """A volume laid out longer than the budget: keep the documents that end within it,
    plan the rest again."""
    starts = [*_starts(document, documents[start:stop]), len(document.pages)]
    fit = sum(1 for end in starts[1:] if end <= max_pages)
    if fit == 0:
        raise InputError(f"in a volume, with its title page and contents, this document takes "
                         f"{starts[1]:,} pages; {budget_hint(max_pages)}",
                         Location(str(documents[start].path)), "page-budget")
    return [(start, start + fit), *plan_volumes(documents, max_pages, start + fit)]


def _volume_result(edition: _Edition, document: Any, messages: list[str], html: str,
                   run: tuple[int, int], part: tuple[int, int], name: str, *,
                   first: bool) -> PdfResult:
    pdf, more = write(document)
    diagnostics = [*(edition.diagnostics if first else ()),
                   *weasyprint_diagnostics([*messages, *more], edition.missing, name)]
    return PdfResult(pdf, len(document.pages), tuple(edition.documents[run[0]:run[1]]),
                     tuple(diagnostics), html, part[0], part[1])

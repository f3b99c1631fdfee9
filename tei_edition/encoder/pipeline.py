"""The encoding pipeline: a reader, then named transforms in order, then one serialisation.

As docutils' publisher reads, transforms and writes, :func:`encode_text` runs

1. the **reader** (:mod:`tei_edition.readers`): the source's header fields and body lines;
2. the **transforms** of :data:`TRANSFORMS`, each on the :class:`Document` being built:
   the Date field, the body (its structure, with the bracket rules and the dates of each
   line; an original and its translation as two texts), the header (fields,
   correspondents, the kinds of intervention), the paragraph ids, the correspondence of a
   translation's paragraphs to its original's, and the layout;
3. one **serialisation** of the TEI tree, sealed with the record of its encoding
   (:func:`tei_edition.encoder.record.seal`: what it was encoded from, and its own digest).

:func:`encode_file` / :func:`encode_bytes` / :func:`encode_text` return an
:class:`Encoded` (the tree, its bytes, the intervention counts and the warnings); bad input
raises :class:`~tei_edition.errors.InputError` with the file, line and column. Output is
deterministic: the same input and version give the same bytes; the date of the revision
entry comes from ``SOURCE_DATE_EPOCH`` when it is set.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from lxml import etree

from tei_edition.edition import Edition
from tei_edition.encoder.body import BodyBuilder, BodyInfo
from tei_edition.encoder.brackets.encode import InlineContext
from tei_edition.encoder.dates import FoundDate, parse_date
from tei_edition.encoder.header.build import build_header, tei_element
from tei_edition.encoder.header.fields import (
    named_languages,
    original_language,
    translator_of,
)
from tei_edition.encoder.layout import lay_out
from tei_edition.encoder.readings import DocumentReadings, Readings
from tei_edition.encoder.record import inputs_digest, seal
from tei_edition.encoder.source import check_text, decode_source, read_source_file
from tei_edition.encoder.structure import subtype_of
from tei_edition.encoder.transcription import link_paragraphs, split
from tei_edition.errors import Diagnostic, InputError, Location
from tei_edition.metadata import build_date
from tei_edition.readers import DEFAULT_READER, ID_PREFIXES, ReaderOptions, Reading, get_reader
from tei_edition.tei import CONTROL_NAMES, FORBIDDEN_RE, tei, xml_attr


@dataclass
class Encoded:
    """One encoded document: its TEI tree, the bytes it serialises to, its counts and
    warnings."""

    source: str
    ident: str
    tree: etree._Element  # the TEI element
    data: bytes  # the tree serialised (tei_edition.tei.serialize)
    counts: Counter[str] = field(default_factory=Counter)
    #: the warnings: the first MAX_WARNINGS of the document, then one that counts the rest
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: how many warnings the document gave, those not shown included
    warnings: int = 0
    #: the bracket readings to review (weak evidence), every one (no cap)
    reviews: list[Diagnostic] = field(default_factory=list)
    #: a ``note [reading-applied]`` for each entry of readings.tsv applied (the warnings
    #: about its entries that matched no bracket are among ``diagnostics``)
    applied: list[Diagnostic] = field(default_factory=list)


@dataclass
class Document:
    """What the transforms work on: the reader's reading, and the TEI tree as it grows."""

    source: str
    reading: Reading
    reader: str  # the reader's name
    edition: Edition
    ctx: InlineContext  # what the bracket rules share: endnotes, counts, warnings
    translator: str | None  # the translator the export names (Citation, then Source)
    #: the TEI element: its teiHeader, empty until the header transform fills it, then
    #: the text element the body transform builds
    root: etree._Element = field(default_factory=lambda: _tei_element())
    when: FoundDate | None = None  # the Date field, parsed
    year: int | None = None  # its year: the century of "13.1.51", the year of "25 April"
    text: etree._Element | None = None  # the text element, once the body is built
    info: BodyInfo = field(default_factory=BodyInfo)  # what the body says of the senders
    #: the language of an original transcribed in the body beside its translation
    original: str | None = None
    ident: str = ""  # the document's id


def _tei_element() -> etree._Element:
    """``<TEI><teiHeader>...</teiHeader></TEI>``, the header's skeleton
    (:func:`~tei_edition.encoder.header.build.tei_element`): the body is built after it, in
    the same tree (an element moved in from a tree of its own would be walked node by
    node)."""
    return tei_element()


def today() -> str:
    """The date of the revision entry, ISO 8601: the build's (metadata.build_date:
    SOURCE_DATE_EPOCH when set, for reproducible builds)."""
    return build_date().isoformat()


# ---------------------------------------------------------------------------------------
# The transforms, in the order they run


def read_date(doc: Document) -> None:
    """The Date field, parsed (``profileDesc/creation/date``; its year dates the body's
    two-digit and yearless dates)."""
    meta = doc.reading.metadata
    doc.when = parse_date(meta.date_text) if meta.date_text else None
    if doc.when and doc.when.when:
        doc.year = int(doc.when.when[:4])


def build_body(doc: Document) -> None:
    """The ``text`` element: the body's structure (opener, paragraphs, closer, ...), the
    bracket rules on each line and the dates in date lines. A body that is an original
    and its translation (:mod:`tei_edition.encoder.transcription`) is two texts in a
    group, each with its language and type."""
    meta = doc.reading.metadata
    builder = BodyBuilder(doc.ctx, doc.year, subtype_of(meta.title), spaced=meta.spaced)
    found = split(doc.reading.body, named_languages(meta))
    if found is None:
        doc.text = builder.build(doc.reading.body, doc.root)
    else:
        parts = [({_XML_LANG: found.language if kind == "original" else "en", "type": kind},
                  lines) for kind, lines in found.parts]
        if doc.ctx.language is None:  # (the original's words in brackets take its language)
            doc.ctx.language = found.language
        doc.text = builder.build_group(parts, doc.root, 1 if found.original_first else 0)
        doc.original = found.language
    doc.info = builder.info


def build_tei_header(doc: Document) -> None:
    """The ``teiHeader``: from the fields and from what the body holds (correspondents,
    the kinds of intervention, handwriting); the document's id on the TEI element."""
    prefix = ID_PREFIXES.get(doc.reader, doc.reader)
    meta = doc.reading.metadata
    if doc.original and meta.language is None and not named_languages(meta):
        # no field names the language of the original transcribed in the body: langUsage
        # lists it beside English, as the field would have
        meta = replace(meta, language=doc.original)
    doc.ident = build_header(doc.root[0], meta, doc.info, doc.edition, today(),
                             doc.ctx.counts, prefix, doc.when, doc.translator)
    doc.root.set(_XML_ID, doc.ident)
    doc.root.set(_XML_LANG, "en")


def number_paragraphs(doc: Document) -> None:
    """Each ``p`` of the body gets ``xml:id="pN"``, N counting from 1 in document order (the
    site's paragraph anchors and citations point at them)."""
    assert doc.text is not None
    for n, p in enumerate(doc.text.iter(_P), 1):
        p.set(_XML_ID, f"p{n}")


def link_translation(doc: Document) -> None:
    """Each paragraph of a translation points at the paragraph of its original it renders
    (``@corresp``), where the two correspond one to one
    (:func:`~tei_edition.encoder.transcription.link_paragraphs`)."""
    assert doc.text is not None
    link_paragraphs(doc.text)


def layout(doc: Document) -> None:
    """Element-only content indented (:mod:`tei_edition.encoder.layout`)."""
    lay_out(doc.root)


@dataclass(frozen=True)
class Transform:
    """One named step of the pipeline: ``apply`` changes the document in place."""

    name: str
    apply: Callable[[Document], None]


#: The transforms, in order. A new one goes where what it reads is built: after "body" it
#: sees the text element, after "header" the whole TEI tree.
TRANSFORMS: tuple[Transform, ...] = (
    Transform("date", read_date),
    Transform("body", build_body),
    Transform("header", build_tei_header),
    Transform("ids", number_paragraphs),
    Transform("corresp", link_translation),
    Transform("layout", layout),
)


_XML_ID, _XML_LANG = xml_attr("id"), xml_attr("lang")
_P = tei("p")
_NO_OPTIONS = ReaderOptions()  # (immutable: shared by every call that gives none)


# ---------------------------------------------------------------------------------------
# The job


def encode_text(text: str, source: str = "<string>", *, reader: str = DEFAULT_READER,
                edition: Edition | None = None, options: ReaderOptions | None = None,
                readings: Readings | None = None) -> Encoded:
    """Encode a source text (already decoded) as one TEI document. ``readings``: an
    edition's readings.tsv (:func:`tei_edition.encoder.readings.load_readings`), whose
    entries for this source (by its file name) fix the reading of given brackets."""
    return _encode_checked(check_text(text, source), source, reader, edition, options,
                           readings)


def _encode_checked(text: str, source: str, reader: str, edition: Edition | None,
                    options: ReaderOptions | None, readings: Readings | None) -> Encoded:
    """Encode a text :func:`check_text` has passed: the reader, the transforms, one
    serialisation."""
    options = options or _NO_OPTIONS
    _check_options(options, source)
    chosen = get_reader(reader)
    reading = chosen.read(text, source, options)
    translator = translator_of(reading.metadata)
    ctx = InlineContext(source, resp="#translator" if translator else None,
                        language=original_language(reading.metadata),
                        readings=readings.for_source(source) if readings else None)
    doc = Document(source, reading, chosen.name, edition or Edition(), ctx, translator)
    for transform in TRANSFORMS:
        transform.apply(doc)
    applied, unmatched = ctx.readings.report() if ctx.readings else ([], [])
    data = seal(doc.root, encoding_inputs(text, chosen.name, options, doc.edition, ctx.readings))
    return Encoded(source, doc.ident, doc.root, data, ctx.counts,
                   ctx.reported() + unmatched,
                   len(ctx.diagnostics) + ctx.dropped + len(unmatched), ctx.reviews, applied)


def encoding_inputs(text: str, reader: str, options: ReaderOptions, edition: Edition,
                    readings: DocumentReadings | None) -> str:
    """The digest of what an encoding depends on (:func:`tei_edition.encoder.record.
    inputs_digest`): the source text, the reader, the options, the edition's values the
    header takes, and the source's rows of readings.tsv."""
    return inputs_digest(
        text, reader,
        [("title", options.title), ("date", options.date), ("language", options.language),
         ("stem", options.stem)],
        [("publisher", edition.publisher), ("licence", edition.licence),
         ("licence_url", edition.licence_url)],
        [(e.text, e.occurrence, e.kind) for e in readings.entries.values()] if readings else [])


def _check_options(options: ReaderOptions, source: str) -> None:
    """The command line's header values go into the TEI as they are: none may hold a
    character XML cannot hold (as the source text may not)."""
    for name in ("title", "date", "language"):
        value = getattr(options, name)
        m = FORBIDDEN_RE.search(value) if value else None
        if m:
            code = ord(m.group())
            raise InputError(f"the {name} given (--{name}) holds U+{code:04X} "
                             f"({CONTROL_NAMES.get(code, 'a control character')}), which XML "
                             "cannot hold", Location(source), "control-character")


def encode_bytes(data: bytes, source: str = "<bytes>", *, reader: str = DEFAULT_READER,
                 edition: Edition | None = None, options: ReaderOptions | None = None,
                 readings: Readings | None = None) -> Encoded:
    """Encode the bytes of a source (decoded and checked by :func:`decode_source`)."""
    return _encode_checked(_decoded(data, source), source, reader, edition, options,
                           readings)


def _decoded(data: bytes, source: str) -> str:
    """The text of a source's bytes as the encoder reads it (decoded and checked by
    :func:`decode_source`)."""
    text = decode_source(data, source)  # checked already
    if text.startswith("\ufeff"):
        text = check_text(text, source)  # as encode_text does: one more byte order mark off
    return text


def file_inputs(path: str | Path, *, reader: str = DEFAULT_READER,
                edition: Edition | None = None, readings: Readings | None = None) -> str:
    """The encoded-from digest :func:`encode_file` would record for ``path``
    (:func:`encoding_inputs`), without encoding it: a build asks it of each source whose
    TEI has a record, and encodes only those whose digest differs."""
    p = Path(path)
    text = _decoded(read_source_file(p), str(p))
    chosen = get_reader(reader)
    return encoding_inputs(text, chosen.name, ReaderOptions(stem=p.stem), edition or Edition(),
                           readings.for_source(str(p)) if readings else None)


def encode_file(path: str | Path, *, reader: str = DEFAULT_READER,
                edition: Edition | None = None, options: ReaderOptions | None = None,
                readings: Readings | None = None) -> Encoded:
    """Encode a source file. Raises InputError (with line and column) for bad input."""
    p = Path(path)
    if options is None:
        options = ReaderOptions(stem=p.stem)
    return encode_bytes(read_source_file(p), str(p), reader=reader, edition=edition,
                        options=options, readings=readings)

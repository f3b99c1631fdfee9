"""The encoding job: read a source safely, run its reader, build and serialise the TEI.

:func:`encode_file` / :func:`encode_bytes` / :func:`encode_text` return an
:class:`Encoded` (the TEI bytes, the intervention counts and the warnings); bad input
raises :class:`~tei_edition.errors.InputError` with the file, line and column.
Output is deterministic: the same input and version give the same bytes; the date of the
revision entry comes from ``SOURCE_DATE_EPOCH`` when it is set.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from tei_edition.edition import Edition
from tei_edition.editorial import InlineContext
from tei_edition.errors import Diagnostic, InputError, Location
from tei_edition.header import build_header, translator_of
from tei_edition.inputs import limits, read_file
from tei_edition.metadata import build_date
from tei_edition.readers import DEFAULT_READER, ID_PREFIXES, ReaderOptions, get_reader
from tei_edition.readers.body import BodyBuilder, subtype_of
from tei_edition.readers.dates import parse_date
from tei_edition.tei import CONTROL_NAMES, FORBIDDEN_RE, TEI_NS, element, serialize, tei, xml_attr


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


def today() -> str:
    """The date of the revision entry, ISO 8601: the build's (metadata.build_date:
    SOURCE_DATE_EPOCH when set, for reproducible builds)."""
    return build_date().isoformat()


# ---------------------------------------------------------------------------------------
# Reading the source safely


def _line_col(data: bytes | str, pos: int) -> tuple[int, int]:
    before = data[:pos]
    nl = b"\n" if isinstance(before, bytes) else "\n"
    line = before.count(nl) + 1  # type: ignore[arg-type]
    col = pos - (before.rfind(nl) + 1)  # type: ignore[arg-type]
    if isinstance(data, bytes):
        col = len(data[pos - col:pos].decode("utf-8", "replace"))
    return line, col + 1


def _looks_like_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sum(1 for b in sample[0::2] if b == 0) / max(1, len(sample[0::2]))
    odd = sum(1 for b in sample[1::2] if b == 0) / max(1, len(sample[1::2]))
    if odd > 0.3 and even < 0.05:
        return "UTF-16LE"
    if even > 0.3 and odd < 0.05:
        return "UTF-16BE"
    return None


def decode_source(data: bytes, source: str) -> str:
    """The text of a source file, or an InputError saying what is wrong and where."""
    if not data.strip():
        raise InputError("empty file: nothing to encode" if not data else
                         "the file holds only white space: nothing to encode",
                         Location(source), "empty")
    limit = limits().text_bytes  # (a file or stdin was bounded while it was read)
    if len(data) > limit:
        raise InputError(f"{len(data):,} bytes, more than the limit of {limit:,} for a text "
                         "source (set TEI_EDITION_MAX_TEXT_BYTES to raise it)",
                         Location(source), "too-large")
    for bom, name in ((b"\xff\xfe\x00\x00", "UTF-32LE"), (b"\x00\x00\xfe\xff", "UTF-32BE"),
                      (b"\xff\xfe", "UTF-16LE"), (b"\xfe\xff", "UTF-16BE")):
        if data.startswith(bom):
            raise InputError(f"not UTF-8: the file looks like {name} (byte order mark); "
                             f"convert it to UTF-8 (iconv -f {name[:6]} -t UTF-8)",
                             Location(source, 1, 1), "encoding")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:
        utf16 = _looks_like_utf16(data)
        if utf16:
            raise InputError(f"not UTF-8: the file looks like {utf16} (NUL bytes between "
                             f"letters); convert it to UTF-8 (iconv -f {utf16} -t UTF-8)",
                             Location(source, 1, 1), "encoding")
        raise InputError("binary file (it holds NUL bytes), not a text document",
                         Location(source, *_line_col(data, data.index(b"\x00"))), "binary")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        bad = data[exc.start]
        if sum(1 for b in data[:8192] if b < 9 or 13 < b < 32) > 8:
            raise InputError("binary file, not a text document", Location(source, line, col),
                             "binary") from None
        guess = "Latin-1 or cp1252"
        if any(0x80 <= b <= 0x9F for b in data):
            guess = "cp1252 (Windows)"
        raise InputError(f"not UTF-8: byte 0x{bad:02X} cannot be decoded; the file looks "
                         f"like {guess}; convert it to UTF-8 (iconv -f cp1252 -t UTF-8)",
                         Location(source, line, col), "encoding") from None
    return check_text(text, source)


def check_text(text: str, source: str) -> str:
    """Normalise line ends; refuse characters XML cannot hold (with line and column)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("empty file: nothing to encode", Location(source), "empty")
    m = FORBIDDEN_RE.search(text)
    if m:
        code = ord(m.group())
        name = CONTROL_NAMES.get(code, "a control character")
        line, col = _line_col(text, m.start())
        raise InputError(f"character U+{code:04X} ({name}) cannot be held in XML; remove it "
                         "from the source", Location(source, line, col), "control-character")
    return text


# ---------------------------------------------------------------------------------------
# The job


#: Elements that hold only elements: their white space is layout, indented on output.
_STRUCTURAL = frozenset(tei(n) for n in (
    "TEI teiHeader fileDesc titleStmt publicationStmt availability notesStmt sourceDesc "
    "msDesc msIdentifier msContents msItem encodingDesc appInfo application editorialDecl "
    "profileDesc abstract creation langUsage correspDesc correspAction handNotes "
    "revisionDesc respStmt text body div opener closer postscript list quote floatingText"
).split())


#: Inline elements: white space around them is text, never added for layout.
_INLINE = frozenset(tei(n) for n in (
    "gap stamp add supplied choice unclear sic expan ex note hi persName orgName placeName "
    "date label name idno ptr ref"
).split())


#: Body containers whose lines may be inline elements side by side.
_LINE_CONTAINERS = frozenset(tei(n) for n in "div opener closer postscript body".split())


_NOTE = tei("note")
#: The line break and indentation at each level (deeper levels are made when needed).
_PADS = ["\n" + "  " * level for level in range(32)]


def _pad(level: int) -> str:
    while level >= len(_PADS):
        _PADS.append("\n" + "  " * len(_PADS))
    return _PADS[level]


def _is_inline(tag: str, el: etree._Element) -> bool:
    return tag in _INLINE and not (tag == _NOTE and el.get("type") == "distribution")


def indent(el: etree._Element, level: int = 0) -> None:
    """Indent element-only content; white space in mixed content is text and stays.

    In a container of lines (opener, closer) a line may be inline elements side by side
    (``[handwritten: 328/ag] [signature]``): no white space is added between them.
    """
    tag = el.tag
    if tag not in _STRUCTURAL or len(el) == 0:
        return
    text = el.text
    if text and not text.isspace():
        return  # mixed content (a note with text): leave it as it is
    pad = _pad(level + 1)
    el.text = pad
    children = list(el)
    tags = [child.tag for child in children]  # (lxml makes the tag string at each asking)
    last = len(children) - 1
    lines = tag in _LINE_CONTAINERS
    for k, child in enumerate(children):
        tail = child.tail
        if not tail or tail.isspace():
            if k == last:
                child.tail = _pad(level)
            elif not (lines and _is_inline(tags[k], child)
                      and _is_inline(tags[k + 1], children[k + 1])):
                child.tail = pad
        if tags[k] in _STRUCTURAL:
            indent(child, level + 1)


def encode_text(text: str, source: str = "<string>", *, reader: str = DEFAULT_READER,
                edition: Edition | None = None, options: ReaderOptions | None = None
                ) -> Encoded:
    """Encode a source text (already decoded) as one TEI document."""
    return _encode_checked(check_text(text, source), source, reader, edition, options)


_NO_OPTIONS = ReaderOptions()  # (immutable: shared by every call that gives none)


def _encode_checked(text: str, source: str, reader: str, edition: Edition | None,
                    options: ReaderOptions | None) -> Encoded:
    """Encode a text :func:`check_text` has passed: the reader, then the transforms that
    build the TEI tree, one after the other, then one serialisation."""
    options = options or _NO_OPTIONS
    _check_options(options, source)
    # 1. The reader: the header's fields and the body's lines.
    chosen = get_reader(reader)
    reading = chosen.read(text, source, options)
    meta = reading.metadata
    translator = translator_of(meta)
    ctx = InlineContext(source, resp="#translator" if translator else None)
    when = parse_date(meta.date_text) if meta.date_text else None
    year = int(when.when[:4]) if when and when.when else None
    # 2. The body: structure (opener, paragraphs, closer, ...), bracket rules and dates.
    builder = BodyBuilder(ctx, year, subtype_of(meta.title))
    text_el = builder.build(reading.body)
    # 3. The header: from the fields and from what the body holds (correspondents, the
    #    kinds of intervention, handwriting).
    root = element("TEI")
    ident = build_header(root, meta, builder.info, edition or Edition(), today(), ctx.counts,
                         ID_PREFIXES.get(chosen.name, chosen.name), when, translator)
    root.set(_XML_ID, ident)
    root.set(_XML_LANG, "en")
    root.append(text_el)
    # 4. The ids: each paragraph's.
    number_paragraphs(text_el)
    # 5. The layout: element-only content indented (the header is indented already).
    root.text = root[0].tail = _pad(1)
    indent(text_el, 1)
    text_el.tail = _pad(0)
    # 6. One serialisation.
    return Encoded(source, ident, root, serialize(root), ctx.counts, ctx.reported(),
                   len(ctx.diagnostics) + ctx.dropped)  # (ctx ends here)


_XML_ID, _XML_LANG = xml_attr("id"), xml_attr("lang")
_P = tei("p")


def number_paragraphs(text: etree._Element) -> None:
    """Each ``p`` of the body gets ``xml:id="pN"``, N counting from 1 in document order (the
    site's paragraph anchors and citations point at them)."""
    for n, p in enumerate(text.iter(_P), 1):
        p.set(_XML_ID, f"p{n}")


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
                 edition: Edition | None = None, options: ReaderOptions | None = None
                 ) -> Encoded:
    text = decode_source(data, source)  # checked already
    if text.startswith("\ufeff"):
        text = check_text(text, source)  # as encode_text does: one more byte order mark off
    return _encode_checked(text, source, reader, edition, options)


def read_source_file(path: str | Path) -> bytes:
    """The bytes of a source file, read through :func:`tei_edition.inputs.read_file`."""
    return read_file(path, "text")


def encode_file(path: str | Path, *, reader: str = DEFAULT_READER,
                edition: Edition | None = None, options: ReaderOptions | None = None
                ) -> Encoded:
    """Encode a source file. Raises InputError (with line and column) for bad input."""
    p = Path(path)
    if options is None:
        options = ReaderOptions(stem=p.stem)
    return encode_bytes(read_source_file(p), str(p), reader=reader, edition=edition,
                        options=options)


__all__ = ["Encoded", "TEI_NS", "decode_source", "encode_bytes", "encode_file", "encode_text",
           "today"]

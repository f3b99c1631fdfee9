"""What the site publishes of a TEI document: the copy readers download and the text the
view page shows.

The copy is the document's own bytes, with the editors' XML comments cut out unless the
edition keeps them (``publish_comments = true`` in edition.toml); nothing else is touched:
not the XML declaration, the encoding, the namespaces (``teix:egXML``, ``frus:`` attributes),
the white space or the line ends. It is published inside a zip (``tei/ID.zip`` holding
``ID.xml``), never as ``.xml`` or ``.tei``: a browser renders XML, and an XHTML
``<h:script>`` in it would run outside the pages' Content Security Policy. Chromium renders
a ``.tei`` served without a Content-Type (it sniffs ``<?xml`` as text/xml, and a document
that opens with a comment as text/html); a zip's first bytes are binary, so every browser
downloads it, from file:// and from any server.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from tei_edition.errors import InputError, Location
from tei_edition.tei import sniff_encoding

#: The zip entries' timestamp: the earliest a zip can hold, so that the same document gives
#: the same zip on every build (zipfile would otherwise write the time of the build).
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class XMLText:
    """A document's bytes read as text: ``bom + text.encode(codec)`` is the document."""

    bom: bytes
    codec: str
    text: str


def decode(data: bytes, source: str = "<string>") -> XMLText:
    """The document as text, in the encoding its mark, first bytes or declaration give
    (:func:`tei_edition.tei.sniff_encoding`, as for the parse's DOCTYPE scan; UTF-8 without
    any). Raises :class:`InputError` where the bytes are not that encoding, or where encoding
    the text again would not give the same bytes (a stateful encoding)."""
    bom, codec = sniff_encoding(data, source)
    body = data[len(bom):]
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as exc:
        line = body[:exc.start].count(b"\n") + 1
        raise InputError(f"the document is not {codec}: {exc.reason}",
                         Location(source, line), "encoding") from None
    if text.encode(codec) != body:
        raise InputError(f"the document's encoding {codec!r} does not give back the same "
                         "bytes once read; save it as UTF-8", Location(source, 1), "encoding")
    return XMLText(bom, codec, text)


# Where a comment, a CDATA section or a processing instruction may start. In a well-formed
# document without a DOCTYPE (tei.parse_bytes refuses one), "<!--" starts a comment unless
# it lies in a CDATA section or a processing instruction: text and attribute values cannot
# hold a literal "<". So a scan that jumps over those two and cuts comments is exact:
#   <p>a<!-- x --><![CDATA[<!-- kept -->]]><?pi <!-- kept -->?></p>
#   -> <p>a<![CDATA[<!-- kept -->]]><?pi <!-- kept -->?></p>
_MARKUP = re.compile(r"<(?:!--|!\[CDATA\[|\?|!DOCTYPE)")
_ENDS = {"<!--": "-->", "<![CDATA[": "]]>", "<?": "?>"}


def comment_spans(text: str, source: str = "<string>") -> list[tuple[int, int]]:
    """The ``(start, end)`` of every comment in a well-formed document's text, in order."""
    spans: list[tuple[int, int]] = []
    i = 0
    while (m := _MARKUP.search(text, i)) is not None:
        opening = m.group()
        if opening == "<!DOCTYPE":
            raise InputError("a document with a DOCTYPE cannot be published without its "
                             "comments", Location(source, text.count("\n", 0, m.start()) + 1),
                             "doctype")
        end = text.find(_ENDS[opening], m.end())
        if end < 0:
            raise InputError(f"{opening!r} is never closed",
                             Location(source, text.count("\n", 0, m.start()) + 1), "xml")
        i = end + len(_ENDS[opening])
        if opening == "<!--":
            spans.append((m.start(), i))
    return spans


@dataclass(frozen=True)
class PublishedCopy:
    """What the site publishes of one document: its bytes, their text and how many comments
    were cut out of them."""

    data: bytes
    text: str
    comments_dropped: int


def published_copy(data: bytes, keep_comments: bool, source: str = "<string>") -> PublishedCopy:
    """The document as published: ``data`` as it is when ``keep_comments``, else ``data``
    without its comments. The result is made of slices of ``data`` (so every other byte is
    kept), cut where the comments lie in the decoded text."""
    read = decode(data, source)
    spans = [] if keep_comments else comment_spans(read.text, source)
    kept_bytes: list[bytes] = [read.bom]
    kept_text: list[str] = []
    offset, at = len(read.bom), 0  # the same place in the bytes and in the text
    for start, end in spans:
        keep = len(read.text[at:start].encode(read.codec))
        kept_bytes.append(data[offset:offset + keep])
        kept_text.append(read.text[at:start])
        offset += keep + len(read.text[start:end].encode(read.codec))
        at = end
    kept_bytes.append(data[offset:])
    kept_text.append(read.text[at:])
    out, text = b"".join(kept_bytes), "".join(kept_text)
    if out[len(read.bom):].decode(read.codec) != text:
        # only a stateful encoding could get here (decode() already refuses most)
        raise InputError(f"the comments cannot be cut out of a document in {read.codec}; "
                         "save it as UTF-8", Location(source, 1), "encoding")
    return PublishedCopy(out, text, len(spans))


def zip_copy(name: str, data: bytes) -> bytes:
    """A zip holding one file, ``name``, with ``data``: the same bytes for the same input
    (fixed time, permissions and system; deflated by the zlib of this Python)."""
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, whatever system builds the site
    info.external_attr = 0o644 << 16
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()

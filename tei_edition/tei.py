"""The TEI namespace, element helpers, safe XML parsing and serialisation.

Every XML document the toolkit reads goes through :func:`parse_bytes` / :func:`parse_file`:
no network, no external entities, no DTD loading, no XInclude, and a size bound.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from pathlib import Path

from lxml import etree

from tei_edition.errors import InputError, Location, XMLSyntaxProblem

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {None: TEI_NS}
NS = {"tei": TEI_NS}

#: Elements nested in one document, the root included: libxml2's own bound (without its
#: "huge" option), which every document meets before Saxon or WeasyPrint sees it. Every
#: writer takes a document nested this deep (tests/test_security_inputs.py).
MAX_DEPTH = 256
#: Characters XML 1.0 cannot hold (ENCODING.md §6), and names for the common ones.
FORBIDDEN_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
CONTROL_NAMES = {0: "NUL", 7: "BEL", 8: "backspace", 0x0B: "vertical tab", 0x0C: "form feed",
                 0x1B: "escape", 0x1A: "SUB", 0xFFFE: "a non-character",
                 0xFFFF: "a non-character"}


def tei(name: str) -> str:
    """Clark name of a TEI element: ``tei("p")`` -> ``{http://www.tei-c.org/ns/1.0}p``."""
    return f"{{{TEI_NS}}}{name}"


def xml_attr(name: str) -> str:
    """Clark name of an xml: attribute: ``xml_attr("id")``."""
    return f"{{{XML_NS}}}{name}"


class _Models(dict[str, etree._Element]):
    """``_MODELS[name]`` is an empty TEI element ``name`` in a tree of its own, made once per
    element name: :func:`element` copies it."""

    def __missing__(self, name: str) -> etree._Element:
        model = self[name] = etree.Element(tei(name), nsmap=NSMAP)
        return model


_MODELS = _Models()


def element(name: str, attrib: Mapping[str, str | None] | None = None, text: str | None = None,
            parent: etree._Element | None = None) -> etree._Element:
    """Make a TEI element (as the last child of ``parent`` when given); attributes whose
    value is None are left out.

    The element is a copy of a model element of its name, appended to ``parent`` (lxml drops
    the model's namespace declaration, which ``parent`` holds already). Kept for its measured
    gain over ``etree.SubElement(parent, tei(name))``, the plain way, the encoder being
    still over the issue's bound (15% slower than 99422f8): bench/encode.py takes 6% fewer
    instructions a document with PYTHONHASHSEED=0 (3,766,892 -> 3,530,317; callgrind,
    n=400 minus n=200; 11% in a run with random seeds, 3,741,035 -> 3,317,108), the real
    samples 5% (4,490,001 -> 4,268,689); the encoder makes 68 elements a document on the
    bench, 45 on the real samples. (The models are only read: a copy changes nothing in
    them.) The attributes are set one by one: lxml does that faster than it reads them
    from a dict."""
    el = _MODELS[name].__copy__()
    if parent is not None:
        parent.append(el)
    if attrib:
        for key, value in attrib.items():
            if value is not None:
                el.set(key, value)
    if text is not None:
        el.text = text
    return el


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        remove_comments=False,
        collect_ids=False,
    )


# How XML 1.0 (appendix F) and libxml2 tell a document's encoding before reading its
# declaration: a byte order mark (the longest first: UTF-32's little-endian mark starts with
# UTF-16's), else the first four bytes, "<" or "<?" in UTF-32 or UTF-16; else the
# declaration's ``encoding``; else UTF-8.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
_NO_BOM = ((b"<\x00\x00\x00", "utf-32-le"), (b"\x00\x00\x00<", "utf-32-be"),
           (b"<\x00?\x00", "utf-16-le"), (b"\x00<\x00?", "utf-16-be"),
           # UCS-4 in the orders 2143 and 3412, which libxml2 detects and Python cannot read
           (b"\x00\x00<\x00", "ucs-4-2143"), (b"\x00<\x00\x00", "ucs-4-3412"))
_DECLARED = re.compile(rb"""<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']""")


def sniff_encoding(data: bytes, source: str = "<string>") -> tuple[bytes, str]:
    """A document's byte order mark (``b""`` for none) and encoding (Python's codec name), found
    as the XML parser finds them: ``bom + text.encode(codec)`` is the document. Raises
    :class:`InputError` (code ``encoding``) for an encoding Python cannot read."""
    bom, codec = b"", ""
    for mark, name in _BOMS:
        if data.startswith(mark):
            bom, codec = mark, name
            break
    else:
        for start, name in _NO_BOM:
            if data.startswith(start):
                codec = name
                break
        else:
            declared = _DECLARED.match(data)
            codec = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        return bom, codecs.lookup(codec).name
    except LookupError:
        raise InputError(f"the document's encoding {codec!r} is not one tei-edition can "
                         "read", Location(source, 1), "encoding") from None


def doctype_offset(data: bytes, source: str = "<string>") -> tuple[int, int] | None:
    """Line and column of a DOCTYPE declaration in the prolog, or None.

    The prolog is read before libxml2 sees the document, because libxml2 reads the internal
    subset, parameter entities included, before any check after parsing could refuse it: a
    ``<!ENTITY % p SYSTEM "/dev/zero"> %p;`` opens that file even with ``load_dtd=False``.
    The prolog is an XML declaration, then comments, processing instructions and white space;
    the scan stops at the first thing that is none of these (the root element). It reads the
    bytes as they are (UTF-8, and every encoding that writes "<" as that byte) and, for a
    document in another encoding (:func:`sniff_encoding`), its text as well: in UTF-7,
    ``+ADw-!DOCTYPE`` is a DOCTYPE; in UTF-32, ``<`` is four bytes; in ISO-2022-JP, escape
    sequences that the scan would take for the root element stand before it.
    """
    found = _prolog_doctype(data)
    _, codec = sniff_encoding(data, source)
    if found is None and codec != "utf-8":
        found = _prolog_doctype(data.decode(codec, "replace").encode("utf-8"))
    return found


def _prolog_doctype(data: bytes) -> tuple[int, int] | None:
    """:func:`doctype_offset` on UTF-8 bytes (or bytes that write markup as ASCII)."""
    pos = 0
    while pos < len(data):
        if data[pos:pos + 1] in (b" ", b"\t", b"\r", b"\n"):
            pos += 1
        elif data.startswith(b"\xef\xbb\xbf", pos):  # a byte order mark
            pos += 3
        elif data.startswith((b"<?", b"<!--"), pos):
            closing = b"?>" if data[pos + 1:pos + 2] == b"?" else b"-->"
            end = data.find(closing, pos + 2)
            if end < 0:
                return None
            pos = end + len(closing)
        elif data.startswith(b"<!DOCTYPE", pos):
            line_start = data.rfind(b"\n", 0, pos) + 1
            before = data[line_start:pos].decode("utf-8", "replace").lstrip("\ufeff")
            return data.count(b"\n", 0, pos) + 1, len(before) + 1  # columns count characters
        else:
            return None
    return None


def _syntax_message(exc: etree.XMLSyntaxError) -> str:
    msg = exc.msg or str(exc)
    # lxml appends "(line N, column M)"; the location already says it.
    msg = msg.split(", line ")[0]
    if "XML_PARSE_HUGE" in msg:  # libxml2's bounds, in the toolkit's words
        if "depth" in msg:
            return f"elements are nested more than {MAX_DEPTH} deep, the limit"
        return ("a part of the document passes libxml2's bounds (a text node over 10 MB, a "
                "name over 50,000 characters, or the like)")
    return f"not well-formed XML: {msg}"


def parse_bytes(data: bytes, source: str = "<string>") -> etree._ElementTree:
    """Parse XML safely: no DOCTYPE (refused before parsing), no entities, no network, at most
    :data:`MAX_DEPTH` deep. Raises :class:`XMLSyntaxProblem` with line and column. The size
    bound is the reader's (:mod:`tei_edition.inputs`)."""
    try:
        doctype = doctype_offset(data, source)
    except InputError as exc:  # an encoding Python cannot read: the scan cannot read it
        raise XMLSyntaxProblem(exc.message, exc.location, exc.code) from None
    if doctype is not None:
        raise XMLSyntaxProblem(
            "DOCTYPE declarations are not allowed: no DTD or entity is read (write a character "
            "such as \u2014 as itself or as &#x2014;, not as &mdash;)",
            Location(source, *doctype), "xml")
    try:
        root = etree.fromstring(data, _parser(), base_url=None)
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (None, None)
        raise XMLSyntaxProblem(_syntax_message(exc), Location(source, line, col),
                               "xml") from None
    tree = root.getroottree()
    if tree.docinfo.doctype:  # pragma: no cover - the prolog scan refuses it first
        raise XMLSyntaxProblem("DOCTYPE declarations are not allowed", Location(source, 1, 1),
                               "xml")
    return tree


def parse_file(path: str | Path) -> etree._ElementTree:
    """Read (:func:`tei_edition.inputs.read_file`) and parse a file safely; errors name it."""
    from tei_edition.inputs import read_file

    return parse_bytes(read_file(path, "xml"), str(path))


def tei_root(tree: etree._ElementTree, source: str) -> etree._Element:
    """The root of a TEI document: ``<TEI>`` in the TEI namespace, else :class:`InputError`
    (code ``not-tei``) naming what it is: ``<html>`` in no namespace, ``<TEI>`` in another."""
    root = tree.getroot()
    if root.tag != tei("TEI"):
        name = etree.QName(root)
        raise InputError(f"not a TEI document: the root element is <{name.localname}> in "
                         f"{name.namespace or 'no namespace'}, not <TEI> in {TEI_NS}",
                         Location(source, root.sourceline), "not-tei")
    return root


def serialize(tree: etree._ElementTree | etree._Element) -> bytes:
    """The bytes the toolkit writes for a TEI document: UTF-8 with an XML declaration."""
    return etree.tostring(tree, encoding="UTF-8", xml_declaration=True) + b"\n"


def canonical(tree: etree._ElementTree | etree._Element) -> str:
    """C14N 2.0 text, for comparing documents (white space in mixed content is kept)."""
    return etree.tostring(tree, method="c14n2").decode("utf-8")


def append_text(parent: etree._Element, text: str) -> None:
    """Add text at the end of ``parent``'s mixed content (its last child's tail, or its text)."""
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text

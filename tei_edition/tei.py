"""The TEI namespace, element helpers, safe XML parsing and serialisation.

Every XML document the toolkit reads goes through :func:`parse_bytes` / :func:`parse_file`:
no network, no external entities, no DTD loading, no XInclude, and a size bound.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from tei_edition.errors import Location, XMLSyntaxProblem

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {None: TEI_NS}
NS = {"tei": TEI_NS}

#: The largest XML document the toolkit reads (a whole volume is a few MB).
MAX_XML_BYTES = 64 * 1024 * 1024
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


def element(name: str, attrib: dict[str, str] | None = None, text: str | None = None,
            parent: etree._Element | None = None) -> etree._Element:
    """Make a TEI element (as a child of ``parent`` when given)."""
    attrs = {k: v for k, v in (attrib or {}).items() if v is not None}
    if parent is None:
        el = etree.Element(tei(name), attrs, nsmap=NSMAP)
    else:
        el = etree.SubElement(parent, tei(name), attrs)
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


def parse_bytes(data: bytes, source: str = "<string>") -> etree._ElementTree:
    """Parse XML safely. Raises :class:`XMLSyntaxProblem` with line and column."""
    if len(data) > MAX_XML_BYTES:
        raise XMLSyntaxProblem(
            f"document is {len(data)} bytes, more than the limit of {MAX_XML_BYTES}",
            Location(source), "xml")
    try:
        root = etree.fromstring(data, _parser(), base_url=None)
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (None, None)
        msg = exc.msg or str(exc)
        # lxml appends "(line N, column M)"; the location already says it.
        msg = msg.split(", line ")[0]
        raise XMLSyntaxProblem(f"not well-formed XML: {msg}", Location(source, line, col),
                               "xml") from None
    tree = root.getroottree()
    if tree.docinfo.doctype:
        raise XMLSyntaxProblem(
            "DOCTYPE declarations are not allowed (no DTDs or entities are loaded)",
            Location(source, 1, 1), "xml")
    return tree


def parse_file(path: str | Path) -> etree._ElementTree:
    """Read and parse a file safely; errors name the file."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_XML_BYTES:
            raise XMLSyntaxProblem(
                f"document is {size} bytes, more than the limit of {MAX_XML_BYTES}",
                Location(str(p)), "xml")
        data = p.read_bytes()
    except OSError as exc:
        raise XMLSyntaxProblem(f"cannot read: {exc.strerror}", Location(str(p)), "io") from None
    return parse_bytes(data, str(p))


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

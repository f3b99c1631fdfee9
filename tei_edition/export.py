"""TEI back to the input layout (``tei-edition export``), for any TEI the encoder wrote.

Compared with runs of white space collapsed to one space, the export equals the source
(ENCODING.md §6): every word, mark and bracket, in order. What the export restores of
the layout, and what not:

- restored: the order of the header parts (recorded in
  ``appInfo/application/desc[@type='source-layout']``), the ``**...**`` bold markers of the
  date line, the title and the labels, the URL in ``<...>``, one block per line, blank
  lines between blocks where the source had them (``@rend="spaced"``), the endnotes
  ``[1] ...`` at the end;
- not restored (white space only): leading blank lines, the two-space markdown line
  breaks and the line breaks inside the title (it is one line), indentation, trailing
  spaces, and whether a date and a signature shared one line ("13.1.51 ROSHCHIN" comes
  back on two lines).
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from tei_edition import kinds
from tei_edition.errors import InputError, Location
from tei_edition.tei import NS, parse_bytes, parse_file, tei, tei_root

#: Elements whose children are blocks (each on its own line).
CONTAINERS = frozenset(tei(n) for n in (
    "body div opener closer postscript list quote floatingText front back".split()))
#: Elements that are one block (a line) each.
LINES = frozenset(tei(n) for n in (
    "p seg salute signed dateline head ab byline docDate trailer label".split()))


# ---------------------------------------------------------------------------------------
# The header fields, back from the TEI header (the encoder asks which fields these are:
# tei_edition/encoder/header/fields.py)

#: The wording of a Credits field the encoder reads as funders (and the export gives back).
CREDITS_PREFIX = "This document was made possible with support from "
#: ``desc/@type`` of the record of the source's layout (the order of its header parts).
LAYOUT_DESC = "source-layout"


def bibl_source(el: etree._Element) -> str:
    """The field text back from a ``bibl``: its words, then the URL line."""
    ptr = el.find(tei("ptr"))
    text = "".join(el.itertext()).strip()
    if ptr is not None:
        return f"{text}\n\n<{ptr.get('target')}>"
    return text



# The export of each known field, from the whole header (None: the field cannot be given back).
# The paths are walked child by child (what ElementPath does for them, without its cost).
_SOURCE_DESC = (tei("fileDesc"), tei("sourceDesc"))
_PROFILE = tei("profileDesc")
_ABSTRACT = (_PROFILE, tei("abstract"))
_P = tei("p")
_FUNDERS = (tei("fileDesc"), tei("titleStmt"), tei("funder"))
_LANGUAGES = (_PROFILE, tei("langUsage"), tei("language"))
_MS_ITEMS = (*_SOURCE_DESC, tei("msDesc"), tei("msContents"), tei("msItem"), _P)
_BIBLS = (*_SOURCE_DESC, tei("bibl"))


def _walk(el: etree._Element, path: tuple[str, ...]) -> list[etree._Element]:
    """The elements at the end of a path of child tags, in document order (as
    ``el.findall("a/b/c")``)."""
    found = [el]
    for tag in path:
        found = [child for parent in found for child in parent.iterchildren(tag)]
    return found


def _citation_source(header: etree._Element, kind: str) -> str | None:
    el = next((b for b in _walk(header, _BIBLS) if b.get("type") == kind), None)
    return None if el is None else bibl_source(el)


def _summary_source(header: etree._Element) -> str | None:
    abstracts = _walk(header, _ABSTRACT)
    if not abstracts:
        return ""
    return "\n\n".join("".join(p.itertext()) for p in abstracts[0].iterchildren(_P))


def _credits_source(header: etree._Element) -> str | None:
    names = [f.text or "" for f in _walk(header, _FUNDERS)]
    if not names:
        return ""
    return CREDITS_PREFIX + " and ".join(names)


def _language_source(header: etree._Element) -> str | None:
    langs = _walk(header, _LANGUAGES)
    original = langs[1:] if len(langs) > 1 else langs
    return ", ".join(lang.text or "" for lang in original)


def _contents_source(header: etree._Element) -> str | None:
    items = _walk(header, _MS_ITEMS)
    return "\n".join("".join(p.itertext()) for p in items)


FIELD_SOURCES: dict[str, Callable[[etree._Element], str | None]] = {
    "Citation": lambda h: _citation_source(h, "citation"),
    "Source": lambda h: _citation_source(h, "source"),
    "Summary": _summary_source,
    "Credits": _credits_source,
    "Original Language": _language_source,
    "Contents": _contents_source,
}



def _single_source(el: etree._Element) -> str:
    """The source text of one inline element (with its brackets)."""
    holder = etree.Element(tei("ab"))
    clone = copy.deepcopy(el)
    clone.tail = None
    holder.append(clone)
    return inline_source(holder)


def _body_lines(container: etree._Element, out: list[str]) -> None:
    run: list[str] = []

    def flush() -> None:
        line = "".join(run).strip()
        if line:
            out.append(line)
        run.clear()

    def tail(text: str | None) -> None:
        if not text:
            return
        if text.strip():
            run.append(text)
        elif "\n" in text:
            flush()  # white space with a line break between inline elements: a new line
        else:
            run.append(" ")

    tail(container.text)
    for child in container:
        if not isinstance(child.tag, str):
            tail(child.tail)
            continue
        if child.tag == tei("lb"):
            flush()
        elif child.tag in CONTAINERS or (
                child.tag == tei("note") and child.get("type") == "distribution"):
            flush()
            _body_lines(child, out)
        elif child.tag == tei("item"):
            flush()
            marker = child.get("n")
            content = inline_source(child)
            out.append(f"{marker} {content.rstrip()}" if marker else content.strip())
        elif child.tag == tei("note") and child.get("anchored") == "false":
            flush()  # an endnote no anchor points to: a line of its own, where the source had it
            out.append(_single_source(child).strip())
        elif child.tag in LINES:
            flush()
            line = inline_source(child).strip()
            if line:
                out.append(line)
        else:
            run.append(_single_source(child))
        tail(child.tail)
    flush()


def _endnotes(body: etree._Element) -> list[str]:
    lines = []
    for note in body.iter(tei("note")):
        if note.get("place") == "foot" and note.get("n"):
            lines.append(f"[{note.get('n')}] {inline_source(note).strip()}")
    return lines


def _bodies(text: etree._Element | None) -> list[etree._Element]:
    """The bodies of a text in the source's order: its own, or those of the texts of its
    group (an original and its translation, ``text/group/text``; a group may hold groups),
    each followed in the source by its own endnotes."""
    if text is None:
        return []
    body = text.find(_BODY)
    if body is not None:
        return [body]
    group = text.find(_GROUP)
    return [] if group is None else _group_bodies(group)


def _group_bodies(group: etree._Element) -> list[etree._Element]:
    return [b for inner in group.iterchildren(_TEXT, _GROUP)
            for b in (_bodies(inner) if inner.tag == _TEXT else _group_bodies(inner))]


_BODY, _GROUP, _TEXT = tei("body"), tei("group"), tei("text")


def _layout(root: etree._Element) -> tuple[str, list[str], bool]:
    desc = root.find(f".//tei:appInfo/tei:application/tei:desc[@type='{LAYOUT_DESC}']", NS)
    if desc is None:
        return "plain", [], False
    # tokens are joined by " | "; a label keeps the spaces it was written with
    order = [t for t in (desc.text or "").split(" | ") if t.strip()]
    return desc.get("subtype") or "wilson", order, desc.get("rend") == "spaced"


def _label(token: str) -> tuple[str, bool]:
    """A field's label in the layout record, and whether its value was glued to it (``*``)."""
    return (token[:-1], True) if token.endswith("*") else (token, False)


def _header_parts(root: etree._Element, order: list[str]) -> list[str]:
    header = root.find(tei("teiHeader"))
    if header is None:
        return []
    parts: list[str] = []
    used: set[int] = set()
    field_notes = header.findall(f".//{tei('notesStmt')}/{tei('note')}[@type='field']")
    for token in order:
        if token == "date":
            date = header.find(f".//{tei('creation')}/{tei('date')}")
            parts.append(f"**{(date.text or '') if date is not None else ''}**")
        elif token == "title":
            title = header.find(f".//{tei('titleStmt')}/{tei('title')}")
            parts.append(f"**{''.join(title.itertext()) if title is not None else ''}**")
        elif token.startswith("note:"):
            label, glued = _label(token[5:])
            # @n holds the label as an XML parser reads an attribute: tabs and line ends
            # are spaces there; the layout record keeps the label as written.
            as_attribute = label.replace("\t", " ").replace("\n", " ").replace("\r", " ")
            for k, note in enumerate(field_notes):
                if k not in used and note.get("n") == as_attribute:
                    used.add(k)
                    parts.append(_field(label, "".join(note.itertext()), glued))
                    break
        elif _label(token)[0] in FIELD_SOURCES:
            label, glued = _label(token)
            parts.append(_field(label, FIELD_SOURCES[label](header) or "", glued))
    return parts


def _field(label: str, value: str, glued: bool = False) -> str:
    if glued:
        return f"**{label}:**{value}"
    return f"**{label}:**\n\n{value}" if value.strip() else f"**{label}:**"


def export_tree(tree: etree._ElementTree | etree._Element) -> str:
    """The source text of a TEI document the encoder wrote."""
    root = tei_root(tree if isinstance(tree, etree._ElementTree) else tree.getroottree(),
                    "<tei>")
    reader, order, spaced = _layout(root)
    parts = _header_parts(root, order) if reader != "plain" else []
    lines: list[str] = []
    for body in _bodies(root.find(tei("text"))):
        _body_lines(body, lines)
        lines += _endnotes(body)
    sep = "\n\n" if spaced else "\n"
    blocks = [p for part in parts for p in part.split("\n\n")] if not spaced else parts
    text = sep.join([*blocks, *lines])
    return re.sub(r"[ \t]+\n", "\n", text) + "\n"


def export_bytes(data: bytes, source: str = "<bytes>") -> str:
    return export_tree(parse_bytes(data, source))


def export_file(path: str | Path) -> str:
    """The source text of a TEI file (parsed safely)."""
    try:
        return export_tree(parse_file(path))
    except InputError as exc:
        raise InputError(exc.message, Location(str(path)), exc.code) from None


def export(tei: str | os.PathLike[str] | bytes) -> str:
    """The source text back from a TEI document the encoder wrote (a path, or its bytes):
    ``tei_edition.export``, the public API."""
    if isinstance(tei, bytes):
        return export_bytes(tei)
    return export_file(os.fspath(tei))


# ---------------------------------------------------------------------------------------
# Inline content: each intervention's marks and words back from its element, as the table
# of editorial kinds (tei_edition/kinds.py) says.


def inline_source(el: etree._Element) -> str:
    """The source text of ``el``'s content (its text and children, not its tail), with every
    intervention's brackets and markers restored and ``<lb/>`` as a line break."""
    out: list[str] = []
    if el.text:
        out.append(el.text)
    for child in el:
        out.append(_node_source(child))
        if child.tail:
            out.append(child.tail)
    return "".join(out)


def _node_source(el: etree._Element) -> str:
    """One element, without its tail: an intervention as its kind's form says (the words
    of its slots exported in turn), a line break, or any other element's content (names,
    dates, hi)."""
    if not isinstance(el.tag, str):
        return ""  # a comment or processing instruction
    if el.tag == _LB:
        return "\n"
    found = kinds.form_of(el)
    if found is None:
        return inline_source(el)
    return kinds.as_translated(el, found[1], _nodes_source)


_LB = tei("lb")


def _nodes_source(nodes: list[object]) -> str:
    """The source text of what a slot selects: text nodes and attribute values as they
    are, elements as :func:`_node_source` gives them."""
    return "".join(_node_source(n) if isinstance(n, etree._Element) else str(n)
                   for n in nodes)

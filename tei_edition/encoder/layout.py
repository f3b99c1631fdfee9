"""The layout of the encoder's output: element-only content indented, two spaces a level;
white space in mixed content is text and is never added to or taken away.
"""

from __future__ import annotations

from lxml import etree

from tei_edition.tei import tei

#: Elements that hold only elements: their white space is layout, indented on output.
_STRUCTURAL = frozenset(tei(n) for n in (
    "TEI teiHeader fileDesc titleStmt publicationStmt availability notesStmt sourceDesc "
    "msDesc msIdentifier msContents msItem encodingDesc appInfo application editorialDecl "
    "profileDesc abstract creation langUsage correspDesc correspAction handNotes "
    "revisionDesc respStmt text group body div opener closer postscript list quote floatingText"
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



def lay_out(root: etree._Element) -> None:
    """The layout of a whole TEI element: teiHeader (indented as it was built) and text
    each on a line of their own, the text's element-only content indented."""
    header, text = root[0], root[1]
    root.text = header.tail = _pad(1)
    indent(text, 1)
    text.tail = _pad(0)

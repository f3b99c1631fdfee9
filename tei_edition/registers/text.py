"""The text of a part of a TEI document as one string, for finding names in it, and the
wrapping of a stretch of that string in a new element (the text, every character, stays).

:class:`Flat` walks an element once: its string (text and tails, comments left out), the
range of every element in it, and the offsets where a word cannot go on (the start and end
of a block, a line break, a note, each part of a ``choice``): "Zhang<supplied>zhou</supplied>"
is one word, "Beiping<lb/>Beijing" two.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from tei_edition.tei import tei

#: Elements a word never runs into or out of.
BREAKS = frozenset(tei(n) for n in (
    "p seg salute signed dateline head ab byline docDate trailer label item note lb title "
    "orig reg sic corr abbr expan choice closer opener date correspAction cell".split()))


@dataclass
class Flat:
    """The string of an element's content and where each element lies in it."""

    root: etree._Element
    text: str = ""
    ranges: dict[etree._Element, tuple[int, int]] = field(default_factory=dict)
    breaks: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        parts: list[str] = []
        self._pos = 0

        def add(s: str | None) -> None:
            if s:
                parts.append(s)
                self._pos += len(s)

        def walk(el: etree._Element) -> None:
            start = self._pos
            if el.tag in BREAKS:
                self.breaks.add(start)
            add(el.text)
            for child in el:
                if isinstance(child.tag, str):
                    walk(child)
                add(child.tail)
            self.ranges[el] = (start, self._pos)
            if el.tag in BREAKS:
                self.breaks.add(self._pos)

        walk(self.root)
        self.text = "".join(parts)


def text_of(el: etree._Element) -> str:
    """An element's text as :class:`Flat` counts it (comments and PIs left out)."""
    out: list[str] = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str):
            out.append(text_of(child))
        out.append(child.tail or "")
    return "".join(out)


def wrap(parent: etree._Element, parent_start: int, start: int, end: int,
         new: etree._Element) -> bool:
    """Put the stretch ``start``-``end`` of ``parent``'s content (``parent_start`` is where
    that content starts) into ``new``, as ``parent``'s child. False, changing nothing, when
    the stretch starts or ends inside a child element."""
    items: list[str | etree._Element] = [parent.text or ""]
    for child in parent:
        items.append(child)
        items.append(child.tail or "")
    # where each item starts
    offsets, pos = [], parent_start
    for item in items:
        offsets.append(pos)
        pos += _size(item)
    before: list[str | etree._Element] = []
    inside: list[str | etree._Element] = []
    after: list[str | etree._Element] = []
    for item, at in zip(items, offsets, strict=True):
        size = _size(item)
        stop = at + size
        if isinstance(item, str):
            lo, hi = max(start, at), min(end, stop)
            before.append(item[:max(0, min(size, start - at))])
            if lo < hi:
                inside.append(item[lo - at:hi - at])
            after.append(item[max(0, end - at):] if end < stop else "")
        else:
            if stop <= start:
                before.append(item)
            elif at >= end:
                after.append(item)
            elif start <= at and stop <= end:
                inside.append(item)
            else:
                return False  # the stretch cuts this element
    # rebuild: parent.text, then the children with their tails
    for child in list(parent):
        parent.remove(child)
    new.text, new.tail = None, None
    _fill(new, inside)
    _fill(parent, before + [new] + after)
    return True


def _size(item: str | etree._Element) -> int:
    if isinstance(item, str):
        return len(item)
    return len(text_of(item)) if isinstance(item.tag, str) else 0  # a comment: no text


def _fill(el: etree._Element, items: list[str | etree._Element]) -> None:
    el.text = None
    last: etree._Element | None = None
    for item in items:
        if isinstance(item, str):
            if not item:
                continue
            if last is None:
                el.text = (el.text or "") + item
            else:
                last.tail = (last.tail or "") + item
        else:
            item.tail = None
            el.append(item)
            last = item

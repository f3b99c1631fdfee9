"""The body of a document in TEI: its structure, from the lines (ENCODING.md §3).

Each non-empty line is one block. A document is read in four parts: the opener (labelled
header lines, stamps, the salutation), the running text (paragraphs, lists, quoted
messages), the closer (signature, date line) and what follows it (the postscript:
transmission notes, distribution lists). A salutation after a closer starts an enclosed
second document. Inline content (the square brackets) is encoded by
:mod:`tei_edition.editorial`; this module decides only which element holds each line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from lxml import etree

from tei_edition.editorial import InlineContext, Span, encode_inline, physical_block_end
from tei_edition.readers import lines as L
from tei_edition.readers.base import Line
from tei_edition.readers.dates import find_date
from tei_edition.tei import NSMAP, append_text, element, tei, xml_attr

#: div/@subtype from the first document word of the title (ENCODING.md §3).
SUBTYPES = [
    ("record of conversation", "record-of-conversation"),
    ("memorandum of conversation", "record-of-conversation"),
    ("cable", "cable"), ("telegram", "telegram"), ("memorandum", "memorandum"),
    ("letter", "letter"), ("report", "report"), ("journal", "journal"), ("diary", "journal"),
    ("minutes", "minutes"), ("note", "note"),
]


def subtype_of(title: str | None) -> str:
    if not title:
        return "document"
    low = title.lower()
    best: tuple[int, str] | None = None
    for word, subtype in SUBTYPES:
        pos = low.find(word)
        if pos >= 0 and (best is None or pos < best[0]):
            best = (pos, subtype)
    return best[1] if best else "document"


_P, _LIST, _NOTE, _ADD, _CLOSER = (tei(n) for n in ("p", "list", "note", "add", "closer"))
_TEXT_ATTRIBUTES = {xml_attr("lang"): "en", "type": "translation"}
_HAS_PARAGRAPH = (_P, _LIST)  # a div, a postscript needs one of these (ENCODING.md §3)


class _ClarkNames(dict[str, str]):
    """``CLARK[name]`` is ``tei(name)``, made once per element name."""

    def __missing__(self, name: str) -> str:
        clark = self[name] = tei(name)
        return clark


_CLARK = _ClarkNames()
_SubElement = etree.SubElement


def _last_child(el: etree._Element) -> etree._Element | None:
    """The last child of ``el``, or None (``len(el)`` would count every child)."""
    try:
        return el[-1]
    except IndexError:
        return None


def sub(parent: etree._Element, name: str, attrib: dict[str, str] | None = None
        ) -> etree._Element:
    """A new TEI element at the end of ``parent`` (cheaper than :func:`tei.element`; lxml
    sets attributes one by one faster than it reads them from a dict)."""
    el = _SubElement(parent, _CLARK[name])
    if attrib:
        for key, value in attrib.items():
            el.set(key, value)
    return el


_BRACKET_MARK_RE = re.compile(r"[\[\]]")


def _without_pairs(text: str) -> str:
    """``text`` without its bracket pairs and what they hold: ``a [b [c] d] e] f [g``
    gives ``a  e] f [g``. This is what removing the innermost pairs (a "[" and a "]" with no
    bracket between) over and over until none is left gives, in one pass: a "]" closes the
    nearest "[" still open before it (and takes everything since), a "]" with none open
    stays, and so do the "[" left open."""
    out: list[str] = []  # the pieces kept so far
    opened: list[int] = []  # for each "[" still open, the length of out at it
    cursor = 0
    for m in _BRACKET_MARK_RE.finditer(text):
        i = m.start()
        out.append(text[cursor:i])
        cursor = i + 1
        if text[i] == "[":
            opened.append(len(out))
            out.append("[")
        elif opened:
            del out[opened.pop():]  # the pair and everything inside it
        else:
            out.append("]")
    out.append(text[cursor:])
    return "".join(out)


class Block:
    """One block of the body: a line, or the lines of a bracket that spans lines."""

    __slots__ = ("lines", "text", "_bare")

    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.text = lines[0].text if len(lines) == 1 else " ".join(ln.text for ln in lines)
        self._bare: str | None = None

    @property
    def bare(self) -> str:
        """The text without its brackets (what a line is, beside its stamps and notes)."""
        if self._bare is None:
            self._bare = " ".join(_without_pairs(self.text).split())
        return self._bare

    @property
    def number(self) -> int:
        return self.lines[0].number

    def spans(self, offset: int = 0) -> list[Span]:
        first = self.lines[0]
        spans = [Span(first.text[offset:], first.number, first.col + offset)]
        if len(self.lines) > 1:
            spans += [Span(line.text, line.number, line.col) for line in self.lines[1:]]
        return spans


@dataclass
class BodyInfo:
    """What the body states about sender and recipient (for correspDesc)."""

    signed: list[str] = field(default_factory=list)
    salute: str | None = None
    to: str | None = None
    handwriting: bool = False


def group_blocks(lines: Sequence[Line]) -> list[Block]:
    """One block per line, except a physical-description bracket that spans lines."""
    texts = [line.text for line in lines]
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        # only a line with a bracket left open can start a block of lines
        text = texts[i]
        end = None
        if "[" in text and text.count("[") > text.count("]"):
            end = physical_block_end(texts, i)
        if end is None or end <= i:
            blocks.append(Block([lines[i]]))
            i += 1
        else:
            blocks.append(Block(list(lines[i:end + 1])))
            i = end + 1
    return blocks


def take_endnotes(blocks: list[Block], only: set[str] | None = None
                  ) -> tuple[list[Block], dict[str, str]]:
    """The numbered endnotes ``[1] text`` at the end whose anchor ``[1]`` occurs before them
    (of those numbered in ``only``, when given)."""
    start = len(blocks)
    while start > 0 and L.ENDNOTE_RE.match(blocks[start - 1].text):
        start -= 1
    if start == len(blocks):
        return blocks, {}
    before = "\n".join(b.text for b in blocks[:start])
    notes: dict[str, str] = {}
    keep_from = len(blocks)
    for k in range(len(blocks) - 1, start - 1, -1):
        m = L.ENDNOTE_RE.match(blocks[k].text)
        assert m is not None
        if f"[{m['n']}]" not in before or m["n"] in notes or (
                only is not None and m["n"] not in only):
            break
        notes[m["n"]] = m["text"]
        keep_from = k
    return blocks[:keep_from], dict(sorted(notes.items(), key=lambda kv: int(kv[0])))


class _Memo(dict[str, Any]):
    """A line test computed once per text: ``memo[text]`` is ``test(text)``."""

    def __init__(self, test: Callable[[str], Any]):
        super().__init__()
        self.test = test

    def __missing__(self, text: str) -> Any:
        value = self[text] = self.test(text)
        return value


def _memo(test: Callable[[str], Any]) -> Callable[[str], Any]:
    """``test``, asked once per text (later calls are a dictionary lookup)."""
    return _Memo(test).__getitem__


class BodyBuilder:
    """Builds ``text/body`` from the blocks of one source."""

    def __init__(self, ctx: InlineContext, year: int | None, subtype: str):
        self.ctx = ctx
        self.year = year
        self.subtype = subtype
        self.info = BodyInfo()
        # The tests of :mod:`lines` a block goes through more than once (the opener, the
        # closer search and the closer ask the same questions): each asked once per text.
        # The line tests, called as functions. A test a block goes through more than once
        # (the opener, the closer search and the closer ask the same questions) is asked
        # once per text: a memo's lookup, which calls the test only for a text it has not
        # seen. The cheapest tests are a regex's match, called directly.
        self.is_gap = L.is_gap_line
        self.list_item = L.LIST_ITEM_RE.match
        self.is_closing = L.CLOSING_SALUTE_RE.match
        self.is_physical = _memo(L.is_physical_line)
        self.seg_label = _memo(L.seg_label)
        self.is_salute = _memo(L.is_salute)
        self.is_paragraph = _memo(L.is_paragraph)
        self.opens_quote = _memo(L.opens_quote)
        self.is_weak = _memo(L.is_weak_closer)
        self.is_strong = _memo(partial(L.is_strong_closer, year=year))
        self.unlabelled = _memo(partial(L.unlabelled_seg, year=year))

    # -- inline content ----------------------------------------------------------------

    def inline(self, parent: etree._Element, spans: Sequence[Span]) -> None:
        """Append the encoded spans to ``parent``, after whatever it already holds."""
        if len(spans) == 1 and "[" not in spans[0].text and "]" not in spans[0].text:
            self.text(parent, spans[0].text)  # no bracket: nothing to classify
            return
        encode_inline(parent, spans, self.ctx)

    def block_into(self, el: etree._Element, block: Block) -> None:
        """A whole block as the content of a new, empty element: :meth:`inline` without
        making spans for a line that has no bracket."""
        text = block.text
        if "[" not in text and "]" not in text and len(block.lines) == 1:
            el.text = text
        else:
            encode_inline(el, block.spans(), self.ctx)

    def line_of_inlines(self, parent: etree._Element, spans: Sequence[Span]) -> None:
        """A whole line encoded straight into a container (a gap line, a stamp line): a
        line break keeps it apart from the line before."""
        last = _last_child(parent)
        if last is not None and not (last.tail or "").strip():
            last.tail = "\n"
        encode_inline(parent, spans, self.ctx)

    def text(self, parent: etree._Element, text: str) -> None:
        append_text(parent, text)

    def inline_text(self, parent: etree._Element, line: Line, start: int, end: int) -> None:
        """Part of one line (start:end), as inline content."""
        piece = line.text[start:end]
        if not piece:
            return
        if "[" in piece or "]" in piece:
            self.inline(parent, [Span(piece, line.number, line.col + start)])
        else:
            self.text(parent, piece)

    def with_date(self, parent: etree._Element, line: Line, offset: int = 0) -> None:
        """A line with a date in it: the date as ``date/@when``, the rest as it is."""
        found = find_date(line.text[offset:], self.year)
        if found is None:
            self.inline_text(parent, line, offset, len(line.text))
            return
        start, end = offset + found.start, offset + found.end
        self.inline_text(parent, line, offset, start)
        date = sub(parent, "date", found.attributes)
        date.text = line.text[start:end]
        self.inline_text(parent, line, end, len(line.text))

    # -- the body ----------------------------------------------------------------------

    def build(self, lines: Sequence[Line]) -> etree._Element:
        """The ``text`` element. Endnotes whose anchor the bracket rules did not read as a
        footnote (an anchor inside an unbalanced bracket) stay body lines: nothing is lost."""
        all_blocks = group_blocks(lines)
        counts, diagnostics = dict(self.ctx.counts), list(self.ctx.diagnostics)
        dropped = self.ctx.dropped
        keep: set[str] | None = None
        while True:
            blocks, notes = take_endnotes(all_blocks, keep)
            self.ctx.footnotes = notes
            self.ctx.anchored = set()
            text = self._build(blocks)
            used = {n.get("n") for n in text.iter(_NOTE) if n.get("place") == "foot"}
            if set(notes) <= used:
                return text
            keep = set(notes) & used
            self.ctx.counts.clear()
            self.ctx.counts.update(counts)
            self.ctx.diagnostics[:] = diagnostics
            self.ctx.dropped = dropped
            self.info = BodyInfo()

    def _build(self, blocks: list[Block]) -> etree._Element:
        # A text element of its own (its own lxml document), put in the TEI element when it
        # is done: one whose endnotes must be read again is dropped whole. Taking a subtree
        # out of a TEI element would cost time quadratic in its size (lxml re-declares the
        # namespace node by node: 80,000 gaps in one p took 3.7 s; dropped, 0.01 s).
        text = etree.Element(_CLARK["text"], _TEXT_ATTRIBUTES, nsmap=NSMAP)
        body = sub(text, "body")
        start = 0
        first = True
        while True:
            div = sub(body, "div", {"type": "document" if first else "enclosure"})
            start = self.document(div, blocks, start, first)
            if first:
                div.set("subtype", self.subtype)
            first = False
            if start >= len(blocks):
                break
        self.info.handwriting = any(
            add.get("hand") == "#handwritten" for add in body.iter(_ADD))
        return text

    def document(self, div: etree._Element, blocks: list[Block], start: int,
                 main: bool) -> int:
        """Encode one document from ``blocks[start:]``; return where the next one starts."""
        end = len(blocks)
        i = start
        while i < end and self.is_gap(blocks[i].text):
            self.line_of_inlines(div, blocks[i].spans())
            i += 1
        opener_end = self.opener_extent(blocks, i, end)
        closer = self.find_closer(blocks, opener_end, end)
        if closer is None:
            body_end = post_start = next_doc = end
        else:
            body_end, post_start = closer
            next_doc = self.find_enclosure(blocks, post_start, end)
        if opener_end > i:
            self.opener(div, blocks[i:opener_end], main)
        if not main:
            div.set("subtype", "letter" if any(
                b.text.startswith("Dear") for b in blocks[i:opener_end]) else "document")
        self.running(div, blocks[opener_end:body_end])
        if closer is not None:
            self.closer(div, blocks[body_end:post_start], main)
            self.postscript(div, blocks[post_start:next_doc])
        if not any(child.tag in _HAS_PARAGRAPH for child in div):
            # A div always has at least one p (ENCODING.md §3); an empty one if need be.
            p = element("p")
            anchor = div.find(_CLOSER)
            if anchor is not None:
                anchor.addprevious(p)
            else:
                div.append(p)
        return next_doc

    # -- opener --------------------------------------------------------------------------

    def opener_extent(self, blocks: list[Block], i: int, end: int) -> int:
        """Where the opener ends: at the first paragraph or list (or the first other line)."""
        j = i
        while j < end:
            text = blocks[j].text
            bare = blocks[j].bare if len(blocks[j].lines) > 1 else text
            if self.is_gap(text) or self.is_physical(text) or not bare:
                j += 1
                continue
            if self.list_item(text):
                break
            if text.endswith(":") and j + 1 < end and self.list_item(blocks[j + 1].text):
                if not L.is_distribution_head(text):
                    break  # "The following sheets ...:" and a list: running text
                j += 1 + self.list_run(blocks, j + 1)  # a distribution list
                continue
            if L.COLON_LABEL_RE.match(text) or self.is_salute(text):
                j += 1 + self.salute_continuation(blocks, j, end)
                continue
            if self.is_paragraph(bare):
                break
            if self.seg_label(text) or self.unlabelled(bare) or L.is_heading(bare):
                j += 1
                continue
            break
        # Keep at least one block of running text when the document has some.
        if j >= end:
            while j > i and not self.is_strict_opener(blocks[j - 1].text):
                j -= 1
            k = i
            while k < j and self.is_strict_opener(blocks[k].text):
                k += 1
            j = k
        return j

    def is_strict_opener(self, text: str) -> bool:
        return bool(self.is_gap(text) or self.is_physical(text) or self.seg_label(text)
                    or L.URGENCY_RE.match(text) or L.CLASSIFICATION_RE.match(text)
                    or self.is_salute(text))

    def salute_continuation(self, blocks: list[Block], j: int, end: int) -> int:
        """A salutation "Dear Cde." may go on on the next line ("I. V. Stalin")."""
        text = blocks[j].text
        if not text.startswith(("Dear", '"Dear', "“Dear")) or text.endswith((",", ":", "!")):
            return 0
        if j + 1 < end:
            nxt = blocks[j + 1].text
            if L.words(nxt) <= 6 and not L.ends_sentence(nxt) and not self.list_item(nxt):
                return 1
        return 0

    def opener(self, div: etree._Element, blocks: list[Block], main: bool) -> None:
        opener = sub(div, "opener")
        previous_line = False
        j = 0
        while j < len(blocks):
            block = blocks[j]
            text = block.text
            # A distribution list at the top: "Produced in 6 copies for:" and its items.
            if text.endswith(":") and j + 1 < len(blocks) and self.list_item(blocks[j + 1].text) \
                    and not self.seg_label(text) and L.is_distribution_head(text):
                note = sub(opener, "note", {"type": "distribution"})
                self.inline(note, block.spans())
                k = j + 1
                items = []
                while k < len(blocks) and self.list_item(blocks[k].text):
                    items.append(blocks[k])
                    k += 1
                self.make_list(note, items)
                previous_line = False
                j = k
                continue
            label = self.seg_label(text)
            # (a line without a bracket is never empty without them)
            physical = self.is_gap(text) or self.is_physical(text) or (
                "[" in text and not block.bare)
            if label is None and not physical and not (
                    L.URGENCY_RE.match(text) or L.CLASSIFICATION_RE.match(text)) \
                    and self.is_salute(text):
                salute = sub(opener, "salute")
                extra = self.salute_continuation(blocks, j, len(blocks))
                spans = block.spans()
                for other in blocks[j + 1:j + 1 + extra]:
                    spans += other.spans()
                self.inline(salute, spans)
                if main and self.info.salute is None:
                    self.info.salute = " ".join(s.text for s in spans)
                j += 1 + extra
                previous_line = False
                continue
            if previous_line:
                sub(opener, "lb")
            if physical:
                self.line_of_inlines(opener, block.spans())
            elif label is not None:
                seg = sub(opener, "seg", {"type": label.type})
                if label.label:
                    sub(seg, "label").text = label.label
                    rest = text[len(label.label):label.rest_offset]
                    if rest:
                        seg[-1].tail = rest
                if label.type == "to" and main and self.info.to is None:
                    self.info.to = text[label.rest_offset:]
                self.line_content(seg, block, label.rest_offset, label.type == "date")
            else:
                bare = block.bare if len(block.lines) > 1 else text
                kind = self.unlabelled(bare) or "heading"
                seg = sub(opener, "seg", {"type": kind})
                self.line_content(seg, block, 0, kind == "date")
            previous_line = True
            j += 1

    def line_content(self, parent: etree._Element, block: Block, offset: int,
                     dated: bool) -> None:
        if dated and len(block.lines) == 1:
            self.with_date(parent, block.lines[0], offset)
        else:
            self.inline(parent, block.spans(offset))

    # -- running text ------------------------------------------------------------------

    def running(self, parent: etree._Element, blocks: list[Block]) -> None:
        """Paragraphs, lists (two or more items), quoted messages and gaps."""
        j = 0
        while j < len(blocks):
            block = blocks[j]
            text = block.text
            if self.is_gap(text):
                self.line_of_inlines(parent, block.spans())
                j += 1
                continue
            run = self.list_run(blocks, j)
            if run >= 2:
                self.make_list(parent, blocks[j:j + run])
                j += run
                continue
            quote_end = self.quote_end(blocks, j)
            if quote_end is not None:
                self.quote(parent, blocks[j:quote_end + 1])
                j = quote_end + 1
                continue
            self.block_into(sub(parent, "p"), block)
            j += 1

    def list_run(self, blocks: list[Block], j: int) -> int:
        k = j
        while k < len(blocks) and self.list_item(blocks[k].text):
            k += 1
        return k - j

    def make_list(self, parent: etree._Element, items: list[Block]) -> None:
        lst = sub(parent, "list")
        for block in items:
            m = self.list_item(block.text)
            assert m is not None
            item = sub(lst, "item", {"n": m["n"]})
            self.inline(item, block.spans(m.start("rest")))

    def quote_end(self, blocks: list[Block], j: int) -> int | None:
        """A message quoted over several lines: from a line opening a quotation to its end."""
        if not self.opens_quote(blocks[j].text):
            return None
        for k in range(j + 1, min(len(blocks), j + 60)):
            if L.closes_quote(blocks[k].text):
                return k
            if self.opens_quote(blocks[k].text):
                return None
        return None

    def quote(self, parent: etree._Element, blocks: list[Block]) -> None:
        quote = sub(parent, "quote")
        first, last = blocks[0].text, blocks[-1].text
        has_salute = self.is_salute(first.lstrip("\"“"))
        has_signature = len(blocks) >= 3 and (
            self.is_strong(last.rstrip("\"”."))
            or L.is_weak_closer(last.rstrip("\"”"), 6))
        if has_salute and has_signature:
            body = sub(sub(quote, "floatingText"), "body")
            opener = sub(body, "opener")
            self.block_into(sub(opener, "salute"), blocks[0])
            self.running(body, blocks[1:-1])
            if not any(c.tag in _HAS_PARAGRAPH for c in body):
                sub(body, "p")
            signed = sub(sub(body, "closer"), "signed")
            self.block_into(signed, blocks[-1])
        else:
            for block in blocks:
                self.block_into(sub(quote, "p"), block)

    # -- closer ------------------------------------------------------------------------

    def find_closer(self, blocks: list[Block], start: int, end: int) -> tuple[int, int] | None:
        """The closer: (first block, block after it), found from its first sure line.

        A sure line is a date line, ``[signature]``, ``(Name)`` or a closing salutation
        after some running text; the short lines before it (a ministry, an office) are the
        signature, and the closer goes on over the sure lines after it, and over short lines
        when a sure line follows them (the place and date under a signature).
        """
        seen_text = False
        strong = None
        j = start
        while j < end:
            text = blocks[j].text
            quote_end = self.quote_end(blocks, j)
            if quote_end is not None:
                seen_text = True
                j = quote_end + 1
                continue
            if seen_text and self.is_strong(text):
                strong = j
                break
            if self.is_paragraph(text) or self.list_item(text):
                seen_text = True
            j += 1
        if strong is None:
            last = end - 1
            if last > start and L.is_weak_closer(blocks[last].text, 6) \
                    and self.is_paragraph(blocks[last - 1].text):
                return last, end
            return None
        first = strong
        while first - 1 > start and self.is_weak(blocks[first - 1].text) \
                and not self.is_strong(blocks[first - 1].text):
            first -= 1
        after = strong + 1
        while after < end:
            text = blocks[after].text
            if self.is_strong(text):
                after += 1
                continue
            k = after
            while k < end and L.is_weak_closer(blocks[k].text, 20) \
                    and not self.is_strong(blocks[k].text):
                k += 1
            if k < end and k > after and self.is_strong(blocks[k].text) \
                    and not self.is_salute(blocks[after].text):
                after = k + 1
                continue
            break
        # "Yours sincerely," is followed by the signature, dated or not.
        if self.is_closing(blocks[after - 1].text):
            while after < end and self.is_weak(blocks[after].text) \
                    and not self.is_salute(blocks[after].text):
                after += 1
        return first, after

    def closer(self, div: etree._Element, blocks: list[Block], main: bool) -> None:
        closer = sub(div, "closer")
        j = 0
        signed: etree._Element | None = None
        while j < len(blocks):
            block = blocks[j]
            text = block.text
            if self.is_closing(text):
                self.block_into(sub(closer, "salute"), block)
                signed = None
            elif len(block.lines) == 1 and L.is_dateline(text, self.year):
                self.dateline(closer, block.lines[0], main)
                signed = None
            elif (len(block.lines) == 1 and L.is_place_line(text) and j + 1 < len(blocks)
                  and len(blocks[j + 1].lines) == 1
                  and L.parse_date(blocks[j + 1].text, self.year) is not None):
                dateline = sub(closer, "dateline")
                sub(dateline, "placeName").text = text
                sub(dateline, "lb")
                self.with_date(dateline, blocks[j + 1].lines[0])
                j += 2
                signed = None
                continue
            else:
                if signed is None:
                    signed = sub(closer, "signed")
                else:
                    sub(signed, "lb")
                self.signature_line(signed, block, main)
            j += 1

    def dateline(self, closer: etree._Element, line: Line, main: bool) -> None:
        """A date line: "25 April 1962", "Budapest, 1972 July 1.", "13.1.51 ROSHCHIN"."""
        found = find_date(line.text, self.year)
        assert found is not None
        dateline = sub(closer, "dateline")
        before = line.text[: found.start]
        after = line.text[found.end:]
        if before.strip() and L.is_place_line(before.strip().rstrip(",")):
            place = before.strip().rstrip(",")
            sub(dateline, "placeName").text = place
            self.text(dateline, before[len(place):])
        else:
            self.inline_text(dateline, line, 0, found.start)
        date = sub(dateline, "date", found.attributes)
        date.text = line.text[found.start:found.end]
        name = after.strip()
        if name and not before.strip() and name.strip(" .") and L.name_element(name):
            # "13.1.51 ROSHCHIN": the date line, then the signature on the same line.
            dateline.tail = after[: len(after) - len(after.lstrip())]
            signed = sub(closer, "signed")
            kind = L.name_element(name) or "persName"
            sub(signed, kind).text = name
            if main:
                self.info.signed.append(name)
        else:
            self.inline_text(dateline, line, found.end, len(line.text))

    def signature_line(self, signed: etree._Element, block: Block, main: bool) -> None:
        text = block.text
        m = L.PARENTHESISED_NAME_RE.match(text)
        if m and len(block.lines) == 1:
            self.text(signed, "(")
            kind = L.name_element(m["name"]) or "persName"
            sub(signed, kind).text = m["name"]
            self.text(signed, ")")
            if main:
                self.info.signed.append(m["name"])
            return
        wrapper = L.name_element(text) if len(block.lines) == 1 and (
            "[" not in text or block.bare) else None
        if wrapper is None:
            self.inline(signed, block.spans())
            return
        self.block_into(sub(signed, wrapper), block)
        if main:
            self.info.signed.append(text)

    # -- after the closer ----------------------------------------------------------------

    def find_enclosure(self, blocks: list[Block], start: int, end: int) -> int:
        """Where a second document begins after the closer: its salutation (or a heading)."""
        for j in range(start, end):
            text = blocks[j].text
            if text.startswith(("Dear ", '"Dear', "“Dear")) or (
                    self.is_salute(text) and L.SALUTE_START_RE.match(text)
                    and not self.list_item(text)) or L.ENCLOSURE_HEAD_RE.match(text):
                k = j
                while k > start and self.is_physical(blocks[k - 1].text):
                    k -= 1
                return k
        return end

    def postscript(self, div: etree._Element, blocks: list[Block]) -> None:
        if not blocks:
            return
        if all(self.is_gap(b.text) for b in blocks):
            for block in blocks:
                self.line_of_inlines(div, block.spans())
            return
        postscript = sub(div, "postscript")
        self.running(postscript, blocks)
        # A postscript needs a p or list: only gaps and quotes are not enough.
        if not any(c.tag in _HAS_PARAGRAPH for c in postscript):
            sub(postscript, "p")

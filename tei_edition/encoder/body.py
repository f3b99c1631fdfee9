"""The body of a document in TEI: the ``text`` element, built from the blocks of a source
(ENCODING.md §3).

:class:`BodyBuilder` takes the parts :class:`~tei_edition.encoder.structure.Structure`
finds (opener, running text, closer, postscript, enclosed documents) and builds their
elements; the square brackets inside each line are encoded by
:func:`tei_edition.encoder.brackets.encode.encode_inline`, the dates by
:func:`tei_edition.encoder.dates.find_date`. This module decides only which element holds
each line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from lxml import etree

from tei_edition.encoder import lines as L
from tei_edition.encoder.brackets.encode import BracketEncoder, InlineContext, Span, encode_inline
from tei_edition.encoder.dates import find_date
from tei_edition.encoder.structure import (
    Block,
    Endnotes,
    Structure,
    group_blocks,
    take_endnotes,
)
from tei_edition.errors import Diagnostic, Location
from tei_edition.readers.base import Line
from tei_edition.tei import append_text, element, tei, xml_attr

_P, _LIST, _NOTE, _ADD, _CLOSER = (tei(n) for n in ("p", "list", "note", "add", "closer"))
_TEXT_ATTRIBUTES = {xml_attr("lang"): "en", "type": "translation"}
_HAS_PARAGRAPH = (_P, _LIST)  # a div, a postscript needs one of these (ENCODING.md §3)

@dataclass
class BodyInfo:
    """What the body states about sender and recipient (for correspDesc)."""

    signed: list[str] = field(default_factory=list)
    salute: str | None = None
    to: str | None = None
    handwriting: bool = False


class BodyBuilder(Structure):
    """Builds ``text/body`` from the blocks of one source: the parts :class:`Structure`
    finds, each as its elements."""

    def __init__(self, ctx: InlineContext, year: int | None, subtype: str,
                 spaced: bool = False):
        super().__init__(year)
        self.ctx = ctx
        self.subtype = subtype
        #: the source has a blank line between its lines (metadata.spaced)
        self.spaced = spaced
        self.info = BodyInfo()

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
        last = next(parent.iterchildren(reversed=True), None)
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
        date = element("date", found.attributes, parent=parent)
        date.text = line.text[start:end]
        self.inline_text(parent, line, end, len(line.text))

    # -- the body ----------------------------------------------------------------------

    def build(self, lines: Sequence[Line], parent: etree._Element,
              attributes: dict[str, str] | None = None) -> etree._Element:
        """The ``text`` element, at the end of ``parent`` (the TEI element, or the ``group``
        of an original and its translation), with ``attributes`` (default: the English
        translation's). Endnotes whose anchor the bracket rules did not read as a footnote
        (an anchor inside an unbalanced bracket) stay body lines: nothing is lost."""
        all_blocks = group_blocks(lines)
        counts, diagnostics = dict(self.ctx.counts), list(self.ctx.diagnostics)
        dropped, mark = self.ctx.dropped, self.ctx.mark()
        keep: set[str] | None = None
        while True:
            blocks, notes = take_endnotes(all_blocks, keep)
            self.ctx.footnotes = dict(notes.foot)
            self.ctx.anchored = set()
            text = self._build(blocks, parent, attributes or _TEXT_ATTRIBUTES)
            used = {n.get("n") for n in text.iter(_NOTE) if n.get("place") == "foot"}
            if set(notes.foot) <= used:
                self.end_notes(text, notes)
                return text
            keep = set(notes.foot) & used
            # Read again: the text element is deleted by its index once nothing of Python
            # refers to it, so that lxml frees it whole. (Removing a subtree Python still
            # holds makes lxml re-declare its namespace node by node: 80,000 gaps in one p
            # took 3.7 s; freed, 0.01 s.)
            del text
            del parent[-1]
            self.ctx.counts.clear()
            self.ctx.counts.update(counts)
            self.ctx.diagnostics[:] = diagnostics
            self.ctx.dropped = dropped
            self.ctx.read_again(mark)  # (the review notes, the readings met)
            self.info = BodyInfo()

    def end_notes(self, text: etree._Element, notes: Endnotes) -> None:
        """The endnotes no anchor of the text points to, at the end of the last div, each
        with its number: ``<note type="translator" place="end" n="1" anchored="false">``
        (TEI's @anchored: the source does not show where the note refers). Where the
        anchor may be a digit glued to a word (the superscript lost: ``KRAJEWSKI1``), the
        editor is asked to review."""
        div = text[-1][-1]  # text/body/div, the last
        for n, spans in notes.end:
            note = element("note", {"type": "translator", "place": "end", "n": n,
                                    "anchored": "false"}, parent=div)
            if self.ctx.resp:
                note.set("resp", self.ctx.resp)
            BracketEncoder(spans, self.ctx, in_footnote=True).run(note)
        for n, line, col, word in notes.glued:
            self.ctx.reviews.append(Diagnostic(
                Location(self.ctx.source, line, col), "note", "bracket-review",
                f"endnote [{n}] is kept at the end, since no [{n}] in the text points to it; "
                f"its anchor may be the {n} of {word!r} (a superscript the export lost)"))

    def build_group(self, parts: Sequence[tuple[dict[str, str], Sequence[Line]]],
                    parent: etree._Element, main: int) -> etree._Element:
        """A body of several texts (an original and its translation: ``text/group/text``),
        at the end of ``parent``: each text built as :meth:`build` builds one, with its own
        endnotes as its footnotes (a transcription's ``[1]`` is its own endnote ``[1]``).
        What the body says of sender and recipient is read from ``parts[main]`` (the
        translation: the header is in English)."""
        outer = element("text", parent=parent)
        group = element("group", parent=outer)
        infos = []
        for attributes, lines in parts:
            self.info = BodyInfo()
            if attributes.get("type") == "original":
                self.original_text(lines, group, attributes)
            else:
                self.build(lines, group, attributes)
            infos.append(self.info)
        self.info = infos[main]
        self.info.handwriting = any(info.handwriting for info in infos)
        return outer

    def original_text(self, lines: Sequence[Line], parent: etree._Element,
                      attributes: dict[str, str]) -> None:
        """The original's text, as :meth:`build` builds one; but its brackets and endnotes
        are those of the original's editors, not the translator's: no @resp, and its
        footnotes are ``note type="editorial"`` (104.txt: the Chinese edition's notes)."""
        resp, self.ctx.resp = self.ctx.resp, None
        try:
            text = self.build(lines, parent, attributes)
        finally:
            self.ctx.resp = resp
        for note in text.iter(_NOTE):
            if note.get("type") == "translator":
                note.set("type", "editorial")

    def _build(self, blocks: list[Block], parent: etree._Element,
               attributes: dict[str, str]) -> etree._Element:
        text = element("text", attributes, parent=parent)
        body = element("body", parent=text)
        start = 0
        first = True
        while True:
            div = element("div", {"type": "document" if first else "enclosure"}, parent=body)
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

    def opener(self, div: etree._Element, blocks: list[Block], main: bool) -> None:
        opener = element("opener", parent=div)
        previous_line = False
        j = 0
        while j < len(blocks):
            block = blocks[j]
            text = block.text
            # A distribution list at the top: "Produced in 6 copies for:" and its items.
            if text.endswith(":") and j + 1 < len(blocks) and self.list_item(blocks[j + 1].text) \
                    and not self.seg_label(text) and L.is_distribution_head(text):
                note = element("note", {"type": "distribution"}, parent=opener)
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
                salute = element("salute", parent=opener)
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
                element("lb", parent=opener)
            if physical:
                self.line_of_inlines(opener, block.spans())
            elif label is not None:
                seg = element("seg", {"type": label.type}, parent=opener)
                if label.label:
                    element("label", parent=seg).text = label.label
                    rest = text[len(label.label):label.rest_offset]
                    if rest:
                        seg[-1].tail = rest
                if label.type == "to" and main and self.info.to is None:
                    self.info.to = text[label.rest_offset:]
                self.line_content(seg, block, label.rest_offset, label.type == "date")
            else:
                bare = block.bare if len(block.lines) > 1 else text
                kind = self.unlabelled(bare) or "heading"
                seg = element("seg", {"type": kind}, parent=opener)
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
            self.block_into(element("p", parent=parent), block)
            j += 1

    def make_list(self, parent: etree._Element, items: list[Block]) -> None:
        lst = element("list", parent=parent)
        for block in items:
            m = self.list_item(block.text)
            assert m is not None
            item = element("item", {"n": m["n"]}, parent=lst)
            self.inline(item, block.spans(m.end("n") + 1))

    def quote(self, parent: etree._Element, blocks: list[Block]) -> None:
        quote = element("quote", parent=parent)
        first, last = blocks[0].text, blocks[-1].text
        has_salute = self.is_salute(first.lstrip("\"“"))
        has_signature = len(blocks) >= 3 and (
            self.is_strong(last.rstrip("\"”."))
            or L.is_weak_closer(last.rstrip("\"”"), 6))
        if has_salute and has_signature:
            body = element("body", parent=element("floatingText", parent=quote))
            opener = element("opener", parent=body)
            self.block_into(element("salute", parent=opener), blocks[0])
            self.running(body, blocks[1:-1])
            if not any(c.tag in _HAS_PARAGRAPH for c in body):
                element("p", parent=body)
            signed = element("signed", parent=element("closer", parent=body))
            self.block_into(signed, blocks[-1])
        else:
            for block in blocks:
                self.block_into(element("p", parent=quote), block)

    # -- closer ------------------------------------------------------------------------

    def closer(self, div: etree._Element, blocks: list[Block], main: bool) -> None:
        closer = element("closer", parent=div)
        j = 0
        signed: etree._Element | None = None
        while j < len(blocks):
            block = blocks[j]
            text = block.text
            if self.is_closing(text):
                self.block_into(element("salute", parent=closer), block)
                signed = None
            elif len(block.lines) == 1 and L.is_dateline(text, self.year):
                self.dateline(closer, block.lines[0], main)
                signed = None
            elif (len(block.lines) == 1 and L.is_place_line(text) and j + 1 < len(blocks)
                  and len(blocks[j + 1].lines) == 1
                  and L.parse_date(blocks[j + 1].text, self.year) is not None):
                dateline = element("dateline", parent=closer)
                element("placeName", parent=dateline).text = text
                signed = None
                if not self.one_block(block, blocks[j + 1]):  # a date line of its own
                    j += 1
                    continue
                element("lb", parent=dateline)
                self.with_date(dateline, blocks[j + 1].lines[0])
                j += 2
                continue
            else:
                if signed is None or not self.one_block(blocks[j - 1], block):
                    signed = element("signed", parent=closer)
                else:
                    element("lb", parent=signed)
                self.signature_line(signed, block, main)
            j += 1

    def one_block(self, before: Block, after: Block) -> bool:
        """Whether two lines of a closer go in one element, the second after an lb: an lb
        is a line end, so where the source (spaced) has a blank line between them they are
        two elements ("[signature]\n\nWerner Kamm" would come back without its blank line);
        "Head of the Survey Office\nPak Yong-su" of a spaced source is one."""
        return not self.spaced or after.lines[0].number == before.lines[-1].number + 1

    def dateline(self, closer: etree._Element, line: Line, main: bool) -> None:
        """A date line: "25 April 1962", "Budapest, 1972 July 1.", "13.1.51 ROSHCHIN"."""
        found = find_date(line.text, self.year)
        assert found is not None
        dateline = element("dateline", parent=closer)
        before = line.text[: found.start]
        after = line.text[found.end:]
        if before.strip() and L.is_place_line(before.strip().rstrip(",")):
            place = before.strip().rstrip(",")
            element("placeName", parent=dateline).text = place
            self.text(dateline, before[len(place):])
        else:
            self.inline_text(dateline, line, 0, found.start)
        date = element("date", found.attributes, parent=dateline)
        date.text = line.text[found.start:found.end]
        name = after.strip()
        if name and not before.strip() and name.strip(" .") and L.name_element(name):
            # "13.1.51 ROSHCHIN": the date line, then the signature on the same line.
            dateline.tail = after[: len(after) - len(after.lstrip())]
            signed = element("signed", parent=closer)
            kind = L.name_element(name) or "persName"
            element(kind, parent=signed).text = name
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
            element(kind, parent=signed).text = m["name"]
            self.text(signed, ")")
            if main:
                self.info.signed.append(m["name"])
            return
        wrapper = L.name_element(text) if len(block.lines) == 1 and (
            "[" not in text or block.bare) else None
        if wrapper is None:
            self.inline(signed, block.spans())
            return
        self.block_into(element(wrapper, parent=signed), block)
        if main:
            self.info.signed.append(text)

    def postscript(self, div: etree._Element, blocks: list[Block]) -> None:
        if not blocks:
            return
        if all(self.is_gap(b.text) for b in blocks):
            for block in blocks:
                self.line_of_inlines(div, block.spans())
            return
        postscript = element("postscript", parent=div)
        self.running(postscript, blocks)
        # A postscript needs a p or list: only gaps and quotes are not enough.
        if not any(c.tag in _HAS_PARAGRAPH for c in postscript):
            element("p", parent=postscript)


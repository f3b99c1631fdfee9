"""The structure of a document's body, from its lines alone (ENCODING.md §3): blocks, and
where each part of a document begins and ends.

Each non-empty line is one block (:class:`Block`; a physical description in brackets that
spans lines is one block of several). A document is read in four parts: the opener
(labelled header lines, stamps, the salutation), the running text (paragraphs, lists,
quoted messages), the closer (signature, date line) and what follows it (the postscript:
transmission notes, distribution lists). A salutation after a closer starts an enclosed
second document. :class:`Structure` finds these parts with the line tests of
:mod:`tei_edition.encoder.lines`; :mod:`tei_edition.encoder.body` builds their elements.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from tei_edition.encoder import lines as L
from tei_edition.encoder.brackets.encode import Span
from tei_edition.encoder.brackets.scan import physical_block_end
from tei_edition.readers.base import Line

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

    def spans(self, offset: int = 0) -> list[Span]:
        first = self.lines[0]
        spans = [Span(first.text[offset:], first.number, first.col + offset)]
        if len(self.lines) > 1:
            spans += [Span(line.text, line.number, line.col) for line in self.lines[1:]]
        return spans



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


@dataclass
class Endnotes:
    """The block of numbered endnotes ``[1] text`` that ends a body: those whose anchor
    ``[1]`` the text before holds (``foot``: number -> the note's spans), and those before
    them that it does not (``end``, in order: kept as notes at the end, their numbers kept).
    ``glued`` gives, for an endnote kept at the end, where its anchor may be: a digit glued
    to a word (``KRAJEWSKI1``, the superscript lost), as (number, line, column, word)."""

    foot: dict[str, list[Span]] = field(default_factory=dict)
    end: list[tuple[str, list[Span]]] = field(default_factory=list)
    glued: list[tuple[str, int, int, str]] = field(default_factory=list)


def _continues(blocks: list[Block], k: int) -> bool:
    """Whether block ``k`` carries on the endnote before it (a hard line break inside the
    note, ``... the advisability of`` / ``the Americans.``): the very next source line,
    not itself an endnote, starting in lower case or after a line that ends no sentence."""
    if k == 0 or L.ENDNOTE_RE.match(blocks[k].text):
        return False
    line, prev = blocks[k].lines[0], blocks[k - 1]
    return line.number == prev.lines[-1].number + 1 and (
        line.text[:1].islower() or not L.ends_sentence(prev.text))


#: How many lines an endnote may carry on over (after its first).
_MAX_CONTINUATION = 3


def _endnote_start(blocks: list[Block]) -> int:
    """Where the block of endnotes begins (``len(blocks)``: there is none): endnote lines
    and their continuation lines, up to the end."""
    start, k, run = len(blocks), len(blocks) - 1, 0
    while k >= 0:
        if L.ENDNOTE_RE.match(blocks[k].text) and blocks[k].text[
                blocks[k].text.index("]") + 1] == " ":
            start, run = k, 0
        elif run < _MAX_CONTINUATION and _continues(blocks, k):
            run += 1
        else:
            break
        k -= 1
    return start


_GLUED = "(?<=[^\\W\\d_.,;:”’\"'])(?:[.,;:”’\"')]?){n}(?![\\w])"


def take_endnotes(blocks: list[Block], only: set[str] | None = None
                  ) -> tuple[list[Block], Endnotes]:
    """The body's blocks without its endnotes, and the endnotes (:class:`Endnotes`; of
    those numbered in ``only``, when given, only those are footnotes). An endnote is a
    footnote when its anchor ``[1]`` occurs before the block; from the last endnote back,
    the first that is not, and all before it, are kept at the end."""
    start = _endnote_start(blocks)
    notes = Endnotes()
    if start == len(blocks):
        return blocks, notes
    numbered: list[tuple[str, list[Span]]] = []
    for block in blocks[start:]:
        m = L.ENDNOTE_RE.match(block.text)
        if m:
            numbered.append((m["n"], block.spans(m.end("n") + 2)))
        else:
            numbered[-1][1].extend(block.spans())
    before = "\n".join(b.text for b in blocks[:start])
    k = len(numbered)
    while k > 0:
        n = numbered[k - 1][0]
        if f"[{n}]" not in before or n in notes.foot or (only is not None and n not in only):
            break
        notes.foot[n] = numbered[k - 1][1]
        k -= 1
    notes.foot = dict(sorted(notes.foot.items(), key=lambda kv: int(kv[0])))
    notes.end = numbered[:k]
    for n, _ in notes.end:
        found = _glued_anchor(blocks[:start], n)
        if found:
            notes.glued.append((n, *found))
    return blocks[:start], notes


def _glued_anchor(blocks: list[Block], n: str) -> tuple[int, int, str] | None:
    """The first place where the number ``n`` is glued to a word or its punctuation
    (``KRAJEWSKI1``, ``problem.2``): (line, column, the word)."""
    glued = re.compile(r"(\S*?)" + _GLUED.format(n=re.escape(n)))
    for block in blocks:
        for line in block.lines:
            m = glued.search(line.text)
            if m:
                return line.number, line.col + m.start(), m.group()
    return None


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



class Structure:
    """Where the parts of a document begin and end, in a list of blocks: the opener's
    extent, the closer, a quoted message, a list, an enclosed document."""

    def __init__(self, year: int | None):
        self.year = year
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

    def list_run(self, blocks: list[Block], j: int) -> int:
        k = j
        while k < len(blocks) and self.list_item(blocks[k].text):
            k += 1
        return k - j


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


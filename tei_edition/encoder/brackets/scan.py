"""Finding the brackets of a text: pairs on one line, physical descriptions over up to six
more, and the brackets that stay literal (with the warning each gives).

:func:`scan` gives the bracket tree of a text (``[a [b] c]`` is one bracket holding one),
the brackets kept as text and why; :func:`physical_block_end` tells the body builder where
a bracket that spans lines (``[stamp: ...`` on one line, ``...]`` two lines down) closes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import NamedTuple

#: Brackets nested deeper than this stay literal text.
MAX_DEPTH = 4
#: A physical description may close this many lines after the line it opens on.
MAX_EXTRA_LINES = 6


class Bracket:
    """A pair of brackets, made when the "[" is met (one object per bracket: the scanner
    makes many)."""

    __slots__ = ("start", "end", "children", "line", "physical")

    def __init__(self, start: int, line: int = 0, end: int = -1) -> None:
        self.start = start  # index of "[" in the joined text
        self.end = end  # index of the matching "]", once it is met
        self.children: list[Bracket] = []
        self.line = line  # the line it opens on (0: the text's first)
        self.physical: bool | None = None  # decided at the first line break it spans


#: ``handwritten: ...``, ``handwriting in the margin``, and up to three words before it
#: (``Czech-language handwriting in the upper left corner``)
_HANDWRITTEN = re.compile(r"(?:[^\s\[\]:]+ +){0,3}?(?:hand-?written|handwriting)\b", re.I)
#: ``stamp: ...``, ``faded ...``, ``MFA stamp`` at the end of the first line. Matched in the
#: whole text, with pos and endpos, not in a copy of the first line: the words cannot cross a
#: line break, and the end of the first line is a line break or endpos (``(?=\n|\Z)``).
_STAMP = re.compile(
    r"(?:faded|stamp|stamped|seal)\b"
    r"|(?:[^\s\[\]:]+ +){1,4}(?:stamp|seal)(?: *:|[^\S\n]*(?=\n|\Z))", re.I)
_SIGNATURE = re.compile(r"(?:signature|signed|initials)", re.I)
_SPACES = re.compile(r"\s*")  # what str.lstrip() takes (the same Unicode white space)


def physical_kind(content: str) -> str | None:
    """``handwritten``, ``stamp`` or ``signature`` for a physical description, else None."""
    return physical_kind_at(content, 0, len(content))


def physical_kind_at(text: str, lo: int, hi: int) -> str | None:
    """:func:`physical_kind` of ``text[lo:hi]``, read in place.

    The reading looks only at the start of the content: the first word after the leading
    white space (handwritten, stamp, faded, seal; up to three words before handwriting),
    up to four words before a stamp or seal
    that ends the first line, or the whole content when it is one word (signature). The
    regexes stop at the first bracket or line break, so a bracket left open at the end of a
    long line costs the length of its first words, not of the rest of the line: no copy of
    the content is made (the scanner asks this of every "[" still open at a line break)."""
    head = _SPACES.match(text, lo, hi).end()  # type: ignore[union-attr]
    if _HANDWRITTEN.match(text, head, hi):
        return "handwritten"
    if _STAMP.match(text, head, hi):
        return "stamp"
    if _SIGNATURE.fullmatch(text, lo, hi):
        return "signature"
    return None


def _may_span_lines(text: str, lo: int, hi: int) -> bool | None:
    """Whether a bracket whose content so far is ``text[lo:hi]`` may go on to later lines
    (None: nothing to judge by yet, only white space)."""
    if _SPACES.match(text, lo, hi).end() == hi:  # type: ignore[union-attr]
        return None
    return physical_kind_at(text, lo, hi) in ("stamp", "handwritten")


@dataclass(slots=True)
class _Problem:
    pos: int
    message: str
    may_span: bool = False  # an unclosed "[" that opens a physical description


class _Problems:
    """The brackets a scan keeps literal: the first ``keep`` of them by position, and how
    many more there are (a text of a million stray "]" keeps a hundred, not a million
    objects). ``may_span`` is true when any of them, kept or not, may span lines."""

    __slots__ = ("keep", "items", "more", "may_span")

    def __init__(self, keep: int | None) -> None:
        self.keep = keep  # None: keep all
        self.items: list[_Problem] = []
        self.more = 0
        self.may_span = False

    def add(self, pos: int, message: str, may_span: bool = False) -> None:
        self.may_span = self.may_span or may_span
        items = self.items
        items.append(_Problem(pos, message, may_span))
        if self.keep is not None and len(items) > 2 * self.keep + 64:
            self._trim()

    def _trim(self) -> None:
        # (sorted by position: the same order as the end of the scan gives them in)
        self.items.sort(key=_pos)
        if self.keep is not None and len(self.items) > self.keep:
            self.more += len(self.items) - self.keep
            del self.items[self.keep:]

    def done(self) -> list[_Problem]:
        self._trim()
        return self.items


class Scan(NamedTuple):
    top: list[Bracket]  # the brackets read as interventions, in the order they open
    problems: list[_Problem]  # the first brackets kept literal, by position
    more: int  # how many more brackets are kept literal (not in problems)
    may_span: bool  # one of them is an unclosed "[" that may open a physical description


_MARKS = re.compile(r"[\[\]\n]")


def _drop(problems: _Problems, top: list[Bracket], ob: Bracket, below: Bracket | None,
          message: str, may_span: bool = False) -> None:
    """An open bracket stays literal: its brackets go to the one below it (or the top)."""
    problems.add(ob.start, message, may_span)
    (below.children if below is not None else top).extend(ob.children)


def scan(text: str, keep: int | None = None) -> Scan:
    """The bracket tree of ``text`` and the brackets that stay literal (the first ``keep``
    of them; all when None): brackets in brackets, brackets left open or closing on later
    lines (physical descriptions), stray ones."""
    top: list[Bracket] = []
    stack: list[Bracket] = []  # the open ones
    problems = _Problems(keep)
    line = 0
    for m in _MARKS.finditer(text):
        i = m.start()
        ch = text[i]
        if ch == "[":
            stack.append(Bracket(i, line))
        elif ch == "]":
            if not stack:
                problems.add(i, '"]" has no opening "[" on its line: kept as text')
                continue
            ob = stack.pop()
            if len(stack) >= MAX_DEPTH:
                # too deep: the pair is text, and so is everything inside it (already literal)
                problems.add(ob.start,
                             f"brackets nested deeper than {MAX_DEPTH} levels: kept as text")
                (stack[-1].children if stack else top).extend(ob.children)
                continue
            ob.end = i
            (stack[-1].children if stack else top).append(ob)
        else:  # a line break
            line += 1
            kept: list[Bracket] = []
            for ob in stack:
                if ob.physical is None:
                    ob.physical = _may_span_lines(text, ob.start + 1, i)
                if ob.physical is False:
                    _drop(problems, top, ob, kept[-1] if kept else None,
                          '"[" is never closed on its line: kept as text')
                elif line - ob.line > MAX_EXTRA_LINES:
                    _drop(problems, top, ob, kept[-1] if kept else None,
                          f'"[" of a physical description does not close within '
                          f"{MAX_EXTRA_LINES} lines: kept as text")
                else:
                    kept.append(ob)
            stack = kept
    for k in range(len(stack) - 1, -1, -1):  # innermost first: its brackets go outwards
        ob = stack[k]
        # physical, or nothing yet to judge by ("[" alone): it may open a block of lines
        may_span = ob.physical is None and \
            _may_span_lines(text, ob.start + 1, len(text)) is not False
        _drop(problems, top, ob, stack[k - 1] if k else None,
              '"[" is never closed on its line: kept as text'
              if ob.physical is not True else
              '"[" of a physical description is never closed: kept as text', may_span)
    # Brackets are put in their container as they close, which is the order they open in;
    # those of a bracket kept literal (moved out to the one below) can come late.
    _sort_tree(top)
    return Scan(top, problems.done(), problems.more, problems.may_span)


_start, _pos = attrgetter("start"), attrgetter("pos")

def _sort_tree(brackets: list[Bracket]) -> None:
    """Brackets in the order they open (promoted ones may have come late)."""
    brackets.sort(key=_start)  # (no two open at one place; a sorted list is only checked)
    for b in brackets:
        if b.children:
            _sort_tree(b.children)


def physical_block_end(lines: Sequence[str], start: int) -> int | None:
    """If ``lines[start]`` has a physical-description bracket (rule 5) that does not close on
    that line but closes within the next six lines, the index of the line where it closes
    (following on where that line opens another such bracket); else None."""
    if start >= len(lines) or not scan(lines[start], keep=0).may_span:
        return None  # the line leaves no physical description open
    end = start
    while end < len(lines):
        window = list(lines[end:end + MAX_EXTRA_LINES + 1])
        text = "\n".join(window)
        starts = [0]
        for w in window[:-1]:
            starts.append(starts[-1] + len(w) + 1)
        top = scan(text, keep=0).top
        first_end = starts[1] if len(starts) > 1 else len(text) + 1
        furthest = 0
        for br in top:
            if br.start < first_end:
                furthest = max(furthest, bisect_right(starts, br.end) - 1)
        if furthest == 0:
            break
        end += furthest
    return end if end > start else None



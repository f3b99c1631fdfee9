"""Square brackets: what each one means, its TEI, and the way back to the source text.

This module owns the editorial conventions of the Wilson Center exports (ENCODING.md §4).
Every bracket of a body line is read by the named rules of :data:`RULES`, tried in order;
the first that matches decides. The brackets of an intervention are not kept in the TEI
text (the element implies them, D7); :func:`inline_source` gives them back exactly.

The rules, with an example each (``→`` the TEI produced), and how each one decides:

1. ``gap_omitted``     ``[...]``, ``[…]``, ``[.…]``, ``[….]`` (dots and ellipses only): a passage
                       left out by the editors → ``<gap reason="omitted" rend="[...]"/>``
                       (``@rend`` keeps the exact marker, brackets included)
2. ``illegible``       ``[illegible signature]``, ``[two words illegible]`` (up to three words
                       around illegible / unreadable / indecipherable)
                       → ``<gap reason="illegible"><desc>illegible signature</desc></gap>``
3. ``sic``             ``recieved [sic]`` → ``<sic>recieved</sic>``: the word right before, apart
                       by exactly one space (the export restores that one space). A ``[sic]``
                       with no word so placed (``word[sic]``, at a line's start) is a remark
                       (rule 6's element), so the spacing comes back exactly
4. ``footnote``        ``text[1]`` when the endnote block has ``[1] ...``
                       → ``<note type="translator" place="foot" n="1">the endnote's text</note>``;
                       the note's text is read by these rules too (but not rule 4 again). A
                       number in brackets without an endnote (``Nº [208]``), or whose
                       endnote an earlier anchor took, is read by the later rules: a number
                       the translator supplied (rule 11)
5. ``physical``        ``[signature]`` (also signed, initials) → ``<gap reason="signature"/>``;
                       ``[MFA stamp: Copy No 3]`` → ``<stamp>MFA stamp: Copy No 3</stamp>``
                       (it begins with stamp, seal or faded, or has up to four words before
                       a stamp or seal that ends the line or takes a colon;
                       ``[faded USSR TOP SECRET ...]`` → ``<stamp>faded USSR ...</stamp>``);
                       ``[handwritten: 328/ag]`` (begins with handwritten, handwriting)
                       → ``<add hand="#handwritten">handwritten: 328/ag</add>``.
                       The element holds the whole inner text (D1); only stamps and handwriting
                       may span lines (up to six more), the line breaks becoming ``<lb/>``
6. ``remark``          ``[emphasis in the original]``, ``[underlined in the original]``, other
                       known phrases (page 2, not translated, translator's note: ...), or a
                       sentence of its own (``[The rest of the page is torn.]``: capital, three
                       words or more, ends in . ! ?)
                       → ``<note type="editorial" place="inline">emphasis in the original</note>``
7. ``uncertain``       ``Samsonov [?]`` → ``<unclear cert="low">Samsonov</unclear>`` (the word
                       before, one space, as in rule 3; else a remark);
                       ``[N. P. Varnov?]`` (anything ending in ?) →
                       ``<supplied reason="uncertain-reading" cert="low">N. P. Varnov</supplied>``
8. ``expansion``       ``F[oreign] M[inistry]``: letters in brackets touching a letter
                       → ``<expan>F<ex>oreign</ex> M<ex>inistry</ex></expan>``; the element
                       takes the whole word, and abbreviations apart by one space make one
                       ``expan``
9. ``gloss``           ``Wulumqi [Urumqi]``, ``Pak Seong-cheol [Pak Song Chol]``: the bracket
                       holds a proper name (capitalised words) whose letters are close to the
                       capitalised words right before it (one space apart): a weighted edit
                       distance on the letters (b/p, l/r, g/k... count half) gives a similarity
                       of 0.6 or more for one to six of those words; the best of them is ``orig``
                       → ``<choice><orig>Wulumqi</orig><reg>Urumqi</reg></choice>``
10. ``identification`` ``the Ambassador of the Soviet Union [Stepan Chervonenko]``,
                       ``The ambassador [Chervonenko]``, ``he [Kim Il Sung]``,
                       ``from Filippov [Stalin]``: a proper name that the next word does not
                       carry on (``Comrade [Li] Fuchun`` is rule 11), right after a title or
                       role (or a role followed by its complement, "of the Soviet Union"), a
                       pronoun, or another name of other letters inside the clause (a pseudonym)
                       → ``<supplied reason="identification">Chervonenko</supplied>``
-. ``doubled``         ``[[N. P. Varnov?]]``, ``[[illegible signature]]``: a bracket whose whole
                       content is one bracket. The outer pair is the doubling the exports use
                       for a bracket inside a bracketed passage, not an intervention of its own:
                       the inner bracket is read by the rules and its element records the
                       doubling in ``@rend="double-bracket"`` (``triple-bracket``,
                       ``quadruple-bracket``); a doubled omission keeps it in its marker
                       (``<gap reason="omitted" rend="[[...]]"/>``)
11. ``supplied``       everything else: ``[To]``, ``[the memorandum]``,
                       ``[Chinese] Central Committee``, ``Comrade [Li] Fuchun``, ``Nº [208]``,
                       ``[US Secretary of State William] Rogers``: words added for sense, a part
                       of a name → ``<supplied reason="omitted-in-original">To</supplied>``

Brackets inside brackets (up to four levels) are read by the same rules inside the outer
element: ``[handwritten: to Cde. [[N. P. Varnov?]]]`` is an ``add`` holding a ``supplied``.
A bracket that does not close on its line (a physical description: within six lines), a
stray ``]`` and brackets nested deeper than four levels stay literal text, with a warning
``file:line:col: warning [unbalanced-bracket] ...`` at the bracket; nothing raises. (A
warning about the text of a footnote points at its anchor ``[n]``.)

When the export names a translator (``InlineContext.resp``), the translator's interventions
(supplied, choice, sic, expan, unclear, note) carry ``resp="#translator"`` (D6); the editors'
omissions, the illegible passages and the physical features do not.

The export (:func:`inline_source`) writes each element back with its brackets: gap/@rend
(``[…]`` without one), ``[`` desc ``]`` for other gaps, ``[...]`` around supplied, stamp, add,
an inline note and ``ex``, ``[...?]`` around an uncertain reading, ``orig [reg]``,
``word [sic]``, ``word [?]``, ``[n]`` for a footnote; any other element (names, dates,
``hi``) gives its content, ``<lb/>`` a line break. For every text ``t``,
``inline_source`` after ``encode_inline`` gives ``t`` back exactly.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import NamedTuple

from lxml import etree

from tei_edition.errors import Diagnostic, Location
from tei_edition.tei import tei

__all__ = [
    "RULES",
    "InlineContext",
    "Rule",
    "Span",
    "encode_inline",
    "physical_block_end",
]

#: Brackets nested deeper than this stay literal text.
MAX_DEPTH = 4
#: A physical description may close this many lines after the line it opens on.
MAX_EXTRA_LINES = 6
#: The warnings a document keeps; the rest are counted (one line says how many).
MAX_WARNINGS = 100
#: The @rend of an element whose bracket was doubled, tripled, quadrupled.
DOUBLING_REND = {2: "double-bracket", 3: "triple-bracket", 4: "quadruple-bracket"}


@dataclass(slots=True)
class Span:
    """One source line, or the part of one line that is inline text."""

    text: str
    line: int  # 1-based line of text[0] in the source file
    col: int  # 1-based column of text[0]


@dataclass
class InlineContext:
    """What the encoding of inline text needs from, and gives back to, the reader."""

    source: str  # file name for diagnostics
    resp: str | None = None  # "#translator" when the export names a translator (D6)
    footnotes: dict[str, str] = field(default_factory=dict)  # endnote number -> note text
    #: the endnote numbers whose anchor has been read (a number is a footnote once)
    anchored: set[str] = field(default_factory=set)
    #: the first MAX_WARNINGS warnings of the document; ``dropped`` counts the rest
    diagnostics: list[Diagnostic] = field(default_factory=list)
    dropped: int = 0
    counts: Counter[str] = field(default_factory=Counter)  # intervention kind -> count

    def room(self) -> int:
        """How many more warnings this document keeps."""
        return max(0, MAX_WARNINGS - len(self.diagnostics))

    def reported(self) -> list[Diagnostic]:
        """The warnings kept, then one that counts those dropped (when there are any):
        ``cable.txt: warning [too-many-warnings] 99,900 more warnings of this document
        are not shown``."""
        if not self.dropped:
            return list(self.diagnostics)
        n = self.dropped
        more = (f"{n:,} more warning{'s' if n != 1 else ''} of this document "
                f"{'are' if n != 1 else 'is'} not shown")
        return [*self.diagnostics,
                Diagnostic(Location(self.source), "warning", "too-many-warnings", more)]


# ---------------------------------------------------------------------------------------
# Finding the brackets: pairs on one line, physical descriptions over up to six more.


class _Bracket:
    """A pair of brackets, made when the "[" is met (one object per bracket: the scanner
    makes many)."""

    __slots__ = ("start", "end", "children", "line", "physical")

    def __init__(self, start: int, line: int = 0, end: int = -1) -> None:
        self.start = start  # index of "[" in the joined text
        self.end = end  # index of the matching "]", once it is met
        self.children: list[_Bracket] = []
        self.line = line  # the line it opens on (0: the text's first)
        self.physical: bool | None = None  # decided at the first line break it spans


_HANDWRITTEN = re.compile(r"(?:hand-?written|handwriting|in handwriting)\b", re.I)
#: ``stamp: ...``, ``faded ...``, ``MFA stamp`` at the end of the first line. Matched in the
#: whole text, with pos and endpos, not in a copy of the first line: the words cannot cross a
#: line break, and the end of the first line is a line break or endpos (``(?=\n|\Z)``).
_STAMP = re.compile(
    r"(?:faded|stamp|stamped|seal)\b"
    r"|(?:[^\s\[\]:]+ +){1,4}(?:stamp|seal)(?: *:|[^\S\n]*(?=\n|\Z))", re.I)
_SIGNATURE = re.compile(r"(?:signature|signed|initials)", re.I)
_SPACES = re.compile(r"\s*")  # what str.lstrip() takes (the same Unicode white space)


def _physical_kind(content: str) -> str | None:
    """``handwritten``, ``stamp`` or ``signature`` for a physical description, else None."""
    return _physical_kind_at(content, 0, len(content))


def _physical_kind_at(text: str, lo: int, hi: int) -> str | None:
    """:func:`_physical_kind` of ``text[lo:hi]``, read in place.

    The reading looks only at the start of the content: the first word after the leading
    white space (handwritten, stamp, faded, seal), up to four words before a stamp or seal
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
    return _physical_kind_at(text, lo, hi) in ("stamp", "handwritten")


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


class _Scan(NamedTuple):
    top: list[_Bracket]  # the brackets read as interventions, in the order they open
    problems: list[_Problem]  # the first brackets kept literal, by position
    more: int  # how many more brackets are kept literal (not in problems)
    may_span: bool  # one of them is an unclosed "[" that may open a physical description


_MARKS = re.compile(r"[\[\]\n]")


def _drop(problems: _Problems, top: list[_Bracket], ob: _Bracket, below: _Bracket | None,
          message: str, may_span: bool = False) -> None:
    """An open bracket stays literal: its brackets go to the one below it (or the top)."""
    problems.add(ob.start, message, may_span)
    (below.children if below is not None else top).extend(ob.children)


def _scan(text: str, keep: int | None = None) -> _Scan:
    """The bracket tree of ``text`` and the brackets that stay literal (the first ``keep``
    of them; all when None): brackets in brackets, brackets left open or closing on later
    lines (physical descriptions), stray ones."""
    top: list[_Bracket] = []
    stack: list[_Bracket] = []  # the open ones
    problems = _Problems(keep)
    line = 0
    for m in _MARKS.finditer(text):
        i = m.start()
        ch = text[i]
        if ch == "[":
            stack.append(_Bracket(i, line))
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
            kept: list[_Bracket] = []
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
    return _Scan(top, problems.done(), problems.more, problems.may_span)


_start, _pos = attrgetter("start"), attrgetter("pos")

def _sort_tree(brackets: list[_Bracket]) -> None:
    """Brackets in the order they open (promoted ones may have come late)."""
    brackets.sort(key=_start)  # (no two open at one place; a sorted list is only checked)
    for b in brackets:
        if b.children:
            _sort_tree(b.children)


def physical_block_end(lines: Sequence[str], start: int) -> int | None:
    """If ``lines[start]`` has a physical-description bracket (rule 5) that does not close on
    that line but closes within the next six lines, the index of the line where it closes
    (following on where that line opens another such bracket); else None."""
    if start >= len(lines) or not _scan(lines[start], keep=0).may_span:
        return None  # the line leaves no physical description open
    end = start
    while end < len(lines):
        window = list(lines[end:end + MAX_EXTRA_LINES + 1])
        text = "\n".join(window)
        starts = [0]
        for w in window[:-1]:
            starts.append(starts[-1] + len(w) + 1)
        top = _scan(text, keep=0).top
        first_end = starts[1] if len(starts) > 1 else len(text) + 1
        furthest = 0
        for br in top:
            if br.start < first_end:
                furthest = max(furthest, bisect_right(starts, br.end) - 1)
        if furthest == 0:
            break
        end += furthest
    return end if end > start else None


# ---------------------------------------------------------------------------------------
# The rules.


class Site:
    """What a rule sees of one bracket, and the means to encode it."""

    __slots__ = ("enc", "text", "ctx", "parent", "br", "lo", "hi", "before", "doubling",
                 "taken_after", "content", "plain")

    def __init__(self, enc: _Encoder, parent: etree._Element, br: _Bracket, lo: int, hi: int,
                 before: str, doubling: int = 1) -> None:
        self.enc = enc
        self.text = enc.text  # the joined text of the spans
        self.ctx: InlineContext = enc.ctx
        self.parent = parent  # the element the intervention goes into
        self.br = br
        self.lo = lo  # the container's bounds in the joined text
        self.hi = hi
        #: The text right before the bracket, in the container, since the last element.
        self.before = before
        self.doubling = doubling  # 2 inside a doubled bracket [[...]], 3 inside [[[...]]], ...
        self.taken_after = 0
        #: The raw text between the brackets (every rule reads it: computed at once).
        self.content = content = self.text[br.start + 1:br.end]
        #: The content is one line with no bracket in it.
        self.plain = not br.children and "\n" not in content

    @property
    def bare(self) -> str:
        """The content without the brackets nested in it: ``emphasis in the original [1]``
        gives ``emphasis in the original``."""
        if not self.br.children:
            return self.content
        parts, cursor = [], self.br.start + 1
        for kid in self.br.children:
            parts.append(self.text[cursor:kid.start])
            cursor = kid.end + 1
        parts.append(self.text[cursor:self.br.end])
        return " ".join(" ".join(parts).split())

    @property
    def prev_char(self) -> str:
        return self.text[self.br.start - 1] if self.br.start > self.lo else ""

    @property
    def next_char(self) -> str:
        return self.text[self.br.end + 1] if self.br.end + 1 < self.hi else ""

    def element(self, name: str, attrib: dict[str, str] | None = None, *,
                translator: bool = False, doubled: bool = True) -> etree._Element:
        """A new element at the end of ``parent``; the translator's carry @resp (D6)."""
        attrs = dict(attrib or {})
        if translator and self.ctx.resp:
            attrs["resp"] = self.ctx.resp
        if doubled and self.doubling > 1:
            attrs["rend"] = DOUBLING_REND[self.doubling]
        return etree.SubElement(self.parent, tei(name), attrs)

    def take_before(self, n: int) -> str:
        """Remove the last ``n`` characters of the text before the bracket; return them."""
        if n == 0:
            return ""
        taken = self.before[-n:]
        self.before = self.before[:-n]
        _set_last_text(self.parent, self.before)
        return taken

    def fill(self, el: etree._Element, lo: int, hi: int) -> None:
        """Encode the raw text ``lo:hi`` (with its brackets) into ``el``."""
        self.enc.fill(el, lo, hi, [b for b in self.br.children if lo <= b.start and b.end < hi])

    def fill_content(self, el: etree._Element) -> None:
        """Encode the content into ``el`` (a new element)."""
        self.enc.fill(el, self.br.start + 1, self.br.end, self.br.children)


RuleFn = Callable[[Site], "str | None"]


@dataclass(frozen=True)
class Rule:
    """One named reading of a bracket: ``apply`` encodes it and returns the intervention's
    kind (for the counts), or returns None and changes nothing."""

    number: str
    name: str
    doc: str
    apply: RuleFn


# Words and names ------------------------------------------------------------------------

_LETTERS = re.compile(r"[^\W\d_]+")
_LETTERS_BEFORE = re.compile(r"[^\W\d_]+$")
_WORD_BEFORE = re.compile(r"([^\s\[\]()\"“‘«]+) $")
_WORD = re.compile(r"[^\s\[\]()\"“‘«]+")  # what _WORD_BEFORE takes as a word
_NAME_TOKEN = re.compile(r"[^\W\d_][\w'’.\-]*")
_TOKEN = re.compile(r"\S+")
PARTICLES = frozenset(
    "of de du da des del della di van von der den ter al el bin ibn la le y".split())
FUNCTION_WORDS = frozenset("""
    a an the to and or but of in on at for by with from into as is are was were be this that
    these those then there here when if so not no it its he she they we i you him her them us
    me his hers their our your who whom whose which what also please copy re
""".split())
ROLES = frozenset("""
    ambassador ambassadors chairman chairwoman premier minister ministers president
    vice-president secretary secretary-general general consul consul-general comrade comrades
    cde cde. cdes cdes. leader leaders chief head director envoy chargé charge attaché attache
    counsellor counselor adviser advisor king queen emperor prince marshal commander officer
    official deputy representative delegate spokesman governor mayor author writer sender
    addressee interpreter correspondent colleague colleagues friend side leadership
    chancellor mr. mrs. ms. dr. professor lieutenant colonel captain major admiral
    city capital country province region town village
""".split())
PRONOUNS = frozenset("""
    he she him her his hers they them their theirs it its we us our you your i me my who whom
    whose this that these those latter former
""".split())


def _word_before(before: str) -> int:
    """The length of the word and the one space that end ``before`` (``recieved `` in
    ``recieved [sic]``), or 0: a match of _WORD_BEFORE, read from the end back.

    Not a speed-up but the linear-time guarantee: a search of _WORD_BEFORE tries every
    place of the text and backtracks over each word, so that ``x * N + "( [sic]"`` costs
    N² steps (N = 8,000: 0.76 s; read from the end back: 19 µs)."""
    if "\n" in before:  # ("$" matches before a final line break too)
        m = _WORD_BEFORE.search(before)
        return len(m.group()) if m else 0
    m = _WORD.match(before[-2::-1]) if before.endswith(" ") else None
    return m.end() + 1 if m else 0


def _letters_before(before: str) -> int:
    """How many letters end ``before`` (``F`` in ``the F[oreign]``): a match of
    _LETTERS_BEFORE, read from the end back (in linear time, as :func:`_word_before`)."""
    if "\n" in before:
        m = _LETTERS_BEFORE.search(before)
        return len(m.group()) if m else 0
    m = _LETTERS.match(before[::-1])
    return m.end() if m else 0


def _is_name(s: str) -> bool:
    """A proper name: capitalised words (particles allowed inside), no digits."""
    tokens = s.split()
    if not tokens or s != s.strip() or "  " in s:
        return False
    if tokens[0].lower() in FUNCTION_WORDS:  # a name does not open with "the", "he" ...
        return False
    for i, t in enumerate(tokens):
        if i and t in PARTICLES:
            continue
        if not _NAME_TOKEN.fullmatch(t) or not t[0].isupper():
            return False
    return True


def _letters(s: str) -> str:
    decomposed = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in decomposed if c.isalpha() and not unicodedata.combining(c))


# Pairs of letters that transliterations exchange (b/p in Peking/Beijing, l/r in
# Wulumqi/Urumqi, g/k in Gyeong/Kyong): substituting one for the other costs half.
_NEAR = frozenset(
    q for p in ("bp", "dt", "gk", "kq", "kc", "gq", "lr", "sz", "sx", "jz", "jg", "iy", "uw",
                "vw", "ou", "ea", "fv") for q in (p, p[::-1]))


def similarity(a: str, b: str, floor: float = 0.0) -> float:
    """How close two spellings of a name are: 1 - weighted edit distance / longer length,
    on their letters only (``Wulumqi``/``Urumqi`` 0.79, ``Pak Seong-cheol``/``Pak Song Chol``
    0.85, ``Soviet Union``/``Stepan Chervonenko`` well under 0.5). Below ``floor`` the
    answer is 0.0 (computed no further)."""
    return _similarity(_letters(a), _letters(b), floor)


def _similarity(x: str, y: str, floor: float) -> float:
    if not x or not y:
        return 0.0
    longer = max(len(x), len(y))
    budget = 2 * (1.0 - floor) * longer  # costs are doubled: an edit 2, a near letter 1
    if 2 * abs(len(x) - len(y)) > budget:
        return 0.0
    prev = list(range(0, 2 * len(y) + 1, 2))
    for i, cx in enumerate(x, 1):
        cur = [2 * i]
        left = 2 * i
        for j, cy in enumerate(y):
            diag = prev[j] + (0 if cx == cy else 1 if cx + cy in _NEAR else 2)
            up = prev[j + 1] + 2
            left = left + 2
            if up < left:
                left = up
            if diag < left:
                left = diag
            cur.append(left)
        if min(cur) > budget:
            return 0.0
        prev = cur
    score = 1.0 - prev[-1] / (2 * longer)
    return score if score >= floor else 0.0


#: A bracket is another spelling of the name before it from this similarity on.
GLOSS_SIMILARITY = 0.6


#: How far back (in characters) the rules look for the words before a bracket.
_LOOKBEHIND = 160


def _name_run_starts(before: str) -> list[int]:
    """Start offsets in ``before`` of the trailing capitalised words, nearest first
    (``... Vice Minister Ri Man-seok `` gives the starts of Man-seok, Ri, Minister, Vice)."""
    if not before.endswith(" ") or before.endswith("  "):
        return []
    starts: list[int] = []
    words = list(_TOKEN.finditer(before, max(0, len(before) - _LOOKBEHIND)))
    for m in reversed(words):
        t = m.group()
        if _NAME_TOKEN.fullmatch(t) and t[0].isupper() and t.lower() not in FUNCTION_WORDS:
            starts.append(m.start())
        elif starts and t in PARTICLES:
            continue
        else:
            break
        if len(starts) >= 6:
            break
    return starts


# Where a clause ends: punctuation, and a full stop after a word of four letters or more or
# after a digit, before a space (not after "Cde", "Mr", "N": ``Cde. Li [Li Fuchun]``).
_CLAUSE_END = re.compile(r"[,;:!?()\"“”\[\]]|(?<=[^\W\d_]{4})\.(?=\s|$)|(?<=\d)\.(?=\s|$)")


def _phrase_before(before: str) -> list[str]:
    """The words right before the bracket, back to the last punctuation (at most eight)."""
    clause = _CLAUSE_END.split(before[-_LOOKBEHIND:])[-1]
    words = clause.split()[-8:]
    return [w.lower().removesuffix("'s").removesuffix("’s") for w in words]


_NEXT_WORD = re.compile(r" ?([^\s\[\]]+)")


def _name_goes_on(text: str, pos: int, end: int) -> bool:
    """The text after the bracket (``text[pos:end]``) carries on a name: ``[Li] Fuchun``,
    ``[Chinese] Central``."""
    m = _NEXT_WORD.match(text, pos, end)
    if not m:
        return False
    word = m.group(1)
    return word[0].isupper() and word not in ("I",)


# The rules themselves ------------------------------------------------------------------

_OMITTED = re.compile(r" *(?:\.{2,}|…+|\.…|…\.|\. \. \.|\.{2,}…|…\.{2,}) *")


def is_omission_marker(content: str) -> bool:
    """Whether ``[content]`` is an omission by rule 1 (``...``, ``…``, ``. . .``): the
    readers ask this of a line that is a bracket alone, so that they put only a gap, never
    another element, where a paragraph would stand."""
    return bool(_OMITTED.fullmatch(content))


def rule_gap_omitted(s: Site) -> str | None:
    """1. ``[...]``, ``[…]``, ``[.…]``, ``[….]``: a passage left out by the editors."""
    if not s.plain or not _OMITTED.fullmatch(s.content):
        return None
    marker = "[" * s.doubling + s.content + "]" * s.doubling
    s.element("gap", {"reason": "omitted", "rend": marker}, doubled=False)
    return "gap"


_ILLEGIBLE = re.compile(
    r"(?:[\w\-]+ ){0,3}(?:illegible|unreadable|indecipherable)(?: [\w\-]+){0,3}", re.I)


def rule_illegible(s: Site) -> str | None:
    """2. ``[illegible]``, ``[illegible signature]``: unreadable in the source."""
    if not s.plain or not _ILLEGIBLE.fullmatch(s.content):
        return None
    gap = s.element("gap", {"reason": "illegible"})
    etree.SubElement(gap, _DESC).text = s.content
    return "illegible"


def _remark(s: Site) -> str:
    note = s.element("note", {"type": "editorial", "place": "inline"}, translator=True)
    s.fill_content(note)
    return "remark"


def rule_sic(s: Site) -> str | None:
    """3. ``word [sic]``: an error in the source; ``<sic>`` holds the word before."""
    if s.content != "sic" or s.br.children:
        return None
    n = _word_before(s.before)
    if not n:
        return _remark(s)
    word = s.take_before(n)[:-1]
    s.element("sic", translator=True).text = word
    return "sic"


def rule_footnote(s: Site) -> str | None:
    """4. ``[1]`` where the endnote block has ``[1] text``: a translator's footnote."""
    n = s.content
    if not s.plain or n not in s.ctx.footnotes or s.enc.in_footnote or n in s.ctx.anchored:
        # (a second "[1]" is not the endnote again: the export would write the endnote
        # twice, and a thousand anchors would copy its text a thousand times)
        return None
    s.ctx.anchored.add(n)
    note = s.element("note", {"type": "translator", "place": "foot", "n": n}, translator=True)
    s.enc.encode_footnote(note, s.ctx.footnotes[n], s.br.start)
    return "note"


def rule_physical(s: Site) -> str | None:
    """5. ``[signature]``, ``[stamp: ...]``, ``[... stamp: ...]``, ``[faded ...]``,
    ``[handwritten: ...]``: a feature of the physical source, its description kept whole."""
    kind = _physical_kind(s.content)
    if kind == "signature":
        gap = s.element("gap", {"reason": "signature"})
        if s.content != "signature":
            etree.SubElement(gap, _DESC).text = s.content
        return "signature"
    if kind == "stamp":
        s.fill_content(s.element("stamp"))
        return "stamp"
    if kind == "handwritten":
        s.fill_content(s.element("add", {"hand": "#handwritten"}))
        return "handwritten"
    return None


_REMARK_PHRASES = re.compile(r"""
    (?:(?:emphasis|underlin(?:ed|ing)|underscored|italics|bold|capitals|spacing|highlighting)
       (?:\ added)?\ (?:is\ )?(?:as\ )?in\ (?:the\ )?original)
  | (?:(?:as\ )?in\ (?:the\ )?original)
  | emphasis\ added | sic! | \?!
  | (?:(?:the\ )?(?:text|original|page|pages|line|lines|document)\ (?:is\ )?
       (?:missing|damaged|torn|cut\ off|illegible|not\ translated|omitted|ends\ here))
  | (?:(?:the\ )?(?:rest|remainder|end)\ of\ (?:the\ )?(?:text|document|page|letter|line).*)
  | (?:not\ translated|untranslated|translation\ not\ available|no\ translation)
  | (?:crossed\ out|struck\ out|deleted|blank|space\ left\ blank|left\ blank)
  | (?:continued|continuation)(?:\ (?:on|from|overleaf)\b.*)?
  | (?:page|p\.|pp\.|sheet|folio|list|l\.)\ ?\d+\w*
  | (?:(?:translator|editor|transcriber)['’]?s?\ (?:note|comment|remark)\b.*)
  | (?:note:.*)
""", re.I | re.X)


def _is_own_clause(content: str) -> bool:
    """A sentence of the translator's own: ``[The rest of the page is torn.]``."""
    words = content.split()
    return (len(words) >= 3 and content[:1].isupper() and content[-1:] in ".!?"
            and any(w.isalpha() and w.islower() and w not in PARTICLES for w in words[1:]))


def rule_remark(s: Site) -> str | None:
    """6. ``[emphasis in the original]``, a phrase or clause of the translator's own."""
    content = s.bare
    if "\n" in content:
        return None
    phrase = content.strip().rstrip(".")
    if not (_REMARK_PHRASES.fullmatch(phrase) or _is_own_clause(content)):
        return None
    return _remark(s)


def rule_uncertain(s: Site) -> str | None:
    """7. ``word [?]``: an uncertain reading of the word before (``<unclear>``);
    ``[Name?]``: an uncertain reading supplied by the translator."""
    content = s.content
    if "\n" in content:
        return None
    if content == "?" and not s.br.children:
        n = _word_before(s.before)
        if not n:
            return _remark(s)
        word = s.take_before(n)[:-1]
        s.element("unclear", {"cert": "low"}, translator=True).text = word
        return "unclear"
    if content.endswith("?") and content[:-1].strip():
        el = s.element("supplied", {"reason": "uncertain-reading", "cert": "low"},
                       translator=True)
        s.fill(el, s.br.start + 1, s.br.end - 1)
        return "uncertain"
    return None




def rule_expansion(s: Site) -> str | None:
    """8. ``F[oreign] M[inistry]``: a bracket inside a word expands an abbreviation."""
    if not s.plain or not _LETTERS.fullmatch(s.content):
        return None
    if not (s.prev_char.isalpha() or s.next_char.isalpha()):
        return None
    m_after = _LETTERS.match(s.text, s.br.end + 1, s.hi)  # (in place: not a copy of the rest)
    head = s.take_before(_letters_before(s.before))
    tail = m_after.group() if m_after else ""
    s.taken_after = len(tail)
    expan = s.element("expan", translator=True)
    expan.text = head
    ex = etree.SubElement(expan, _EX)
    ex.text = s.content
    ex.tail = tail
    return "expansion"


def rule_gloss(s: Site) -> str | None:
    """9. ``Wulumqi [Urumqi]``: another spelling of the name just before."""
    if not s.plain or not _is_name(s.content):
        return None
    best, best_start = 0.0, -1
    content_letters = _letters(s.content)  # similarity(), with the bracket's letters once
    for start in _name_run_starts(s.before):
        score = _similarity(_letters(s.before[start:-1]), content_letters, GLOSS_SIMILARITY)
        if score > best:
            best, best_start = score, start
    if best < GLOSS_SIMILARITY:
        return None
    orig_text = s.take_before(len(s.before) - best_start)[:-1]
    choice = s.element("choice", translator=True)
    etree.SubElement(choice, _ORIG).text = orig_text
    etree.SubElement(choice, _REG).text = s.content
    return "gloss"


def rule_identification(s: Site) -> str | None:
    """10. ``the Ambassador of the Soviet Union [Stepan Chervonenko]``: the bracket names who
    or what the words before refer to (a title, role, pronoun or pseudonym)."""
    if not s.plain or not _is_name(s.content) or _name_goes_on(s.text, s.br.end + 1, s.hi):
        return None
    if not s.before.endswith(" ") or not s.before.strip():
        return None
    words = _phrase_before(s.before)
    if not words:
        return None
    last = words[-1]
    if last in FUNCTION_WORDS and last not in PRONOUNS:
        return None  # "the [Chinese] side": an article or preposition is no referent
    refers = last in ROLES or last in PRONOUNS
    if not refers:
        # a role further back, then only its complement: "the Ambassador of the Soviet Union"
        raw = s.before[-_LOOKBEHIND:].split()[-len(words):]
        for j in range(len(words) - 2, -1, -1):
            if words[j] in ROLES:
                between = raw[j + 1:]
                refers = all(w[:1].isupper() or w.lower() in PARTICLES | {"the", "to", "in",
                             "for", "at", "on", "and"} for w in between)
                break
    if not refers:
        # a pseudonym or another name for the same referent: "from Filippov [Stalin]"
        # (not a capitalised word that opens the clause: "Yesterday [Kim Il Sung] said")
        raw_last = s.before[-_LOOKBEHIND:].split()[-1]
        refers = (len(words) >= 2 and raw_last[:1].isupper()
                  and raw_last.lower() not in FUNCTION_WORDS
                  and bool(_NAME_TOKEN.fullmatch(raw_last))
                  and not similarity(raw_last, s.content, GLOSS_SIMILARITY))
    if not refers:
        return None
    s.element("supplied", {"reason": "identification"}, translator=True).text = s.content
    return "identification"


def rule_doubled(s: Site) -> str | None:
    """``[[...]]``: a bracket whose whole content is one bracket; the inner one is read by
    the rules and its element records the doubling."""
    kids = s.br.children
    if len(kids) != 1 or kids[0].start != s.br.start + 1 or kids[0].end != s.br.end - 1:
        return None
    inner = Site(s.enc, s.parent, kids[0], s.br.start + 1, s.br.end, "", s.doubling + 1)
    return s.enc.apply_rules(inner)


def rule_supplied(s: Site) -> str | None:
    """11. ``[To]``, ``[the memorandum]``, ``[Li] Fuchun``: words added for sense."""
    s.fill_content(s.element("supplied", {"reason": "omitted-in-original"}, translator=True))
    return "supplied"


#: The rules, in the order they are tried (ENCODING.md §4); the first that matches decides.
RULES: tuple[Rule, ...] = (
    Rule("1", "gap_omitted", "[...] [\u2026]: passage left out by the editors", rule_gap_omitted),
    Rule("2", "illegible", "[illegible signature]: unreadable in the source", rule_illegible),
    Rule("3", "sic", "word [sic]: an error in the source", rule_sic),
    Rule("4", "footnote", "[1] with an endnote [1] ...: a translator's footnote", rule_footnote),
    Rule("5", "physical", "[signature] [stamp: ...] [handwritten: ...]: the physical source",
         rule_physical),
    Rule("6", "remark", "[emphasis in the original]: the translator's remark", rule_remark),
    Rule("7", "uncertain", "word [?], [Name?]: an uncertain reading", rule_uncertain),
    Rule("8", "expansion", "F[oreign] M[inistry]: an abbreviation expanded", rule_expansion),
    Rule("9", "gloss", "Wulumqi [Urumqi]: another spelling of the name before", rule_gloss),
    Rule("10", "identification", "the ambassador [Chervonenko]: who is meant",
         rule_identification),
    Rule("-", "doubled", "[[...]]: a bracket inside a bracket, doubled", rule_doubled),
    Rule("11", "supplied", "[the memorandum]: words added for sense", rule_supplied),
)


# ---------------------------------------------------------------------------------------
# The encoder: walks the bracket tree and fills the elements.


_LB, _EXPAN, _DESC, _EX, _ORIG, _REG = (tei(n) for n in "lb expan desc ex orig reg".split())

def _last_child(el: etree._Element) -> etree._Element | None:
    """The last child of ``el``, or None. (Not ``len(el)``: lxml counts the children one
    by one, and a paragraph of a million interventions would count them at each.)"""
    try:
        return el[-1]  # lxml walks from the last child back: one step
    except IndexError:
        return None


def _last_text(el: etree._Element) -> str:
    last = _last_child(el)
    if last is not None:
        return last.tail or ""
    return el.text or ""


def _set_last_text(el: etree._Element, s: str) -> None:
    last = _last_child(el)
    if last is not None:
        last.tail = s or None
    else:
        el.text = s or None


def _append_text(el: etree._Element, s: str) -> None:
    """Append text to ``el``; each line break becomes ``<lb/>``."""
    for k, part in enumerate(s.split("\n")):
        if k:
            etree.SubElement(el, _LB)
        if part:
            _set_last_text(el, _last_text(el) + part)


class _Encoder:
    def __init__(self, spans: Sequence[Span], ctx: InlineContext, in_footnote: bool = False):
        self.spans = list(spans)
        self.ctx = ctx
        self.in_footnote = in_footnote
        self.text = "\n".join(s.text for s in self.spans)
        self.offsets = [0]
        for s in self.spans[:-1]:
            self.offsets.append(self.offsets[-1] + len(s.text) + 1)
        self.anchor: Location | None = None  # footnote text: problems are reported here

    def location(self, pos: int) -> Location:
        if self.anchor is not None:
            return self.anchor
        k = max(0, bisect_right(self.offsets, pos) - 1)
        span = self.spans[k]
        rel = pos - self.offsets[k]
        line, col = span.line, span.col + rel
        nl = span.text.rfind("\n", 0, rel)
        if nl >= 0:  # a span that holds several lines
            line += span.text.count("\n", 0, rel)
            col = rel - nl
        return Location(self.ctx.source, line, col)

    def run(self, parent: etree._Element) -> None:
        ctx = self.ctx
        # Only the warnings the document still keeps are made (each costs a location);
        # the others are counted.
        scan = _scan(self.text, ctx.room())
        for p in scan.problems:
            ctx.diagnostics.append(
                Diagnostic(self.location(p.pos), "warning", "unbalanced-bracket", p.message))
        ctx.dropped += scan.more
        self.fill(parent, 0, len(self.text), scan.top)

    def fill(self, el: etree._Element, lo: int, hi: int, brackets: list[_Bracket]) -> None:
        cursor = lo
        text, counts = self.text, self.ctx.counts
        expanded = False
        for br in brackets:
            _append_text(el, text[cursor:br.start])
            site = Site(self, el, br, lo, hi, _last_text(el))
            kind = self.apply_rules(site)
            if kind:
                counts[kind] += 1
                expanded = expanded or kind == "expansion"
            cursor = br.end + 1 + site.taken_after
        if cursor < hi:
            _append_text(el, text[cursor:hi])
        if expanded:  # only a new expansion can stand next to another
            _merge_expansions(el)

    def apply_rules(self, site: Site) -> str | None:
        for rule in RULES:
            kind = rule.apply(site)
            if kind is not None:
                return kind
        return None  # pragma: no cover - rule 11 always matches

    def encode_footnote(self, note: etree._Element, text: str | Span, anchor_pos: int) -> None:
        span = text if isinstance(text, Span) else Span(text, 1, 1)
        sub = _Encoder([span], self.ctx, in_footnote=True)
        if not isinstance(text, Span):
            sub.anchor = self.location(anchor_pos)
        sub.run(note)


def _merge_expansions(el: etree._Element) -> None:
    """``F[oreign] M[inistry]`` is one abbreviation: adjacent expansions of one container,
    apart by nothing or one space, become one ``<expan>``."""
    expan = _EXPAN
    children = list(el)  # (one pass: indexing an lxml element walks its children)
    if not children:
        return
    prev = children[0]
    for cur in children[1:]:
        if prev.tag == expan and cur.tag == expan and (prev.tail or "") in ("", " ") \
                and prev.get("rend") is None and cur.get("rend") is None:
            joint = (prev.tail or "") + (cur.text or "")
            last = _last_child(prev)
            if last is not None:
                last.tail = (last.tail or "") + joint or None
            else:
                prev.text = (prev.text or "") + joint or None
            for child in list(cur):
                prev.append(child)
            prev.tail = cur.tail
            el.remove(cur)
        else:
            prev = cur


def encode_inline(parent: etree._Element, spans: Sequence[Span], ctx: InlineContext) -> None:
    """Append to ``parent`` (after any children it already has) the TEI mixed content of the
    spans. Several spans (a multi-line block) are joined by ``<lb/>``."""
    if spans:
        _Encoder(spans, ctx).run(parent)

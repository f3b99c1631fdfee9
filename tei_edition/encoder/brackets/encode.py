"""The bracket encoder: walks the bracket tree of a text (:mod:`.scan`), asks the rules
(:mod:`.rules`) what each bracket is, and builds the elements into the body's tree.

:func:`encode_inline` appends the TEI mixed content of some spans (a line, the lines of a
block) to an element; :class:`InlineContext` carries what a document's brackets share (the
endnotes, the translator, the counts and the warnings).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lxml import etree

from tei_edition.encoder.brackets.rules import RULES
from tei_edition.encoder.brackets.scan import Bracket, scan
from tei_edition.encoder.brackets.words import is_name
from tei_edition.errors import Diagnostic, Location
from tei_edition.kinds import DOUBLING_REND
from tei_edition.tei import element, tei

if TYPE_CHECKING:
    from tei_edition.encoder.readings import DocumentReadings, Snapshot

#: The warnings a document keeps; the rest are counted (one line says how many).
MAX_WARNINGS = 100


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
    #: the original's language (BCP 47), when the export gives it: words of the original
    #: in brackets are tagged with it (rule 9b)
    language: str | None = None
    #: endnote number -> the note's text (its spans in the source; a string when it has none)
    footnotes: dict[str, str | list[Span]] = field(default_factory=dict)
    #: the endnote numbers whose anchor has been read (a number is a footnote once)
    anchored: set[str] = field(default_factory=set)
    #: the first MAX_WARNINGS warnings of the document; ``dropped`` counts the rest
    diagnostics: list[Diagnostic] = field(default_factory=list)
    dropped: int = 0
    counts: Counter[str] = field(default_factory=Counter)  # intervention kind -> count
    #: the readings whose evidence is weak (``note [bracket-review]``), every one of them:
    #: the warning cap does not apply (the editor reviews them all)
    reviews: list[Diagnostic] = field(default_factory=list)
    #: the document's entries of the edition's readings.tsv (tei_edition.encoder.readings):
    #: the editor's reading of given brackets, applied before the rules; None: none
    readings: DocumentReadings | None = None

    def mark(self) -> tuple[int, Snapshot | None]:
        """Where the review notes and the readings stand, before a text is read (for
        :meth:`read_again`)."""
        return len(self.reviews), self.readings.snapshot() if self.readings else None

    def read_again(self, mark: tuple[int, Snapshot | None]) -> None:
        """A text is read again from its start (the body builder does, when an endnote
        lost its anchor): the review notes and the brackets the readings met since
        ``mark`` are forgotten, as the counts and warnings are."""
        reviews, readings = mark
        del self.reviews[reviews:]
        if self.readings is not None and readings is not None:
            self.readings.back_to(readings)

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



class BracketSite:
    """What a rule sees of one bracket, and the means to encode it."""

    __slots__ = ("enc", "text", "ctx", "parent", "br", "lo", "hi", "before", "doubling",
                 "taken_after", "content", "plain", "_named")

    def __init__(self, enc: BracketEncoder, parent: etree._Element, br: Bracket, lo: int, hi: int,
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
        self._named: bool | None = None  # (see named)

    @property
    def named(self) -> bool:
        """The content is plain and a proper name (:func:`is_name`): rules 9 and 10 both
        ask, and it is worked out once."""
        if self._named is None:
            self._named = self.plain and is_name(self.content)
        return self._named

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
        el = element(name, attrib, parent=self.parent)
        if translator and self.ctx.resp:
            el.set("resp", self.ctx.resp)
        if doubled and self.doubling > 1:
            el.set("rend", DOUBLING_REND[self.doubling])
        return el

    def review(self, decided: str, alternative: str) -> None:
        """Report a reading whose evidence is weak, at the bracket: ``cable.txt:12:30: note
        [bracket-review] [Zhou] read as supplied (a part of the name); it may be an
        identification (who is meant)``. The bracket is still encoded as decided."""
        self.ctx.reviews.append(Diagnostic(
            self.enc.location(self.br.start), "note", "bracket-review",
            f"[{' '.join(self.content.split())}] read as {decided}; {alternative}"))

    def doubled(self, inner: Bracket) -> BracketSite:
        """The site of the one bracket a doubled bracket holds (``[[...]]``: ``inner`` is
        the inside pair), one doubling more."""
        return BracketSite(self.enc, self.parent, inner, self.br.start + 1, self.br.end, "",
                           self.doubling + 1)

    def last_element(self) -> etree._Element | None:
        """The element right before the bracket's text (the last child of ``parent``)."""
        return _last_child(self.parent)

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



# ---------------------------------------------------------------------------------------
# The encoder: walks the bracket tree and fills the elements.


_EXPAN = tei("expan")

def _last_child(el: etree._Element) -> etree._Element | None:
    """The last child of ``el``, or None. (Not ``len(el)``: lxml counts the children one
    by one, and a paragraph of a million interventions would count them at each.)"""
    try:
        return el[-1]  # lxml walks from the last child back: one step
    except IndexError:
        return None


def _set_last_text(el: etree._Element, s: str) -> None:
    last = _last_child(el)
    if last is not None:
        last.tail = s or None
    else:
        el.text = s or None


def _append_text(el: etree._Element, s: str) -> str:
    """Append text to ``el``; each line break becomes ``<lb/>``. Returns the text that ends
    ``el`` now, after its last element (what a bracket that follows has before it)."""
    last = _last_child(el)
    end = (el.text if last is None else last.tail) or ""
    for k, part in enumerate(s.split("\n")):
        if k:
            last = element("lb", parent=el)
            end = ""
        if part:
            end += part
            if last is None:
                el.text = end
            else:
                last.tail = end
    return end


class BracketEncoder:
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
        found = scan(self.text, ctx.room())
        for p in found.problems:
            ctx.diagnostics.append(
                Diagnostic(self.location(p.pos), "warning", "unbalanced-bracket", p.message))
        ctx.dropped += found.more
        self.fill(parent, 0, len(self.text), found.top)

    def fill(self, el: etree._Element, lo: int, hi: int, brackets: list[Bracket]) -> None:
        cursor = lo
        text, counts = self.text, self.ctx.counts
        expanded = False
        for br in brackets:
            before = _append_text(el, text[cursor:br.start])
            site = BracketSite(self, el, br, lo, hi, before)
            kind = self.apply_rules(site)
            if kind:
                counts[kind] += 1
                expanded = expanded or kind == "expansion"
            cursor = br.end + 1 + site.taken_after
        if cursor < hi:
            _append_text(el, text[cursor:hi])
        if expanded:  # only a new expansion can stand next to another
            _merge_expansions(el)

    def apply_rules(self, site: BracketSite) -> str | None:
        if self.ctx.readings is not None:  # the editor's reading (readings.tsv) comes first
            forced = self.ctx.readings.apply(site)
            if forced is not None:
                return forced or None  # "": kept as text, no intervention
        for rule in RULES:
            kind = rule.apply(site)
            if kind is not None:
                return kind
        return None  # pragma: no cover - rule 11 always matches

    def encode_footnote(self, note: etree._Element, text: str | list[Span],
                        anchor_pos: int) -> None:
        """The endnote's text into ``note``: its problems are reported where its text is in
        the source, or at the anchor when it has no place of its own (a string)."""
        sub = BracketEncoder([Span(text, 1, 1)] if isinstance(text, str) else text, self.ctx,
                             in_footnote=True)
        if isinstance(text, str):
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
        BracketEncoder(spans, ctx).run(parent)

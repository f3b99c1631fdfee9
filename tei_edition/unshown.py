"""Nothing dropped in silence: the TEI elements whose text never reaches a page.

This module owns the check that a rendered page shows the words of its TEI: the words of
the TEI's ``text`` and ``sourceDoc`` (the header apart) are compared with the words of the
page's ``<main>`` (hidden sides of the reading switch count: they are in the page), and an
element whose own words (those that start in its text or its children's tails) are all
among the missing is counted as not shown. One warning per kind of element and file, with
the count::

    frus.xml:412: warning [not-rendered] 12 × <frus:attachment>: its text is not shown

It knows no template: whatever the stylesheets render or leave out, the words decide, so
that a module added to xslt/html/ changes the warnings without changing this check. A word
is a run of letters, a run of digits or one CJK character, after NFKC and case folding
(the words of tests/test_word_coverage.py). A word missing once is given to one element
only, the first in the document that has it.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from itertools import accumulate

from lxml import etree

from tei_edition.errors import Diagnostic, Location
from tei_edition.tei import NS, tei

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# A letter is a word character but a digit, "_" or CJK: one negated class ([^\W\d_CJK]),
# not a look-ahead before each letter, which took most of the check's time.
_WORD = re.compile(rf"[{_CJK}]|\d+|[^\W\d_{_CJK}]+")
_PARTS = etree.XPath("//tei:text[not(ancestor::tei:text)] | //tei:sourceDoc", namespaces=NS)
_MAIN = etree.XPath("//*[local-name() = 'main']")


def words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


#: HTML elements inside a line of text: any other element (td, li, p, div) ends a word
#: ("<td>9</td><td>2</td>" is "9 2").
_INLINE = frozenset(("a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn",
                     "em", "i", "ins", "kbd", "mark", "q", "ruby", "rt", "rp", "s", "samp",
                     "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr"))


#: The class of an editor's bracket in a page: a sign, not a letter, that does not end the
#: word it stands in ("among<span class="ed-br">⟨</span>st…" is "amongst"); a space in it is
#: a space ("comission<span class="ed-br"> [</span>sic" is two words).
_SIGN = "ed-br"


#: The classes of inline elements the page shows apart from the line they are in: a page
#: number in the margin, a note floated into the margin (edition.css).
_APART = frozenset(("tei-pb", "note-margin"))


def _classes(e: etree._Element) -> list[str]:
    return (e.get("class") or "").split()


#: The classes of the two sides of the reading switch: one of them is shown at a time, so
#: that where they meet ("<span class="ed-as">m</span><span class="ed-rd">meter</span>") no
#: reader reads one word.
_SIDES = frozenset(("ed-as", "ed-rd"))


def _marked(e: etree._Element) -> bool:
    """Whether the page marks where the element ends, so that an element right after it is
    read as another word: a deletion, struck through ("<del>out</del><span>on</span>ward"
    is "out" and "onward"), or a side of the reading switch. Other inline elements run on:
    "<span>orig</span><span>voro</span>" reads "origvoro"."""
    return etree.QName(e).localname in ("del", "s") or not _SIDES.isdisjoint(_classes(e))


def html_text(el: etree._Element) -> str:
    """The text of an HTML element as a reader reads it: a block's boundaries are spaces,
    and so is the end of a deletion or of a side of the reading switch with another element
    right after it (:func:`_marked`, as the TEI reads two elements: tei_text);
    an editor's bracket is no letter and no space (:data:`_SIGN`); a tooltip
    (``role="tooltip"``) is read apart, after the text, so that the word it follows goes on
    in its parent's next text ("meter<span role="tooltip">Abbreviation …</span>weite" is
    "meterweite" and the tooltip's words)."""
    parts: list[str] = []
    apart: list[str] = []

    def walk(e: etree._Element, out: list[str]) -> None:
        if not isinstance(e.tag, str):
            return
        if _SIGN in _classes(e):
            out.append(re.sub(r"\S", "", e.text or ""))
            return
        # (a page number in the margin, span.tei-pb, and a note floated into the margin,
        # span.note-margin, stand apart from the line they are in)
        block = (etree.QName(e).localname not in _INLINE
                 or not _APART.isdisjoint(_classes(e)))
        if block:
            out.append(" ")
        out.append(e.text or "")
        bare = False  # the previous child element ended with no text after it
        for child in e:
            if not isinstance(child.tag, str):
                out.append(child.tail or "")
                continue
            if child.get("role") == "tooltip":
                apart.append(" ")
                walk(child, apart)
                apart.append(" ")
            else:
                if bare and _SIGN not in _classes(child):
                    out.append(" ")
                walk(child, out)
                bare = not child.tail and _marked(child)
            out.append(child.tail or "")
        if block:
            out.append(" ")

    walk(el, parts)
    return "".join(parts) + " " + "".join(apart)


def page_words(page: bytes | str) -> Counter[str]:
    """The words of a page's ``<main>``."""
    html = etree.fromstring(page.encode("utf-8") if isinstance(page, str) else page,
                            etree.XMLParser(resolve_entities=False, no_network=True,
                                            huge_tree=True))
    counts: Counter[str] = Counter()
    for main in _MAIN(html):
        counts.update(words(html_text(main)))
    return counts


def _name(el: etree._Element) -> str:
    """The element's name as the document writes it: ``<sourceDoc>``, ``<frus:attachment>``."""
    q = etree.QName(el)
    return f"<{el.prefix}:{q.localname}>" if el.prefix else f"<{q.localname}>"


_BREAKS = frozenset(tei(n) for n in ("lb", "pb", "cb"))
#: a note is read apart from the words around it: the page shows it elsewhere (a footnote,
#: a popover), so "dépuis<note>sic!</note> longtemps" is "dépuis", "sic", "longtemps"
_NOTE = tei("note")


def _pieces(el: etree._Element) -> list[tuple[str, etree._Element]]:
    """The text of a TEI element in document order, each piece with the element whose own
    text it is. Pieces are joined as they stand ("Hel<hi>lo</hi>" is one word), but a line,
    page or column break is a space unless ``break="no"``, and so is the meeting of two
    elements with nothing between ("<orig>Harbin</orig><reg>Haerbin</reg>": two words) and
    either end of a note (:data:`_NOTE`)."""
    out: list[tuple[str, etree._Element]] = []

    def walk(e: etree._Element) -> None:
        if e.tag in _BREAKS and e.get("break") != "no":
            out.append((" ", e))
        apart = e.tag == _NOTE
        if apart:
            out.append((" ", e))
        if e.text:
            out.append((e.text, e))
        bare = False  # the previous child element ended with no text after it
        for child in e:
            if isinstance(child.tag, str):
                if bare:
                    out.append((" ", e))
                walk(child)
                bare = not child.tail
            if child.tail:
                out.append((child.tail, e))
        if apart:
            out.append((" ", e))

    walk(el)
    return out


def tei_text(root: etree._Element) -> str:
    """The text of a TEI document's ``text`` and ``sourceDoc`` (each outermost one), as
    :func:`unshown` reads it."""
    return "".join(text for part in _PARTS(root) for text, _ in _pieces(part))


def unshown(tree: etree._ElementTree | etree._Element, page: bytes | str
            ) -> dict[str, tuple[int, int | None]]:
    """The kinds of elements of the TEI whose words are not on the page: name -> (how many,
    the line of the first).

    The TEI's text nodes are read in document order and joined ("Hel<hi>lo</hi>" is one
    word, as on the page); a word belongs to the element whose own text it starts in (its
    text, or a child's tail: "a <hi>b</hi> c" gives "a" and "c" to the p, "b" to the hi)."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    pieces = [piece for part in _PARTS(root) for piece in _pieces(part)]
    chunks = [unicodedata.normalize("NFKC", text).casefold() for text, _ in pieces]
    text = "".join(chunks)
    missing = Counter(_WORD.findall(text))
    missing.subtract(page_words(page))
    if all(n <= 0 for n in missing.values()):
        return {}
    # Which element each word starts in (its piece: the first whose end lies beyond the
    # word's start) is asked only of a page that misses words, to name their elements.
    ends = list(accumulate(len(c) for c in chunks))
    found = [(m.group(), bisect_right(ends, m.start())) for m in _WORD.finditer(text)]
    # each element's own words, the elements in the order their text comes
    owners: dict[etree._Element, Counter[str]] = {}
    for word, i in found:
        owners.setdefault(pieces[i][1], Counter())[word] += 1
    result: dict[str, tuple[int, int | None]] = {}
    for el, need in owners.items():
        if any(missing[w] < n for w, n in need.items()):
            continue
        missing.subtract(need)
        count, line = result.get(_name(el), (0, el.sourceline))
        result[_name(el)] = (count + 1, line)
    return result


def not_rendered(file: str, kinds: Iterable[dict[str, tuple[int, int | None]]]
                 ) -> list[Diagnostic]:
    """One warning per kind, the counts of a file's pages added up (a volume's)."""
    total: dict[str, tuple[int, int | None]] = {}
    for page in kinds:
        for name, (count, line) in page.items():
            before, first = total.get(name, (0, line))
            total[name] = (before + count, first)
    return [Diagnostic(Location(file, line), "warning", "not-rendered",
                       f"{count} × {name}: its text is not shown")
            for name, (count, line) in sorted(total.items(), key=lambda kv: kv[1][1] or 0)]

"""Nothing dropped in silence: the TEI elements whose text never reaches a page.

This module owns the check that a rendered page shows the words of its TEI: the words of
the TEI's ``text`` and ``sourceDoc`` (the header apart) are compared with the words of the
page's ``<main>`` (hidden sides of the reading switch count: they are in the page), and an
element whose own words (its text and its children's tails) are all among the missing is
counted as not shown. One warning per kind of element and file, with the count::

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
from collections import Counter
from collections.abc import Iterable

from lxml import etree

from tei_edition.errors import Diagnostic, Location
from tei_edition.tei import NS

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_WORD = re.compile(rf"[{_CJK}]|\d+|(?:(?![{_CJK}])[^\W\d_])+")
_PARTS = etree.XPath("//tei:text[not(ancestor::tei:text)] | //tei:sourceDoc", namespaces=NS)
_MAIN = etree.XPath("//*[local-name() = 'main']")


def words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


#: HTML elements inside a line of text: any other element (td, li, p, div) ends a word
#: ("<td>9</td><td>2</td>" is "9 2").
_INLINE = frozenset(("a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn",
                     "em", "i", "ins", "kbd", "mark", "q", "ruby", "rt", "rp", "s", "samp",
                     "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr"))


def html_text(el: etree._Element) -> str:
    """The text of an HTML element as a reader reads it: a block's boundaries are spaces."""
    parts: list[str] = []

    def walk(e: etree._Element) -> None:
        block = isinstance(e.tag, str) and etree.QName(e).localname not in _INLINE
        if block:
            parts.append(" ")
        if isinstance(e.tag, str):
            parts.append(e.text or "")
            for child in e:
                walk(child)
        if block:
            parts.append(" ")
        parts.append(e.tail or "")

    walk(el)
    return "".join(parts[:-1])


def page_words(page: bytes | str) -> Counter[str]:
    """The words of a page's ``<main>``."""
    html = etree.fromstring(page.encode("utf-8") if isinstance(page, str) else page,
                            etree.XMLParser(resolve_entities=False, no_network=True,
                                            huge_tree=True))
    return Counter(w for main in _MAIN(html) for w in words(html_text(main)))


def _own_text(el: etree._Element) -> str:
    """The element's own text: its text and the tails of its children ("a <hi>b</hi> c" is
    "a  c" for the p, "b" for the hi)."""
    return "".join([el.text or "", *(child.tail or "" for child in el)])


def _name(el: etree._Element) -> str:
    """The element's name as the document writes it: ``<sourceDoc>``, ``<frus:attachment>``."""
    q = etree.QName(el)
    return f"<{el.prefix}:{q.localname}>" if el.prefix else f"<{q.localname}>"


def unshown(tree: etree._ElementTree | etree._Element, page: bytes | str
            ) -> dict[str, tuple[int, int | None]]:
    """The kinds of elements of the TEI whose words are not on the page: name -> (how many,
    the line of the first)."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    elements = [el for part in _PARTS(root) for el in part.iter() if isinstance(el.tag, str)]
    own = [words(_own_text(el)) for el in elements]
    shown = page_words(page)
    missing = Counter(w for ws in own for w in ws)
    missing.subtract(shown)
    found: dict[str, tuple[int, int | None]] = {}
    for el, ws in zip(elements, own, strict=True):
        need = Counter(ws)
        if not ws or any(missing[w] < n for w, n in need.items()):
            continue
        missing.subtract(need)
        count, line = found.get(_name(el), (0, el.sourceline))
        found[_name(el)] = (count + 1, line)
    return found


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

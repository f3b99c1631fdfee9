"""A RELAX NG grammar reduced to the element names documents use: same verdicts, less to compile.

libxml2 compiles tei_all (594 element patterns, 1,207 defines) in about 8 s, on every run,
and cannot save the compiled form. A document uses a few dozen of those elements. An
``element`` pattern whose name class matches none of the document's element names can
match no node of that document, so it means exactly what ``notAllowed`` means there: the
reduced grammar gives every such document the same verdict as the full one.

The reduction, on a copy of the grammar:

1. every ``element`` pattern whose name class (``name``, ``anyName``, ``nsName``, ``choice``,
   ``except``, with ``ns`` inherited as the spec says) matches none of the names becomes
   ``notAllowed`` -- replaced in place, never removed, so that the pattern around it keeps
   its meaning (``<group><ref name="p"/><element name="x">..</element></group>`` becomes
   ``<group><ref name="p"/><notAllowed/></group>``, which matches nothing, as before for a
   document without ``x``);
2. only ``start`` and the defines it reaches are kept (the spec's own simplification, 4.19:
   what is not reached means nothing), without annotations (foreign elements, 4.1).

libxml2 then simplifies the notAllowed away itself. Its messages on an invalid document can
differ from those it gives with the full grammar (a ``choice`` missing its ``corr`` may be
reported as extra content of an ancestor); the verdict does not. Two other replacements
were tried and left: an element pattern emptied rather than notAllowed keeps the messages
but compiles as slowly as the full grammar (2-6 s for tei_all), and notAllowed simplified
away before libxml2 sees it leaves choices of ``empty`` that libxml2 takes minutes on.

Element patterns that the document's names match are kept whole, in every context, with
all their attributes, so an element allowed only in some places is still refused in the
others. :func:`reduce_grammar` answers ``None`` (use the full grammar) for what it does not
read: a grammar that includes or refers to other files (``include``, ``externalRef``), a
nested ``grammar`` or ``parentRef``, or a root that is not ``grammar``.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from lxml import etree

RNG_NS = "http://relaxng.org/ns/structure/1.0"
R = f"{{{RNG_NS}}}"

#: An element name as (namespace URI, local name); "" for no namespace.
Name = tuple[str, str]

#: What the reduction does not read: the grammar is then compiled whole.
_UNREAD = {R + "include", R + "externalRef", R + "parentRef"}


def element_names(tree: etree._ElementTree | etree._Element) -> frozenset[Name]:
    """Every element name a document uses (comments and processing instructions aside)."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    return frozenset((etree.QName(el).namespace or "", etree.QName(el).localname)
                     for el in root.iter() if isinstance(el.tag, str))


def reduce_grammar(grammar: etree._Element, names: Iterable[Name]) -> etree._Element | None:
    """A copy of ``grammar`` with the element patterns none of ``names`` can match made
    ``notAllowed`` and the defines then unreachable dropped; ``None`` when the grammar uses
    something this module does not read (the caller compiles the full grammar)."""
    if grammar.tag != R + "grammar":
        return None
    for el in grammar.iter():
        if el.tag in _UNREAD or (el.tag == R + "grammar" and el is not grammar):
            return None
    names = frozenset(names)
    defines: dict[str, list[etree._Element]] = {}
    for define in grammar.iter(R + "define"):
        defines.setdefault(define.get("name", "").strip(), []).append(define)
    starts = list(grammar.iter(R + "start"))
    reached = _reachable(starts, defines, names)
    # The new grammar holds copies of the start and of the defines reached, in their order;
    # each copy carries the ns and datatypeLibrary it inherited (a define may sit in a div).
    reduced = etree.Element(grammar.tag, dict(grammar.attrib), nsmap=grammar.nsmap)
    for pattern in grammar.iter(R + "start", R + "define"):
        if pattern.tag == R + "define" and pattern.get("name", "").strip() not in reached:
            continue
        kept = copy.deepcopy(pattern)
        kept.tail = None
        for attribute in ("ns", "datatypeLibrary"):
            if kept.get(attribute) is None:
                inherited = _inherited(pattern, attribute)
                if inherited:
                    kept.set(attribute, inherited)
        _drop_annotations(kept)
        reduced.append(kept)
        # Document order visits an outer element before the elements inside it; once the
        # outer one is replaced, the inner ones are no longer in the tree and are skipped.
        for el in list(kept.iter(R + "element")):
            if _in_tree(el, kept) and not _used(el, names):
                _replace_with_not_allowed(el)
    return reduced


def _used(element: etree._Element, names: frozenset[Name]) -> bool:
    """Whether an element pattern's name class matches one of ``names``."""
    return any(_matches(nc, name) for nc in _name_class(element) for name in names)


def _reachable(starts: list[etree._Element], defines: dict[str, list[etree._Element]],
               names: frozenset[Name]) -> set[str]:
    """The defines reached from ``start`` without passing through an element pattern that
    none of ``names`` match (that one becomes notAllowed, and what it refers to is gone)."""
    reached: set[str] = set()
    todo = list(starts)
    while todo:
        node = todo.pop()
        for child in node:
            if not isinstance(child.tag, str):
                continue
            if child.tag == R + "element" and not _used(child, names):
                continue
            if child.tag == R + "ref":
                name = child.get("name", "").strip()
                if name not in reached:
                    reached.add(name)
                    todo.extend(defines.get(name, []))
            todo.append(child)
    return reached


def _in_tree(el: etree._Element, root: etree._Element) -> bool:
    while el is not None:
        if el is root:
            return True
        el = el.getparent()
    return False


def _drop_annotations(grammar: etree._Element) -> None:
    """Foreign elements (documentation, Schematron) mean nothing to RELAX NG (spec 4.1)."""
    foreign = [el for el in grammar.iter() if not isinstance(el.tag, str)
               or etree.QName(el).namespace != RNG_NS]
    for el in foreign:
        parent = el.getparent()
        if parent is None:
            continue
        tail = el.tail
        previous = el.getprevious()
        parent.remove(el)
        if tail:  # keep the text around it (white space here; never lose a value's text)
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail


def _replace_with_not_allowed(el: etree._Element) -> None:
    replacement = etree.Element(R + "notAllowed")
    replacement.tail = el.tail
    el.getparent().replace(el, replacement)


# ---------------------------------------------------------------------------------------
# Name classes
# ---------------------------------------------------------------------------------------


def _inherited(el: etree._Element, attribute: str) -> str:
    """``ns`` or ``datatypeLibrary`` in force at ``el``: its own, else its nearest
    ancestor's, else "" (spec 4.3, 4.8)."""
    while el is not None:
        value = el.get(attribute)
        if value is not None:
            return value
        el = el.getparent()
    return ""


def _inherited_ns(el: etree._Element) -> str:
    return _inherited(el, "ns")


def _qname(el: etree._Element, text: str) -> Name:
    """``tei:p`` by the prefixes in scope at ``el``; ``p`` in the inherited ns (4.10)."""
    text = text.strip()
    if ":" in text:
        prefix, local = text.split(":", 1)
        return el.nsmap.get(prefix, "\0unbound"), local
    return _inherited_ns(el), text


def _name_class(element: etree._Element) -> list[etree._Element | Name]:
    """An element pattern's name class: its ``name`` attribute as a Name, else its first
    child, a name-class element."""
    if element.get("name") is not None:
        return [_qname(element, element.get("name"))]
    for child in element:
        if isinstance(child.tag, str):
            return [child]
    return []


def _matches(nc: etree._Element | Name, name: Name) -> bool:
    if isinstance(nc, tuple):
        return nc == name
    tag = nc.tag
    if tag == R + "name":
        return _qname(nc, nc.text or "") == name
    if tag == R + "choice":
        return any(_matches(child, name) for child in nc if isinstance(child.tag, str))
    if tag == R + "anyName":
        return not _excepted(nc, name)
    if tag == R + "nsName":
        return _inherited_ns(nc) == name[0] and not _excepted(nc, name)
    # Anything else is not a name class that this module reads: assume it matches, which
    # keeps the pattern (never wrong, only less reduced).
    return True


def _excepted(nc: etree._Element, name: Name) -> bool:
    exception = nc.find(R + "except")
    return exception is not None and any(_matches(child, name) for child in exception
                                         if isinstance(child.tag, str))

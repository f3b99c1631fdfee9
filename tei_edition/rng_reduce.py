"""A RELAX NG grammar reduced to the element names documents use: same verdicts, same
messages, less to compile.

libxml2 compiles tei_all (594 element patterns, 1,207 defines) in about 8 s, on every run,
and cannot save the compiled form. A document uses a few dozen of those elements. An
``element`` pattern whose name class matches none of the document's element names can
match no node of that document, so it means exactly what ``notAllowed`` means there: the
reduced grammar gives every such document the same verdict as the full one.

The reduction, on a copy of the grammar:

1. every ``element`` pattern whose name class (``name``, ``anyName``, ``nsName``, ``choice``,
   ``except``, with ``ns`` inherited as the spec says) matches none of the names becomes a
   *stub*: its name class kept, its content ``notAllowed`` -- replaced in place, never
   removed, so that the pattern around it keeps its meaning;
2. only ``start`` and the defines it reaches are kept (the spec's own simplification, 4.19:
   what is not reached means nothing), without annotations (foreign elements, 4.1);
3. :func:`simplify` propagates notAllowed, empty and the stubs (4.19, 4.20): a choice drops
   the stubs it can do without, optional of a stub is empty, and so on; a stub stays only
   where an element the document uses cannot do without it (a ``fileDesc`` whose document
   lacks ``titleStmt``). What is left has no notAllowed but in the stubs, so libxml2 builds
   its automata as for the full grammar and words the errors as it does
   (tests/test_validate_reduce.py compares them on a few hundred invalid documents).

Left as notAllowed, without step 3, the reduced grammar gave the verdicts but poor messages
(a ``choice`` missing its ``corr`` reported as extra content three elements up, an unknown
element as "Expecting element TEI, got text"); every element pattern kept with its content
gives the messages but compiles in 2-6 s.

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
    tags = {el.tag for el in root.iter(etree.Element)}  # each name once, then split
    return frozenset((q.namespace or "", q.localname) for q in map(etree.QName, tags))


def reduce_grammar(grammar: etree._Element, names: Iterable[Name]) -> etree._Element | None:
    """A copy of ``grammar`` with the element patterns none of ``names`` can match made
    stubs, the defines then unreachable dropped, and simplified; ``None`` when the grammar
    uses something this module does not read (the caller compiles the full grammar)."""
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
                _replace_with_stub(el)
    return simplify(reduced)


def _used(element: etree._Element, names: frozenset[Name]) -> bool:
    """Whether an element pattern's name class matches one of ``names``."""
    return any(_matches(nc, name) for nc in _name_class(element) for name in names)


def _reachable(starts: list[etree._Element], defines: dict[str, list[etree._Element]],
               names: frozenset[Name]) -> set[str]:
    """The defines reached from ``start`` without passing through an element pattern that
    none of ``names`` match (that one becomes a stub, and what it refers to is gone)."""
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


def _replace_with_stub(el: etree._Element) -> None:
    """Empty an element pattern of its content, notAllowed in its place: it names the
    element still, and matches none (its name class is kept, and what it inherited)."""
    for child in _content(el):
        el.remove(child)
    etree.SubElement(el, R + "notAllowed")


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


# ---------------------------------------------------------------------------------------
# Simplification: notAllowed and empty propagated (spec 4.19, 4.20)
# ---------------------------------------------------------------------------------------

#: What a pattern has become once simplified: it matches nothing; only the empty sequence;
#: something; nothing, being or needing a stub (an element pattern whose content is
#: notAllowed: one that the document's names do not match); nothing, needing a stub inside
#: an element that the names match (the document is invalid: it lacks a required element).
NOT_ALLOWED, EMPTY, OTHER, STUB, DEAD = "notAllowed", "empty", "other", "stub", "dead"

#: Patterns whose children are all patterns, matched in sequence (or interleaved).
_SEQUENCES = {R + "group", R + "interleave", R + "define", R + "start", R + "oneOrMore",
              R + "list", R + "mixed", R + "element", R + "attribute"}
#: Patterns this module does not look inside (datatypes and values keep their meaning).
_LEAVES = {R + "text", R + "data", R + "value", R + "empty"}


def simplify(grammar: etree._Element) -> etree._Element:
    """``grammar`` (a reduced one: a start and flat defines, no annotations) simplified in
    place: notAllowed, empty and stubs propagated as the spec's simplification does with
    notAllowed and empty (4.19, 4.20).

    libxml2 compiles a content model into an automaton only when it holds no notAllowed;
    left in place, the reduced grammar validates by backtracking, and words its errors
    badly ("Expecting element TEI, got text"). Simplified, it words them as the full grammar
    does: tests/test_validate_reduce.py compares the messages on the mutant corpus.

    A stub is never written away where it is the only way left: a required element that the
    document lacks (``titleStmt`` in a ``fileDesc``) stays in its parent's content model, so
    that libxml2 reports what is wrong there rather than the whole ``TEI``; elsewhere stubs
    go like notAllowed. The rules, bottom-up:

    - what a define can match is found first, by fixpoint from nothing: whether it can
      match a finite tree without stubs, only with them, or not at all (then it is
      notAllowed). Read from the tree alone, a define that refers to itself would seem to
      match something: ``listRelation`` whose ``relation`` is a stub can contain only
      ``listRelation``, yet matches nothing, and its stub must stay, its way out;
    - a sequence (group, interleave, oneOrMore, list, attribute, element content) with a
      notAllowed part is notAllowed; with a stub part it needs a stub; its empty parts go,
      one ``<empty/>`` is kept if all are empty, and an element keeps its own;
    - a choice loses its notAllowed branches, and its stub branches when another branch can
      match; it keeps one empty;
    - optional and zeroOrMore of notAllowed, of a stub or of empty are empty;
    - a ref to a define that is notAllowed or empty is replaced by it;
    - defines no longer referred to are dropped.
    """
    defines = {d.get("name", "").strip(): d for d in grammar.iter(R + "define")}
    if len(defines) != sum(1 for _ in grammar.iter(R + "define")) or any(
            p.get("combine") for p in grammar.iter(R + "define", R + "start")):
        return grammar  # defines combined from several parts: left to libxml2
    start = grammar.find(R + "start")
    if start is None:
        return grammar
    with_stubs, without = _productive(defines, True), _productive(defines, False)
    status = {name: OTHER if name in without else DEAD if name in with_stubs else NOT_ALLOWED
              for name in defines}
    # The status of a define is what its body has become: only a body simplified to
    # notAllowed or empty replaces the refs to it, so every step keeps the verdict.
    for _ in range(len(defines) + 1):
        before = dict(status)
        for name, define in defines.items():
            status[name] = _simplify(define, status)[1]
        if status == before:
            break
    _simplify(start, status)
    used = _referenced(start, defines)
    for name, define in defines.items():
        if name not in used:
            grammar.remove(define)
    return grammar


def _is_stub(pattern: etree._Element) -> bool:
    """An element pattern whose content is notAllowed: it names an element and matches none."""
    if pattern.tag != R + "element":
        return False
    content = _content(pattern)
    return len(content) == 1 and content[0].tag == R + "notAllowed"


def _content(pattern: etree._Element) -> list[etree._Element]:
    """A pattern's child patterns: an element's or attribute's without its name class."""
    children = [c for c in pattern if isinstance(c.tag, str)]
    if pattern.tag in (R + "element", R + "attribute") and pattern.get("name") is None:
        return children[1:]
    return children


def _productive(defines: dict[str, etree._Element], stubs: bool) -> set[str]:
    """The defines that can match a finite tree (taking stubs as able to, with ``stubs``):
    least fixpoint from none."""
    productive: set[str] = set()
    while True:
        grown = {name for name, define in defines.items()
                 if name in productive or _can_match(define, productive, stubs, {})}
        if grown == productive:
            return productive
        productive = grown


def _can_match(pattern: etree._Element, productive: set[str], stubs: bool,
               cache: dict[etree._Element, bool]) -> bool:
    """Whether ``pattern`` can match some finite tree, the defines in ``productive`` taken
    as able to (and the others not)."""
    tag = pattern.tag
    if tag == R + "notAllowed":
        return False
    if tag == R + "ref":
        return pattern.get("name", "").strip() in productive
    if tag in _LEAVES or tag in (R + "optional", R + "zeroOrMore"):
        return True
    if _is_stub(pattern):
        return stubs
    if pattern not in cache:
        parts = [_can_match(c, productive, stubs, cache) for c in _content(pattern)]
        if tag == R + "choice":
            cache[pattern] = any(parts)
        elif tag in _SEQUENCES:
            cache[pattern] = all(parts)
        else:  # not a pattern this module reads: assume it can (never wrong, less simple)
            cache[pattern] = True
    return cache[pattern]


def _sequence_kind(kinds: set[str]) -> str:
    for kind in (NOT_ALLOWED, DEAD, STUB, OTHER):
        if kind in kinds:
            return kind
    return EMPTY


def _simplify(pattern: etree._Element, status: dict[str, str]
              ) -> tuple[etree._Element, str]:
    """Simplify ``pattern`` in place, its parts first; answer the node now in its place and
    what it has become (NOT_ALLOWED, EMPTY, OTHER, STUB, DEAD)."""
    tag = pattern.tag
    if tag == R + "notAllowed":
        return pattern, NOT_ALLOWED
    if tag == R + "empty":
        return pattern, EMPTY
    if tag in _LEAVES:
        return pattern, OTHER
    if tag == R + "ref":
        found = status.get(pattern.get("name", "").strip(), OTHER)
        return _replace(pattern, found) if found in (NOT_ALLOWED, EMPTY) else (pattern, found)
    if _is_stub(pattern):
        return pattern, STUB
    parts = [_simplify(c, status) for c in _content(pattern)]
    if tag == R + "choice":
        return _simplify_choice(pattern, parts)
    kind = _sequence_kind({k for _, k in parts})
    if tag in (R + "optional", R + "zeroOrMore"):
        if kind in (NOT_ALLOWED, STUB, EMPTY):
            return _replace(pattern, EMPTY)
    elif tag not in _SEQUENCES:
        return pattern, OTHER  # not a pattern this module reads
    if kind == NOT_ALLOWED:
        if tag in (R + "define", R + "start"):
            for c, _ in parts:
                pattern.remove(c)
            etree.SubElement(pattern, R + NOT_ALLOWED)
            return pattern, NOT_ALLOWED
        return _replace(pattern, NOT_ALLOWED)
    # The parts are a sequence: its empty parts go, but one is kept if all are empty, and
    # an element keeps one (libxml2 words the errors about an element declared empty, as
    # ``lb``, by it: "Did not expect text in element lb content").
    empties = [c for c, k in parts if k == EMPTY]
    for c in empties[:-1] if kind == EMPTY or tag == R + "element" else empties:
        pattern.remove(c)
    left = [c for c, k in parts if k != EMPTY]
    if tag in (R + "optional", R + "zeroOrMore"):
        return pattern, OTHER
    if tag in (R + "element", R + "attribute", R + "list"):
        return pattern, DEAD if kind in (STUB, DEAD) else OTHER
    if kind == EMPTY and tag == R + "mixed":
        return _replace(pattern, "text")
    if kind == EMPTY and tag in (R + "group", R + "interleave", R + "oneOrMore"):
        return _replace(pattern, EMPTY)
    if len(left) == 1 and tag in (R + "group", R + "interleave"):
        return _hoist(pattern, left[0]), kind
    return pattern, kind


def _simplify_choice(pattern: etree._Element, parts: list[tuple[etree._Element, str]]
                     ) -> tuple[etree._Element, str]:
    kinds = {k for _, k in parts}
    empty = next((c for c, k in parts if k == EMPTY), None)
    if kinds & {OTHER, EMPTY}:  # a branch can match: the stubs go, what needs one stays
        kept = [c for c, k in parts if k in (OTHER, DEAD) or c is empty]
    else:
        kept = [c for c, k in parts if k in (STUB, DEAD)]
    for c, _ in parts:
        if c not in kept:
            pattern.remove(c)
    if not kept:
        return _replace(pattern, NOT_ALLOWED)
    kind = OTHER if kinds & {OTHER, EMPTY} else DEAD if DEAD in kinds else STUB
    if len(kept) == 1:
        return _hoist(pattern, kept[0]), EMPTY if kept[0] is empty else kind
    return pattern, kind


def _replace(pattern: etree._Element, kind: str) -> tuple[etree._Element, str]:
    """Put a childless ``notAllowed``, ``empty`` or ``text`` where ``pattern`` was."""
    replacement = etree.Element(R + kind)
    replacement.tail = pattern.tail
    pattern.getparent().replace(pattern, replacement)
    return replacement, kind if kind != "text" else OTHER


def _hoist(pattern: etree._Element, child: etree._Element) -> etree._Element:
    """Put ``child``, the one part left of ``pattern``, in its place, with the ns and
    datatypeLibrary it inherited there."""
    for attribute in ("ns", "datatypeLibrary"):
        if child.get(attribute) is None and pattern.get(attribute) is not None:
            child.set(attribute, pattern.get(attribute))
    child.tail = pattern.tail
    pattern.getparent().replace(pattern, child)
    return child


def _referenced(start: etree._Element, defines: dict[str, etree._Element]) -> set[str]:
    used: set[str] = set()
    todo = [start]
    while todo:
        for ref in todo.pop().iter(R + "ref"):
            name = ref.get("name", "").strip()
            if name not in used and name in defines:
                used.add(name)
                todo.append(defines[name])
    return used

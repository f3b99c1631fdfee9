"""Mutated TEI documents for the schema agreement tests: small, seeded, reproducible damage.

Each mutant is one change to a valid document: an element deleted (with or without its
content), renamed, moved, duplicated, or two siblings swapped; an attribute given a bad
value, an unknown attribute added, a required one removed; stray text put into element-only
content. Some mutants stay valid (a duplicated ``p`` is fine): the tests compare verdicts,
they do not expect every mutant to be invalid.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable, Iterator

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

#: Element names to rename to: common TEI elements, an unknown one, and a near miss.
NAMES = ["p", "div", "head", "note", "seg", "hi", "date", "title", "list", "item", "lb",
         "gap", "supplied", "choice", "sic", "corr", "orig", "reg", "name", "persName",
         "bibl", "opener", "closer", "salute", "signed", "dateline", "ab", "quote", "q",
         "label", "table", "row", "cell", "stamp", "add", "del", "unclear", "expan", "ex",
         "abbr", "fileDesc", "titleStmt", "body", "text", "front", "back", "idno", "ptr",
         "ref", "foo", "Paragraph"]

#: Bad (and a few good) values for attributes, by attribute name; "*" for any other.
VALUES = {
    "when": ["1962-13-01", "yesterday", "1962-4-25", "1962", "25.4.1962", "1962-04-25T25:00"],
    "from": ["1960-02-30", "soon"], "to": ["19600324", "1960-03-24"],
    "notBefore": ["early"], "notAfter": ["x"],
    XML_ID: ["1abc", "two words", "", "ok-id"],
    "cert": ["maybe", "low", "0.5", ""],
    "reason": ["", "two words", "illegible"],
    "type": ["two words", "", "x"],
    "subtype": ["a b"],
    "n": ["", "  "],
    "target": ["", "#a #b", "not a uri with spaces"],
    "mainLang": ["english", "en-GB", "12"],
    "ident": ["", "x y"],
    "place": ["foot", "nowhere really"],
    "unit": ["page", "pages and more"],
    "hand": ["#h1 #h2", ""],
    "resp": ["", "#a #b"],
    "*": ["", "a b", "#x", "?"],
}

#: Attributes to add: unknown ones, and ones that exist only on some elements.
EXTRA_ATTRS = [("bogus", "1"), ("when", "1962-04-25"), ("reason", "omitted"), ("cert", "high"),
               ("type", "x"), ("{http://www.w3.org/XML/1998/namespace}lang", "en"),
               ("rend", "bold"), ("href", "http://example.org"), ("level", "a")]


def _elements(root: etree._Element) -> list[etree._Element]:
    return [e for e in root.iter() if isinstance(e.tag, str)]


def _local(tag: str) -> str:
    return tag.split("}", 1)[-1]


def delete(root: etree._Element, rng: random.Random) -> str:
    el = rng.choice(_elements(root)[1:])
    parent = el.getparent()
    _keep_tail(el)
    parent.remove(el)
    return f"delete {_local(el.tag)}"


def unwrap(root: etree._Element, rng: random.Random) -> str:
    el = rng.choice(_elements(root)[1:])
    parent = el.getparent()
    index = parent.index(el)
    text = el.text or ""
    _append_text(parent, index, text)
    for offset, child in enumerate(list(el)):
        parent.insert(index + offset, child)
    _keep_tail(el)
    parent.remove(el)
    return f"unwrap {_local(el.tag)}"


def rename(root: etree._Element, rng: random.Random) -> str:
    el = rng.choice(_elements(root))
    new = rng.choice(NAMES)
    old = _local(el.tag)
    el.tag = f"{{{TEI_NS}}}{new}"
    return f"rename {old} -> {new}"


def move(root: etree._Element, rng: random.Random) -> str:
    elements = _elements(root)[1:]
    el = rng.choice(elements)
    targets = [t for t in _elements(root) if t is not el and el not in t.iterancestors()]
    targets = [t for t in targets if not any(a is el for a in t.iterancestors())]
    target = rng.choice(targets)
    _keep_tail(el)
    el.getparent().remove(el)
    el.tail = None
    target.insert(rng.randint(0, len(target)), el)
    return f"move {_local(el.tag)} into {_local(target.tag)}"


def duplicate(root: etree._Element, rng: random.Random) -> str:
    el = rng.choice(_elements(root)[1:])
    twin = copy.deepcopy(el)
    for node in twin.iter():
        if isinstance(node.tag, str) and XML_ID in node.attrib:
            node.set(XML_ID, node.get(XML_ID) + "-copy")
    el.addnext(twin)
    return f"duplicate {_local(el.tag)}"


def swap(root: etree._Element, rng: random.Random) -> str:
    parents = [e for e in _elements(root) if len([c for c in e if isinstance(c.tag, str)]) > 1]
    parent = rng.choice(parents)
    a, b = rng.sample([c for c in parent if isinstance(c.tag, str)], 2)
    mark_a, mark_b = etree.Comment("a"), etree.Comment("b")
    a.addprevious(mark_a)
    b.addprevious(mark_b)
    a_tail, b_tail = a.tail, b.tail
    parent.remove(a)
    parent.remove(b)
    mark_a.addprevious(b)
    mark_b.addprevious(a)
    a.tail, b.tail = b_tail, a_tail  # the text stays where it was
    parent.remove(mark_a)
    parent.remove(mark_b)
    return f"swap {_local(a.tag)} {_local(b.tag)}"


def bad_value(root: etree._Element, rng: random.Random) -> str:
    candidates = [e for e in _elements(root) if e.attrib]
    el = rng.choice(candidates)
    name = rng.choice(sorted(el.attrib))
    value = rng.choice(VALUES.get(name, VALUES["*"]))
    el.set(name, value)
    return f"{_local(el.tag)}/@{_local(name)} = {value!r}"


def add_attribute(root: etree._Element, rng: random.Random) -> str:
    el = rng.choice(_elements(root))
    name, value = rng.choice(EXTRA_ATTRS)
    el.set(name, value)
    return f"{_local(el.tag)}/@{_local(name)} added"


def drop_attribute(root: etree._Element, rng: random.Random) -> str:
    candidates = [e for e in _elements(root) if e.attrib]
    el = rng.choice(candidates)
    name = rng.choice(sorted(el.attrib))
    del el.attrib[name]
    return f"{_local(el.tag)}/@{_local(name)} removed"


def stray_text(root: etree._Element, rng: random.Random) -> str:
    el = rng.choice(_elements(root))
    words = rng.choice(["stray words", "x", "[...]", "1962"])
    if len(el) and rng.random() < 0.5:
        child = rng.choice(list(el))
        child.tail = (child.tail or "") + words
    else:
        el.text = words + (el.text or "")
    return f"text in {_local(el.tag)}"


MUTATIONS: list[Callable[[etree._Element, random.Random], str]] = [
    delete, unwrap, rename, move, duplicate, swap, bad_value, add_attribute, drop_attribute,
    stray_text]


def _keep_tail(el: etree._Element) -> None:
    """Before removing ``el``, give its tail text to the previous node."""
    if not el.tail:
        return
    prev = el.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + el.tail
    else:
        parent = el.getparent()
        parent.text = (parent.text or "") + el.tail


def _append_text(parent: etree._Element, index: int, text: str) -> None:
    if not text:
        return
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        prev = parent[index - 1]
        prev.tail = (prev.tail or "") + text


def mutants(document: bytes, count: int, seed: int) -> Iterator[tuple[str, bytes]]:
    """``count`` mutants of ``document``: (description, bytes), reproducible from ``seed``."""
    rng = random.Random(seed)
    original = etree.fromstring(document)
    for i in range(count):
        root = copy.deepcopy(original)
        mutation = MUTATIONS[i % len(MUTATIONS)]
        steps = [mutation(root, rng)]
        if rng.random() < 0.2:  # now and then a second change
            steps.append(rng.choice(MUTATIONS)(root, rng))
        yield "; ".join(steps), etree.tostring(root, encoding="UTF-8")

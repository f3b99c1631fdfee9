"""Pruning a grammar: what can match at all, and the grammar without what cannot.

A customisation leaves references to elements and classes it does not have. A define is
*satisfiable* if some fragment matches it: the least fixed point over the refs (a
``choice`` needs one satisfiable branch, a ``group`` all of its parts, ``optional`` and
``zeroOrMore`` always are; a ref to an undefined name never is). Unsatisfiable branches of
a choice go, an optional part that cannot match becomes nothing, and an element whose
required content cannot match is itself unsatisfiable, so it goes too. What is left only
ever matches what the full grammar matches.
"""

from __future__ import annotations

import copy
from typing import Any

from lxml import etree

from tei_edition.odd.source import RNG_NS

R = f"{{{RNG_NS}}}"


def rng(tag: str, *children: etree._Element) -> etree._Element:
    node = etree.Element(R + tag)
    node.extend(children)
    return node


_NEUTRAL = {"optional", "zeroOrMore"}


class Pruner:
    """Which defines can match anything at all, and a grammar without the others.

    A define is *satisfiable* if some document fragment matches it: the least fixed point
    over the refs (a ``choice`` needs one satisfiable branch, a ``group`` all of its parts,
    ``optional`` and ``zeroOrMore`` always are). A ref to an undefined name is not.
    """

    def __init__(self, defines: dict[str, etree._Element]):
        self.defines = defines
        self.shrunk: set[etree._Element] = set()
        self.formulas = {name: _formula(node) for name, node in defines.items()}
        self.sat: dict[str, bool] = {name: False for name in defines}
        changed = True
        while changed:
            changed = False
            for name, formula in self.formulas.items():
                if not self.sat[name] and self._eval(formula):
                    self.sat[name] = True
                    changed = True

    def _eval(self, formula: Any) -> bool:
        if formula is True:
            return True
        if isinstance(formula, str):
            return self.sat.get(formula, False)
        op, parts = formula
        if op == "all":
            return all(self._eval(p) for p in parts)
        return any(self._eval(p) for p in parts)

    def ok(self, node: etree._Element) -> bool:
        return self._eval(_formula(node))

    def prune(self, node: etree._Element) -> None:
        """Remove, in place, the parts of ``node`` that cannot match."""
        for child in list(node):
            if not isinstance(child.tag, str) or not child.tag.startswith(R):
                continue
            local = child.tag[len(R):]
            if local in _NEUTRAL and not self.ok(_as_group(child)):
                node.replace(child, rng("empty"))
                continue
            if not self.ok(child) and node.tag == R + "choice":
                node.remove(child)
                self.shrunk.add(node)
                continue
            self.prune(child)
            if child in self.shrunk and len(child) == 1 and child.tag in (R + "choice",
                                                                           R + "group"):
                node.replace(child, child[0])  # a choice or group left with one part
        if _tidy(node):
            self.shrunk.add(node)

    def reachable(self, start: etree._Element) -> list[str]:
        """Names of the satisfiable defines reachable from ``start``, pruned, in order."""
        seen: set[str] = set()
        todo = [start]
        while todo:
            node = todo.pop()
            for ref in node.iter(R + "ref"):
                name = ref.get("name", "")
                if name in seen or not self.sat.get(name, False):
                    continue
                seen.add(name)
                define = self.defines[name]
                self.prune(define)
                todo.append(define)
        return [name for name in self.defines if name in seen]


def _tidy(node: etree._Element) -> bool:
    """Drop ``empty`` beside other patterns (pruning leaves them).

    libxml2 compiles a grammar with many ``<group><empty/>...`` or one-branch choices left
    by pruning exponentially slowly (minutes for tei_edition); without them it takes 0.05 s.
    The source's own one-child ``choice`` and ``group`` wrappers stay: flattening them made
    lxml compile tei_all twice as slowly.
    """
    tag = node.tag
    if tag in (R + "group", R + "element", R + "oneOrMore", R + "zeroOrMore", R + "optional",
               R + "define"):
        patterns = [c for c in node if isinstance(c.tag, str) and c.tag.startswith(R)]
        empties = [c for c in patterns if c.tag == R + "empty"]
        if empties and len(empties) < len(patterns) - (tag == R + "element"):
            for child in empties:
                node.remove(child)
            return True
    return False


def _as_group(node: etree._Element) -> etree._Element:
    return rng("group", *[copy.copy(c) for c in node]) if len(node) != 1 else node[0]


def _formula(node: etree._Element) -> Any:
    """``True``, a define name, or ("all"|"any", parts), for one pattern."""
    tag = node.tag
    if not isinstance(tag, str) or not tag.startswith(R):
        return True
    local = tag[len(R):]
    if local == "ref":
        return node.get("name", "")
    if local == "notAllowed":
        return ("any", ())
    if local in _NEUTRAL or local in ("text", "empty", "data", "value", "anyName", "nsName",
                                      "name", "param", "except"):
        return True
    parts = [f for f in (_formula(c) for c in _patterns(node)) if f is not True]
    if local == "choice":
        return True if len(parts) < len(_patterns(node)) else ("any", tuple(parts))
    if not parts:
        return True
    return parts[0] if len(parts) == 1 else ("all", tuple(parts))


def _patterns(node: etree._Element) -> list[etree._Element]:
    children = [c for c in node if isinstance(c.tag, str) and c.tag.startswith(R)]
    if node.tag in (R + "element", R + "attribute") and node.get("name") is None:
        return children[1:]  # the first child is the name class
    return children

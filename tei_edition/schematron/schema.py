"""ISO Schematron schemas: read one safely and resolve it to one flat form (:class:`Schema`).

``sch:include`` is resolved; abstract patterns are instantiated with their params (``is-a``);
abstract rules are pasted where ``sch:extends`` names them; the active phase is chosen.
Prefixes that TEI's own rules use without declaring them (``xs``, ``rng``, ``rna``, ``sch``,
``sch1x``, ``tei``, as in p5subset's ``constraintDecl``) are bound to their standard URIs
when a schema does not bind them itself.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from tei_edition.errors import InputError, Location, SchemaError, XMLSyntaxProblem
from tei_edition.inputs import read_file
from tei_edition.schematron.sandbox import SCH_NS, XSL_NS, RuleChecker
from tei_edition.tei import parse_bytes

#: Prefixes bound when a schema uses them without an ``sch:ns`` (p5subset's constraintDecl).
DEFAULT_PREFIXES = {
    "tei": "http://www.tei-c.org/ns/1.0",
    "xs": "http://www.w3.org/2001/XMLSchema",
    "rng": "http://relaxng.org/ns/structure/1.0",
    "rna": "http://relaxng.org/ns/compatibility/annotations/1.0",
    "sch": SCH_NS,
    "sch1x": "http://www.ascc.net/xml/schematron",
}

#: queryBinding values run as XPath 2+/XSLT 3 (absent and "xslt" too: we have no XPath 1 engine,
#: and XPath 1 rules almost always run unchanged under XPath 2+).
QUERY_BINDINGS = {"", "xslt", "xslt2", "xslt3", "xpath2", "xpath3", "xpath31"}

#: Roles that make a failure a warning rather than an error (any other role is an error).
WARNING_ROLES = {"warn", "warning", "info", "information", "informational"}

_MAX_INCLUDE_DEPTH = 20


def _sch(name: str) -> str:
    return f"{{{SCH_NS}}}{name}"


@dataclass
class Let:
    name: str
    value: str | None  # an XPath; None when the value is the element content
    content: etree._Element | None = None
    as_type: str | None = None


@dataclass
class Check:
    """An assert or a report, with what the report needs that does not depend on the node."""

    index: int
    kind: str  # "assert" or "report"
    test: str
    element: etree._Element  # the sch:assert / sch:report (its mixed content is the message)
    code: str
    role: str | None
    pattern_id: str | None
    rule_id: str | None
    diagnostics: list[str] = field(default_factory=list)
    properties: list[str] = field(default_factory=list)
    subject: str | None = None

    @property
    def level(self) -> str:
        return "warning" if (self.role or "").strip().lower() in WARNING_ROLES else "error"


@dataclass
class Rule:
    context: str
    id: str | None
    role: str | None
    subject: str | None
    lets: list[Let]
    checks: list[Check]


@dataclass
class Pattern:
    index: int
    id: str | None
    lets: list[Let]
    rules: list[Rule]


@dataclass
class Schema:
    """A Schematron schema resolved to one flat form (what the XSLT generator reads)."""

    source: str
    query_binding: str
    namespaces: dict[str, str]
    lets: list[Let]  # global lets, then the active phase's lets
    patterns: list[Pattern]
    checks: list[Check]  # every assert and report, by index
    diagnostics: dict[str, etree._Element]
    properties: dict[str, etree._Element]
    xslt_top_level: list[etree._Element]  # xsl:function, xsl:key ... copied as they are
    phase: str


# ---------------------------------------------------------------------------------------
# Reading and resolving a schema
# ---------------------------------------------------------------------------------------


def _parse_schema_file(path: Path) -> etree._Element:
    try:
        data = read_file(path, "xml")
    except InputError as exc:
        raise SchemaError(f"cannot read Schematron schema: {exc.message}",
                          Location(str(path)), "schematron") from None
    try:
        return parse_bytes(data, str(path)).getroot()
    except XMLSyntaxProblem as exc:
        raise SchemaError(f"Schematron schema is not well-formed: {exc.message}",
                          exc.location, "schematron") from None


def _resolve_includes(el: etree._Element, base: Path, checker: RuleChecker | None,
                      sources: dict[etree._Element, str], depth: int = 0) -> None:
    """Replace every sch:include (and sch:extends/@href) by what it points to, recursively.

    With a ``checker``, an href outside the schema's folder is refused before it is read.
    ``sources`` gets the file of each pasted element (for the checker's messages)."""
    if depth > _MAX_INCLUDE_DEPTH:
        raise SchemaError("sch:include nested too deep (a cycle?)", Location(str(base)),
                          "schematron")
    for inc in list(el.iter(_sch("include"), _sch("extends"))):
        href = inc.get("href")
        if href is None:  # sch:extends/@rule: an abstract rule, pasted later
            continue
        target_path, _, fragment = href.partition("#")
        if checker is not None and target_path:
            checker.href(href, inc, base.parent)
        target_file = (base.parent / target_path).resolve() if target_path else base
        root = _parse_schema_file(target_file) if target_path else el.getroottree().getroot()
        target = root
        if fragment:
            found = root.xpath("//*[@id=$id or @xml:id=$id]", id=fragment)
            if not found:
                raise SchemaError(f"sch:include: no element with id '{fragment}' in {href}",
                                  Location(str(base), inc.sourceline), "schematron")
            target = found[0]
        target = copy.deepcopy(target)
        _resolve_includes(target, target_file, checker, sources, depth + 1)
        parent = inc.getparent()
        if parent is None:
            continue
        if inc.tag == _sch("extends"):
            # ISO 2016: extends/@href pastes the children of the element it names.
            pos = parent.index(inc)
            for i, child in enumerate(list(target)):
                sources.setdefault(child, str(target_file))
                parent.insert(pos + i, child)
            parent.remove(inc)
        else:
            target.tail = inc.tail
            sources.setdefault(target, str(target_file))
            parent.replace(inc, target)


def _substitute(text: str, params: dict[str, str]) -> str:
    """Macro-substitute ``$name`` by the param's value, longest names first (ISO 6.3)."""
    for name in sorted(params, key=len, reverse=True):
        value = params[name]
        text = re.sub(r"\$" + re.escape(name) + r"(?![\w.\-])", value.replace("\\", "\\\\"),
                      text)
    return text


_SUBSTITUTED_ATTRS = ("context", "test", "select", "value", "path", "subject")


def _instantiate(abstract: etree._Element, instance: etree._Element) -> etree._Element:
    params = {p.get("name", ""): p.get("value", "") for p in instance.iter(_sch("param"))}
    new = copy.deepcopy(abstract)
    new.attrib.pop("abstract", None)
    for attr in ("id", "role"):
        new.attrib.pop(attr, None)
        if instance.get(attr) is not None:
            new.set(attr, instance.get(attr, ""))
    new.set("{urn:tei-edition}is-a", instance.get("is-a", ""))
    for node in new.iter():
        for attr in _SUBSTITUTED_ATTRS:
            if attr in node.attrib:
                node.set(attr, _substitute(node.get(attr, ""), params))
    return new


def _text_id(el: etree._Element) -> str | None:
    return el.get("id") or el.get("{http://www.w3.org/XML/1998/namespace}id")


def _locate(sources: dict[etree._Element, str], default: str
            ) -> Callable[[etree._Element], Location]:
    """Where an element of the resolved schema is: its file (the schema, or the one it was
    included from) and its line."""
    def locate(el: etree._Element) -> Location:
        for node in (el, *el.iterancestors()):
            if node in sources:
                return Location(sources[node], el.sourceline)
        return Location(default, el.sourceline)
    return locate


def load_schema(path: str | Path, phase: str | None = None, *, trust: bool = False) -> Schema:
    """Read a Schematron schema and resolve it (includes, abstract patterns and rules, phase).

    Unless ``trust``, every rule is checked by :class:`~.sandbox.RuleChecker` (no rule may
    read, write, list or fetch): an :class:`~.sandbox.UnsafeSchema` at the offending line."""
    p = Path(path)
    root = _parse_schema_file(p)
    if root.tag != _sch("schema"):
        raise SchemaError(f"not an ISO Schematron schema (root element {root.tag})",
                          Location(str(p), root.sourceline), "schematron")
    sources: dict[etree._Element, str] = {}
    checker = None if trust else RuleChecker(str(p), {}, p.resolve().parent,
                                             _locate(sources, str(p)))
    _resolve_includes(root, p.resolve(), checker, sources)
    binding = (root.get("queryBinding") or "").strip().lower()
    if binding not in QUERY_BINDINGS:
        raise SchemaError(f"queryBinding '{binding}' is not supported "
                          f"(supported: xslt2, xslt3, xpath2, xpath3, xslt)",
                          Location(str(p), root.sourceline), "schematron")

    namespaces = _namespaces(root)
    if checker is not None:
        checker.namespaces = namespaces
        checker.declare_functions([root])
        checker.tree(root)
    schema_source = str(p)
    chosen, active, phase_lets = _phase(root, phase, schema_source)
    patterns, checks = _read_patterns(root, active, checker, schema_source)

    return Schema(
        source=schema_source,
        query_binding=binding or "xslt",
        namespaces=namespaces,
        lets=[_read_let(el) for el in [*root.iterchildren(_sch("let")), *phase_lets]],
        patterns=patterns,
        checks=checks,
        diagnostics={_text_id(d) or "": d for d in root.iter(_sch("diagnostic"))},
        properties={_text_id(d) or "": d for d in root.iter(_sch("property"))},
        xslt_top_level=[el for el in root.iterchildren() if
                        isinstance(el.tag, str) and el.tag.startswith(f"{{{XSL_NS}}}")],
        phase=chosen,
    )


def _namespaces(root: etree._Element) -> dict[str, str]:
    """The prefixes a schema's XPaths use: the defaults, the schema element's own (common
    practice, not ISO's letter) and its ``sch:ns`` declarations, the last winning."""
    namespaces = dict(DEFAULT_PREFIXES)
    namespaces.update({k: v for k, v in root.nsmap.items() if k and v not in (SCH_NS, XSL_NS)})
    for ns in root.iter(_sch("ns")):
        namespaces[ns.get("prefix", "")] = ns.get("uri", "")
    return namespaces


def _phase(root: etree._Element, phase: str | None, source: str
           ) -> tuple[str, set[str] | None, list[etree._Element]]:
    """The phase to run (``phase``, else the schema's defaultPhase, else ``#ALL``), the ids
    of its active patterns (None: all of them) and its ``sch:let`` variables."""
    phases = {_text_id(ph): ph for ph in root.iter(_sch("phase"))}
    chosen = phase or "#DEFAULT"
    if chosen == "#DEFAULT":
        chosen = root.get("defaultPhase") or "#ALL"
    if chosen == "#ALL":
        return chosen, None, []
    if chosen not in phases:
        known = ", ".join(["#ALL", *sorted(k for k in phases if k)])
        raise SchemaError(f"no phase '{chosen}' in the schema (known: {known})",
                          Location(source), "usage")
    active = {a.get("pattern", "") for a in phases[chosen].iter(_sch("active"))}
    return chosen, active, list(phases[chosen].iterchildren(_sch("let")))


def _read_patterns(root: etree._Element, active: set[str] | None,
                   checker: RuleChecker | None, source: str) -> tuple[list[Pattern], list[Check]]:
    """The schema's patterns of the phase, in order, and their checks. Abstract patterns
    are templates: an instance (``is-a``) takes their place."""
    abstract_patterns = {_text_id(pt): pt for pt in root.iter(_sch("pattern"))
                         if pt.get("abstract") == "true"}
    abstract_rules = {_text_id(r): r for r in root.iter(_sch("rule"))
                      if r.get("abstract") == "true"}
    checks: list[Check] = []
    patterns: list[Pattern] = []
    for pt in root.iterchildren(_sch("pattern")):
        if pt.get("abstract") == "true":
            continue
        if pt.get("is-a"):
            abstract = abstract_patterns.get(pt.get("is-a"))
            if abstract is None:
                raise SchemaError(f"pattern is-a '{pt.get('is-a')}': no such abstract pattern",
                                  Location(source, pt.sourceline), "schematron")
            pt = _instantiate(abstract, pt)
            if checker is not None:  # the params may have made a call: check the result
                checker.tree(pt)
        if active is not None and _text_id(pt) not in active:
            continue
        patterns.append(_read_pattern(pt, len(patterns), abstract_rules, checks, source))
    return patterns, checks


def _read_let(el: etree._Element) -> Let:
    content = el if el.get("value") is None and len(el) else None
    return Let(el.get("name", ""), el.get("value"), content, el.get("as"))


def _read_pattern(pt: etree._Element, index: int, abstract_rules: dict[Any, etree._Element],
                  checks: list[Check], source: str) -> Pattern:
    pid = _text_id(pt)
    rules = []
    for rule in pt.iterchildren(_sch("rule")):
        if rule.get("abstract") == "true":
            continue
        body = _expand_extends(rule, abstract_rules, source)
        rid = _text_id(rule)
        role = rule.get("role")
        lets = [_read_let(el) for el in body if el.tag == _sch("let")]
        rule_checks = []
        for el in body:
            if el.tag not in (_sch("assert"), _sch("report")):
                continue
            code = _text_id(el) or rid or pid or pt.get("{urn:tei-edition}is-a") or "schematron"
            check = Check(
                index=len(checks), kind=etree.QName(el).localname, test=el.get("test", "true()"),
                element=el, code=code, role=el.get("role") or role, pattern_id=pid,
                rule_id=rid, diagnostics=(el.get("diagnostics") or "").split(),
                properties=(el.get("properties") or "").split(), subject=el.get("subject"))
            checks.append(check)
            rule_checks.append(check)
        context = rule.get("context")
        if not context:
            raise SchemaError("sch:rule without @context", Location(source, rule.sourceline),
                              "schematron")
        rules.append(Rule(context, rid, role, rule.get("subject"), lets, rule_checks))
    lets = [_read_let(el) for el in pt.iterchildren(_sch("let"))]
    return Pattern(index, pid, lets, rules)


def _expand_extends(rule: etree._Element, abstract_rules: dict[Any, etree._Element],
                    source: str, depth: int = 0) -> list[etree._Element]:
    """The rule's lets, asserts and reports, with every sch:extends/@rule pasted in place."""
    if depth > _MAX_INCLUDE_DEPTH:
        raise SchemaError("sch:extends nested too deep (a cycle?)",
                          Location(source, rule.sourceline), "schematron")
    body: list[etree._Element] = []
    for el in rule.iterchildren():
        if not isinstance(el.tag, str):
            continue
        if el.tag == _sch("extends") and el.get("rule"):
            base = abstract_rules.get(el.get("rule"))
            if base is None:
                raise SchemaError(f"sch:extends rule '{el.get('rule')}': no such abstract rule",
                                  Location(source, el.sourceline), "schematron")
            body.extend(_expand_extends(base, abstract_rules, source, depth + 1))
        else:
            body.append(el)
    return body

"""Write ISO Schematron from the ``constraintSpec``s of a :class:`Customisation`.

Each constraintSpec (scheme ``schematron`` or ``isoschematron``) of a spec the schema
keeps becomes one ``pattern``; its rules keep their contexts, and a rule without an ``@id``
gets the constraintSpec's ident, so a validator can report it as the diagnostic's code.
Abstract patterns are copied once, when an instance (``is-a``) needs them. The ``ns``
declarations are the source's and the ODD's ``constraintDecl`` ones (TEI's own rules use
the prefixes ``xs``, ``rng``, ``sch``... without declaring them).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from tei_edition.errors import Location
from tei_edition.odd.customize import Customisation
from tei_edition.odd.source import DOC_TAGS, SCH_NS, Source, Spec, T
from tei_edition.schematron.sandbox import RuleChecker
from tei_edition.schematron.schema import DEFAULT_PREFIXES

S = f"{{{SCH_NS}}}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMES = ("schematron", "isoschematron")


def constraint_specs(node: etree._Element) -> list[etree._Element]:
    """The constraintSpecs of a spec (its own and its attDefs'), documentation skipped."""
    found: list[etree._Element] = []
    for child in node:
        if not isinstance(child.tag, str) or child.tag in DOC_TAGS:
            continue
        if child.tag == T + "constraintSpec":
            if child.get("scheme") in SCHEMES and child.get("mode") != "delete":
                found.append(child)
        else:
            found.extend(constraint_specs(child))
    return found


class SchematronWriter:
    def __init__(self, custom: Customisation, kept: set[str]):
        self.custom = custom
        self.kept = kept  # the specs whose definitions the RELAX NG schema has
        self.ids: set[str] = set()
        self.namespaces = dict(custom.namespaces)
        self.abstract_needed: set[str] = set()

    def build(self) -> etree._Element:
        patterns: list[etree._Element] = []
        for spec in sorted(self.custom.specs.values(), key=lambda s: s.order):
            if spec.ident not in self.kept:
                continue
            for cs in constraint_specs(spec.node):
                lang = cs.get(XML_LANG)
                if lang is not None and lang != self.custom.doc_lang:
                    continue
                own = cs.get("ident") in self.custom.odd_constraints
                patterns.extend(self.patterns(cs, spec, "" if own else f"{spec.ident}-"))
        for spec in sorted(self.custom.specs.values(), key=lambda s: s.order):
            if spec.kind == "element" and spec.ident in self.kept:
                patterns.extend(self.parameter_lists(spec))
                if spec.node.get("validUntil"):
                    patterns.append(self.deprecation(spec))
        for cs in self.custom.schema_constraints:
            if cs.get("scheme") in SCHEMES and cs.get("mode") != "delete":
                patterns.extend(self.patterns(cs, None, ""))
        abstract = self.abstract_patterns()
        schema = etree.Element(S + "schema", nsmap={None: SCH_NS},
                               queryBinding=self.custom.query_binding)
        title = etree.SubElement(schema, S + "title")
        title.text = f"Schematron rules of {self.custom.ident}"
        for prefix in sorted(self.namespaces):
            etree.SubElement(schema, S + "ns", prefix=prefix, uri=self.namespaces[prefix])
        schema.extend(abstract)
        schema.extend(patterns)
        etree.cleanup_namespaces(schema, top_nsmap={"tei": T[1:-1]})
        for comment in list(schema.iter(etree.Comment)):
            comment.getparent().remove(comment)
        for node in schema.iter(S + "schema", S + "pattern", S + "rule"):
            _strip_blanks(node)
        return schema

    def unique(self, wanted: str) -> str:
        name, n = wanted, 1
        while name in self.ids:
            n += 1
            name = f"{wanted}-{n}"
        self.ids.add(name)
        return name

    def patterns(self, cs: etree._Element, spec: Spec | None, prefix: str
                 ) -> list[etree._Element]:
        constraint = cs.find(T + "constraint")
        if constraint is None:
            return []
        ident = cs.get("ident", "constraint")
        result: list[etree._Element] = []
        rules: list[etree._Element] = []
        loose: list[etree._Element] = []
        for child in constraint:
            if not isinstance(child.tag, str) or not child.tag.startswith(S):
                continue
            local = child.tag[len(S):]
            if local == "ns":
                self.namespaces[child.get("prefix", "")] = child.get("uri", "")
            elif local == "pattern":
                pattern = copy.deepcopy(child)
                if pattern.get("is-a"):
                    self.abstract_needed.add(pattern.get("is-a", ""))
                if pattern.get("abstract") == "true":
                    self.abstract_needed.add(pattern.get("id", ""))
                    continue
                pattern.set("id", self.unique(pattern.get("id") or prefix + ident))
                result.append(pattern)
            elif local == "rule":
                rules.append(copy.deepcopy(child))
            else:  # assert, report, let straight in the constraint: the spec is the context
                loose.append(copy.deepcopy(child))
        if loose:
            rule = etree.Element(S + "rule", context=_context(cs, spec))
            rule.extend(loose)
            rules.append(rule)
        if rules:
            pattern = etree.Element(S + "pattern", id=self.unique(f"pattern-{prefix}{ident}"))
            for rule in rules:
                if rule.get("id") is None and rule.get("abstract") != "true":
                    rule.set("id", self.unique(prefix + ident))
                pattern.append(rule)
            result.append(pattern)
        return result

    def parameter_lists(self, spec: Spec) -> list[etree._Element]:
        """A value with a ``paramList`` (model/@behaviour) allows only those ``param``s."""
        result = []
        for attdef in spec.node.iter(T + "attDef"):
            items = [v for v in attdef.iter(T + "valItem") if v.find(T + "paramList") is not None]
            for item in sorted(items, key=lambda v: v.get("ident", "")):
                names = [p.get("ident", "") for p in item.iter(T + "paramSpec")]
                context = (f"tei:param[parent::tei:{spec.ident}/@{attdef.get('ident')}"
                           f"='{item.get('ident')}']")
                rule_id = self.unique(f"{spec.ident}-{attdef.get('ident')}-{item.get('ident')}"
                                      "-param")
                pattern = etree.Element(S + "pattern", id=self.unique(f"pattern-{rule_id}"))
                rule = etree.SubElement(pattern, S + "rule", context=context, id=rule_id)
                test = " or ".join(f"@name='{n}'" for n in names) or "false()"
                check = etree.SubElement(rule, S + "assert", test=test, role="error")
                check.text = "parameter '"
                etree.SubElement(check, S + "value-of", select="@name").tail = (
                    f"' is not allowed here: it must be one of {', '.join(names)}")
                result.append(pattern)
        return result

    def deprecation(self, spec: Spec) -> etree._Element:
        """An element with ``@validUntil`` is deprecated: a non-fatal report says until when."""
        rule_id = self.unique(f"{spec.ident}-deprecated")
        pattern = etree.Element(S + "pattern", id=self.unique(f"pattern-{rule_id}"))
        rule = etree.SubElement(pattern, S + "rule", context=f"tei:{spec.ident}", id=rule_id)
        report = etree.SubElement(rule, S + "report", test="true()", role="nonfatal")
        report.text = ("deprecated element: the TEI will remove "
                       f"{spec.ident} on {spec.node.get('validUntil')}")
        return pattern

    def abstract_patterns(self) -> list[etree._Element]:
        """The abstract patterns the instances need, from the ODD or the TEI source."""
        found: list[etree._Element] = []
        roots = [self.custom.source.specs[s].node for s in self.custom.source.specs]
        roots += [s.node for s in self.custom.specs.values() if s.from_odd]
        roots += self.custom.schema_constraints
        seen: set[str] = set()
        for root in roots:
            for pattern in root.iter(S + "pattern"):
                pid = pattern.get("id", "")
                if pattern.get("abstract") == "true" and pid in self.abstract_needed \
                        and pid not in seen:
                    seen.add(pid)
                    self.ids.add(pid)
                    found.append(copy.deepcopy(pattern))
        return found


def _strip_blanks(node: etree._Element) -> None:
    """White space between the children of an element-only node goes (pretty printing)."""
    if node.text is not None and not node.text.strip():
        node.text = None
    for child in node:
        if child.tail is not None and not child.tail.strip():
            child.tail = None


def _context(cs: etree._Element, spec: Spec | None) -> str:
    """The rule context of asserts written straight into a constraint."""
    owner = cs.getparent()
    if spec is None:
        return "/"
    attribute = owner.get("ident") if owner is not None and owner.tag == T + "attDef" else None
    if spec.kind == "element":
        base = f"tei:{spec.ident}"
        return f"{base}/@{attribute}" if attribute else base
    if attribute:
        return f"tei:*/@{attribute}"
    return "tei:*"


def check_constraints(odd: etree._ElementTree, odd_path: str, source: Source) -> None:
    """Refuse a Schematron constraint that would read, write, list or fetch.

    The same checker as ``validate`` (:class:`~tei_edition.schematron.sandbox.RuleChecker`)
    reads every constraintSpec of the ODD and of the TEI source; an offending rule is reported
    at the file and line of its constraintSpec (``my.odd:40``)."""
    files = [(odd.getroot(), odd_path),
             *((spec.node, source.path) for spec in source.specs.values())]
    found = [(cs, path) for root, path in files for cs in _schematron_constraints(root)]
    namespaces = {**DEFAULT_PREFIXES, **source.namespaces}
    for decl in odd.iter(T + "constraintDecl"):
        namespaces.update({ns.get("prefix", ""): ns.get("uri", "") for ns in decl.iter(S + "ns")})
    for cs, _ in found:
        namespaces.update({ns.get("prefix", ""): ns.get("uri", "") for ns in cs.iter(S + "ns")})
    odd_root = odd.getroot()

    def at_constraint(el: etree._Element) -> Location:
        cs = next(el.iterancestors(T + "constraintSpec"), el)
        path = odd_path if cs.getroottree().getroot() is odd_root else source.path
        return Location(path, cs.sourceline)

    checker = RuleChecker(odd_path, namespaces, Path(odd_path).resolve().parent, at_constraint)
    checker.declare_functions([cs for cs, _ in found])
    for cs, _ in found:
        checker.tree(cs)


def _schematron_constraints(root: etree._Element) -> Iterator[etree._Element]:
    for cs in root.iter(T + "constraintSpec"):
        if cs.get("scheme") in SCHEMES:
            yield cs

"""Apply an ODD customisation (a ``schemaSpec``) to the TEI source.

The result is a :class:`Customisation`: the specifications the schema declares, each one
the source's specification or the ODD's version of it (added, replaced or changed by a
deep merge). Every mistake in the ODD is a :class:`SchemaError` with the ODD's file and line.

Rules (they follow the TEI Guidelines, ch. 22 "Documentation Elements"):

- ``moduleRef key`` selects a module's elements (all, only ``@include``, or all but
  ``@except``) and all its classes, macros and datatypes. The infrastructure module ``tei``
  is always selected.
- ``elementRef``, ``classRef``, ``macroRef``, ``dataRef`` at schema level select one spec.
- ``*Spec mode="add"`` (the default) declares a new spec; ``replace`` swaps the source's spec
  for the ODD's; ``delete`` removes it; ``change`` merges: attributes override, ``classes``
  add or remove ``memberOf`` (``mode="replace"`` replaces them all), ``content`` replaces,
  ``attList`` merges ``attDef`` by ident (each with its own mode), an ``attDef``'s
  ``valList mode="add"``/``"change"`` merges ``valItem``s while ``replace`` (or no mode)
  replaces the list, and ``constraintSpec``s merge by ident.
- An ``attDef`` of an element or class that names an attribute the spec inherits from a
  class, with ``mode="change"``, ``"replace"`` or ``"delete"``, overrides the inherited one
  for this spec only (as p5subset itself does, e.g. ``app/@type``).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from tei_edition.errors import Location, SchemaError, XMLSyntaxProblem
from tei_edition.odd.source import DOC_TAGS, SCH_NS, SPEC_KINDS, UNENFORCED, Source, Spec, T
from tei_edition.tei import parse_file

MODES = ("add", "delete", "change", "replace")
#: The ODD elements that refer to a declaration, by its kind: elementRef -> "element", ...
REF_KINDS = {f"{T}{kind}Ref": kind for kind in SPEC_KINDS.values()}
DEFAULT_EXCEPTIONS = "http://www.tei-c.org/ns/1.0 teix:egXML"


@dataclass
class Customisation:
    """What a schemaSpec declares, ready for the RELAX NG and Schematron writers."""

    ident: str
    odd_path: str
    source: Source
    start: list[str]
    specs: dict[str, Spec]
    default_exceptions: list[tuple[str, str | None]]  # (namespace, local name or None)
    schema_constraints: list[etree._Element] = field(default_factory=list)
    namespaces: dict[str, str] = field(default_factory=dict)
    query_binding: str = "xslt2"
    odd_constraints: set[str] = field(default_factory=set)  # idents the ODD itself writes
    doc_lang: str = "en"  # constraints in another language (translations) are left out


class _Reader:
    """One pass over one ODD file; ``error`` places a message at a node's line."""

    def __init__(self, odd_path: str, source: Source):
        self.path = odd_path
        self.source = source
        self.specs: dict[str, Spec] = {}

    def error(self, message: str, node: etree._Element | None) -> SchemaError:
        line = node.sourceline if node is not None else None
        return SchemaError(message, Location(self.path, line), "odd")

    # -- selection -------------------------------------------------------------------

    def select_module(self, ref: etree._Element) -> None:
        key = ref.get("key")
        if ref.get("url"):
            raise self.error("moduleRef/@url (external RELAX NG modules) is not supported", ref)
        if not key:
            raise self.error("moduleRef needs a @key naming a TEI module", ref)
        if key not in self.source.modules:
            known = ", ".join(sorted(self.source.modules))
            raise self.error(f'unknown TEI module "{key}" (known modules: {known})', ref)
        members = self.source.by_module(key)
        elements = {s.ident for s in members if s.kind == "element"}
        include = ref.get("include", "").split()
        exclude = ref.get("except", "").split()
        if include and exclude:
            raise self.error("moduleRef takes @include or @except, not both", ref)
        for name in include + exclude:
            if name not in elements:
                raise self.error(f'module "{key}" has no element "{name}"', ref)
        for spec in members:
            if spec.kind == "element":
                if (include and spec.ident not in include) or spec.ident in exclude:
                    continue
            self.specs[spec.ident] = spec

    def select_one(self, ref: etree._Element) -> None:
        kind = REF_KINDS[ref.tag]
        key = ref.get("key")
        spec = self.source.specs.get(key or "")
        if spec is None or spec.kind != kind:
            raise self.error(f'unknown TEI {kind} "{key}" in {etree.QName(ref).localname}',
                             ref)
        self.specs[spec.ident] = spec

    # -- modification ----------------------------------------------------------------

    def apply(self, node: etree._Element) -> None:
        kind = SPEC_KINDS[node.tag]
        ident = node.get("ident")
        mode = node.get("mode", "add")
        tag = etree.QName(node).localname
        if not ident:
            raise self.error(f"{tag} needs an @ident", node)
        if mode not in MODES:
            raise self.error(f'{tag} "{ident}": unknown mode "{mode}"', node)
        known = self.source.specs.get(ident)
        current = self.specs.get(ident)
        if mode == "add":
            if known is not None and known.kind == kind:
                raise self.error(f'{tag} "{ident}" already exists in TEI: use mode="change"'
                                 ' or mode="replace"', node)
            self.specs[ident] = Spec(kind, ident, node, node.get("module"), True, 10**6)
            return
        if known is None or known.kind != kind:
            raise self.error(f'{tag} "{ident}": TEI has no {kind} of this name', node)
        if mode == "delete":
            self.specs.pop(ident, None)
            return
        if current is None:
            raise self.error(
                f'{tag} "{ident}" (mode="{mode}") changes a {kind} that no moduleRef or'
                f" {kind}Ref selects", node)
        if mode == "replace":
            self.specs[ident] = Spec(kind, ident, node, current.module, True, current.order)
        else:
            merged = merge_spec(current.node, node)
            self.specs[ident] = Spec(kind, ident, merged, current.module, True, current.order)


# -- deep merge -------------------------------------------------------------------------


def _strip_mode(node: etree._Element) -> etree._Element:
    node = copy.deepcopy(node)
    node.attrib.pop("mode", None)
    return node


def _take_attributes(target: etree._Element, change: etree._Element) -> None:
    """Set ``change``'s attributes on ``target``, all but its ``mode``."""
    for name, value in change.attrib.items():
        if name != "mode":
            target.set(name, value)


def _content(change: etree._Element) -> Iterator[etree._Element]:
    """The children of a change that change something: not comments, not documentation."""
    for child in change:
        if isinstance(child.tag, str) and child.tag not in DOC_TAGS:
            yield child


def merge_spec(base: etree._Element, change: etree._Element) -> etree._Element:
    """A copy of ``base`` with the spec ``change`` (mode="change") merged into it."""
    merged = copy.deepcopy(base)
    _take_attributes(merged, change)
    for child in _content(change):
        name = etree.QName(child).localname
        if name == "classes":
            _merge_classes(merged, child)
        elif name == "attList":
            target = merged.find(T + "attList")
            if target is None:
                target = etree.SubElement(merged, T + "attList")
            merge_attlist(target, child)
        elif name == "constraintSpec":
            _merge_keyed(merged, child)
        else:  # content, valList, ...: the new one replaces the old
            for old in merged.findall(child.tag):
                merged.remove(old)
            merged.append(_strip_mode(child))
    return merged


def _merge_classes(spec: etree._Element, change: etree._Element) -> None:
    classes = spec.find(T + "classes")
    if classes is None or change.get("mode") == "replace":
        if classes is not None:
            spec.remove(classes)
        classes = etree.SubElement(spec, T + "classes")
    for member in change.iter(T + "memberOf"):
        key = member.get("key")
        existing = [m for m in classes.iter(T + "memberOf") if m.get("key") == key]
        if member.get("mode") == "delete":
            for m in existing:
                m.getparent().remove(m)
        elif not existing:
            classes.append(_strip_mode(member))


def _merge_keyed(spec: etree._Element, change: etree._Element) -> None:
    ident = change.get("ident")
    for old in spec.findall(change.tag):
        if ident is not None and old.get("ident") == ident:
            spec.remove(old)
    if change.get("mode") != "delete":
        spec.append(_strip_mode(change))


def _attdefs(attlist: etree._Element) -> dict[str, etree._Element]:
    return {d.get("ident"): d for d in attlist.iter(T + "attDef")}


def merge_attlist(base: etree._Element, change: etree._Element) -> None:
    """Merge the attDefs of ``change`` into ``base`` (both attList), each by its mode."""
    local = _attdefs(base)
    for attdef in change.iter(T + "attDef"):
        ident = attdef.get("ident")
        mode = attdef.get("mode", "add")
        old = local.get(ident)
        if old is None:
            # Not declared here: a new attribute, or an override of an inherited one
            # (kept with its mode; the RELAX NG writer resolves it against the class).
            base.append(copy.deepcopy(attdef) if mode != "add" else _strip_mode(attdef))
            continue
        parent = old.getparent()
        if mode == "delete":
            parent.remove(old)
        elif mode == "change":
            parent.replace(old, merge_attdef(old, attdef))
        else:
            parent.replace(old, _strip_mode(attdef))
        local = _attdefs(base)


def merge_attdef(base: etree._Element, change: etree._Element) -> etree._Element:
    """A copy of the attDef ``base`` with the attDef ``change`` merged into it."""
    merged = copy.deepcopy(base)
    if merged.get("mode") != "change":  # a partial override of an inherited one stays so
        merged.attrib.pop("mode", None)
    _take_attributes(merged, change)
    for child in _content(change):
        old = merged.find(child.tag)
        mode = child.get("mode", "replace")
        if child.tag == T + "valList" and old is not None and mode in ("add", "change"):
            _merge_vallist(old, child)
        elif mode == "delete":
            if old is not None:
                merged.remove(old)
        elif old is not None:
            merged.replace(old, _strip_mode(child))
        else:
            merged.append(_strip_mode(child))
    return merged


def _merge_vallist(base: etree._Element, change: etree._Element) -> None:
    base.attrib.pop(UNENFORCED, None)  # the customisation puts the list in force
    _take_attributes(base, change)
    items = {v.get("ident"): v for v in base.iter(T + "valItem")}
    for item in change.iter(T + "valItem"):
        old = items.get(item.get("ident"))
        if item.get("mode") == "delete":
            if old is not None:
                old.getparent().remove(old)
        elif old is None:
            base.append(_strip_mode(item))


# -- the whole ODD ----------------------------------------------------------------------


def read_odd(path: str | Path) -> etree._ElementTree:
    """Parse an ODD file safely; a malformed one is a SchemaError with line and column."""
    try:
        return parse_file(path)
    except XMLSyntaxProblem as exc:
        what = "cannot read the ODD" if exc.code == "io" else "the ODD is not well-formed XML"
        message = exc.message.removeprefix("cannot read: ").removeprefix("not well-formed XML: ")
        raise SchemaError(f"{what}: {message}", exc.location, "odd") from None


def customise(odd: etree._ElementTree, odd_path: str, source: Source) -> Customisation:
    """Apply the first schemaSpec of ``odd`` to ``source``."""
    reader = _Reader(odd_path, source)
    schema = odd.getroot() if odd.getroot().tag == T + "schemaSpec" else None
    if schema is None:
        schema = odd.getroot().find(".//" + T + "schemaSpec")
    if schema is None:
        raise reader.error("the ODD holds no schemaSpec", odd.getroot())
    ident = schema.get("ident")
    if not ident:
        raise reader.error("schemaSpec needs an @ident (it names the schema files)", schema)
    children = [c for c in schema if isinstance(c.tag, str)]
    reader.select_module(etree.Element(T + "moduleRef", key="tei"))
    for child in children:
        if child.tag == T + "moduleRef":
            reader.select_module(child)
        elif child.tag in REF_KINDS:
            reader.select_one(child)
        elif child.tag in (T + "specGrp", T + "specGrpRef"):
            raise reader.error("specGrp and specGrpRef are not supported: put the specs"
                               " in the schemaSpec", child)
    for child in children:
        if child.tag in SPEC_KINDS:
            reader.apply(child)
    _check_odd_references(reader, schema)
    start = schema.get("start", "TEI").split()
    for name in start:
        spec = reader.specs.get(name)
        if spec is None or spec.kind != "element":
            raise reader.error(f'the start element "{name}" is not in the schema', schema)
    namespaces = dict(source.namespaces)
    namespaces.setdefault("tei", T[1:-1])
    query_binding = "xslt2"
    for decl in schema.iter(T + "constraintDecl"):
        query_binding = decl.get("queryBinding", query_binding)
        for ns in decl.iter(f"{{{SCH_NS}}}ns"):
            namespaces[ns.get("prefix")] = ns.get("uri")
    exceptions = _exceptions(schema.get("defaultExceptions", DEFAULT_EXCEPTIONS), schema)
    return Customisation(
        ident=ident,
        odd_path=odd_path,
        source=source,
        start=start,
        specs=reader.specs,
        default_exceptions=exceptions,
        schema_constraints=[c for c in children if c.tag == T + "constraintSpec"],
        namespaces=namespaces,
        query_binding=query_binding,
        odd_constraints={c.get("ident", "") for c in schema.iter(T + "constraintSpec")},
        doc_lang=(schema.get("docLang") or "en").split()[0],
    )


def _exceptions(value: str, context: etree._Element) -> list[tuple[str, str | None]]:
    """``defaultExceptions``: namespace URIs and prefixed names (teix:egXML)."""
    result: list[tuple[str, str | None]] = []
    nsmap = {**context.nsmap, "teix": "http://www.tei-c.org/ns/Examples"}
    for token in value.split():
        if "://" in token or token.startswith("urn:"):
            result.append((token, None))
        elif ":" in token:
            prefix, local = token.split(":", 1)
            result.append((nsmap.get(prefix, ""), local))
    return result


def _check_odd_references(reader: _Reader, schema: etree._Element) -> None:
    """Every reference the ODD itself writes must name a spec of the schema."""
    for spec in schema:
        if spec.tag not in SPEC_KINDS or spec.get("mode") == "delete":
            continue
        for part in spec.iter(T + "content", T + "datatype", T + "classes", T + "attList"):
            for ref in part.iter(*REF_KINDS, T + "memberOf", T + "attRef"):
                _check_reference(reader, ref)


def _check_reference(reader: _Reader, ref: etree._Element) -> None:
    if ref.tag == T + "attRef":
        key = ref.get("class")
        kind = "class"
        if key is None:
            return
    elif ref.tag == T + "memberOf":
        if ref.get("mode") == "delete":
            return
        key, kind = ref.get("key"), "class"
    else:
        key, kind = ref.get("key"), REF_KINDS[ref.tag]
        if key is None:  # dataRef name="..." (an XSD type) or ref="..."
            return
    if kind == "data":
        found = reader.specs.get(key) or reader.source.specs.get(key)
    else:
        found = reader.specs.get(key)
    if found is not None and found.kind == kind:
        return
    name = etree.QName(ref).localname
    if reader.source.specs.get(key) is not None:
        raise reader.error(f'{name} to the {kind} "{key}", which is not in the schema'
                           " (deleted or not selected)", ref)
    raise reader.error(f'{name} to an unknown {kind} "{key}"', ref)

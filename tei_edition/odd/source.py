"""The TEI P5 source (``p5subset.xml``): its modules and specifications, indexed by ident.

The source is read once per process and path (it is 4 MB) and never modified: the
customisation step copies a specification before it changes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from tei_edition.errors import InputError, Location, SchemaError, XMLSyntaxProblem
from tei_edition.tei import TEI_NS, parse_file

T = f"{{{TEI_NS}}}"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
RNG_NS = "http://relaxng.org/ns/structure/1.0"
EXAMPLES_NS = "http://www.tei-c.org/ns/Examples"

#: The ODD elements that declare something, by the kind of thing they declare.
SPEC_KINDS = {
    T + "elementSpec": "element",
    T + "classSpec": "class",
    T + "macroSpec": "macro",
    T + "dataSpec": "data",
}

#: Marks a value list of the source that TEI's own build does not enforce (see load_source).
UNENFORCED = "{urn:x-tei-edition:odd}unenforced"

#: Documentation inside a specification: never read, never copied to a schema.
DOC_TAGS = frozenset(
    T + name
    for name in ("desc", "gloss", "remarks", "exemplum", "listRef", "equiv", "altIdent")
)


@dataclass
class Spec:
    """One specification: an element, a class (model or attribute), a macro or a datatype."""

    kind: str
    ident: str
    node: etree._Element
    module: str | None
    from_odd: bool = False  # added, replaced or changed by the customisation
    order: int = 0  # document order in the source (class members are listed in it)

    @property
    def is_att_class(self) -> bool:
        return self.kind == "class" and self.node.get("type") == "atts"

    @property
    def is_model_class(self) -> bool:
        return self.kind == "class" and self.node.get("type") != "atts"


@dataclass
class Source:
    """The indexed P5 source."""

    path: str
    version: str
    modules: set[str]
    specs: dict[str, Spec]
    namespaces: dict[str, str] = field(default_factory=dict)  # constraintDecl prefixes

    def by_module(self, module: str) -> list[Spec]:
        return [s for s in self.specs.values() if s.module == module]


def _version(root: etree._Element) -> str:
    for edition in root.iter(T + "edition"):
        found = re.search(r"\d+\.\d+\.\d+\w*", "".join(edition.itertext()))
        if found:
            return found.group(0)
    return "unknown"


def load_source(path: str | Path) -> Source:
    """Read and index ``p5subset.xml`` (a quarter of a second for TEI's 4 MB: once for each
    compile, which reads it once)."""
    path = str(path)
    try:
        tree = parse_file(path)
    except (InputError, XMLSyntaxProblem) as exc:  # no such file, too large, not XML
        raise SchemaError(f"the TEI source cannot be read: {exc.message}",
                          exc.location or Location(path), "odd") from None
    root = tree.getroot()
    if root.tag != T + "TEI":
        raise SchemaError("the TEI source is not a TEI document (p5subset.xml expected)",
                          Location(path, root.sourceline), "odd")
    modules = {m.get("ident") for m in root.iter(T + "moduleSpec")}
    specs: dict[str, Spec] = {}
    for order, node in enumerate(root.iter(*SPEC_KINDS)):
        ident = node.get("ident")
        if ident is None or _in_example(node):
            continue
        specs[ident] = Spec(SPEC_KINDS[node.tag], ident, node, node.get("module"), False, order)
    # An attDef of the source with mode="change" overrides an attribute the spec inherits
    # (castItem/@type, correspAction/@type...). TEI's build of tei_all.rng keeps its
    # datatype and usage but not its value list: castItem type="x" is valid there. We
    # agree, and mark those lists; a customisation that changes them puts them in force.
    for attdef in root.iter(T + "attDef"):
        vallist = attdef.find(T + "valList")
        if attdef.get("mode") == "change" and vallist is not None:
            vallist.set(UNENFORCED, "true")
    namespaces: dict[str, str] = {}
    for decl in root.iter(T + "constraintDecl"):
        for ns in decl.iter(f"{{{SCH_NS}}}ns"):
            namespaces[ns.get("prefix")] = ns.get("uri")
    if not specs:
        raise SchemaError("the TEI source holds no specifications (p5subset.xml expected)",
                          Location(path), "odd")
    return Source(path, _version(root), {m for m in modules if m}, specs, namespaces)


def _in_example(node: etree._Element) -> bool:
    parent = node.getparent()
    while parent is not None:
        if parent.tag == f"{{{EXAMPLES_NS}}}egXML":
            return True
        parent = parent.getparent()
    return False

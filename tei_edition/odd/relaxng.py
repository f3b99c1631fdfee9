"""Write RELAX NG (XML syntax) for a :class:`Customisation`.

The mapping follows the reference build of the TEI Stylesheets (odd2relax), so that our
tei_all agrees with theirs document for document:

- an element ``x`` is ``<define name="x"><element name="x">content, attributes</element>``;
- a model class ``model.x`` is a define holding the choice of its members (elements and
  member classes); ``classRef expand="sequence..."`` writes the members in place, in the
  order of the source;
- an attribute class ``att.x`` is ``att.x.attributes`` (the refs of its superclasses, then
  ``att.x.attribute.NAME`` for each attribute); an element or class that overrides an
  inherited attribute gets the other attributes of that class one by one instead;
- datatypes (dataSpec) are written in place (``<data type="...">`` with facets), closed value
  lists as ``<choice>`` of ``<value>``, semi-open ones add the datatype to the choice,
  ``datatype/@maxOccurs`` above 1 makes a ``<list>``;
- ``minOccurs``/``maxOccurs`` become optional / zeroOrMore / oneOrMore (or copies);
- references to an element or class the schema does not have are pruned (prune.py): a
  choice loses the branch, an optional part disappears, and an element whose required
  content is gone is itself dropped (so a customisation only ever restricts: every
  document it accepts, the full TEI accepts too). Unused definitions are not written.
"""

from __future__ import annotations

import copy

from lxml import etree

from tei_edition.odd.customize import Customisation, merge_attdef
from tei_edition.odd.prune import Pruner
from tei_edition.odd.source import DOC_TAGS, RNG_NS, UNENFORCED, Spec, T

R = f"{{{RNG_NS}}}"
ANNOTATIONS_NS = "http://relaxng.org/ns/compatibility/annotations/1.0"
XSD_DATATYPES = "http://www.w3.org/2001/XMLSchema-datatypes"
SEQUENCE_EXPANSIONS = {
    "sequence": None,
    "sequenceOptional": "optional",
    "sequenceRepeatable": "oneOrMore",
    "sequenceOptionalRepeatable": "zeroOrMore",
}


def rng(tag: str, *children: etree._Element, **attrs: str) -> etree._Element:
    node = etree.Element(R + tag, attrs)
    node.extend(children)
    return node


def occurrences(patterns: list[etree._Element], node: etree._Element) -> list[etree._Element]:
    """Apply ``@minOccurs``/``@maxOccurs`` of ``node`` to a sequence of patterns."""
    low = int(node.get("minOccurs", "1"))
    high_text = node.get("maxOccurs", "1")
    high = None if high_text == "unbounded" else int(high_text)
    return repeat(patterns, low, high)


def repeat(patterns: list[etree._Element], low: int, high: int | None) -> list[etree._Element]:
    if not patterns:
        return []
    if low == 1 and high == 1:
        return patterns
    if high == 0:
        return []

    def one() -> list[etree._Element]:
        return [copy.deepcopy(p) for p in patterns]

    result: list[etree._Element] = []
    if high is None:
        if low == 0:
            return [rng("zeroOrMore", *patterns)]
        for _ in range(low - 1):
            result.extend(one())
        result.append(rng("oneOrMore", *one()))
        return result
    for _ in range(low):
        result.extend(one())
    for _ in range(max(high - low, 0)):
        result.append(rng("optional", *one()))
    return result


def _combine(tag: str, patterns: list[etree._Element], empty: str) -> etree._Element:
    """One pattern for ``patterns``: the pattern itself when there is one, ``empty`` when
    there is none, else a ``tag`` of them all."""
    if len(patterns) == 1:
        return patterns[0]
    return rng(tag, *patterns) if patterns else rng(empty)


def _group(patterns: list[etree._Element]) -> etree._Element:
    return _combine("group", patterns, "empty")  # nothing in sequence: empty content


def _choice(patterns: list[etree._Element]) -> etree._Element:
    return _combine("choice", patterns, "notAllowed")  # a choice of nothing matches nothing


class RelaxNGWriter:
    """Builds the grammar of one customisation."""

    def __init__(self, custom: Customisation):
        self.custom = custom
        self.specs = custom.specs
        self.defines: dict[str, etree._Element] = {}
        self.any_count = 0
        self.members: dict[str, list[Spec]] = {}
        self.supers: dict[str, list[str]] = {}
        self._idents: dict[str, frozenset[str]] = {}
        self._datatypes: dict[str, list[etree._Element]] = {}
        ordered = sorted(self.specs.values(), key=lambda s: s.order)
        for spec in ordered:
            keys = [m.get("key") for m in spec.node.iterfind(f"{T}classes/{T}memberOf")]
            keys = [k for k in keys if k in self.specs and self.specs[k].kind == "class"]
            if spec.is_att_class or spec.kind == "element":
                self.supers[spec.ident] = [k for k in keys if self.specs[k].is_att_class]
            for key in keys:
                if self.specs[key].is_model_class and (spec.kind == "element"
                                                       or spec.is_model_class):
                    self.members.setdefault(key, []).append(spec)
        self.ordered = ordered

    # -- the grammar -----------------------------------------------------------------

    def build(self) -> etree._Element:
        for spec in self.ordered:
            if spec.kind == "macro":
                self.define(spec.ident, self.content(spec.node, spec.ident))
            elif spec.is_model_class:
                refs = [rng("ref", name=m.ident) for m in self.members.get(spec.ident, [])]
                self.define(spec.ident, [_choice(refs)])
            elif spec.is_att_class:
                self.att_class(spec)
            elif spec.kind == "element":
                self.define(spec.ident, [self.element(spec)])
        start = rng("start", _choice([rng("ref", name=n) for n in self.custom.start]))
        return self.assemble(start)

    def pruner_sat(self, name: str) -> bool:
        """Whether the define ``name`` can match anything (after :meth:`build`)."""
        return self.pruner.sat.get(name, False)

    def define(self, name: str, patterns: list[etree._Element]) -> None:
        self.defines[name] = rng("define", *patterns, name=name)

    def assemble(self, start: etree._Element) -> etree._Element:
        pruner = self.pruner = Pruner(self.defines)
        pruner.prune(start)
        grammar = etree.Element(
            R + "grammar", nsmap={None: RNG_NS, "a": ANNOTATIONS_NS},
            attrib={"ns": T[1:-1], "datatypeLibrary": XSD_DATATYPES})
        grammar.append(start)
        for name in pruner.reachable(start):
            grammar.append(self.defines[name])
        for node in grammar.iter():
            if node.text is not None and not node.text.strip() and len(node):
                node.text = None
            if node.tail is not None and not node.tail.strip():
                node.tail = None
        return grammar

    # -- elements --------------------------------------------------------------------

    def element(self, spec: Spec) -> etree._Element:
        node = spec.node
        attrs = {"name": spec.ident}
        if node.get("ns") and node.get("ns") != T[1:-1]:
            attrs["ns"] = node.get("ns", "")
        element = rng("element", **attrs)
        element.extend(self.content(node, spec.ident) or [rng("empty")])
        element.extend(self.attribute_patterns(spec, inline=True))
        return element

    def content(self, spec_node: etree._Element, owner: str) -> list[etree._Element]:
        content = spec_node.find(T + "content")
        if content is None:
            return []
        result: list[etree._Element] = []
        for child in content:
            result.extend(self.pattern(child, owner))
        return result

    def pattern(self, node: etree._Element, owner: str) -> list[etree._Element]:
        """The RELAX NG patterns of one pure-ODD content node."""
        if not isinstance(node.tag, str) or node.tag in DOC_TAGS:
            return []
        if node.tag.startswith(R):
            return [_copy_rng(node)]
        name = etree.QName(node).localname
        if name in ("sequence", "alternate"):
            inner: list[etree._Element] = []
            for child in node:
                inner.extend(self.pattern(child, owner))
            if not inner:
                return []
            body = [_group(inner)] if name == "sequence" else [_choice(inner)]
            return occurrences(body, node)
        if name in ("elementRef", "macroRef"):
            return occurrences([rng("ref", name=node.get("key", ""))], node)
        if name == "classRef":
            return occurrences(self.class_ref(node), node)
        if name == "dataRef":
            return occurrences(self.data_ref(node), node)
        if name == "textNode":
            return [rng("text")]
        if name == "empty":
            return [rng("empty")]
        if name == "anyElement":
            return occurrences([rng("ref", name=self.any_element(node, owner))], node)
        if name == "valList":
            return [self.values(node)]
        return []

    def class_ref(self, node: etree._Element) -> list[etree._Element]:
        key = node.get("key", "")
        expand = node.get("expand", "alternation")
        include = node.get("include", "").split()
        exclude = node.get("except", "").split()
        if include or exclude:
            names = [m.ident for m in self.members.get(key, [])
                     if (not include or m.ident in include) and m.ident not in exclude]
            refs = [rng("ref", name=n) for n in names]
            if expand in SEQUENCE_EXPANSIONS:
                wrapper = SEQUENCE_EXPANSIONS[expand]
                return [rng(wrapper, r) if wrapper else r for r in refs]
            return [_choice(refs)] if refs else [rng("notAllowed")]
        if expand in SEQUENCE_EXPANSIONS:
            return self.expansion(key, SEQUENCE_EXPANSIONS[expand])
        return [rng("ref", name=key)]

    def expansion(self, key: str, wrapper: str | None) -> list[etree._Element]:
        """``model.x`` expanded as a sequence of its members (member classes likewise)."""
        result: list[etree._Element] = []
        for member in self.members.get(key, []):
            if member.kind == "class":
                inner = self.expansion(member.ident, wrapper)
                item = _group(inner) if inner else None
            else:
                item = rng("ref", name=member.ident)
            if item is not None:
                result.append(rng(wrapper, item) if wrapper else item)
        return result

    def any_element(self, node: etree._Element, owner: str) -> str:
        self.any_count += 1
        name = f"anyElement_{owner}_{self.any_count}"
        exceptions = list(self.custom.default_exceptions)
        for token in node.get("except", "").split():
            if ":" in token and "://" not in token:
                prefix, local = token.split(":", 1)
                exceptions.append((node.nsmap.get(prefix, ""), local))
            else:
                exceptions.append((token, None))

        def except_for(namespace: str | None) -> list[etree._Element]:
            result = []
            for ns, local in exceptions:
                if namespace is not None and ns != namespace:
                    continue
                if local is None:
                    result.append(rng("nsName", ns=ns))
                else:
                    result.append(_name(ns, local))
            return result

        required = node.get("require", "").split()
        if required:
            classes = []
            for ns in required:
                excepted = except_for(ns)
                classes.append(rng("nsName", rng("except", *excepted), ns=ns) if excepted
                               else rng("nsName", ns=ns))
            name_class = _choice(classes)
        else:
            excepted = except_for(None)
            name_class = rng("anyName", rng("except", *excepted)) if excepted else rng("anyName")
        element = rng(
            "element", name_class,
            rng("zeroOrMore", rng("attribute", rng("anyName"))),
            rng("zeroOrMore", rng("choice", rng("text"), rng("ref", name=name))))
        self.define(name, [element])
        return name

    # -- datatypes and values --------------------------------------------------------

    def data_ref(self, node: etree._Element) -> list[etree._Element]:
        if node.get("key"):
            key = node.get("key", "")
            if key not in self._datatypes:
                spec = self.specs.get(key) or self.custom.source.specs.get(key)
                if spec is None or spec.kind != "data":
                    self._datatypes[key] = [rng("notAllowed")]
                else:
                    self._datatypes[key] = [rng("notAllowed")]  # guards against a cycle
                    self._datatypes[key] = self.content(spec.node, key)
            return [copy.deepcopy(p) for p in self._datatypes[key]]
        if node.get("name"):
            data = rng("data", type=node.get("name", ""))
            if node.get("restriction"):
                data.append(rng("param", name="pattern"))
                data[-1].text = node.get("restriction")
            for facet in node.iter(T + "dataFacet"):
                param = rng("param", name=facet.get("name", ""))
                param.text = facet.get("value", "")
                data.append(param)
            return [data]
        return [rng("data", type="string")]

    def value_list(self, vallist: etree._Element) -> list[etree._Element]:
        values = []
        for item in vallist.iter(T + "valItem"):
            value = rng("value")
            value.text = item.get("ident", "")
            values.append(value)
        return values

    def values(self, vallist: etree._Element) -> etree._Element:
        return _choice(self.value_list(vallist))

    def attribute_value(self, attdef: etree._Element) -> list[etree._Element]:
        datatype = attdef.find(T + "datatype")
        vallist = attdef.find(T + "valList")
        if vallist is not None and vallist.get(UNENFORCED):
            vallist = None  # as TEI's own build does (source.py says why)
        base: list[etree._Element] = []
        if datatype is not None:
            for child in datatype:
                base.extend(self.pattern(child, attdef.get("ident", "")))
        kind = vallist.get("type", "open") if vallist is not None else None
        if vallist is not None and kind == "closed":
            item: etree._Element | None = _choice(self.value_list(vallist))
        elif vallist is not None and kind == "semi":
            item = _choice(self.value_list(vallist) + (base or [rng("data", type="token")]))
        else:
            item = _choice(base) if base else None
        if item is None:
            return [rng("text")]
        low = int(datatype.get("minOccurs", "1")) if datatype is not None else 1
        high_text = datatype.get("maxOccurs", "1") if datatype is not None else "1"
        high = None if high_text == "unbounded" else int(high_text)
        if high == 1:
            return [rng("optional", item)] if low == 0 else [item]
        return [rng("list", *repeat([item], low, high))]

    # -- attributes ------------------------------------------------------------------

    def attribute(self, attdef: etree._Element) -> etree._Element:
        ident = attdef.get("ident", "")
        attrs = {"name": ident}
        if attdef.get("ns"):
            attrs["ns"] = attdef.get("ns", "")
        attribute = rng("attribute", *self.attribute_value(attdef), **attrs)
        if attdef.get("usage", "opt") == "req":
            return attribute
        return rng("optional", attribute)

    def local_idents(self, spec: Spec) -> frozenset[str]:
        """Idents of the attributes the spec declares, overrides or deletes itself."""
        attlist = spec.node.find(T + "attList")
        if attlist is None:
            return frozenset()
        names = {d.get("ident", "") for d in attlist.iter(T + "attDef")}
        names |= {r.get("name", "") for r in attlist.iter(T + "attRef") if r.get("name")}
        return frozenset(names)

    def all_idents(self, ident: str) -> frozenset[str]:
        """Every attribute an attribute class gives its members."""
        if ident not in self._idents:
            spec = self.specs[ident]
            names = set(self._declared(spec))
            for parent in self.supers.get(ident, []):
                names |= self.all_idents(parent)
            attlist = spec.node.find(T + "attList")
            if attlist is not None:
                names -= {d.get("ident") for d in attlist.iter(T + "attDef")
                          if d.get("mode") == "delete"}
            self._idents[ident] = frozenset(names)
        return self._idents[ident]

    def _declared(self, spec: Spec) -> list[str]:
        attlist = spec.node.find(T + "attList")
        if attlist is None:
            return []
        names = [d.get("ident", "") for d in attlist.iter(T + "attDef")
                 if d.get("mode") != "delete"]
        names += [r.get("name", "") for r in attlist.iter(T + "attRef") if r.get("name")]
        return names

    def inherited(self, spec: Spec, ident: str) -> etree._Element | None:
        """The attDef ``ident`` a spec inherits from its attribute classes, resolved."""
        for parent in self.supers.get(spec.ident, []):
            pspec = self.specs[parent]
            attlist = pspec.node.find(T + "attList")
            local = None
            if attlist is not None:
                local = next((d for d in attlist.iter(T + "attDef")
                              if d.get("ident") == ident), None)
            if local is not None:
                if local.get("mode") == "delete":
                    continue
                return self.resolve(pspec, local)
            found = self.inherited(pspec, ident)
            if found is not None:
                return found
        return None

    def resolve(self, spec: Spec, attdef: etree._Element) -> etree._Element:
        if attdef.get("mode") == "change":
            base = self.inherited(spec, attdef.get("ident", ""))
            if base is not None:
                return merge_attdef(base, attdef)
        return attdef

    def class_refs(self, ident: str, overridden: frozenset[str]) -> list[etree._Element]:
        """Refs giving the attributes of class ``ident`` except the ``overridden`` ones."""
        if not (self.all_idents(ident) & overridden):
            return [rng("ref", name=f"{ident}.attributes")]
        spec = self.specs[ident]
        result: list[etree._Element] = []
        inner = overridden | self.local_idents(spec)
        for parent in self.supers.get(ident, []):
            result.extend(self.class_refs(parent, inner))
        attlist = spec.node.find(T + "attList")
        if attlist is not None:
            for name in self._declared(spec):
                if name not in overridden:
                    result.append(self._attribute_ref(spec, attlist, name))
        return result

    def _attribute_ref(self, spec: Spec, attlist: etree._Element, name: str) -> etree._Element:
        ref = next((r for r in attlist.iter(T + "attRef") if r.get("name") == name), None)
        if ref is not None:
            return rng("ref", name=f"{ref.get('class')}.attribute.{name}")
        return rng("ref", name=f"{spec.ident}.attribute.{_define_safe(name)}")

    def attribute_patterns(self, spec: Spec, inline: bool) -> list[etree._Element]:
        """Class refs, then the spec's own attributes (inline, or refs to their defines)."""
        local = self.local_idents(spec)
        result: list[etree._Element] = []
        for parent in self.supers.get(spec.ident, []):
            result.extend(self.class_refs(parent, local))
        attlist = spec.node.find(T + "attList")
        if attlist is not None:
            result.extend(self._attlist(spec, attlist, inline))
        return result

    def _attlist(self, spec: Spec, attlist: etree._Element, inline: bool) -> list[etree._Element]:
        result: list[etree._Element] = []
        for child in attlist:
            if child.tag == T + "attDef":
                if child.get("mode") == "delete":
                    continue
                if inline:
                    result.append(self.attribute(self.resolve(spec, child)))
                else:
                    result.append(rng("ref", name=self._attribute_define(spec, child)))
            elif child.tag == T + "attRef":
                cls = child.get("class", "")
                if cls in self.specs:
                    result.append(rng("ref", name=f"{cls}.attribute.{child.get('name')}"))
            elif child.tag == T + "attList":
                inner = self._attlist(spec, child, inline)
                if inner:
                    result.append(_choice(inner) if child.get("org") == "choice"
                                  else _group(inner))
        return result

    def _attribute_define(self, spec: Spec, attdef: etree._Element) -> str:
        name = f"{spec.ident}.attribute.{_define_safe(attdef.get('ident', ''))}"
        if name not in self.defines:
            self.define(name, [self.attribute(self.resolve(spec, attdef))])
        return name

    def att_class(self, spec: Spec) -> None:
        patterns = self.attribute_patterns(spec, inline=False)
        self.define(f"{spec.ident}.attributes", patterns or [rng("empty")])


def _name(ns: str, local: str) -> etree._Element:
    node = rng("name", ns=ns)
    node.text = local
    return node


def _define_safe(ident: str) -> str:
    """``xml:id`` -> ``xmlid`` (a define name is an NCName)."""
    return ident.replace(":", "")


def _copy_rng(node: etree._Element) -> etree._Element:
    result = copy.deepcopy(node)
    for doc in list(result.iter(f"{{{ANNOTATIONS_NS}}}documentation")):
        doc.getparent().remove(doc)
    return result

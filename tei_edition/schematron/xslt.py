"""Generate one XSLT 3.0 stylesheet from a resolved Schematron schema.

The document is checked in ONE walk of its tree. Every rule of every pattern becomes a
template in the single mode ``te:check``; its priority follows schema order (the first
rule of the first pattern is highest). A template that matches a node runs its rule and
then ``xsl:next-match``, so every pattern gets its chance at the node, carrying in the
parameter ``te:fired`` the patterns that have already fired there: a later rule of a
pattern that has fired is skipped, which is the ISO rule "within a pattern, a node is
checked by the first rule whose context it matches". The last template in the chain (the
lowest priority) walks on to the children.

Example: a pattern P1 with rules ``tei:date[@when]`` and ``tei:date``, a pattern P2 with
``tei:*[@when]``. At ``<date when="x">`` the chain is P1.1 (fires, fired=(1)), P1.2 (skipped:
1 is in fired), P2.1 (fires, fired=(1,2)), then the walk goes on to the children.

Each rule's checks run in an ``xsl:try`` of their own: a rule that raises a dynamic error
is reported at its node (as a ``schematron-error`` failure) and the other rules still run.
An error outside the rules (a global let) is reported for the whole document.

Global lets (and the active phase's) are computed once per document and passed down as
tunnel parameters; pattern lets are evaluated with the document node as context item.
The stylesheet checks many documents per call: the named template ``te:run`` takes their
text, parses each with ``parse-xml`` (the text comes from lxml's safe parser: no DTD is
left to resolve) and writes ``<r><doc><f a="check index" p="path">...</f></doc>...</r>``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from tei_edition.schematron.schema import SCH_NS, XSL_NS, Check, Let, Rule, Schema

TE_NS = "urn:tei-edition:schematron"


def _x(name: str) -> str:
    return f"{{{XSL_NS}}}{name}"


def _sub(parent: etree._Element, xsl_name: str, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, _x(xsl_name))
    for key, value in attrs.items():
        el.set(key.rstrip("_").replace("__", "-"), value)
    return el


def _tunnel_name(let: Let) -> str:
    return let.name


_ATTRIBUTE_STEP = re.compile(r"(?:@|attribute::)\s*([\w.\-]+(?::[\w.\-]+)?|\*)\s*$")


def _node_kinds(schema: Schema) -> str:
    """What the walk must visit: elements; attributes and text only when a rule can match them.

    Where every attribute rule names its attribute (``tei:*/@when``), only those attributes
    are visited (``@when | @from | *``): most attributes then cost nothing.
    """
    attributes: set[str] = set()
    any_attribute = seen_text = False
    for pattern in schema.patterns:
        for rule in pattern.rules:
            for branch in _split_top(match_pattern(rule.context), "|"):
                bare = _strip_predicates(branch).strip()
                if "@" in bare or "attribute" in bare:
                    step = _ATTRIBUTE_STEP.search(bare)
                    if step and step.group(1) != "*" and "@" not in bare[:step.start()]:
                        attributes.add("@" + step.group(1))
                    else:
                        any_attribute = True
                if "text()" in bare or "node()" in bare or "comment()" in bare \
                        or "processing-instruction" in bare:
                    seen_text = True
    parts = ["@*"] if any_attribute else sorted(attributes)
    parts.append("node()" if seen_text else "*")
    return " | ".join(parts)


def _strip_predicates(xpath: str) -> str:
    out, depth, quote = [], 0, ""
    for ch in xpath:
        if quote:
            if ch == quote:
                quote = ""
            continue
        if ch in "'\"" and depth:
            quote = ch
        elif ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def _unquoted(text: str) -> Iterator[tuple[int, str, int]]:
    """(index, character, bracket depth after it) for each character outside quotes."""
    depth, quote = 0, ""
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = ""
            continue
        if ch in "'\"":
            quote = ch
            continue
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        yield i, ch, depth


def _split_top(text: str, sep: str) -> list[str]:
    """Split at ``sep`` outside brackets, parentheses and quotes."""
    parts, start = [], 0
    for i, ch, depth in _unquoted(text):
        if ch == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


_POSITIONAL = re.compile(r"position\s*\(|last\s*\(|^\s*\[\s*[\d$]")


def match_pattern(context: str) -> str:
    """The rule context as an XSLT match pattern Saxon can index by element name.

    ``(tei:a | tei:b)[P]`` matches the same nodes as ``tei:a[P] | tei:b[P]`` when P is not
    positional; Saxon tests the first form by evaluating an expression from the root at
    every node (slow), the second by name.
    """
    text = context.strip()
    if not text.startswith("("):
        return context
    close = _matching_paren(text)
    if close is None:
        return context
    inner, predicates = text[1:close], text[close + 1:].strip()
    if not predicates.startswith("[") or _POSITIONAL.search(predicates):
        return context
    if _split_top(predicates, "|") != [predicates] or "/" in _strip_predicates(predicates):
        return context
    branches = _split_top(inner, "|")
    if len(branches) < 2:
        return context
    return " | ".join(f"{b.strip()}{predicates}" for b in branches)


def _matching_paren(text: str) -> int | None:
    for i, ch, depth in _unquoted(text):
        if ch in ")]" and depth == 0:
            return i if ch == ")" else None
    return None


def generate_xslt(schema: Schema) -> str:
    """The XSLT 3.0 text of a resolved schema."""
    nsmap = {k: v for k, v in schema.namespaces.items() if k and k not in ("xsl", "te")}
    nsmap.update({"xsl": XSL_NS, "te": TE_NS, "xs": nsmap.get("xs",
                                                             "http://www.w3.org/2001/XMLSchema"),
                  "err": "http://www.w3.org/2005/xqt-errors"})
    root = etree.Element(_x("stylesheet"), nsmap=nsmap)
    root.set("version", "3.0")
    root.set("exclude-result-prefixes", "#all")
    _sub(root, "output", method="xml", indent="no", encoding="UTF-8")
    for el in schema.xslt_top_level:
        root.append(_copy(el))
    _path_function(root)
    _run_template(root, schema)
    priority = sum(len(p.rules) for p in schema.patterns) + 1
    for pattern in schema.patterns:
        for rule in pattern.rules:
            priority -= 1
            _rule_template(root, schema, pattern.index + 1, pattern.lets, rule, priority)
    walk = _sub(root, "template", match="document-node() | node() | @*", mode="te:check",
                priority="-1000")
    _sub(walk, "apply-templates", select=_node_kinds(schema), mode="te:check")
    return etree.tostring(root, encoding="unicode", pretty_print=True)


def _copy(el: etree._Element) -> etree._Element:
    new = etree.fromstring(etree.tostring(el))
    new.tail = None
    return new


def _path_function(root: etree._Element) -> None:
    fn = _sub(root, "function", name="te:path", as_="xs:string")
    _sub(fn, "param", name="n", as_="node()?")
    _sub(fn, "sequence", select=(
        "if (empty($n)) then '' else "
        "string-join(for $e in $n/ancestor-or-self::* "
        "return '/' || (1 + count($e/preceding-sibling::*)), '') || "
        "(if ($n instance of attribute()) "
        "then '/@Q{' || namespace-uri($n) || '}' || local-name($n) "
        "else if ($n instance of element() or $n instance of document-node()) then '' "
        "else '/#node')"))


def _run_template(root: etree._Element, schema: Schema) -> None:
    run = _sub(root, "template", name="te:run")
    _sub(run, "param", name="docs", as_="xs:string*")
    r = etree.SubElement(run, "r")
    each = _sub(r, "for-each", select="$docs")
    doc = etree.SubElement(each, "doc")
    # The rules catch their own errors (_rule_template); this catches the others (a let).
    walk = _sub(doc, "try")
    _walk_document(walk, schema)
    err = etree.SubElement(_sub(walk, "catch"), "error")
    _sub(err, "value-of", select="$err:description")


def _walk_document(parent: etree._Element, schema: Schema) -> None:
    per_doc = _sub(parent, "for-each", select="parse-xml(.)")
    for let in schema.lets:
        _let_variable(per_doc, let)
    apply = _sub(per_doc, "apply-templates", select=".", mode="te:check")
    for let in schema.lets:
        _sub(apply, "with-param", name=_tunnel_name(let), select=f"${let.name}", tunnel="yes")


def _let_variable(parent: etree._Element, let: Let, at_root: bool = False) -> None:
    var = _sub(parent, "variable", name=let.name)
    if let.as_type:
        var.set("as", let.as_type)
    if let.value is not None:
        var.set("select", f"root(.) ! ({let.value})" if at_root else let.value)
    elif let.content is not None:
        for child in let.content:
            var.append(_copy(child))


def _rule_template(root: etree._Element, schema: Schema, pattern_no: int,
                   pattern_lets: list[Let], rule: Rule, priority: int) -> None:
    """One rule as a template of mode te:check, its checks in an xsl:try: skipped where its
    pattern has fired at the node (te:fired), else run, and the pattern added to te:fired."""
    tpl = _sub(root, "template", match=match_pattern(rule.context), mode="te:check",
               priority=str(priority))
    _sub(tpl, "param", name="te:fired", as_="xs:integer*", select="()")
    for let in schema.lets:
        _sub(tpl, "param", name=_tunnel_name(let), tunnel="yes")
    choose = _sub(tpl, "choose")
    skip = _sub(choose, "when", test=f"$te:fired = {pattern_no}")
    nxt = _sub(skip, "next-match")
    _sub(nxt, "with-param", name="te:fired", select="$te:fired")
    run = _sub(choose, "otherwise")
    body = _sub(run, "try")
    for let in pattern_lets:
        _let_variable(body, let, at_root=True)
    for let in rule.lets:
        _let_variable(body, let)
    for check in rule.checks:
        _check(body, schema, check, rule.subject)
    catch = _sub(body, "catch")
    err = etree.SubElement(catch, "error")
    err.set("p", "{te:path(.)}")
    _sub(err, "value-of", select="$err:description")
    nxt = _sub(run, "next-match")
    _sub(nxt, "with-param", name="te:fired", select=f"($te:fired, {pattern_no})")


def _check(parent: etree._Element, schema: Schema, check: Check, rule_subject: str | None) -> None:
    test = f"not({check.test})" if check.kind == "assert" else f"({check.test})"
    cond = _sub(parent, "if", test=test)
    f = etree.SubElement(cond, "f")
    f.set("a", str(check.index))
    subject = check.subject or rule_subject
    f.set("p", "{te:path(" + (f"({subject})[1]" if subject else ".") + ")}")
    m = etree.SubElement(f, "m")
    _message(m, check.element)
    for ident in check.diagnostics:
        source = schema.diagnostics.get(ident)
        if source is not None:
            d = etree.SubElement(f, "dg", id=ident)
            _message(d, source)
    for ident in check.properties:
        source = schema.properties.get(ident)
        if source is not None:
            p = etree.SubElement(f, "pr", id=ident)
            _message(p, source)


def _text(parent: etree._Element, text: str | None) -> None:
    if text:
        _sub(parent, "text").text = text


def _message(out: etree._Element, source: etree._Element) -> None:
    """The mixed content of an assert, report, diagnostic or property, as XSLT."""
    _text(out, source.text)
    for child in source:
        if isinstance(child.tag, str) and child.tag == f"{{{SCH_NS}}}name":
            path = child.get("path")
            _sub(out, "value-of", select=f"name({path})" if path else "name(.)")
        elif isinstance(child.tag, str) and child.tag == f"{{{SCH_NS}}}value-of":
            _sub(out, "value-of", select=child.get("select", "."))
        elif isinstance(child.tag, str):  # emph, dir, span, foreign: their text
            _message(out, child)
        _text(out, child.tail)


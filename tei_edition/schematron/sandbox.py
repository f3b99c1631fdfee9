"""Schematron rules run without I/O: the compile-time checker (layer a) and the sandboxed
Saxon processor every Schematron runs on (layer b).

Layer (a), :class:`RuleChecker`, reads every XPath the generated stylesheet will evaluate
(rule contexts, assert and report tests, lets, ``value-of``/``name``, subjects, and every
XPath, attribute value template and text value template of the ``xsl:*`` elements a schema
carries) and refuses, with the file and line of the offending element, a call of a function
that reads, writes, lists or reaches outside, an extension function, and the instructions
that do the same. Calls are found by TOKENISING the expression, so that a name inside a
string literal or a comment is not a call:

* ``doc('a.xml')``, ``fn:doc (: c :) ('a')``, ``Q{http://www.w3.org/2005/xpath-functions}doc('a')``
  and ``unparsed-text#1`` (a function reference, called later) are refused;
* ``'use doc() here'``, ``(: doc(x) :)``, ``$doc('x')`` (a variable) and ``@doc`` are not calls.

``--trust-schema`` skips layer (a). Layer (b), :func:`processor`, is a Saxon processor of
its own with ``allowedProtocols`` empty (no URI of any scheme may be opened: ``doc``,
``unparsed-text``, ``collection``, ``xsl:include``...) and ``allow-external-functions`` off
(no ``xsl:result-document``, no environment variables): what slips past layer (a), or what a
trusted schema does, cannot reach a file or the network. The project's own stylesheets
(:mod:`tei_edition.render`) keep a processor without these properties: they include files.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from tei_edition.errors import Location, SchemaError

SCH_NS = "http://purl.oclc.org/dsdl/schematron"
XSL_NS = "http://www.w3.org/1999/XSL/Transform"
FN_NS = "http://www.w3.org/2005/xpath-functions"

#: Namespaces whose functions compute and never reach outside (XML Schema: the constructors).
PURE_NAMESPACES = {
    FN_NS,
    "http://www.w3.org/2005/xpath-functions/math",
    "http://www.w3.org/2005/xpath-functions/map",
    "http://www.w3.org/2005/xpath-functions/array",
    "http://www.w3.org/2001/XMLSchema",
}

#: Prefixes read as their usual namespaces when a schema does not bind them otherwise.
STANDARD_PREFIXES = {
    "fn": FN_NS, "math": f"{FN_NS}/math", "map": f"{FN_NS}/map", "array": f"{FN_NS}/array",
    "xs": "http://www.w3.org/2001/XMLSchema",
}

_READS = "reads files or URLs"
#: fn: functions refused, and what each does that a rule may not.
UNSAFE_FUNCTIONS = {
    "doc": _READS, "document": _READS, "doc-available": _READS, "json-doc": _READS,
    "unparsed-text": _READS, "unparsed-text-lines": _READS,
    "unparsed-text-available": _READS,
    # parse-xml: the text may carry a DOCTYPE whose external entities name files
    "parse-xml": _READS, "parse-xml-fragment": _READS,
    "collection": "lists folders", "uri-collection": "lists folders",
    "transform": "loads and runs another stylesheet",
    "load-xquery-module": "loads and runs an XQuery module",
    "function-lookup": "can call any function by its name",
    "environment-variable": "reads the environment",
    "available-environment-variables": "reads the environment",
}

#: xsl: instructions refused, and what each does.
UNSAFE_INSTRUCTIONS = {
    "result-document": "writes files",
    "source-document": "reads files or URLs",
    "merge": "reads files or URLs",
    "evaluate": "runs an XPath built at run time",
    "import-schema": "reads files or URLs",
    "use-package": "loads other code",
    "stream": "reads files or URLs",
}

#: Attributes of xsl:* elements that hold an XPath expression or pattern; any other
#: attribute of theirs is read as an attribute value template (over-approximated: a ``{``
#: in a plain attribute is read too, which can only refuse more).
XSL_XPATH_ATTRIBUTES = {
    "select", "test", "match", "use", "value", "from", "count", "group-by",
    "group-adjacent", "group-starting-with", "group-ending-with", "initial-value",
    "key", "use-when", "xpath", "context-item", "with-params", "namespace-context",
    "base-uri", "for-each-item", "for-each-source", "sort-before", "on-empty",
}

#: Attributes of sch:* elements that hold an XPath (param/@value is a piece of one).
SCH_XPATH_ATTRIBUTES = {"context", "test", "subject", "value", "select", "path", "documents"}

HINT = "Schematron rules may not read, write or fetch (use --trust-schema for a schema you trust)"


class UnsafeSchema(SchemaError):
    """A Schematron rule (or an ODD constraint) would read, write, list or fetch."""


# ---------------------------------------------------------------------------------------
# Tokenising XPath
# ---------------------------------------------------------------------------------------

_NCNAME = r"[^\W\d][\w.\-\u00b7]*"
_TOKEN = re.compile(
    r"""(?P<ws>\s+)
      | (?P<str>"(?:[^"]|"")*"|'(?:[^']|'')*')
      | (?P<comment>\(:)
      | (?P<num>\.?\d[\d.]*(?:[eE][+-]?\d+)?)
      | (?P<eqname>Q\{(?P<uri>[^{}]*)\}(?P<eqlocal>""" + _NCNAME + r"""))
      | (?P<qname>(?:(?P<prefix>""" + _NCNAME + r"""):(?!:))?(?P<local>""" + _NCNAME + r"""|\*))
      | (?P<other>::|.)""",
    re.VERBOSE | re.DOTALL)


@dataclass(frozen=True)
class Token:
    kind: str  # "name", "str", "other"
    text: str
    prefix: str | None = None  # a lexical QName's prefix ("" when there is none)
    uri: str | None = None  # an EQName's namespace
    local: str = ""


class XPathSyntax(ValueError):
    """An expression the tokeniser cannot read (an unclosed string or comment)."""


def tokens(expr: str) -> Iterator[Token]:
    """The tokens of an XPath 3.1 expression, without white space and comments."""
    pos = 0
    while pos < len(expr):
        m = _TOKEN.match(expr, pos)
        assert m is not None  # the last branch matches any character
        pos, kind = m.end(), m.lastgroup  # the outer group: "qname", not its "local"
        if kind == "ws":
            continue
        if kind == "qname":
            yield Token("name", m.group(0), prefix=m.group("prefix") or "",
                        local=m.group("local"))
        elif kind == "comment":
            pos = _skip_comment(expr, pos)
        elif kind == "str":
            yield Token("str", m.group(0))
        elif kind == "eqname":
            yield Token("name", m.group(0), uri=m.group("uri"), local=m.group("eqlocal"))
        elif m.group(0) in "'\"":
            raise XPathSyntax(f"unclosed string literal in {expr!r}")
        else:
            yield Token("other", m.group(0))


def _skip_comment(expr: str, pos: int) -> int:
    """The position after the comment that opened before ``pos`` (comments nest)."""
    depth = 1
    while depth:
        close, open_ = expr.find(":)", pos), expr.find("(:", pos)
        if close < 0:
            raise XPathSyntax(f"unclosed comment in {expr!r}")
        if 0 <= open_ < close:
            depth, pos = depth + 1, open_ + 2
        else:
            depth, pos = depth - 1, close + 2
    return pos


@dataclass(frozen=True)
class Call:
    """A function named in an expression as a call ``f(`` or a reference ``f#1``."""

    uri: str | None  # None: an unbound prefix
    local: str
    shown: str  # as written: "fn:doc", "unparsed-text"


#: Unprefixed names followed by "(" that are not function calls: XPath's reserved names
#: (kind and type tests, ``if``), and the operators and keywords (``for $x in (1, 2)``).
_NOT_FUNCTIONS = {
    "attribute", "comment", "document-node", "element", "empty-sequence", "function",
    "if", "item", "map", "array", "namespace-node", "node", "processing-instruction",
    "schema-attribute", "schema-element", "switch", "text", "typeswitch",
    "and", "or", "div", "idiv", "mod", "in", "return", "satisfies", "then", "else", "to",
    "eq", "ne", "lt", "le", "gt", "ge", "is", "union", "intersect", "except", "as", "of",
}


def calls(expr: str, namespaces: dict[str, str]) -> Iterator[Call]:
    """Every function the expression calls or references, its prefix resolved."""
    toks = list(tokens(expr))
    for i, tok in enumerate(toks):
        if tok.kind != "name" or tok.local == "*":
            continue
        before = toks[i - 1].text if i else ""
        after = toks[i + 1].text if i + 1 < len(toks) else ""
        if before in ("$", "@") or after not in ("(", "#"):
            continue
        if tok.uri is not None:
            yield Call(tok.uri, tok.local, tok.text)
        elif tok.prefix:
            yield Call(namespaces.get(tok.prefix), tok.local, tok.text)
        elif tok.local not in _NOT_FUNCTIONS:  # an unprefixed name: fn's
            yield Call(FN_NS, tok.local, tok.text)


def template_expressions(text: str) -> Iterator[str]:
    """The XPath parts of an attribute or text value template: ``a{x}b{{c}}`` gives ``x``.

    A ``}`` inside a string literal of the expression does not close it."""
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "{}" and text[i:i + 2] in ("{{", "}}"):
            i += 2
            continue
        if ch != "{":
            i += 1
            continue
        start, i, quote = i + 1, i + 1, ""
        while i < len(text) and (quote or text[i] != "}"):
            if quote and text[i] == quote:
                quote = ""
            elif not quote and text[i] in "'\"":
                quote = text[i]
            i += 1
        yield text[start:i]
        i += 1


# ---------------------------------------------------------------------------------------
# The checker
# ---------------------------------------------------------------------------------------


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


class RuleChecker:
    """Refuse, with file and line, what would read, write, list or fetch in a schema's rules.

    ``namespaces`` are the schema's prefixes (``sch:ns``, the defaults); ``folder`` is the
    schema's own folder, outside which no include may point; ``locate`` says where an
    offending element is reported (default: ``source`` and the element's line; an included
    file's elements are reported in that file, an ODD's at the line of the constraintSpec).
    """

    def __init__(self, source: str, namespaces: dict[str, str], folder: Path,
                 locate: Callable[[etree._Element], Location] | None = None):
        self.source = source
        self.namespaces = namespaces
        self.folder = folder.resolve()
        self.locate = locate or (lambda el: Location(self.source, el.sourceline))
        self.declared: set[tuple[str | None, str]] = set()

    def declare_functions(self, trees: list[etree._Element]) -> None:
        """Functions the schema declares itself (``xsl:function``) may be called."""
        for tree in trees:
            for fn in tree.iter(f"{{{XSL_NS}}}function"):
                name = fn.get("name", "")
                prefix, _, local = name.rpartition(":")
                uri = (fn.nsmap.get(prefix) or self.namespaces.get(prefix)) if prefix else None
                if name.startswith("Q{"):
                    uri, local = name[2:].split("}", 1)
                self.declared.add((uri, local))

    def fail(self, el: etree._Element, message: str) -> UnsafeSchema:
        return UnsafeSchema(f"{message}; {HINT}", self.locate(el), "schematron-unsafe")

    # -- expressions --------------------------------------------------------------------

    def expression(self, expr: str, el: etree._Element) -> None:
        namespaces = {**STANDARD_PREFIXES, **self.namespaces,
                      **{k: v for k, v in el.nsmap.items() if k}}
        try:
            found = list(calls(expr, namespaces))
        except XPathSyntax as exc:
            raise self.fail(el, f"cannot read the expression: {exc}") from None
        for call in found:
            if call.uri == FN_NS and call.local in UNSAFE_FUNCTIONS:
                raise self.fail(el, f"{call.local}() {UNSAFE_FUNCTIONS[call.local]}")
            if call.uri in PURE_NAMESPACES or (call.uri, call.local) in self.declared:
                continue
            if call.uri is None:
                raise self.fail(el, f"{call.shown}(): its prefix is not declared")
            raise self.fail(el, f"{call.shown}() is an extension function (namespace "
                                f"{call.uri or 'none'}), which may reach outside")

    def template(self, text: str | None, el: etree._Element) -> None:
        for expr in template_expressions(text or ""):
            self.expression(expr, el)

    # -- elements -----------------------------------------------------------------------

    def href(self, href: str, el: etree._Element, base: Path | None = None) -> Path:
        """The file an include names, refused when it lies outside the schema's folder."""
        target = href.partition("#")[0]
        if re.match(r"^[A-Za-z][\w+.\-]*:", target) and not target.startswith("file:"):
            raise self.fail(el, f"{_local(el)} href=\"{href}\" is a URL: includes must be "
                                "files in the schema's own folder")
        target = target.removeprefix("file://").removeprefix("file:")
        path = ((base or self.folder) / target).resolve()
        if path != self.folder and self.folder not in path.parents:
            raise self.fail(el, f"{_local(el)} href=\"{href}\" points outside the schema's "
                                f"folder ({self.folder})")
        return path

    def tree(self, root: etree._Element) -> None:
        """Check an element and everything under it (sch:* and xsl:* and their content)."""
        self._walk(root, xslt=False)

    def _walk(self, el: etree._Element, xslt: bool) -> None:
        if not isinstance(el.tag, str):
            return
        ns = etree.QName(el).namespace
        if ns == XSL_NS:
            self._xsl_element(el)
            inner = True
        elif xslt:  # a literal result element (in any namespace, the schema's default too)
            for name, value in el.attrib.items():
                if name == f"{{{XSL_NS}}}use-when":
                    self.expression(value, el)
                else:
                    self.template(value, el)
            inner = True
        elif ns == SCH_NS:
            for name in SCH_XPATH_ATTRIBUTES & set(el.attrib):
                self.expression(el.get(name, ""), el)
            if _local(el) in ("include", "extends") and el.get("href"):
                self.href(el.get("href", ""), el)
            inner = _local(el) == "let"  # a let's content becomes xsl:variable's
        else:  # foreign markup in a message (emph, a TEI element): text, never evaluated
            inner = False
        for child in el:
            if inner and isinstance(child.tag, str):
                self.template(child.tail, el)
            self._walk(child, inner)
        if inner:
            self.template(el.text, el)

    def _xsl_element(self, el: etree._Element) -> None:
        name = _local(el)
        if name in UNSAFE_INSTRUCTIONS:
            raise self.fail(el, f"xsl:{name} {UNSAFE_INSTRUCTIONS[name]}")
        if name in ("import", "include"):
            self.href(el.get("href", ""), el)
        for attr, value in el.attrib.items():
            if "}" in attr:  # an extension attribute, or xsl:use-when on... a literal
                continue
            if attr in XSL_XPATH_ATTRIBUTES:
                self.expression(value, el)
            else:
                self.template(value, el)


# ---------------------------------------------------------------------------------------
# Layer (b): the sandboxed processor
# ---------------------------------------------------------------------------------------

#: Saxon configuration of the sandbox. The short names ("allowedProtocols") are silently
#: ignored by SaxonC 13: only the feature URIs take effect.
SANDBOX_PROPERTIES = {
    "http://saxon.sf.net/feature/allowedProtocols": "",
    "http://saxon.sf.net/feature/allow-external-functions": "false",
}

_lock = threading.Lock()
_processor: Any = None


def processor() -> Any:
    """The process-wide Saxon processor of user Schematron: no URI access, no writing.

    A second ``PySaxonProcessor`` beside :func:`tei_edition.render.processor` (SaxonC 13
    keeps one configuration per processor object)."""
    global _processor
    with _lock:
        if _processor is None:
            from saxonche import PySaxonProcessor

            from tei_edition.render import SAXON_MAX_DEPTH, SAXON_MAX_DEPTH_PROPERTY

            proc = PySaxonProcessor(license=False)
            for key, value in {**SANDBOX_PROPERTIES,
                               SAXON_MAX_DEPTH_PROPERTY: str(SAXON_MAX_DEPTH)}.items():
                proc.set_configuration_property(key, value)
            _processor = proc
        return _processor

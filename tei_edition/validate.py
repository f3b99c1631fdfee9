"""Validation: RELAX NG (lxml) and Schematron (our compiler, run by Saxon) -> diagnostics.

The API follows xmlschema's: :func:`validate` raises :class:`InvalidDocumentError`,
:func:`is_valid` returns a bool, :func:`iter_errors` yields every :class:`Diagnostic`.
:class:`Validator` checks many files with the schemas compiled once, sending documents to
Saxon in batches (one Saxon call per batch, not per document).

Every problem has a line and a column: lxml's RELAX NG errors carry only a line and an
XPath, and Schematron failures a path of child positions; both are mapped back to the
start tag of the element (or the attribute) in the source text.

Codes: ``xml`` (not well-formed, or unsafe: DOCTYPE, entities), ``io`` (cannot read),
``xinclude`` (an include refused or not followed: tei_edition/xinclude.py, which resolves the
others first; messages about included content name the included file), ``rng`` (RELAX NG),
and for Schematron the id of the assert or report (else of its rule, else of its pattern).
With ``registers`` (``tei-edition validate`` passes
:class:`tei_edition.registers.edition.FileRegisters`), every register pointer (``per:ID``)
must name an entry of the file's edition: ``register-ref`` (tei_edition/registers/check.py),
or a note ``register-unchecked`` where the file belongs to no edition with registers.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from tei_edition.errors import (
    Diagnostic,
    ExitCode,
    InputError,
    InvalidDocumentError,
    Location,
    SchemaError,
    XMLSyntaxProblem,
)
from tei_edition.inputs import find_files, read_file
from tei_edition.registers.check import check_refs, unchecked_refs
from tei_edition.registers.model import Register
from tei_edition.resources import schemas_dir
from tei_edition.rng_reduce import Name, element_names, reduce_grammar
from tei_edition.schematron import CompiledSchematron, Failure, compile_schematron
from tei_edition.schematron.sandbox import UnsafeSchema
from tei_edition.tei import parse_bytes, sniff_encoding
from tei_edition.xinclude import Assembled, assemble

#: Documents sent to Saxon in one call.
BATCH_SIZE = 250


class SchemaUnavailable(SchemaError):
    """The schema named (or the default one) is missing or does not compile: a usage error."""

    exit_code = ExitCode.USAGE


def default_schema() -> Path:
    return schemas_dir() / "tei_edition.rng"


def default_schematron() -> Path:
    return schemas_dir() / "tei_edition.sch"


# ---------------------------------------------------------------------------------------
# Schemas, compiled once per process
# ---------------------------------------------------------------------------------------

class RelaxNGSchema:
    """A RELAX NG schema file, read once, compiled for the element names documents use.

    lxml compiles tei_all in about 8 s and cannot keep the result on disk, so the grammar
    is compiled reduced to the names of the documents in hand (:mod:`tei_edition.rng_reduce`:
    the same verdicts and, simplified, the same messages), which takes milliseconds.
    :meth:`for_names` compiles again only when asked for a name it has not compiled for,
    then for the union of all names asked so far (a superset of a document's names gives the
    same verdicts as its own).
    """

    def __init__(self, path: Path, tree: etree._ElementTree):
        self.path = path
        self.tree = tree
        self._names: frozenset[Name] | None = None
        self._compiled: etree.RelaxNG | None = None
        self._full: etree.RelaxNG | None = None
        self._lock = threading.Lock()

    def for_names(self, names: frozenset[Name]) -> etree.RelaxNG:
        with self._lock:
            # _names is None once the full grammar is compiled: it serves every document.
            if self._compiled is not None and (self._names is None or names <= self._names):
                return self._compiled
            wanted = names | (self._names or frozenset())
            reduced = reduce_grammar(self.tree.getroot(), wanted)
            if reduced is None:  # the grammar uses what the reduction does not read
                self._names = None
                self._compiled = self._full = self._full or self._compile(self.tree)
            else:
                self._compiled, self._names = self._compile(reduced), wanted
            return self._compiled

    def full(self) -> etree.RelaxNG:
        """The whole grammar, compiled once (8-10 s for tei_all): what :meth:`for_names`
        compiles when the grammar is not one the reduction reads, and what the tests compare
        the reduced grammar's verdicts and messages with."""
        with self._lock:
            if self._full is None:
                self._full = self._compile(self.tree)
            return self._full

    def _compile(self, grammar: etree._ElementTree | etree._Element) -> etree.RelaxNG:
        try:
            return etree.RelaxNG(grammar)
        except etree.RelaxNGParseError as exc:
            raise SchemaUnavailable(f"RELAX NG schema does not compile: {exc}",
                                    Location(str(self.path)), "usage") from None


_rng_cache: dict[str, RelaxNGSchema] = {}
_rng_lock = threading.Lock()


def compile_relaxng(path: str | Path) -> RelaxNGSchema:
    """The RELAX NG schema of a file, read once per process (keyed by content); it compiles
    when a document is checked (:meth:`RelaxNGSchema.for_names`)."""
    p = Path(path)
    if not p.is_file():
        raise SchemaUnavailable(f"RELAX NG schema not found: {p}", Location(str(p)), "usage")
    data = read_file(p, "xml")
    key = f"{p.resolve()}:{hashlib.sha256(data).hexdigest()}"
    with _rng_lock:
        found = _rng_cache.get(key)
        if found is None:
            try:
                tree = parse_bytes(data, str(p))
            except XMLSyntaxProblem as exc:
                raise SchemaUnavailable(f"RELAX NG schema is not well-formed: {exc.message}",
                                        exc.location, "usage") from None
            tree.docinfo.URL = p.resolve().as_uri()  # rng:include resolves beside the schema
            found = _rng_cache[key] = RelaxNGSchema(p, tree)
        return found


def _schematron(path: str | Path, phase: str | None, trust: bool) -> CompiledSchematron:
    p = Path(path)
    if not p.is_file():
        raise SchemaUnavailable(f"Schematron schema not found: {p}", Location(str(p)), "usage")
    try:
        return compile_schematron(p, phase, trust=trust)
    except UnsafeSchema:  # a refused schema is invalid input (exit 1), not a usage error
        raise
    except SchemaError as exc:
        raise SchemaUnavailable(exc.message, exc.location, "usage") from None


# ---------------------------------------------------------------------------------------
# Source positions
# ---------------------------------------------------------------------------------------

_MARKUP = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!.*?>|<([^\s/>!?][^\s/>]*)", re.DOTALL)


class SourceMap:
    """Lines and columns of elements and attributes in a document's source text.

    The k-th start tag in the text is the k-th element in document order, so the map is
    exact (comments, CDATA sections and processing instructions are skipped).
    """

    def __init__(self, text: str, tree: etree._ElementTree):
        self.text = text
        self.tree = tree
        self._line_starts: list[int] | None = None  # computed when a position is asked for
        self._offsets: dict[etree._Element, int] | None = None

    def _element_offsets(self) -> dict[etree._Element, int]:
        if self._offsets is None:
            starts = [m.start() for m in _MARKUP.finditer(self.text) if m.group(1)]
            elements = [el for el in self.tree.getroot().iter() if isinstance(el.tag, str)]
            self._offsets = dict(zip(elements, starts, strict=False))
        return self._offsets

    def position(self, offset: int) -> tuple[int, int]:
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def element(self, el: etree._Element | None) -> tuple[int | None, int | None]:
        if el is None:
            return None, None
        while not isinstance(el.tag, str):  # a comment or PI: its parent
            el = el.getparent()
        offset = self._element_offsets().get(el)
        if offset is None:
            return el.sourceline, None
        return self.position(offset)

    def attribute(self, el: etree._Element, name: str,
                  any_prefix: bool = False) -> tuple[int | None, int | None]:
        """The position of attribute ``name`` (a Clark name; with ``any_prefix`` a local name
        that may carry any prefix, as in libxml2's messages) in el's start tag."""
        offset = self._element_offsets().get(el)
        if offset is None:
            return el.sourceline, None
        namespace, _, local_name = name[1:].partition("}") if name.startswith("{") else (
            "", "", name)
        local = re.escape(local_name)
        prefix = r"[\w.\-]+:" if namespace else r"(?:[\w.\-]+:)?" if any_prefix else ""
        end = self.text.find(">", offset)
        found = re.compile(rf"\s({prefix}{local})\s*=").search(self.text, offset, end + 1)
        if found is None:
            return self.position(offset)
        return self.position(found.start(1))

    def path(self, path: str) -> tuple[int | None, int | None]:
        """Position of a Schematron path of child positions: ``/1/3/2``, ``/1/3/@Q{}when``."""
        el: etree._Element | None = self.tree.getroot()
        path, _, attribute = path.partition("/@")
        path = path.split("/#", 1)[0]
        for step in [s for s in path.split("/") if s][1:]:
            children = [c for c in el if isinstance(c.tag, str)] if el is not None else []
            index = int(step) - 1
            if index >= len(children):
                break
            el = children[index]
        if attribute and el is not None:
            match = re.fullmatch(r"Q\{(.*?)\}(.*)", attribute)
            clark = (f"{{{match.group(1)}}}{match.group(2)}" if match.group(1)
                     else match.group(2)) if match else attribute
            return self.attribute(el, clark)
        return self.element(el)


# ---------------------------------------------------------------------------------------
# One document's report
# ---------------------------------------------------------------------------------------


@dataclass
class Report:
    """What validation found in one file."""

    file: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    readable: bool = True  # False: unreadable or not well-formed

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level == "error"]

    @property
    def valid(self) -> bool:
        return self.readable and not self.errors


_RNG_ATTRIBUTE = re.compile(r"Invalid attribute (\S+) for element")


def _rng_diagnostics(rng: etree.RelaxNG, tree: etree._ElementTree, source: SourceMap,
                     name: str) -> list[Diagnostic]:
    if rng.validate(tree):
        return []
    found: list[tuple[int | None, int | None, str]] = []
    for entry in rng.error_log:
        line: int | None = entry.line or None
        col: int | None = None
        el = _element_at(tree, entry.path) if entry.path else None
        attr = _RNG_ATTRIBUTE.match(entry.message)
        if el is not None and attr:
            line, col = source.attribute(el, attr.group(1), any_prefix=True)
        elif el is not None:
            line, col = source.element(el)
        found.append((line, col, _rng_message(entry.message, el,
                                              attr.group(1) if attr else None)))
    # libxml2 gives some messages ("Element supplied failed to validate attributes") no line
    # and no path; they come next to the message that has them: take its position.
    for i, (line, col, message) in enumerate(found):
        if line is None:
            near = [f for f in found[i + 1:] + found[:i][::-1] if f[0] is not None]
            line, col = near[0][:2] if near else source.element(tree.getroot())
            found[i] = (line, col, message)
    if not found:  # refused without a word (libxml2 does so for a start it cannot match)
        found.append((*source.element(tree.getroot()), "not valid for this schema"))
    out: list[Diagnostic] = []
    for line, col, message in dict.fromkeys(found):
        out.append(Diagnostic(Location(name, line, col), "error", "rng", message))
    return out


_PREFIXED_STEP = re.compile(r"(?<=/)[\w.\-]+:([\w.\-]+)")


def _element_at(tree: etree._ElementTree, path: str) -> etree._Element | None:
    """The element of one of libxml2's error paths (``/*/*[2]/xi:include``); steps with a
    prefix are matched by local name, since the prefixes are not declared here."""
    path = _PREFIXED_STEP.sub(r"*[local-name()='\1']", path)
    try:
        found = tree.xpath(path)
    except etree.XPathError:
        return None
    if found and isinstance(found[0], etree._Element):
        return found[0]
    return None


#: The names in libxml2's messages: "Did not expect element div there", "Element div has
#: extra content: div", "Expecting element head, got div", "Invalid attribute n for element".
_RNG_NAME = re.compile(r"(?<=\belement )[\w.\-]+|(?<=extra content: )[\w.\-]+"
                       r"|(?<=, got )[\w.\-]+|(?<=^Invalid attribute )[\w.\-]+")


def _written(node: etree._Element, key: str | None = None) -> str:
    """An element's name (or its attribute ``key``'s) with the prefix the document writes:
    ``cb:div`` for ``{http://www.cbeta.org/ns/1.0}div`` under ``xmlns:cb``."""
    qname = etree.QName(key if key is not None else node)
    if qname.namespace is None:
        return qname.localname
    if key is None and node.prefix:
        return f"{node.prefix}:{qname.localname}"
    if key is not None:
        if qname.namespace == "http://www.w3.org/XML/1998/namespace":
            return f"xml:{qname.localname}"
        for prefix, uri in node.nsmap.items():
            if uri == qname.namespace and prefix:
                return f"{prefix}:{qname.localname}"
    return qname.localname


def _with_prefixes(message: str, el: etree._Element) -> str:
    """libxml2 names elements and attributes by their local names; name them as the document
    writes them, when the element, its parent or a child has that local name under one
    written name only (``Did not expect element cb:div there``)."""
    written: dict[str, set[str]] = {}
    parent = el.getparent()
    near = [el, *(c for c in el if isinstance(c.tag, str))] + ([parent] if parent is not None
                                                               else [])
    for node in near:
        written.setdefault(etree.QName(node).localname, set()).add(_written(node))
    attributes: dict[str, set[str]] = {}
    for key in el.attrib:
        attributes.setdefault(etree.QName(key).localname, set()).add(_written(el, key))

    def name(match: re.Match[str]) -> str:
        local = match.group(0)
        is_attribute = message.startswith("Invalid attribute ") and \
            match.start() == len("Invalid attribute ")
        table = attributes if is_attribute else written
        found = table.get(local, set())
        return next(iter(found)) if len(found) == 1 else local

    return _RNG_NAME.sub(name, message)


def _rng_message(message: str, el: etree._Element | None, attribute: str | None) -> str:
    """libxml2's message, made clearer where it is cryptic, with the document's prefixes."""
    if message == "Expecting an element , got nothing":
        return "content is incomplete: an element is missing before the end of this element"
    if el is not None:
        message = _with_prefixes(message, el)
    if attribute and el is not None:
        # "Invalid attribute when for element date" also means a value the schema refuses:
        # show the value
        for key, value in el.attrib.items():
            if etree.QName(key).localname == attribute:
                return f'{message} (value "{value}")'
    return message


def _failure_diagnostic(failure: Failure, source: SourceMap, name: str) -> Diagnostic:
    line, col = source.path(failure.path)
    return Diagnostic(Location(name, line, col), failure.level, failure.code,
                      failure.full_message)


def _decode(data: bytes, tree: etree._ElementTree) -> str:
    """The document's text for Saxon, in the encoding the parse read it in (sniff_encoding:
    the tree's docinfo names only the declaration, "UTF-8" for UTF-16 with a mark and none)."""
    bom, codec = sniff_encoding(data)  # parse_bytes has refused an encoding it cannot read
    try:
        text = data[len(bom):].decode(codec)
    except UnicodeDecodeError:
        return etree.tostring(tree, encoding="unicode")
    if codec != "utf-8":
        # Saxon reads the text as characters; an encoding declaration would only mislead it.
        text = re.sub(r"^<\?xml[^>]*\?>", "", text)
    return text


# ---------------------------------------------------------------------------------------
# The validator
# ---------------------------------------------------------------------------------------


class Validator:
    """RELAX NG and Schematron, compiled once, applied to many documents.

    With neither ``schema`` nor ``schematron`` it is the project's schema
    (``schemas/tei_edition.rng`` and ``.sch``). A ``schema`` named means that schema alone:
    Schematron runs only when asked, ``schematron=PATH`` for a file, ``True`` for the
    project's; ``schematron=False`` checks RELAX NG alone, whatever the schema. The
    Schematron's rules are refused if they could read, write or fetch, unless
    ``trust_schema``; trusted or not, they run in the sandbox
    (:mod:`tei_edition.schematron.sandbox`). ``registers`` gives the register a file's
    pointers are checked against (None: the file has none to check them against).
    """

    def __init__(self, schema: str | Path | None = None,
                 schematron: str | Path | None | bool = None, phase: str | None = None,
                 *, trust_schema: bool = False, include_root: str | Path | None = None,
                 registers: Callable[[str], Register | None] | None = None):
        self.include_root = include_root  # XIncludes resolve inside it (tei_edition/xinclude)
        self.registers = registers
        self.rng = compile_relaxng(schema or default_schema())
        self.schematron: CompiledSchematron | None = None
        if schematron is None:  # the project's Schematron goes with the project's schema only
            schematron = schema is None
        if schematron is not False:
            sch_path = default_schematron() if schematron is True else schematron
            self.schematron = _schematron(sch_path, phase,  # type: ignore[arg-type]
                                          trust_schema)

    def check_bytes(self, data: bytes, name: str = "<string>") -> Report:
        return self._check_batch([(name, data)])[0]

    def check_files(self, paths: Iterable[str | Path]) -> Iterator[Report]:
        """Reports in the order of ``paths``, checked BATCH_SIZE documents per Saxon call."""
        batch: list[tuple[str, bytes | InputError]] = []
        for path in paths:
            batch.append((str(path), _read(path)))
            if len(batch) >= BATCH_SIZE:
                yield from self._check_batch(batch)
                batch = []
        if batch:
            yield from self._check_batch(batch)

    def _check_batch(self, batch: list[tuple[str, bytes | InputError]]) -> list[Report]:
        reports: list[Report] = []
        pending: list[tuple[Report, SourceMap]] = []
        assembled: list[tuple[Report, Assembled, SourceMap]] = []
        for name, data in batch:
            report = Report(name)
            reports.append(report)
            if not isinstance(data, bytes):
                report.readable = False
                report.diagnostics.append(data.diagnostic())
                continue
            try:
                tree = parse_bytes(data, name)
                whole = assemble(tree, data, name, self.include_root)
            except (XMLSyntaxProblem, InputError) as exc:
                report.readable = False
                report.diagnostics.append(exc.diagnostic())
                continue
            if whole is not None:  # its XIncludes resolved: validated as one document
                tree, data = whole.tree, whole.data
            source = SourceMap(_decode(data, tree), tree)
            if whole is not None:
                assembled.append((report, whole, source))
            pending.append((report, source))
        # One grammar for the batch, reduced to the names its documents use.
        names = frozenset().union(*(element_names(source.tree) for _, source in pending))
        if pending:
            rng = self.rng.for_names(names)
            for report, source in pending:
                report.diagnostics.extend(_rng_diagnostics(rng, source.tree, source,
                                                           report.file))
        if self.schematron is not None and pending:
            results = self.schematron.check([source.text for _, source in pending])
            for (report, source), failures in zip(pending, results, strict=True):
                report.diagnostics.extend(
                    _failure_diagnostic(f, source, report.file) for f in failures)
        if self.registers is not None:
            for report, source in pending:
                report.diagnostics.extend(self._pointers(report.file, source))
        for report in reports:
            report.diagnostics.sort(key=lambda d: (d.location.line or 0, d.location.col or 0))
        for report, whole, source in assembled:  # each message to the file it is about
            report.diagnostics = whole.relocate(report.diagnostics, source)
        return reports

    def _pointers(self, name: str, source: SourceMap) -> list[Diagnostic]:
        """The file's register pointers checked (the class docstring)."""
        assert self.registers is not None
        register = self.registers(name)

        def locate(el: etree._Element) -> Location:
            return Location(name, *source.element(el))

        if register is None:
            note = unchecked_refs(source.tree, locate)
            return [note] if note is not None else []
        return check_refs(source.tree, register, name, locate)


def _read(path: str | Path) -> bytes | InputError:
    try:
        return read_file(path, "xml")
    except InputError as exc:
        return exc


def find_xml_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders searched (recursively) for ``*.xml``, sorted."""
    return find_files(paths, ".xml")

# ---------------------------------------------------------------------------------------
# The public API: validate / is_valid / iter_errors
# ---------------------------------------------------------------------------------------

Source = str | Path | bytes


def _report(source: Source, schema: str | Path | None, schematron: str | Path | None | bool,
            phase: str | None) -> Report:
    validator = Validator(schema, schematron, phase)
    if isinstance(source, bytes):
        return validator.check_bytes(source)
    return next(validator.check_files([source]))


def iter_errors(source: Source, *, schema: str | Path | None = None,
                schematron: str | Path | None | bool = None,
                phase: str | None = None) -> Iterator[Diagnostic]:
    """Every problem of a document (a path, or its bytes): errors and warnings, in order."""
    yield from _report(source, schema, schematron, phase).diagnostics


def is_valid(source: Source, *, schema: str | Path | None = None,
             schematron: str | Path | None | bool = None, phase: str | None = None) -> bool:
    """True when the document is well-formed and has no errors (warnings allowed)."""
    return _report(source, schema, schematron, phase).valid


def validate(source: Source, *, schema: str | Path | None = None,
             schematron: str | Path | None | bool = None, phase: str | None = None) -> None:
    """Raise :class:`InvalidDocumentError` (with every diagnostic) unless the document is valid."""
    report = _report(source, schema, schematron, phase)
    if not report.valid:
        errors = report.errors
        raise InvalidDocumentError(
            f"{report.file} is not valid: {len(errors)} error(s); first: {errors[0].message}",
            report.diagnostics)


# ---------------------------------------------------------------------------------------
# Reports for people and CI
# ---------------------------------------------------------------------------------------


def summary(reports: list[Report]) -> dict[str, int]:
    """files, valid, invalid, errors, warnings."""
    return {
        "files": len(reports),
        "valid": sum(r.valid for r in reports),
        "invalid": sum(not r.valid for r in reports),
        "errors": sum(len(r.errors) for r in reports),
        "warnings": sum(len(r.diagnostics) - len(r.errors) for r in reports),
    }


def summary_line(counts: dict[str, int]) -> str:
    """``3 files: 2 valid, 1 invalid, 4 errors, 1 warning``."""
    def n(count: int, word: str) -> str:
        return f"{count} {word}" + ("" if count == 1 else "s")

    return (f"{n(counts['files'], 'file')}: {counts['valid']} valid, {counts['invalid']} invalid, "
            f"{n(counts['errors'], 'error')}, {n(counts['warnings'], 'warning')}")


def junit_report(reports: list[Report]) -> str:
    """JUnit XML: one testcase per file; a failure (invalid) or an error (unreadable)."""
    counts = summary(reports)
    suites = etree.Element("testsuites", name="tei-edition validate")
    suite = etree.SubElement(suites, "testsuite", name="tei-edition validate",
                             tests=str(counts["files"]),
                             failures=str(sum(r.readable and not r.valid for r in reports)),
                             errors=str(sum(not r.readable for r in reports)), skipped="0")
    for report in reports:
        case = etree.SubElement(suite, "testcase", classname="tei-edition.validate",
                                name=report.file, file=report.file)
        lines = "\n".join(str(d) for d in report.diagnostics)
        if not report.readable:
            first = report.diagnostics[0].message if report.diagnostics else "unreadable"
            etree.SubElement(case, "error", message=first, type="unreadable").text = lines
        elif not report.valid:
            errors = report.errors
            etree.SubElement(case, "failure", message=f"{len(errors)} error(s): "
                             f"{errors[0].message}", type="invalid").text = lines
        elif report.diagnostics:
            etree.SubElement(case, "system-out").text = lines
    return etree.tostring(suites, encoding="unicode", pretty_print=True)

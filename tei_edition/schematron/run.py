"""Compile a resolved schema to an XSLT 3.0 executable (once per process) and run it over
many documents in one Saxon call.

A failed assert or a successful report is a :class:`Failure`: its check (the code is the
id of the assert, else of its rule, else of its pattern), its message with ``sch:name`` /
``sch:value-of`` filled in, its diagnostics and properties, and the path of the context
node as child positions (``/1/3/2``, ``/1/3/@Q{}when``) which :mod:`tei_edition.validate`
maps to a line and a column. (Saxon-HE has no ``saxon:line-number()``, hence paths.)

Every schema runs on the sandboxed processor of :mod:`.sandbox`, never on the one of the
project's own stylesheets; what the sandbox stops at compile time is an
:class:`~.sandbox.UnsafeSchema` (code ``schematron-sandbox``), at run time a
``schematron-error`` failure at the node.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from tei_edition.errors import InputError, Location, SchemaError
from tei_edition.inputs import read_file
from tei_edition.schematron.sandbox import UnsafeSchema, processor
from tei_edition.schematron.schema import Check, Schema, load_schema

#: What Saxon says when the sandbox (:data:`~.sandbox.SANDBOX_PROPERTIES`) stops a stylesheet
#: at compile time: a literal doc('/etc/passwd') is read while compiling, and refused;
#: xsl:result-document is disabled.
SANDBOX_REFUSALS = ("has been prohibited", "has been disallowed", "is disabled")


@dataclass(frozen=True)
class Failure:
    """A failed assert or a successful report at one node of one document."""

    check: Check
    path: str  # "/1/3/2", "/1/3/@when", "/1/3/text()[2]", "" for the document node
    message: str
    diagnostics: dict[str, str]
    properties: dict[str, str]

    @property
    def code(self) -> str:
        return self.check.code

    @property
    def level(self) -> str:
        return self.check.level

    @property
    def full_message(self) -> str:
        """The message, followed by the texts of its diagnostics."""
        extra = [text for text in self.diagnostics.values() if text]
        return " ".join([self.message, *extra]) if extra else self.message


# ---------------------------------------------------------------------------------------
# Compiling and running
# ---------------------------------------------------------------------------------------


class CompiledSchematron:
    """A schema compiled to an XSLT 3.0 executable, ready to check many documents."""

    def __init__(self, schema: Schema, xslt: str):
        from tei_edition.render import StylesheetError

        self.schema = schema
        self.xslt = xslt
        compiler = processor().new_xslt30_processor()
        try:
            self._exe = compiler.compile_stylesheet(stylesheet_text=xslt)
        except Exception as exc:
            message = " ".join(str(exc).split())
            if any(sign in message for sign in SANDBOX_REFUSALS):
                raise UnsafeSchema(f"the Schematron sandbox refused the schema: {message}",
                                   Location(schema.source), "schematron-sandbox") from None
            raise SchemaError(f"Schematron schema does not compile: {message}",
                              Location(schema.source), "schematron") from None
        if self._exe is None:  # pragma: no cover - saxonche raises instead
            raise StylesheetError(f"Schematron schema does not compile: {schema.source}")
        self._lock = threading.Lock()

    def check(self, texts: list[str]) -> list[list[Failure]]:
        """Check documents (their XML text, already parsed safely by lxml) in one Saxon call.

        Returns one list of failures per document. A document on which a rule raises a
        dynamic error gets a failure with the code ``schematron-error``.
        """
        if not texts:
            return []
        proc = processor()
        values = [proc.make_string_value(t) for t in texts]  # kept alive during the call
        seq = proc.empty_sequence()
        for v in values:
            seq.add_xdm_item(v)
        with self._lock:
            self._exe.set_initial_template_parameters(False, {"docs": seq})
            try:
                out = self._exe.call_template_returning_string(
                    "{urn:tei-edition:schematron}run")
            except Exception as exc:
                raise SchemaError(f"Schematron run failed: {exc}", Location(self.schema.source),
                                  "schematron") from None
        return self._read_results(out or "<r/>", len(texts))

    def _read_results(self, out: str, count: int) -> list[list[Failure]]:
        results: list[list[Failure]] = []
        root = etree.fromstring(out.encode("utf-8"))
        for doc in root:
            found: list[Failure] = []
            for f in doc:
                found.append(self._failure(f))
            results.append(found)
        if len(results) != count:  # pragma: no cover - the stylesheet writes one doc each
            raise SchemaError(f"Schematron run gave {len(results)} results for {count} documents",
                              Location(self.schema.source), "schematron")
        return results

    def _failure(self, f: etree._Element) -> Failure:
        if f.tag == "error":
            check = Check(-1, "error", "", f, "schematron-error", None, None, None)
            return Failure(check, f.get("p", ""),
                           "a Schematron rule failed to run: " + _norm(f.text), {}, {})
        check = self.schema.checks[int(f.get("a", "0"))]
        message = ""
        diags: dict[str, str] = {}
        props: dict[str, str] = {}
        for part in f:
            if part.tag == "m":
                message = _norm(part.xpath("string()"))
            elif part.tag == "dg":
                diags[part.get("id", "")] = _norm(part.xpath("string()"))
            elif part.tag == "pr":
                props[part.get("id", "")] = _norm(part.xpath("string()"))
        return Failure(check, f.get("p", ""), message, diags, props)


def _norm(text: str | None) -> str:
    return " ".join((text or "").split())


_compiled: dict[tuple[str, str | None, bool], CompiledSchematron] = {}
_compiled_lock = threading.Lock()


def compile_schematron(path: str | Path, phase: str | None = None, *,
                       trust: bool = False) -> CompiledSchematron:
    """Compile a Schematron schema once per process (keyed by its path, bytes, phase and
    trust: a schema compiled trusted is not reused for an untrusted request).

    Unless ``trust``, the schema's rules are checked first (:class:`~.sandbox.RuleChecker`).
    Trusted or not, the schema runs on the sandboxed processor (:func:`~.sandbox.processor`).
    Nothing is kept between runs: generating the XSLT takes milliseconds (6 ms for the
    project's schema, 29 ms for tei_all's), Saxon's compilation of it the rest.
    """
    from tei_edition.schematron.xslt import generate_xslt

    p = Path(path)
    try:
        data = read_file(p, "xml")
    except InputError as exc:
        raise SchemaError(f"cannot read Schematron schema: {exc.message}", Location(str(p)),
                          "usage") from None
    key = (f"{p.resolve()}:{hashlib.sha256(data).hexdigest()}", phase, trust)
    with _compiled_lock:
        found = _compiled.get(key)
        if found is None:
            schema = load_schema(p, phase, trust=trust)
            found = CompiledSchematron(schema, generate_xslt(schema))
            _compiled[key] = found
        return found

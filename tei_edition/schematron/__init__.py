"""ISO Schematron for tei-edition: our own compiler to XSLT 3.0, run by saxonche.

* :mod:`.schema` reads a schema and resolves it (includes, abstract patterns and rules,
  phases) -- :func:`load_schema`;
* :mod:`.xslt` generates ONE XSLT 3.0 stylesheet that checks a document in one walk of its
  tree (the rules of all patterns merged into one mode, ISO's first-match per pattern kept);
* :mod:`.run` compiles it once per process and checks many documents per Saxon call --
  :func:`compile_schematron`, :meth:`CompiledSchematron.check`;
* :mod:`.sandbox` keeps the rules from reading, writing or fetching: a checker run when a
  schema is loaded (skipped with ``trust=True``, the CLI's ``--trust-schema``) and a Saxon
  processor without file or network access, on which every Schematron runs.
"""

from __future__ import annotations

from tei_edition.schematron.run import (
    CompiledSchematron,
    Failure,
    compile_schematron,
)
from tei_edition.schematron.schema import (
    DEFAULT_PREFIXES,
    QUERY_BINDINGS,
    SCH_NS,
    WARNING_ROLES,
    XSL_NS,
    Check,
    Let,
    Pattern,
    Rule,
    Schema,
    load_schema,
)

__all__ = [
    "DEFAULT_PREFIXES", "QUERY_BINDINGS", "SCH_NS", "WARNING_ROLES", "XSL_NS", "Check",
    "CompiledSchematron", "Failure", "Let", "Pattern", "Rule", "Schema",
    "compile_schematron", "load_schema",
]

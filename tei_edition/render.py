"""The saxonche wrapper and the registry of output formats.

One Saxon processor per process; each stylesheet is compiled once per process and reused.
Documents are parsed safely by lxml (:mod:`tei_edition.tei`) before Saxon sees them, so
Saxon never resolves a DTD or an entity.

An output format registers a driver stylesheet by name (``html``, ``print``); an unknown
name gives an error that lists the known ones.

Concurrency, the policy of the whole package: work runs in parallel in separate processes
(the edition build's workers), each with its own Saxon processor and its own compiled
stylesheets; nothing Saxon made is shared between processes. Inside a process, module-level
state that changes (the processor, the compiled stylesheets, any cache) is read and written
only under a lock of its module, and a compiled stylesheet runs under that lock too: its
parameters are set on the executable itself, so two threads running one stylesheet at the
same time would mix their parameters. Threads are therefore safe but not faster; per-run
state lives in arguments and local variables, never at module level.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from tei_edition.errors import TeiEditionError
from tei_edition.resources import xslt_dir


@dataclass(frozen=True)
class OutputFormat:
    name: str
    driver: str  # path of the driver stylesheet, relative to xslt/
    description: str


#: Output formats: name -> driver stylesheet. A format is one folder under xslt/ and one entry here.
FORMATS: dict[str, OutputFormat] = {
    "html": OutputFormat("html", "html/html.xsl", "a page of the static HTML edition"),
    "print": OutputFormat("print", "print/print.xsl", "print HTML for the PDF edition"),
}


#: Saxon's XML parser (JAXP) refuses elements nested more than 100 deep; the print HTML of a
#: document is a few levels deeper than its TEI. Saxon gets room above the toolkit's own
#: limit (tei_edition.tei.MAX_DEPTH), which every document is checked against first.
SAXON_MAX_DEPTH = 400
_JAXP = "http://saxon.sf.net/feature/parserProperty?uri=http%3A//www.oracle.com/xml/jaxp/properties/"
SAXON_MAX_DEPTH_PROPERTY = _JAXP + "maxElementDepth"

#: Saxon's parser also counts every reference to one of XML's five entities against a
#: limit of 100,000 (JAXP's entity size limits, set so in SaxonC's jaxp.properties): the
#: view page of a 4 MB TEI, whose every "<" is "&lt;" in the text Saxon parses
#: (site.render_source), was refused. Saxon only ever parses lxml's serialisation of a
#: document lxml parsed safely (no DTD, so no entity of its own), so there is nothing to
#: expand but those five and character references: no limit (0) is needed.
SAXON_ENTITY_PROPERTIES = {_JAXP + "maxGeneralEntitySizeLimit": "0",
                           _JAXP + "totalEntitySizeLimit": "0"}


class StylesheetError(TeiEditionError):
    """A stylesheet does not compile or fails at run time."""


#: Guards the processor, the compiled stylesheets and every run of one (see the policy above).
_lock = threading.RLock()
_processor: Any = None
_compiled: dict[Path, Any] = {}


def processor() -> Any:
    """The process-wide ``PySaxonProcessor`` (Saxon allows one per process in practice)."""
    global _processor
    with _lock:
        if _processor is None:
            from saxonche import PySaxonProcessor

            _processor = PySaxonProcessor(license=False)
            _processor.set_configuration_property(SAXON_MAX_DEPTH_PROPERTY, str(SAXON_MAX_DEPTH))
            for name, value in SAXON_ENTITY_PROPERTIES.items():
                _processor.set_configuration_property(name, value)
        return _processor


def compile_stylesheet(path: str | Path) -> Any:
    """Compile an XSLT 3.0 stylesheet once per process; later calls return the same executable."""
    p = Path(path).resolve()
    with _lock:
        exe = _compiled.get(p)
        if exe is None:
            xslt = processor().new_xslt30_processor()
            try:
                exe = xslt.compile_stylesheet(stylesheet_file=str(p))
            except Exception as exc:  # saxonche raises PySaxonApiError
                raise StylesheetError(f"stylesheet does not compile: {exc}", code="xslt") from None
            if exe is None:
                raise StylesheetError(f"stylesheet does not compile: {p}", code="xslt")
            _compiled[p] = exe
        return exe


def format_stylesheet(name: str) -> Path:
    """The driver stylesheet of an output format."""
    try:
        fmt = FORMATS[name]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise StylesheetError(f"unknown output format '{name}' (known: {known})",
                              code="usage") from None
    return xslt_dir() / fmt.driver


def _xdm_value(value: Any) -> Any:
    proc = processor()
    if isinstance(value, bool):
        return proc.make_boolean_value(value)
    if isinstance(value, int):
        return proc.make_integer_value(value)
    if isinstance(value, float):
        return proc.make_double_value(value)
    return proc.make_string_value(str(value))


def transform(document: etree._ElementTree | etree._Element | bytes | str,
              stylesheet: str | Path, params: dict[str, Any] | None = None) -> str:
    """Run a stylesheet over a document (a tree, or its serialisation as bytes in UTF-8 or
    as a string) with ``params`` (every other parameter takes its default) and return the
    serialised principal result."""
    exe = compile_stylesheet(stylesheet)
    if isinstance(document, bytes):
        document = document.decode("utf-8")
    elif not isinstance(document, str):
        document = etree.tostring(document, encoding="unicode")
    with _lock:
        node = processor().parse_xml(xml_text=document)
        exe.clear_parameters()
        for key, value in (params or {}).items():
            exe.set_parameter(key, _xdm_value(value))
        try:
            result = exe.transform_to_string(xdm_node=node)
        except Exception as exc:
            raise StylesheetError(f"transformation failed: {exc}", code="xslt") from None
    if result is None:
        raise StylesheetError(f"transformation with {stylesheet} produced nothing", code="xslt")
    return result

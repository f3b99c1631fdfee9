"""The saxonche wrapper and the registry of output formats.

One Saxon processor per process; each stylesheet is compiled once and reused. Documents
are parsed safely by lxml (:mod:`tei_edition.tei`) before Saxon sees them, so Saxon never
resolves a DTD or an entity.

An output format registers a driver stylesheet by name (``html``, ``print``); an unknown
name gives an error that lists the known ones.
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
SAXON_MAX_DEPTH_PROPERTY = ("http://saxon.sf.net/feature/parserProperty?uri="
                            "http%3A//www.oracle.com/xml/jaxp/properties/maxElementDepth")


class StylesheetError(TeiEditionError):
    """A stylesheet does not compile or fails at run time."""


_lock = threading.Lock()
_processor: Any = None
_compiled: dict[Path, Any] = {}
_by_given_path: dict[str | Path, Any] = {}
#: id(executable) -> (prepared parameters, names of the other parameters) of its last run;
#: the prepared dict is held, so that its id cannot be reused by another.
_last_parameters: dict[int, tuple[dict[str, Any] | None, tuple[str, ...]]] = {}


def processor() -> Any:
    """The process-wide ``PySaxonProcessor`` (Saxon allows one per process in practice)."""
    global _processor
    with _lock:
        if _processor is None:
            from saxonche import PySaxonProcessor

            _processor = PySaxonProcessor(license=False)
            _processor.set_configuration_property(SAXON_MAX_DEPTH_PROPERTY, str(SAXON_MAX_DEPTH))
        return _processor


def compile_stylesheet(path: str | Path) -> Any:
    """Compile an XSLT 3.0 stylesheet once per process; later calls return the same executable."""
    exe = _by_given_path.get(path)  # the same absolute path again: no file system look-up
    if exe is not None:
        return exe
    p = Path(path).resolve()
    exe = _compiled.get(p)
    if exe is None:
        proc = processor()
        xslt = proc.new_xslt30_processor()
        try:
            exe = xslt.compile_stylesheet(stylesheet_file=str(p))
        except Exception as exc:  # saxonche raises PySaxonApiError
            raise StylesheetError(f"stylesheet does not compile: {exc}", code="xslt") from None
        if exe is None:
            raise StylesheetError(f"stylesheet does not compile: {p}", code="xslt")
        _compiled[p] = exe
    if Path(path).is_absolute():
        _by_given_path[path] = exe
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


def xdm_params(params: dict[str, Any]) -> dict[str, Any]:
    """Parameters made XDM values once, for a stylesheet that runs many times with them:
    pass the result to :func:`transform` as ``prepared``."""
    return {key: _xdm_value(value) for key, value in params.items()}


def _set_parameters(exe: Any, prepared: dict[str, Any] | None, params: dict[str, Any]) -> None:
    """Set a run's parameters. With the same prepared parameters and parameter names as the
    last run of this stylesheet (every page of an edition), only ``params`` are set again;
    otherwise all are cleared and set. Setting a parameter crosses into Saxon, and a page has
    thirteen."""
    state = (prepared, tuple(params))
    last = _last_parameters.get(id(exe))
    if last is None or last[0] is not prepared or last[1] != state[1]:
        exe.clear_parameters()
        for key, value in (prepared or {}).items():
            exe.set_parameter(key, value)
        _last_parameters[id(exe)] = state
    for key, value in params.items():
        exe.set_parameter(key, _xdm_value(value))


def transform(document: etree._ElementTree | etree._Element | bytes | str,
              stylesheet: str | Path,
              params: dict[str, Any] | None = None,
              prepared: dict[str, Any] | None = None) -> str:
    """Run a stylesheet over a document (a tree, or its serialisation as bytes in UTF-8 or
    as a string) and return the serialised principal result.
    ``prepared`` holds parameters already made XDM values (:func:`xdm_params`); ``params``
    are set after them."""
    exe = compile_stylesheet(stylesheet)
    if isinstance(document, bytes):
        document = document.decode("utf-8")
    elif not isinstance(document, str):
        document = etree.tostring(document, encoding="unicode")
    node = processor().parse_xml(xml_text=document)
    _set_parameters(exe, prepared, params or {})
    try:
        result = exe.transform_to_string(xdm_node=node)
    except Exception as exc:
        raise StylesheetError(f"transformation failed: {exc}", code="xslt") from None
    if result is None:
        raise StylesheetError(f"transformation with {stylesheet} produced nothing", code="xslt")
    return result


def call_template(stylesheet: str | Path, name: str, params: dict[str, Any] | None = None,
                  prepared: dict[str, Any] | None = None,
                  template_params: dict[str, Any] | None = None) -> str:
    """Run a named template of a stylesheet, without a source document, and return its
    serialised output. ``name`` is an EQName in Clark notation: ``{namespace}local``;
    ``template_params`` are the template's own parameters."""
    exe = compile_stylesheet(stylesheet)
    _set_parameters(exe, prepared, params or {})
    exe.set_initial_template_parameters(False, {key: _xdm_value(value) for key, value
                                                in (template_params or {}).items()})
    try:
        result = exe.call_template_returning_string(name)
    except Exception as exc:
        raise StylesheetError(f"template {name} of {stylesheet} failed: {exc}",
                              code="xslt") from None
    return result or ""

"""XInclude: one policy for every command that reads TEI (validate, html, pdf, build).

A document may include local files, never a URL::

    <xi:include href="bl-loan_ms_70_08/bl-loan_ms_70_08-0003.xml"/>   a whole file
    <xi:include href="people.xml" xpointer="mws"/>                    one element, by xml:id
    <xi:include href="note.txt" parse="text"/>                        a UTF-8 text, as text

An ``href`` is a relative path from the including file. It must stay inside the include
root (the document's own folder, unless the caller names a wider one: ``--include-root``):
an href with a scheme (``http:``, ``file:``), an absolute path, a path that leaves the root
through ``..`` or through a symbolic link, a query or a fragment is refused with the
position of its ``xi:include``. Every included file is read through
:func:`tei_edition.inputs.read_file` and parsed by :func:`tei_edition.tei.parse_bytes` (no
DTD, no entities, no network). Bounds: :data:`MAX_INCLUDES` inclusions in all,
:data:`MAX_NESTING` files deep, the assembled bytes no more than one XML input may hold
(``TEI_EDITION_MAX_XML_BYTES``), its elements no deeper than :data:`tei.MAX_DEPTH`; a file
that includes itself, directly or through others, is a cycle and refused.

``xpointer`` takes a bare name (``mws``), ``element(mws)``, ``element(mws/2/1)``,
``element(/1/3)`` and ``xpointer(id('mws'))``; any other scheme is refused by name. An
``xi:fallback`` stands in for a file that is not there (never for an href that is refused,
nor for a file that cannot be read or parsed). ``xml:base`` is neither read nor added: an
href is relative to the file it is written in.

The assembled document keeps where each element came from (:class:`Assembled`), so that
validation messages name the included file and its line and column
(:meth:`Assembled.relocate`). An ``xml:id`` that the assembled document holds twice (the
Shelley-Godwin driver names two editors "RV") is a warning, ``duplicate-id``, not an error:
the writers publish it.
"""

from __future__ import annotations

import bisect
import copy
import os
import re
import urllib.parse
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from tei_edition.errors import Diagnostic, InputError, Location, TeiEditionError
from tei_edition.inputs import limits, read_file
from tei_edition.tei import FORBIDDEN_RE, MAX_DEPTH, XML_NS, parse_bytes, sniff_encoding

if TYPE_CHECKING:
    from tei_edition.validate import SourceMap

XINCLUDE_NS = "http://www.w3.org/2001/XInclude"
INCLUDE = f"{{{XINCLUDE_NS}}}include"
FALLBACK = f"{{{XINCLUDE_NS}}}fallback"
XML_ID = f"{{{XML_NS}}}id"

#: Inclusions in one assembled document, counting every xi:include that is followed (a file
#: included twice counts twice): the Shelley-Godwin notebook driver has 15.
MAX_INCLUDES = 1000
#: Files deep: a document that includes a file that includes a file ... (the driver is 1).
MAX_NESTING = 16

# An attribute's name where a message points into a start tag: ``xml:id="RV"``.
_ATTRIBUTE = re.compile(r"([\w.\-]+:)?([\w.\-]+)\s*=")
# libxml2's RELAX NG message for an ID given twice, with or without the prefix.
_ID_ATTRIBUTE = re.compile(r"\battribute (?:xml:)?id\b")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


class XIncludeError(InputError):
    """An xi:include that is refused or cannot be followed (code ``xinclude``)."""

    def __init__(self, message: str, location: Location):
        super().__init__(message, location, "xinclude")


# ---------------------------------------------------------------------------------------
# The files of an assembly
# ---------------------------------------------------------------------------------------


@dataclass
class _File:
    """One file read for an assembly: its name as messages give it, its tree as parsed,
    and (asked for only when a position is) its source map."""

    name: str
    real: str  # its real path: cycles and the include root are checked on it
    data: bytes
    tree: etree._ElementTree
    _map: SourceMap | None = None

    def source_map(self) -> SourceMap:
        if self._map is None:
            from tei_edition.validate import SourceMap  # validate imports this module

            bom, codec = sniff_encoding(self.data, self.name)
            try:
                text = self.data[len(bom):].decode(codec)
            except UnicodeDecodeError:  # parse_bytes read it; positions fall back to lines
                text = ""
            self._map = SourceMap(text, self.tree)
        return self._map

    def location(self, el: etree._Element) -> Location:
        line, col = self.source_map().element(el)
        return Location(self.name, line, col)


def _contains(root: str, path: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


@dataclass
class Assembled:
    """A document with its inclusions resolved: the tree the writers and the schemas get,
    its bytes (UTF-8), and where each of its elements came from."""

    tree: etree._ElementTree
    data: bytes
    includes: int
    #: for the k-th element of ``tree`` in document order, its file and its element there
    origins: list[tuple[_File, etree._Element]] = field(repr=False)

    # -------------------------------------------------------------- validation messages

    def relocate(self, diagnostics: list[Diagnostic], source: SourceMap) -> list[Diagnostic]:
        """Messages about the assembled text (``source``: its map, as validation made it)
        moved to the file and the line and column the element came from; a duplicated
        ``xml:id`` becomes one ``duplicate-id`` warning in place of libxml2's RELAX NG error
        (see the module's docstring)."""
        name = self.origins[0][0].name if self.origins else ""
        elements = [el for el in self.tree.getroot().iter() if isinstance(el.tag, str)]
        starts = [source.element(el) for el in elements]
        keys = [(line or 0, col or 0) for line, col in starts]
        duplicates = self._duplicate_ids(elements, source)
        line_starts = [0] + [m.end() for m in re.finditer("\n", source.text)]
        # (the element's index, the message), sorted by the index at the end: in the order of
        # the assembled document, the warnings on repeated ids among the others
        out: list[tuple[int, Diagnostic]] = []
        for d in diagnostics:
            loc = d.location
            if loc.file != name or loc.line is None:
                out.append((-1, d))
                continue
            position = (loc.line, loc.col or 0)
            if d.code == "rng" and position in duplicates and _ID_ATTRIBUTE.search(d.message):
                continue  # libxml2's "Invalid attribute id for element name": said below
            if loc.col is None:  # a line only: the first element that starts on it
                k = bisect.bisect_left(keys, (loc.line, 0))
                if k >= len(keys) or keys[k][0] != loc.line:
                    k = max(k - 1, 0)
            else:
                k = max(bisect.bisect_right(keys, position) - 1, 0)
            where = (self._origin(k, position, keys[k], source, line_starts) if loc.col
                     else self._element_origin(k))
            out.append((k, Diagnostic(where, d.level, d.code, d.message)))
        out.extend((k, self._duplicate_warning(elements, k, first))
                   for k, first in duplicates.values())
        out.sort(key=lambda pair: pair[0])
        return [d for _, d in out]

    def duplicate_ids(self) -> list[Diagnostic]:
        """A ``duplicate-id`` warning for every xml:id the assembled document holds again,
        at the attribute in the file it came from: what ``html``, ``pdf`` and ``build``
        report (the same message as ``validate``'s, so that a command that does both prints
        it once)."""
        elements = [el for el in self.tree.getroot().iter() if isinstance(el.tag, str)]
        first: dict[str, int] = {}
        out = []
        for k, el in enumerate(elements):
            value = el.get(XML_ID)
            if value is None:
                continue
            if value in first:
                out.append(self._duplicate_warning(elements, k, first[value]))
            else:
                first[value] = k
        return out

    def _duplicate_warning(self, elements: list[etree._Element], k: int,
                           first: int) -> Diagnostic:
        again, before = self._attribute_origin(k, XML_ID), self._attribute_origin(first, XML_ID)
        why = ("its element is included more than once" if again == before
               else f"first at {before}")
        return Diagnostic(again, "warning", "duplicate-id",
                          f'xml:id "{elements[k].get(XML_ID)}" is given again ({why}): a '
                          "link to it finds the first")

    def _duplicate_ids(self, elements: list[etree._Element],
                       source: SourceMap) -> dict[tuple[int, int], tuple[int, int]]:
        """Every repeated xml:id, by the position of its attribute in the assembled text:
        (its element's index, the first one's index)."""
        first: dict[str, int] = {}
        found: dict[tuple[int, int], tuple[int, int]] = {}
        for k, el in enumerate(elements):
            value = el.get(XML_ID)
            if value is None:
                continue
            if value in first:
                line, col = source.attribute(el, XML_ID)
                found[(line or 0, col or 0)] = (k, first[value])
            else:
                first[value] = k
        return found

    def _origin(self, k: int, position: tuple[int, int], start: tuple[int, int],
                source: SourceMap, line_starts: list[int]) -> Location:
        """Where a position in the assembled text lies in its own file: the start tag of
        its element, or the attribute the position names in that tag."""
        if position != start and position[0] <= len(line_starts):
            offset = line_starts[position[0] - 1] + position[1] - 1
            named = _ATTRIBUTE.match(source.text, offset)
            if named:
                el = self.origins[k][1]
                for key in el.attrib:
                    if etree.QName(key).localname == named.group(2):
                        return self._attribute_origin(k, key)
        return self._element_origin(k)

    def _element_origin(self, k: int) -> Location:
        file, el = self.origins[k]
        return file.location(el)

    def _attribute_origin(self, k: int, clark: str) -> Location:
        file, el = self.origins[k]
        line, col = file.source_map().attribute(el, clark)
        return Location(file.name, line, col)


# ---------------------------------------------------------------------------------------
# Resolving
# ---------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------
# Parts of a folder: files that another file of the same set includes
# ---------------------------------------------------------------------------------------

# The XInclude namespace as a file's bytes hold it (UTF-8 and the two UTF-16s): a file
# without it includes nothing and is not parsed to find out.
_NAMESPACE_BYTES = tuple(XINCLUDE_NS.encode(codec) for codec in ("utf-8", "utf-16-le",
                                                                 "utf-16-be"))


def includes_of(path: str | Path) -> list[str]:
    """The real paths of the files ``path`` includes as XML (``parse="xml"``, with or
    without xpointer), resolved from its folder; [] for a file that includes nothing or
    cannot be read or parsed (reading it to publish it reports that). Only the hrefs are
    read here: whether an include may be followed is decided when the document is
    assembled."""
    try:
        data = read_file(path, "xml")
    except InputError:
        return []
    if not any(marker in data for marker in _NAMESPACE_BYTES):
        return []
    try:
        tree = parse_bytes(data, str(path))
    except TeiEditionError:
        return []
    folder = os.path.dirname(os.path.realpath(path))
    found = []
    for include in tree.getroot().iter(INCLUDE):
        href = include.get("href") or ""
        if include.get("parse", "xml") != "xml" or not href or _SCHEME.match(href):
            continue
        relative = urllib.parse.unquote(urllib.parse.urlsplit(href).path)
        if relative and not os.path.isabs(relative):
            found.append(os.path.realpath(os.path.join(folder, relative)))
    return found


def without_parts(given: Iterable[str | Path], found: Sequence[Path],
                  verb: str = "published") -> tuple[list[Path], list[Diagnostic]]:
    """The documents of ``found`` (the files the arguments ``given`` name, folders
    expanded) without the parts of another: a file that some other file of ``found``
    XIncludes (the Shelley-Godwin notebook's 16 surfaces, its shared class declaration) is
    published within the file that includes it, not as a document of its own. A file named
    as an argument is always kept: the user asked for it. One note per including file says
    which of its parts were left out (``verb``: "published", "validated")::

        sga/bl/bl-loan_ms_70_08.xml: note [included] 16 files found in the folders given
        are included by this document and are published within it, not as documents of
        their own: bl-loan_ms_70_08/bl-loan_ms_70_08-0003.xml, ...
    """
    named = {os.path.realpath(p) for p in given if not Path(p).is_dir()}
    real = {os.path.realpath(p): p for p in found}
    parts: dict[str, Path] = {}  # a part, by its real path: the first file including it
    for path in found:
        for target in includes_of(path):
            if (target in real and target not in named and target not in parts
                    and target != os.path.realpath(path)):
                parts[target] = path
    by_driver: dict[Path, list[Path]] = {}
    for target, driver in parts.items():
        by_driver.setdefault(driver, []).append(real[target])
    notes = []
    for driver, included in by_driver.items():
        shown = [os.path.relpath(p, os.path.dirname(driver)) for p in sorted(included)]
        listed = ", ".join(shown[:3]) + (f", ... ({len(shown) - 3} more)" if len(shown) > 3
                                         else "")
        count = (f"{len(shown)} files found in the folders given are" if len(shown) > 1
                 else "1 file found in the folders given is")
        notes.append(Diagnostic(Location(str(driver)), "note", "included",
                                f"{count} included by this document and {verb} within it, "
                                f"not as documents of their own: {listed}"))
    return [p for p in found if os.path.realpath(p) not in parts], notes


def has_includes(tree: etree._ElementTree) -> bool:
    return next(tree.getroot().iter(INCLUDE), None) is not None


def read_document(path: str | Path, include_root: str | Path | None = None,
                  warnings: list[Diagnostic] | None = None
                  ) -> tuple[bytes, etree._ElementTree]:
    """A TEI file's bytes and tree with its inclusions resolved (the file as it is when it
    has none): what ``html``, ``pdf`` and ``build`` publish. ``warnings`` receives the
    ``duplicate-id`` warnings of the assembly (:meth:`Assembled.duplicate_ids`). Raises
    :class:`InputError`, :class:`~tei_edition.errors.XMLSyntaxProblem` or
    :class:`XIncludeError`."""
    data = read_file(path, "xml")
    tree = parse_bytes(data, str(path))
    assembled = assemble(tree, data, str(path), include_root)
    if assembled is None:
        return data, tree
    if warnings is not None:
        warnings.extend(assembled.duplicate_ids())
    return assembled.data, assembled.tree


def assemble(tree: etree._ElementTree, data: bytes, name: str,
             include_root: str | Path | None = None) -> Assembled | None:
    """The document ``name`` (already read and parsed) with its inclusions resolved, or None
    when it has none. ``include_root``: the folder includes must stay in (default: the
    document's own)."""
    first = next(tree.getroot().iter(INCLUDE), None)
    if first is None:
        return None
    real = os.path.realpath(name)
    top = _File(name, real, data, tree)
    if not os.path.isfile(name):
        raise XIncludeError(f'href="{first.get("href", "")}": a document read from bytes or '
                            "standard input includes nothing (no folder to resolve it from)",
                            top.location(first))
    root = os.path.realpath(include_root if include_root is not None else os.path.dirname(real))
    if not os.path.isdir(root):
        raise XIncludeError(f"the include root {root} is not a folder", Location(name))
    resolver = _Resolver(root)
    result = resolver.expand(top, [real], depth=0)
    out = etree.ElementTree(result)
    for sibling in reversed(list(_before(tree.getroot()))):  # xml-model PIs, comments
        result.addprevious(_copy(sibling))
    assembled = etree.tostring(out, encoding="UTF-8", xml_declaration=True)
    if len(assembled) > limits().xml_bytes:
        raise XIncludeError(f"the document with its inclusions has {len(assembled):,} bytes, "
                            f"more than one XML input may hold ({limits().xml_bytes:,}; set "
                            "TEI_EDITION_MAX_XML_BYTES to raise it)", Location(name))
    # Parsed again from its bytes: the assembled text, its tree and the positions validation
    # computes on them agree (the k-th start tag is the k-th element); origins are in the
    # same document order.
    reparsed = parse_bytes(assembled, name)
    origins = [resolver.origin[el] for el in result.iter() if isinstance(el.tag, str)]
    return Assembled(reparsed, assembled, resolver.count, origins)


def _before(root: etree._Element) -> list[etree._Element]:
    found = []
    node = root.getprevious()
    while node is not None:
        found.append(node)
        node = node.getprevious()
    return found


def _copy(node: etree._Element) -> etree._Element:
    if isinstance(node, etree._ProcessingInstruction):
        return etree.ProcessingInstruction(node.target, node.text)
    return etree.Comment(node.text)


class _Resolver:
    """One assembly: the root, the files read (each once), the count of inclusions and the
    origin of every element copied."""

    def __init__(self, root: str):
        self.root = root
        self.count = 0
        self.size = 0
        self.files: dict[str, _File] = {}
        self.origin: dict[etree._Element, tuple[_File, etree._Element]] = {}

    def copy(self, file: _File, el: etree._Element) -> etree._Element:
        """A deep copy of ``el``, each element of it remembering where it came from."""
        dup = copy.deepcopy(el)
        dup.tail = None  # the text after an element an xpointer names is not included
        for new, old in zip(dup.iter(), el.iter(), strict=True):
            if isinstance(new.tag, str):
                self.origin[new] = (file, old)
        return dup

    def expand(self, file: _File, stack: list[str], depth: int,
               start: etree._Element | None = None) -> etree._Element:
        """A copy of ``start`` (default: the file's root) with every xi:include in it
        replaced by what it names. ``depth``: how deep ``start`` lies in the assembly."""
        source = start if start is not None else file.tree.getroot()
        if source.tag == INCLUDE:
            raise XIncludeError("the root element is an xi:include: include its content "
                                "from a TEI document", file.location(source))
        copied = self.copy(file, source)
        self.replace_all(file, copied, stack, depth)
        return copied

    def replace_all(self, file: _File, top: etree._Element, stack: list[str],
                    depth: int) -> None:
        """Replace every xi:include in ``top`` (outside its fallbacks)."""
        for include in [i for i in top.iter(INCLUDE) if not _inside_fallback(i, top)]:
            self.replace(file, include, stack, depth + _depth(include, top))

    def replace(self, file: _File, include: etree._Element, stack: list[str],
                depth: int) -> None:
        origin = self.origin[include][1]
        where = file.location(origin)
        self.count += 1
        if self.count > MAX_INCLUDES:
            raise XIncludeError(f"more than {MAX_INCLUDES} inclusions in one document, the "
                                "limit", where)
        href = include.get("href")
        parse = include.get("parse", "xml")
        xpointer = include.get("xpointer")
        shown = f'href="{href}"' if href is not None else "an xi:include without href"
        if parse not in ("xml", "text"):
            raise XIncludeError(f'{shown}: parse="{parse}" is neither "xml" nor "text"', where)
        if not href:
            raise XIncludeError(f"{shown}: an include of the document itself (no href) is "
                                "not processed; name a file", where)
        target, name = self.target(file, href, where)
        if target in stack:
            chain = " -> ".join(os.path.relpath(p, self.root) for p in [*stack, target])
            raise XIncludeError(f"{shown}: an include cycle ({chain})", where)
        if len(stack) >= MAX_NESTING:
            raise XIncludeError(f"{shown}: files nested more than {MAX_NESTING} deep, the "
                                "limit", where)
        try:
            data = self.read(target, href, where)
        except XIncludeError:
            fallback = include.find(FALLBACK)
            if fallback is None or not _missing(target):
                raise
            nodes = list(fallback)  # moved, not copied: they keep their origins
            self.put(include, nodes, fallback.text)
            for node in nodes:
                if isinstance(node.tag, str):
                    self.replace_all(file, node, stack, depth)
            return
        if parse == "text":
            if xpointer is not None:
                raise XIncludeError(f'{shown}: xpointer is not allowed with parse="text"',
                                    where)
            self.put(include, [], self.text(data, include.get("encoding"), shown, where))
            return
        included = self.parse(target, name, href, data, where)
        picked = self.point(included, xpointer, shown, where)
        if depth + _height(picked) > MAX_DEPTH:
            raise XIncludeError(f"{shown}: with it, elements would be nested more than "
                                f"{MAX_DEPTH} deep, the limit", where)
        expanded = self.expand(included, [*stack, target], depth, picked)
        self.put(include, [expanded], None)

    def target(self, file: _File, href: str, where: Location) -> tuple[str, str]:
        """The real path an href names, and its name for messages (beside the including
        file's name as given: ``sga/bl/x.xml`` includes ``sga/bl/x/y.xml``)."""
        shown = f'href="{href}"'
        if _SCHEME.match(href) or href.startswith("//"):
            raise XIncludeError(f"{shown}: only local files are included, never a URL", where)
        parts = urllib.parse.urlsplit(href)
        if parts.query or parts.fragment or "#" in href:
            raise XIncludeError(f"{shown}: a query or a fragment is not allowed in an href "
                                "(name an element with xpointer)", where)
        path = urllib.parse.unquote(parts.path)
        if path.startswith("/") or os.path.isabs(path):
            raise XIncludeError(f"{shown}: an absolute path; write it relative to "
                                f"{os.path.dirname(file.real)}", where)
        lexical = os.path.normpath(os.path.join(os.path.dirname(file.real), path))
        if not _contains(self.root, lexical):
            raise XIncludeError(f"{shown}: {lexical} lies outside the include root "
                                f"{self.root} (name a wider one with --include-root)", where)
        real = os.path.realpath(lexical)
        if not _contains(self.root, real):
            raise XIncludeError(f"{shown}: {lexical} is a symbolic link to {real}, outside the "
                                f"include root {self.root}", where)
        return real, os.path.normpath(os.path.join(os.path.dirname(file.name), path))

    def read(self, target: str, href: str, where: Location) -> bytes:
        found = self.files.get(target)
        try:
            data = found.data if found is not None else read_file(target, "xml")
        except InputError as exc:
            raise XIncludeError(f'href="{href}": {exc.message} ({target})', where) from None
        self.size += len(data)
        if self.size > limits().xml_bytes:
            raise XIncludeError(f'href="{href}": the included files pass {limits().xml_bytes:,} '
                                "bytes, the limit of one XML input (set "
                                "TEI_EDITION_MAX_XML_BYTES to raise it)", where)
        return data

    def parse(self, target: str, name: str, href: str, data: bytes,
              where: Location) -> _File:
        found = self.files.get(target)
        if found is None:
            try:
                tree = parse_bytes(data, target)
            except TeiEditionError as exc:
                raise XIncludeError(f'href="{href}" is not XML the toolkit reads: {exc}',
                                    where) from None
            found = self.files[target] = _File(name, target, data, tree)
        return found

    @staticmethod
    def text(data: bytes, encoding: str | None, shown: str, where: Location) -> str:
        codec = (encoding or "utf-8").lower()
        if codec not in ("utf-8", "utf8", "us-ascii", "ascii"):
            raise XIncludeError(f'{shown}: encoding="{encoding}": only UTF-8 text is '
                                "included", where)
        try:
            text = data.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            raise XIncludeError(f"{shown}: not UTF-8 text (byte {exc.start})", where) from None
        bad = FORBIDDEN_RE.search(text)
        if bad:
            raise XIncludeError(f"{shown}: holds U+{ord(bad.group()):04X}, a character XML "
                                "cannot hold", where)
        return text.replace("\r\n", "\n")

    @staticmethod
    def point(file: _File, xpointer: str | None, shown: str,
              where: Location) -> etree._Element:
        """The element an xpointer names in an included file (its root without one)."""
        root = file.tree.getroot()
        if xpointer is None:
            return root
        pointer = xpointer.strip()
        scheme = re.fullmatch(r"xpointer\(\s*id\(\s*(['\"])([^'\"]+)\1\s*\)\s*\)", pointer)
        element = re.fullmatch(r"element\(([^()]*)\)", pointer)
        if scheme:
            steps: list[str] = [scheme.group(2)]
        elif element:
            steps = element.group(1).split("/")
        elif re.fullmatch(r"[\w.\-]+", pointer):
            steps = [pointer]
        else:
            raise XIncludeError(f'{shown}: xpointer="{xpointer}" is not processed (a bare '
                                "name, element(...) or xpointer(id('...')) is)", where)
        found: etree._Element | None = None
        for i, step in enumerate(steps):
            if i == 0 and step == "":  # element(/1/2): from the document
                found = None
                continue
            if i == 0 and not step.isdigit():
                found = next((el for el in root.iter() if el.get(XML_ID) == step), None)
            elif step.isdigit() and int(step) >= 1:
                children = ([root] if found is None and i == 1 else
                            [c for c in found if isinstance(c.tag, str)] if found is not None
                            else [])
                found = children[int(step) - 1] if int(step) <= len(children) else None
            else:
                found = None
            if found is None:
                break
        if found is None:
            raise XIncludeError(f'{shown}: xpointer="{xpointer}" names no element of '
                                f"{file.name}", where)
        return found

    @staticmethod
    def put(include: etree._Element, nodes: list[etree._Element], text: str | None) -> None:
        """Put ``text`` and ``nodes`` where ``include`` is (its tail kept after them)."""
        parent = include.getparent()
        assert parent is not None  # expand refuses an include as the root
        tail = include.tail or ""
        previous = include.getprevious()
        if text:
            if previous is not None:
                previous.tail = (previous.tail or "") + text
            else:
                parent.text = (parent.text or "") + text
        index = parent.index(include)
        parent.remove(include)  # drops its tail with it
        for offset, node in enumerate(nodes):
            parent.insert(index + offset, node)
        last = nodes[-1] if nodes else parent[index - 1] if index > 0 else None
        if last is not None:
            last.tail = (last.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def _inside_fallback(include: etree._Element, top: etree._Element) -> bool:
    node = include.getparent()
    while node is not None and node is not top.getparent():
        if node.tag == FALLBACK:
            return True
        node = node.getparent()
    return False


def _depth(el: etree._Element, top: etree._Element) -> int:
    """How many ancestors ``el`` has up to ``top`` (``top`` itself: 0)."""
    n = 0
    node = el
    while node is not None and node is not top:
        node = node.getparent()
        n += 1
    return n


def _height(el: etree._Element) -> int:
    deepest = 0
    stack = [(el, 1)]
    while stack:
        node, d = stack.pop()
        deepest = max(deepest, d)
        stack.extend((c, d + 1) for c in node if isinstance(c.tag, str))
    return deepest


def _missing(path: str) -> bool:
    return not os.path.lexists(path)

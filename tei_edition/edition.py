"""An edition project: a folder with ``edition.toml``, ``sources/`` (plain text) and ``tei/``.

``edition.toml`` holds what every document of the edition shares::

    title = "Sino-Soviet Border Cables, 1961-1962"
    editors = ["A. Editor", "B. Editor"]
    publisher = "Example University Library"
    licence = "CC BY 4.0"
    licence_url = "https://creativecommons.org/licenses/by/4.0/"
    base_url = "https://example.org/edition/"   # the site's address: the exports need it
    contact_email = "editors@example.org"       # the CMIF file's and the OAI-PMH contact
    oai_gateway = "https://gateway.example.org/oai/"   # the OAI Static Repository Gateway
    languages = ["en", "zh"]
    publish_comments = false   # the site's TEI copies keep the editors' XML comments when true

    [print]
    volumes = "year"   # the PDF volumes: one per "year", per "series", or "none" (one edition)
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from tei_edition.errors import Diagnostic, InputError, Location
from tei_edition.inputs import read_text
from tei_edition.tei import CONTROL_NAMES, FORBIDDEN_RE

EDITION_FILE = "edition.toml"
#: How the build groups the documents into PDF volumes (``[print] volumes``): one volume
#: per year of their dates, one per series (the holding archive), or the whole edition
#: (tei_edition/pdf/groups.py); a group longer than the page budget is split in any case.
VOLUME_GROUPINGS = ("year", "series", "none")
#: The keys of the ``[print]`` table.
PRINT_KEYS = ("volumes",)
_EMAIL = re.compile(r"[^\s@<>\"]+@[^\s@<>\"]+\.[^\s@<>\"]+")


@dataclass(frozen=True)
class Edition:
    """What an edition says of itself; plain defaults where there is no edition.toml."""

    title: str = "Untitled edition"
    editors: tuple[str, ...] = ()
    publisher: str | None = None
    licence: str | None = None
    licence_url: str | None = None
    base_url: str | None = None
    #: Whom harvesters write to: the CMIF file's editor/email, the OAI-PMH adminEmail.
    contact_email: str | None = None
    #: The URL of the OAI-PMH Static Repository Gateway that makes the edition's static
    #: repository files harvestable (exports/oai.py).
    oai_gateway: str | None = None
    languages: tuple[str, ...] = ("en",)
    #: Whether the TEI the site publishes (tei/ID.zip, source/ID.html) keeps the XML
    #: comments; by default they are cut out, since they are often notes among the editors.
    publish_comments: bool = False
    #: How the PDF volumes are grouped: one of :data:`VOLUME_GROUPINGS` (``[print] volumes``).
    volumes: str = "year"
    root: Path | None = field(default=None, compare=False)

    @property
    def published(self) -> bool:
        return self.publisher is not None

    @property
    def contact(self) -> str | None:
        """``contact_email`` when it is an address (``name@host.domain``), else None."""
        email = (self.contact_email or "").strip()
        return email if _EMAIL.fullmatch(email) else None


def _parse_toml(source: str, name: str) -> dict[str, Any]:
    """The TOML of an edition file, or an InputError with the line and column."""
    try:
        return tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        col = getattr(exc, "colno", None)
        raise InputError(f"not valid TOML: {getattr(exc, 'msg', exc)}",
                         Location(name, line, col)) from None
    except RecursionError:  # tomllib reads nested arrays and tables by recursion
        raise InputError("not valid TOML here: arrays or tables are nested too deeply",
                         Location(name)) from None
    except ValueError:  # an integer of more digits than Python converts (4,300)
        found = re.search(r"\d{1000,}", source)
        line = source.count("\n", 0, found.start()) + 1 if found else None
        raise InputError("not valid TOML here: a number has too many digits",
                         Location(name, line)) from None


def load_edition(path: str | Path) -> Edition:
    """Read an ``edition.toml`` (or the one in the folder ``path``)."""
    p = Path(path)
    if p.is_dir():
        p = p / EDITION_FILE
    source = read_text(p, "config")
    data = _parse_toml(source, str(p))

    def where(key: str) -> Location:
        """The line that sets ``key`` (``key = ...`` at the start of a line)."""
        found = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*=", source, re.M)
        if found is None:
            return Location(str(p))
        line = source.count("\n", 0, found.start()) + 1
        return Location(str(p), line, found.start() - source.rfind("\n", 0, found.start()))

    def text(key: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise InputError(f"'{key}' must be a string", where(key))
        return checked(key, value)

    def checked(key: str, value: str) -> str:
        """A value that goes into every TEI document: no character XML cannot hold."""
        m = FORBIDDEN_RE.search(value)
        if m:
            code = ord(m.group())
            raise InputError(f"'{key}' holds U+{code:04X} "
                             f"({CONTROL_NAMES.get(code, 'a control character')}), which XML "
                             "cannot hold", where(key))
        return value

    def text_list(key: str, default: tuple[str, ...]) -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            return default
        if isinstance(value, str):
            return (checked(key, value),)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InputError(f"'{key}' must be a list of strings", where(key))
        return tuple(checked(key, v) for v in value)

    publish_comments = data.get("publish_comments", False)
    if not isinstance(publish_comments, bool):
        raise InputError("'publish_comments' must be true or false", where("publish_comments"))

    volumes = _print_table(data, source, str(p), where)

    return Edition(
        title=text("title") or Edition.title,
        editors=text_list("editors", ()),
        publisher=text("publisher"),
        licence=text("licence") or text("license"),
        licence_url=text("licence_url") or text("license_url"),
        base_url=text("base_url"),
        contact_email=text("contact_email"),
        oai_gateway=text("oai_gateway"),
        languages=text_list("languages", ("en",)),
        publish_comments=publish_comments,
        volumes=volumes,
        root=p.parent.resolve(),
    )


def _print_table(data: dict[str, Any], source: str, name: str,
                 where: Callable[[str], Location]) -> str:
    """The ``[print]`` table's ``volumes`` (:data:`VOLUME_GROUPINGS`; default "year"),
    checked: an unknown key or value is an error at its line and column."""
    if "volumes" in data:  # "[print]" left commented out above it
        raise InputError("'volumes' belongs in the [print] table: write [print] on the line "
                         "above it", where("volumes"))
    table = data.get("print", {})
    if not isinstance(table, dict):
        raise InputError("'print' must be a table ([print], then its keys)", where("print"))
    for key in table:
        if key not in PRINT_KEYS:
            raise InputError(f"unknown key '{key}' in [print] (the keys are "
                             f"{', '.join(PRINT_KEYS)})", _table_key(source, name, "print", key))
    value = table.get("volumes", Edition.volumes)
    if value not in VOLUME_GROUPINGS:
        shown = json.dumps(value) if isinstance(value, str) else f"{value!r}"
        raise InputError(f"[print] volumes must be one of "
                         f"{', '.join(json.dumps(v) for v in VOLUME_GROUPINGS)}, not {shown}",
                         _table_key(source, name, "print", "volumes", value=True))
    return str(value)


def _table_key(source: str, name: str, table: str, key: str, *, value: bool = False
               ) -> Location:
    """Where a table's key is set: under its ``[table]`` header, as ``table.key = ...`` or
    in ``table = { key = ... }``; with ``value``, the column where its value starts."""
    key_re = rf"{re.escape(key)}[ \t]*=[ \t]*"
    header = re.search(rf"^[ \t]*\[[ \t]*{re.escape(table)}[ \t]*\][ \t]*(?:#.*)?$",
                       source, re.M)
    found = None
    if header is not None:
        end = re.compile(r"^[ \t]*\[", re.M).search(source, header.end())
        found = re.compile(rf"^[ \t]*({key_re})", re.M).search(
            source, header.end(), end.start() if end else len(source))
    if found is None:
        found = re.compile(rf"^[ \t]*{re.escape(table)}[ \t]*(?:\.[ \t]*({key_re})"
                           rf"|=[ \t]*\{{.*?\b({key_re}))", re.M).search(source)
    if found is None:
        return Location(name)
    group = next(g for g in range(1, (found.re.groups or 0) + 1) if found.group(g))
    at = found.end(group) if value else found.start(group)
    line_start = source.rfind("\n", 0, at) + 1
    return Location(name, source.count("\n", 0, at) + 1, at - line_start + 1)


def edition_folder(start: str | Path) -> Path | None:
    """The folder of the edition a file or folder belongs to: the nearest one above it
    that holds an ``edition.toml``."""
    p = Path(start).resolve()
    for folder in [p, *p.parents] if p.is_dir() else p.parents:
        if (folder / EDITION_FILE).is_file():
            return folder
    return None


def find_edition(start: str | Path) -> Edition | None:
    """The edition a file or folder belongs to: the nearest ``edition.toml`` above it."""
    folder = edition_folder(start)
    return load_edition(folder / EDITION_FILE) if folder is not None else None


def edition_for(paths: list[Path], explicit: str | Path | None) -> Edition:
    """The edition named by ``--edition``, else the one the first path belongs to, else defaults."""
    if explicit is not None:
        return load_edition(explicit)
    for path in paths:
        found = find_edition(path)
        if found is not None:
            return found
    return Edition()


# ---------------------------------------------------------------------------------------
# The edition's address on the web (the exports that aggregators harvest)
# ---------------------------------------------------------------------------------------

#: What RFC 3986 lets stand in a URL's path, query and fragment (and "%" of an escape
#: already there): anything else is percent-encoded as UTF-8 ("Grüße" -> "Gr%C3%BC%C3%9Fe").
_URL_SAFE = "/:@!$&'()*+,;=-._~%?#[]"


def site_url(edition: Edition, path: str = "") -> str | None:
    """The absolute URL of ``path`` (a path inside the site, ``documents/d1.html``) under the
    edition's ``base_url``, or None when base_url is not set or is no absolute http(s) URL
    with a host. base_url names the site's folder, so a missing final "/" is added
    (``https://example.org/ed`` + ``index.html`` -> ``https://example.org/ed/index.html``);
    the host is written in ASCII (IDNA) and the rest percent-encoded where RFC 3986 asks."""
    if not edition.base_url:
        return None
    parts = urlsplit(edition.base_url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    try:
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    netloc = host if parts.port is None else f"{host}:{parts.port}"
    base = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit((parts.scheme.lower(), netloc, quote(base + path, safe=_URL_SAFE),
                       "", ""))


def no_site_url(edition: Edition, export: str) -> Diagnostic:
    """The warning of an export that is skipped because :func:`site_url` has no address."""
    where = Location(str(edition.root / EDITION_FILE) if edition.root else EDITION_FILE)
    if edition.base_url:
        why = f"base_url {edition.base_url!r} is not an absolute http(s) URL"
    else:
        why = "base_url is not set"
    return Diagnostic(where, "warning", "no-base-url",
                      f"{why} in {EDITION_FILE}: {export} is not written (it needs the "
                      "site's address, e.g. base_url = \"https://example.org/edition/\")")

"""Where the shipped data lives: xslt/, schemas/ and the bundled sample edition.

In a wheel they are package data inside ``tei_edition/``; in a source checkout (or an
editable install) they are the top-level folders of the repository.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

_PACKAGE_DIR = Path(str(resources.files("tei_edition")))
_REPO_DIR = _PACKAGE_DIR.parent


def _find(packaged: str, top_level: str) -> Path:
    inside = _PACKAGE_DIR / packaged
    if inside.is_dir():
        return inside
    return _REPO_DIR / top_level


def xslt_dir() -> Path:
    """The stylesheets (``xslt/common``, ``xslt/html``, ``xslt/print``)."""
    return _find("xslt", "xslt")


def schemas_dir() -> Path:
    """The project schema: ``tei_edition.odd``, ``.rng``, ``.sch``."""
    return _find("schemas", "schemas")


def sample_edition_dir() -> Path:
    """The bundled sample edition (``edition.toml``, ``sources/``, ``tei/``)."""
    return _find("sample_edition", "xml")


def assets_dir() -> Path:
    """The site's static files (stylesheet, scripts, fonts): ``xslt/html/assets``."""
    return xslt_dir() / "html" / "assets"


def site_assets() -> Iterator[tuple[str, bytes]]:
    """Each of the site's static files as (its name in the site, its bytes), in name
    order."""
    for path in sorted(assets_dir().rglob("*")):
        if path.is_file():
            yield "assets/" + path.relative_to(assets_dir()).as_posix(), path.read_bytes()

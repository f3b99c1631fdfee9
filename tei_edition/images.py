"""The images a TEI document may show (``graphic/@url``), checked before any reaches a page.

An image is shown only when it is a regular file inside the edition folder (the document's
own folder), named by a relative path without a scheme, whose first bytes say it is a PNG,
a JPEG, a GIF or a WebP picture. Anything else is refused and the media show a visible
placeholder naming the file ("[image: drawing.svg]"): an SVG (it can hold scripts), a URL
(never fetched), a path that leaves the folder (``../secret.png``, or a symbolic link out
of it), a file whose bytes are no picture (a renamed HTML file).

The stylesheets receive the accepted images as one string parameter, ``images``: a line
per image, ``url<TAB>href`` (:func:`images_param`), where href is where the page finds it
(the site's ``images/<sha256>.png``, or for the print a ``data:`` URI that WeasyPrint reads
without fetching anything).
"""

from __future__ import annotations

import base64
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from tei_edition.errors import InputError
from tei_edition.inputs import read_file
from tei_edition.tei import NS

__all__ = ["Image", "document_images", "image_type", "images_param"]

#: The pictures a page may show, by their first bytes: (magic, offset, MIME type, suffix).
_MAGIC: tuple[tuple[bytes, int, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "image/png", ".png"),
    (b"\xff\xd8\xff", 0, "image/jpeg", ".jpg"),
    (b"GIF87a", 0, "image/gif", ".gif"),
    (b"GIF89a", 0, "image/gif", ".gif"),
    (b"WEBP", 8, "image/webp", ".webp"),  # RIFF....WEBP
)


@dataclass(frozen=True)
class Image:
    """An accepted image: the url the TEI gives, its file, type and bytes."""

    url: str
    path: Path
    mime: str
    suffix: str
    data: bytes

    @property
    def name(self) -> str:
        """Its name in the site: the hash of its bytes, so that two documents' pixel.png
        never collide and the same picture is written once."""
        return hashlib.sha256(self.data).hexdigest()[:20] + self.suffix

    def data_uri(self) -> str:
        return f"data:{self.mime};base64," + base64.b64encode(self.data).decode("ascii")


def image_type(data: bytes) -> tuple[str, str] | None:
    """(MIME type, suffix) of a PNG, JPEG, GIF or WebP by its first bytes, else None."""
    for magic, offset, mime, suffix in _MAGIC:
        if data[offset:offset + len(magic)] == magic and (offset == 0 or data[:4] == b"RIFF"):
            return mime, suffix
    return None


def _inside(url: str, root: Path) -> Path | None:
    """The regular file inside ``root`` that a relative ``url`` names, or None."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or parts.query or not parts.path:
        return None
    relative = unquote(parts.path)
    if relative.startswith(("/", "\\")) or "\x00" in relative:
        return None
    base = root.resolve()
    path = (base / relative).resolve()  # a symbolic link is followed: it must stay inside
    if not path.is_relative_to(base):
        return None
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
    except OSError:
        return None
    return path


def document_images(tree: etree._ElementTree | etree._Element, root: Path) -> dict[str, Image]:
    """The accepted images of a document's graphics, by their @url; ``root`` is the edition
    folder (the document's folder). Refused ones are simply absent: the media show their
    placeholder."""
    found: dict[str, Image] = {}
    for url in tree.xpath("//tei:graphic/@url", namespaces=NS):
        url = str(url).strip()
        if url in found:
            continue
        path = _inside(url, root)
        if path is None:
            continue
        try:
            data = read_file(path, "xml")
        except InputError:
            continue
        kind = image_type(data)
        if kind is not None:
            found[url] = Image(url, path, kind[0], kind[1], data)
    return found


def images_param(hrefs: dict[str, str]) -> str:
    """The stylesheets' ``images`` parameter: a line ``url<TAB>href`` per image (a url with
    a tab or a line break in it is left out: it could not be told apart)."""
    return "\n".join(f"{url}\t{href}" for url, href in sorted(hrefs.items())
                     if not any(c in url + href for c in "\t\n\r"))

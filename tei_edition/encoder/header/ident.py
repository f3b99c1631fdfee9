"""A document's id (``TEI/@xml:id``): ``wilson-118186`` from the number its URL ends in,
else the reader's prefix, the date and a slug of the title.
"""

from __future__ import annotations

import re
import unicodedata

_SLUG_WORD_RE = re.compile(r"[a-z0-9]+")
_URL_NUMBER_RE = re.compile(r"/(\d+)/?$")


def slug(text: str, limit: int = 48) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = _SLUG_WORD_RE.findall(ascii_text.lower())
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > limit:
            break
        out = f"{out}-{word}" if out else word
    return out


def document_id(prefix: str, url: str | None, when: str | None, title: str | None) -> str:
    """``wilson-118186`` where the URL ends in a number, else prefix, date and a title slug."""
    if url:
        m = _URL_NUMBER_RE.search(url)
        if m:
            return f"{prefix}-{m[1]}"
    parts = [p for p in (when, slug(title or "")) if p]
    return "-".join([prefix, *parts]) if parts else f"{prefix}-document"


"""Sender and recipient of a document, for ``correspDesc``: from the title ("Cable from A
to B"), else from the body's signature and salutation (``[To]`` a place, a name).
"""

from __future__ import annotations

import re

from tei_edition.encoder.body import BodyInfo
from tei_edition.encoder.lines import PLACE_WORD_RE, has_org_word

_SALUTE_END_RE = re.compile(r"[,:!]")
_BRACKETED_RE = re.compile(r"\[[^\]]*\]")

_TITLE_FROM_TO = re.compile(
    r"^[^,]*?\bfrom\s+(?P<from>.+?)(?:\s+to\s+(?P<to>[^,']+?))?\s*(?:,|$)")
_TITLE_A_TO_B = re.compile(r"^[^,]+,\s+(?P<from>[^,']+?)\s+to\s+(?P<to>[^,']+?)\s*(?:,|$)")
_HONORIFIC = re.compile(
    r"^(?:\[?To(?: the)?\]?\s+|Dear\s+|the\s+|Comrades?\s+|Cdes?\.\s+|Mr\.\s+|Mrs\.\s+)+")


def _name(text: str) -> tuple[str, str] | None:
    """(element, name) for a name as the document states it, without brackets and honorifics."""
    text = text.replace("[", "").replace("]", "").strip(" ,:;.!\"'“”‘’")
    text = _HONORIFIC.sub("", text).strip(" ,:;.!")
    if not text or len(text.split()) > 12:
        return None
    if has_org_word(text):
        return "orgName", text
    return "persName", text


def correspondents(title: str | None, info: BodyInfo) -> tuple[list[tuple[str, str]],
                                                                list[tuple[str, str]]]:
    """Sender and recipient names from the title, else from signature and salutation."""
    sent: list[tuple[str, str]] = []
    received: list[tuple[str, str]] = []
    if title:
        t = title.strip("'\"‘’“” ")
        # (each pattern needs its word: a title without it is not searched)
        m = (_TITLE_A_TO_B.match(t) if "to" in t else None) or (
            _TITLE_FROM_TO.match(t) if "from" in t else None)
        if m:
            for group, into in (("from", sent), ("to", received)):
                if m[group]:
                    name = _name(m[group])
                    if name:
                        into.append(name)
    if not sent:
        for text in info.signed:
            name = _name(text)
            if name and name not in sent:
                sent.append(name)
    if not received and info.salute:
        who = _SALUTE_END_RE.split(_HONORIFIC.sub("", info.salute.replace("[", "")
                                                .replace("]", "").strip(" \"“")))[0]
        for part in who.split(" and "):
            name = _name(part)
            if name:
                received.append(name)
    if not received and info.to:
        bare = _BRACKETED_RE.sub("", info.to).strip()
        if PLACE_WORD_RE.fullmatch(bare):
            received.append(("placeName", bare))
        else:
            name = _name(bare)
            if name:
                received.append(name)
    return sent, received


"""How a document of the edition is cited: a Chicago-style bibliography entry, BibTeX and
CSL-JSON, made from the document's metadata (tei_edition/metadata.py) and the edition's
settings.

The HTML page shows them under "Cite this document" (xslt/html/html_cite.xsl takes them as
parameters). They are made here rather than in XSLT because JSON and BibTeX need careful
escaping, which Python's json module and a small table do plainly, and because a page has
to render in a few milliseconds.

Example (Chicago)::

    Ministry of Foreign Affairs. “Cable from the Ministry ....” March 3, 1958. Translated by
    Lin Meihua. PRC Foreign Ministry Archive, PRC FMA 105-00412-07. In Border Commission
    Papers, edited by A. Editor. Example Library. https://example.org/documents/x.html.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from tei_edition.edition import Edition
from tei_edition.metadata import Metadata

_SAFE_URL = re.compile(r"^(https?://|mailto:)[^\s\"<>`]+$", re.IGNORECASE)
_QUOTED = re.compile(r"^['\"‘“](.*)['\"’”]$", re.DOTALL)
_BIBTEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&",
           "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}",
           "^": r"\textasciicircum{}"}
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True)
class Citation:
    """The three forms. Chicago comes in two parts around the edition's title, which the
    page sets in italics: ``chicago_before + title + chicago_after``."""

    chicago_before: str
    chicago_after: str
    bibtex: str
    csl_json: str


def _and(items: Sequence[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _sentence(s: str) -> str:
    return s if s.endswith((".", "?", "!")) else s + "."


def safe_url(url: str | None) -> str | None:
    """A URL that may be a link: http, https or mailto, nothing else."""
    u = " ".join((url or "").split())
    return u if _SAFE_URL.match(u) else None


def _iso_date(when: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(when) if when and len(when) == 10 else None
    except ValueError:
        return None


_BIBTEX_TABLE = str.maketrans(_BIBTEX)


def bibtex_escape(s: str) -> str:
    """BibTeX's special characters escaped, in one pass (no escape is escaped again)."""
    return s.translate(_BIBTEX_TABLE)


def cite(meta: Metadata, edition: Edition, page_path: str | None = None) -> Citation:
    """The citations of a TEI document (its metadata, metadata.read_metadata) published at
    ``page_path`` (relative to the edition's base_url, when it has one)."""
    title = meta.title or "Untitled document"
    m = _QUOTED.match(title)
    plain_title = m.group(1) if m else title
    url = None
    if edition.base_url and page_path:
        base = edition.base_url if edition.base_url.endswith("/") else edition.base_url + "/"
        url = safe_url(base + page_path)
    before, after = _chicago(meta, edition, plain_title, url)
    return Citation(before, after, _bibtex(meta, edition, plain_title, url),
                    _csl_json(meta, edition, plain_title, url))


def _archive(meta: Metadata) -> str:
    """"PRC Foreign Ministry Archive, PRC FMA 105-00412-07": the repository and signature."""
    return ", ".join(x for x in (meta.repository, meta.signature) if x)


def _chicago(meta: Metadata, edition: Edition, title: str, url: str | None
             ) -> tuple[str, str]:
    """A bibliography entry, before and after the edition's title."""
    iso = _iso_date(meta.when)
    date_text = f"{iso:%B} {iso.day}, {iso.year}" if iso else meta.date_text
    archive = _archive(meta)
    before = ""
    if meta.senders:
        before += _sentence(_and(meta.senders)) + " "
    before += f"“{_sentence(title)}”"
    if date_text:
        before += " " + _sentence(date_text)
    if meta.translators:
        before += " Translated by " + _sentence(_and(meta.translators))
    if archive:
        before += " " + _sentence(archive)
    before += " In "
    after = ""
    if edition.editors:
        after += ", edited by " + _and(edition.editors)
    after += "."
    if edition.publisher:
        after += " " + _sentence(edition.publisher)
    if url:
        after += f" {url}."
    return before, after


def _bibtex(meta: Metadata, edition: Edition, title: str, url: str | None) -> str:
    when = meta.when or ""
    archive = _archive(meta)
    fields = [("title", "{" + bibtex_escape(title) + "}")]
    if meta.senders:
        fields.append(("author", " and ".join("{" + bibtex_escape(s) + "}"
                                              for s in meta.senders)))
    if meta.recipients:
        fields.append(("recipient", " and ".join("{" + bibtex_escape(s) + "}"
                                                 for s in meta.recipients)))
    partial = _PARTIAL_DATE.match(when)
    # a full date, or a year or month of one: "1958-03-03", "1958-03", "1958"
    if _iso_date(when) or (partial and partial.group(0) == when):
        fields += [("date", when), ("year", when[:4])]
    if meta.translators:
        fields.append(("translator", " and ".join(bibtex_escape(t) for t in meta.translators)))
    if edition.editors:
        fields.append(("editor", " and ".join(bibtex_escape(e) for e in edition.editors)))
    fields.append(("howpublished", "{" + bibtex_escape(edition.title) + "}"))
    if edition.publisher:
        fields.append(("publisher", bibtex_escape(edition.publisher)))
    if archive:
        fields.append(("note", bibtex_escape(archive)))
    if url:
        fields.append(("url", bibtex_escape(url)))
    return f"@misc{{{meta.id},\n" + ",\n".join(f"  {k} = {{{v}}}" for k, v in fields) + "\n}"


def _csl_json(meta: Metadata, edition: Edition, title: str, url: str | None) -> str:
    """CSL-JSON: one field a line, each value compact as json.dumps writes it::

        "author": [{"literal": "Ministry of Foreign Affairs"}],
        "issued": {"date-parts": [[1958, 3, 3]]},
    """
    fields: dict[str, object] = {"id": meta.id, "type": "manuscript", "title": title,
                                 "container-title": edition.title, "language": meta.language}
    for name, people in (("author", meta.senders), ("recipient", meta.recipients),
                         ("translator", meta.translators), ("editor", edition.editors)):
        if people:
            fields[name] = [{"literal": person} for person in people]
    partial = _PARTIAL_DATE.match(meta.when or "")
    if partial:
        fields["issued"] = {"date-parts": [[int(p) for p in partial.groups() if p]]}
    for name, value in (("archive", meta.repository), ("archive_location", meta.signature),
                        ("publisher", edition.publisher), ("URL", url),
                        ("abstract", meta.summary)):
        if value:
            fields[name] = value
    return "[\n  {\n" + ",\n".join(f"    {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}"
                                    for k, v in fields.items()) + "\n  }\n]"

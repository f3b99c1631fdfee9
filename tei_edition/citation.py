"""How a document of the edition is cited: a Chicago-style bibliography entry, BibTeX and
CSL-JSON, made from the TEI header and the edition's settings.

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
from dataclasses import dataclass

from lxml import etree

from tei_edition.edition import Edition
from tei_edition.tei import tei, xml_attr

_SAFE_URL = re.compile(r"^(https?://|mailto:)[^\s\"<>`]+$", re.IGNORECASE)
_QUOTED = re.compile(r"^['\"‘“](.*)['\"’”]$", re.DOTALL)
_BIBTEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&",
           "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}",
           "^": r"\textasciicircum{}"}
#: a string as json.dumps(value, ensure_ascii=False) writes it, without making an encoder
_json_string = json.encoder.encode_basestring


def _literals(names: list[str] | tuple[str, ...]) -> str:
    """[{"literal": "A"}, {"literal": "B"}], as json.dumps writes the list."""
    return "[" + ", ".join('{"literal": ' + _json_string(n) + "}" for n in names) + "]"


_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True)
class Citation:
    """The three forms. Chicago comes in two parts around the edition's title, which the
    page sets in italics: ``chicago_before + title + chicago_after``."""

    chicago_before: str
    chicago_after: str
    bibtex: str
    csl_json: str

    def chicago(self, edition_title: str) -> str:
        return self.chicago_before + edition_title + self.chicago_after


#: What a citation reads from a teiHeader: path of child elements -> name. The header is
#: walked once (a page has to render in a few milliseconds; an XPath or lxml's find for each
#: part took most of the time).
_WANTED = {
    "fileDesc/titleStmt/title": "title",
    "fileDesc/titleStmt/respStmt": "respStmt",
    "fileDesc/sourceDesc/msDesc": "msDesc",
    "fileDesc/sourceDesc/bibl/idno": "bibl-idno",
    "profileDesc/creation/date": "creation-date",
    "profileDesc/correspDesc/correspAction": "correspAction",
    "profileDesc/abstract": "abstract",
}


def _trie(paths: dict[str, str]) -> dict[str, object]:
    trie: dict[str, object] = {}
    for path, name in paths.items():
        *steps, last = path.split("/")
        node = trie
        for step in steps:
            node = node.setdefault(tei(step), {})  # type: ignore[assignment]
        node[tei(last)] = name
    return trie


_HEADER_TRIE = _trie(_WANTED)
_MS_TRIE = _trie({"msIdentifier/idno": "idno", "msIdentifier/repository": "repository"})


def _gather(el: etree._Element | None, trie: dict[str, object],
            found: dict[str, list[etree._Element]]) -> dict[str, list[etree._Element]]:
    """The elements at the trie's paths below ``el``, by name, each list in document order."""
    if el is not None:
        for child in el:
            step = trie.get(child.tag)  # type: ignore[call-overload]
            if step is None:
                continue
            if isinstance(step, str):
                found.setdefault(step, []).append(child)
            else:
                _gather(child, step, found)  # type: ignore[arg-type]
    return found


def _first(found: dict[str, list[etree._Element]], name: str) -> etree._Element | None:
    elements = found.get(name)
    return elements[0] if elements else None


_HEADER = tei("teiHeader")
_TEXT = tei("text")
_DATE = tei("date")
_RESP = tei("resp")
_PERSON = (tei("name"), tei("persName"))
_XML_ID = xml_attr("id")
_XML_LANG = xml_attr("lang")


def _text(el: etree._Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def _and(items: list[str]) -> str:
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


def cite(tree: etree._ElementTree | etree._Element, edition: Edition,
         page_path: str | None = None) -> Citation:
    """The citations of a TEI document published at ``page_path`` (relative to the edition's
    base_url, when it has one)."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    h = next(root.iterchildren(_HEADER), None)
    found = _gather(h, _HEADER_TRIE, {})
    title = _text(_first(found, "title")) or "Untitled document"
    m = _QUOTED.match(title)
    plain_title = m.group(1) if m else title
    actions = found.get("correspAction", [])
    date = _first(found, "creation-date")
    if date is None:
        date = next((d for act in actions if act.get("type") == "sent"
                     for d in act.iterchildren(_DATE)), None)
    when = None if date is None else (date.get("when") or date.get("from")
                                      or date.get("notBefore"))
    iso = _iso_date(when)
    date_text = f"{iso:%B} {iso.day}, {iso.year}" if iso else _text(date)
    senders = _names(actions, "sent")
    recipients = _names(actions, "received")
    translators = [_text(n) for r in found.get("respStmt", [])
                   if r.get(_XML_ID) == "translator"
                   or _text(next(r.iterchildren(_RESP), None)).startswith("transl")
                   for n in r if n.tag in _PERSON]
    ms = _gather(_first(found, "msDesc"), _MS_TRIE, {})
    idno = _text(_first(ms, "idno"))
    idno = idno or _text(next((i for i in found.get("bibl-idno", [])
                               if i.get("type") == "archival"), None))
    repository = _text(_first(ms, "repository"))
    archive = ", ".join(x for x in (repository, idno) if x)
    url = None
    if edition.base_url and page_path:
        base = edition.base_url if edition.base_url.endswith("/") else edition.base_url + "/"
        url = safe_url(base + page_path)
    text_el = next(root.iterchildren(_TEXT), None)
    lang = (text_el.get(_XML_LANG) if text_el is not None else None) \
        or root.get(_XML_LANG) or "en"
    key = re.sub(r"[^A-Za-z0-9_:-]", "", root.get(_XML_ID) or "") or "document"
    abstract = _text(_first(found, "abstract"))

    # Chicago (bibliography entry)
    before = ""
    if senders:
        before += _sentence(_and(senders)) + " "
    before += f"“{_sentence(plain_title)}”"
    if date_text:
        before += " " + _sentence(date_text)
    if translators:
        before += " Translated by " + _sentence(_and(translators))
    if archive:
        before += " " + _sentence(archive)
    before += " In "
    after = ""
    if edition.editors:
        after += ", edited by " + _and(list(edition.editors))
    after += "."
    if edition.publisher:
        after += " " + _sentence(edition.publisher)
    if url:
        after += f" {url}."

    # BibTeX
    fields = [("title", "{" + bibtex_escape(plain_title) + "}")]
    if senders:
        fields.append(("author", " and ".join("{" + bibtex_escape(s) + "}" for s in senders)))
    if recipients:
        fields.append(("recipient",
                       " and ".join("{" + bibtex_escape(s) + "}" for s in recipients)))
    partial = _PARTIAL_DATE.match(when or "")
    if iso or (partial and partial.group(0) == when):
        fields += [("date", when or ""), ("year", (when or "")[:4])]
    if translators:
        fields.append(("translator", " and ".join(bibtex_escape(t) for t in translators)))
    if edition.editors:
        fields.append(("editor", " and ".join(bibtex_escape(e) for e in edition.editors)))
    fields.append(("howpublished", "{" + bibtex_escape(edition.title) + "}"))
    if edition.publisher:
        fields.append(("publisher", bibtex_escape(edition.publisher)))
    if archive:
        fields.append(("note", bibtex_escape(archive)))
    if url:
        fields.append(("url", bibtex_escape(url)))
    bibtex = f"@misc{{{key},\n" + ",\n".join(f"  {k} = {{{v}}}" for k, v in fields) + "\n}"

    # CSL-JSON
    # one field a line, each value compact, as json.dumps writes it:
    # [{"literal": "..."}], {"date-parts": [[1958, 3, 3]]}
    fields_csl = [("id", _json_string(key)), ("type", '"manuscript"'),
                  ("title", _json_string(plain_title)),
                  ("container-title", _json_string(edition.title)),
                  ("language", _json_string(lang))]
    if senders:
        fields_csl.append(("author", _literals(senders)))
    if recipients:
        fields_csl.append(("recipient", _literals(recipients)))
    if translators:
        fields_csl.append(("translator", _literals(translators)))
    if edition.editors:
        fields_csl.append(("editor", _literals(edition.editors)))
    if partial:
        parts = ", ".join(str(int(p)) for p in partial.groups() if p)
        fields_csl.append(("issued", '{"date-parts": [[' + parts + "]]}"))
    if repository:
        fields_csl.append(("archive", _json_string(repository)))
    if idno:
        fields_csl.append(("archive_location", _json_string(idno)))
    if edition.publisher:
        fields_csl.append(("publisher", _json_string(edition.publisher)))
    if url:
        fields_csl.append(("URL", _json_string(url)))
    if abstract:
        fields_csl.append(("abstract", _json_string(abstract)))
    csl = "[\n  {\n" + ",\n".join(f'    "{k}": {v}' for k, v in fields_csl) + "\n  }\n]"
    return Citation(before, after, bibtex, csl)


_NAMES = tuple(tei(n) for n in ("persName", "orgName", "placeName", "name"))


def correspondents(header: etree._Element, action: str) -> list[str]:
    """The senders (``sent``) or recipients (``received``) the header names, in order."""
    return _names(_gather(header, _HEADER_TRIE, {}).get("correspAction", []), action)


def _names(actions: list[etree._Element], action: str) -> list[str]:
    names: list[str] = []
    for act in actions:
        if act.get("type") != action:
            continue
        for child in act:
            if child.tag in _NAMES:
                t = _text(child)
                if t and t not in names:
                    names.append(t)
    return names

"""What a TEI document says about itself, read once for every writer.

This module owns the reading of a document's metadata from its TEI tree: its id (the one
cleaning of ids, :func:`page_name`), title, date, type, correspondents, archive and
signature, languages, summary and translators (:func:`read_metadata`), the correspondence
description as its parts (:attr:`Metadata.correspondence`: who sent and received it, where,
when, with the header's authority URIs; the register's are added by
tei_edition/registers/authority.py), the order documents
are listed and printed in (:attr:`Metadata.sort_key`), and the date of a build
(:func:`build_date`, the one reading of ``SOURCE_DATE_EPOCH``). The site (index page,
search index), the PDF (volume order) and the citations all take their metadata from here;
how each writes it (a Chicago date, a BibTeX key) stays with the writer.

A file may hold many documents (:func:`document_parts`): the documents of a FRUS volume
(``div type="document"``), a file of letters (``div type="letter"``), the TEIs of a
``teiCorpus``; each is a document of its own, with :func:`part_metadata`.

Where a header says a thing twice, the first place wins: the date of ``creation`` before
the date of the ``correspAction`` that sent the document, the manuscript's ``idno`` before
the archival ``idno`` of a ``bibl``. Example, for the header the encoder writes::

    <creation><date when="1958-03-03">March 3, 1958</date></creation>
      -> when "1958-03-03", date_text "March 3, 1958", year "1958"
    <msIdentifier><repository>PRC Foreign Ministry Archive</repository>
                  <idno>PRC FMA 105-00412-07</idno></msIdentifier>
      -> repository and archive "PRC Foreign Ministry Archive",
         signature "PRC FMA 105-00412-07"
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass, replace

from lxml import etree

from tei_edition.tei import NS, tei, xml_attr

_SAFE_ID = re.compile(r"[^A-Za-z0-9._-]+")
#: The longest page name: file systems allow 255 bytes for a name, and the site adds
#: suffixes (``.html``, ``.source.html``) to it.
MAX_PAGE_NAME = 120


def page_name(ident: str) -> str:
    """A document's id as a file name: letters, digits, ``.``, ``_`` and ``-``, at most
    :data:`MAX_PAGE_NAME` characters (a longer id keeps its start and gets a digest of the
    whole, so that two long ids stay apart). ``"Brief an Escher"`` -> ``"Brief-an-Escher"``;
    an id with nothing left is ``"document"``."""
    name = _SAFE_ID.sub("-", ident).strip(".-") or "document"
    if len(name) > MAX_PAGE_NAME:
        digest = hashlib.sha256(ident.encode("utf-8")).hexdigest()[:16]
        name = f"{name[:MAX_PAGE_NAME - 17].rstrip('.-')}-{digest}"
    return name


#: SOURCE_DATE_EPOCH as reproducible-builds.org defines it (the output of ``date +%s``).
_EPOCH = re.compile(r"-?[0-9]+")


def build_date() -> dt.date:
    """The date of this build, in UTC: the day of ``SOURCE_DATE_EPOCH`` when it holds a time
    (reproducible builds: ``SOURCE_DATE_EPOCH=1700000000`` gives 2023-11-14), else today.
    A value that is no time (``"soon"``, a year past 9999) is ignored. The encoder's revision
    entry and the PDF's title page both take their date from here."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if _EPOCH.fullmatch(epoch):
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            pass
    return dt.datetime.now(dt.UTC).date()


@dataclass(frozen=True)
class CorrespName:
    """A name in a ``correspAction``: who (``persName``, ``orgName``; TEI's plain ``name`` is
    read as ``persName``) or where (``placeName``), as the header writes it::

        <persName ref="http://d-nb.info/gnd/118629662 http://viaf.org/viaf/1" cert="low">
          Weber, Carl Maria von</persName>
        -> kind "persName", text "Weber, Carl Maria von",
           refs ("http://d-nb.info/gnd/118629662", "http://viaf.org/viaf/1"), cert "low"
    """

    kind: str
    text: str
    #: the tokens of ``@ref`` (authority URIs, or pointers such as "#p1"), in order
    refs: tuple[str, ...] = ()
    #: ``@cert`` and ``@evidence`` as written ("low", "conjecture"), else None
    cert: str | None = None
    evidence: str | None = None
    #: the authority URIs of the register entry its ``per:``/``pla:``/``org:`` pointer names
    #: (tei_edition/registers/authority.py: resolve_metadata, in the build's page worker);
    #: ``()`` as read from the TEI alone
    uris: tuple[str, ...] = ()


@dataclass(frozen=True)
class CorrespDate:
    """A ``date`` in a ``correspAction``: its dating attributes as written (white space
    stripped; an absent or empty one is None) and its words."""

    when: str | None = None
    from_: str | None = None
    to: str | None = None
    not_before: str | None = None
    not_after: str | None = None
    text: str = ""
    cert: str | None = None
    evidence: str | None = None


@dataclass(frozen=True)
class CorrespAction:
    """A ``correspAction``: its ``@type`` ("sent", "received", "forwarded"...; "" when it
    has none), the names of who acted (in order), the places and the dates."""

    type: str
    names: tuple[CorrespName, ...] = ()
    places: tuple[CorrespName, ...] = ()
    dates: tuple[CorrespDate, ...] = ()


@dataclass(frozen=True)
class Metadata:
    """A document's metadata, as :func:`read_metadata` reads it from the TEI header. Text is
    white space normalised; a part the header lacks is ``""``, ``None`` or ``()``."""

    #: the document's id: its ``xml:id``, else the name it was read under, by page_name
    id: str
    #: the name the document was read under (its file's stem): its id and listed title when
    #: the TEI gives none
    name: str
    #: the header's title (``titleStmt/title``)
    title: str
    #: the date in ISO 8601 (``@when``, else ``@from``, else ``@notBefore``): the sort date
    when: str | None
    #: the date as the header words it ("March 3, 1958")
    date_text: str
    #: the kind of document: the first text division's ``@subtype`` ("cable")
    type: str | None
    senders: tuple[str, ...]
    recipients: tuple[str, ...]
    #: the holding archive (``msIdentifier/repository``)
    repository: str
    #: the archive's signature: ``msIdentifier/idno``, else a ``bibl``'s archival ``idno``
    signature: str
    #: the archive as the index lists it: the repository, else the signature's leading words
    #: ("PRC FMA 118-01154-06" -> "PRC FMA")
    archive: str | None
    #: the language of the text (``xml:lang`` of ``text``, else of ``TEI``, else "en")
    language: str
    #: the names of the other languages the header lists (``langUsage``), in order
    languages: tuple[str, ...]
    #: the header's abstract
    summary: str
    #: the translators the title statement names (a ``respStmt`` of ``resp`` "transl...")
    translators: tuple[str, ...]
    #: the actions of the header's first ``correspDesc``, in order; ``()`` without one
    correspondence: tuple[CorrespAction, ...] = ()
    #: the language the TEI states (``xml:lang`` of ``text``, else of ``TEI``): None where
    #: it states none and :attr:`language` is the default "en" (a French letter without
    #: xml:lang is not said to be English to a harvester)
    stated_language: str | None = None

    @property
    def label(self) -> str:
        """The title a list of documents shows: the header's, else the document's name."""
        return self.title or self.name

    @property
    def year(self) -> str | None:
        return self.when[:4] if self.when and re.match(r"\d{4}", self.when) else None

    @property
    def sort_key(self) -> tuple[bool, str, str, str]:
        """Date order, undated last; then by title (case folded) and id."""
        return (self.when is None, self.when or "", self.label.casefold(), self.id)


def _text(el: etree._Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


_NAMES = frozenset(tei(n) for n in ("persName", "orgName", "placeName", "name"))
_PERSON = frozenset({tei("name"), tei("persName")})
#: "PRC FMA 118-01154-06": an archive's abbreviation is the signature's leading capitalised
#: words
_ARCHIVE_WORDS = re.compile(r"((?:[A-Z][A-Za-z]*\s+)+)")


def _correspondents(header: etree._Element, action: str) -> tuple[str, ...]:
    """The names in the header's correspActions of a type (``sent``, ``received``), in order,
    each once."""
    names: list[str] = []
    for act in header.iterfind("tei:profileDesc/tei:correspDesc/tei:correspAction", NS):
        if act.get("type") != action:
            continue
        for child in act:
            if child.tag in _NAMES:
                name = _text(child)
                if name and name not in names:
                    names.append(name)
    return tuple(names)


_PLACE = tei("placeName")
_DATE = tei("date")


def _attr(el: etree._Element, name: str) -> str | None:
    """An attribute, white space stripped; an empty one is None."""
    return (el.get(name) or "").strip() or None


def _corresp_name(el: etree._Element) -> CorrespName:
    kind = etree.QName(el).localname
    return CorrespName(kind="persName" if kind == "name" else kind, text=_text(el),
                       refs=tuple((el.get("ref") or "").split()), cert=_attr(el, "cert"),
                       evidence=_attr(el, "evidence"))


def _corresp_date(el: etree._Element) -> CorrespDate:
    return CorrespDate(when=_attr(el, "when"), from_=_attr(el, "from"), to=_attr(el, "to"),
                       not_before=_attr(el, "notBefore"), not_after=_attr(el, "notAfter"),
                       text=_text(el), cert=_attr(el, "cert"), evidence=_attr(el, "evidence"))


def _correspondence(header: etree._Element) -> tuple[CorrespAction, ...]:
    """The actions of the first ``correspDesc`` (a header describes one piece of
    correspondence; a second correspDesc, rare, is left to the TEI). Its names are the
    action's direct children, as :func:`_correspondents` reads them; a name without text is
    left out."""
    desc = header.find("tei:profileDesc/tei:correspDesc", NS)
    if desc is None:
        return ()
    actions = []
    for act in desc.iterfind("tei:correspAction", NS):
        names: list[CorrespName] = []
        places: list[CorrespName] = []
        dates: list[CorrespDate] = []
        for child in act:
            if child.tag == _PLACE:
                places.append(_corresp_name(child))
            elif child.tag in _NAMES:
                names.append(_corresp_name(child))
            elif child.tag == _DATE:
                dates.append(_corresp_date(child))
        actions.append(CorrespAction(type=(act.get("type") or "").strip(),
                                     names=tuple(n for n in names if n.text),
                                     places=tuple(p for p in places if p.text),
                                     dates=tuple(dates)))
    return tuple(actions)


def _translators(header: etree._Element) -> tuple[str, ...]:
    return tuple(_text(person)
                 for resp in header.iterfind("tei:fileDesc/tei:titleStmt/tei:respStmt", NS)
                 if resp.get(xml_attr("id")) == "translator"
                 or _text(resp.find("tei:resp", NS)).startswith("transl")
                 for person in resp if person.tag in _PERSON)


def _date(header: etree._Element) -> etree._Element | None:
    date = header.find("tei:profileDesc/tei:creation/tei:date", NS)
    if date is None:
        date = header.find(
            "tei:profileDesc/tei:correspDesc/tei:correspAction[@type='sent']/tei:date", NS)
    return date


def read_metadata(tree: etree._ElementTree | etree._Element, name: str = "document"
                  ) -> Metadata:
    """The metadata of a TEI document. ``name`` is what the document is called when its TEI
    does not say: the stem of its file (``cable-1958-03-03``)."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    header = root.find("tei:teiHeader", NS)
    h = header if header is not None else etree.Element(tei("teiHeader"))
    date = _date(h)
    when = None if date is None else (date.get("when") or date.get("from")
                                      or date.get("notBefore"))
    text = root.find("tei:text", NS)
    div = root.find("tei:text/tei:body/tei:div", NS)
    if div is None:  # an original and its translation: the type of either (the same)
        div = root.find("tei:text/tei:group/tei:text/tei:body/tei:div", NS)
    stated = (text.get(xml_attr("lang")) if text is not None else None) \
        or root.get(xml_attr("lang"))
    language = stated or "en"
    ms = h.find("tei:fileDesc/tei:sourceDesc/tei:msDesc/tei:msIdentifier", NS)
    repository = _text(ms.find("tei:repository", NS)) if ms is not None else ""
    signature = (_text(ms.find("tei:idno", NS)) if ms is not None else "") or _text(
        h.find("tei:fileDesc/tei:sourceDesc/tei:bibl/tei:idno[@type='archival']", NS))
    words = _ARCHIVE_WORDS.match(signature + " ") if signature else None
    return Metadata(
        id=page_name(root.get(xml_attr("id")) or name),
        name=name,
        title=_text(h.find("tei:fileDesc/tei:titleStmt/tei:title", NS)),
        when=when,
        date_text=_text(date),
        type=div.get("subtype") if div is not None else None,
        senders=_correspondents(h, "sent"),
        recipients=_correspondents(h, "received"),
        repository=repository,
        signature=signature,
        archive=repository or (words.group(1).strip() if words else None),
        language=language,
        languages=tuple(_text(lang)
                        for lang in h.iterfind("tei:profileDesc/tei:langUsage/tei:language", NS)
                        if lang.get("ident") != language and _text(lang)),
        summary=_text(h.find("tei:profileDesc/tei:abstract", NS)),
        translators=_translators(h),
        correspondence=_correspondence(h),
        stated_language=stated or None,
    )


# ---------------------------------------------------------------------------------------
# Files of many documents
# ---------------------------------------------------------------------------------------

#: The ``div/@type`` of a document among others in one file: FRUS's ``document``, a file of
#: letters' ``letter``.
DOCUMENT_DIVS = ("document", "letter")
_IS_DOCUMENT = " or ".join(f"@type = '{t}'" for t in DOCUMENT_DIVS)
#: The outermost document divs, and the divs of the front and back matter that hold none
#: (a FRUS volume's "Message of the President", its persons and terms), in document order.
# (A div inside a group's texts is no document of its own: an original and its
# translation, text/group/text, are one document.)
_PARTS = etree.XPath(
    f"tei:text//tei:div[{_IS_DOCUMENT}][not(ancestor::tei:div[{_IS_DOCUMENT}])]"
    "[not(ancestor::tei:group)]"
    f" | tei:text/tei:front/tei:div[not(descendant::tei:div[{_IS_DOCUMENT}])]"
    f" | tei:text/tei:back/tei:div[not(descendant::tei:div[{_IS_DOCUMENT}])]",
    namespaces=NS)


def document_parts(root: etree._Element) -> list[etree._Element]:
    """The parts of a file that are documents of their own, in the file's order: each ``TEI``
    of a ``teiCorpus``; in a ``TEI`` with two or more document divs (:data:`DOCUMENT_DIVS`),
    those divs and the divs of its front and back matter. A file of one document has none
    (``[]``): it is its own page, as before."""
    if root.tag == tei("teiCorpus"):
        return list(root.iterfind(".//tei:TEI", NS))
    parts = _PARTS(root)
    if sum(1 for p in parts if p.get("type") in DOCUMENT_DIVS) < 2:
        return []
    return parts


def _head_text(div: etree._Element) -> str:
    """A div's heading as plain text, its notes left out ("No. 1. Mr. Seat to Mr. Gresham.")."""
    head = div.find("tei:head", NS)
    if head is None:
        return ""
    # a line break is a space: "No. 1.<lb/>Mr. Seat" -> "No. 1. Mr. Seat"
    words = head.xpath(".//text()[not(ancestor::tei:note)] | .//tei:lb[not(ancestor::tei:note)]",
                       namespaces=NS)
    return " ".join("".join(w if isinstance(w, str) else " " for w in words).split())


def part_metadata(volume: Metadata, part: etree._Element, n: int) -> Metadata:
    """The metadata of the ``n``-th part (from 1) of a file whose own is ``volume``: a
    ``TEI`` of a corpus says it in its header; a div gives its id (``xml:id``, else
    "VOLUME-n"), its heading as title (else "VOLUME TITLE, n"), the date of its
    ``dateline`` (else its first dated ``date``) and its ``@subtype`` or ``@type``; the rest
    is the volume's."""
    name = f"{volume.id}-{n}"
    if part.tag == tei("TEI"):
        return read_metadata(part, name)
    date = part.find(".//tei:dateline//tei:date[@when]", NS)
    if date is None:
        date = part.find(".//tei:date[@when]", NS)
    return replace(
        volume, id=page_name(part.get(xml_attr("id")) or name), name=name,
        title=_head_text(part) or f"{volume.label}, {n}",
        when=date.get("when") if date is not None else None, date_text=_text(date),
        type=part.get("subtype") or part.get("type"), senders=(), recipients=(),
        summary="", correspondence=())


# ---------------------------------------------------------------------------------------
# When a document last changed (sitemap.xml's lastmod)
# ---------------------------------------------------------------------------------------

#: A ``@when`` the sitemap protocol's W3C Datetime can carry: a year, a month, a day, or a
#: day and a time ("2026-01-01T10:30:00+01:00"); W3C Datetime has no time without a zone.
_W3C_DATETIME = re.compile(
    r"(?P<day>\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?)"
    r"(?P<time>T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?"
    r"(?P<zone>Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?)?")


def last_change(root: etree._Element) -> str | None:
    """The date of the latest ``revisionDesc`` change of a document (``change/@when``, also
    inside a ``listChange``), as a W3C Datetime, or None when no change is dated. This is the
    date an editor or the encoder last changed the TEI, which is what an aggregator's
    ``lastmod`` asks for; a file's mtime is not (a fresh clone gives every file today's).

    ``<change when="2026-01-01"/> <change when="2026-03-04T09:00:00Z"/>`` ->
    ``"2026-03-04T09:00:00Z"``; a time without a zone keeps its day only
    (``2026-03-04T09:00:00`` -> ``"2026-03-04"``); a value that is no date (``"soon"``,
    ``"2026-13"``) is left out. Days are compared first; on the same day a time wins."""
    best: tuple[str, str] | None = None
    for when in root.xpath("tei:teiHeader/tei:revisionDesc//tei:change/@when", namespaces=NS):
        m = _W3C_DATETIME.fullmatch(str(when).strip())
        if m is None or (m.group("time") and len(m.group("day")) != 10):
            continue
        day = m.group("day")
        value = day + m.group("time") if m.group("zone") else day
        # ISO dates sort as text: "2026-03" < "2026-03-04" < "2026-03-04T09:00Z"
        if best is None or (day, value) > best:
            best = (day, value)
    return best[1] if best else None


def metadata_to_dict(meta: Metadata) -> dict[str, object]:
    """``meta`` as JSON-ready data (the build cache keeps it); :func:`metadata_from_dict`
    reads it back equal."""
    return dataclasses.asdict(meta)


def _names(items: object) -> tuple[CorrespName, ...]:
    return tuple(CorrespName(n["kind"], n["text"], tuple(n["refs"]), n["cert"], n["evidence"],
                             tuple(n.get("uris", ())))
                 for n in items)  # type: ignore[attr-defined]


def metadata_from_dict(data: dict[str, object]) -> Metadata:
    """The :class:`Metadata` of :func:`metadata_to_dict`; a ValueError when it is not one."""
    try:
        fields = dict(data)
        for name in ("senders", "recipients", "languages", "translators"):
            fields[name] = tuple(fields[name])  # type: ignore[arg-type]
        fields["correspondence"] = tuple(
            CorrespAction(a["type"], _names(a["names"]), _names(a["places"]),
                          tuple(CorrespDate(**d) for d in a["dates"]))
            for a in fields["correspondence"])  # type: ignore[attr-defined]
        return Metadata(**fields)  # type: ignore[arg-type]
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"not the metadata of a document: {exc}") from None

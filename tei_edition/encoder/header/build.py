"""The ``teiHeader`` element of an encoded document (ENCODING.md §2), built with
:func:`tei_edition.tei.element` at the end of the TEI element: fileDesc, encodingDesc,
profileDesc, revisionDesc, from the reader's fields (:mod:`.fields`), the correspondents
(:mod:`.correspondents`), the id (:mod:`.ident`) and what the body holds.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from lxml import etree

from tei_edition.edition import Edition
from tei_edition.encoder.body import BodyInfo
from tei_edition.encoder.dates import FoundDate
from tei_edition.encoder.header.correspondents import correspondents
from tei_edition.encoder.header.fields import (
    REPOSITORIES,
    Bibl,
    Facts,
    collapse,
    field_export,
    gather,
    language_elements,
)
from tei_edition.encoder.header.ident import document_id
from tei_edition.encoder.record import AS as RECORD_AS
from tei_edition.encoder.record import FROM as RECORD_FROM
from tei_edition.export import LAYOUT_DESC
from tei_edition.readers.base import Field, Metadata
from tei_edition.tei import element, xml_attr
from tei_edition.version import __version__

XML_ID = xml_attr("id")


EDITORIAL_PROSE: dict[str, str] = {
    "gap": "Passages the editors left out ([...]) are gap reason=\"omitted\"; @rend keeps "
           "the exact marker.",
    "illegible": "Words the source does not let be read ([illegible]) are gap "
                 "reason=\"illegible\" with the bracket's words in desc.",
    "withheld": "Text withheld from the release ([1 line not declassified]) is gap "
                "reason=\"withheld\" with its extent and the bracket's words in desc.",
    "sic": "Errors marked in the source (word [sic]) are sic.",
    "note": "Numbered notes ([1] with an endnote) are note type=\"translator\" place=\"foot\" "
            "at the anchor; the endnote block is not repeated.",
    "signature": "A signature ([signature]) is gap reason=\"signature\".",
    "stamp": "Stamps ([... stamp: ...], [faded ...]) are stamp, holding the bracket's words.",
    "handwritten": "Handwriting ([handwritten: ...]) is add hand=\"#handwritten\", holding the "
                   "bracket's words.",
    "remark": "The translator's remarks ([emphasis in the original]) are note "
              "type=\"editorial\" place=\"inline\".",
    "original": "The original's own words after their English rendering (collapsed "
                "[sorvalis']) are note type=\"original-wording\" place=\"inline\" holding "
                "foreign, its xml:lang the original's language (ru-Latn: transliterated).",
    "unclear": "An uncertain reading (word [?]) is unclear cert=\"low\".",
    "uncertain": "A conjectured name ([Name?]) is supplied reason=\"uncertain-reading\" "
                 "cert=\"low\".",
    "expansion": "Abbreviations expanded inside a word (F[oreign]) are expan with ex.",
    "gloss": "Another spelling of the name before it (Wulumqi [Urumqi]) is choice with orig "
             "and reg.",
    "identification": "A name identifying the words before it (the ambassador [Chervonenko]) "
                      "is supplied reason=\"identification\".",
    "supplied": "Words the translator added for sense ([To], [Chinese] Central Committee) are "
                "supplied reason=\"omitted-in-original\".",
}



# Values are put in the tree as an XML parser reads them back from the output, so that the
# tree is what parsing the bytes gives: a line end is "\n" (XML 1.0 §2.11: "A\r\nB" in an
# edition.toml value is "A\nB"), and in an attribute a tab or line end is a space (§3.3.3:
# a label "La<tab>bel" is n="La bel"). The reader's text is normalised already; values
# from edition.toml and the command line may not be.
_ATTRIBUTE_SPACE = str.maketrans("\t\n", "  ")


def _as_read(value: str) -> str:
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def _leaf(parent: etree._Element, name: str, text: str | None,
          attrib: dict[str, str | None] | None = None) -> etree._Element:
    """An element holding text only, at the end of ``parent``, its values as a parser reads
    them; without text (None or "") it is empty, ``<name/>``. Attributes whose value is None
    are left out."""
    el = element(name, parent=parent)
    if attrib:
        for key, value in attrib.items():
            if value is not None:
                if "\t" in value or "\n" in value or "\r" in value:
                    value = _as_read(value).translate(_ATTRIBUTE_SPACE)
                el.set(key, value)
    if text:
        el.text = _as_read(text) if "\r" in text else text
    return el



def _model_tei() -> etree._Element:
    """``TEI`` holding the teiHeader elements every document has, in order: the header's
    skeleton, where :func:`build_header` puts each document's own elements and words.

    ::

        teiHeader/fileDesc/{titleStmt, publicationStmt, sourceDesc}
                 /encodingDesc/appInfo/application/{label, desc @type x 3}
                              /editorialDecl/p        (its first paragraph)
                 /profileDesc/langUsage
                 /revisionDesc/change
    """
    root = element("TEI")
    header = element("teiHeader", parent=root)
    file_desc = element("fileDesc", parent=header)
    for name in ("titleStmt", "publicationStmt", "sourceDesc"):
        element(name, parent=file_desc)
    encoding = element("encodingDesc", parent=header)
    application = element("application", {"ident": "tei-edition", "version": __version__},
                          parent=element("appInfo", parent=encoding))
    _leaf(application, "label", "tei-edition")
    _leaf(application, "desc", None, {"type": LAYOUT_DESC})
    for kind in (RECORD_FROM, RECORD_AS):  # filled in by the encoder's record (seal)
        _leaf(application, "desc", None, {"type": kind})
    _leaf(element("editorialDecl", parent=encoding), "p", "Square brackets of the source are "
          "encoded by what they mean; the brackets are implied by the elements, and the "
          "export gives them back.")
    element("langUsage", parent=element("profileDesc", parent=header))
    element("change", parent=element("revisionDesc", parent=header))
    return root


_MODEL_TEI = _model_tei()


def tei_element() -> etree._Element:
    """A new TEI element holding the header's skeleton (:func:`_model_tei`), for
    :func:`build_header` to fill.

    Kept for its measured gain, the stage being still over the issue's bound (15% slower
    than 99422f8): the skeleton's 15 elements are copied as one tree rather than made one
    by one: bench/encode.py takes 3% fewer instructions a document (3,530,317 ->
    3,423,215; callgrind, n=400 minus n=200, PYTHONHASHSEED=0), the header alone 100,000
    fewer."""
    return _MODEL_TEI.__copy__()  # (lxml copies an element with all it holds)


@dataclass
class _Header:
    """Everything the header says, once the fields and the body are read."""

    meta: Metadata
    info: BodyInfo
    edition: Edition
    today: str
    counts: Counter[str]  # the interventions in the body, by kind
    facts: Facts
    when: FoundDate | None
    sent: list[tuple[str, str]]
    received: list[tuple[str, str]]
    noted: list[Field]  # the fields kept verbatim as notesStmt/note
    languages: list[tuple[str, str]]  # langUsage/language: (ident, name)


def build_header(header: etree._Element, meta: Metadata, info: BodyInfo, edition: Edition,
                 today: str, counts: Counter[str], id_prefix: str, when: FoundDate | None,
                 translator: str | None) -> str:
    """Fill the teiHeader element ``header`` of a :func:`tei_element` (ENCODING.md §2) and
    return the
    document's id, for the TEI element's @xml:id. The header is indented (the tail of the
    teiHeader element is left to the TEI element's layout).

    ``when`` is the parsed Date field, ``translator`` the name :func:`translator_of` gives.
    """
    facts, fields = gather(meta, translator)
    sent, received = correspondents(meta.title, info)
    ident = document_id(id_prefix, facts.url, when.when if when else None, meta.title)
    languages = language_elements(meta, facts)
    # Fields the export takes from a verbatim note: unknown ones, and known ones whose
    # structured encoding would not give the same words back.
    noted = [f for f, known in fields if not known or collapse(
        field_export(f.label, facts, languages)) != collapse(f.text)]
    h = _Header(meta, info, edition, today, counts, facts, when, sent, received, noted,
                languages)
    file_desc, encoding, profile, revision = header
    bibls = _file_desc(file_desc, h)
    _encoding_desc(encoding, h)
    _profile_desc(profile, h)
    change = revision[0]
    change.set("when", today)
    change.text = f"Encoded by tei-edition {__version__} from the {meta.reader} layout."
    # The layout: every element with children on its own line, two spaces a level
    # (teiHeader is at level 1, in the TEI element). etree.indent would indent mixed
    # content too, and the bibls are the header's only mixed content: they get their
    # words after it.
    etree.indent(header, "  ", level=1)
    for el, found in bibls:
        found.fill(el)
    return ident


def _file_desc(file_desc: etree._Element, h: _Header) -> list[tuple[etree._Element, Bibl]]:
    """fileDesc; its bibls are still empty (returned with what they will hold)."""
    facts = h.facts
    title_stmt, publication, source_desc = file_desc
    _leaf(title_stmt, "title", h.meta.title if h.meta.title is not None else "Untitled document")
    for name in facts.funders:
        _leaf(title_stmt, "funder", name)
    if facts.translator:
        resp = element("respStmt", {XML_ID: "translator"}, parent=title_stmt)
        _leaf(resp, "resp", "translation")
        _leaf(resp, "name", facts.translator)

    edition = h.edition
    if edition.publisher:
        _leaf(publication, "publisher", edition.publisher)
        if edition.licence:
            availability = element("availability", parent=publication)
            _leaf(availability, "licence", edition.licence, {"target": edition.licence_url})
        _leaf(publication, "date", h.today, {"when": h.today})
    else:
        _leaf(publication, "p", "Unpublished: no edition.toml names a publisher for this "
              "document.")

    if h.noted:
        notes = element("notesStmt")
        for f in h.noted:
            _leaf(notes, "note", f.text, {"type": "field", "n": f.label})
        source_desc.addprevious(notes)

    # Citation and Source side by side: TEI's att.declarable rule asks each bibl of a
    # header for an xml:id and exactly one of them for default="true" (the citation).
    several = len(facts.bibls) > 1
    bibls = [(found.start(source_desc, found.kind, n == 0) if several else
              found.start(source_desc), found) for n, found in enumerate(facts.bibls)]
    if facts.signature is not None:  # msDesc: only where an archive signature is known
        _ms_desc(source_desc, facts.signature, facts)
    if not facts.bibls and facts.signature is None:
        _leaf(source_desc, "p", "The source names no citation.")
    return bibls


def _ms_desc(source_desc: etree._Element, signature: str, facts: Facts) -> None:
    languages = facts.languages
    original = next((code for code, _ in languages if code != "en"), None) or (
        languages[0][0] if languages else None)
    ms_desc = element("msDesc", parent=source_desc)
    identifier = element("msIdentifier", parent=ms_desc)
    prefix = signature.rsplit(" ", 1)[0]
    if prefix in REPOSITORIES:
        _leaf(identifier, "repository", REPOSITORIES[prefix])
    _leaf(identifier, "idno", signature)
    if facts.contents or original:
        contents = element("msContents", parent=ms_desc)
        if original and original != "und":
            name = next(n for c, n in languages if c == original)
            _leaf(contents, "textLang", name, {"mainLang": original})
        for item in facts.contents:
            _leaf(element("msItem", parent=contents), "p", item)
        if len(contents) == 0:
            # Only an unknown original language ("und"): the msContents has always been
            # written open and closed on two lines (msDesc is at level 4: 2 spaces a level)
            contents.text = "\n" + "  " * 5


def _encoding_desc(encoding: etree._Element, h: _Header) -> None:
    app_info, decl = encoding
    desc = app_info[0][1]
    meta = h.meta
    tokens = " | ".join(_layout_tokens(meta, h.noted))
    desc.text = _as_read(tokens) if tokens else None
    desc.set("subtype", meta.reader)
    if meta.spaced:
        desc.set("rend", "spaced")
    for kind, prose in EDITORIAL_PROSE.items():
        if h.counts.get(kind):
            _leaf(decl, "p", prose)
    if h.facts.translator:
        _leaf(decl, "p", "The translator's interventions carry resp=\"#translator\".")


def _profile_desc(profile: etree._Element, h: _Header) -> None:
    meta = h.meta
    usage = profile[0]
    if h.facts.summary:
        abstract = element("abstract")
        for line in h.facts.summary:
            _leaf(abstract, "p", line)
        usage.addprevious(abstract)
    date_attrs: dict[str, str | None] = dict(h.when.attributes) if h.when else {}
    if meta.date_text:
        creation = element("creation")
        _leaf(creation, "date", meta.date_text, date_attrs)
        usage.addprevious(creation)
    for code, name in h.languages:
        _leaf(usage, "language", name, {"ident": code})
    if h.sent or h.received or meta.date_text:
        corresp = element("correspDesc", parent=profile)
        if h.sent or meta.date_text:
            action = element("correspAction", {"type": "sent"}, parent=corresp)
            for kind, name in h.sent:
                _leaf(action, kind, name)
            if meta.date_text:
                _leaf(action, "date", meta.date_text, date_attrs)
        if h.received:
            action = element("correspAction", {"type": "received"}, parent=corresp)
            for kind, name in h.received:
                _leaf(action, kind, name)
    if h.info.handwriting:
        hands = element("handNotes", parent=profile)
        _leaf(hands, "handNote", "Handwriting on the source, described by the translator in "
              "brackets.", {XML_ID: "handwritten"})


def _layout_tokens(meta: Metadata, noted: list[Field]) -> list[str]:
    """The source order: ``date``, ``title`` (they come first), then per field its label as
    written, ``note:`` before it when the export takes it from a verbatim note, ``*`` after
    it when the value follows ``:**`` with no space (a label holds no ``*`` or ``|``)."""
    noted_ids = {id(f) for f in noted}
    out = meta.order[:len(meta.order) - len(meta.fields)]  # the date and title tokens
    for f in meta.fields:
        token = f"note:{f.label}" if id(f) in noted_ids else f.label
        out.append(token + "*" if f.glued else token)
    return out


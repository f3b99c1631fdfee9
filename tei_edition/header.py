"""The TEI header of an encoded document, and the way back to the source's header fields.

ENCODING.md §2: each field of the export goes to its place in the header (Citation and
Source to ``sourceDesc/bibl``, Summary to ``abstract``, Credits to ``funder``, Original
Language to ``langUsage``, Contents to ``msContents``). Each known field has two halves
here: how it is encoded and how the export gives it back (:data:`FIELD_SOURCES`). A field
whose structured encoding would not give back the same words (a Credits line in another
wording, Contents items without an archive signature for an msDesc, a second Summary) is
also kept verbatim as ``notesStmt/note type="field" n="Label"``, like a field the encoder
does not know; the export prefers that note. So nothing of the header is ever lost.

The order of the header parts in the source (``date``, ``title`` and the field labels;
``note:Label`` for a field the export takes from its note) is recorded in
``encodingDesc/appInfo/application/desc[@type='source-layout']``, with the reader's name
(``@subtype``) and whether blocks were separated by blank lines (``@rend="spaced"``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from tei_edition import __version__
from tei_edition.edition import Edition
from tei_edition.readers.base import Field, Metadata
from tei_edition.readers.body import BodyInfo
from tei_edition.readers.dates import parse_date
from tei_edition.readers.lines import ORG_WORDS_RE
from tei_edition.tei import element, tei, xml_attr

#: Original Language names to BCP 47.
LANGUAGES: dict[str, str] = {
    "albanian": "sq", "arabic": "ar", "armenian": "hy", "bulgarian": "bg", "chinese": "zh",
    "croatian": "hr", "czech": "cs", "danish": "da", "dutch": "nl", "english": "en",
    "estonian": "et", "finnish": "fi", "french": "fr", "georgian": "ka", "german": "de",
    "greek": "el", "hebrew": "he", "hindi": "hi", "hungarian": "hu", "indonesian": "id",
    "italian": "it", "japanese": "ja", "khmer": "km", "korean": "ko", "lao": "lo",
    "latvian": "lv", "lithuanian": "lt", "macedonian": "mk", "mongolian": "mn",
    "norwegian": "no", "persian": "fa", "farsi": "fa", "polish": "pl", "portuguese": "pt",
    "romanian": "ro", "russian": "ru", "serbian": "sr", "slovak": "sk", "slovenian": "sl",
    "spanish": "es", "swedish": "sv", "turkish": "tr", "ukrainian": "uk", "urdu": "ur",
    "vietnamese": "vi", "uzbek": "uz", "kazakh": "kk", "azerbaijani": "az", "belarusian": "be",
}
LANGUAGE_NAMES = {code: name.capitalize() for name, code in LANGUAGES.items()}
LANGUAGE_NAMES["fa"] = "Persian"

#: Archive signatures the encoder recognises, and their repositories.
REPOSITORIES: dict[str, str] = {
    "PRC FMA": "PRC Foreign Ministry Archive",
    "AVPRF": "Archive of Foreign Policy of the Russian Federation",
    "APRF": "Archive of the President of the Russian Federation",
    "RGANI": "Russian State Archive of Contemporary History",
}
#: "PRC FMA 118-01154-06": capital letters, then numbers joined by hyphens.
SIGNATURE_RE = re.compile(r"(?<![\w-])(?P<sig>(?:[A-Z]{2,8} ){1,3}\d+(?:[-–]\d+)+)(?![\w-])")
CITED_RANGE_RE = re.compile(r"^, (?P<pages>\d+(?:[-–]\d+)?)(?=[.,;]|$)")
TRANSLATOR_RE = re.compile(r"\bTranslated by (?P<name>[^\s.].*?)\.?\s*$")
URL_RE = re.compile(r"^<(?P<url>https?://[^<>\s]+)>$")
CREDITS_PREFIX = "This document was made possible with support from "
_FUNDING_WORDS = re.compile(
    r"\b(?:Foundation|Fund|Ministry|Corporation|Institute|Council|Endowment|Trust|Center|"
    r"Centre|University|Agency|Program|Programme|Society|Association|Academy)\b")
LAYOUT_DESC = "source-layout"


def collapse(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------
# Fields: how each is encoded, and how the export gives it back


@dataclass
class HeaderParts:
    """The header elements the fields fill, before they are put in order."""

    title_stmt: etree._Element
    notes: list[etree._Element]
    bibls: list[etree._Element]
    abstract: etree._Element | None = None
    languages: list[tuple[str, str]] | None = None  # (ident, name) of the original
    contents: list[str] | None = None
    translator: str | None = None
    idno: str | None = None


def bibl(kind: str, field: Field) -> tuple[etree._Element, str | None, str | None]:
    """``sourceDesc/bibl``: verbatim text, with idno, citedRange, respStmt and ptr where clear.

    Returns the element, the archive signature and the translator's name (or None).
    """
    el = element("bibl", {"type": kind})
    url = None
    text_lines = []
    for line in field.lines:
        m = URL_RE.match(line.text)
        if m and url is None:
            url = m["url"]
        else:
            text_lines.append(line.text)
    text = " ".join(text_lines)
    pieces: list[tuple[int, int, Callable[[etree._Element], None]]] = []
    signatures = list(SIGNATURE_RE.finditer(text))
    signature = None
    if len(signatures) == 1:
        m = signatures[0]
        signature = m["sig"]
        pieces.append((m.start(), m.end(), lambda p, s=signature: _idno(p, s)))
        cited = CITED_RANGE_RE.match(text[m.end():])
        if cited:
            a = m.end() + cited.start("pages")
            b = m.end() + cited.end("pages")
            pages = cited["pages"]
            pieces.append((a, b, lambda p, s=pages: _cited(p, s)))
    translator = None
    m = TRANSLATOR_RE.search(text)
    if m and not any(a < m.end("name") and m.start() < b for a, b, _ in pieces):
        translator = m["name"]
        pieces.append((m.start(), m.end("name"), lambda p, s=translator: _resp(p, s)))
    pieces.sort(key=lambda t: t[0])
    cursor = 0
    for start, end, make in pieces:
        _text(el, text[cursor:start])
        make(el)
        cursor = end
    _text(el, text[cursor:])
    if url is not None:
        _text(el, " ")
        element("ptr", {"target": url}, parent=el)
    return el, signature, translator


def _text(parent: etree._Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _idno(parent: etree._Element, signature: str) -> None:
    element("idno", {"type": "archival"}, parent=parent).text = signature


def _cited(parent: etree._Element, pages: str) -> None:
    element("citedRange", {"unit": "page"}, parent=parent).text = pages


def _resp(parent: etree._Element, name: str) -> None:
    resp = element("respStmt", parent=parent)
    element("resp", parent=resp).text = "Translated by"
    element("name", parent=resp).text = name
    resp[0].tail = " "


def bibl_source(el: etree._Element) -> str:
    """The field text back from a ``bibl``: its words, then the URL line."""
    ptr = el.find(tei("ptr"))
    text = "".join(el.itertext()).strip()
    if ptr is not None:
        return f"{text}\n\n<{ptr.get('target')}>"
    return text


def funders(text: str) -> list[str] | None:
    """The funding bodies of a Credits line, where the line has the exports' wording."""
    if not text.startswith(CREDITS_PREFIX) or "\n" in text:
        return None
    rest = text[len(CREDITS_PREFIX):].strip()
    if not rest:
        return None
    parts = rest.split(" and ")
    if len(parts) > 1 and all(_FUNDING_WORDS.search(p) for p in parts):
        return parts
    return [rest]


def language_names(text: str) -> list[str]:
    return [p.strip() for p in re.split(r",\s*|\s+and\s+|\n+", text) if p.strip()]


# The export of each known field, from the whole header (None: the field cannot be given back).
def _citation_source(header: etree._Element, kind: str) -> str | None:
    el = header.find(f".//{tei('bibl')}[@type='{kind}']")
    return None if el is None else bibl_source(el)


def _summary_source(header: etree._Element) -> str | None:
    abstract = header.find(f".//{tei('abstract')}")
    if abstract is None:
        return ""
    return "\n\n".join("".join(p.itertext()) for p in abstract.findall(tei("p")))


def _credits_source(header: etree._Element) -> str | None:
    names = [f.text or "" for f in header.iterfind(f".//{tei('titleStmt')}/{tei('funder')}")]
    if not names:
        return ""
    return CREDITS_PREFIX + " and ".join(names)


def _language_source(header: etree._Element) -> str | None:
    langs = header.findall(f".//{tei('langUsage')}/{tei('language')}")
    original = langs[1:] if len(langs) > 1 else langs
    return ", ".join(lang.text or "" for lang in original)


def _contents_source(header: etree._Element) -> str | None:
    items = header.findall(f".//{tei('msContents')}/{tei('msItem')}/{tei('p')}")
    return "\n".join("".join(p.itertext()) for p in items)


FIELD_SOURCES: dict[str, Callable[[etree._Element], str | None]] = {
    "Citation": lambda h: _citation_source(h, "citation"),
    "Source": lambda h: _citation_source(h, "source"),
    "Summary": _summary_source,
    "Credits": _credits_source,
    "Original Language": _language_source,
    "Contents": _contents_source,
}


# ---------------------------------------------------------------------------------------
# Names of sender and recipient


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
    if ORG_WORDS_RE.search(text):
        return "orgName", text
    return "persName", text


def correspondents(title: str | None, info: BodyInfo) -> tuple[list[tuple[str, str]],
                                                                list[tuple[str, str]]]:
    """Sender and recipient names from the title, else from signature and salutation."""
    sent: list[tuple[str, str]] = []
    received: list[tuple[str, str]] = []
    if title:
        t = title.strip("'\"‘’“” ")
        m = _TITLE_A_TO_B.match(t) or _TITLE_FROM_TO.match(t)
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
        who = re.split(r"[,:!]", _HONORIFIC.sub("", info.salute.replace("[", "")
                                                .replace("]", "").strip(" \"“")))[0]
        for part in who.split(" and "):
            name = _name(part)
            if name:
                received.append(name)
    if not received and info.to:
        bare = re.sub(r"\[[^\]]*\]", "", info.to).strip()
        if re.fullmatch(r"[A-Z][\w'’-]+", bare):
            received.append(("placeName", bare))
        else:
            name = _name(bare)
            if name:
                received.append(name)
    return sent, received


# ---------------------------------------------------------------------------------------
# The document's id


def slug(text: str, limit: int = 48) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > limit:
            break
        out = f"{out}-{word}" if out else word
    return out


def document_id(prefix: str, url: str | None, when: str | None, title: str | None) -> str:
    """``wilson-118186`` where the URL ends in a number, else prefix, date and a title slug."""
    if url:
        m = re.search(r"/(\d+)/?$", url)
        if m:
            return f"{prefix}-{m[1]}"
    parts = [p for p in (when, slug(title or "")) if p]
    return "-".join([prefix, *parts]) if parts else f"{prefix}-document"


# ---------------------------------------------------------------------------------------
# The header


EDITORIAL_PROSE: dict[str, str] = {
    "gap": "Passages the editors left out ([...]) are gap reason=\"omitted\"; @rend keeps "
           "the exact marker.",
    "illegible": "Words the source does not let be read ([illegible]) are gap "
                 "reason=\"illegible\" with the bracket's words in desc.",
    "sic": "Errors marked in the source (word [sic]) are sic.",
    "note": "Numbered notes ([1] with an endnote) are note type=\"translator\" place=\"foot\" "
            "at the anchor; the endnote block is not repeated.",
    "signature": "A signature ([signature]) is gap reason=\"signature\".",
    "stamp": "Stamps ([... stamp: ...], [faded ...]) are stamp, holding the bracket's words.",
    "handwritten": "Handwriting ([handwritten: ...]) is add hand=\"#handwritten\", holding the "
                   "bracket's words.",
    "remark": "The translator's remarks ([emphasis in the original]) are note "
              "type=\"editorial\" place=\"inline\".",
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


@dataclass
class HeaderResult:
    header: etree._Element
    ident: str
    translator: str | None


def translator_of(meta: Metadata) -> str | None:
    """The translator the export names (Citation first, then Source)."""
    for label in ("Citation", "Source"):
        for f in meta.fields:
            if f.label == label:
                m = TRANSLATOR_RE.search(" ".join(
                    line.text for line in f.lines if not URL_RE.match(line.text)))
                if m:
                    return m["name"]
    return None


def build_header(meta: Metadata, info: BodyInfo, edition: Edition, today: str,
                 counts: Counter[str], id_prefix: str) -> HeaderResult:
    """The teiHeader of one document (ENCODING.md §2)."""
    header = element("teiHeader")
    file_desc = element("fileDesc", parent=header)
    title_stmt = element("titleStmt", parent=file_desc)
    element("title", parent=title_stmt).text = (
        meta.title if meta.title is not None else "Untitled document")
    publication = element("publicationStmt", parent=file_desc)
    notes_stmt = element("notesStmt", parent=file_desc)
    source_desc = element("sourceDesc", parent=file_desc)
    encoding_desc = element("encodingDesc", parent=header)
    profile = element("profileDesc", parent=header)
    revision = element("revisionDesc", parent=header)

    # publicationStmt: from the edition (edition.toml)
    if edition.publisher:
        element("publisher", parent=publication).text = edition.publisher
        if edition.licence:
            availability = element("availability", parent=publication)
            licence = element("licence", {"target": edition.licence_url},
                              parent=availability)
            licence.text = edition.licence
        element("date", {"when": today}, parent=publication).text = today
    else:
        element("p", parent=publication).text = (
            "Unpublished: no edition.toml names a publisher for this document.")

    # Fields, in the source's order
    translator = translator_of(meta)
    seen: set[str] = set()
    url = None
    signature = None
    languages: list[tuple[str, str]] = []
    order: list[str] = []
    pending_notes: list[tuple[Field, bool]] = []
    abstract = None
    contents_items: list[str] = []
    for token in meta.order:
        if token in ("date", "title"):
            order.append(token)
    fields_by_order = iter(meta.fields)
    for token in meta.order:
        if token in ("date", "title"):
            continue
        f = next(fields_by_order)
        known = f.label in FIELD_SOURCES and f.label not in seen
        seen.add(f.label)
        if not known:
            pending_notes.append((f, True))
            continue
        if f.label in ("Citation", "Source"):
            el, sig, _ = bibl(f.label.lower(), f)
            source_desc.append(el)
            signature = signature or sig
            ptr = el.find(tei("ptr"))
            if ptr is not None and url is None:
                url = ptr.get("target")
        elif f.label == "Summary":
            if f.lines:
                abstract = element("abstract")
                for line in f.lines:
                    element("p", parent=abstract).text = line.text
        elif f.label == "Credits":
            for name in funders(f.text) or []:
                element("funder", parent=title_stmt).text = name
        elif f.label == "Original Language":
            for name in language_names(f.text):
                languages.append((LANGUAGES.get(name.lower(), "und"), name))
        elif f.label == "Contents":
            contents_items = [line.text for line in f.lines]
        pending_notes.append((f, False))

    if translator:
        resp = element("respStmt", {xml_attr("id"): "translator"}, parent=title_stmt)
        element("resp", parent=resp).text = "translation"
        element("name", parent=resp).text = translator

    # msDesc: only where an archive signature is known
    original = next((code for code, _ in languages if code != "en"), None) or (
        languages[0][0] if languages else None)
    if signature is not None:
        ms = element("msDesc", parent=source_desc)
        ident = element("msIdentifier", parent=ms)
        prefix = signature.rsplit(" ", 1)[0]
        if prefix in REPOSITORIES:
            element("repository", parent=ident).text = REPOSITORIES[prefix]
        element("idno", parent=ident).text = signature
        if contents_items or original:
            ms_contents = element("msContents", parent=ms)
            if original and original != "und":
                name = next(n for c, n in languages if c == original)
                element("textLang", {"mainLang": original}, parent=ms_contents).text = name
            for item in contents_items:
                element("p", parent=element("msItem", parent=ms_contents)).text = item
    if len(source_desc) == 0:
        element("p", parent=source_desc).text = "The source names no citation."

    # profileDesc
    if abstract is not None:
        profile.append(abstract)
    when = parse_date(meta.date_text) if meta.date_text else None
    if meta.date_text:
        creation = element("creation", parent=profile)
        element("date", when.attributes if when else {}, parent=creation).text = meta.date_text
    lang_usage = element("langUsage", parent=profile)
    english_only = len(languages) == 1 and languages[0][0] == "en"
    if not english_only:  # the translation's language, unless the original is English alone
        element("language", {"ident": "en"}, parent=lang_usage).text = "English"
    if meta.language and meta.language != "en" and not languages:
        element("language", {"ident": meta.language}, parent=lang_usage).text = \
            LANGUAGE_NAMES.get(meta.language, meta.language)
    for code, name in languages:
        element("language", {"ident": code}, parent=lang_usage).text = name
    sent, received = correspondents(meta.title, info)
    if sent or received or meta.date_text:
        corresp = element("correspDesc", parent=profile)
        action = element("correspAction", {"type": "sent"}, parent=corresp)
        for kind, name in sent:
            element(kind, parent=action).text = name
        if meta.date_text:
            element("date", when.attributes if when else {}, parent=action).text = \
                meta.date_text
        if received:
            action = element("correspAction", {"type": "received"}, parent=corresp)
            for kind, name in received:
                element(kind, parent=action).text = name
        if len(corresp) and len(corresp[0]) == 0:
            corresp.remove(corresp[0])
        if len(corresp) == 0:
            profile.remove(corresp)
    if info.handwriting:
        hands = element("handNotes", parent=profile)
        element("handNote", {xml_attr("id"): "handwritten"}, parent=hands).text = \
            "Handwriting on the source, described by the translator in brackets."

    # Fields the export takes from a verbatim note: unknown ones, and known ones whose
    # structured encoding does not give the same words back.
    for f, unknown in pending_notes:
        if not unknown:
            exported = FIELD_SOURCES[f.label](header)
            if exported is not None and collapse(exported) == collapse(f.text):
                order.append(f.label)
                continue
        note = element("note", {"type": "field", "n": f.label}, parent=notes_stmt)
        note.text = f.text
        order.append(f"note:{f.label}")
    if len(notes_stmt) == 0:
        file_desc.remove(notes_stmt)

    # encodingDesc
    app_info = element("appInfo", parent=encoding_desc)
    app = element("application", {"ident": "tei-edition", "version": __version__},
                  parent=app_info)
    element("label", parent=app).text = "tei-edition"
    layout = element("desc", {"type": LAYOUT_DESC, "subtype": meta.reader,
                              "rend": "spaced" if meta.spaced else None}, parent=app)
    layout.text = " | ".join(_ordered(meta.order, order))
    decl = element("editorialDecl", parent=encoding_desc)
    element("p", parent=decl).text = (
        "Square brackets of the source are encoded by what they mean; the brackets are "
        "implied by the elements, and the export gives them back.")
    for kind, prose in EDITORIAL_PROSE.items():
        if counts.get(kind):
            element("p", parent=decl).text = prose
    if translator:
        element("p", parent=decl).text = (
            "The translator's interventions carry resp=\"#translator\".")

    change = element("change", {"when": today}, parent=revision)
    change.text = f"Encoded by tei-edition {__version__} from the {meta.reader} layout."

    ident = document_id(id_prefix, url, when.when if when else None, meta.title)
    return HeaderResult(header, ident, translator)


def _ordered(source_order: list[str], resolved: list[str]) -> list[str]:
    """The source order, each field token as resolved (``Label`` or ``note:Label``)."""
    out: list[str] = []
    pool = list(resolved)
    for token in source_order:
        for k, r in enumerate(pool):
            if r == token or r == f"note:{token}":
                out.append(r)
                del pool[k]
                break
    return out

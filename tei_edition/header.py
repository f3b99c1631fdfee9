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

from tei_edition.edition import Edition
from tei_edition.readers.base import Field, Metadata
from tei_edition.readers.body import BodyInfo
from tei_edition.readers.dates import FoundDate
from tei_edition.readers.lines import PLACE_WORD_RE, has_org_word
from tei_edition.tei import append_text, element, tei, xml_attr
from tei_edition.version import __version__

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
XML_ID = xml_attr("id")
_LANGUAGE_SEPARATOR_RE = re.compile(r",\s*|\s+and\s+|\n+")
_SALUTE_END_RE = re.compile(r"[,:!]")
_BRACKETED_RE = re.compile(r"\[[^\]]*\]")
_SLUG_WORD_RE = re.compile(r"[a-z0-9]+")
_URL_NUMBER_RE = re.compile(r"/(\d+)/?$")


def collapse(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------
# Fields: how each is encoded, and how the export gives it back


@dataclass
class Bibl:
    """``sourceDesc/bibl`` of a Citation or Source field: its verbatim words, with idno,
    citedRange, respStmt and ptr where they are clear."""

    kind: str
    text: str  # the field's words, its URL line left out
    url: str | None
    signature: str | None
    translator: str | None
    #: the words of ``text`` that become elements, in order: (start, end, tag), e.g.
    #: ``(41, 61, "idno")`` for "PRC FMA 118-01154-06"; the words between stay text
    pieces: list[tuple[int, int, str]]

    def build(self, parent: etree._Element | None = None, ident: str | None = None,
              default: bool = False) -> etree._Element:
        """The bibl element (at the end of ``parent`` when given), with its words."""
        el = self.start(parent, ident, default)
        self.fill(el)
        return el

    def start(self, parent: etree._Element | None = None, ident: str | None = None,
              default: bool = False) -> etree._Element:
        """The bibl element, still empty."""
        return element("bibl", {"type": self.kind, XML_ID: ident,
                                "default": "true" if default else None}, parent=parent)

    def fill(self, el: etree._Element) -> None:
        """The words of the bibl and the elements among them, into the empty ``el``."""
        text = self.text
        cursor = 0
        for start, end, tag in self.pieces:
            append_text(el, text[cursor:start])
            if tag == "idno":
                element("idno", {"type": "archival"}, text[start:end], el)
            elif tag == "citedRange":
                element("citedRange", {"unit": "page"}, text[start:end], el)
            else:  # "Translated by NAME": the same words, as resp and name
                resp = element("respStmt", parent=el)
                element("resp", text="Translated by", parent=resp).tail = " "
                element("name", text=self.translator, parent=resp)
            cursor = end
        append_text(el, text[cursor:])
        if self.url is not None:
            append_text(el, " ")
            element("ptr", {"target": self.url}, parent=el)
        if len(el) == 0 and el.text is None:
            # A Citation field without words: written <bibl ...></bibl> (as it always was)
            el.text = ""

    @property
    def source(self) -> str:
        """What the export gives back from this bibl (as :func:`bibl_source` does)."""
        text = self.text.strip()
        return text if self.url is None else f"{text}\n\n<{self.url}>"


def bibl(kind: str, field: Field) -> Bibl:
    url = None
    text_lines = []
    for line in field.lines:
        m = URL_RE.match(line.text)
        if m and url is None:
            url = m["url"]
        else:
            text_lines.append(line.text)
    text = " ".join(text_lines)
    pieces: list[tuple[int, int, str]] = []
    signatures = list(SIGNATURE_RE.finditer(text))
    signature = None
    if len(signatures) == 1:
        m = signatures[0]
        signature = m["sig"]
        pieces.append((m.start(), m.end(), "idno"))
        cited = CITED_RANGE_RE.match(text[m.end():])
        if cited:
            pieces.append((m.end() + cited.start("pages"), m.end() + cited.end("pages"),
                           "citedRange"))
    translator = None
    m = TRANSLATOR_RE.search(text)
    if m and not any(a < m.end("name") and m.start() < b for a, b, _ in pieces):
        translator = m["name"]
        pieces.append((m.start(), m.end("name"), "respStmt"))
    pieces.sort(key=lambda t: t[0])
    return Bibl(kind, text, url, signature, translator, pieces)


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
    return [p.strip() for p in _LANGUAGE_SEPARATOR_RE.split(text) if p.strip()]


# The export of each known field, from the whole header (None: the field cannot be given back).
# The paths are walked child by child (what ElementPath does for them, without its cost).
_SOURCE_DESC = (tei("fileDesc"), tei("sourceDesc"))
_PROFILE = tei("profileDesc")
_ABSTRACT = (_PROFILE, tei("abstract"))
_P = tei("p")
_FUNDERS = (tei("fileDesc"), tei("titleStmt"), tei("funder"))
_LANGUAGES = (_PROFILE, tei("langUsage"), tei("language"))
_MS_ITEMS = (*_SOURCE_DESC, tei("msDesc"), tei("msContents"), tei("msItem"), _P)
_BIBLS = (*_SOURCE_DESC, tei("bibl"))


def _walk(el: etree._Element, path: tuple[str, ...]) -> list[etree._Element]:
    """The elements at the end of a path of child tags, in document order (as
    ``el.findall("a/b/c")``)."""
    found = [el]
    for tag in path:
        found = [child for parent in found for child in parent.iterchildren(tag)]
    return found


def _citation_source(header: etree._Element, kind: str) -> str | None:
    el = next((b for b in _walk(header, _BIBLS) if b.get("type") == kind), None)
    return None if el is None else bibl_source(el)


def _summary_source(header: etree._Element) -> str | None:
    abstracts = _walk(header, _ABSTRACT)
    if not abstracts:
        return ""
    return "\n\n".join("".join(p.itertext()) for p in abstracts[0].iterchildren(_P))


def _credits_source(header: etree._Element) -> str | None:
    names = [f.text or "" for f in _walk(header, _FUNDERS)]
    if not names:
        return ""
    return CREDITS_PREFIX + " and ".join(names)


def _language_source(header: etree._Element) -> str | None:
    langs = _walk(header, _LANGUAGES)
    original = langs[1:] if len(langs) > 1 else langs
    return ", ".join(lang.text or "" for lang in original)


def _contents_source(header: etree._Element) -> str | None:
    items = _walk(header, _MS_ITEMS)
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


# ---------------------------------------------------------------------------------------
# The document's id


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


@dataclass
class _Facts:
    """What the header says, gathered from the fields before it is built."""

    translator: str | None
    bibls: list[Bibl]
    signature: str | None
    url: str | None
    funders: list[str]
    summary: list[str]
    languages: list[tuple[str, str]]
    contents: list[str]


def _gather(meta: Metadata, translator: str | None) -> tuple[_Facts, list[tuple[Field, bool]]]:
    facts = _Facts(translator, [], None, None, [], [], [], [])
    seen: set[str] = set()
    fields: list[tuple[Field, bool]] = []  # (field, known)
    for f in meta.fields:
        known = f.label in FIELD_SOURCES and f.label not in seen
        seen.add(f.label)
        fields.append((f, known))
        if not known:
            continue
        if f.label in ("Citation", "Source"):
            found = bibl(f.label.lower(), f)
            facts.bibls.append(found)
            facts.signature = facts.signature or found.signature
            if facts.url is None:
                facts.url = found.url
        elif f.label == "Summary":
            facts.summary = [line.text for line in f.lines]
        elif f.label == "Credits":
            facts.funders = funders(f.text) or []
        elif f.label == "Original Language":
            facts.languages = [(LANGUAGES.get(name.lower(), "und"), name)
                               for name in language_names(f.text)]
        elif f.label == "Contents":
            facts.contents = [line.text for line in f.lines]
    return facts, fields


def _language_elements(meta: Metadata, facts: _Facts) -> list[tuple[str, str]]:
    """``langUsage/language`` as (ident, name): the translation's language (unless the
    original is English alone), the reader's language where no field names one, then the
    original's."""
    languages = facts.languages
    out = []
    if not (len(languages) == 1 and languages[0][0] == "en"):
        out.append(("en", "English"))
    if meta.language and meta.language != "en" and not languages:
        out.append((meta.language, LANGUAGE_NAMES.get(meta.language, meta.language)))
    out += languages
    return out


def _field_export(label: str, facts: _Facts, languages: list[tuple[str, str]]) -> str:
    """What the export will give back for a known field of the header as it is built
    (:data:`FIELD_SOURCES` on the built header), told from the facts alone."""
    if label in ("Citation", "Source"):
        kind = label.lower()
        found = next((b for b in facts.bibls if b.kind == kind), None)
        return "" if found is None else found.source
    if label == "Summary":
        return "\n\n".join(facts.summary)
    if label == "Credits":
        return CREDITS_PREFIX + " and ".join(facts.funders) if facts.funders else ""
    if label == "Original Language":
        original = languages[1:] if len(languages) > 1 else languages
        return ", ".join(name for _, name in original)
    if label == "Contents":  # msItem is built only in an msDesc
        return "\n".join(facts.contents) if facts.signature is not None else ""
    raise KeyError(label)


@dataclass
class _Header:
    """Everything the header says, once the fields and the body are read."""

    meta: Metadata
    info: BodyInfo
    edition: Edition
    today: str
    counts: Counter[str]  # the interventions in the body, by kind
    facts: _Facts
    when: FoundDate | None
    sent: list[tuple[str, str]]
    received: list[tuple[str, str]]
    noted: list[Field]  # the fields kept verbatim as notesStmt/note
    languages: list[tuple[str, str]]  # langUsage/language: (ident, name)


def build_header(parent: etree._Element, meta: Metadata, info: BodyInfo, edition: Edition,
                 today: str, counts: Counter[str], id_prefix: str, when: FoundDate | None,
                 translator: str | None) -> str:
    """Build the teiHeader (ENCODING.md §2) at the end of ``parent`` (the TEI element) and
    return the document's id, for the TEI element's @xml:id. The header is indented (the
    tail of the teiHeader element is left to the TEI element's layout).

    ``when`` is the parsed Date field, ``translator`` the name :func:`translator_of` gives.
    """
    facts, fields = _gather(meta, translator)
    sent, received = correspondents(meta.title, info)
    ident = document_id(id_prefix, facts.url, when.when if when else None, meta.title)
    languages = _language_elements(meta, facts)
    # Fields the export takes from a verbatim note: unknown ones, and known ones whose
    # structured encoding would not give the same words back.
    noted = [f for f, known in fields if not known or collapse(
        _field_export(f.label, facts, languages)) != collapse(f.text)]
    h = _Header(meta, info, edition, today, counts, facts, when, sent, received, noted,
                languages)
    header = element("teiHeader", parent=parent)
    bibls = _file_desc(header, h)
    _encoding_desc(header, h)
    _profile_desc(header, h)
    revision = element("revisionDesc", parent=header)
    _leaf(revision, "change", f"Encoded by tei-edition {__version__} from the "
          f"{meta.reader} layout.", {"when": today})
    # The layout: every element with children on its own line, two spaces a level
    # (teiHeader is at level 1, in the TEI element). etree.indent would indent mixed
    # content too, and the bibls are the header's only mixed content: they get their
    # words after it.
    etree.indent(header, "  ", level=1)
    for el, found in bibls:
        found.fill(el)
    return ident


def _file_desc(header: etree._Element, h: _Header) -> list[tuple[etree._Element, Bibl]]:
    """fileDesc; its bibls are still empty (returned with what they will hold)."""
    facts = h.facts
    file_desc = element("fileDesc", parent=header)
    title_stmt = element("titleStmt", parent=file_desc)
    _leaf(title_stmt, "title", h.meta.title if h.meta.title is not None else "Untitled document")
    for name in facts.funders:
        _leaf(title_stmt, "funder", name)
    if facts.translator:
        resp = element("respStmt", {XML_ID: "translator"}, parent=title_stmt)
        _leaf(resp, "resp", "translation")
        _leaf(resp, "name", facts.translator)

    publication = element("publicationStmt", parent=file_desc)
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
        notes = element("notesStmt", parent=file_desc)
        for f in h.noted:
            _leaf(notes, "note", f.text, {"type": "field", "n": f.label})

    source_desc = element("sourceDesc", parent=file_desc)
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


def _ms_desc(source_desc: etree._Element, signature: str, facts: _Facts) -> None:
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


def _encoding_desc(header: etree._Element, h: _Header) -> None:
    encoding = element("encodingDesc", parent=header)
    application = element("application", {"ident": "tei-edition", "version": __version__},
                          parent=element("appInfo", parent=encoding))
    _leaf(application, "label", "tei-edition")
    meta = h.meta
    _leaf(application, "desc", " | ".join(_layout_tokens(meta, h.noted)), {
        "type": LAYOUT_DESC, "subtype": meta.reader, "rend": "spaced" if meta.spaced else None})
    decl = element("editorialDecl", parent=encoding)
    _leaf(decl, "p", "Square brackets of the source are encoded by what they mean; the "
          "brackets are implied by the elements, and the export gives them back.")
    for kind, prose in EDITORIAL_PROSE.items():
        if h.counts.get(kind):
            _leaf(decl, "p", prose)
    if h.facts.translator:
        _leaf(decl, "p", "The translator's interventions carry resp=\"#translator\".")


def _profile_desc(header: etree._Element, h: _Header) -> None:
    meta = h.meta
    profile = element("profileDesc", parent=header)
    if h.facts.summary:
        abstract = element("abstract", parent=profile)
        for line in h.facts.summary:
            _leaf(abstract, "p", line)
    date_attrs: dict[str, str | None] = dict(h.when.attributes) if h.when else {}
    if meta.date_text:
        _leaf(element("creation", parent=profile), "date", meta.date_text, date_attrs)
    usage = element("langUsage", parent=profile)
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

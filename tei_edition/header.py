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
from functools import lru_cache, partial

from lxml import etree

from tei_edition.edition import Edition
from tei_edition.readers.base import Field, Metadata
from tei_edition.readers.body import BodyInfo
from tei_edition.readers.dates import FoundDate
from tei_edition.readers.lines import PLACE_WORD_RE, has_org_word
from tei_edition.tei import TEI_NS, tei
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


@dataclass
class Bibl:
    """``sourceDesc/bibl`` of a Citation or Source field: its verbatim words, with idno,
    citedRange, respStmt and ptr where they are clear."""

    kind: str
    text: str  # the field's words, its URL line left out
    url: str | None
    signature: str | None
    translator: str | None
    markup: str  # the bibl's content as XML: the words and the elements inside them

    def xml(self, ident: str | None = None, default: bool = False) -> str:
        attrs = {"type": self.kind, "xml:id": ident, "default": "true" if default else None}
        return f"<bibl{_attrs(attrs)}>{self.markup}</bibl>"

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
    pieces: list[tuple[int, int, str]] = []  # (start, end, markup) of the words it replaces
    signatures = list(SIGNATURE_RE.finditer(text))
    signature = None
    if len(signatures) == 1:
        m = signatures[0]
        signature = m["sig"]
        pieces.append((m.start(), m.end(), f'<idno type="archival">{_esc(signature)}</idno>'))
        cited = CITED_RANGE_RE.match(text[m.end():])
        if cited:
            a = m.end() + cited.start("pages")
            b = m.end() + cited.end("pages")
            pieces.append((a, b, f'<citedRange unit="page">{_esc(cited["pages"])}</citedRange>'))
    translator = None
    m = TRANSLATOR_RE.search(text)
    if m and not any(a < m.end("name") and m.start() < b for a, b, _ in pieces):
        translator = m["name"]
        # "Translated by NAME" in the source: the same words, as resp and name
        pieces.append((m.start(), m.end("name"), "<respStmt><resp>Translated by</resp> "
                       f"<name>{_esc(translator)}</name></respStmt>"))
    pieces.sort(key=lambda t: t[0])
    out = []
    cursor = 0
    for start, end, markup in pieces:
        out.append(_esc(text[cursor:start]))
        out.append(markup)
        cursor = end
    out.append(_esc(text[cursor:]))
    if url is not None:
        out.append(f' <ptr target="{_esc_attr(url)}"/>')
    return Bibl(kind, text, url, signature, translator, "".join(out))


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


@dataclass
class HeaderResult:
    xml: str  # '<TEI ...>' and the teiHeader, indented
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


# The header is written as text, not built as a tree: the escaping below gives the bytes
# lxml writes for the same tree (a test parses each output and serialises it again).
_ATTR_SPACE = str.maketrans("\t\n\r", "   ")


def _esc(text: str) -> str:
    """Character data: ``& < >`` escaped, line ends as an XML parser reads them."""
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _esc_attr(value: str) -> str:
    """An attribute value: escaped, and its tabs and line ends as the spaces a parser makes
    of them (XML 1.0 §3.3.3)."""
    value = _esc(value)
    if '"' in value:
        value = value.replace('"', "&quot;")
    if "\t" in value or "\n" in value:  # (a carriage return is a line end by now)
        value = value.translate(_ATTR_SPACE)
    return value


def _attrs(attrs: dict[str, str | None] | None) -> str:
    if not attrs:
        return ""
    return "".join(f' {k}="{_esc_attr(v)}"' for k, v in attrs.items() if v is not None)


#: The line break and indentation before an element at each level.
_PADS = tuple("\n" + "  " * level for level in range(32))


class _Writer:
    """The header as indented XML text (much faster than building it element by element
    with lxml). Elements with children are indented; text is escaped."""

    def __init__(self, level: int):
        self.parts: list[str] = []
        self.level = level

    def open(self, tag: str, attrs: dict[str, str | None] | None = None) -> None:
        self.parts.append(f"{_PADS[self.level]}<{tag}{_attrs(attrs) if attrs else ''}>")
        self.level += 1

    def close(self, tag: str) -> None:
        self.level -= 1
        self.parts.append(f"{_PADS[self.level]}</{tag}>")

    def leaf(self, tag: str, text: str | None = None,
             attrs: dict[str, str | None] | None = None) -> None:
        start = f"{_PADS[self.level]}<{tag}{_attrs(attrs) if attrs else ''}"
        self.parts.append(f"{start}>{_esc(text)}</{tag}>" if text else f"{start}/>")


def _chunk(level: int, write: Callable[[_Writer], object]) -> str:
    """Markup that never changes, written once (at import) at the given level."""
    w = _Writer(level)
    write(w)
    return "".join(w.parts)


@dataclass
class _Facts:
    """What the header says, gathered from the fields before it is written."""

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
    """What the export will give back for a known field of the header as it is written
    (:data:`FIELD_SOURCES` on the written header), told from the facts alone."""
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
    if label == "Contents":  # msItem is written only in an msDesc
        return "\n".join(facts.contents) if facts.signature is not None else ""
    raise KeyError(label)


def build_header(meta: Metadata, info: BodyInfo, edition: Edition, today: str,
                 counts: Counter[str], id_prefix: str, when: FoundDate | None,
                 translator: str | None) -> HeaderResult:
    """The start tag of the document's ``TEI`` element (with its @xml:id) and its
    teiHeader (ENCODING.md §2), as indented XML text: the body follows it.

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
    xml = (f'<TEI xmlns="{TEI_NS}" xml:id="{_esc_attr(ident)}" xml:lang="en">\n  '
           + _write(meta, info, edition, today, counts, facts, when, sent, received, noted,
                    languages))
    return HeaderResult(xml, ident, facts.translator)


# The fixed markup of encodingDesc, written once.
_APPLICATION_HEAD = _chunk(2, lambda w: (
    w.open("encodingDesc"), w.open("appInfo"),
    w.open("application", {"ident": "tei-edition", "version": __version__}),
    w.leaf("label", "tei-edition")))
_EDITORIAL_DECL_HEAD = _chunk(5, lambda w: (
    w.close("application"), w.close("appInfo"), w.open("editorialDecl"),
    w.leaf("p", "Square brackets of the source are encoded by what they mean; the brackets "
                "are implied by the elements, and the export gives them back.")))
_EDITORIAL_PROSE_XML = {kind: _chunk(4, partial(_Writer.leaf, tag="p", text=prose))
                        for kind, prose in EDITORIAL_PROSE.items()}
_TRANSLATOR_PROSE = _chunk(4, lambda w: w.leaf(
    "p", "The translator's interventions carry resp=\"#translator\"."))
_ENCODING_DESC_END = _chunk(4, lambda w: (w.close("editorialDecl"), w.close("encodingDesc")))
_HAND_NOTES = _chunk(3, lambda w: (
    w.open("handNotes"),
    w.leaf("handNote", "Handwriting on the source, described by the translator in brackets.",
           {"xml:id": "handwritten"}),
    w.close("handNotes")))


def _leaf(level: int, tag: str, text: str | None, attrs: str = "") -> str:
    """An element with text only (``<tag/>`` when it has none), on its own line."""
    if text:
        return f"{_PADS[level]}<{tag}{attrs}>{_esc(text)}</{tag}>"
    return f"{_PADS[level]}<{tag}{attrs}/>"


@lru_cache(maxsize=64)
def _publication_stmt(edition: Edition, today: str) -> str:
    """publicationStmt, from the edition (edition.toml): the same for all its documents."""
    w = _Writer(3)
    w.open("publicationStmt")
    if edition.publisher:
        w.leaf("publisher", edition.publisher)
        if edition.licence:
            w.open("availability")
            w.leaf("licence", edition.licence, {"target": edition.licence_url})
            w.close("availability")
        w.leaf("date", today, {"when": today})
    else:
        w.leaf("p", "Unpublished: no edition.toml names a publisher for this document.")
    w.close("publicationStmt")
    return "".join(w.parts)


@lru_cache(maxsize=64)
def _revision_desc(reader: str, today: str) -> str:
    return _chunk(2, lambda w: (
        w.open("revisionDesc"),
        w.leaf("change", f"Encoded by tei-edition {__version__} from the {reader} layout.",
               {"when": today}),
        w.close("revisionDesc")))


def _write(meta: Metadata, info: BodyInfo, edition: Edition, today: str,
           counts: Counter[str], facts: _Facts, when: FoundDate | None,
           sent: list[tuple[str, str]], received: list[tuple[str, str]],
           noted: list[Field], language_elements: list[tuple[str, str]]) -> str:
    """The teiHeader, indented: each line's level is written out (teiHeader is at 1)."""
    out = ["<teiHeader>\n    <fileDesc>\n      <titleStmt>",
           _leaf(4, "title", meta.title if meta.title is not None else "Untitled document")]
    add = out.append
    for name in facts.funders:
        add(_leaf(4, "funder", name))
    if facts.translator:
        add('\n        <respStmt xml:id="translator">\n          <resp>translation</resp>')
        add(_leaf(5, "name", facts.translator))
        add("\n        </respStmt>")
    add("\n      </titleStmt>")
    add(_publication_stmt(edition, today))

    if noted:
        add("\n      <notesStmt>")
        for f in noted:
            add(_leaf(4, "note", f.text, _attrs({"type": "field", "n": f.label})))
        add("\n      </notesStmt>")

    add("\n      <sourceDesc>")
    # Citation and Source side by side: TEI's att.declarable rule asks each bibl of a
    # header for an xml:id and exactly one of them for default="true" (the citation).
    several = len(facts.bibls) > 1
    for n, found in enumerate(facts.bibls):
        add(_PADS[4] + (found.xml(found.kind, n == 0) if several else found.xml()))
    # msDesc: only where an archive signature is known
    languages = facts.languages
    original = next((code for code, _ in languages if code != "en"), None) or (
        languages[0][0] if languages else None)
    if facts.signature is not None:
        add("\n        <msDesc>\n          <msIdentifier>")
        prefix = facts.signature.rsplit(" ", 1)[0]
        if prefix in REPOSITORIES:
            add(_leaf(6, "repository", REPOSITORIES[prefix]))
        add(_leaf(6, "idno", facts.signature))
        add("\n          </msIdentifier>")
        if facts.contents or original:
            add("\n          <msContents>")
            if original and original != "und":
                name = next(n for c, n in languages if c == original)
                add(_leaf(6, "textLang", name, _attrs({"mainLang": original})))
            for item in facts.contents:
                add("\n            <msItem>")
                add(_leaf(7, "p", item))
                add("\n            </msItem>")
            add("\n          </msContents>")
        add("\n        </msDesc>")
    if not facts.bibls and facts.signature is None:
        add(_leaf(4, "p", "The source names no citation."))
    add("\n      </sourceDesc>\n    </fileDesc>")

    # encodingDesc
    add(_APPLICATION_HEAD)
    add(_leaf(5, "desc", " | ".join(_layout_tokens(meta, noted)), _attrs(
        {"type": LAYOUT_DESC, "subtype": meta.reader, "rend": "spaced" if meta.spaced else None})))
    add(_EDITORIAL_DECL_HEAD)
    for kind, prose in _EDITORIAL_PROSE_XML.items():
        if counts.get(kind):
            add(prose)
    if facts.translator:
        add(_TRANSLATOR_PROSE)
    add(_ENCODING_DESC_END)

    # profileDesc
    add("\n    <profileDesc>")
    if facts.summary:
        add("\n      <abstract>")
        for line in facts.summary:
            add(_leaf(4, "p", line))
        add("\n      </abstract>")
    date_attrs = _attrs(when.attributes) if when else ""
    if meta.date_text:
        add("\n      <creation>")
        add(_leaf(4, "date", meta.date_text, date_attrs))
        add("\n      </creation>")
    add("\n      <langUsage>")
    for code, name in language_elements:
        add(_leaf(4, "language", name, f' ident="{_esc_attr(code)}"'))
    add("\n      </langUsage>")
    if sent or received or meta.date_text:
        add("\n      <correspDesc>")
        if sent or meta.date_text:
            add('\n        <correspAction type="sent">')
            for kind, name in sent:
                add(_leaf(5, kind, name))
            if meta.date_text:
                add(_leaf(5, "date", meta.date_text, date_attrs))
            add("\n        </correspAction>")
        if received:
            add('\n        <correspAction type="received">')
            for kind, name in received:
                add(_leaf(5, kind, name))
            add("\n        </correspAction>")
        add("\n      </correspDesc>")
    if info.handwriting:
        add(_HAND_NOTES)
    add("\n    </profileDesc>")
    add(_revision_desc(meta.reader, today))
    add("\n  </teiHeader>")
    return "".join(out)


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

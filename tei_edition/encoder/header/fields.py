"""The header fields of a source, read for the TEI header: what each known field says.

A Citation or Source is a ``bibl`` (:class:`Bibl`: its words, with the idno, citedRange,
translator and URL found in them); Credits name funders; Original Language names
languages; Summary and Contents are lines. :func:`gather` reads them all into
:class:`Facts`, and tells which fields are known (:data:`tei_edition.export.FIELD_SOURCES`
gives each back); :func:`field_export` tells, from the facts alone, what the export will
give back for a field, so that one whose words would not come back is also kept verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from tei_edition.export import CREDITS_PREFIX, FIELD_SOURCES
from tei_edition.readers.base import Field, Metadata
from tei_edition.tei import append_text, element, xml_attr

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
_FUNDING_WORDS = re.compile(
    r"\b(?:Foundation|Fund|Ministry|Corporation|Institute|Council|Endowment|Trust|Center|"
    r"Centre|University|Agency|Program|Programme|Society|Association|Academy)\b")
_LANGUAGE_SEPARATOR_RE = re.compile(r",\s*|\s+and\s+|\n+")
_XML_ID = xml_attr("id")


def collapse(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------
# The fields of a citation and the funders, languages


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
        return element("bibl", {"type": self.kind, _XML_ID: ident,
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



def named_languages(meta: Metadata) -> list[str]:
    """The languages (BCP 47) the Original Language field names ("und" for a name it does
    not know), else the one the command line gives (--language), else none."""
    field = next((f for f in meta.fields if f.label == "Original Language"), None)
    if field is not None:
        return [LANGUAGES.get(name.lower(), "und") for name in language_names(field.text)]
    return [meta.language] if meta.language else []


def original_language(meta: Metadata) -> str | None:
    """The original's language (BCP 47) when it is known and not English: the first of
    :func:`named_languages` that is neither; None otherwise."""
    return next((c for c in named_languages(meta) if c not in ("en", "und")), None)


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



@dataclass
class Facts:
    """What the header says, gathered from the fields before it is built."""

    translator: str | None
    bibls: list[Bibl]
    signature: str | None
    url: str | None
    funders: list[str]
    summary: list[str]
    languages: list[tuple[str, str]]
    contents: list[str]


def gather(meta: Metadata, translator: str | None) -> tuple[Facts, list[tuple[Field, bool]]]:
    facts = Facts(translator, [], None, None, [], [], [], [])
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


def language_elements(meta: Metadata, facts: Facts) -> list[tuple[str, str]]:
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


def field_export(label: str, facts: Facts, languages: list[tuple[str, str]]) -> str:
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



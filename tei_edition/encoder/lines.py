"""What one body line (or block of lines) is: tests on the text alone, no TEI.

The body of an export has no markup: each non-empty line is one block, and what it is
(a labelled header line, a salutation, a paragraph, a list item, a signature, a date line)
is read from its words. These tests are kept here, small and named, so that the
structure finder (:mod:`tei_edition.encoder.structure`) reads as the layout it recognises.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from tei_edition.encoder.brackets.rules import is_omission_marker
from tei_edition.encoder.dates import find_date, has_digit, parse_date

# "To:", "Telegram From:", "Level:", "No.", "Copy", "Subject:", ... -> seg/@type (ENCODING.md §3)
SEG_LABELS: dict[str, str] = {
    "to": "to", "from": "from", "telegram from": "from", "cable from": "from",
    "telegram to": "to", "date": "date", "level": "level", "priority": "level",
    "grade": "level", "no.": "number", "no": "number", "nº": "number", "№": "number",
    "number": "number", "copy": "copy", "copies": "copy", "contents": "subject",
    "subject": "subject", "re": "subject", "attachment": "attachment",
    "attachments": "attachment", "enclosure": "attachment", "enclosures": "attachment",
    "series": "series", "classification": "classification",
}
_LABEL_WORDS = "|".join(sorted((re.escape(k) for k in SEG_LABELS), key=len, reverse=True))
#: "To: Wulumqi", "Telegram From: the Soviet Union", "Copies: Stalin (2), ..."
COLON_LABEL_RE = re.compile(rf"^(?P<label>(?:{_LABEL_WORDS}):)\s*(?P<rest>.*)$", re.IGNORECASE)
#: "No. (61) 561", "Copy [Chinese] Central Committee:", "to Cde. I. V. STALIN", "From BEIJING"
BARE_LABEL_RE = re.compile(
    r"^(?P<label>No\.|Nº|№|Copy|Copies)\s+(?P<rest>\S.*)$"
    r"|^(?P<tolabel>to|To|From)\s+(?P<torest>(?:Cde\.|Comrade|Comrades|[A-Z]{2,}|Mr\.|Ms\.).*)$")
URGENCY_RE = re.compile(
    r"^(?:extremely urgent|very urgent|most urgent|urgent|immediate|flash|top priority|"
    r"priority|operational)[.!]*$", re.IGNORECASE)
CLASSIFICATION_RE = re.compile(
    r"^(?:top secret|strictly secret|secret|strictly confidential|confidential|"
    r"for official use only|restricted|eyes only)\b[.!]*(?:\s.{0,30})?$", re.IGNORECASE)
NUMBER_RE = re.compile(r"(?:\bNo\.?\s*\(?\d|№|Nº)")
#: List markers: "1)", "(1)", "1 -", "1.", "a)", "- ", "• "
# (the marker and the item's text apart by spaces: the item's text keeps all but the first,
# "1)   We" -> item n="1)" holding "  We", so that the export gives the line back)
LIST_ITEM_RE = re.compile(
    r"^(?P<n>\(\d{1,3}\)|\d{1,3}\)|\d{1,3}\s?[-–]|\d{1,3}\.|[a-z]\)|[-–•*]) +(?P<rest>\S.*)$")
# A line made only of brackets describing the physical source: [stamp: ...], [handwritten: ...]
_BRACKETS_ONLY_RE = re.compile(r"^(?:\[(?:[^\[\]]|\[[^\[\]]*\])*\]\s*)+$")
_PHYSICAL_START_RE = re.compile(
    r"^\[\s*(?:handwritten|signature|illegible|faded|[^\]:]{0,40}\bstamp\b)", re.IGNORECASE)
SALUTE_START_RE = re.compile(
    r"^[\"“]?\[?(?:To|Dear|My dear|Comrade|Comrades|Cde\.|Respected|Esteemed|Mr\.|Mrs\.|"
    r"Sir|Sirs|Gentlemen|Your Excellency|Excellency|Honou?red)\b")
CLOSING_SALUTE_RE = re.compile(
    r"^(?:Devotedly|Sincerely|Respectfully|Faithfully|Cordially|Yours|Best regards|"
    r"With (?:comradely|fraternal|communist|socialist|best|warm) (?:greetings|regards)|"
    r"Comradely greetings)\b"
    r".{0,30}[,.!]?$", re.IGNORECASE)
PARENTHESISED_NAME_RE = re.compile(r"^\((?P<name>[^()\[\]]{2,60})\)$")
#: Words that make a name an office or body (orgName), not a person.
ORG_WORDS = frozenset("""
    ministry embassy committee office department government council party consulate bureau
    division branch agency command headquarters mission section directorate administration
    delegation legation secretariat presidium politburo ambassador minister consul chairman
    secretary attaché attache chancellery archive foundation institute academy union republic
    """.split())
ORG_WORDS_RE = re.compile(rf"\b(?:{'|'.join(sorted(ORG_WORDS))})\b", re.IGNORECASE)


def has_org_word(text: str) -> bool:
    """Whether ``text`` names an office or body (``ORG_WORDS_RE``)."""
    return ORG_WORDS_RE.search(text) is not None


ENCLOSURE_HEAD_RE = re.compile(r"^(?:Enclosure|Attachment|Appendix|Annex)\b[^.]{0,60}$")
ENDNOTE_RE = re.compile(r"^\[(?P<n>\d{1,3})\]\s+(?P<text>\S.*)$")
_DISTRIBUTION_WORD_RE = re.compile(r"\b(?:cop(?:y|ies)|distribut)", re.IGNORECASE)
#: One capitalised word: a place on its own ("Pyongyang").
PLACE_WORD_RE = re.compile(r"[A-Z][\w'’-]+")
_FUNCTION_WORDS = frozenset("a an and as at by for from in into of on or the to with".split())
_NAME_PARTICLES = frozenset("of the and de du da van von der".split())
_SENTENCE_END_RE = re.compile(r"[.?!…][\"'”’)\]]*$")
_INITIAL_END_RE = re.compile(r"(?:\b[A-Z]\.|\bCde\.|\bMr\.|\bMrs\.|\bDr\.|\bNo\.)$")
_CLOSING_CHARS = "\"'”’)]\n"  # what may follow the full stop (and "$" matches before "\n")


class SegLabel(NamedTuple):
    type: str
    label: str | None  # the label text as written ("To:", "No."), None for unlabelled lines
    rest_offset: int  # where the value starts in the line


def words(text: str) -> int:
    return len(text.split())


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends a sentence (``... on 3 May.``, not ``... Cde.``)."""
    # Both patterns end at the end of the text: searching from its last characters finds
    # what a search of the whole text finds (a search from the start tries every place of a
    # long paragraph). Kept for its measured gain, the encode stage being over the issue's
    # bound (15% slower than 99422f8) without it (issue 12): instructions a document
    # (callgrind, PYTHONHASHSEED=0) bench/encode.py 3,386,284 -> 3,335,206 (-1.5%), the
    # real samples 4,087,387 -> 3,794,636 (-7.2%; their paragraphs are long).
    end = max(0, len(text.rstrip(_CLOSING_CHARS)) - 1)
    return bool(_SENTENCE_END_RE.search(text, end)) and not _INITIAL_END_RE.search(
        text, max(0, len(text) - 6))


def is_gap_line(text: str) -> bool:
    """A line that is an omission alone ([...], […]): exactly what editorial's rule 1 takes
    for one (a line "[.]" is a supplied full stop, so it stays a paragraph)."""
    return text[:1] == "[" and text[-1:] == "]" and is_omission_marker(text[1:-1])


def is_physical_line(text: str) -> bool:
    """Only brackets, the first describing the physical source ([stamp: ...], [signature])."""
    return bool(_BRACKETS_ONLY_RE.match(text)) and bool(_PHYSICAL_START_RE.match(text))


def list_item(text: str) -> re.Match[str] | None:
    return LIST_ITEM_RE.match(text)


def seg_label(text: str) -> SegLabel | None:
    """A labelled opener line ("To: ...", "No. 42", "Copy ...", "to Cde. ..."), else None."""
    m = COLON_LABEL_RE.match(text)
    if m:
        label = m["label"]
        return SegLabel(SEG_LABELS[label[:-1].lower()], label, m.start("rest"))
    m = BARE_LABEL_RE.match(text)
    if m:
        if m["label"]:
            return SegLabel(SEG_LABELS[m["label"].lower()], m["label"], m.start("rest"))
        return SegLabel(SEG_LABELS[m["tolabel"].lower()], m["tolabel"], m.start("torest"))
    return None


def unlabelled_seg(text: str, year: int | None) -> str | None:
    """The seg/@type of an unlabelled opener line: urgency, classification, number, date."""
    if URGENCY_RE.match(text):
        return "level"
    if CLASSIFICATION_RE.match(text) and words(text) <= 6:
        return "classification"
    if NUMBER_RE.search(text) and words(text) <= 8:
        return "number"
    if find_date(text, year) is not None and words(text) <= 8:
        return "date"
    return None


def is_paragraph(text: str) -> bool:
    """Running text: a long line, or a sentence of six words or more."""
    tokens = text.split()
    n = len(tokens)
    if ends_sentence(text):
        return n >= 6
    if n < 15:
        return False
    # a long line without a full stop is running text, unless it is a title-case heading
    content = [w for w in tokens if w.lower() not in _FUNCTION_WORDS]
    capitals = sum(1 for w in content if w[0].isupper())
    return n >= 15 and capitals * 2 < len(content)


def is_salute(text: str) -> bool:
    """A salutation: "Dear ...", or a line naming the addressee that ends in ':' or '!'."""
    stripped = text.rstrip("\"”")
    tokens = text.split()
    if text.startswith(("Dear ", "My dear ", "“Dear ", '"Dear ')) and len(tokens) <= 12:
        return True
    if len(tokens) > 40:
        return False
    if stripped.endswith((":", "!", ",")) and SALUTE_START_RE.match(text):
        return True
    # "Chairman Mao:", "Comrade Minister!": a few capitalised words naming the addressee
    return stripped.endswith((":", "!")) and len(tokens) <= 5 and all(
        w[0].isupper() or w[0] in "[(\"“" or w in _NAME_PARTICLES for w in tokens)


def is_distribution_head(text: str) -> bool:
    """The line before a distribution list: "Produced in 6 copies for:", "Distribution:"."""
    return text.endswith(":") and (
        words(text) <= 6 or bool(_DISTRIBUTION_WORD_RE.search(text)))


def is_heading(text: str) -> bool:
    """A short unlabelled line in the opener: JOURNAL, Record, a subject line, a place."""
    return words(text) <= 20 and not ends_sentence(text) and not text.endswith((":", ";"))


_PLACE_BEFORE_DATE_RE = re.compile(r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2},?")
_NAME_AFTER_DATE_RE = re.compile(r"[A-Z][A-Z'’. -]{1,40}")


#: The longest line read as a date line (the longest in the samples has 25 characters): a
#: paragraph with a date in it is not searched for one.
DATELINE_MAX_CHARS = 120


def is_dateline(text: str, year: int | None) -> bool:
    """A date alone, or with a place before it ("Budapest, 1972 July 1.") or a name after."""
    if len(text) > DATELINE_MAX_CHARS or not has_digit(text):
        return False  # (with find_date's prefilters: see encoder/dates.py)
    if parse_date(text, year) is not None:
        return True
    found = find_date(text, year)
    if found is None:
        return False
    before, after = text[: found.start].strip(), text[found.end:].strip(" .")
    if not after and _PLACE_BEFORE_DATE_RE.fullmatch(before):
        return True
    return not before and bool(_NAME_AFTER_DATE_RE.fullmatch(after))


def is_closing_salute(text: str) -> bool:
    return bool(CLOSING_SALUTE_RE.match(text))


def is_strong_closer(text: str, year: int | None) -> bool:
    """A line that only a closer holds: a date line, [signature], (Name), "Yours, ..."."""
    if text in ("[signature]", "[illegible signature]"):
        return True
    if PARENTHESISED_NAME_RE.match(text) and words(text) <= 6:
        return True
    return is_closing_salute(text) or is_dateline(text, year)


def is_weak_closer(text: str, max_words: int = 8) -> bool:
    """A line a signature may be: short, no sentence end, no label."""
    if list_item(text) or is_gap_line(text) or COLON_LABEL_RE.match(text):
        return False
    if ":" in text[:40] or text.endswith((":", ";")):
        return False
    return words(text) <= max_words and not ends_sentence(text)


def is_place_line(text: str) -> bool:
    """A place alone on the line above a date ("Pyongyang"): one capitalised word."""
    return bool(PLACE_WORD_RE.fullmatch(text)) and not has_org_word(text)


def name_element(text: str) -> str | None:
    """persName or orgName for a signature line that is a name, None for other text."""
    if not text or not (text[0].isupper() or text[0] == "["):
        return None
    if ends_sentence(text) or words(text) > 10:
        return None
    if has_org_word(text):
        return "orgName"
    return "persName" if words(text) <= 5 else None


def opens_quote(text: str) -> bool:
    """A line that opens a quotation not closed on the same line."""
    if text.startswith("“"):
        return text.count("“") > text.count("”")
    if text.startswith('"'):
        return text.count('"') % 2 == 1
    return False


def closes_quote(text: str) -> bool:
    return text.endswith(("”", '"', '".', '”.'))

"""An original-language transcription and its translation in one body: where the body splits
into the two, and how their paragraphs correspond.

Some exports give the original text, transcribed in its own script, and then the English
translation (or the translation first, then the original): 104.txt of the development set
holds a Chinese cable (title, date, salutation, paragraphs, signature, date, then the
Chinese edition's own endnotes ``[1] 倪大使, 指...``) and then its English translation. An
editor tells the two apart by their script alone:

- a line is *in a script* when most of its letters are (``倪大使[1]:`` is Han; ``Premier Kim
  [Il Sung]`` is Latin; a line without letters, ``1950`` or ``[1]``, is in none);
- the body is an original and its translation when it is a run of lines in one script other
  than Latin at its start (or at its end), the rest of the body all Latin, and the run is a
  text of its own: at least :data:`MIN_LINES` lines, and at least :data:`MIN_SHARE` of the
  translation's letters (a translation renders the whole of its original; a Chinese heading
  above an English text is not a transcription of it). Lines in no script between the two
  go with the translation.

A few Chinese words inside an English paragraph leave its line Latin: such a body is one
text. Nothing here knows a word of any document.

The language of the original: the Original Language field's, when it names one language
written in that script (Ukrainian for Cyrillic), else the language the script stands for in
this archive (encoder/scripts.py: Han ``zh``, Han with kana ``ja``, Cyrillic ``ru``, Hangul
``ko``, Greek ``el``, ...); a script several languages share and no field settles (Arabic,
Devanagari) is ``und-`` and its ISO 15924 code (``und-Arab``): the language is not known,
the script is. A script the table does not know is no script: such a body stays one text.
An original in the Latin script (a Polish text and its English translation) cannot be told
from its translation by the script, and is not split.

:func:`split` finds the two parts; :func:`link_paragraphs` points each paragraph of the
translation at the paragraph of the original it renders (``@corresp``). The body builder
builds each part as a text of its own (``text/group/text``), each with its own endnotes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lxml import etree

from tei_edition.encoder.scripts import LATIN, has_kana, language_of, script_of_line
from tei_edition.readers.base import Line
from tei_edition.tei import tei, xml_attr

#: A run of lines in another script is a transcription from this many lines on (one line is
#: a heading or a quotation in the original, not a text).
MIN_LINES = 2
#: ... and when it has at least this share of the translation's letters. A Han character
#: stands for two or three letters of English (104.txt: 173 Han characters, endnotes
#: included, for 460 Latin letters), a Cyrillic letter for about one: a whole original has
#: a third of the translation's letters or more, a heading above a page of English a few
#: hundredths.
MIN_SHARE = 0.1


def _letters(lines: Iterable[Line]) -> int:
    return sum(ch.isalpha() for line in lines for ch in line.text)


@dataclass(frozen=True)
class Transcription:
    """A body read as an original and its translation, each a list of the source's lines."""

    original: list[Line]
    translation: list[Line]
    original_first: bool
    script: str  # ISO 15924: Hani, Cyrl, ...
    language: str  # BCP 47: zh, ru, und-Arab

    @property
    def parts(self) -> list[tuple[str, list[Line]]]:
        """The two parts in the source's order, each with its text type."""
        original = ("original", self.original)
        translation = ("translation", self.translation)
        return [original, translation] if self.original_first else [translation, original]


def split(lines: Sequence[Line], named: Sequence[str] = ()) -> Transcription | None:
    """The body as an original and its translation, or None when it is one text. ``named``
    are the languages the Original Language field gives (BCP 47).

    A line's script is asked only where the rule needs it: a body whose first and last lines
    with letters are Latin is one text after two lines (every line of every body, asked
    first, made the encoder measurably slower: bench/encode.py)."""
    for original_first in (True, False):
        order = range(len(lines)) if original_first else range(len(lines) - 1, -1, -1)
        found = _run(lines, order)
        if found is None:
            continue
        script, end, count = found  # lines order[:end] are the original's
        cut = end if original_first else len(lines) - end
        original = list(lines[:cut]) if original_first else list(lines[cut:])
        translation = list(lines[cut:]) if original_first else list(lines[:cut])
        if count < MIN_LINES or _letters(original) < MIN_SHARE * _letters(translation):
            continue
        if any(script_of_line(line.text) not in (None, LATIN) for line in translation):
            continue  # a line in another script among the English: not one translation
        kana = any(has_kana(line.text) for line in original)
        return Transcription(original, translation, original_first, script,
                             language_of(script, named, kana))
    return None


def _run(lines: Sequence[Line], order: Iterable[int]) -> tuple[str, int, int] | None:
    """The script of the run of lines the body starts with (taken in ``order``), how many
    lines it takes (up to its last line in that script before the first Latin line) and how
    many of them are in that script; None when the body does not start with a script other
    than Latin, or has no Latin line."""
    script: str | None = None
    end = count = 0
    for k, i in enumerate(order):
        s = script_of_line(lines[i].text)
        if s is None:
            continue
        if s == LATIN:
            return (script, end, count) if script is not None else None
        if script is None:
            script = s
        elif s != script:
            return None
        end = k + 1
        count += 1
    return None


# ---------------------------------------------------------------------------------------
# The correspondence of the paragraphs

#: The elements that are a paragraph of a text for the correspondence: one line of its
#: header, running text, salutation or signature each.
_UNIT_TAGS = tuple(tei(n) for n in ("seg", "salute", "p", "item", "signed", "dateline"))
_SEG, _NOTE, _GROUP, _TEXT = tei("seg"), tei("note"), tei("group"), tei("text")
_XML_ID = xml_attr("id")


def units(text: etree._Element) -> list[etree._Element]:
    """The paragraphs of one text, in order: its labelled header lines (``To Comrade
    Petrov.``), its salutation, each paragraph and list item (``(一) 请经常注视...`` a p,
    ``- Please pay regular attention...`` an item), its signature and date line, whichever
    element the line tests made of each (they are written for English: ``倪大使[1]:`` is a p,
    ``Ambassador Ni [Zhiliang]:`` a salute). Not counted: the headings above a text (the
    original's title and date line, which a translation gives in the document's title), and
    what is inside a note (a distribution list) or inside another paragraph."""
    found = []
    for el in text.iter(_UNIT_TAGS):
        if el.tag == _SEG and el.get("type") == "heading":
            continue
        if any(a.tag in _UNIT_TAGS or a.tag == _NOTE for a in el.iterancestors()):
            continue
        found.append(el)
    return found


def link_paragraphs(text: etree._Element) -> int:
    """Point each paragraph of the translation at the paragraph of the original it renders
    (``corresp="#p3"``), when the paragraphs correspond one to one: the two texts have as
    many paragraphs (:func:`units`), so the n-th renders the n-th. A paragraph of the
    original that has no id (a salutation, a list item) gets one: ``o`` and its place among
    the original's paragraphs (``o4``). Returns how many paragraphs were linked; a text
    without a group is left as it is."""
    group = text.find(_GROUP)
    if group is None:
        return 0
    texts = {t.get("type"): t for t in group.iterchildren(_TEXT)}
    original, translation = texts.get("original"), texts.get("translation")
    if original is None or translation is None:
        return 0
    sources, renderings = units(original), units(translation)
    if not sources or len(sources) != len(renderings):
        return 0
    for n, (source, rendering) in enumerate(zip(sources, renderings, strict=True), 1):
        ident = source.get(_XML_ID)
        if ident is None:
            ident = f"o{n}"
            source.set(_XML_ID, ident)
        rendering.set("corresp", f"#{ident}")
    return len(sources)

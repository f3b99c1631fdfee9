"""The bracket rules: what each square bracket means (ENCODING.md §4).

This module owns the editorial conventions of the Wilson Center exports. Every bracket of a
body line is read by the named rules of :data:`RULES`, tried in order; the first that
matches decides. The brackets of an intervention are not kept in the TEI text (the element
implies them, D7); :func:`tei_edition.export.inline_source` gives them back exactly.

The rules, with an example each (``→`` the TEI produced), and how each one decides:

1. ``gap_omitted``     ``[...]``, ``[…]``, ``[.…]``, ``[….]`` (dots and ellipses only): a passage
                       left out by the editors → ``<gap reason="omitted" rend="[...]"/>``
                       (``@rend`` keeps the exact marker, brackets included)
2. ``illegible``       ``[illegible signature]``, ``[two words illegible]`` (up to three words
                       around illegible / unreadable / indecipherable)
                       → ``<gap reason="illegible"><desc>illegible signature</desc></gap>``
3. ``sic``             ``recieved [sic]`` → ``<sic>recieved</sic>``: the word right before, apart
                       by exactly one space (the export restores that one space). A ``[sic]``
                       with no word so placed (``word[sic]``, at a line's start) is a remark
                       (rule 6's element), so the spacing comes back exactly
4. ``footnote``        ``text[1]`` when the endnote block has ``[1] ...``
                       → ``<note type="translator" place="foot" n="1">the endnote's text</note>``;
                       the note's text is read by these rules too (but not rule 4 again). A
                       number in brackets without an endnote (``Nº [208]``), or whose
                       endnote an earlier anchor took, is read by the later rules: a number
                       the translator supplied (rule 11)
5. ``physical``        ``[signature]`` (also signed, initials) → ``<gap reason="signature"/>``;
                       ``[MFA stamp: Copy No 3]`` → ``<stamp>MFA stamp: Copy No 3</stamp>``
                       (it begins with stamp, seal or faded, or has up to four words before
                       a stamp or seal that ends the line or takes a colon;
                       ``[faded USSR TOP SECRET ...]`` → ``<stamp>faded USSR ...</stamp>``);
                       ``[handwritten: 328/ag]`` (begins with handwritten, handwriting)
                       → ``<add hand="#handwritten">handwritten: 328/ag</add>``.
                       The element holds the whole inner text (D1); only stamps and handwriting
                       may span lines (up to six more), the line breaks becoming ``<lb/>``
6. ``remark``          ``[emphasis in the original]``, ``[underlined in the original]``, other
                       known phrases (page 2, not translated, translator's note: ...), or a
                       sentence of its own (``[The rest of the page is torn.]``: capital, three
                       words or more, ends in . ! ?)
                       → ``<note type="editorial" place="inline">emphasis in the original</note>``
7. ``uncertain``       ``Samsonov [?]`` → ``<unclear cert="low">Samsonov</unclear>`` (the word
                       before, one space, as in rule 3; else a remark);
                       ``[N. P. Varnov?]`` (anything ending in ?) →
                       ``<supplied reason="uncertain-reading" cert="low">N. P. Varnov</supplied>``
8. ``expansion``       ``F[oreign] M[inistry]``: letters in brackets touching a letter
                       → ``<expan>F<ex>oreign</ex> M<ex>inistry</ex></expan>``; the element
                       takes the whole word, and abbreviations apart by one space make one
                       ``expan``
9. ``gloss``           ``Wulumqi [Urumqi]``, ``Pak Seong-cheol [Pak Song Chol]``: the bracket
                       holds a proper name (capitalised words) whose letters are close to the
                       capitalised words right before it (one space apart): a weighted edit
                       distance on the letters (b/p, l/r, g/k... count half) gives a similarity
                       of 0.6 or more for one to six of those words; the best of them is ``orig``
                       → ``<choice><orig>Wulumqi</orig><reg>Urumqi</reg></choice>``
10. ``identification`` ``the Ambassador of the Soviet Union [Stepan Chervonenko]``,
                       ``The ambassador [Chervonenko]``, ``he [Kim Il Sung]``,
                       ``from Filippov [Stalin]``: a proper name that the next word does not
                       carry on (``Comrade [Li] Fuchun`` is rule 11), right after a title or
                       role (or a role followed by its complement, "of the Soviet Union"), a
                       pronoun, or another name of other letters inside the clause (a pseudonym)
                       → ``<supplied reason="identification">Chervonenko</supplied>``
-. ``doubled``         ``[[N. P. Varnov?]]``, ``[[illegible signature]]``: a bracket whose whole
                       content is one bracket. The outer pair is the doubling the exports use
                       for a bracket inside a bracketed passage, not an intervention of its own:
                       the inner bracket is read by the rules and its element records the
                       doubling in ``@rend="double-bracket"`` (``triple-bracket``,
                       ``quadruple-bracket``); a doubled omission keeps it in its marker
                       (``<gap reason="omitted" rend="[[...]]"/>``)
11. ``supplied``       everything else: ``[To]``, ``[the memorandum]``,
                       ``[Chinese] Central Committee``, ``Comrade [Li] Fuchun``, ``Nº [208]``,
                       ``[US Secretary of State William] Rogers``: words added for sense, a part
                       of a name → ``<supplied reason="omitted-in-original">To</supplied>``

Brackets inside brackets (up to four levels) are read by the same rules inside the outer
element: ``[handwritten: to Cde. [[N. P. Varnov?]]]`` is an ``add`` holding a ``supplied``.
A bracket that does not close on its line (a physical description: within six lines), a
stray ``]`` and brackets nested deeper than four levels stay literal text, with a warning
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tei_edition.encoder.brackets.english import english
from tei_edition.encoder.brackets.scan import physical_kind
from tei_edition.encoder.brackets.words import (
    DETERMINERS,
    FUNCTION_WORDS,
    GLOSS_SIMILARITY,
    LETTERS_RE,
    LOOKBEHIND,
    NAME_TOKEN_RE,
    ORGANISATION_WORDS,
    PARTICLES,
    PRONOUNS,
    ROLES,
    has_diacritic,
    is_name,
    letter_similarity,
    letters,
    letters_before,
    name_goes_on,
    name_run_starts,
    one_syllable,
    phrase_before,
    similarity,
    title_phrase,
    word_before,
)
from tei_edition.encoder.scripts import native_script, script_of, writes
from tei_edition.tei import element, tei

if TYPE_CHECKING:
    from tei_edition.encoder.brackets.encode import BracketSite


RuleFn = Callable[["BracketSite"], "str | None"]


@dataclass(frozen=True)
class Rule:
    """One named reading of a bracket: ``apply`` encodes it and returns the intervention's
    kind (for the counts), or returns None and changes nothing."""

    number: str
    name: str
    doc: str
    apply: RuleFn



# The elements of the kinds (``as_...``): what a bracket becomes once it is read as that
# kind, by its rule or by the editor's readings.tsv (tei_edition/encoder/readings.py). Each
# returns the kind the counts know, or None when the bracket cannot be encoded so.


def as_omitted(s: BracketSite) -> str | None:
    """``<gap reason="omitted" rend="[...]"/>``: the marker, doubling and all, in @rend
    (a marker is on one line)."""
    if "\n" in s.content:
        return None
    marker = "[" * s.doubling + s.content + "]" * s.doubling
    s.element("gap", {"reason": "omitted", "rend": marker}, doubled=False)
    return "gap"


def as_illegible(s: BracketSite) -> str | None:
    """``<gap reason="illegible"><desc>illegible signature</desc></gap>`` (a description on
    one line, without brackets of its own)."""
    if not s.plain:
        return None
    gap = s.element("gap", {"reason": "illegible"})
    element("desc", text=s.content, parent=gap)
    return "illegible"


def as_remark(s: BracketSite) -> str:
    """``<note type="editorial" place="inline">`` holding the bracket's content."""
    note = s.element("note", {"type": "editorial", "place": "inline"}, translator=True)
    s.fill_content(note)
    return "remark"


def as_stamp(s: BracketSite) -> str:
    """``<stamp>`` holding the bracket's content."""
    s.fill_content(s.element("stamp"))
    return "stamp"


def as_handwritten(s: BracketSite) -> str:
    """``<add hand="#handwritten">`` holding the bracket's content."""
    s.fill_content(s.element("add", {"hand": "#handwritten"}))
    return "handwritten"


_SUPPLIED = tei("supplied")


def as_unclear(s: BracketSite) -> str | None:
    """``Samsonov [?]``: ``<unclear cert="low">`` around the word one space before the
    ``[?]``, or around the supplied word (``[Soviet] [?]``); None without either."""
    if s.content != "?" or s.br.children:
        return None
    supplied = s.last_element() if s.before == " " else None
    if supplied is not None and supplied.tag == _SUPPLIED:
        s.take_before(1)
        unclear = s.element("unclear", {"cert": "low"}, translator=True)
        unclear.append(supplied)  # (moved into it)
        return "unclear"
    n = word_before(s.before)
    if not n:
        return None
    word = s.take_before(n)[:-1]
    s.element("unclear", {"cert": "low"}, translator=True).text = word
    return "unclear"


def as_uncertain(s: BracketSite) -> str | None:
    """``[N. P. Varnov?]``: ``<supplied reason="uncertain-reading" cert="low">`` holding
    the text before the ``?`` (a text on one line that ends in ``?``)."""
    content = s.content
    if "\n" in content or not (content.endswith("?") and content[:-1].strip()):
        return None
    el = s.element("supplied", {"reason": "uncertain-reading", "cert": "low"},
                   translator=True)
    s.fill(el, s.br.start + 1, s.br.end - 1)
    return "uncertain"


def as_identification(s: BracketSite) -> str:
    """``<supplied reason="identification">`` holding the bracket's content."""
    s.fill_content(s.element("supplied", {"reason": "identification"}, translator=True))
    return "identification"


def as_supplied(s: BracketSite) -> str:
    """``<supplied reason="omitted-in-original">`` holding the bracket's content."""
    s.fill_content(s.element("supplied", {"reason": "omitted-in-original"}, translator=True))
    return "supplied"


# The rules themselves ------------------------------------------------------------------

_OMITTED = re.compile(r" *(?:\.{2,}|…+|\.…|…\.|\. \. \.|\.{2,}…|…\.{2,}) *")


def is_omission_marker(content: str) -> bool:
    """Whether ``[content]`` is an omission by rule 1 (``...``, ``…``, ``. . .``): the
    readers ask this of a line that is a bracket alone, so that they put only a gap, never
    another element, where a paragraph would stand."""
    return bool(_OMITTED.fullmatch(content))


def rule_gap_omitted(s: BracketSite) -> str | None:
    """1. ``[...]``, ``[…]``, ``[.…]``, ``[….]``: a passage left out by the editors."""
    if not s.plain or not _OMITTED.fullmatch(s.content):
        return None
    return as_omitted(s)


_ILLEGIBLE = re.compile(
    r"(?:[\w'’\-]+ ){0,3}(?:illegible|unreadable|indecipherable)(?: [\w'’\-]+){0,3}", re.I)


def rule_illegible(s: BracketSite) -> str | None:
    """2. ``[illegible]``, ``[illegible signature]``: unreadable in the source."""
    if not s.plain or not _ILLEGIBLE.fullmatch(s.content):
        return None
    return as_illegible(s)


# What the declassification left out: "[name not declassified]", "[1 line not
# declassified]", "[less than 1 line not declassified]", "[2 paragraphs withheld]".
_WITHHELD = re.compile(r"(?P<extent>.{1,40}?) (?:not declassified|withheld|redacted|"
                       r"excised|deleted by the declassifying authority)", re.I)


def rule_withheld(s: BracketSite) -> str | None:
    """2b. ``[1 line not declassified]``: text withheld from the release; the gap keeps
    the bracket's words and what they say of the extent."""
    if not s.plain or not _WITHHELD.fullmatch(s.content):
        return None
    return as_withheld(s)


def as_withheld(s: BracketSite) -> str | None:
    """``<gap reason="withheld" extent="1 line"><desc>1 line not declassified</desc></gap>``
    (@extent: the words before "not declassified", when the bracket has them; a
    description on one line, without brackets of its own)."""
    if not s.plain:
        return None
    m = _WITHHELD.fullmatch(s.content)
    gap = s.element("gap", {"reason": "withheld", **({"extent": m["extent"]} if m else {})})
    element("desc", text=s.content, parent=gap)
    return "withheld"


def rule_sic(s: BracketSite) -> str | None:
    """3. ``word [sic]``: an error in the source; ``<sic>`` holds the word before."""
    if s.content != "sic" or s.br.children:
        return None
    n = word_before(s.before)
    if not n:
        return as_remark(s)
    word = s.take_before(n)[:-1]
    s.element("sic", translator=True).text = word
    return "sic"


def rule_footnote(s: BracketSite) -> str | None:
    """4. ``[1]`` where the endnote block has ``[1] text``: a translator's footnote."""
    n = s.content
    if not s.plain or n not in s.ctx.footnotes or s.enc.in_footnote or n in s.ctx.anchored:
        # (a second "[1]" is not the endnote again: the export would write the endnote
        # twice, and a thousand anchors would copy its text a thousand times)
        return None
    s.ctx.anchored.add(n)
    note = s.element("note", {"type": "translator", "place": "foot", "n": n}, translator=True)
    s.enc.encode_footnote(note, s.ctx.footnotes[n], s.br.start)
    return "note"


def rule_physical(s: BracketSite) -> str | None:
    """5. ``[signature]``, ``[stamp: ...]``, ``[... stamp: ...]``, ``[faded ...]``,
    ``[handwritten: ...]``: a feature of the physical source, its description kept whole."""
    kind = physical_kind(s.content)
    if kind == "signature":
        gap = s.element("gap", {"reason": "signature"})
        if s.content != "signature":
            element("desc", text=s.content, parent=gap)
        return "signature"
    if kind == "stamp":
        return as_stamp(s)
    if kind == "handwritten":
        return as_handwritten(s)
    return None


_REMARK_PHRASES = re.compile(r"""
    (?:(?:emphasis|underlin(?:ed|ing)|underscored|italics|bold|capitals|spacing|highlighting)
       (?:\ added)?\ (?:is\ )?(?:as\ )?in\ (?:the\ )?original)
  | (?:(?:as\ )?in\ (?:the\ )?original)
  | emphasis\ added | sic! | \?!
  | (?:(?:the\ )?(?:text|original|page|pages|line|lines|document)\ (?:is\ )?
       (?:missing|damaged|torn|cut\ off|illegible|not\ translated|omitted|ends\ here))
  | (?:(?:the\ )?(?:rest|remainder|end)\ of\ (?:the\ )?(?:text|document|page|letter|line).*)
  | (?:not\ translated|untranslated|translation\ not\ available|no\ translation)
  | (?:crossed\ out|struck\ out|deleted|blank|space\ left\ blank|left\ blank)
  | (?:continued|continuation)(?:\ (?:on|from|overleaf)\b.*)?
  | (?:page|p\.|pp\.|sheet|folio|list|l\.)\ ?\d+\w*
  | (?:(?:translator|editor|transcriber|trans\.?|tr\.|ed\.)['’]?s?\ (?:note|comment|remark)\b.*)
  | (?:note:.*)
  | (?:not\ (?:further\ )?identified|identity\ unknown|unidentified|unknown)
  | (?:(?:a\ )?(?:code\ ?name|cover\ ?name|pseudonym|cryptonym|alias)\ (?:for|of)\ .+)
  | (?:.+\ ?[-–—]{1,2}\ ?(?:ed|eds|trans|tr)\.)
""", re.I | re.X)


def _is_own_clause(content: str) -> bool:
    """A sentence of the translator's own: ``[The rest of the page is torn.]``."""
    words = content.split()
    return (len(words) >= 3 and content[:1].isupper() and content[-1:] in ".!?"
            and any(w.isalpha() and w.islower() and w not in PARTICLES for w in words[1:]))


def rule_remark(s: BracketSite) -> str | None:
    """6. ``[emphasis in the original]``, a phrase or clause of the translator's own."""
    content = s.bare
    if "\n" in content:
        return None
    phrase = content.strip().rstrip(".")
    if not (_REMARK_PHRASES.fullmatch(phrase) or _is_own_clause(content)):
        return None
    return as_remark(s)


def rule_uncertain(s: BracketSite) -> str | None:
    """7. ``word [?]``: an uncertain reading of the word before (``<unclear>``);
    ``[Name?]``: an uncertain reading supplied by the translator."""
    content = s.content
    if "\n" in content:
        return None
    if content == "?" and not s.br.children:
        # the word before, or the supplied word before ("[Soviet] [?]"); else a remark
        return as_unclear(s) or as_remark(s)
    return as_uncertain(s)




def rule_expansion(s: BracketSite) -> str | None:
    """8. ``F[oreign] M[inistry]``: a bracket inside a word expands an abbreviation."""
    if not s.plain or not LETTERS_RE.fullmatch(s.content):
        return None
    if not (s.prev_char.isalpha() or s.next_char.isalpha()):
        return None
    m_after = LETTERS_RE.match(s.text, s.br.end + 1, s.hi)  # (in place: not a copy of the rest)
    tail = m_after.group() if m_after else ""
    n = letters_before(s.before)
    whole = s.before[-n:] if n else ""
    if (not tail and len(whole) >= 4 and whole.islower() and s.content.islower()
            and english(whole) == "english" and english(whole + s.content) != "unknown"):
        return None  # panic[ky]: the source's word is whole, the ending is supplied (rule 11)
    head = s.take_before(n)
    s.taken_after = len(tail)
    expan = s.element("expan", translator=True)
    expan.text = head
    ex = element("ex", parent=expan)
    ex.text = s.content
    ex.tail = tail
    return "expansion"


# A remark after the original wording: "[ponablyusti – SIC]".
_WORDING_REMARK = re.compile(r"(?P<wording>.+?)(?P<remark>\s+[-–—]{1,2}\s*(?:sic!?|\?))",
                             re.I)
_ACRONYM = re.compile(r"[^\W\d_a-z]{2,6}")
def wording_language(language: str | None, script: str | None) -> str | None:
    """The xml:lang of words of the original: ``ru-Latn`` for a transliteration from
    Russian, ``zh-Latn-pinyin`` from Chinese (the romanisation the exports use), ``ru``
    for Cyrillic words of a Russian original, ``und-Cyrl`` when the original's language is
    not known; None for Latin letters of an unknown language."""
    if script is None:  # Latin letters
        if language is None:
            return None
        if native_script(language) is None:
            return language
        return "zh-Latn-pinyin" if language == "zh" else f"{language}-Latn"
    if language is not None and writes(script, language):
        return language
    return f"und-{script}"


def rule_original(s: BracketSite) -> str | None:
    """9b. ``the talks had collapsed [sorvalis']``, ``the masses [qunzhong]``,
    ``[KSČ]``: the original's own word or phrase after its English rendering."""
    if not s.plain or word_before(s.before) == 0 or name_goes_on(s.text, s.br.end + 1, s.hi):
        return None
    m = _WORDING_REMARK.fullmatch(s.content)
    wording = m["wording"] if m else s.content
    words = wording.split()
    if not 1 <= len(words) <= 4:
        return None
    script = script_of(wording)
    doubt = ""
    if script is None:
        if _ACRONYM.fullmatch(wording):
            if not has_diacritic(wording):
                return None  # [USSR], [CPC]: an English acronym (identification, supplied)
        elif not all(w.islower() or not w[:1].isalpha() for w in words):
            return None  # a name or a title (identification, supplied)
        else:
            answers = [english(w) for w in words if any(c.isalpha() for c in w)]
            if any(sum(c.isalpha() for c in w) < 3 for w in words):
                return None  # [d], [of 3]: too short to be a word of another language
            if not answers or "english" in answers:
                return None  # [dose]: English words the translator added (rule 11)
            if "rare" in answers:
                doubt = "its words are rare in English"
    as_original(s)
    language = wording_language(s.ctx.language, script)
    if doubt:
        s.review(f"the original's wording (foreign {language or 'of no known language'})",
                 f"{doubt}: they may be words the translator added (supplied)")
    elif not language:
        s.review("the original's wording (foreign)", "the original's language is not known "
                 "(no Original Language field): foreign has no xml:lang")
    return "original"


def as_original(s: BracketSite) -> str | None:
    """``<note type="original-wording" place="inline"><foreign xml:lang="ru-Latn">
    sorvalis'</foreign></note>``, a remark after a dash (`` – SIC``) after the foreign; the
    language: :func:`wording_language` (a text on one line, without brackets of its own)."""
    if not s.plain:
        return None
    m = _WORDING_REMARK.fullmatch(s.content)
    wording = m["wording"] if m else s.content
    language = wording_language(s.ctx.language, script_of(wording))
    note = s.element("note", {"type": "original-wording", "place": "inline"}, translator=True)
    foreign = element("foreign", parent=note)
    if language:
        foreign.set(_XML_LANG, language)
    foreign.text = wording
    if m:
        foreign.tail = m["remark"]
    return "original"


_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def rule_gloss(s: BracketSite) -> str | None:
    """9. ``Wulumqi [Urumqi]``: another spelling of the name just before."""
    if not s.named:
        return None
    best, best_start = 0.0, -1
    content_letters = letters(s.content)  # similarity(), with the bracket's letters once
    for start in name_run_starts(s.before):
        score = letter_similarity(letters(s.before[start:-1]), content_letters, GLOSS_SIMILARITY)
        if score > best:
            best, best_start = score, start
    if best < GLOSS_SIMILARITY:
        return None
    orig_text = s.take_before(len(s.before) - best_start)[:-1]
    choice = s.element("choice", translator=True)
    element("orig", text=orig_text, parent=choice)
    element("reg", text=s.content, parent=choice)
    return "gloss"


def _name_part(s: BracketSite, words: list[str], raw: list[str]) -> bool:
    """The bracket supplies a part of a name rather than saying who is meant (rule 11):
    the surname after a title used as part of the name, with no article before the title
    (``Chairman [Mao]``; but ``the Premier [Zhou]`` and a full name, ``Secretary-General
    [U Thant]``, say who is meant), or the given name after a surname of
    one syllable (``Premier Zhou [Enlai]``, ``Ambassador Ni [Zhiliang]``, ``and Qiao
    [Guanhua]``: Chinese and Korean names put the surname first); or the words that close
    an organisation's name (``Xinhua [News Agency]``)."""
    last, raw_last = words[-1], raw[-1]
    if last in ROLES and raw_last[:1].isupper() and len(s.content.split()) == 1 and (
            len(words) < 2 or words[-2] not in DETERMINERS):
        return True  # (a full name after a title says who is meant: Secretary-General [U Thant])
    if (s.named and raw_last[:1].isupper() and one_syllable(raw_last)
            and len(s.content.split()) <= 2 and last not in FUNCTION_WORDS
            and last not in ROLES):
        return True
    return (s.named and s.content.split()[-1].lower() in ORGANISATION_WORDS
            and raw_last[:1].isupper() and last not in FUNCTION_WORDS)


def rule_identification(s: BracketSite) -> str | None:
    """10. ``the Ambassador of the Soviet Union [Stepan Chervonenko]``: the bracket names who
    or what the words before refer to (a title, role, pronoun or pseudonym, another name of
    the same thing, an acronym explained)."""
    if not s.plain or name_goes_on(s.text, s.br.end + 1, s.hi):
        return None
    if not s.before.endswith(" ") or not s.before.strip():
        return None
    words = phrase_before(s.before)
    if not words:
        return None
    raw = s.before[-LOOKBEHIND:].split()[-len(words):]
    if _name_part(s, words, raw):
        return None
    if not s.named:
        return _other_name(s, words, raw)
    last = words[-1]
    if last in FUNCTION_WORDS and last not in PRONOUNS:
        return None  # "the [Chinese] side": an article or preposition is no referent
    refers = last in ROLES or last in PRONOUNS
    if not refers:
        # a role further back, then only its complement: "the Ambassador of the Soviet Union"
        raw = s.before[-LOOKBEHIND:].split()[-len(words):]
        for j in range(len(words) - 2, -1, -1):
            if words[j] in ROLES:
                between = raw[j + 1:]
                refers = all(w[:1].isupper() or w.lower() in PARTICLES | {"the", "to", "in",
                             "for", "at", "on", "and"} for w in between)
                if refers and all(w[:1].isupper() for w in between):
                    # a title and a name, then another name: "Comrade Ivanov [Molotov]"
                    s.review("identification (the real name of a pseudonym or cover name)",
                             f"it may be another name of {' '.join(between)} or a part of "
                             "the name (supplied)")
                break
    if not refers:
        return _other_name(s, words, raw)
    return as_identification(s)


def _other_name(s: BracketSite, words: list[str], raw: list[str]) -> str | None:
    """10 (continued). Another name of what the name or acronym before names: a pseudonym
    (``from Filippov [Stalin]``, ``FILIPPOV [Stalin]``), the usual name of an event or
    body (``the Caribbean Crisis [the Cuban Missile Crisis]``), an acronym or short name
    explained (``MID [the Soviet Foreign Ministry]``, ``Minfar’s [Ministry of the
    Revolutionary Armed Forces’]``). Not a capitalised English word opening the clause
    (``Yesterday [Kim Il Sung] said``)."""
    raw_last = raw[-1].removesuffix("'s").removesuffix("’s")
    if "; " in s.content:
        return _transliteration_and_name(s, raw_last)
    phrase = title_phrase(s.content)
    if phrase is None or not raw_last[:1].isupper() or words[-1] in FUNCTION_WORDS:
        return None
    if not NAME_TOKEN_RE.fullmatch(raw_last):
        return None
    opens = len(words) < 2
    if opens and not raw_last.isupper() and english(raw_last) == "english":
        return None
    if similarity(raw_last, phrase, GLOSS_SIMILARITY):
        return None
    if s.named and (raw_last.isupper() or not opens) and not _ACRONYM.fullmatch(raw_last):
        s.review("identification (the real name of a pseudonym or cover name)",
                 f"it may be another name of {raw_last} or a part of the name (supplied)")
    return as_identification(s)


def _transliteration_and_name(s: BracketSite, name_before: str) -> str | None:
    """``DROZDOV [DRO ZDOV; Beria]``: the cover name's transliteration (letters close to the
    name before) and the real name, in one bracket: an identification holding the
    transliteration as ``foreign`` (a ``reg`` cannot stand inside ``supplied``)."""
    spelling, name = s.content.split("; ", 1)
    if not (is_name(name) and is_name(spelling)
            and similarity(name_before, spelling, GLOSS_SIMILARITY)):
        return None
    supplied = s.element("supplied", {"reason": "identification"}, translator=True)
    foreign = element("foreign", parent=supplied)
    language = wording_language(s.ctx.language, None)
    if language:
        foreign.set(_XML_LANG, language)
    foreign.text = spelling
    foreign.tail = "; " + name
    return "identification"


def rule_doubled(s: BracketSite) -> str | None:
    """``[[...]]``: a bracket whose whole content is one bracket; the inner one is read by
    the rules and its element records the doubling."""
    kids = s.br.children
    if len(kids) != 1 or kids[0].start != s.br.start + 1 or kids[0].end != s.br.end - 1:
        return None
    return s.enc.apply_rules(s.doubled(kids[0]))


def rule_supplied(s: BracketSite) -> str | None:
    """11. ``[To]``, ``[the memorandum]``, ``[Li] Fuchun``: words added for sense."""
    return as_supplied(s)


#: The rules, in the order they are tried (ENCODING.md §4); the first that matches decides.
RULES: tuple[Rule, ...] = (
    Rule("1", "gap_omitted", "[...] [\u2026]: passage left out by the editors", rule_gap_omitted),
    Rule("2", "illegible", "[illegible signature]: unreadable in the source", rule_illegible),
    Rule("2b", "withheld", "[1 line not declassified]: withheld from the release",
         rule_withheld),
    Rule("3", "sic", "word [sic]: an error in the source", rule_sic),
    Rule("4", "footnote", "[1] with an endnote [1] ...: a translator's footnote", rule_footnote),
    Rule("5", "physical", "[signature] [stamp: ...] [handwritten: ...]: the physical source",
         rule_physical),
    Rule("6", "remark", "[emphasis in the original]: the translator's remark", rule_remark),
    Rule("7", "uncertain", "word [?], [Name?]: an uncertain reading", rule_uncertain),
    Rule("8", "expansion", "F[oreign] M[inistry]: an abbreviation expanded", rule_expansion),
    Rule("9", "gloss", "Wulumqi [Urumqi]: another spelling of the name before", rule_gloss),
    Rule("9b", "original", "collapsed [sorvalis']: the original's own wording", rule_original),
    Rule("10", "identification", "the ambassador [Chervonenko]: who is meant",
         rule_identification),
    Rule("-", "doubled", "[[...]]: a bracket inside a bracket, doubled", rule_doubled),
    Rule("11", "supplied", "[the memorandum]: words added for sense", rule_supplied),
)



"""Name forms as the linker compares them: words, keys, and the index of every form of a
register.

A form and a stretch of text are compared word by word (:func:`words`): letters only, so
punctuation and brackets never count ("Cde. Filippov" and "Cde Filippov" are one form;
"Yan'an" is "Yan an"); a Chinese, Japanese or Korean character is a word of its own (the
text has no spaces: 驻朝鲜大使). Words are compared without diacritics (JELEŃ, JELEN) and with
their case, except that a word in capitals matches in any case (STALIN is Stalin, but the
word "north" is not the place North).

Each entry is indexed under its forms, each form also without its leading titles
("Comrade ZHOU ENLAI" is indexed as "ZHOU ENLAI" too), and a person's preferred form
"Surname, Forenames" also as "Forenames Surname", "First-forename Surname" and "Surname",
and with a title of address before the surname (:data:`ADDRESS`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from tei_edition.registers.model import Entry, Register

#: A word: a run of letters (and combining marks), or one CJK character.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
WORD_RE = re.compile(rf"[{_CJK}]|[^\W\d_{_CJK}]+")
_CJK_RE = re.compile(rf"[{_CJK}]")
#: Titles and forms of address before a person's name: kept in a mention, dropped for
#: looking the name up. Compared in lower case.
TITLES = frozenset("""comrade comrades cde cdes mr mrs ms dr ambassador premier chairman
president general major marshal colonel minister prime foreign secretary emperor king prince
vice deputy first army of the""".split())
#: Titles a person is addressed by with the surname alone: the register's preferred
#: "Surname, Forenames" (or, without a comma, a name written surname first: "Zhou Enlai")
#: is also indexed as "Premier Zhou", "Comrade Stalin"; the surname alone only with a comma.
ADDRESS = ("Comrade", "Cde", "Premier", "Chairman", "President", "Ambassador", "General",
           "Marshal", "Minister", "Secretary", "Mr", "Mrs")
#: The most words a form has (a Chinese name of a state: 朝鲜民主主义人民共和国, 11).
MAX_WORDS = 16


def fold(word: str) -> str:
    """A word without its diacritics (and with ß and ligatures decomposed)."""
    if word.isascii():
        return word  # (NFKD leaves ASCII as it is)
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def is_cjk(word: str) -> bool:
    return bool(_CJK_RE.fullmatch(word))


def key_of(tokens: Iterable[str]) -> str:
    """The index key of a sequence of words: folded, lower case."""
    return " ".join(fold(t).casefold() for t in tokens)


def same_case(text_words: list[str], form_words: list[str]) -> bool:
    """Whether words of the text match a form's words in case (module docstring)."""
    for t, f in zip(text_words, form_words, strict=True):
        if fold(t) == fold(f):
            continue
        if t.isupper() and len(t) > 1 and fold(t).casefold() == fold(f).casefold():
            continue
        return False
    return True


@dataclass(frozen=True)
class Form:
    """One way of writing an entry's name, as words."""

    words: tuple[str, ...]
    entry: Entry
    type: str  # the Name's type: preferred, variant, pseudonym...


def _strip_titles(tokens: list[str]) -> list[str]:
    start = 0
    while start < len(tokens) - 1 and tokens[start].casefold() in TITLES:
        start += 1
    return tokens[start:]


def forms_of(entry: Entry) -> list[tuple[list[str], str]]:
    """Every form an entry is indexed under, as (words, type)."""
    found: list[tuple[list[str], str]] = []
    for name in entry.names:
        tokens = words(name.text)
        if not tokens:
            continue
        found.append((tokens, name.type))
        if entry.kind == "person":
            stripped = _strip_titles(tokens)
            if stripped != tokens:
                found.append((stripped, name.type))
            if name.type == "preferred" and "," in name.text:
                surname, _, forenames = name.text.partition(",")
                sur, fore = words(surname), words(forenames)
                if sur and fore:
                    found.append((fore + sur, name.type))
                    found.append((fore[:1] + sur, name.type))
                    found.append((sur, name.type))
                    found.extend(([title, *sur], name.type) for title in ADDRESS)
            elif name.type == "preferred" and len(name.text.split()) > 1 \
                    and name.text.split()[0] == tokens[0] and not is_cjk(tokens[0]):
                # surname first (Zhou Enlai, Ho Chi Minh): "Premier Zhou", "President Ho"
                found.extend(([title, tokens[0]], name.type) for title in ADDRESS)
    return [(t, k) for t, k in found if len(t) <= MAX_WORDS]


class FormIndex:
    """The forms of a register by key: ``lookup(words)`` gives the forms that words of the
    text can be."""

    def __init__(self, register: Register):
        self.register = register
        self._forms: dict[str, list[Form]] = {}
        self._first: dict[str, int] = {}
        for entry in register:
            seen: set[tuple[str, ...]] = set()
            for tokens, kind in forms_of(entry):
                if tuple(tokens) in seen:
                    continue
                seen.add(tuple(tokens))
                self._forms.setdefault(key_of(tokens), []).append(
                    Form(tuple(tokens), entry, kind))
                first = key_of(tokens[:1])
                self._first[first] = max(self._first.get(first, 0), len(tokens))

    def longest(self, first: str) -> int:
        """The most words of a form whose first word's key is ``first`` (0: none starts
        so): the scan tries no longer stretch."""
        return self._first.get(first, 0)

    def lookup(self, text_words: list[str], key: str | None = None) -> list[Entry]:
        """The entries (each once, in register order) with a form these words match
        (``key``: their :func:`key_of`, when the caller has it)."""
        entries: dict[str, Entry] = {}
        for form in self._forms.get(key if key is not None else key_of(text_words), ()):
            if same_case(text_words, list(form.words)):
                entries.setdefault(form.entry.id, form.entry)
        return list(entries.values())

    def keys(self) -> Iterable[str]:
        return self._forms.keys()

    def forms(self, key: str) -> list[Form]:
        return self._forms.get(key, [])

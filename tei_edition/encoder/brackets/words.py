"""What the bracket rules know of words and names: the word before a bracket, a proper
name, the words of a clause, and how close two spellings of a name are (:func:`similarity`,
a weighted edit distance on their letters).
"""

from __future__ import annotations

import re
import unicodedata

LETTERS_RE = re.compile(r"[^\W\d_]+")
_LETTERS_BEFORE = re.compile(r"[^\W\d_]+$")
_WORD_BEFORE = re.compile(r"([^\s\[\]()\"“‘«]+) $")
_WORD = re.compile(r"[^\s\[\]()\"“‘«]+")  # what _WORD_BEFORE takes as a word
NAME_TOKEN_RE = re.compile(r"[^\W\d_][\w'’.\-]*")
_TOKEN = re.compile(r"\S+")
PARTICLES = frozenset(
    "of de du da des del della di van von der den ter al el bin ibn la le y".split())
FUNCTION_WORDS = frozenset("""
    a an the to and or but of in on at for by with from into as is are was were be this that
    these those then there here when if so not no it its he she they we i you him her them us
    me his hers their our your who whom whose which what also please copy re
""".split())
ROLES = frozenset("""
    ambassador ambassadors chairman chairwoman premier minister ministers president
    vice-president secretary secretary-general general consul consul-general comrade comrades
    cde cde. cdes cdes. leader leaders chief head director envoy chargé charge attaché attache
    counsellor counselor adviser advisor king queen emperor prince marshal commander officer
    official deputy representative delegate spokesman governor mayor author writer sender
    addressee interpreter correspondent colleague colleagues friend side leadership
    chancellor mr. mrs. ms. dr. professor lieutenant colonel captain major admiral
    city capital country province region town village
    wife husband widow son daughter brother sister father mother
    organ newspaper paper daily weekly journal magazine
""".split())
#: Words that close the name of an organisation: ``Xinhua [News Agency]`` completes a name.
ORGANISATION_WORDS = frozenset("""
    agency ministry committee party department bureau office council army front union
    company corporation bank press service institute academy association federation
    league embassy consulate commission
""".split())
#: Words that make a title or role a description (``the Premier [Zhou]``: who is meant)
#: rather than a part of the name (``Chairman [Mao]``: the name supplied).
DETERMINERS = frozenset("the a an this that our your his her its their my".split())
PRONOUNS = frozenset("""
    he she him her his hers they them their theirs it its we us our you your i me my who whom
    whose this that these those latter former
""".split())


def word_before(before: str) -> int:
    """The length of the word and the one space that end ``before`` (``recieved `` in
    ``recieved [sic]``), or 0: a match of _WORD_BEFORE, read from the end back.

    Not a speed-up but the linear-time guarantee: a search of _WORD_BEFORE tries every
    place of the text and backtracks over each word, so that ``x * N + "( [sic]"`` costs
    N² steps (N = 8,000: 0.76 s; read from the end back: 19 µs)."""
    if "\n" in before:  # ("$" matches before a final line break too)
        m = _WORD_BEFORE.search(before)
        return len(m.group()) if m else 0
    m = _WORD.match(before[-2::-1]) if before.endswith(" ") else None
    return m.end() + 1 if m else 0


def letters_before(before: str) -> int:
    """How many letters end ``before`` (``F`` in ``the F[oreign]``): a match of
    _LETTERS_BEFORE, read from the end back (in linear time, as :func:`word_before`)."""
    if "\n" in before:
        m = _LETTERS_BEFORE.search(before)
        return len(m.group()) if m else 0
    m = LETTERS_RE.match(before[::-1])
    return m.end() if m else 0


def is_name(s: str) -> bool:
    """A proper name: capitalised words (particles allowed inside), no digits."""
    tokens = s.split()
    if not tokens or s != s.strip() or "  " in s:
        return False
    if tokens[0].lower() in FUNCTION_WORDS:  # a name does not open with "the", "he" ...
        return False
    for i, t in enumerate(tokens):
        if i and t in PARTICLES:
            continue
        if not NAME_TOKEN_RE.fullmatch(t) or not t[0].isupper():
            return False
    return True


_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def one_syllable(word: str) -> bool:
    """A word of one vowel group (``Zhou``, ``Huang``, ``Qiao``, ``Kim``, ``Li``): the
    surnames of Chinese and Korean names, which come before the given name."""
    w = letters(word)
    return bool(w) and len(_VOWEL_GROUPS.findall(w)) == 1


_PHRASE_PARTICLES = PARTICLES | {"the", "and", "for", "on", "in"}


def title_phrase(s: str) -> str | None:
    """The name a bracket holds when it is a name or a title-case phrase, with or
    without a leading "the" (``the Cuban Missile Crisis``, ``Ministry of the Revolutionary
    Armed Forces’``): the phrase without the "the"; None for anything else."""
    tokens = s.split()
    if tokens and tokens[0] in ("the", "The"):
        tokens = tokens[1:]
    if not tokens or not tokens[-1][:1].isupper() or s != s.strip():
        return None
    for i, t in enumerate(tokens):
        if i and t in _PHRASE_PARTICLES:
            continue
        if not (NAME_TOKEN_RE.fullmatch(t.rstrip("’'")) and t[0].isupper()):
            return None
    return " ".join(tokens)


def has_diacritic(s: str) -> bool:
    """A Latin letter with a mark English does not use (``é``, ``č``, ``ł``)."""
    return any(c.isalpha() and (unicodedata.combining(unicodedata.normalize("NFD", c)[-1])
                                or c in "łŁđĐøØßæÆœŒ")
               for c in s if ord(c) > 0x7F)


def letters(s: str) -> str:
    decomposed = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in decomposed if c.isalpha() and not unicodedata.combining(c))


# Pairs of letters that transliterations exchange (b/p in Peking/Beijing, l/r in
# Wulumqi/Urumqi, g/k in Gyeong/Kyong): substituting one for the other costs half.
_NEAR = frozenset(
    q for p in ("bp", "dt", "gk", "kq", "kc", "gq", "lr", "sz", "sx", "jz", "jg", "iy", "uw",
                "vw", "ou", "ea", "fv") for q in (p, p[::-1]))


def similarity(a: str, b: str, floor: float = 0.0) -> float:
    """How close two spellings of a name are: 1 - weighted edit distance / longer length,
    on their letters only (``Wulumqi``/``Urumqi`` 0.79, ``Pak Seong-cheol``/``Pak Song Chol``
    0.85, ``Soviet Union``/``Stepan Chervonenko`` well under 0.5). Below ``floor`` the
    answer is 0.0 (computed no further)."""
    return letter_similarity(letters(a), letters(b), floor)


def letter_similarity(x: str, y: str, floor: float) -> float:
    if not x or not y:
        return 0.0
    longer = max(len(x), len(y))
    budget = 2 * (1.0 - floor) * longer  # costs are doubled: an edit 2, a near letter 1
    if 2 * abs(len(x) - len(y)) > budget:
        return 0.0
    prev = list(range(0, 2 * len(y) + 1, 2))
    for i, cx in enumerate(x, 1):
        cur = [2 * i]
        left = 2 * i
        for j, cy in enumerate(y):
            diag = prev[j] + (0 if cx == cy else 1 if cx + cy in _NEAR else 2)
            up = prev[j + 1] + 2
            left = left + 2
            if up < left:
                left = up
            if diag < left:
                left = diag
            cur.append(left)
        if min(cur) > budget:
            return 0.0
        prev = cur
    score = 1.0 - prev[-1] / (2 * longer)
    return score if score >= floor else 0.0


#: A bracket is another spelling of the name before it from this similarity on.
GLOSS_SIMILARITY = 0.6


#: How far back (in characters) the rules look for the words before a bracket.
LOOKBEHIND = 160


def name_run_starts(before: str) -> list[int]:
    """Start offsets in ``before`` of the trailing capitalised words, nearest first
    (``... Vice Minister Ri Man-seok `` gives the starts of Man-seok, Ri, Minister, Vice)."""
    if not before.endswith(" ") or before.endswith("  "):
        return []
    starts: list[int] = []
    words = list(_TOKEN.finditer(before, max(0, len(before) - LOOKBEHIND)))
    for m in reversed(words):
        t = m.group()
        if NAME_TOKEN_RE.fullmatch(t) and t[0].isupper() and t.lower() not in FUNCTION_WORDS:
            starts.append(m.start())
        elif starts and t in PARTICLES:
            continue
        else:
            break
        if len(starts) >= 6:
            break
    return starts


# Where a clause ends: punctuation, and a full stop after a word of four letters or more or
# after a digit, before a space (not after "Cde", "Mr", "N": ``Cde. Li [Li Fuchun]``).
_CLAUSE_END = re.compile(r"[,;:!?()\"“”\[\]]|(?<=[^\W\d_]{4})\.(?=\s|$)|(?<=\d)\.(?=\s|$)")


def phrase_before(before: str) -> list[str]:
    """The words right before the bracket, back to the last punctuation (at most eight)."""
    clause = _CLAUSE_END.split(before[-LOOKBEHIND:])[-1]
    words = clause.split()[-8:]
    return [w.lower().removesuffix("'s").removesuffix("’s") for w in words]


_NEXT_WORD = re.compile(r" ?([^\s\[\]]+)")


def name_goes_on(text: str, pos: int, end: int) -> bool:
    """The text after the bracket (``text[pos:end]``) carries on a name: ``[Li] Fuchun``,
    ``[Chinese] Central``."""
    m = _NEXT_WORD.match(text, pos, end)
    if not m:
        return False
    word = m.group(1)
    return word[0].isupper() and word not in ("I",)


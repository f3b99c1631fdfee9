"""The linking pass: names in a TEI document get ``@ref`` to their register entry.

What it reads: the title (``titleStmt/title``), the correspondents (``correspDesc``) and the
``text``. What it changes: ``@ref`` on ``persName``/``placeName``/``orgName``, and new name
elements around names found in the text; never a character of the text.

1. A name element the encoder wrote (a signature, an addressee, a correspondent) is
   resolved by its identification bracket if it has one (``FILIPPOV [Stalin]``), else by
   its words, titles left out (``Comrade ZHOU ENLAI``).
2. The text is searched for every form of every entry, longest first, word by word
   (:mod:`tei_edition.registers.forms`); a match becomes a name element. A match inside a
   name is linked only when it is the seat or country of it ("Havana" in "Polish Embassy in
   Havana", "US" in "US Secretary of State Rusk"): places inside persons and organisations,
   organisations inside persons; inside a name that no entry resolves (the encoder's
   "Zhou Enlai via Zakharov"), every kind.
   A one-word name before a nationality adjective ("North" in "North Korean", the
   adjective being a place's name with an ending) is not linked, nor a name before a word
   that makes it the name of an event, a treaty or a work (Warsaw Pact, United Nations
   Charter: :data:`WORK_WORDS`).
3. An identification bracket that names an entry (``the Ambassador [Chervonenko]``) is
   wrapped with the capitalised words before it (the role phrase: ``Ambassador``), so the
   name element holds the role and the bracket; where the document says "the Ambassador"
   again without a bracket, that is linked to the same entry, unless the document's
   brackets give the phrase to two entries.
4. Several entries for one name: those whose dates exclude the document's year are left out
   (:meth:`tei_edition.registers.model.Entry.active_in`); if more than one remains, or
   entries of several kinds, the name is left unlinked with a note ``register-ambiguous``.

A ``@ref`` that points to an entry is the editors' and stays; one that points to no entry
is resolved again (a changed register re-links without re-encoding).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from tei_edition.errors import Diagnostic, Location
from tei_edition.registers.check import check_refs
from tei_edition.registers.forms import TITLES, WORD_RE, FormIndex, key_of, words
from tei_edition.registers.model import KINDS, NAME_KINDS, Entry, Register
from tei_edition.registers.text import Flat, wrap
from tei_edition.tei import NS, element, tei

#: The kinds of name linked inside a name of a kind (module docstring, 2).
NESTED = {"person": frozenset({"place", "org"}), "org": frozenset({"place"}),
          "place": frozenset()}
#: Elements whose words are no names.
_NOT_NAMES = frozenset(tei(n) for n in "date gap ptr ref idno num foreign".split())
_SUPPLIED = tei("supplied")
#: Words that end a role phrase going left (module docstring, 3).
_ROLE_STOP = frozenset("the a an of to and for by from with in".split())
_ROLE_WORDS = 4


@dataclass(frozen=True)
class Change:
    """One link made: ``action`` is ``linked`` (a name element got ``@ref``), ``wrapped`` (a
    new name element) or ``updated`` (a ``@ref`` to no entry replaced)."""

    location: Location
    action: str
    ref: str
    text: str


@dataclass
class Linked:
    """What :func:`link_document` did, and the notes for the editors."""

    changes: list[Change] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def document_year(root: etree._Element) -> int | None:
    """The year of the document: its ``creation/date``, else a correspondent's date."""
    for path in ("tei:teiHeader/tei:profileDesc/tei:creation/tei:date",
                 "tei:teiHeader/tei:profileDesc/tei:correspDesc//tei:date"):
        for date in root.iterfind(path, NS):
            value = date.get("when") or date.get("notBefore") or date.get("from") or ""
            if value[:4].isdigit():
                return int(value[:4])
    return None


def _scopes(root: etree._Element) -> list[etree._Element]:
    found = [*root.iterfind("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title", NS),
             *root.iterfind("tei:teiHeader/tei:profileDesc/tei:correspDesc", NS),
             *root.iterfind("tei:text", NS)]
    return found


@dataclass
class _Match:
    start: int
    end: int
    entry: Entry
    container: etree._Element
    container_start: int


class Linker:
    """Links documents to one register (the index of its forms is made once). It keeps the
    state of the document being linked (its role phrases): one document at a time, one
    Linker per process."""

    def __init__(self, register: Register, index: FormIndex | None = None):
        self.register = register
        self.index = index or FormIndex(register)
        self._where: Callable[[etree._Element], Location] = lambda el: Location("<tree>")
        #: role phrase -> the entries its identification brackets named (one document)
        self._roles: dict[str, dict[str, Entry]] = {}

    # -- deciding between entries ------------------------------------------------------

    def decide(self, entries: list[Entry], kinds: Iterable[str], year: int | None,
               text: str, where: Location, notes: list[Diagnostic]) -> Entry | None:
        """The one entry meant, or None (with a note when several fit)."""
        allowed = set(kinds)
        fitting = [e for e in entries if e.kind in allowed]
        if len(fitting) > 1 and year is not None:
            dated = [e for e in fitting if e.active_in(year) is not False]
            fitting = dated
        if len(fitting) == 1:
            return fitting[0]
        if len(fitting) > 1:
            names = ", ".join(e.ref for e in fitting)
            notes.append(Diagnostic(where, "note", "register-ambiguous",
                                    f"{text!r} can be {names}; their dates do not decide "
                                    "it: left unlinked"))
        return None

    # -- 1. the name elements the document has ----------------------------------------

    def _resolve_name(self, el: etree._Element, year: int | None, source: str,
                      notes: list[Diagnostic]) -> Entry | None:
        kind = NAME_KINDS[el.tag]
        where = self._where(el)
        for supplied in el.iter(_SUPPLIED):
            if supplied.get("reason") == "identification":
                tokens = words("".join(supplied.itertext()))
                entry = self.decide(self.index.lookup(tokens), (kind,), year,
                                    " ".join(tokens), where, notes)
                if entry is not None:
                    return entry
        tokens = words("".join(el.itertext()))
        for start in range(len(tokens)):
            if start and tokens[start - 1].casefold() not in _TITLE_WORDS:
                break
            entries = self.index.lookup(tokens[start:])
            if entries:
                return self.decide(entries, (kind,), year, " ".join(tokens), where, notes)
        return None

    # -- 2. and 3. names in the text ----------------------------------------------------

    def _find(self, flat: Flat, resolved: dict[etree._Element, Entry | None],
              year: int | None, source: str, notes: list[Diagnostic]) -> list[_Match]:
        text = flat.text
        cuts = sorted({0, len(text), *flat.breaks})
        matches: list[_Match] = []
        for a, b in zip(cuts, cuts[1:], strict=False):
            tokens = [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text, a, b)]
            matches.extend(self._scan(flat, tokens, set(KINDS), resolved, year, source,
                                      notes))
        return matches

    def _scan(self, flat: Flat, tokens: list[tuple[int, int, str]], kinds: set[str],
              resolved: dict[etree._Element, Entry | None], year: int | None, source: str,
              notes: list[Diagnostic]) -> list[_Match]:
        """The names among ``tokens``, longest first, of ``kinds``; inside each, the names
        of the kinds it may hold (NESTED)."""
        matches: list[_Match] = []
        keys = [key_of([t]) for _, _, t in tokens]
        i = 0
        while i < len(tokens):
            step = 1
            for n in range(min(self.index.longest(keys[i]), len(tokens) - i), 0, -1):
                span = tokens[i:i + n]
                entries = [e for e in self.index.lookup([t for _, _, t in span],
                                                        " ".join(keys[i:i + n]))
                           if e.kind in kinds]
                if not entries:
                    continue
                start, end = span[0][0], span[-1][1]
                end = _closing(flat.text, start, end)
                following = tokens[i + n:i + n + 1]
                if n == 1 and _before_demonym(self.index, span[0][2], following, flat.text,
                                              end) or _names_a_work(following, flat.text, end):
                    continue
                found = self._place(flat, start, end, entries, resolved, year, source, notes)
                if found is None:
                    continue
                if isinstance(found, _Match):
                    matches.append(found)
                    if n > 1 and NESTED[found.entry.kind]:
                        inner = self._scan(flat, span, set(NESTED[found.entry.kind]),
                                           resolved, year, source, notes)
                        matches.extend(m for m in inner if (m.start, m.end) != (start, end))
                step = n
                break
            i += step
        return matches

    def _place(self, flat: Flat, start: int, end: int, entries: list[Entry],
               resolved: dict[etree._Element, Entry | None], year: int | None, source: str,
               notes: list[Diagnostic], may_hold: frozenset[str] = frozenset()
               ) -> _Match | None | bool:
        """Where a match goes: a :class:`_Match`, None when it cannot be a name there (try a
        shorter one), False when it is a name but not linked (ambiguous). A match holds no
        name element, except of the kinds ``may_hold``."""
        container, c_start, c_end = flat.root, *flat.ranges[flat.root]
        kinds = set(KINDS)
        bracket = None
        for el, (lo, hi) in flat.ranges.items():
            if hi <= start or lo >= end or lo == hi:
                continue  # apart
            if lo <= start and end <= hi:  # el holds the match
                if el.tag in _NOT_NAMES:
                    return None
                if el.tag in NAME_KINDS:
                    if (lo, hi) == (start, end):
                        return None  # the name element itself: step 1 decided it
                    entry = resolved[el] if el in resolved else self.register.resolve(
                        el.get("ref") or "")  # (one this pass made)
                    kinds &= NESTED[entry.kind] if entry is not None else set(KINDS)
                if hi - lo < c_end - c_start or (hi - lo == c_end - c_start
                                                 and _deeper(el, container)):
                    container, c_start, c_end = el, lo, hi
            elif start <= lo and hi <= end:  # the match holds el
                if el.tag in NAME_KINDS and NAME_KINDS[el.tag] not in may_hold:
                    return None
                if el.tag == _SUPPLIED and el.get("reason") == "identification" \
                        and hi == end and lo > start:
                    bracket = lo  # a form that ends in its bracket: "Ambassador [Chervonenko]"
            else:
                return None  # the match cuts an element
        if not kinds:
            return None
        text = flat.text[start:end]
        where = self._where(container)
        entry = self.decide(entries, kinds, year, text, where, notes)
        if entry is None:
            return False if any(e.kind in kinds for e in entries) else None
        if container.tag == _SUPPLIED and container.get("reason") == "identification" \
                and (c_start, c_end) == (start, end) and container.getparent() is not None:
            parent = container.getparent()
            assert parent is not None
            p_start = flat.ranges[parent][0]
            role = _role_start(flat.text, start, flat.breaks, p_start)
            self._role(words(flat.text[role:start]), entry)  # the document's "the Premier"
            return _Match(role, end, entry, parent, p_start)
        if bracket is not None:
            self._role(words(flat.text[start:bracket]), entry)
        return _Match(start, end, entry, container, c_start)

    def _role(self, phrase: list[str], entry: Entry) -> None:
        """Keep a role phrase an identification bracket resolved (step 3)."""
        if phrase and all(w[:1].isupper() for w in phrase):
            self._roles.setdefault(key_of(phrase), {})[entry.id] = entry

    # -- the pass -------------------------------------------------------------------------

    def link(self, tree: etree._ElementTree | etree._Element, source: str = "<tree>",
             locate: Callable[[etree._Element], Location] | None = None) -> Linked:
        """Link one document in place. ``locate`` gives an element's place in the file
        (line and column: :func:`locator`); by default its line."""
        root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
        self._where = locate or (lambda el: Location(source, el.sourceline))
        year = document_year(root)
        result = Linked()
        self._roles = {}
        resolved: dict[etree._Element, Entry | None] = {}
        for scope in _scopes(root):
            for el in scope.iter(*NAME_KINDS):
                resolved[el] = self._link_name(el, year, source, result)
            flat = Flat(scope)
            matches = self._find(flat, resolved, year, source, result.diagnostics)
            self._wrap_all(matches, flat, source, result)
        roles = {key: next(iter(found.values())) for key, found in self._roles.items()
                 if len(found) == 1}
        if roles:
            for scope in root.iterfind("tei:text", NS):
                flat = Flat(scope)
                matches = self._role_phrases(flat, roles, resolved, year, source,
                                             result.diagnostics)
                self._wrap_all(matches, flat, source, result)
        # a pointer the editors wrote that names no entry (and that the name under it did
        # not replace): an error, as the validator and register check report it
        result.diagnostics.extend(check_refs(root, self.register, source, self._where))
        return result

    def _wrap_all(self, matches: list[_Match], flat: Flat, source: str,
                  result: Linked) -> None:
        # a match inside a longer one of the same entry is that one's part ("Takeshiken" in
        # "Takeshiken [Tacheng]", the name and its bracket): one name, not two nested
        matches = [m for m in matches if not any(
            o.entry.id == m.entry.id and o.start <= m.start and m.end <= o.end
            and (o.start, o.end) != (m.start, m.end) for o in matches)]
        # from the end, the inner of two first: the offsets before a match stay valid
        for match in sorted(matches, key=lambda m: (m.start, -m.end), reverse=True):
            self._wrap(match, flat, source, result)

    def _role_phrases(self, flat: Flat, roles: dict[str, Entry],
                      resolved: dict[etree._Element, Entry | None], year: int | None,
                      source: str, notes: list[Diagnostic]) -> list[_Match]:
        """A role phrase that an identification bracket of the document resolved ("the
        Premier [Zhou Enlai]"), where it recurs after "the" without a bracket ("the
        Premier said"): one entry per phrase in the document, or none."""
        text = flat.text
        tokens = [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]
        keys = [key_of([t]) for _, _, t in tokens]
        sizes = sorted({len(k.split()) for k in roles}, reverse=True)
        matches: list[_Match] = []
        i = 1
        while i < len(tokens):
            step = 1
            if keys[i - 1] == "the":
                for n in sizes:
                    key = " ".join(keys[i:i + n])
                    if key not in roles or i + n > len(tokens):
                        continue
                    start, end = tokens[i][0], tokens[i + n - 1][1]
                    if any(b in flat.breaks for b in range(tokens[i - 1][1], end)):
                        continue
                    entry = roles[key]
                    found = self._place(flat, start, end, [entry], resolved, year, source,
                                        notes, NESTED[entry.kind])
                    if isinstance(found, _Match):
                        matches.append(found)
                        step = n
                        break
            i += step
        return matches

    def _link_name(self, el: etree._Element, year: int | None, source: str,
                   result: Linked) -> Entry | None:
        old = el.get("ref")
        if old:
            entry = self.register.resolve(old)
            if entry is not None:
                return entry  # the editors' link
        entry = self._resolve_name(el, year, source, result.diagnostics)
        if entry is None:
            return None
        el.set("ref", entry.ref)
        result.changes.append(Change(self._where(el),
                                     "updated" if old else "linked", entry.ref,
                                     " ".join("".join(el.itertext()).split())))
        return entry

    def _wrap(self, match: _Match, flat: Flat, source: str, result: Linked) -> None:
        name = KINDS[match.entry.kind][3]
        new = element(name, {"ref": match.entry.ref})
        text = flat.text[match.start:match.end]
        if not wrap(match.container, match.container_start, match.start, match.end, new):
            return  # pragma: no cover - _place keeps matches inside one element's content
        result.changes.append(Change(self._where(match.container), "wrapped",
                                     match.entry.ref, " ".join(text.split())))


#: Words before a name element's name that are not part of it: titles, and the "from" of a
#: From-line the encoder kept ("from Filippov [Stalin]").
_TITLE_WORDS = TITLES | frozenset({"from", "to", "for"})


#: Endings that make a place's name an adjective: Korea-n, Vietnam-ese, Israel-i.
_DEMONYM_ENDINGS = ("ese", "ian", "an", "n", "i", "ish")


def _before_demonym(index: FormIndex, word: str, following: list[tuple[int, int, str]],
                    text: str, end: int) -> bool:
    """Whether a one-word name is the first word of a nationality ("North" in "North
    Korean", "South" in "South Vietnamese"): the next word, after a space, is a place's
    name with an adjective's ending. A word in capitals is never such a word."""
    if word.isupper() or not following or text[end:following[0][0]] != " ":
        return False
    after = following[0][2]
    after = after[:-1] if after.endswith("s") else after  # South Koreans
    if not after[:1].isupper():
        return False
    for ending in _DEMONYM_ENDINGS:
        stem = after[:-len(ending)]
        if after.endswith(ending) and len(stem) >= 3 and any(
                e.kind == "place" for e in index.lookup([stem])):
            return True
    return False


#: Words that make a name before them part of the name of an event, a treaty or a work:
#: "Warsaw Pact", "United Nations Charter", "Geneva Conference" (no link to Warsaw).
WORK_WORDS = frozenset("""pact charter treaty conference doctrine accords agreement
declaration convention crisis plan""".split())


def _names_a_work(following: list[tuple[int, int, str]], text: str, end: int) -> bool:
    if not following or text[end:following[0][0]] != " ":
        return False
    word = following[0][2]
    return word[:1].isupper() and word.casefold() in WORK_WORDS


def _closing(text: str, start: int, end: int) -> int:
    """The end of a match, with the closing bracket of one it opened: a form "Cde. Filippov
    [Stalin]" in a title, where the brackets are text, takes its "]"."""
    for opening, closing in ("[]", "()"):
        part = text[start:end]
        if part.count(opening) > part.count(closing) and text[end:end + 1] == closing:
            return end + 1
    return end


def _deeper(a: etree._Element, b: etree._Element) -> bool:
    """Whether ``a`` lies inside ``b``."""
    return any(anc is b for anc in a.iterancestors())


def _role_start(text: str, start: int, breaks: set[int], floor: int) -> int:
    """Where the role phrase before an identification bracket starts: up to four
    capitalised words directly before it, stopping at "the" and the like, at punctuation
    and at a block's start (``the Premier [Zhou Enlai]`` -> ``Premier``)."""
    pos, taken = start, 0
    while taken < _ROLE_WORDS:
        gap = pos
        while gap > floor and text[gap - 1] == " ":
            gap -= 1
        if gap == pos or gap in breaks and gap != pos:
            break
        word_start = gap
        while word_start > floor and (text[word_start - 1].isalpha()
                                      or text[word_start - 1] == "-"):
            word_start -= 1
        word = text[word_start:gap]
        if not word or not word[0].isupper() or word.casefold() in _ROLE_STOP \
                or any(b in breaks for b in range(word_start + 1, gap + 1)):
            break
        pos, taken = word_start, taken + 1
    return pos


def locator(data: bytes, tree: etree._ElementTree, source: str
            ) -> Callable[[etree._Element], Location]:
    """Where each element of a parsed file starts, line and column, as the validator says
    it (:class:`tei_edition.validate.SourceMap`); read before the tree changes."""
    from tei_edition.tei import sniff_encoding
    from tei_edition.validate import SourceMap

    bom, codec = sniff_encoding(data, source)
    positions = SourceMap(data[len(bom):].decode(codec, "replace"), tree)
    positions.element(tree.getroot())  # (the map is made now, from the tree as it is)
    return lambda el: Location(source, *positions.element(el))


def link_document(tree: etree._ElementTree | etree._Element, register: Register,
                  source: str = "<tree>") -> Linked:
    """Link the names of one TEI document (in place) to ``register``."""
    return Linker(register).link(tree, source)


def link_file(path: str | os.PathLike[str], linker: Linker) -> Linked:
    """Link a TEI file and write it back when anything changed.

    The encoder's record (:mod:`tei_edition.encoder.record`) tells a file the build may
    re-encode from one an editor changed. Linking is not an edit: a file whose record was
    intact is sealed again with the same *encoded-from*, so the build still re-encodes it
    when its source changes (and links it again); a hand-edited file stays hand-edited."""
    from tei_edition.encoder.record import read_record, seal
    from tei_edition.inputs import read_file
    from tei_edition.tei import parse_bytes, serialize, tei_root

    source = os.fspath(path)
    data = read_file(source, "xml")
    tree = parse_bytes(data, source)
    root = tei_root(tree, source)
    result = linker.link(tree, source, locator(data, tree, source))
    if result.changes:
        record = read_record(data)
        out = seal(root, record.encoded_from) if record and record.intact else serialize(tree)
        tmp = Path(source + ".linking")
        tmp.write_bytes(out)
        os.replace(tmp, source)
    return result

"""The writing systems of the originals: which script a word or a line is in, and which
languages a script stands for. One table, read by the bracket rules (the language of an
original's word in a bracket, ``[sorvalis']`` ``ru-Latn``) and by the transcription split
(the language of an original transcribed above its translation).

A script is named by its ISO 15924 code (``Cyrl``, ``Hani``) and known by the Unicode blocks
that hold its letters. Japanese writes Han and kana together, so kana are letters of the Han
entry: a line of kana is a line of Han, and a word with kana in it is ``Jpan`` (ISO 15924's
Han with kana) when a word's own script is asked (:func:`script_of`).

A script's *languages* are those an Original Language field may name for it (Ukrainian for
Cyrillic); its *default* is the language it stands for in this archive when no field says
(Cyrillic ``ru``, Han ``zh``), or None when several share it and none is the usual one
(Arabic: Arabic, Persian, Urdu). A letter of a script the table does not know is a letter
in no script (``Zyyy`` for a word). Nothing here knows a word of any document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Script:
    """A script: its ISO 15924 code, its letters (the Unicode blocks that hold them, as the
    inside of a regular expression's class), the language it stands for when no field says
    (None: several languages share it), and the languages written in it."""

    code: str
    letters: str
    default: str | None = None
    languages: frozenset[str] = frozenset()


LATIN = "Latn"
#: Han with kana, for a word (:func:`script_of`); lines count kana as Han.
JAPANESE = "Jpan"
#: A letter of a script :data:`SCRIPTS` does not know (ISO 15924's "undetermined script").
UNKNOWN = "Zyyy"
_KANA = "\u3040-\u30ff\u31f0-\u31ff"

#: The scripts a word or a line may be in, Latin first. Latin: ASCII, Latin-1's letters,
#: Latin Extended-A and -B, the IPA extensions, Latin Extended Additional (Vietnamese),
#: Extended-C and -D, the fullwidth forms.
SCRIPTS: tuple[Script, ...] = (
    Script(LATIN, "A-Za-z\u00aa\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02af\u1e00-\u1eff"
           "\u2c60-\u2c7f\ua720-\ua7ff\uff21-\uff3a\uff41-\uff5a"),
    Script("Hani", f"\u3005-\u3007{_KANA}\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
           "\U00020000-\U0003134f", "zh", frozenset({"zh", "ja"})),
    Script("Hang", "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af", "ko", frozenset({"ko"})),
    Script("Cyrl", "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f", "ru",
           frozenset({"ru", "uk", "be", "bg", "sr", "mk", "mn", "kk", "uz", "az"})),
    Script("Grek", "\u0370-\u03ff\u1f00-\u1fff", "el", frozenset({"el"})),
    Script("Hebr", "\u0590-\u05ff\ufb1d-\ufb4f", "he", frozenset({"he"})),
    Script("Arab", "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff",
           None, frozenset({"ar", "fa", "ur"})),
    Script("Deva", "\u0900-\u097f", None, frozenset({"hi"})),
    Script("Geor", "\u10a0-\u10ff", "ka", frozenset({"ka"})),
    Script("Armn", "\u0530-\u058f", "hy", frozenset({"hy"})),
    Script("Thai", "\u0e00-\u0e7f", "th", frozenset({"th"})),
    Script("Laoo", "\u0e80-\u0eff", "lo", frozenset({"lo"})),
    Script("Khmr", "\u1780-\u17ff", "km", frozenset({"km"})),
    Script("Mong", "\u1800-\u18af", "mn", frozenset({"mn"})),
)
BY_CODE = {script.code: script for script in SCRIPTS}
#: Each script's runs of characters, in the order of SCRIPTS.
_RUNS = tuple((script.code, re.compile(f"[{script.letters}]+")) for script in SCRIPTS)
_LETTER = tuple((script.code, re.compile(f"[{script.letters}]")) for script in SCRIPTS)
_KANA_RE = re.compile(f"[{_KANA}]")


def has_kana(text: str) -> bool:
    """Whether ``text`` holds a hiragana or katakana letter (so a Han text is Japanese)."""
    return _KANA_RE.search(text) is not None


def script_of_letter(c: str) -> str:
    """The script of one letter: ``Cyrl`` for ``с``, ``Jpan`` for ``す``, ``Latn`` for
    ``é``, :data:`UNKNOWN` for a letter of a script the table does not know."""
    for code, letter in _LETTER:
        if letter.match(c):
            return JAPANESE if code == "Hani" and has_kana(c) else code
    return UNKNOWN


def script_of(word: str) -> str | None:
    """The script of the first letter of ``word`` that is not Latin (``Cyrl`` for
    ``сорвались``), or None when every letter is Latin (``sorvalis'``)."""
    for c in word:
        if c.isalpha():
            code = script_of_letter(c)
            if code != LATIN:
                return code
    return None


def script_of_line(text: str) -> str | None:
    """The script that holds more than half of a line's letters: ``Hani`` for ``倪大使[1]:``,
    ``Latn`` for ``Premier Kim [Il Sung]``; None for a line without letters or without such
    a script. (A letter of a script the table does not know counts among the letters, in no
    script.) At most one script holds more than half: the first found is the one, and an
    English line is Latin after one count."""
    total = sum(map(str.isalpha, text))
    if not total:
        return None
    for code, runs in _RUNS:
        # the blocks of a script hold marks and digits beside its letters: count letters
        if 2 * sum(map(str.isalpha, "".join(runs.findall(text)))) > total:
            return code
    return None


def writes(script: str, language: str) -> bool:
    """Whether ``language`` (a BCP 47 primary tag) is written in ``script``: Russian in
    Cyrillic, Japanese in Han and in ``Jpan``."""
    if script == JAPANESE:
        return language == "ja"
    entry = BY_CODE.get(script)
    return entry is not None and language in entry.languages


def native_script(language: str) -> str | None:
    """The script a language other than a Latin-script one is written in (the first of
    :data:`SCRIPTS` that lists it: ``Cyrl`` for ``ru`` and for ``mn``), None for a
    language the table does not list (``pl``: written in Latin letters)."""
    for script in SCRIPTS:
        if language in script.languages:
            return script.code
    return None


def language_of(script: str, named: Sequence[str] = (), kana: bool = False) -> str:
    """The language of a text in ``script``: the one language of ``named`` (the Original
    Language field's) written in it; else the script's own (Han with kana: Japanese); else
    unknown, in that script (``und-Arab``)."""
    fitting = [code for code in dict.fromkeys(named) if writes(script, code)]
    if len(fitting) == 1:
        return fitting[0]
    if kana and script in ("Hani", JAPANESE):
        return "ja"
    entry = BY_CODE.get(script)
    default = entry.default if entry is not None else None
    return default or f"und-{script}"

"""The one table of scripts (tei_edition/encoder/scripts.py), read by the bracket rules and
the transcription split: a word's script, a line's, and the language a script stands for."""

from __future__ import annotations

from tei_edition.encoder.brackets.rules import wording_language
from tei_edition.encoder.scripts import (
    LATIN,
    UNKNOWN,
    language_of,
    native_script,
    script_of,
    script_of_letter,
    writes,
)


def test_a_words_script_is_its_first_letter_not_latin():
    assert script_of("sorvalis'") is None
    assert script_of("Łódź ɛ") is None  # Latin Extended and IPA letters are Latin
    assert script_of("KSČ") is None
    assert script_of("сорвались") == "Cyrl"
    assert script_of("x 群众") == "Hani"
    assert script_of("すし") == "Jpan"  # kana: Han with kana
    assert script_of("ᠮᠣᠩᠭᠣᠯ") == "Mong"
    assert script_of("ꦗꦮ") == UNKNOWN  # Javanese: a script the table does not know
    assert script_of_letter("é") == LATIN


def test_which_language_a_script_stands_for():
    assert native_script("ru") == native_script("mn") == "Cyrl"
    assert native_script("pl") is None
    assert writes("Cyrl", "uk") and not writes("Cyrl", "zh")
    assert writes("Jpan", "ja") and not writes("Jpan", "zh")
    assert writes("Hani", "ja") and writes("Hani", "zh")
    assert language_of("Cyrl") == "ru"
    assert language_of("Cyrl", ["uk"]) == "uk"
    assert language_of("Cyrl", ["uk", "be"]) == "ru"  # two fit: the script's default
    assert language_of("Hani", kana=True) == "ja"
    assert language_of("Arab") == "und-Arab"
    assert language_of("Arab", ["fa"]) == "fa"


def test_the_language_of_an_originals_word_in_a_bracket():
    assert wording_language("ru", None) == "ru-Latn"
    assert wording_language("zh", None) == "zh-Latn-pinyin"
    assert wording_language("pl", None) == "pl"
    assert wording_language(None, None) is None
    assert wording_language("ru", "Cyrl") == "ru"
    assert wording_language("ja", "Hani") == "ja"
    assert wording_language("ja", "Jpan") == "ja"
    assert wording_language("zh", "Jpan") == "und-Jpan"
    assert wording_language(None, "Cyrl") == "und-Cyrl"

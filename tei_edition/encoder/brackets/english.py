"""Whether a word is English: the one question the bracket rules ask a word list.

The list is pyspellchecker's English frequency list (MIT licence; about 160,000 words with
the number of times each was seen in its corpus, a maintained package: no hand-made list
here). It is loaded once, the first time a rule asks (about 0.4 s), so that a document
whose brackets never ask costs nothing.

:func:`english` answers in three steps, the thresholds of the ODD's "original wording"
section:

- ``"english"``: the word is in the list and seen more than :data:`RARE` times
  (``dose``, ``panicky``);
- ``"rare"``: in the list, seen :data:`RARE` times or fewer (the list's floor, where rare
  English words, ``telegraphically``, stand beside loan words and names): the rules read
  it as English and ask the editor to review;
- ``"unknown"``: not in the list (``otpala``, ``qunzhong``): not an English word.

Names are in the list too (``stalin``, ``kim``, ``beria``): the rules never ask it about a
capitalised word, only about the lower-case words a transliteration gives.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Literal

#: The frequency at or under which a word of the list is rare (the list's floor is 50).
RARE = 50

Answer = Literal["english", "rare", "unknown"]


@cache
def _frequencies() -> Mapping[str, int]:
    from spellchecker import SpellChecker  # (0.4 s: loaded when first needed)

    checker = SpellChecker(language="en", distance=1)
    frequencies: Mapping[str, int] = checker.word_frequency.dictionary
    return frequencies


def english(word: str) -> Answer:
    """How English ``word`` is (its case and a final ``'s`` or apostrophe ignored)."""
    w = word.lower().removesuffix("'s").removesuffix("’s").strip("'’")
    seen = _frequencies().get(w, 0)
    if not seen:
        return "unknown"
    return "english" if seen > RARE else "rare"

"""Dates as the documents write them, to ISO 8601 (ENCODING.md §5).

Forms read (real examples): ``April 25, 1962``, ``25 April 1962``, ``1972 July 1.``,
``13.1.51`` and ``13.1.1951`` (day first; a two-digit year takes the century of the header
date), ``25 April`` (no year: the header's year, ``cert="high"``), ``16 February through
24 March 1960`` (a span: ``@from``/``@to``). The verbatim text always stays as the content
of the ``date`` element; this module only finds where a date is and what it means.
"""

from __future__ import annotations

import re
from datetime import date as _date
from functools import lru_cache
from typing import NamedTuple

MONTHS = {
    name: i + 1
    for i, names in enumerate([
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
        ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
        ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
        ("december", "dec"),
    ])
    for name in names
}
_MONTH = r"(?P<{}>January|February|March|April|May|June|July|August|September|October|" \
         r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"


def _m(group: str) -> str:
    return _MONTH.format(group)


# One calendar date, in the forms the exports use. Named groups: d, m (name) or mn (number), y.
_FORMS = [
    # April 25, 1962 / April 25 1962
    rf"{_m('m')}\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})",
    # 25 April 1962 / 25 April
    rf"(?P<d>\d{{1,2}})\.?\s+{_m('m')}(?:,?\s+(?P<y>\d{{4}}))?",
    # 1972 July 1
    rf"(?P<y>\d{{4}})\.?\s+{_m('m')}\s+(?P<d>\d{{1,2}})",
    # 13.1.1951 / 13.1.51 (day first)
    r"(?P<d>\d{1,2})\.(?P<mn>\d{1,2})\.(?P<y>\d{4}|\d{2})",
    # 1962-04-25
    r"(?P<y>\d{4})-(?P<mn>\d{2})-(?P<d>\d{2})",
    # April 1962
    rf"{_m('m')}\s+(?P<y>\d{{4}})",
]
#: A month name starts with one of these letters; saying so first lets the regex engine skip
#: the other positions quickly (the same matches, found faster).
_MONTH_INITIAL = "(?=[adfjmnos])"
_DATE_RES = [re.compile(rf"(?<![\w.]){_MONTH_INITIAL if form.startswith('(?P<m>') else ''}"
                        rf"{form}(?![\w])", re.IGNORECASE) for form in _FORMS]
#: The forms without a month name (tried alone when the text names no month).
_NUMERIC_RES = [r for r in _DATE_RES if "January" not in r.pattern]
#: What a form cannot match without (so a text without it need not be searched): a
#: four-digit year, a character.
_NEEDS_YEAR = {_DATE_RES[k] for k in (0, 2, 4, 5)}  # not "25 April": its year is optional
_NEEDS_CHAR = {_DATE_RES[3]: ".", _DATE_RES[4]: "-"}
_YEAR_RE = re.compile(r"\d{4}")
_MONTH_NAME_RE = re.compile(_MONTH_INITIAL + r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
                            re.IGNORECASE)
_SPAN_RE = re.compile(
    rf"(?<![\w.])(?P<d1>\d{{1,2}})(?:\s+{_m('m1')})?\s+(?:through|to|until|-|–)\s+"
    rf"(?P<d2>\d{{1,2}})\s+{_m('m2')},?\s+(?P<y>\d{{4}})", re.IGNORECASE)


_DIGIT_RE = re.compile(r"\d")


def _may_be_span(text: str) -> bool:
    """Whether ``text`` has what joins the two dates of a span (``-``, ``–``, "through",
    "to", "until" in any case; "unt" because re's IGNORECASE lets "i" match "ı" and "İ")."""
    if "-" in text or "–" in text:
        return True
    low = text.lower()
    return "to" in low or "through" in low or "unt" in low


class FoundDate(NamedTuple):
    """A date found in a line: where it is (``start``/``end`` in the line) and its ISO value.

    A named tuple: a document makes several, and a frozen dataclass is slower to make."""

    start: int
    end: int
    when: str | None = None
    from_: str | None = None
    to: str | None = None
    cert: str | None = None

    @property
    def attributes(self) -> dict[str, str]:
        attrs: dict[str, str] = {}
        if self.when:
            attrs["when"] = self.when
        if self.from_:
            attrs["from"] = self.from_
        if self.to:
            attrs["to"] = self.to
        if self.cert:
            attrs["cert"] = self.cert
        return attrs


def _iso(y: int, m: int, d: int | None) -> str | None:
    if d is not None and 1 <= d <= 28 and 1 <= m <= 12 and 1 <= y <= 9999:
        # a day every month has: what isoformat gives (%-formatting: twice as fast here)
        return "%04d-%02d-%02d" % (y, m, d)  # noqa: UP031
    try:
        if d is None:
            _date(y, m, 1)
            return "%04d-%02d" % (y, m)  # noqa: UP031
        return _date(y, m, d).isoformat()
    except ValueError:
        return None


def _year(text: str | None, context_year: int | None) -> tuple[int | None, bool]:
    """The year, and whether it was inferred from the header (no year, or two digits)."""
    if text is None:
        return context_year, context_year is not None
    if len(text) == 2:
        if context_year is None:
            return 1900 + int(text), True
        century = context_year - context_year % 100
        year = century + int(text)
        # 13.1.99 in a header of 2001 is 1999: take the nearest century.
        if year - context_year > 50:
            year -= 100
        elif context_year - year > 50:
            year += 100
        return year, False
    return int(text), False


def _from_match(m: re.Match[str], context_year: int | None) -> FoundDate | None:
    groups = m.groupdict()
    month = MONTHS[groups["m"].lower().rstrip(".")] if groups.get("m") else int(groups["mn"])
    day = int(groups["d"]) if groups.get("d") else None
    year, inferred = _year(groups.get("y"), context_year)
    if year is None or not 1 <= month <= 12:
        return None
    iso = _iso(year, month, day)
    if iso is None:
        return None
    return FoundDate(m.start(), m.end(), iso, None, None, "high" if inferred else None)


def has_digit(text: str) -> bool:
    """Whether ``text`` has a digit: a text without one holds no date."""
    return _DIGIT_RE.search(text) is not None


# The cache (the readers ask about a line several times) and the prefilters below (digit,
# month name, year, character, span words, whole-text end) are kept for a measured gain:
# bench/encode.py without them took 44% more instructions per document (3.06M -> 4.42M,
# callgrind, n=400 minus n=200; measured together, not one by one).
@lru_cache(maxsize=8192)
def find_date(text: str, context_year: int | None = None) -> FoundDate | None:
    """The first (leftmost, then longest) date in ``text``, or None."""
    if not _DIGIT_RE.search(text):
        return None
    named = _MONTH_NAME_RE.search(text) is not None
    has_year = _YEAR_RE.search(text) is not None
    span = _SPAN_RE.search(text) if named and has_year and _may_be_span(text) else None
    best: FoundDate | None = None
    for regex in _DATE_RES if named else _NUMERIC_RES:
        if (regex in _NEEDS_YEAR and not has_year) or _NEEDS_CHAR.get(regex, "") not in text:
            continue
        # the form's first match that is a date (a loop of searches: cheaper than finditer)
        m = regex.search(text)
        while m is not None:
            found = _from_match(m, context_year)
            if found is not None:
                if best is None or (found.start, -found.end) < (best.start, -best.end):
                    best = found
                break
            m = regex.search(text, m.end())
        if span is None and best is not None and best.start == 0 and best.end == len(text):
            return best  # the whole text: no other form can start earlier or end later
    if span is not None and (best is None or span.start() <= best.start):
        year = int(span["y"])
        first_month = span["m1"] or span["m2"]
        start = _iso(year, MONTHS[first_month.lower().rstrip(".")], int(span["d1"]))
        end = _iso(year, MONTHS[span["m2"].lower().rstrip(".")], int(span["d2"]))
        if start and end:
            return FoundDate(span.start(), span.end(), None, start, end, None)
    return best


def parse_date(text: str, context_year: int | None = None) -> FoundDate | None:
    """The date ``text`` is, when the whole text (but punctuation) is one date."""
    found = find_date(text, context_year)
    if found is None:
        return None
    rest = text[: found.start] + text[found.end:]
    if rest.strip(" .,;") == "":
        return found
    return None

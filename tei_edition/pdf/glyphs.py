"""The fonts of the print edition and the characters they cover.

The glyph check asks fontconfig (``fc-list``), which is what WeasyPrint's text layout
(Pango) uses to pick fonts, for the characters every installed font covers. A character
that no font covers is reported (``file:line: warning [missing-glyph] ...``) and printed as
its code point in a box (:func:`mark_missing`), never as an empty box. WeasyPrint's own
report of a ``.notdef`` glyph is caught as well (tei_edition.pdf.typeset), for anything the
check could not see.
"""

from __future__ import annotations

import bisect
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from lxml import etree

from tei_edition.errors import Diagnostic, Location
from tei_edition.pdf.documents import print_css

XHTML_NS = "http://www.w3.org/1999/xhtml"

#: The font families of the text, in the order of print.css's ``font-family`` on ``html``.
BOOK_FONTS = ("Linux Libertine O", "Noto Serif CJK SC")

#: The Debian packages that hold the fonts print.css names.
FONT_PACKAGES = {
    "Linux Libertine O": "fonts-linuxlibertine",
    "Linux Biolinum O": "fonts-linuxlibertine",
    "Noto Serif CJK SC": "fonts-noto-cjk",
}

class Charset:
    """A set of code points held as sorted, merged ranges (fontconfig's own form)."""

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()):
        merged: list[tuple[int, int]] = []
        for lo, hi in sorted(ranges):
            if merged and lo <= merged[-1][1] + 1:
                merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
            else:
                merged.append((lo, hi))
        self.ranges = merged
        self._starts = [lo for lo, _ in merged]

    def __contains__(self, char: object) -> bool:
        if not isinstance(char, str) or len(char) != 1:
            return False
        cp = ord(char)
        i = bisect.bisect_right(self._starts, cp) - 1
        return i >= 0 and self.ranges[i][0] <= cp <= self.ranges[i][1]

    def __or__(self, other: Charset) -> Charset:
        return Charset([*self.ranges, *other.ranges])

    @classmethod
    def parse(cls, text: str) -> Charset:
        """fontconfig's charset text: ``20-7e a0-17f 2010``."""
        ranges = []
        for part in text.split():
            lo, _, hi = part.partition("-")
            try:
                ranges.append((int(lo, 16), int(hi or lo, 16)))
            except ValueError:
                continue
        return cls(ranges)


@dataclass(frozen=True)
class FontCoverage:
    """The characters each installed font family covers, as fontconfig reports them."""

    families: dict[str, Charset]

    @property
    def everything(self) -> Charset:
        return _union(tuple(self.families.values()))

    def book(self, families: Sequence[str] = BOOK_FONTS) -> Charset:
        return _union(tuple(self.families[f] for f in families if f in self.families))


def _union(charsets: tuple[Charset, ...]) -> Charset:
    ranges: list[tuple[int, int]] = []
    for c in charsets:
        ranges.extend(c.ranges)
    return Charset(ranges)


def font_coverage() -> FontCoverage | None:
    """Every installed font family and its characters (one ``fc-list`` run, about 40 ms, once
    for each PDF or edition), or None where fontconfig's tools are not installed."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        run = subprocess.run([fc_list, "--format", "%{family}\t%{charset}\n"],
                             capture_output=True, text=True, check=False, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return None
    collected: dict[str, list[tuple[int, int]]] = {}
    for line in run.stdout.splitlines():
        names, _, charset = line.partition("\t")
        ranges = Charset.parse(charset).ranges
        for name in names.split(","):
            collected.setdefault(name.strip(), []).extend(ranges)
    return FontCoverage({name: Charset(r) for name, r in collected.items()})


def _printable(char: str) -> bool:
    """Characters that show ink: not spaces, controls, format characters or marks of layout."""
    return unicodedata.category(char)[0] not in "ZC"


def char_name(char: str) -> str:
    return unicodedata.name(char, "unnamed character")


def missing_glyph_label(char: str) -> str:
    return f"[U+{ord(char):04X}]"


def _first_line_with(tree: etree._ElementTree, char: str) -> int | None:
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        if char in (el.text or "") or char in (el.tail or ""):
            return el.sourceline
    return None


def _marker(char: str) -> etree._Element:
    span = etree.Element(f"{{{XHTML_NS}}}span", {"class": "missing-glyph",
                                                 "title": char_name(char)})
    span.text = missing_glyph_label(char)
    return span


def _split(text: str, missing: set[str]) -> list[str | etree._Element]:
    """A text as pieces: runs of printable text and markers for the missing characters."""
    pieces: list[str | etree._Element] = [""]
    for char in text:
        if char in missing:
            pieces.append(_marker(char))
            pieces.append("")
        else:
            last = pieces[-1]
            assert isinstance(last, str)
            pieces[-1] = last + char
    return pieces


def mark_missing(root: etree._Element, missing: set[str]) -> None:
    """Put a visible marker (the code point) in place of each character no font can print."""
    if not missing:
        return
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        for attr in ("data-short", "data-edition"):
            value = el.get(attr)
            if value and any(c in missing for c in value):
                el.set(attr, "".join(missing_glyph_label(c) if c in missing else c
                                     for c in value))
        if el.text and any(c in missing for c in el.text):
            first, *rest = _split(el.text, missing)
            el.text = first  # type: ignore[assignment]
            for i, node in enumerate(_pair(rest)):
                el.insert(i, node)
        if el.tail and any(c in missing for c in el.tail):
            first, *rest = _split(el.tail, missing)
            el.tail = first  # type: ignore[assignment]
            parent = el.getparent()
            if parent is not None:
                at = parent.index(el)
                for i, node in enumerate(_pair(rest), start=1):
                    parent.insert(at + i, node)


def _pair(pieces: list[str | etree._Element]) -> Iterator[etree._Element]:
    """[marker, text, marker, text, ...] -> the markers, each with the text after it as tail."""
    for i in range(0, len(pieces), 2):
        marker = pieces[i]
        assert isinstance(marker, etree._Element)
        tail = pieces[i + 1] if i + 1 < len(pieces) else ""
        marker.tail = tail or None  # type: ignore[assignment]
        yield marker


def check_glyphs(texts: Iterable[tuple[Location, str, etree._ElementTree | None]],
                 coverage: FontCoverage | None) -> tuple[set[str], list[Diagnostic]]:
    """The characters no installed font has, and one warning for each (where it first occurs).

    ``texts`` yields (where, text, TEI tree to find the line in)."""
    if coverage is None:
        return set(), [Diagnostic(Location("<fonts>"), "warning", "glyph-check",
                                  "fc-list (fontconfig) is not installed: characters are not "
                                  "checked against the fonts before rendering")]
    available = coverage.everything
    missing: set[str] = set()
    diagnostics = []
    for where, text, tree in texts:
        for char in sorted(set(text)):
            if char in missing or not _printable(char) or char in available:
                continue
            missing.add(char)
            line = _first_line_with(tree, char) if tree is not None else None
            loc = Location(where.file, line) if line else where
            diagnostics.append(Diagnostic(
                loc, "warning", "missing-glyph",
                f"no installed font has a glyph for U+{ord(char):04X} {char_name(char)} "
                f"({char!r}); the PDF prints {missing_glyph_label(char)} in its place"))
    return missing, diagnostics


def font_diagnostics(coverage: FontCoverage | None) -> list[Diagnostic]:
    """A warning for each of print.css's fonts that is not installed."""
    if coverage is None:
        return []
    result = []
    for family in (*BOOK_FONTS, "Linux Biolinum O"):
        if family not in coverage.families:
            result.append(Diagnostic(
                Location(str(print_css())), "warning", "missing-font",
                f"the font {family!r} is not installed (Debian package "
                f"{FONT_PACKAGES[family]}); the PDF is set in a substitute"))
    return result


"""Word coverage: how many of a TEI file's words reach its HTML pages and its PDF.

For every file of ../shared/samples/tei and of the project's own TEI (tests/fixtures/, the
sample edition xml/tei/), the words of the TEI's ``text`` and ``sourceDoc`` (the header
excluded) are counted, with multiplicity, and looked for in the ``<main>`` of the file's
document pages (hidden sides of the reading switch count: they are in the page) and in the
text of its PDF (pdftotext, from poppler-utils, which the README's test command installs).

A word (issue 14) is a run of letters, a run of digits or one CJK character, after NFKC
and case folding (tei_edition.unshown.words). "Hel<hi>lo</hi>" is one word: text nodes are
joined as they stand in the TEI, but a break (lb, pb, cb without break="no"), two
elements with nothing between ("<orig>Harbin</orig><reg>Haerbin</reg>") and either end of
a note ("dépuis<note>sic!</note>": the page shows the note elsewhere) are spaces
(unshown.tei_text); in the page a block's boundaries are spaces ("<td>9</td><td>2</td>" is
"9 2"), an editor's bracket is a sign inside the word ("among⟨st⟩" is "amongst"), a tooltip
is read apart from the word it stands in, and a deletion or a side of the reading switch
ends a word (unshown.page_words). In the PDF's text a hyphen at a line's end, "-" or
WeasyPrint's U+2010, joins the line to the next. A word found fewer times
than the TEI has it counts as often as it is found: "the" three times in the TEI and twice on
the page is 2 of 3.

The figures are printed per file (``pytest -s tests/test_word_coverage.py``). Each file has
a floor, today's figure rounded down, so that coverage cannot fall; a change that raises a
figure raises its floor here.
GOAL (issue 14): 99.5% or more for every file, in both media; name the residue if any.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from tei_edition import unshown
from tei_edition.edition import Edition
from tei_edition.errors import Diagnostic
from tei_edition.pdf import build_pdf
from tei_edition.site import read_documents, site_outputs
from tei_edition.unshown import page_words
from tests.conftest import REPO, SHARED, need_shared

pytestmark = pytest.mark.slow

TEI_SAMPLES = SHARED / "samples" / "tei"

#: The issue's target for every file and both media, in per cent.
GOAL = 99.5

#: pdftotext's line end after a hyphen the layout added ("Nicara-\ngua"; WeasyPrint's own
#: hyphenation writes U+2010 HYPHEN: "assur\u2010\nances")
_HYPHEN_END = re.compile(r"(?<=[^\W\d_])[-\u2010]\n(?=[^\W\d_])")


def words(text: str) -> Counter[str]:
    return Counter(unshown.words(text))


def tei_words(path: Path) -> Counter[str]:
    """The words of every outermost ``text`` and every ``sourceDoc`` (a teiCorpus: of each
    TEI in it), XIncludes resolved (the SGA driver's surfaces are its sourceDoc)."""
    # collect_ids=False: the SGA driver repeats an xml:id, which the XML spec forbids
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True,
                                                  huge_tree=True, collect_ids=False))
    tree.xinclude()
    root = tree.getroot()
    return words(unshown.tei_text(root))


def pdf_words(pdf: bytes, tmp: Path) -> Counter[str]:
    path = tmp / "out.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, timeout=120).stdout.decode("utf-8")
    return words(_HYPHEN_END.sub("", text))


def share(source: Counter[str], found: Counter[str]) -> float:
    """The share of the source's words (with multiplicity) found, in per cent."""
    total = sum(source.values())
    if not total:
        return 100.0
    return 100.0 * sum(min(n, found[w]) for w, n in source.items()) / total


def include_root(path: Path) -> Path | None:
    """The include root a file's XIncludes need: the SGA driver includes from its sibling
    folder shared/ (SOURCES.md); the others include nothing or from their own folder."""
    return TEI_SAMPLES / "sga" if path.is_relative_to(TEI_SAMPLES / "sga") else None


def html_coverage(path: Path, source: Counter[str]) -> tuple[float, int]:
    """The coverage of the file's document pages, and how many there are."""
    outputs = site_outputs(read_documents([path], include_root(path)), Edition())
    pages = [data for name, data in outputs.items() if name.startswith("documents/")]
    found: Counter[str] = Counter()
    for page in pages:
        found.update(page_words(page))
    return share(source, found), len(pages)


def _files() -> list[Path]:
    own = [*sorted((REPO / "tests" / "fixtures").rglob("*.xml")),
           *sorted((REPO / "xml" / "tei").glob("*.xml"))]
    samples = [*sorted(TEI_SAMPLES.glob("*.xml")), TEI_SAMPLES / "sga" / "bl" /
               "bl-loan_ms_70_08.xml"] if TEI_SAMPLES.is_dir() else []
    return [*samples, *own]


def _name(path: Path) -> str:
    for base in (TEI_SAMPLES, REPO):
        if path.is_relative_to(base):
            return path.relative_to(base).as_posix()
    return path.name  # pragma: no cover - every file lies under one of them


#: Today's floor per file, in per cent: (HTML <main>, PDF text): the figure printed (to 0.1)
#: less 0.1 (a printed 100.0 may be 99.96). Every file meets the goal in both media; the
#: pages show every word (their residue, under 0.1%, is none today). The PDF's residue, a
#: few words per file, is in how its text is read back, and in one list:
#: (a) the print writes an editor's brackets inside a word (Aufmerksam⟨keit⟩, v[oro],
#:     among⟨st⟩) and pdftotext gives no sign that they are signs: two words are read;
#: (b) pdftotext joins a line that ends in a hyphen of the source to the next one
#:     ("Luft-" / "Reservoirs", "man-" / "mountain": "LuftReservoirs");
#: (c) an abbreviation's expansion the TEI writes against the next word
#:     ("0.15<choice><abbr>m</abbr><expan>meter</expan></choice>weite"): the print shows
#:     "0.15 m weite" in the text and "meter" in its list of interventions;
#: (d) an abbreviation inside an addition (K_8232, "<add><choice><abbr>Fig</abbr>...") is
#:     not in the print's list of interventions: "Figur" once;
#: (e) a TEI example's <sic> and <corr> run on ("gvnnhilldegvnnhilldr", egXML).
FLOORS: dict[str, tuple[float, float]] = {
    "K_0005_Bianchetti_Felice_an_Escher_1880-03-00.xml": (99.9, 99.9),  # 337 words
    "K_8232_Kauffmann_Jakob_an_Escher_1875-05-17.xml": (99.9, 99.8),  # 7,258 words; PDF (a)-(d)
    "frus1894Nicaragua.xml": (99.9, 99.8),  # 104,986 words; PDF (b)
    "hac-1958-11-07.xml": (99.9, 99.8),  # 51,368 words; PDF (b)
    "pushkin-boris-godunov.xml": (99.9, 99.9),  # 11,060 words
    "teic-stylesheets-test.xml": (99.9, 99.6),  # 3,871 words; PDF (a), (b), (e)
    "sga/bl/bl-loan_ms_70_08.xml": (99.9, 99.8),  # 1,932 words; PDF (a)
    "tests/fixtures/canonical.xml": (99.9, 99.9),  # 134 words
    "tests/fixtures/every-kind.xml": (99.9, 99.9),  # 101 words
    "tests/fixtures/hand-edited.xml": (99.9, 99.9),  # 18 words
    "tests/fixtures/html/foreign-tei.xml": (99.9, 99.9),  # 46 words
    "tests/fixtures/html/hostile.xml": (99.9, 99.9),  # 30 words
    "tests/fixtures/html/nested.xml": (99.9, 99.9),  # 20 words
    "tests/fixtures/modules/apparatus.xml": (99.9, 99.9),  # 29 words
    "tests/fixtures/modules/core.xml": (99.9, 99.9),  # 72 words
    "tests/fixtures/modules/drama.xml": (99.9, 99.9),  # 114 words
    "tests/fixtures/modules/transcription.xml": (99.9, 99.9),  # 25 words
    "tests/fixtures/modules/verse.xml": (99.9, 99.9),  # 75 words
    "tests/fixtures/volumes/corpus.xml": (99.9, 99.9),  # 11 words
    "tests/fixtures/volumes/letters.xml": (99.9, 99.9),  # 97 words
    "xml/tei/cable-1958-03-03.xml": (99.9, 99.9),  # 111 words
    "xml/tei/cable-1964-05-05.xml": (99.9, 99.9),  # 126 words
    "xml/tei/journal-1959-02-20.xml": (99.9, 99.9),  # 102 words
    "xml/tei/letter-1957-06-30.xml": (99.9, 99.9),  # 73 words
    "xml/tei/memorandum-1963.xml": (99.9, 99.9),  # 56 words
    "xml/tei/minutes-1960-09-15.xml": (99.9, 99.9),  # 126 words
    "xml/tei/note-1962-01-22.xml": (99.9, 99.9),  # 83 words
    "xml/tei/record-1956-08-14.xml": (99.9, 99.9),  # 156 words
    "xml/tei/report-1968-10-07.xml": (99.9, 99.9),  # 101 words
    "xml/tei/report-1972-03-09.xml": (99.9, 99.9),  # 79 words
    "xml/tei/telegram-1953-05-12.xml": (99.9, 99.9),  # 156 words
    "xml/tei/telegram-1955-07-18.xml": (99.9, 99.9),  # 57 words
    "xml/tei/telegram-1961-11-02.xml": (99.9, 99.9),  # 121 words
}


@pytest.mark.parametrize("path", _files(), ids=_name)
def test_word_coverage(path: Path, tmp_path: Path) -> None:
    need_shared(TEI_SAMPLES)
    if shutil.which("pdftotext") is None:  # pragma: no cover - the README installs it
        pytest.fail("pdftotext is not installed (apt-get install poppler-utils)")
    name = _name(path)
    source = tei_words(path)
    html, pages = html_coverage(path, source)
    pdf = share(source, pdf_words(build_pdf([path], include_root=include_root(path)).pdf,
                                  tmp_path))
    print(f"\n{name}: {sum(source.values()):,} words; HTML {html:.1f}% "
          f"({pages} pages), PDF {pdf:.1f}% (goal {GOAL}%)")
    html_floor, pdf_floor = FLOORS[name]
    assert html >= html_floor, f"{name}: HTML coverage {html:.1f}% fell below {html_floor}%"
    assert pdf >= pdf_floor, f"{name}: PDF coverage {pdf:.1f}% fell below {pdf_floor}%"


# ------------------------------------------------------------------ nothing dropped in silence

@pytest.mark.parametrize("path", _files(), ids=_name)
def test_not_rendered_warnings(path: Path) -> None:
    need_shared(TEI_SAMPLES)
    diagnostics: list[Diagnostic] = []
    site_outputs(read_documents([path], include_root(path)), Edition(), diagnostics)
    # issue 14's goal: no element of any file has its text left out of the pages
    assert [str(d) for d in diagnostics] == []

"""Golden HTML pages: each document of the bundled sample edition (xml/tei/*.xml) and the
canonical test document, rendered as a page of the sample edition; its ``<main>`` (what the
document says) is compared, canonicalised, with tests/golden/html/<stem>.html, and the rest
of the page (head, site header and footer: the chrome every page shares) once, for the
canonical document, with tests/golden/html/chrome.html, where ``<main>`` is left empty. So
a change of the chrome rewrites one golden, not every one. A mismatch shows a diff; to accept
new output, run ``python -m pytest tests/test_html_golden.py --update-goldens`` and read the
diff before committing."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from lxml import html

from tei_edition.edition import Edition, load_edition
from tei_edition.resources import sample_edition_dir
from tei_edition.site import read_document, render_document

GOLDEN = Path(__file__).parent / "golden" / "html"
SAMPLE = sample_edition_dir()
CASES = sorted((SAMPLE / "tei").glob("*.xml")) + [Path(__file__).parent / "fixtures" /
                                                   "canonical.xml"]
CHROME_CASE = CASES[-1]  # the canonical document: its page around <main> is the chrome golden


def _serialise(node: html.HtmlElement, doctype: str | None = None) -> str:
    """One stable text form: indented where that does not touch the text, with the
    generator's version left out."""
    out = html.tostring(node, pretty_print=True, encoding="unicode", doctype=doctype)
    return re.sub(r"tei-edition \d+\.\d+\.\d+[\w.+-]*", "tei-edition VERSION", out)


def split_page(page: str) -> tuple[str, str]:
    """(the page's ``<main>``, the page with an empty ``<main>``), each canonicalised:
    parsed as HTML and serialised again."""
    doc = html.document_fromstring(page)
    mains = doc.findall(".//main")
    assert len(mains) == 1, f"a page has one <main>, this one {len(mains)}"
    main = mains[0]
    content = _serialise(main)
    main.text = None
    for child in list(main):
        main.remove(child)  # its tail goes with it: the text after it is inside <main> too
    return content, _serialise(doc, "<!DOCTYPE html>")


def sample_edition() -> Edition:
    toml = SAMPLE / "edition.toml"
    return load_edition(toml) if toml.is_file() else Edition()


def _compare(actual: str, expected_file: Path, what: str, update: bool) -> None:
    if update:
        expected_file.parent.mkdir(parents=True, exist_ok=True)
        expected_file.write_text(actual, encoding="utf-8")
        return
    if not expected_file.is_file():
        pytest.fail(f"{expected_file} is missing: run pytest {__file__} --update-goldens")
    expected = expected_file.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            str(expected_file), "rendered", n=2))
        pytest.fail(f"{what} renders differently from {expected_file.name}:\n{diff[:6000]}"
                    "\nIf the new output is right: python -m pytest tests/test_html_golden.py "
                    "--update-goldens")


@pytest.mark.parametrize("source", CASES, ids=[c.stem for c in CASES])
def test_golden_main(source: Path, update_goldens: bool) -> None:
    main, _ = split_page(render_document(read_document(source), sample_edition()))
    _compare(main, GOLDEN / f"{source.stem}.html", f"the <main> of {source.name}",
             update_goldens)


def test_golden_chrome(update_goldens: bool) -> None:
    _, chrome = split_page(render_document(read_document(CHROME_CASE), sample_edition()))
    _compare(chrome, GOLDEN / "chrome.html",
             f"the page of {CHROME_CASE.name} around its <main>", update_goldens)


def test_every_sample_has_a_golden_page() -> None:
    names = {c.stem for c in CASES} | {"chrome"}
    stale = sorted(p.name for p in GOLDEN.glob("*.html") if p.stem not in names)
    assert stale == [], f"golden pages without a source: {stale}"

"""Golden HTML pages: each document of the bundled sample edition (xml/tei/*.xml) and the
canonical test document, rendered as a page of the sample edition and compared, canonicalised,
with tests/golden/html/<stem>.html. A mismatch shows a diff; to accept new output, run
``python -m pytest tests/test_html_golden.py --update-goldens`` and read the diff before
committing."""

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


def canonicalise(page: str) -> str:
    """One stable text form of a page: parsed as HTML and serialised again, indented where
    that does not touch the text, with the generator's version left out."""
    doc = html.document_fromstring(page)
    out = html.tostring(doc, pretty_print=True, encoding="unicode", doctype="<!DOCTYPE html>")
    return re.sub(r"tei-edition \d+\.\d+\.\d+[\w.+-]*", "tei-edition VERSION", out)


def sample_edition() -> Edition:
    toml = SAMPLE / "edition.toml"
    return load_edition(toml) if toml.is_file() else Edition()


@pytest.mark.parametrize("source", CASES, ids=[c.stem for c in CASES])
def test_golden_page(source: Path, update_goldens: bool) -> None:
    actual = canonicalise(render_document(read_document(source), sample_edition()))
    expected_file = GOLDEN / f"{source.stem}.html"
    if update_goldens:
        expected_file.parent.mkdir(parents=True, exist_ok=True)
        expected_file.write_text(actual, encoding="utf-8")
        return
    if not expected_file.is_file():
        pytest.fail(f"{expected_file} is missing: run pytest {__file__} --update-goldens")
    expected = expected_file.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            str(expected_file), "rendered", n=2))
        pytest.fail(f"{source.name} renders differently from {expected_file.name}:\n{diff[:6000]}"
                    "\nIf the new output is right: python -m pytest tests/test_html_golden.py "
                    "--update-goldens")


def test_every_sample_has_a_golden_page() -> None:
    names = {c.stem for c in CASES}
    stale = sorted(p.name for p in GOLDEN.glob("*.html") if p.stem not in names)
    assert stale == [], f"golden pages without a source: {stale}"

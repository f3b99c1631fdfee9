"""The search folding, checked in the real browser against the Python index.

The site builder folds the words of the index (``tei_edition.site.fold``) and the index page's
script (``xslt/html/assets/index.js``) folds what the reader types and the text it marks. The
two are two implementations of one rule, so each is the other's oracle: this test runs the
script's own ``fold`` and token pattern in Debian's Chromium on text in Arabic (with harakat),
Hebrew (with niqqud), Chinese, Russian and Latin with diacritics and a ligature, and asks for
the same tokens as Python's; then it types each word without its marks into the search box
of a built site and expects the document that has it with them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tei_edition.edition import Edition
from tei_edition.resources import assets_dir
from tei_edition.site import _TOKEN, build_site, fold, read_document
from tei_edition.site_index import document_terms
from tests.browser.test_html_browser import (
    open_index,
    settled,
)

pytestmark = pytest.mark.browser

#: name -> (the text as a document has it, words a reader types, the word each one finds).
TEXTS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "arabic": ("كَتَبَ الطَّالِبُ الدَّرْسَ فِي الْمَدْرَسَةِ",
               [("كتب", "كَتَبَ"), ("المدرسة", "الْمَدْرَسَةِ")]),
    "hebrew": ("שָׁלוֹם עוֹלָם וּבְרֵאשִׁית",
               [("שלום", "שָׁלוֹם"), ("ובראשית", "וּבְרֵאשִׁית")]),
    "chinese": ("中华人民共和国外交部 档案馆",
                [("中华", "中华"), ("档案馆", "档案馆")]),
    "russian": ("Ёлка, йод и Чернышёв в Москве",
                [("елка", "Ёлка"), ("чернышев", "Чернышёв"), ("йод", "йод"), ("иод", "йод")]),
    "latin": ("Garçon Søren Łódź Straße İstanbul ﬁnal Ǆemal",
              [("garcon", "Garçon"), ("søren", "Søren"), ("łodz", "Łódź"),
               ("straße", "Straße"), ("istanbul", "İstanbul"), ("final", "ﬁnal"),
               ("dzemal", "Ǆemal")]),
}


def _tei(name: str, text: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="fold-{name}">
  <teiHeader><fileDesc><titleStmt><title>Folding {name}</title></titleStmt>
    <publicationStmt><p>test</p></publicationStmt><sourceDesc><p>test</p></sourceDesc>
  </fileDesc></teiHeader>
  <text><body><p>{text}</p></body></text>
</TEI>
"""


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("folding")
    paths = []
    for name, (text, _) in TEXTS.items():
        path = folder / f"{name}.xml"
        path.write_text(_tei(name, text), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def site(sources, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("folding-site") / "site"
    build_site(sources, out, Edition(title="Folding", editors=("A. Editor",)))
    return out


def _script_with_its_folding_exposed() -> str:
    """index.js as the site ships it, with its closure's ``fold`` and ``TOKEN`` handed out
    at its end: the test runs the script's own code, whatever helpers fold calls."""
    script = (assets_dir() / "index.js").read_text(encoding="utf-8")
    end = "}());"
    assert script.rstrip().endswith(end), "index.js no longer ends its closure with }());"
    cut = script.rstrip()[: -len(end)]
    return cut + "window.__teFold = fold; window.__teToken = TOKEN;\n" + end + "\n"


def _python_tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def test_the_script_folds_to_the_tokens_of_the_python_index(page, sources):
    page.goto("about:blank")
    page.add_script_tag(content=_script_with_its_folding_exposed())
    docs = [read_document(path) for path in sources]
    for (name, (text, _)), doc in zip(TEXTS.items(), docs, strict=True):
        script = page.evaluate("t => window.__teFold(t).match(window.__teToken) || []", text)
        python = _python_tokens(text)
        assert script == python, (name, script, python)
        assert doc.text.strip() == text
        indexed = set(document_terms(doc))
        assert set(python) <= indexed, (name, set(python) - indexed)
        # A word with marks folds to what its letters alone fold to.
        for typed, word in TEXTS[name][1]:
            assert page.evaluate("t => window.__teFold(t)", typed) == fold(typed)
            assert fold(typed) == fold(word)[: len(fold(typed))], (name, typed, word)


@pytest.mark.parametrize("name", list(TEXTS))
def test_a_word_typed_without_marks_finds_it_written_with_them(site, page, name):
    open_index(page, site)
    search = page.get_by_label("Search the documents")
    for typed, _word in TEXTS[name][1]:
        settled(page, lambda typed=typed: search.fill(typed))
        titles = [t.strip() for t in
                  page.locator("ol.documents > li:visible h3").all_inner_texts()]
        assert titles == [f"Folding {name}"], (typed, titles)
        # In quotes it is found too (the index holds words, not their places: a phrase
        # finds the documents that have each of its words).
        settled(page, lambda typed=typed: search.fill(f'"{typed}"'))
        titles = [t.strip() for t in
                  page.locator("ol.documents > li:visible h3").all_inner_texts()]
        assert titles == [f"Folding {name}"], (f'"{typed}"', titles)

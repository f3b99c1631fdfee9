"""The page stage's job (tei_edition/build/pages.py render_file): what it checks of a page.

A TEI file as the encoder wrote it (its record intact) is rendered without the check of
words its page leaves out (tei_edition/unshown.py), a quarter of a page's time; every other
file is checked. The skip stands on the first test: for every real document in the Wilson
layout in ../shared and for synthetic ones (bench/synthetic.py), the encoder's TEI reaches
its page whole, so the check has nothing to find there.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from conftest import REPO, SHARED, need_shared
from lxml import etree

from tei_edition.build import build_edition
from tei_edition.build import pages as build_pages
from tei_edition.build.pages import PageJob, render_file
from tei_edition.edition import load_edition
from tei_edition.site import read_document
from tei_edition.tei import parse_bytes, tei
from tei_edition.unshown import unshown

sys.path.insert(0, str(REPO / "bench"))
import synthetic  # noqa: E402

WILSON = (SHARED / "samples" / "wilson", SHARED / "samples" / "wilson-dev")


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A built edition of every real Wilson document and 40 synthetic ones."""
    root = tmp_path_factory.mktemp("pages") / "edition"
    synthetic.make_project(root, 40, 7)
    for folder in WILSON:
        for source in sorted(need_shared(folder).glob("*.txt")):
            shutil.copyfile(source, root / "sources" / f"{folder.name}-{source.name}")
    result = build_edition(root, pdf=False, jobs=1)
    assert result.ok and len(result.published) == 40 + 39, result.diagnostics
    return root


def test_the_encoders_tei_reaches_its_page_whole(edition: Path) -> None:
    checked = 0
    for path in sorted((edition / "tei").glob("*.xml")):
        doc = read_document(path)
        page = (edition / "site" / doc.page).read_bytes()
        assert unshown(doc.tree, page) == {}, f"{path.name}: its page leaves text out"
        checked += 1
    assert checked == 79


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def counting(tree, page):  # type: ignore[no-untyped-def]
        calls.append("unshown")
        return unshown(tree, page)

    monkeypatch.setattr(build_pages, "unshown", counting)
    return calls


def test_a_file_as_the_encoder_wrote_it_is_not_checked(
        edition: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _spy(monkeypatch)
    path = next((edition / "tei").glob("wilson-*.xml"))
    rendered = render_file(PageJob(str(path), None, load_edition(edition)))
    assert rendered.error is None and rendered.outputs
    assert calls == []


def test_a_hand_edited_file_is_checked_and_its_hidden_text_reported(
        edition: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _spy(monkeypatch)
    source = next((edition / "tei").glob("wilson-*.xml"))
    tree = parse_bytes(source.read_bytes(), str(source))
    # an editor's addition, which a stylesheet (patched here) leaves out of the page
    real = build_pages.render_document
    monkeypatch.setattr(build_pages, "render_document", lambda *args: real(*args).replace(
        "zyxwv qutsr", ""))
    first = tree.find(f".//{tei('body')}//{tei('p')}")
    assert first is not None
    gloss = etree.SubElement(first, "{urn:example}gloss")
    gloss.text = "zyxwv qutsr"
    edited = etree.tostring(tree, encoding="utf-8")
    path = tmp_path / "edited.xml"
    path.write_bytes(edited)
    rendered = render_file(PageJob(str(path), None, load_edition(edition)))
    assert rendered.error is None
    assert calls == ["unshown"]
    assert [d.code for d in rendered.diagnostics] == ["not-rendered"], rendered.diagnostics

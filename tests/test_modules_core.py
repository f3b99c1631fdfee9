"""The TEI core and transcription modules of other TEI, rendered with their meaning in both
media (xslt/common/general.xsl, xslt/html/html_core.xsl, html_transcr.xsl, xslt/print/).

The fixtures tests/fixtures/modules/core.xml and transcription.xml hold every element of the
two modules that the edition renders (valid against tei_all, with lxml and with jing); their
``<main>`` is compared with tests/golden/modules/<stem>.html (read by eye when accepted:
``python -m pytest tests/test_modules_core.py --update-goldens``), and the page and the PDF
text are checked for what a reader must see: both sides of each choice, the hand's work,
the gap's extent, the safe CSS only, the page numbers, the notes in their place. Our own TEI
keeps the kinds' path: tests/test_html_golden.py and tests/test_pdf.py hold it unchanged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree, html

from tei_edition import images
from tei_edition import pdf as print_edition
from tei_edition.edition import Edition
from tei_edition.site import build_site, read_document, read_file_documents, render_document
from tests.conftest import SHARED, TEI_ALL_RNG, need_shared
from tests.test_html_golden import _compare, split_page

MODULES = Path(__file__).parent / "fixtures" / "modules"
GOLDEN = Path(__file__).parent / "golden" / "modules"
FIXTURES = [MODULES / "core.xml", MODULES / "transcription.xml"]
FRUS = SHARED / "samples" / "tei" / "frus1894Nicaragua.xml"
DATE = dt.date(2026, 1, 1)


def page_of(path: Path) -> str:
    return render_document(read_document(path), Edition())


def main_of(path: Path) -> html.HtmlElement:
    main = html.document_fromstring(page_of(path)).find(".//main")
    assert main is not None
    return main


def text_of(el: html.HtmlElement) -> str:
    return " ".join(el.text_content().split())


def pdf_text(path: Path, tmp: Path) -> str:
    """The PDF's text as pdftotext gives it, words hyphenated at line ends joined, runs of
    space as one; the print HTML it was laid out from is kept beside it (.html)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf = tmp / f"{path.stem}.pdf"
    result = print_edition.build_pdf([path], date=DATE)
    pdf.write_bytes(result.pdf)
    (tmp / f"{path.stem}.html").write_text(result.html, encoding="utf-8")
    run = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                         text=True, timeout=60, check=True)
    return " ".join(re.sub(r"-\n", "", run.stdout).split())


@pytest.fixture(scope="module")
def core() -> html.HtmlElement:
    return main_of(MODULES / "core.xml")


@pytest.fixture(scope="module")
def transcription() -> html.HtmlElement:
    return main_of(MODULES / "transcription.xml")


@pytest.fixture(scope="module")
def core_pdf(tmp_path_factory) -> tuple[str, str]:
    """The PDF text of core.xml and the print HTML it was laid out from."""
    tmp = tmp_path_factory.mktemp("pdf")
    text = pdf_text(MODULES / "core.xml", tmp)
    return text, (tmp / "core.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def transcription_pdf(tmp_path_factory) -> str:
    return pdf_text(MODULES / "transcription.xml", tmp_path_factory.mktemp("pdf"))


# ------------------------------------------------------------------------------ fixtures


@pytest.mark.parametrize("source", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_fixture_is_valid_tei_all_with_lxml(source: Path, tei_all) -> None:
    tree = etree.parse(str(source))
    assert tei_all.validate(tree), str(tei_all.error_log)


@pytest.mark.parametrize("source", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_fixture_is_valid_tei_all_with_jing(source: Path) -> None:
    jing = shutil.which("jing")
    if jing is None:
        pytest.skip("jing is not installed")
    run = subprocess.run([jing, str(need_shared(TEI_ALL_RNG)), str(source)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout


@pytest.mark.parametrize("source", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_golden_main(source: Path, update_goldens: bool) -> None:
    main, _ = split_page(page_of(source))
    _compare(main, GOLDEN / f"{source.stem}.html", f"the <main> of {source.name}",
             update_goldens)


# ------------------------------------------------------------------------------ core, HTML


def _intervention(main: html.HtmlElement, written: str) -> html.HtmlElement:
    found = [s for s in main.iter("span") if "ed" in s.get("class", "").split()
             and s.find("span[@class='ed-as']") is not None
             and text_of(s.find("span[@class='ed-as']")) == written]
    assert len(found) == 1, f"one intervention written {written!r}, found {len(found)}"
    return found[0]


@pytest.mark.parametrize(("written", "reading", "explained"), [
    ("Mr", "Mister", "Abbreviation “Mr”, expanded: “Mister”."),
    ("etc.", "et cetera", "Abbreviation “etc.”, expanded: “et cetera”."),
    ("colour", "color", "Original spelling “colour”, regularised: “color”."),
    ("teh", "the", "So in the source: “teh”; corrected: “the”."),
])
def test_choice_shows_both_sides_through_the_reading_switch(core, written, reading,
                                                             explained) -> None:
    span = _intervention(core, written)
    assert text_of(span.find("span[@class='ed-rd']")) == reading
    assert text_of(span.find("span[@class='ed-x']")) == explained


def test_other_tei_never_names_a_translator(core, transcription) -> None:
    for main in (core, transcription):
        assert "translator" not in text_of(main).lower()


def test_hi_renders_every_common_rend(core) -> None:
    def hi(word: str) -> html.HtmlElement:
        (el,) = [e for e in core.iter() if e.get("class", "").startswith("tei-hi")
                 and text_of(e) == word]
        return el
    assert hi("boldword").tag == "strong"
    assert hi("italicword").tag == "em"
    assert "rend-smallcaps" in hi("smallcapsword").get("class")
    assert "rend-underline" in hi("underlineword").get("class")
    assert hi("supword").tag == "sup"
    assert hi("subword").tag == "sub"
    assert hi("strikeword").tag == "s"


def test_style_and_rendition_pass_only_the_safe_css(core) -> None:
    """No style attribute reaches the page (the site's CSP refuses inline styles): the safe
    properties become classes of edition.css, the rest (position, url()) is dropped."""
    assert not [e for e in core.iter() if e.get("style") is not None]
    classes = {text_of(e): e.get("class") for e in core.iter()
               if "css-" in e.get("class", "")}
    assert classes == {"styledword": "tei-hi css-font-variant-small-caps",
                       "redword": "tei-hi css-color-red"}
    css = (Path(__file__).parent.parent / "xslt" / "html" / "assets" / "edition.css").read_text()
    assert ".css-color-red { color: red; }" in css
    assert ".css-font-variant-small-caps { font-variant: small-caps; }" in css


def test_lists_by_type_and_a_table(core) -> None:
    assert [text_of(li) for li in core.find(".//ul[@class='tei-list list-bulleted']")] == [
        "bulletone", "bullettwo"]
    assert [text_of(li) for li in core.find(".//ol")] == ["orderedone", "orderedtwo"]
    dl = core.find(".//dl[@class='tei-list list-gloss']")
    assert [(e.tag, text_of(e)) for e in dl] == [
        ("dt", "termone"), ("dd", "glossone"), ("dt", "termtwo"), ("dd", "glosstwo")]
    table = core.find(".//table[@class='tei-table']")
    assert text_of(table.find("caption")) == "Tablecaption"
    assert [[text_of(c) for c in tr] for tr in table.iter("tr")] == [
        ["Headone", "Headtwo"], ["cellone", "celltwo"]]
    assert [c.tag for c in table.find(".//tr")] == ["th", "th"]


def test_page_breaks_are_numbers_with_anchors(core) -> None:
    pbs = [(e.get("id"), text_of(e)) for e in core.iter("span") if e.get("class") == "tei-pb"]
    assert pbs == [("pg12", "p. 12"), ("pg13", "p. 13")]


def test_graphics_show_only_checked_images(core) -> None:
    (img,) = core.iter("img")
    data = (MODULES / "pixel.png").read_bytes()
    assert img.get("src") == f"../images/{hashlib.sha256(data).hexdigest()[:20]}.png"
    assert img.get("alt") == "figdescword"
    shown = [text_of(e) for e in core.iter() if e.get("class") == "graphic-missing"]
    assert shown == ["[image: drawing.svg]", "[image: outside.png]", "[image: fake.png]",
                     "[image: remote.png]"]


def _png(size: int = 1) -> bytes:
    return b"\x89PNG\r\n\x1a\n" + bytes(size)


def test_images_are_regular_files_inside_the_folder_by_their_bytes(tmp_path) -> None:
    folder = tmp_path / "edition"
    (folder / "img").mkdir(parents=True)
    (folder / "img" / "a.png").write_bytes(_png())
    (folder / "b.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(8))
    (folder / "c.gif").write_bytes(b"GIF89a" + bytes(8))
    (folder / "d.webp").write_bytes(b"RIFF\x10\x00\x00\x00WEBPVP8 " + bytes(8))
    (folder / "e.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (folder / "f.png").write_text("<html><script>alert(1)</script></html>")
    (folder / "g.png").mkdir()
    (tmp_path / "outside.png").write_bytes(_png())
    (folder / "link.png").symlink_to(tmp_path / "outside.png")
    (folder / "inner-link.png").symlink_to(folder / "img" / "a.png")
    urls = ["img/a.png", "b.jpg", "c.gif", "d.webp", "e.svg", "f.png", "g.png", "../outside.png",
            "link.png", "inner-link.png", str(tmp_path / "outside.png"),
            "file:///etc/passwd", "http://127.0.0.1/a.png", "img/a%2Epng", "missing.png"]
    graphics = "".join(f'<graphic url="{u}"/>' for u in urls)
    tree = etree.fromstring(f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>{graphics}'
                            '</p></body></text></TEI>')
    found = images.document_images(tree, folder)
    assert {url: image.mime for url, image in found.items()} == {
        "img/a.png": "image/png", "b.jpg": "image/jpeg", "c.gif": "image/gif",
        "d.webp": "image/webp", "inner-link.png": "image/png", "img/a%2Epng": "image/png"}
    assert found["img/a.png"].data_uri() == "data:image/png;base64,iVBORw0KGgoA"
    assert images.images_param({"a\tb.png": "x", "ok.png": "y"}) == "ok.png\ty"


def test_the_site_holds_the_checked_images_only(tmp_path) -> None:
    folder = tmp_path / "edition"
    folder.mkdir()
    for name in ("core.xml", "pixel.png", "drawing.svg", "fake.png"):
        shutil.copy(MODULES / name, folder / name)
    out = tmp_path / "site"
    build_site([folder / "core.xml"], out, Edition())
    written = sorted(p.name for p in (out / "images").iterdir())
    assert written == [hashlib.sha256((MODULES / "pixel.png").read_bytes()).hexdigest()[:20]
                       + ".png"]
    assert not list(out.rglob("*.svg"))


def test_notes_by_place_and_gaps_with_extent(core) -> None:
    inline = core.find(".//span[@class='tei-note note-inline']")
    margin = core.find(".//span[@class='tei-note note-margin']")
    assert text_of(inline) == "inlinenote" and text_of(margin) == "marginnote"
    notes = core.find(".//section[@class='footnotes']")
    assert [text_of(li) for li in notes.iter("li")] == ["1. footnoteword ↩"]
    gap = [s for s in core.iter("span") if "tei-gap" in s.get("class", "")]
    assert [text_of(g.find("span[@class='ed-as']")) for g in gap] == ["[6 words illegible]"]
    assert text_of(gap[0].find("span[@class='ed-x']")) == "Not transcribed: 6 words, illegible."
    unclear = [s for s in core.iter("span") if "tei-unclear" in s.get("class", "")]
    assert text_of(unclear[0].find("span[@class='ed-x']")) == "Unclear in the source (faded)."


def test_q_said_quote_are_quotations(core) -> None:
    assert [text_of(q) for q in core.iter("q")] == [
        "quietly now", "never again", "a quoted line"]


# --------------------------------------------------------------------- transcription, HTML


def test_deletions_are_struck_and_additions_are_the_hands(transcription) -> None:
    dels = {text_of(d): d.get("title") for d in transcription.iter("del")}
    assert dels == {"struckword": "Deleted (strikethrough).", "oldword": "Deleted.",
                    "restoredword": "Deleted.", "deletedword": "Deleted by hand Percy.",
                    "wrongword": "Deleted by hand Percy."}
    adds = {text_of(s.find("span[@class='ed-x']")): s for s in transcription.iter("span")
            if "tei-add" in s.get("class", "")}
    assert sorted(adds) == ["Added above the line by hand Percy.", "Added by hand Percy.",
                            "Added in the margin by hand Mary.", "Added."]
    above = adds["Added above the line by hand Percy."]
    assert "place-above" in above.get("class")
    assert text_of(above).startswith("⟨aboveword⟩")


def test_ids_are_unique_in_sourcedoc_and_text(transcription) -> None:
    ids = [e.get("id") for e in transcription.iter() if e.get("id")]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert "ed-handwritten-s1" in ids and "ed-handwritten-1" in ids


def test_sourcedoc_is_pages_of_lines(transcription) -> None:
    surfaces = transcription.findall(".//div[@class='tei-sourceDoc']/section")
    assert [text_of(s.find("p[@class='surface-label']")) for s in surfaces] == ["f. 1r", "f. 1v"]
    lines = [text_of(line) for line in surfaces[0].iter("div")
             if line.get("class") == "tei-line"]
    assert lines[0] == "firstline of the leaf"
    assert lines[3] == "marginline"
    assert len(lines) == 4
    assert "[hand Percy]" in text_of(surfaces[1])
    assert transcription.find(".//span[@class='tei-damage']").get("title") == "Damaged (water)."


# ------------------------------------------------------------------------------ print


def test_print_core(core_pdf) -> None:
    text, print_html = core_pdf
    body, _, apparatus = text.partition("Editorial interventions")
    assert "Abbreviated: Mr Quill and etc.." in body
    assert "Abbreviation “Mr”, expanded: “Mister”." in apparatus
    assert "“quietly now”" in body and "“never again”" in body and "“a quoted line”" in body
    assert "[12]" in body and "[13]" in body
    assert "[6 words illegible]" in body and "[]" not in text
    assert "Headone Headtwo cellone celltwo" in body
    assert "1. orderedone 2. orderedtwo" in body
    assert "[image: pixel.png]" not in body and "[image: drawing.svg]" in body
    # an inline note stays in the text; a footnote goes to the foot of its page
    assert "linesecond inlinenote" in body
    assert "translator" not in text.lower()
    # the safe CSS as classes of print.css, never a style attribute
    printed = html.fromstring(print_html)
    assert not printed.xpath("//*[@style]")
    assert [e.text for e in printed.xpath("//*[@class='css-color-red']")] == ["redword"]
    assert [t.tag for t in printed.iter("table")] == ["table"]
    (img,) = printed.iter("img")
    assert img.get("src").startswith("data:image/png;base64,iVBORw0KGgo")


def test_print_transcription(transcription_pdf) -> None:
    text = transcription_pdf
    for words in ("f. 1r", "firstline of the leaf", "with struckword ⟨aboveword⟩ here",
                  "marginline", "f. 1v", "[hand Percy]", "secondhand writes",
                  "deletedword wrongword⟨rightword⟩"):
        assert words in text, words
    assert "Added in the margin by hand Mary." in text


# ------------------------------------------------------------------------------ FRUS


@pytest.fixture(scope="module")
def frus() -> html.HtmlElement:
    """The <main> of every page of the FRUS volume (a page per document, the volume's own
    page first), side by side in one element, in the file's order."""
    pages = html.fromstring("<div></div>")
    for doc in read_file_documents(need_shared(FRUS)):
        main = html.document_fromstring(render_document(doc, Edition())).find(".//main")
        assert main is not None
        pages.append(main)
    return pages


def test_frus_inline_notes_stay_inline(frus) -> None:
    source = etree.parse(str(FRUS))
    inline = source.xpath("count(//tei:text//tei:note[@rend='inline'])",
                          namespaces={"tei": "http://www.tei-c.org/ns/1.0"})
    shown = frus.xpath("count(.//*[contains(@class, 'note-inline')])")
    assert shown == inline > 100
    foot = text_of(frus.find(".//section[@class='footnotes']"))
    assert "[Telegram.]" not in foot


def test_frus_gaps_and_page_breaks(frus) -> None:
    gaps = [text_of(s.find("span[@class='ed-as']")) for s in frus.iter("span")
            if "tei-gap" in s.get("class", "")]
    assert "[6 words]" in gaps and "[1 line]" in gaps
    assert "Not transcribed: in the source." not in text_of(frus)
    pbs = [e for e in frus.iter("span") if e.get("class") == "tei-pb"]
    in_text = etree.parse(str(FRUS)).xpath("count(//tei:text//tei:pb)",
                                           namespaces={"tei": "http://www.tei-c.org/ns/1.0"})
    assert len(pbs) == in_text > 200 and pbs[0].get("id") == "pg_I"

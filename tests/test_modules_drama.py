"""Drama, verse, critical apparatus, names with @ref and the words a page takes from the
document (xslt/html/html_drama.xsl, html_verse.xsl, html_apparatus.xsl, html_names.xsl, their
print counterparts, xslt/common/verse.xsl, names.xsl, labels.xsl).

The fixtures tests/fixtures/modules/{drama,verse,apparatus}.xml (valid against tei_all) are
rendered as pages (their ``<main>``) and as PDFs (their text, through pdftotext -layout); the
DraCor play and the Escher letters of ../shared/samples/tei are the real cases."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree, html

from tei_edition.edition import Edition
from tei_edition.pdf import build_pdf
from tei_edition.site import read_document, render_document
from tests.conftest import SHARED, TEI_ALL_RNG, need_shared

MODULES = Path(__file__).parent / "fixtures" / "modules"
FIXTURES = [MODULES / f"{name}.xml" for name in ("drama", "verse", "apparatus")]
SAMPLES = SHARED / "samples" / "tei"
PUSHKIN = SAMPLES / "pushkin-boris-godunov.xml"
ESCHER = SAMPLES / "K_8232_Kauffmann_Jakob_an_Escher_1875-05-17.xml"


def page(path: Path) -> html.HtmlElement:
    return html.document_fromstring(render_document(read_document(path), Edition()))


def main(doc: html.HtmlElement) -> html.HtmlElement:
    (m,) = doc.findall(".//main")
    return m


def classes(el: html.HtmlElement) -> list[str]:
    return (el.get("class") or "").split()


def text(el: html.HtmlElement) -> str:
    return " ".join(el.text_content().split())


PRINT_HTML: dict[Path, str] = {}  # the print HTML of each PDF made, for the link tests


def pdf_text(path: Path, tmp_path: Path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    result = build_pdf([path])
    PRINT_HTML[path] = result.html
    pdf = tmp_path / (path.stem + ".pdf")
    pdf.write_bytes(result.pdf)
    run = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                         text=True, check=True, timeout=60)
    return run.stdout


def lines(pdf: str) -> list[str]:
    return [" ".join(line.split()) for line in pdf.splitlines() if line.strip()]


# ------------------------------------------------------------------------ the fixtures


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_fixtures_are_valid_tei_all_for_lxml(fixture: Path, tei_all) -> None:
    tree = etree.parse(str(fixture))
    assert tei_all.validate(tree), tei_all.error_log


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_fixtures_are_valid_tei_all_for_jing(fixture: Path) -> None:
    jing = shutil.which("jing")
    if not jing:
        pytest.skip("jing is not installed")
    run = subprocess.run([jing, str(need_shared(TEI_ALL_RNG)), str(fixture)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout


# ------------------------------------------------------------------------------- drama


def test_cast_list_is_a_list_with_its_group() -> None:
    m = main(page(MODULES / "drama.xml"))
    (cast,) = m.xpath(".//section[@class='tei-castList']")
    assert [text(h) for h in cast.xpath("./h2")] == ["Persons of the play"]
    items = cast.xpath("./ul[@class='cast-list']/li")
    assert [classes(li)[0] for li in items] == ["tei-castItem", "tei-castItem", "tei-castGroup"]
    assert text(items[0]) == "Osric, a ferryman — Tom Hale"
    assert [text(li) for li in items[2].xpath("./ul/li")] == ["The Miller", "The Smith"]
    assert text(items[2].find("span[@class='cast-group-head']")) == "Villagers"


def test_speaker_stands_apart_from_the_first_line() -> None:
    m = main(page(MODULES / "drama.xml"))
    sp = m.xpath(".//div[@class='tei-sp']")[0]
    children = list(sp)
    assert (children[0].tag, classes(children[0])) == ("p", ["tei-speaker"])
    assert text(children[0]) == "Osric"
    first_line = "The water keeps its counsel in the dark,"
    assert (children[1].tag, text(children[1])) == ("div", first_line)
    # a stage direction inside the speech is a block of its own, between two lines
    stage = children[4]
    assert (stage.tag, classes(stage)) == ("p", ["tei-stage"])
    assert text(stage) == "He raises the lantern."
    # one inside a line stays in it
    inline = m.xpath(".//div[contains(@class, 'l-part-F')]/span[contains(@class, 'stage-inline')]")
    assert [text(s) for s in inline] == ["kneeling"]
    # the stage direction after the speeches is a paragraph of the scene
    between = m.xpath(".//section[contains(@class, 'div-scene')]/p[@class='tei-stage']")
    assert [text(p) for p in between] == ["Night. Enter Osric with a lantern.", "Exeunt."]


def test_a_prose_speech_keeps_its_paragraph() -> None:
    m = main(page(MODULES / "drama.xml"))
    sp = m.xpath(".//div[@class='tei-sp']")[-1]
    assert [(c.tag, classes(c)[0]) for c in sp] == [("p", "tei-speaker"), ("p", "p")]
    assert text(sp[1]).startswith("Prose now: the mill wheel turns")


def test_a_div_without_head_gets_no_heading() -> None:
    m = main(page(MODULES / "drama.xml"))
    scenes = m.xpath(".//section[contains(@class, 'div-scene')]")
    assert len(scenes) == 2
    assert not scenes[1].xpath("./h1|./h2|./h3|./h4|./h5|./h6")
    assert "Scene" not in text(m)


def test_shared_verse_line_takes_one_number() -> None:
    m = main(page(MODULES / "drama.xml"))
    numbered = m.xpath(".//span[@class='lnum']")
    assert [(text(n), text(n.getparent())) for n in numbered] == [
        ("5", "5 for I have seen the London road at dawn,")]


# ------------------------------------------------------------------------------- verse


def test_every_line_is_a_line_and_every_fifth_is_numbered() -> None:
    m = main(page(MODULES / "verse.xml"))
    (poem,) = m.xpath(".//div[@class='tei-lg lg-poem']")
    assert text(poem.find("h4")) == "Frost"
    stanzas = poem.xpath("./div[@class='tei-lg lg-stanza']")
    assert [len(s.xpath("./div[contains(@class, 'tei-l')]")) for s in stanzas] == [6, 6]
    numbered = m.xpath(".//div[contains(@class, 'tei-l')][span[@class='lnum']]")
    assert [n.find("span").text for n in numbered] == ["5 ", "10 "]
    assert text(numbered[0]) == "5 The fifth line speaks of quiet snow,"
    (indented,) = m.xpath(".//div[@class='tei-l rend-indent']")
    assert indented.text == "the furrows that the summer healed"
    assert not m.xpath(".//br"), "lines are blocks, not runs ended by <br>"


def test_verse_lines_print_one_a_line_with_numbers(tmp_path: Path) -> None:
    out = lines(pdf_text(MODULES / "verse.xml", tmp_path))
    assert "5 The fifth line speaks of quiet snow," in out
    assert "10 the tenth line answering the ninth," in out
    for line in ("The first frost comes across the field,", "the eleventh turning home",
                 "and the twelfth closing the door."):
        assert line in out, out
    numbered = [line for line in out if re.match(r"^\d+ ", line)]
    assert [line.split()[0] for line in numbered] == ["5", "10"], numbered


def test_drama_prints_speaker_and_stage_on_lines_of_their_own(tmp_path: Path) -> None:
    out = lines(pdf_text(MODULES / "drama.xml", tmp_path))
    at = out.index("Osric")
    assert out[at + 1] == "The water keeps its counsel in the dark,"
    assert "He raises the lantern." in out
    assert out[out.index("Exeunt.") + 1] == "Miller and Smith"
    assert "Osric, a ferryman — Tom Hale" in out
    assert "5 for I have seen the London road at dawn," in out
    # names link to their authority in the PDF too (http and https only: no page ids there)
    printed = html.fromstring(PRINT_HTML[MODULES / "drama.xml"])
    assert {text(a): a.get("href") for a in printed.xpath("//a[@class='authority']")} == {
        "London": "https://www.geonames.org/2643743", "Wenna": "https://viaf.org/viaf/12345"}


# --------------------------------------------------------------------------- apparatus


def test_apparatus_lemma_in_the_text_readings_on_demand() -> None:
    m = main(page(MODULES / "apparatus.xml"))
    apps = m.xpath(".//span[@class='tei-app']")
    assert [a.get("id") for a in apps] == ["te-app-a", "te-app-b", "te-app-c", "te-app-d"]
    first = apps[0]
    assert text(first.find("span[@class='tei-lem']")) == "mighty"
    button = first.find("button")
    entry = first.find("span[@class='app-entry']")
    assert button.get("popovertarget") == entry.get("id") == "te-app-a-entry"
    assert entry.get("popover") == ""
    assert text(entry) == "a mighty] A sturdy B C"
    sigla = entry.xpath(".//span[@class='siglum']")
    assert [(s.text, s.get("title")) for s in sigla] == [
        ("A", "A Oxford manuscript, fifteenth century"), ("B", "Cambridge manuscript"),
        ("C", "The printed edition of 1602")]
    assert text(apps[1].find("span[@class='app-entry']")) == "b by moonlight] A B om. C"
    # without a lem, the first reading stands in the text
    assert text(apps[2].find("span[@class='tei-lem']")) == "cheaply"
    assert text(apps[3].find("span[@class='app-entry']")) == "d stones] B millstones A C"
    # the paragraph reads as the lemma text
    p = m.xpath(".//p[@class='p']")[0]
    lemma_text = "".join(p.xpath(".//text()[not(ancestor::button) and not(ancestor::*[@popover])]"))
    assert " ".join(lemma_text.split()) == ("The miller was a mighty man, who ground the corn by "
                                            "moonlight and sold it cheaply at the fair.")


def test_apparatus_prints_at_the_foot(tmp_path: Path) -> None:
    out = lines(pdf_text(MODULES / "apparatus.xml", tmp_path))
    for entry in ("a) mighty] A sturdy B C", "b) by moonlight] A B om. C",
                  "c) cheaply A dearly B", "d) stones] B millstones A C"):
        assert entry in out, out
    body = " ".join(out)
    assert "mightya man" in body and "stonesd sang." in body


# ------------------------------------------------------------------------------- names


def test_names_link_to_their_authority_only() -> None:
    m = main(page(MODULES / "drama.xml"))
    links = {text(a): a.get("href") for a in m.xpath(".//a[contains(@class, 'authority')]")}
    assert links == {"London": "https://www.geonames.org/2643743",
                     "Wenna": "https://viaf.org/viaf/12345", "the guild": "#p-guild"}
    assert not m.xpath(".//@href[starts-with(., 'javascript')]")
    assert m.xpath(".//span[@class='tei-persName'][.='nobody']")


# ------------------------------------------------------------------------------ labels


def test_other_tei_gets_neutral_words() -> None:
    doc = page(MODULES / "drama.xml")
    labels = [text(lab) for lab in doc.xpath(".//fieldset[@class='reading-switch']/label")]
    assert labels == ["as encoded", "reading text"]
    assert "translat" not in text(main(doc)).lower()


def test_pushkin_is_set_as_a_play(tmp_path: Path) -> None:
    doc = page(need_shared(PUSHKIN))
    m = main(doc)
    assert doc.get("lang") == "ru"
    assert not m.xpath(".//*[@class='div-heading']"), "no heading from @type"
    speeches = m.xpath(".//div[@class='tei-sp']")
    assert len(speeches) == 439
    assert all(classes(sp[0]) == ["tei-speaker"] for sp in speeches)
    assert len(m.xpath(".//div[contains(concat(' ', @class, ' '), ' tei-l ')]")) == 1664
    assert len(m.xpath(".//*[contains(concat(' ', @class, ' '), ' tei-stage ')]")) == 171
    assert "translat" not in text(m).lower()


def test_escher_letter_places_and_language() -> None:
    doc = page(need_shared(ESCHER))
    # the letter declares no language: the page says undetermined, not English
    assert doc.get("lang") == "und"
    assert doc.xpath(".//section[@class='metadata']")[0].get("lang") == "en"
    panel = doc.xpath(".//section[@class='metadata']")[0]
    meta = dict(zip([text(dt) for dt in panel.xpath(".//dt")],
                    [text(dd) for dd in panel.xpath(".//dd")], strict=True))
    assert meta["From"] == "Jakob Kauffmann and Alfred Escher"
    assert meta["Sent from"] == "Brugg (AG)"
    assert meta["Received at"] == "Luzern"
    labels = [text(lab) for lab in doc.xpath(".//fieldset[@class='reading-switch']/label")]
    assert labels == ["diplomatic", "normalised"]
    assert "translator" not in text(main(doc))


# ----------------------------------------------------------------------------- browser


@pytest.mark.browser
def test_apparatus_opens_on_demand_from_file_url(tmp_path: Path) -> None:
    """In Chromium over file://: the readings are hidden until the marker is pressed, then
    shown, with no console error (the Content Security Policy allows no inline script)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    chromium = "/usr/bin/chromium"
    if not Path(chromium).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from tei_edition.site import build_site

    site = tmp_path / "site"
    build_site([MODULES / "apparatus.xml"], site, Edition())
    errors: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium,
                                    args=["--no-sandbox", "--disable-gpu"])
        try:
            tab = browser.new_page()
            tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            tab.goto((site / "documents" / "apparatus-1.html").as_uri())
            entry = tab.locator("#te-app-a-entry")
            assert not entry.is_visible()
            tab.locator("#te-app-a button.app-call").click()
            assert entry.is_visible()
            assert " ".join(entry.inner_text().split()) == "a mighty] A sturdy B C"
            assert not tab.locator("#te-app-b-entry").is_visible()
        finally:
            browser.close()
    assert errors == []

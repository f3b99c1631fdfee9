"""An original-language transcription and its translation in one body (issue 13, item 9).

104.txt of the development set holds a Chinese cable (with its own endnotes ``[1] ...``)
and then its English translation: two texts, ``text/group/text``, each with its language,
type and footnotes; the translation's paragraphs point at the original's. Invented
fixtures (tests/fixtures/transcription/) give the reverse order, a Cyrillic transcription
and the counter-examples that stay one text: a few Chinese words in English paragraphs, a
Chinese heading above a long English text.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SHARED, need_shared
from lxml import etree, html

from tei_edition import pdf as print_edition
from tei_edition.cli import cli
from tei_edition.edition import Edition
from tei_edition.encoder.pipeline import encode_file, encode_text
from tei_edition.encoder.scripts import script_of_line
from tei_edition.encoder.transcription import split, units
from tei_edition.export import export_tree
from tei_edition.readers.base import Line
from tei_edition.site import read_document, render_document
from tei_edition.tei import NS, xml_attr
from tei_edition.validate import iter_errors

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures" / "transcription"
DEV = SHARED / "samples" / "wilson-dev"
PROJECT_RNG = HERE.parent / "schemas" / "tei_edition.rng"
LANG, ID = xml_attr("lang"), xml_attr("id")
EPOCH = "1767225600"


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def x(el: etree._Element, path: str) -> list:
    return el.xpath(path, namespaces=NS)


def s104() -> Path:
    return need_shared(DEV / "104.txt")


def texts(tree: etree._Element) -> list[etree._Element]:
    return x(tree, "tei:text/tei:group/tei:text")


def lines(*texts: str) -> list[Line]:
    return [Line(t, n) for n, t in enumerate(texts, 1)]


# ---------------------------------------------------------------------------------------
# 104.txt: the Chinese text first, then the English


def test_104_is_an_original_and_its_translation():
    tree = encode_file(s104()).tree
    original, translation = texts(tree)
    assert (original.get("type"), original.get(LANG)) == ("original", "zh")
    assert (translation.get("type"), translation.get(LANG)) == ("translation", "en")
    outer = x(tree, "tei:text")[0]
    assert outer.get("type") is None and outer.get(LANG) is None  # the group holds both
    chinese = "".join(original.itertext())
    english = "".join(translation.itertext())
    assert "关于收集朝鲜战场双方情况事给倪志亮的电报" in chinese and "Ambassador" not in chinese
    assert "Ambassador Ni" in english and "倪" not in english
    # each text is a document of its own: opener, paragraphs
    assert x(original, "string(tei:body/tei:div/tei:opener/tei:seg[1])") == \
        "关于收集朝鲜战场双方情况事给倪志亮的电报"
    assert x(translation, "string(tei:body/tei:div/tei:opener/tei:salute)") == \
        "Ambassador Ni Zhiliang:"
    assert x(tree, "string(//tei:langUsage)").split() == ["English", "Chinese"]
    assert x(tree, "//tei:langUsage/tei:language/@ident") == ["en", "zh"]


def test_104_the_chinese_endnotes_are_the_chinese_texts_footnotes():
    result = encode_file(s104())
    original, translation = texts(result.tree)
    notes = x(original, ".//tei:note[@place = 'foot']")
    assert [n.get("n") for n in notes] == ["1", "2", "3", "4"]
    assert notes[0].text == "倪大使, 指中国驻朝鲜大使倪志亮."
    assert notes[3].text == "金首相, 指朝鲜民主主义人民共和国首相金日成."
    # each at its anchor: 倪大使[1]:
    assert notes[0].getparent().text == "倪大使" and notes[0].tail == ":"
    # the Chinese edition's own notes, not the translator's
    assert {(n.get("type"), n.get("resp")) for n in notes} == {("editorial", None)}
    assert not x(original, ".//tei:supplied")  # [1] is no longer a supplied "1"
    # no endnote is left a paragraph (before, "[1] 倪大使, 指..." was one, its "1" supplied)
    assert not x(result.tree, "//tei:body//tei:p[contains(., '指中国驻朝鲜大使')]"
                 "[not(tei:note[contains(., '指中国驻朝鲜大使')])]")
    assert not x(translation, ".//tei:note")
    assert result.counts["note"] == 4 and "note 4" in _summary(s104())


def test_104_paragraphs_have_distinct_ids_and_point_at_their_originals():
    tree = encode_file(s104()).tree
    original, translation = texts(tree)
    ids = x(tree, "//@xml:id")
    assert len(ids) == len(set(ids))
    assert x(original, ".//tei:p/@xml:id") == [f"p{n}" for n in range(1, 8)]
    assert x(translation, ".//tei:p/@xml:id") == ["p8", "p9", "p10"]
    renderings = units(translation)
    # the salutation, the paragraph, the three items, the signature and the date
    assert [r.get("corresp") for r in renderings] == [f"#p{n}" for n in range(1, 8)]
    pairs = {"".join(r.itertext()).strip()[:12]: x(tree, f"string(//*[@xml:id = "
                                                   f"'{r.get('corresp')[1:]}'])")
             for r in renderings}
    assert pairs["The October "] == "酋支酋支, 即十月四日.电悉."  # the note's text is inside
    assert pairs["Zhou Enlai"] == "周恩来"
    assert not x(original, ".//@corresp")


def test_104_exports_back_byte_for_byte(tmp_path):
    source = s104()
    out, back = tmp_path / "104.xml", tmp_path / "104.txt"
    runner = CliRunner()
    result = runner.invoke(cli, ["encode", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "7 interventions" in result.output and "0 warnings" in result.output
    result = runner.invoke(cli, ["export", str(out), "-o", str(back)])
    assert result.exit_code == 0, result.output
    assert back.read_bytes() == source.read_bytes()
    assert export_tree(encode_file(source).tree) == source.read_text(encoding="utf-8")


def test_104_is_valid_for_the_project_schema_and_tei_all(tmp_path, tei_all):
    from tests.test_jing import jing

    data = encode_file(s104()).data
    assert [d for d in iter_errors(data) if d.level == "error"] == []
    assert tei_all.validate(etree.parse(io.BytesIO(data))), tei_all.error_log
    path = tmp_path / "104.xml"
    path.write_bytes(data)
    for schema in (PROJECT_RNG, need_shared(SHARED / "tei" / "tei_all.rng")):
        assert jing(schema, [path]) == {path.resolve(): []}


def _summary(source: Path) -> str:
    result = CliRunner().invoke(cli, ["encode", str(source)])
    assert result.exit_code == 0, result.output
    return result.output


# ---------------------------------------------------------------------------------------
# Invented: the reverse order, a Cyrillic transcription


@pytest.mark.parametrize("name", ["english-then-chinese", "russian-then-english"])
def test_fixture_round_trip_and_validity(name, tei_all):
    source = FIXTURES / f"{name}.txt"
    result = encode_file(source)
    assert export_tree(result.tree) == source.read_text(encoding="utf-8")
    assert [d for d in iter_errors(result.data) if d.level == "error"] == []
    assert tei_all.validate(etree.ElementTree(result.tree)), tei_all.error_log


def test_reverse_order_english_first_then_chinese():
    tree = encode_file(FIXTURES / "english-then-chinese.txt").tree
    translation, original = texts(tree)
    assert (translation.get("type"), translation.get(LANG)) == ("translation", "en")
    assert (original.get("type"), original.get(LANG)) == ("original", "zh")
    # the Chinese text's own endnote, at the end of the body, is its footnote
    note = x(original, ".//tei:note[@place = 'foot']")
    assert [(n.get("n"), n.text) for n in note] == [("1", "乘火车离京.")]
    # the English brackets are read in the English text, as before
    assert x(translation, "string(.//tei:supplied[1])") == "by train"
    # ids through the document: the English p1-p3, the Chinese p4-p9
    assert x(translation, ".//tei:p/@xml:id") == ["p1", "p2", "p3"]
    assert x(original, ".//tei:p/@xml:id") == [f"p{n}" for n in range(4, 10)]
    assert [u.get("corresp") for u in units(translation)] == [f"#p{n}" for n in range(4, 10)]
    assert x(tree, "//tei:langUsage/tei:language/@ident") == ["en", "zh"]


def test_cyrillic_transcription_with_its_list():
    tree = encode_file(FIXTURES / "russian-then-english.txt").tree
    original, translation = texts(tree)
    assert (original.get("type"), original.get(LANG)) == ("original", "ru")
    assert [n.get("n") for n in x(original, ".//tei:note[@place = 'foot']")] == ["1", "2"]
    # the list items of the original, pointed at, get ids of their own
    assert x(original, ".//tei:item/@xml:id") == ["o4", "o5"]
    assert x(translation, ".//tei:item/@corresp") == ["#o4", "#o5"]
    # "To Comrade Petrov." (a labelled header line) renders "Товарищу Петрову[1]."
    assert x(translation, "string(.//tei:seg[@type = 'to']/@corresp)") == "#p1"
    # the Original Language field names Russian: langUsage lists it once
    assert x(tree, "//tei:langUsage/tei:language/@ident") == ["en", "ru"]


def test_paragraphs_not_one_to_one_are_not_linked():
    source = (FIXTURES / "english-then-chinese.txt").read_text(encoding="utf-8")
    longer = source.replace("Please inform", "A second paragraph the original does not have.\n"
                            "Please inform")
    tree = encode_text(longer, "longer.txt").tree
    translation, original = texts(tree)
    assert len(units(translation)) == len(units(original)) + 1
    assert not x(tree, "//@corresp")
    ids = x(tree, "//@xml:id")
    assert len(ids) == len(set(ids))


# ---------------------------------------------------------------------------------------
# The rule: script, language, and what is not a transcription


def test_script_of_a_line():
    assert script_of_line("倪大使[1]:") == "Hani"
    assert script_of_line("Премьер Ким [Ким Ир Сен]") == "Cyrl"
    assert script_of_line("The slogan 大跃进 [Great Leap Forward] was painted.") == "Latn"
    assert script_of_line("[1] 1950.10.5") is None  # no letters
    assert script_of_line("Kim 金日成") is None  # three and three: no majority


@pytest.mark.parametrize(("body", "named", "language"), [
    (["Товарищу Петрову.", "Ваша телеграмма получена.", "To Comrade Petrov."], [], "ru"),
    (["Товаришу Петрову.", "Вашу телеграму отримано.", "To Comrade Petrov."], ["uk"], "uk"),
    (["Товарищу Петрову.", "Ваша телеграмма получена.", "To Comrade Petrov."], ["zh"], "ru"),
    (["东京大使馆:", "来电收到。", "To the Embassy in Tokyo."], [], "zh"),
    (["東京の大使館へ", "電報を受け取った。", "To the Embassy in Tokyo."], [], "ja"),
    (["東京の大使館へ", "電報を受け取った。", "To the Embassy in Tokyo."], ["ja"], "ja"),
    (["إلى السفارة", "وصلت البرقية.", "To the Embassy."], [], "und-Arab"),
    (["إلى السفارة", "وصلت البرقية.", "To the Embassy."], ["fa"], "fa"),
    (["Πρεσβεία στο Πεκίνο", "Το τηλεγράφημα ελήφθη.", "Embassy in Beijing."], [], "el"),
])
def test_the_originals_language(body, named, language):
    found = split(lines(*body), named)
    assert found is not None and found.language == language
    assert [ln.text for ln in found.translation] == body[-1:]


def test_a_few_chinese_words_in_english_paragraphs_are_one_text():
    tree = encode_file(FIXTURES / "han-words-in-english.txt").tree
    assert not x(tree, "//tei:group")
    text = x(tree, "tei:text")[0]
    assert (text.get("type"), text.get(LANG)) == ("translation", "en")
    assert "大跃进" in x(tree, "string(//tei:body//tei:p[1])")
    assert x(tree, "//tei:langUsage/tei:language/@ident") == ["en"]


def test_a_chinese_heading_above_a_long_english_text_is_one_text():
    tree = encode_file(FIXTURES / "chinese-heading.txt").tree
    assert not x(tree, "//tei:group")
    assert x(tree, "string(//tei:opener/tei:seg[1])") == "五一节游行"


@pytest.mark.parametrize("body", [
    ["倪大使:", "Ambassador Ni:", "The telegram was received."],  # one line is no text
    ["倪大使:", "酋支电悉.", "Ambassador Ni:", "The telegram was received.", "周恩来"],  # Han after
    ["倪大使:", "Товарищу Петрову.", "Ambassador Ni:", "The telegram was received."],
    ["Ambassador Ni:", "The telegram was received.", "Zhou Enlai"],  # English only
    ["倪大使:", "酋支电悉.", "周恩来"],  # no translation
])
def test_bodies_that_are_not_an_original_and_its_translation(body):
    assert split(lines(*body)) is None


# ---------------------------------------------------------------------------------------
# The HTML and the print


@pytest.fixture(scope="module")
def tei_104(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("t104") / "104.xml"
    path.write_bytes(encode_file(s104()).data)
    return path


def test_html_has_the_two_texts_in_columns_of_the_source_order(tei_104):
    page = html.document_fromstring(render_document(read_document(tei_104), Edition()))
    assert "page-parallel" in page.body.get("class").split()
    group = page.xpath("//main//div[@class = 'tei-group parallel']")
    assert len(group) == 1
    columns = group[0].xpath("div[contains(@class, 'tei-text')]")
    assert [(c.get("class"), c.get("lang")) for c in columns] == [
        ("tei-text text-original", "zh"), ("tei-text text-translation", "en")]
    assert [c.xpath("string(h3[@class = 'text-label'])") for c in columns] == [
        "Original (Chinese)", "Translation (English)"]
    # the Chinese endnotes in the page's list of notes, in their language
    notes = page.xpath("//section[@class = 'footnotes']//li/span[@lang = 'zh']")
    assert [n.text_content() for n in notes][:1] == ["倪大使, 指中国驻朝鲜大使倪志亮."]
    # the document type is read through the group, as before the split
    assert "Cable" in page.text_content()


def test_html_of_one_text_is_not_in_columns(tmp_path):
    tei = tmp_path / "one.xml"
    tei.write_bytes(encode_file(FIXTURES / "han-words-in-english.txt").data)
    page = html.document_fromstring(render_document(read_document(tei), Edition()))
    assert page.body.get("class") == "page-document"
    assert not page.xpath("//*[contains(@class, 'tei-group') or @class = 'text-label']")


@pytest.mark.browser
@pytest.mark.parametrize(("width", "side_by_side"), [(1400, True), (600, False)])
def test_browser_columns_on_a_wide_screen_one_after_the_other_on_a_narrow_one(
        tei_104, tmp_path, width, side_by_side):
    from tei_edition.site import build_site

    sync_api = pytest.importorskip("playwright.sync_api")
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    site = tmp_path / "site"
    build_site([tei_104], site, Edition(title="Test Edition"))
    page_path = next((site / "documents").glob("*.html"))
    errors: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium),
                                    args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(page_path.as_uri())
        original = page.locator(".text-original").bounding_box()
        translation = page.locator(".text-translation").bounding_box()
        browser.close()
    assert errors == []
    assert original is not None and translation is not None
    if side_by_side:
        assert translation["x"] >= original["x"] + original["width"]  # to its right
        assert abs(translation["y"] - original["y"]) < 1  # on the same line
    else:
        assert abs(translation["x"] - original["x"]) < 1
        assert translation["y"] >= original["y"] + original["height"]  # below it


def test_print_gives_the_two_texts_one_after_the_other(tei_104):
    result = print_edition.build_pdf([tei_104])
    doc = html.document_fromstring(result.html)
    blocks = doc.xpath("//div[@class = 'doc-body']//div[@class = 'group']/div")
    assert [(b.get("class"), b.get("lang")) for b in blocks] == [
        ("text text-original", "zh"), ("text text-translation", "en")]
    assert [b.xpath("string(p[@class = 'text-label'])") for b in blocks] == [
        "Original (Chinese)", "Translation (English)"]
    import pypdf

    # where each line is on the first page, from the top (WeasyPrint's text matrices count
    # down the page): pypdf gives the text in the order it was drawn, not read
    top: dict[str, float] = {}

    def seen(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        top.setdefault(text.strip(), tm[5])

    pypdf.PdfReader(io.BytesIO(result.pdf)).pages[0].extract_text(visitor_text=seen)
    marks = ["Original language:", "Original (Chinese)", "关于收集朝鲜战场双方情况事给倪志亮的电报",
             "周恩来", "Translation (English)", "The October 4 telegram was received."]
    assert all(m in top for m in marks), sorted(top)
    assert [top[m] for m in marks] == sorted(top[m] for m in marks)
    assert top["周恩来"] < top["Translation (English)"]  # one after the other

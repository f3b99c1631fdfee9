"""The HTML edition's document pages (xslt/html/html.xsl): structure, interventions, notes,
the ledger, citations, safety, and the fallback for TEI the encoder never writes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree, html

from tei_edition import resources
from tei_edition.edition import Edition
from tei_edition.render import transform
from tei_edition.site import Document, read_document, render_document

FIXTURES = Path(__file__).parent / "fixtures"
CANONICAL = FIXTURES / "canonical.xml"
HOSTILE = FIXTURES / "html" / "hostile.xml"
FOREIGN = FIXTURES / "html" / "foreign-tei.xml"
NESTED = FIXTURES / "html" / "nested.xml"

EDITION = Edition(title="Border Cables", editors=("A. Editor", "B. Editor"),
                  publisher="Example Library", licence="CC BY 4.0",
                  licence_url="https://creativecommons.org/licenses/by/4.0/",
                  base_url="https://example.org/edition")


def page(path: Path, edition: Edition = EDITION) -> html.HtmlElement:
    return html.document_fromstring(render_document(read_document(path), edition))


def text(el: html.HtmlElement) -> str:
    return " ".join(el.text_content().split())


@pytest.fixture(scope="module")
def canonical() -> html.HtmlElement:
    return page(CANONICAL)


def test_page_has_title_date_and_metadata(canonical):
    assert canonical.get("lang") == "en"
    h1 = canonical.find(".//h1")
    assert "Cable from the Ministry of Foreign Affairs of Ruritania" in h1.text_content()
    assert canonical.find(".//title").text.endswith("· Border Cables")
    date = canonical.find(".//header[@class='document-heading']//time")
    assert (date.get("datetime"), date.text) == ("1958-03-03", "March 3, 1958")
    meta = {text(dt): text(dt.getnext())
            for dt in canonical.findall(".//section[@class='metadata']//dt")}
    assert meta["Archive"] == "Ruritanian Foreign Ministry Archive, RFA 102-00417-03"
    assert meta["Translator"] == "Mara Lindqvist"
    assert meta["Funding"] == "Example Foundation for Archival Research"
    assert meta["Original language"] == "German"
    assert meta["From"] == "Ministry of Foreign Affairs of Ruritania"
    assert meta["Keywords"] == "border commission; rivers; maps"
    assert meta["Summary"].startswith("The Ministry instructs the Embassy")
    assert "RFA 102-00417-03" in meta["Citation"]
    link = canonical.xpath(".//dd/a[@href='https://archive.example.org/document/900001']")
    assert link, "the citation's URL is a link"


def test_headings_are_in_order(canonical):
    levels = [int(h.tag[1]) for h in canonical.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, levels


def test_cable_structure_and_paragraph_permalinks(canonical):
    body = canonical.find(".//div[@class='tei-text']")
    assert body.get("lang") == "en"
    opener = body.find(".//div[@class='tei-opener']")
    assert [s.get("class") for s in opener.findall("span[@class]") if "seg" in s.get("class")] == [
        "seg seg-to", "seg seg-level", "seg seg-number", "seg seg-subject"]
    assert text(opener.find("div[@class='tei-salute']")).endswith("Counsellor of the Embassy:")
    assert body.find(".//div[@class='tei-closer']/div[@class='tei-signed']") is not None
    assert "Three copies printed" in text(body.find(".//div[@class='tei-postscript']"))
    enclosure = body.find(".//section[@class='div div-enclosure div-letter']")
    assert text(enclosure.find("h3")) == "Enclosure: Letter"
    for n in (1, 2, 3, 4):
        p = canonical.get_element_by_id(f"p{n}")
        anchor = p.find("a[@class='pnum']")
        assert (anchor.get("href"), anchor.text) == (f"#p{n}", str(n))


def test_interventions_are_explained_on_focus(canonical):
    spans = canonical.xpath(".//span[contains(concat(' ', @class, ' '), ' ed ')]")
    assert len(spans) >= 17
    ids = [s.get("id") for s in spans]
    assert len(ids) == len(set(ids))
    for span in spans:
        assert span.get("tabindex") == "0"
        tip = canonical.get_element_by_id(span.get("aria-describedby"))
        assert tip.get("role") == "tooltip" and tip.getparent() is span
        assert text(tip)
    supplied = canonical.get_element_by_id("ed-supplied-1")
    assert [b.text for b in supplied.findall("span[@class='ed-br']")] == ["[", "]"]
    assert "Added by the translator (Mara Lindqvist)" in text(supplied)
    omitted = canonical.get_element_by_id("ed-omitted-1")
    assert omitted.find(".//span[@class='ed-br']").text == "[...]"
    assert omitted.find("span[@class='ed-rd']").text == "…"
    assert "omitted by the editors" in text(omitted)
    gloss = canonical.get_element_by_id("ed-gloss-1")
    assert text(gloss.find("span[@class='ed-as']")) == "Strelna [Strzelna]"
    assert text(gloss.find("span[@class='ed-rd']")) == "Strzelna"
    signature = canonical.get_element_by_id("ed-physical-1")
    assert text(signature.find("span[@class='ed-as']")) == "[signature]"
    assert "ed-no-reading" in signature.get("class")


def test_footnotes_have_back_links(canonical):
    ref = canonical.get_element_by_id("fnref-1")
    assert ref.get("href") == "#fn-1" and ref.get("role") == "doc-noteref"
    note = canonical.get_element_by_id("fn-1")
    assert "The maps are not in the file." in text(note)
    assert note.find("a[@role='doc-backlink']").get("href") == "#fnref-1"


def test_ledger_lists_every_intervention_in_order(canonical):
    rows = canonical.xpath(".//table[@class='ledger-table']/tbody/tr")
    kinds = [text(r[1]) for r in rows]
    assert kinds[:4] == ["Omission", "Stamp", "Omission", "Supplied"]
    assert len(rows) == 17
    sources = [text(r[2]) for r in rows]
    assert "Strelna [Strzelna]" in sources and "F[oreign] M[inistry]" in sources
    assert "[Koval?]" in sources and "[signature]" in sources
    for row in rows:
        target = row[0].find("a").get("href")[1:]
        assert canonical.get_element_by_id(target) is not None


def test_citations(canonical):
    chicago = text(canonical.get_element_by_id("te-cite-chicago"))
    assert chicago == (
        "Ministry of Foreign Affairs of Ruritania. “Cable from the Ministry of Foreign Affairs of "
        "Ruritania to the Embassy in Freedonia, Concerning the Border Commission.” March 3, 1958. "
        "Translated by Mara Lindqvist. Ruritanian Foreign Ministry Archive, RFA 102-00417-03. "
        "In Border Cables, edited by A. Editor and B. Editor. Example Library. "
        "https://example.org/edition/documents/wilson-900001.html.")
    bibtex = canonical.get_element_by_id("te-cite-bibtex").text_content()
    assert bibtex.startswith("@misc{wilson-900001,\n")
    assert "  year = {1958}" in bibtex and "  editor = {A. Editor and B. Editor}" in bibtex
    assert bibtex.count("{") == bibtex.count("}")
    csl = json.loads(canonical.get_element_by_id("te-cite-csl").text_content())
    assert csl[0]["issued"] == {"date-parts": [[1958, 3, 3]]}
    assert csl[0]["translator"] == [{"literal": "Mara Lindqvist"}]
    assert csl[0]["URL"] == "https://example.org/edition/documents/wilson-900001.html"
    buttons = canonical.xpath(".//button[@class='copy']/@data-copy")
    assert buttons == ["te-cite-chicago", "te-cite-bibtex", "te-cite-csl"]
    download = canonical.xpath(".//a[@class='download']/@href")
    assert download == ["../tei/wilson-900001.zip"]


def test_edition_settings_reach_the_page(canonical):
    footer = text(canonical.find(".//footer[@class='site-footer']"))
    assert "Border Cables, edited by A. Editor and B. Editor" in footer
    assert canonical.xpath(".//a[@rel='license']/@href") == [
        "https://creativecommons.org/licenses/by/4.0/"]


def test_plain_defaults_without_an_edition():
    doc = page(CANONICAL, Edition())
    assert "Untitled edition" in text(doc.find(".//header[@class='site-header']"))
    assert doc.xpath(".//a[@rel='license']") == []
    assert "https://" not in doc.get_element_by_id("te-cite-chicago").text_content().split(
        "RFA 102-00417-03")[1]


def test_bibtex_escapes_special_characters(tmp_path):
    tree = etree.parse(str(CANONICAL))
    title = tree.find(".//{http://www.tei-c.org/ns/1.0}title")
    title.text = r"50% of {maps} & $costs #1 \ under_score ~ ^"
    source = tmp_path / "special.xml"
    tree.write(str(source), encoding="utf-8")
    out = html.document_fromstring(render_document(read_document(source), Edition(title="A & B")))
    bibtex = out.get_element_by_id("te-cite-bibtex").text_content()
    assert (r"title = {{50\% of \{maps\} \& \$costs \#1 \textbackslash{} under\_score "
            r"\textasciitilde{} \textasciicircum{}}}") in bibtex
    assert r"howpublished = {{A \& B}}" in bibtex


# ---- Safety ----------------------------------------------------------------------------

URL_ATTRS = ("href", "src", "action", "formaction", "data", "xlink:href", "poster")


def _scheme(value: str) -> str:
    """What a browser would take as the URL's scheme (it drops controls and white space)."""
    cleaned = re.sub(r"[\x00-\x20]", "", value).lower()
    return cleaned.split(":", 1)[0] if ":" in cleaned else ""


def assert_inert(doc: html.HtmlElement, own_scripts: set[str]) -> None:
    for script in doc.iter("script"):
        if script.get("type") == "application/ld+json":  # a data block, never run; no "<"
            assert "<" not in (script.text or "") and script.get("src") is None
            continue
        assert script.get("src") in own_scripts and not (script.text or "").strip()
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        assert el.tag not in ("iframe", "object", "embed", "svg", "img", "base", "form")
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (el.tag, name, value)
            assert name.lower() != "style", (el.tag, name)
            if name in URL_ATTRS:
                assert _scheme(value) in ("", "http", "https", "mailto"), (el.tag, name, value)


def test_hostile_document_renders_inert():
    out = render_document(read_document(HOSTILE), EDITION)
    doc = html.document_fromstring(out)
    assert_inert(doc, {"../assets/edition.js"})
    body = doc.find("body").text_content()
    # The words are all there, as text.
    assert "<script>alert('text')</script>" in body
    assert "alert('xhtml script')" in body
    assert "<iframe src=\"javascript:alert(1)\">" in body
    assert "javascript:alert('ptr')" in body  # shown as text, not linked
    assert doc.find(".//title").text.startswith("Cable </title><script>alert('title')</script>")
    links = doc.xpath("//a/@href")
    assert "https://example.org/ok" in links and "#p1" in links
    assert not any("alert" in h for h in links)
    assert "<script>alert" not in out.split("</head>")[1].replace("&lt;script&gt;", "")
    csl = json.loads(doc.get_element_by_id("te-cite-csl").text_content())
    assert csl[0]["title"].startswith("Cable </title><script>")
    assert "\\&" in doc.get_element_by_id("te-cite-bibtex").text_content()


def test_hostile_edition_settings_are_escaped():
    edition = Edition(title="<script>alert('e')</script>", editors=("<b onclick=x>Ed</b>",),
                      licence="CC", licence_url="javascript:alert(1)", base_url="javascript:x/")
    doc = html.document_fromstring(render_document(read_document(CANONICAL), edition))
    assert_inert(doc, {"../assets/edition.js"})
    assert doc.xpath("//a[@rel='license']") == []
    title = "<script>alert('e')</script>"
    # Every place the edition's title and editors are shown holds them as text.
    assert doc.find(".//p[@class='site-title']/a").text == title
    assert doc.find(".//footer[@class='site-footer']/p/a").text == title
    assert doc.find(".//title").text.endswith(f" · {title}")
    assert doc.get_element_by_id("te-cite-chicago").find("cite").text == title
    assert doc.find(".//p[@class='site-editors']").text == "Edited by <b onclick=x>Ed</b>"
    assert doc.xpath("//b | //*[@onclick]") == []


# ---- Any TEI ----------------------------------------------------------------------------


def test_unknown_elements_fall_back_to_their_text_with_a_class():
    doc = page(FOREIGN)
    body = text(doc.find(".//div[@class='tei-text']"))
    for words in ("The Scene", "ANN", "Where is the map?", "She looks out of the window.",
                  "The river runs,", "holds", "bends", "Strelsau", "A pencil sketch of the valley.",
                  "An anonymous block with a three and a word.", "a surveyor"):
        assert words in body, words
    classes = set(doc.xpath("//@class"))
    for cls in ("tei-sp", "tei-speaker", "tei-stage", "tei-app", "tei-lem", "tei-rdg", "tei-w",
                "tei-ab", "tei-castList", "tei-docTitle"):
        assert cls in classes, cls
    assert doc.xpath("//h3[@class='tei-head']/text()") == ["Act One"]
    assert doc.xpath("//table[@class='tei-table']//th/text()") == ["Town", "Year"]
    assert_inert(doc, {"../assets/edition.js"})


def test_nested_interventions_keep_ids_unique():
    doc = page(NESTED)
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for ref in doc.xpath("//@aria-describedby | //a/@href[starts-with(., '#')]"):
        target = ref[1:] if ref.startswith("#") else ref
        assert doc.get_element_by_id(target) is not None, ref
    outer = doc.get_element_by_id("ed-supplied-1")
    # the fixture declares the tei-edition application: the project's TEI and wording
    assert text(outer.find("span[@class='ed-x']")).startswith("Added by the translator")
    assert doc.get_element_by_id("ed-supplied-1-in1") is not None
    assert doc.get_element_by_id("ed-expansion-1-ex-2") is not None
    assert doc.get_element_by_id("ed-expansion-2-ex-1") is not None
    signature, illegible = (doc.get_element_by_id(i) for i in ("ed-physical-1", "ed-illegible-1"))
    assert text(signature.find("span[@class='ed-as']")) == "[signature]"
    assert text(illegible.find("span[@class='ed-as']")) == "[illegible signature]"
    notes = doc.xpath("//li[@role='doc-endnote']/@id")
    assert notes == ["fn-1", "fn-2"]


def test_html_ids_agree_with_common_ed_id(tmp_path):
    """te:ed-id (keys, fast) gives what common's ed:id gives, for every intervention."""
    driver = tmp_path / "ids.xsl"
    driver.write_text(f"""<xsl:stylesheet version="3.0"
      xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:ed="urn:tei-edition:editorial"
      xmlns:te="urn:tei-edition:html" xmlns:tei="http://www.tei-c.org/ns/1.0">
      <xsl:import href="{(resources.xslt_dir() / 'html' / 'html.xsl').as_uri()}"/>
      <xsl:output method="text"/>
      <xsl:template match="/">
        <xsl:for-each select="//tei:text//*[exists(ed:kind(.))]">
          <xsl:value-of select="ed:id(.) || ' ' || te:ed-id(., ed:kind(.)) || '&#10;'"/>
        </xsl:for-each>
      </xsl:template>
    </xsl:stylesheet>""")
    for path in (CANONICAL, NESTED, HOSTILE):
        lines = transform(read_document(path).tree, driver).split("\n")
        pairs = [line.split() for line in lines if line]
        assert pairs and all(a == b for a, b in pairs), pairs


def test_document_metadata_for_the_index():
    doc: Document = read_document(CANONICAL)
    meta = doc.meta
    assert (doc.id, meta.when, meta.year, meta.type) == (
        "wilson-900001", "1958-03-03", "1958", "cable")
    assert meta.senders == ("Ministry of Foreign Affairs of Ruritania",)
    assert meta.recipients == ("Embassy in Freedonia",)
    assert meta.archive == "Ruritanian Foreign Ministry Archive"
    assert meta.languages == ("German",)
    assert "Strelna Strzelna" in doc.text and "meets. The maps are not in the file." in doc.text


def test_stylesheets_compile(tmp_path):
    """Every driver compiles, once per process; a stylesheet that does not compile is an
    error that says so (not an executable that fails later)."""
    from tei_edition.render import (
        FORMATS,
        StylesheetError,
        compile_stylesheet,
        format_stylesheet,
    )
    from tei_edition.site import index_stylesheet, source_stylesheet

    drivers = [format_stylesheet(name) for name in FORMATS]
    for path in [*drivers, index_stylesheet(), source_stylesheet()]:
        exe = compile_stylesheet(path)
        assert callable(exe.transform_to_string), path
        assert compile_stylesheet(path) is exe, path
    broken = tmp_path / "broken.xsl"
    broken.write_text('<xsl:stylesheet version="3.0" '
                      'xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
                      '<xsl:template match="/"><xsl:value-of select="1 +"/></xsl:template>'
                      '</xsl:stylesheet>')
    with pytest.raises(StylesheetError, match="does not compile"):
        compile_stylesheet(broken)


def test_no_xhtml_namespace_or_stray_prefixes(canonical):
    out = etree.tostring(canonical, encoding="unicode")
    assert "xmlns:" not in out and "tei:" not in out


@pytest.mark.parametrize("tei", [
    b'<TEI xmlns="http://www.tei-c.org/ns/1.0"/>',
    b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>x</p></body></text></TEI>',
    b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body><div><note>n</note>'
    b'<p>a<note place="end">b</note></p></div></body></text></TEI>',
])
def test_sparse_tei_renders_with_plain_defaults(tei, tmp_path):
    source = tmp_path / "sparse.xml"
    source.write_bytes(tei)
    doc = page(source, Edition())
    assert doc.find(".//h1").text == "Untitled document"
    # without an xml:id the document is named after its file: its page, its key
    assert doc.get_element_by_id("te-cite-bibtex").text_content().startswith("@misc{sparse,")


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_text_colours_have_enough_contrast():
    css = (resources.xslt_dir() / "html" / "assets" / "edition.css").read_text()
    colours = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6})", css))
    for name in ("fg", "muted", "accent", "supplied", "omitted", "physical"):
        for background in (colours["bg"], "#f1ece1", "#fff6d1"):  # page, hover, :target
            assert _contrast(colours[name], background) >= 4.5, (name, background)
    assert _contrast(colours["tip-fg"], colours["tip-bg"]) >= 4.5


def test_ledger_lists_what_common_ed_interventions_lists(tmp_path):
    """The ledger is read back from the rendered page; it must list exactly the elements
    of ed:interventions(), in order, each linked to its rendering."""
    driver = tmp_path / "ledger.xsl"
    driver.write_text(f"""<xsl:stylesheet version="3.0"
      xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:ed="urn:tei-edition:editorial"
      xmlns:te="urn:tei-edition:html" xmlns:tei="http://www.tei-c.org/ns/1.0">
      <xsl:import href="{(resources.xslt_dir() / 'html' / 'html.xsl').as_uri()}"/>
      <xsl:output method="text"/>
      <xsl:template match="/">
        <xsl:for-each select="ed:interventions(/)">
          <xsl:value-of select="(if (ed:is-footnote(.))
              then 'fnref-' || ed:footnote-position(.) else te:html-id(., ed:kind(.)))
              || ' ' || ed:explanation-of(., ed:kind(.)) || '&#10;'"/>
        </xsl:for-each>
      </xsl:template>
    </xsl:stylesheet>""")
    for path in (CANONICAL, NESTED, HOSTILE, FOREIGN):
        expected = [line for line in transform(read_document(path).tree, driver).split("\n")
                    if line]
        doc = page(path)
        rows = doc.xpath("//table[@class='ledger-table']/tbody/tr")
        got = [row[0].find("a").get("href")[1:] + " " + row[3].text_content() for row in rows]
        assert got == expected, path.name


def test_a_note_inside_a_note_gets_its_own_number(tmp_path):
    source = CANONICAL.read_text(encoding="utf-8")
    outer = ('<note type="translator" place="foot" n="1" resp="#translator">'
             'The maps are not in the file.')
    assert outer in source
    nested = tmp_path / "nested-note.xml"
    nested.write_text(source.replace(
        outer, outer + '<note type="editorial" place="foot" n="2">A note on the note.</note>'),
        encoding="utf-8")
    doc = page(nested)
    assert doc.xpath("//li[@role='doc-endnote']/@id") == ["fn-1", "fn-2"]
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids))
    assert "A note on the note." in text(doc.get_element_by_id("fn-2"))


def test_parameters_of_one_run_do_not_leak_into_the_next(tmp_path):
    """A compiled stylesheet is reused, its parameters are not: pages of two editions in
    turn each get their own, and a run without a parameter gets its default."""
    doc = read_document(CANONICAL)
    other = Edition(title="Another Edition")
    for edition in (EDITION, other, EDITION, other):
        title = html.document_fromstring(render_document(doc, edition)).find(".//title").text
        assert title.endswith("· " + edition.title)
    sheet = tmp_path / "p.xsl"
    sheet.write_text("""<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
      <xsl:output method="text"/><xsl:param name="x" select="'default'"/>
      <xsl:template match="/"><xsl:value-of select="$x"/></xsl:template></xsl:stylesheet>""")
    assert transform(doc.tree, sheet, {"x": "given"}) == "given"
    assert transform(doc.tree, sheet, {"x": "again"}) == "again"
    assert transform(doc.tree, sheet) == "default"
    assert transform(doc.tree, sheet, {"x": "given"}) == "given"


ODD_TEI = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="odd-choices">
  <teiHeader><fileDesc><titleStmt><title>Odd choices</title></titleStmt>
    <publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>
  </teiHeader>
  <text><body>
    <p xml:id="p1" xml:lang="de">Die <choice><reg>Grenze</reg><corr>Grenzlinie</corr></choice>
      am Fluss.</p>
    <p xml:id="p2">An empty <choice/> and <choice><corr>one</corr></choice>.</p>
  </body></text>
</TEI>"""


def test_a_choice_of_other_alternatives_and_a_paragraph_with_id_and_lang(tmp_path):
    """Two cases the encoder never writes, which failed before: a choice that holds no pair
    the edition knows (reg and corr) is shown by its first alternative and explained with
    all of them; a paragraph with both xml:id and xml:lang keeps its id, number and lang."""
    from tei_edition.render import format_stylesheet

    source = tmp_path / "odd.xml"
    source.write_text(ODD_TEI, encoding="utf-8")
    doc = html.document_fromstring(render_document(read_document(source), EDITION))
    p1 = doc.get_element_by_id("p1")
    assert (p1.get("lang"), p1.find("a").get("class")) == ("de", "pnum")
    choice = doc.get_element_by_id("ed-choice-1")
    assert text(choice.find("span[@class='ed-as']")) == "Grenze"
    assert text(choice.find("span[@class='ed-x']")) == "Alternative readings: Grenze; Grenzlinie."
    assert text(p1).startswith("1 Die Grenze")
    rows = [[text(td) for td in tr.findall("td")]
            for tr in doc.findall(".//table[@class='ledger-table']/tbody/tr")]
    assert rows[0] == ["¶ 1", "Alternatives", "Grenze",
                       "Alternative readings: Grenze; Grenzlinie."]
    assert rows[1][3] == "Alternative readings: none."
    assert rows[2][2:] == ["one", "Alternative readings: one."]
    # the print edition renders them too
    printed = transform(read_document(source).tree, format_stylesheet("print"))
    assert "Grenze" in printed and "Grenzlinie" in printed


def test_pages_rendered_from_threads_are_the_pages_rendered_one_by_one():
    """render.py's policy: one stylesheet run at a time in a process (its lock), so threads
    rendering the pages of two editions at once never mix their parameters (without the
    lock they do: a thread sets its parameters between another's and its run)."""
    import sys
    from concurrent.futures import ThreadPoolExecutor

    docs = [read_document(p) for p in (CANONICAL, NESTED, HOSTILE, FOREIGN)]
    editions = (EDITION, Edition(title="Another Edition", editors=("B. Other",)))
    jobs = [(doc, edition) for doc in docs for edition in editions] * 4
    expected = {(doc.id, edition.title): render_document(doc, edition)
                for doc in docs for edition in editions}
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns between any two calls into Saxon
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            pages = list(pool.map(lambda job: render_document(*job), jobs))
    finally:
        sys.setswitchinterval(interval)
    for (doc, edition), page_html in zip(jobs, pages, strict=True):
        assert page_html == expected[(doc.id, edition.title)], (doc.id, edition.title)

"""Hostile XML for the XML entry points: real TEI, mutated (issue 11).

Shared by tests/test_fuzz_xml.py (a few hundred examples in CI) and bench/fuzz/xml.py (a
long campaign). Every entry point that takes XML (the parser, the validator, the export,
the HTML page, the print HTML) must either succeed or raise a TeiEditionError: never any
other exception, and never a read of a file or URL that the document names.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st
from lxml import etree

from tei_edition.errors import TeiEditionError

REPO = Path(__file__).resolve().parent.parent
SEEDS = [REPO / "tests" / "fixtures" / "canonical.xml",
         *sorted((REPO / "tests" / "fixtures" / "html").glob("*.xml")),
         REPO / "xml" / "tei" / "letter-1957-06-30.xml"]
TEI = "http://www.tei-c.org/ns/1.0"

#: Well-formed pieces an attacker or a careless hand puts into the text of a TEI document.
WELL_FORMED = [
    '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd" parse="text"/>',
    '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="http://127.0.0.1:9/x"/>',
    '<?xml-stylesheet href="http://127.0.0.1:9/x.xsl"?>',
    '<h:script xmlns:h="http://www.w3.org/1999/xhtml">window.pwned=1</h:script>',
    '<h:img xmlns:h="http://www.w3.org/1999/xhtml" src="x" onerror="window.pwned=1"/>',
    '<ref target="javascript:alert(1)">x</ref>', '<graphic url="/etc/passwd"/>',
    "<![CDATA[<!-- ]]>", "<!-- -- x -->", "<!---->", "<?pi ?>", "&amp;", "&#x10FFFF;",
    "\ufeff", "\u202e", "\U0001f600", "\r\n", "\t", "&lt;script&gt;",
    "<hi>" * 40 + "deep" + "</hi>" * 40, "<note place=\"foot\">n</note>",
    "<note><note><note>n</note></note></note>", "<choice><sic>a</sic></choice>",
    "<choice><abbr>Mr</abbr><expan>Mister</expan></choice>", "<choice/>",
    "<gap reason=\"damage\"/>", "<gap/>", "<unclear cert=\"low\"/>",
    "<supplied reason=\"omitted-in-original\" cert=\"low\">x</supplied>",
    "<supplied><supplied>x</supplied></supplied>", "<del>gone</del>",
    "<add hand=\"#nobody\">a</add>",
    "<foo:bar xmlns:foo=\"urn:x\">other</foo:bar>", "<p xml:id=\"p1\">dup</p>",
    "<lb/>", "<pb n=\"3\"/>", "<list><item>i</item></list>", "<table><row><cell>c</cell>"
    "</row></table>", "<div><head>h</head></div>", "<date when=\"not-a-date\">d</date>",
    "<persName ref=\"#missing\">N</persName>", "<hi rend=\"x; background:url(http://x)\">s</hi>",
    "<hi style=\"position:fixed\">s</hi>", "<title/>", "<text/>",
]
#: Pieces that break the document or try what is refused.
BROKEN = [
    '<!DOCTYPE TEI [<!ENTITY % p SYSTEM "/dev/zero"> %p;]>',
    '<!DOCTYPE TEI SYSTEM "http://127.0.0.1:9/tei.dtd">', '<!ENTITY x "y">', "&x;", "&#0;",
    "&#x1;", "&#xD800;", "&#1114112;", "]]>", "<", ">", "&", "\x00", "<p>" * 300,
    '<add hand="#nobody">', "</p>", "<TEI/>",
]


@st.composite
def mutated_tei(draw: st.DrawFn) -> bytes:
    """A real TEI document with a few hostile edits, as bytes: mostly well-formed pieces put
    where the text is (the writers see them), sometimes damage (the parser sees it)."""
    data = draw(st.sampled_from(SEEDS)).read_bytes()
    text = data.decode("utf-8")
    body = text.find("<text")
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["text"] * 6 + ["broken", "delete", "duplicate", "prolog"]))
        pos = draw(st.integers(0, len(text)))
        if kind == "text":  # at an element boundary inside <text>
            at = text.find("<", max(pos, body + 1))
            piece = draw(st.one_of(st.sampled_from(WELL_FORMED),
                                   st.text(st.characters(blacklist_characters="<&",
                                                         blacklist_categories=["Cs", "Cc"]),
                                           max_size=30)))
            if at > 0:
                text = text[:at] + piece + text[at:]
        elif kind == "broken":
            text = text[:pos] + draw(st.sampled_from(BROKEN)) + text[pos:]
        elif kind == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 40)):]
        elif kind == "duplicate":
            end = min(len(text), pos + draw(st.integers(1, 400)))
            text = text[:end] + text[pos:end] + text[end:]
        else:
            text = draw(st.sampled_from(BROKEN[:2] + ["\ufeff", "  \n", "<!-- c -->"])) + text
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-16"]))
    if encoding == "utf-16":
        text = text.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    return text.encode(encoding, "surrogatepass")


def check_every_entry_point(data: bytes) -> None:
    """Run every XML entry point over ``data``; raise AssertionError on anything but
    success or a TeiEditionError."""
    from tei_edition.export import export_bytes
    from tei_edition.site import Document, render_document
    from tei_edition.tei import parse_bytes
    from tei_edition.validate import Validator

    try:
        tree = parse_bytes(data, "fuzz.xml")
    except TeiEditionError as exc:
        assert exc.location is not None and exc.location.file == "fuzz.xml"
        return
    report = Validator().check_bytes(data, "fuzz.xml")
    assert report.diagnostics or report.valid
    try:
        export_bytes(data, "fuzz.xml")
    except TeiEditionError:
        pass
    root = tree.getroot()
    if root.tag != f"{{{TEI}}}TEI":
        return
    from tei_edition.edition import Edition
    from tei_edition.metadata import read_metadata
    from tei_edition.pdf.documents import PrintDocument, document_section

    meta = read_metadata(tree, "fuzz")
    doc = Document(source=Path("fuzz.xml"), tree=tree, data=data, meta=meta)
    try:
        page = render_document(doc, Edition())
        etree.fromstring(page.encode("utf-8"), etree.XMLParser(resolve_entities=False))
    except TeiEditionError as exc:
        raise AssertionError(f"the page of a well-formed TEI failed: {exc}") from None
    try:
        document_section(PrintDocument(Path("fuzz.xml"), tree, meta, meta.id), 1, "E")
    except TeiEditionError as exc:
        raise AssertionError(f"the print HTML of a well-formed TEI failed: {exc}") from None

"""The TEI the site publishes (tei_edition/publish.py, site.py): the download is the
document's bytes in a zip, without the XML comments unless edition.toml keeps them; the
view page shows the same text, escaped; a rebuild removes the copies an older build wrote.
The browser side (nothing of the copy runs in Chromium) is in
tests/browser/test_tei_copy_browser.py."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SHARED
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree, html

from tei_edition.cli import cli
from tei_edition.edition import Edition, load_edition
from tei_edition.errors import InputError
from tei_edition.publish import ZIP_TIME, comment_spans, decode, published_copy, zip_copy
from tei_edition.resources import sample_edition_dir
from tei_edition.site import MARKER, build_site, read_document
from tei_edition.tei import parse_bytes

FIXTURES = Path(__file__).parent / "fixtures"
HOSTILE = FIXTURES / "html" / "hostile.xml"
CANONICAL = FIXTURES / "canonical.xml"
SHARED_TEI = SHARED / "samples" / "tei"
FRUS = SHARED_TEI / "frus1894Nicaragua.xml"


def real_tei() -> list[Path]:
    """Every TEI file of the sample edition and of ../shared/samples/tei."""
    files = sorted((sample_edition_dir() / "tei").glob("*.xml"))
    if SHARED_TEI.is_dir():
        files += sorted(SHARED_TEI.rglob("*.xml"))
    return files


def c14n(data: bytes, with_comments: bool) -> bytes:
    tree = parse_bytes(data)
    return etree.tostring(tree, method="c14n", with_comments=with_comments)


def comments_of(data: bytes) -> list[str]:
    return [c.text for c in parse_bytes(data).iter(etree.Comment)] + \
           [c.text for c in parse_bytes(data).getroot().itersiblings(etree.Comment)] + \
           [c.text for c in parse_bytes(data).getroot().itersiblings(etree.Comment,
                                                                      preceding=True)]


# ---------------------------------------------------------------------------------------
# The cut
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", real_tei(), ids=lambda p: p.name)
def test_the_cut_agrees_with_lxml_on_real_tei(path: Path) -> None:
    data = path.read_bytes()
    copy = published_copy(data, keep_comments=False, source=str(path))
    assert c14n(copy.data, with_comments=True) == c14n(data, with_comments=False)
    assert comments_of(copy.data) == []
    assert copy.comments_dropped == len(comments_of(data))
    # every other byte is kept: the copy is the source with its comments' bytes taken out
    rest = data
    for comment in comments_of(data):
        rest = rest.replace(f"<!--{comment}-->".encode(), b"", 1)
    assert copy.data == rest
    assert published_copy(data, keep_comments=True).data == data


def test_the_real_samples_hold_comments_and_other_namespaces() -> None:
    """The parametrised test above is not vacuous: the samples have comments to cut, a byte
    order mark, processing instructions and namespaces other than TEI's."""
    files = real_tei()
    if not SHARED_TEI.is_dir():
        pytest.skip(f"{SHARED_TEI} is absent")
    assert sum(published_copy(p.read_bytes(), False).comments_dropped for p in files) >= 8
    frus = FRUS.read_bytes()
    assert frus.startswith(b"\xef\xbb\xbf") and b"xmlns:frus=" in frus
    assert published_copy(frus, False).data.startswith(b"\xef\xbb\xbf<?xml")


def test_comment_in_cdata_and_processing_instructions_are_kept() -> None:
    doc = ('<?xml version="1.0"?>\n<!-- top -->\n<a><!--x--><![CDATA[<!-- kept --> ]]>'
           '<?pi <!-- kept --> a -- b -> ?><b c="-->"/><!-- a - b --></a>\n<!--tail-->\n')
    copy = published_copy(doc.encode(), keep_comments=False)
    assert copy.data.decode() == ('<?xml version="1.0"?>\n\n<a><![CDATA[<!-- kept --> ]]>'
                                  '<?pi <!-- kept --> a -- b -> ?><b c="-->"/></a>\n\n')
    assert copy.comments_dropped == 4
    assert copy.text == copy.data.decode()


@pytest.mark.parametrize("codec,bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                       ("utf-16-le", b""), ("utf-16-be", b""),
                                       ("utf-8", b"\xef\xbb\xbf"), ("utf-8", b""),
                                       ("utf-32-le", b"\xff\xfe\x00\x00")])
def test_utf16_and_other_encodings_are_cut_and_written_back_as_they_were(codec, bom) -> None:
    enc = "UTF-16" if "16" in codec else "UTF-32" if "32" in codec else "UTF-8"
    text = (f'<?xml version="1.0" encoding="{enc}"?><TEI xmlns="http://www.tei-c.org/ns/1.0">'
            '<p>Grenze 中文 𝔊<!-- zwischen uns --></p><?pi <!-- ?></TEI>')
    data = bom + text.encode(codec)
    copy = published_copy(data, keep_comments=False)
    assert copy.data == bom + text.replace("<!-- zwischen uns -->", "").encode(codec)
    assert copy.text == text.replace("<!-- zwischen uns -->", "")
    if codec != "utf-32-le":  # libxml2 reads UTF-32 only with a declaration it trusts
        assert c14n(copy.data, True) == c14n(data, False)


def test_a_latin1_document_keeps_its_bytes() -> None:
    data = '<?xml version="1.0" encoding="ISO-8859-1"?><a>Zürich<!-- ß --></a>'.encode("latin-1")
    assert published_copy(data, False).data == '<?xml version="1.0" encoding="ISO-8859-1"?>' \
                                              '<a>Zürich</a>'.encode("latin-1")


def test_encodings_that_cannot_be_cut_exactly_are_refused() -> None:
    with pytest.raises(InputError) as info:
        published_copy(b'<?xml version="1.0" encoding="x-martian"?><a/>', False, "m.xml")
    assert str(info.value) == "m.xml:1: the document's encoding 'x-martian' is not one " \
                              "tei-edition can read"
    # UTF-7 reads "+AGE-" as "a" and writes "a" back: not the same bytes
    with pytest.raises(InputError) as info:
        decode(b'<?xml version="1.0" encoding="UTF-7"?><a>+AGE-</a>', "s.xml")
    assert "does not give back the same bytes" in str(info.value)
    with pytest.raises(InputError) as info:
        published_copy(b"<a>\n\xff</a>", False, "bad.xml")
    assert str(info.value).startswith("bad.xml:2: the document is not utf-8")


def test_what_a_well_formed_document_cannot_hold_is_refused_with_its_line() -> None:
    with pytest.raises(InputError) as info:
        comment_spans("<a>\n<!-- open </a>", "x.xml")
    assert str(info.value) == "x.xml:2: '<!--' is never closed"
    with pytest.raises(InputError) as info:
        comment_spans('<!DOCTYPE a [<!ENTITY e "<!-- -->">]><a/>', "d.xml")
    assert "DOCTYPE" in str(info.value) and str(info.value).startswith("d.xml:1:")


# Pieces of a document and what the cut keeps of each. A comment holds anything but "--"
# (and does not end in "-"); CDATA sections and processing instructions hold "<!--" and "-->".
_chars = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn"))
                 | st.sampled_from("\n\t-<>!?[]"), max_size=12)


def _without(s: str, bad: str) -> str:
    while bad in s:
        s = s.replace(bad, "")
    return s


def _escaped(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


_comment = _chars.map(lambda s: _without(s, "--").rstrip("-")).map(lambda s: (f"<!--{s}-->", ""))
_cdata = st.tuples(_chars, _chars).map(
    lambda p: (f"<![CDATA[{_without(p[0], ']]>')}<!--{_without(p[1], ']]>')}-->]]>",) * 2)
_pi = st.tuples(st.sampled_from(["pi", "x-y", "tei"]), _chars).map(
    lambda p: (f"<?{p[0]} <!-- {_without(p[1], '?>')} -->?>",) * 2)
_text = _chars.map(lambda s: (_escaped(s),) * 2)
_attr = _chars.map(lambda s: (f'<e a="{_escaped(s)}"/>',) * 2)


@st.composite
def documents(draw) -> tuple[str, str]:
    parts = draw(st.lists(st.one_of(_comment, _cdata, _pi, _text, _attr), max_size=12))
    before = draw(st.lists(st.one_of(_comment, _pi), max_size=3))
    after = draw(st.lists(st.one_of(_comment, _pi), max_size=3))
    whole = [("<?xml version='1.0'?>\n", "<?xml version='1.0'?>\n"), *before,
             ("<TEI xmlns='http://www.tei-c.org/ns/1.0'>", "<TEI xmlns='http://www.tei-c.org/ns/1.0'>"),
             *parts, ("</TEI>", "</TEI>"), *after]
    return "".join(p[0] for p in whole), "".join(p[1] for p in whole)


@settings(max_examples=200, deadline=None)
@given(documents(), st.sampled_from(["utf-8", "utf-16"]))
def test_the_cut_keeps_every_byte_but_the_comments(doc: tuple[str, str], codec: str) -> None:
    source, expected = doc
    if codec == "utf-16":
        source = source.replace("<?xml version='1.0'?>", "<?xml version='1.0' encoding='UTF-16'?>")
        expected = expected.replace("<?xml version='1.0'?>",
                                    "<?xml version='1.0' encoding='UTF-16'?>")
    data = source.encode(codec)  # "utf-16" writes a byte order mark
    copy = published_copy(data, keep_comments=False)
    assert copy.data == expected.encode(codec)
    assert copy.text == expected
    assert c14n(copy.data, with_comments=True) == c14n(data, with_comments=False)
    assert published_copy(data, keep_comments=True).data == data


# ---------------------------------------------------------------------------------------
# The names and the zip
# ---------------------------------------------------------------------------------------


def test_names_of_the_download_and_the_view_page() -> None:
    doc = read_document(CANONICAL)
    assert (doc.page, doc.download, doc.source_view) == (
        "documents/wilson-900001.html", "tei/wilson-900001.zip", "source/wilson-900001.html")


def test_a_document_named_like_a_view_page_does_not_collide(tmp_path: Path) -> None:
    """An id may hold dots: "a.source" has documents/a.source.html; the view page of "a"
    lives in source/, so the two never share a name."""
    text = CANONICAL.read_text(encoding="utf-8")
    for doc_id in ("a", "a.source"):
        (tmp_path / f"{doc_id}.xml").write_text(text.replace('xml:id="wilson-900001"',
                                                             f'xml:id="{doc_id}"'))
    site = build_site([tmp_path / "a.xml", tmp_path / "a.source.xml"], tmp_path / "out",
                      Edition())
    assert {"documents/a.html", "documents/a.source.html", "source/a.html",
            "source/a.source.html", "tei/a.zip", "tei/a.source.zip"} <= set(site.files)


def test_the_zip_holds_one_file_and_is_the_same_for_the_same_input() -> None:
    data = HOSTILE.read_bytes()
    first = zip_copy("hostile-1.xml", data)
    assert zip_copy("hostile-1.xml", data) == first
    assert zip_copy("hostile-1.xml", data + b" ") != first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        [info] = archive.infolist()
        assert (info.filename, info.date_time, info.external_attr >> 16) == (
            "hostile-1.xml", ZIP_TIME, 0o644)
        assert info.compress_type == zipfile.ZIP_DEFLATED
        assert archive.read(info) == data
    assert first[:4] == b"PK\x03\x04"  # what makes every browser download it


# ---------------------------------------------------------------------------------------
# The site
# ---------------------------------------------------------------------------------------


def unzip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def edition_folder(root: Path, extra: str = "") -> Path:
    (root / "edition.toml").write_text(f'title = "Copies"\n{extra}', encoding="utf-8")
    tei = root / "tei"
    tei.mkdir()
    for src in [HOSTILE, CANONICAL, *([FRUS] if FRUS.is_file() else [])]:
        shutil.copy(src, tei / src.name)
    return tei


def test_the_site_publishes_the_source_without_its_comments(tmp_path: Path) -> None:
    tei = edition_folder(tmp_path)
    result = CliRunner().invoke(cli, ["html", str(tei), "--out-dir", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    site = tmp_path / "site"
    source = HOSTILE.read_bytes()
    expected = source.replace(
        b"<!-- A document that tries to run code in the edition's pages: every attempt must "
        b"render inert. -->", b"").replace(b"<!-- <script>alert('comment')</script> -->", b"")
    assert len(expected) < len(source)
    assert unzip(site / "tei" / "hostile-1.zip") == {"hostile-1.xml": expected}
    assert unzip(site / "tei" / "wilson-900001.zip") == {
        "wilson-900001.xml": CANONICAL.read_bytes()}  # no comments: as it is
    if FRUS.is_file():
        [frus_zip] = [p for p in (site / "tei").glob("*.zip") if p.stem not in
                      ("hostile-1", "wilson-900001")]
        [(name, data)] = unzip(frus_zip).items()
        assert name == frus_zip.stem + ".xml" and data == FRUS.read_bytes()
    assert not list(site.rglob("*.xml")) and not list(site.rglob("*.tei"))

    # the view page: the copy's text, escaped, under the site's chrome and CSP, no script
    page = html.parse(str(site / "source" / "hostile-1.html")).getroot()
    pre = page.find(".//pre[@class='tei-source']")
    assert pre.text_content() == expected.decode("utf-8")
    assert "<h:script>alert('xhtml script')</h:script>" in pre.text_content()
    assert page.xpath("//script | //h:script | //iframe | //img",
                      namespaces={"h": "http://www.w3.org/1999/xhtml"}) == []
    assert "default-src 'none'" in page.xpath(
        "//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert page.find(".//header[@class='site-header']") is not None
    assert page.find(".//footer[@class='site-footer']") is not None
    assert page.xpath("//a[@class='download']/@href") == ["../tei/hostile-1.zip"]
    assert page.xpath("//h1/a/@href") == ["../documents/hostile-1.html"]
    assert "comments are left out" in page.find(".//p[@class='source-note']").text_content()
    raw = (site / "source" / "hostile-1.html").read_text(encoding="utf-8")
    assert "&lt;h:script&gt;alert('xhtml script')&lt;/h:script&gt;" in raw
    assert "comment')" not in raw  # the cut comment is not on the page either
    canonical_view = html.parse(str(site / "source" / "wilson-900001.html")).getroot()
    assert canonical_view.find(".//p[@class='source-note']") is None

    # the document page links both
    doc_page = html.parse(str(site / "documents" / "hostile-1.html")).getroot()
    assert doc_page.xpath("//a[@class='download']/@href") == ["../tei/hostile-1.zip"]
    assert doc_page.xpath("//a[@class='source']/@href") == ["../source/hostile-1.html"]


def test_publish_comments_keeps_the_source_byte_for_byte(tmp_path: Path) -> None:
    tei = edition_folder(tmp_path, "publish_comments = true\n")
    assert load_edition(tmp_path).publish_comments is True
    result = CliRunner().invoke(cli, ["html", str(tei), "--out-dir", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    site = tmp_path / "site"
    assert unzip(site / "tei" / "hostile-1.zip") == {"hostile-1.xml": HOSTILE.read_bytes()}
    page = html.parse(str(site / "source" / "hostile-1.html")).getroot()
    assert page.find(".//pre").text_content() == HOSTILE.read_text(encoding="utf-8")
    assert page.find(".//p[@class='source-note']") is None


def test_publish_comments_must_be_a_boolean(tmp_path: Path) -> None:
    assert Edition().publish_comments is False
    (tmp_path / "edition.toml").write_text('title = "T"\n')
    assert load_edition(tmp_path).publish_comments is False
    (tmp_path / "edition.toml").write_text('publish_comments = "yes"\n')
    with pytest.raises(InputError) as info:
        load_edition(tmp_path)
    assert str(info.value).endswith("'publish_comments' must be true or false")
    result = CliRunner().invoke(cli, ["html", str(HOSTILE), "--out-dir", str(tmp_path / "o"),
                                      "--edition", str(tmp_path / "edition.toml")])
    assert result.exit_code == 1
    assert "'publish_comments' must be true or false" in result.output
    assert not (tmp_path / "o").exists()


def test_a_rebuild_over_an_old_site_removes_the_old_xml_copies(tmp_path: Path) -> None:
    """A site of the version that copied tei/ID.xml: its marker lists them, and the next
    build removes them (and the marker lists what it wrote instead)."""
    out = tmp_path / "site"
    build_site([CANONICAL], out, Edition())
    marker = json.loads((out / MARKER).read_text())
    assert {"tei/wilson-900001.zip", "source/wilson-900001.html"} <= set(marker["files"])
    (out / "tei" / "wilson-900001.xml").write_bytes(CANONICAL.read_bytes())
    marker["files"] = sorted({*marker["files"], "tei/wilson-900001.xml"}
                             - {"tei/wilson-900001.zip", "source/wilson-900001.html"})
    (out / MARKER).write_text(json.dumps(marker))
    (out / "source" / "wilson-900001.html").unlink()
    (out / "tei" / "wilson-900001.zip").unlink()
    (out / "source").rmdir()

    build_site([CANONICAL], out, Edition())
    assert not (out / "tei" / "wilson-900001.xml").exists()
    assert sorted(p.name for p in (out / "tei").iterdir()) == ["wilson-900001.zip"]
    assert (out / "source" / "wilson-900001.html").is_file()
    assert "tei/wilson-900001.xml" not in json.loads((out / MARKER).read_text())["files"]


def test_a_document_that_cannot_be_published_leaves_the_site_as_it_was(tmp_path: Path,
                                                                        monkeypatch) -> None:
    out = tmp_path / "site"
    build_site([CANONICAL], out, Edition())
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    import tei_edition.site as site_module

    def refuse(data: bytes, keep: bool, source: str):
        raise InputError("the document's encoding 'x' is not one tei-edition can read")

    monkeypatch.setattr(site_module, "published_copy", refuse)
    with pytest.raises(InputError):
        build_site([CANONICAL, HOSTILE], out, Edition())
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before

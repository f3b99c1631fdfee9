"""The HTML edition as a site (tei_edition.site and `tei-edition html`): what is written,
that every internal link resolves, the index page and its search index, and how an existing
output folder is treated."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner
from lxml import html

from tei_edition.cli import cli
from tei_edition.edition import Edition
from tei_edition.errors import InputError, OutputExistsError, XMLSyntaxProblem
from tei_edition.site import MARKER, build_site, fold
from tei_edition.site_index import index_files

FIXTURES = Path(__file__).parent / "fixtures"
DOCS = [FIXTURES / "canonical.xml", FIXTURES / "html" / "nested.xml",
        FIXTURES / "html" / "foreign-tei.xml", FIXTURES / "html" / "hostile.xml"]

EDITION_TOML = """title = "Border Cables, 1958-1960"
editors = ["A. Editor", "B. Editor"]
publisher = "Example Library"
licence = "CC BY 4.0"
licence_url = "https://creativecommons.org/licenses/by/4.0/"
"""


def broken_links(site: Path) -> list[str]:
    """Every href and src of every page that does not lead to a file of the site (and, with
    a fragment, to an element with that id)."""
    problems: list[str] = []
    ids: dict[Path, set[str]] = {}

    def ids_of(page: Path) -> set[str]:
        if page not in ids:
            ids[page] = set(html.parse(str(page)).getroot().xpath("//@id"))
        return ids[page]

    for page in sorted(site.rglob("*.html")):
        doc = html.parse(str(page)).getroot()
        for el, attr in [(el, a) for el in doc.iter() if isinstance(el.tag, str)
                         for a in ("href", "src") if el.get(a) is not None]:
            value = el.get(attr)
            parts = urlsplit(value)
            if parts.scheme in ("http", "https", "mailto"):
                continue
            assert not parts.scheme, f"{page}: {value}"
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.is_file() or site.resolve() not in target.parents:
                problems.append(f"{page.relative_to(site)}: {value} (no such file)")
            elif parts.fragment and target.suffix == ".html" \
                    and parts.fragment not in ids_of(target):
                problems.append(f"{page.relative_to(site)}: {value} (no such id)")
    return problems


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("edition")
    (root / "edition.toml").write_text(EDITION_TOML)
    tei_dir = root / "tei"
    tei_dir.mkdir()
    for doc in DOCS:
        shutil.copy(doc, tei_dir / doc.name)
    out = root / "site"
    result = CliRunner().invoke(cli, ["html", str(tei_dir), "--out-dir", str(out)])
    assert result.exit_code == 0, result.output
    assert "4 documents" in result.output
    return out


def test_site_layout(site):
    names = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    search = [n for n in names if n.startswith("assets/search/")]
    assert [n for n in names if n not in search] == [
        ".tei-edition-site.json", "assets/edition.css", "assets/edition.js", "assets/index.js",
        "documents/hostile-1.html", "documents/nested-1.html",
        "documents/other-tei.html", "documents/wilson-900001.html", "index.html",
        "index/1958-1.html", "index/1960-1.html", "index/undated-1.html",
        "source/hostile-1.html", "source/nested-1.html", "source/other-tei.html",
        "source/wilson-900001.html",
        "tei/hostile-1.zip", "tei/nested-1.zip", "tei/other-tei.zip", "tei/wilson-900001.zip"]
    assert {"assets/search/catalogue.js", "assets/search/d-0.js", "assets/search/f-sender.js",
            "assets/search/f-recipient.js", "assets/search/order-title.js",
            "assets/search/t-7374.js"} <= set(search)  # t-7374: the terms in "st"
    assert all(n.startswith("assets/search/t-") for n in search
               if n.split("/")[-1][:2] not in ("ca", "d-", "f-", "or"))
    mode = stat.S_IMODE((site / "index.html").stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask, "pages are readable as the umask allows, not 0600"


def test_every_internal_link_resolves(site):
    assert broken_links(site) == []


def test_nothing_is_fetched_from_elsewhere(site):
    for page in site.rglob("*.html"):
        doc = html.parse(str(page)).getroot()
        for value in doc.xpath("//script/@src | //link/@href | //img/@src"):
            assert not urlsplit(value).scheme, (page, value)
    for asset in (site / "assets").glob("*.css"):
        assert "url(" not in asset.read_text() and "@import" not in asset.read_text()
    for name in ("edition.js", "index.js"):
        text = (site / "assets" / name).read_text()
        assert "fetch(" not in text and "XMLHttpRequest" not in text and "http" not in text


def _index_titles(page: Path) -> list[str]:
    doc = html.parse(str(page)).getroot()
    return [" ".join(a.text_content().split())
            for a in doc.xpath("//ol[@class='documents']//h3/a")]


def test_index_lists_documents_in_date_order(site):
    doc = html.parse(str(site / "index.html")).getroot()
    assert doc.find(".//h1").text == "Border Cables, 1958-1960"
    assert doc.xpath("//nav[@class='years']//a/@href") == [
        "index/1958-1.html", "index/1960-1.html", "index/undated-1.html"]
    # index.html shows the first year's first page; the years follow on their pages
    # a small edition: index.html lists every document, in date order, the year pages theirs
    assert _index_titles(site / "index.html") == [
        t for page in sorted((site / "index").glob("*.html"), key=lambda p: p.name.startswith(
            "undated")) for t in _index_titles(page)]
    titles = [t for year in ("1958", "1960", "undated")
              for t in _index_titles(site / "index" / f"{year}-1.html")]
    assert titles[0].startswith("'Cable from the Ministry")  # 1958
    assert titles[1].startswith("Cable </title><script>")  # 1960
    assert set(titles[2:]) == {"Nested brackets", "A Scene and a Song"}  # undated: last
    first = doc.xpath("//ol[@class='documents']/li")[0]
    meta = " ".join(first.find(".//p[@class='doc-meta']").text_content().split())
    assert meta == ("March 3, 1958 · Cable · Ministry of Foreign Affairs of Ruritania to "
                    "Embassy in Freedonia · Ruritanian Foreign Ministry Archive")
    assert "border commission" in first.find(".//p[@class='doc-summary']").text_content()
    filters = {s.get("data-filter"): [o.get("value") for o in s.findall("option")]
               for s in doc.xpath("//select[@data-filter]")}
    assert filters["year"] == ["", "1958", "1960", "undated"]
    assert filters["type"] == ["", "cable", 'cable" onclick="alert(1)', "note"]
    assert filters["language"] == ["", "German"]
    assert filters["archive"] == ["", "Ruritanian Foreign Ministry Archive"]
    # the names of senders and recipients are loaded when their filter is used
    assert filters["recipient"] == [""]
    assert doc.xpath("//select[@data-filter='recipient']/@data-load") == ["f-recipient"]
    assert doc.xpath("//script/@src") == ["assets/index.js"]


def _search_data(site: Path, name: str) -> object:
    text = (site / "assets" / "search" / f"{name}.js").read_text()
    prefix = f'window.teEditionSearch("{name}",'
    assert text.startswith(prefix) and "</script>" not in text and "<" not in text
    return json.loads(text[len(prefix):].rstrip().removesuffix(");"))


def test_search_index_is_a_script_with_every_word(site):
    catalogue = _search_data(site, "catalogue")
    assert catalogue["docs"] == 4 and "st" in catalogue["shards"]
    block = _search_data(site, "d-0")
    assert [d[0] for d in block][:2] == ["documents/wilson-900001.html",
                                         "documents/hostile-1.html"]
    assert block[0][5] == ["Ministry of Foreign Affairs of Ruritania"]  # the senders
    # postings are 4 * document + count - 1 (counts above 4 as 4)
    assert _search_data(site, "t-" + b"st".hex())["strzelna"] == [0]
    assert _search_data(site, "t-" + b"ma".hex())["maps"][0] == 3  # document 0, 6 times
    senders = _search_data(site, "f-sender")
    assert "Ministry of Foreign Affairs of Ruritania" in senders["values"]


def test_search_folding_drops_marks_and_case():
    """The Python side of the folding; tests/browser/test_search_folding_browser.py runs
    index.js's own folding against it in Chromium."""
    assert fold("Sándor ÉTRE Ǆ") == "sandor etre dz"
    assert fold("كَتَبَ שָׁלוֹם Ёлка ﬁ") == "كتب שלום елка fi"
    files = index_files([], [], Edition())
    assert not [p for p in files if p.startswith("assets/search/t-")]


def test_edition_title_reaches_every_page(site):
    for page in (site / "documents").glob("*.html"):
        doc = html.parse(str(page)).getroot()
        assert doc.find(".//p[@class='site-title']/a").text == "Border Cables, 1958-1960"
        assert doc.xpath("//a[@rel='license']/@href") == [
            "https://creativecommons.org/licenses/by/4.0/"]


def test_refuses_a_folder_that_is_not_a_site(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    with pytest.raises(OutputExistsError) as info:
        build_site(DOCS[:1], out, Edition())
    assert "--force" in str(info.value)
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    result = CliRunner().invoke(cli, ["html", str(DOCS[0]), "--out-dir", str(out)])
    assert result.exit_code == 1
    assert "--force" in result.output
    result = CliRunner().invoke(cli, ["html", str(DOCS[0]), "--out-dir", str(out), "--force"])
    assert result.exit_code == 0, result.output
    assert (out / "notes.txt").read_text() == "mine" and (out / "index.html").is_file()


def test_rebuild_replaces_a_previous_site_and_drops_stale_pages(tmp_path):
    out = tmp_path / "site"
    build_site(DOCS[:2], out, Edition())
    assert (out / "documents" / "nested-1.html").is_file()
    (out / ".htaccess").write_text("kept")
    build_site(DOCS[:1], out, Edition(title="Second"))
    assert not (out / "documents" / "nested-1.html").exists()
    assert not (out / "tei" / "nested-1.zip").exists()
    assert not (out / "source" / "nested-1.html").exists()
    assert (out / ".htaccess").read_text() == "kept"
    assert "Second" in (out / "index.html").read_text()
    marker = json.loads((out / MARKER).read_text())
    assert "documents/wilson-900001.html" in marker["files"]
    assert not [p for p in out.rglob("*.tmp")]


def test_a_failing_document_leaves_the_site_as_it_was(tmp_path):
    out = tmp_path / "site"
    build_site(DOCS[:1], out, Edition())
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    bad = tmp_path / "bad.xml"
    bad.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><text>")
    with pytest.raises(XMLSyntaxProblem):
        build_site([DOCS[1], bad], out, Edition())
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_input_errors(tmp_path):
    with pytest.raises(InputError):
        build_site([tmp_path / "missing.xml"], tmp_path / "out", Edition())
    other = tmp_path / "other.xml"
    other.write_text("<root/>")
    with pytest.raises(InputError) as info:
        build_site([other], tmp_path / "out", Edition())
    assert info.value.code == "not-tei"
    assert info.value.message.startswith("not a TEI document: the root element is <root> in no "
                                         "namespace")
    copy = tmp_path / "copy.xml"
    shutil.copy(DOCS[0], copy)
    with pytest.raises(InputError) as info:
        build_site([DOCS[0], copy], tmp_path / "out", Edition())
    assert "wilson-900001" in str(info.value)
    result = CliRunner().invoke(cli, ["html", str(other), "--out-dir", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert result.output.startswith(f"{other}:1: error [not-tei] not a TEI document")
    result = CliRunner().invoke(cli, ["html", str(DOCS[0])])
    assert result.exit_code == 2


def test_explicit_edition_file(tmp_path):
    toml = tmp_path / "other.toml"
    toml.write_text('title = "Another Edition"\n')
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["html", str(DOCS[0]), "--out-dir", str(out),
                                      "--edition", str(toml)])
    assert result.exit_code == 0, result.output
    assert "Another Edition" in (out / "documents" / "wilson-900001.html").read_text()


def test_sample_edition_site_links_resolve(tmp_path):
    from tei_edition.edition import find_edition
    from tei_edition.resources import sample_edition_dir

    tei_dir = sample_edition_dir() / "tei"
    if not any(tei_dir.glob("*.xml")):
        pytest.skip("the sample edition has no TEI yet")
    site = build_site([tei_dir], tmp_path / "site", find_edition(tei_dir) or Edition())
    assert len(site.documents) == len(list(tei_dir.glob("*.xml")))
    assert broken_links(tmp_path / "site") == []
    index = (tmp_path / "site" / "index.html").read_text()
    assert "Border Commission Papers" in index

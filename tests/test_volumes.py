"""Files of many documents (tei_edition/volumes.py): a page per document in the site, with
the volume's own page (front matter, contents) and the front and back matter's divs as pages
of their own; links between them resolve; in print, one volume with the documents in order.

Fixtures: tests/fixtures/volumes/letters.xml (a TEI of three div type="letter", a preface,
a list of persons, links between them), corpus.xml (a teiCorpus of two TEI); and the FRUS
volume of ../shared/samples/tei.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tei_edition.cli import cli
from tei_edition.edition import Edition
from tei_edition.errors import InputError
from tei_edition.site import build_site, read_documents, site_outputs
from tests.conftest import REPO, SHARED, need_shared

VOLUMES = REPO / "tests" / "fixtures" / "volumes"
LETTERS = VOLUMES / "letters.xml"
CORPUS = VOLUMES / "corpus.xml"
FRUS = SHARED / "samples" / "tei" / "frus1894Nicaragua.xml"


def page(site: Path, name: str) -> etree._Element:
    return etree.fromstring((site / "documents" / f"{name}.html").read_bytes())


def hrefs(root: etree._Element, where: str = "//*[local-name()='main']") -> list[str]:
    return [str(h) for h in root.xpath(f"{where}//*[local-name()='a']/@href")]


def main_text(root: etree._Element) -> str:
    return " ".join("".join(root.xpath("//*[local-name()='main']//text()")).split())


@pytest.fixture(scope="module")
def letters_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("letters") / "site"
    result = CliRunner().invoke(cli, ["html", str(LETTERS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "6 documents" in result.output
    return out


def test_a_file_of_letters_gives_a_page_per_document(letters_site: Path) -> None:
    pages = sorted(p.stem for p in (letters_site / "documents").glob("*.html"))
    assert pages == ["l1", "l2", "l3", "letters-1894", "persons", "preface"]
    # one TEI copy, the file's, which every page of the volume offers
    assert sorted(p.name for p in (letters_site / "tei").iterdir()) == ["letters-1894.zip"]
    assert sorted(p.name for p in (letters_site / "source").iterdir()) == ["letters-1894.html"]
    l2 = page(letters_site, "l2")
    assert "../tei/letters-1894.zip" in hrefs(l2)
    # the document's id is its page's anchor; its heading is its title
    assert l2.xpath("//*[local-name()='article']/@id") == ["l2"]
    assert l2.xpath("string(//*[local-name()='h1'])") == "No. 2. Mr. Gresham to Mr. Baker."
    assert l2.xpath("string(//*[local-name()='title'])").startswith("No. 2. Mr. Gresham")
    text = main_text(l2)
    assert "The Kearsarge sails to-day" in text
    assert "Appeal for a man-of-war" not in text  # the other letters are on their pages


def test_links_between_documents_resolve(letters_site: Path) -> None:
    l2 = hrefs(page(letters_site, "l2"))
    assert "l1.html#l1" in l2 and "l1.html#l1p1" in l2  # to another page
    assert "#l2p1" in l2  # on this page
    assert "l2.html#l2p1" in hrefs(page(letters_site, "preface"))
    assert "persons.html#persons" in hrefs(page(letters_site, "l3"))
    # and every link between pages lands on a page that has the anchor
    for name in ("l1", "l2", "l3", "preface", "letters-1894"):
        for href in hrefs(page(letters_site, name)):
            m = re.fullmatch(r"([\w.-]+)\.html#(.+)", href)
            if m:
                target = page(letters_site, m.group(1))
                assert target.xpath("//*[@id=$i]", i=m.group(2)), f"{name}: {href}"


def test_the_volume_page_has_the_front_matter_and_contents(letters_site: Path) -> None:
    volume = page(letters_site, "letters-1894")
    text = main_text(volume)
    assert "Letters from Bluefields" in text and "Affairs at Bluefields" in text
    links = hrefs(volume)
    for name in ("preface", "l1", "l2", "l3", "persons"):
        assert f"{name}.html#{name}" in links
    assert "Appeal for a man-of-war" not in text
    # the page break before a letter goes with it: its page starts the letter
    assert "pg2" not in (letters_site / "documents" / "letters-1894.html").read_text()


def test_volume_navigation(letters_site: Path) -> None:
    nav = "//*[local-name()='nav'][@class='volume-nav']"
    l2 = page(letters_site, "l2")
    assert hrefs(l2, nav) == ["l1.html", "letters-1894.html", "l3.html"]
    assert hrefs(page(letters_site, "letters-1894"), nav) == ["preface.html"]
    assert hrefs(page(letters_site, "persons"), nav) == ["l3.html", "letters-1894.html"]


def test_the_index_lists_each_document(letters_site: Path) -> None:
    index = "".join(p.read_text() for p in (letters_site / "index").glob("*.html"))
    for name in ("l1", "l2", "l3", "preface", "persons", "letters-1894"):
        assert f'href="../documents/{name}.html"' in index
    search = (letters_site / "assets" / "search" / "d-0.js").read_text()
    assert '"documents/l2.html"' in search and '"1894-01-26"' in search


def test_a_tei_corpus_gives_a_page_per_tei(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = build_site([CORPUS], out, Edition())
    assert [d.id for d in result.documents] == ["minutes-a", "minutes-b", "corpus"]
    a = page(out, "minutes-a")
    assert a.xpath("string(//*[local-name()='h1'])") == "Minutes of the first meeting"
    assert "minutes-b.html#b1" in hrefs(a)
    assert "The committee met again" not in main_text(a)
    corpus = page(out, "corpus")
    assert {"minutes-a.html#minutes-a", "minutes-b.html#minutes-b"} <= set(hrefs(corpus))


def test_two_volumes_with_the_same_document_id_are_refused(tmp_path: Path) -> None:
    twin = tmp_path / "twin.xml"
    twin.write_bytes(LETTERS.read_bytes().replace(b'xml:id="letters-1894"', b""))
    with pytest.raises(InputError, match="two documents have the id 'preface'") as info:
        read_documents([LETTERS, twin])
    assert info.value.code == "duplicate-id"


def test_a_frus_volume_gives_a_page_per_document() -> None:
    need_shared(FRUS)
    docs = read_documents([FRUS])
    outputs = site_outputs(docs, Edition())
    pages = [n for n in outputs if n.startswith("documents/")]
    ids = {f"d{n}" for n in range(1, 139)}
    assert ids <= {Path(n).stem for n in pages}
    # the volume's page, its message of the President and its own table of contents
    assert len(pages) == 138 + 3
    d5 = etree.fromstring(outputs["documents/d5.html"])
    assert d5.xpath("string(//*[local-name()='h1'])") == "No. 5. Mr. Braida to Mr. Uhl."
    toc = etree.fromstring(outputs["documents/toc.html"])
    assert "d2.html#pg_10" in hrefs(toc)


def _pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True, timeout=60).stdout.decode("utf-8")


def test_in_print_a_volume_is_one_document_in_order(tmp_path: Path) -> None:
    out = tmp_path / "letters.pdf"
    run = subprocess.run([sys.executable, "-m", "tei_edition", "pdf", str(LETTERS), "-o",
                          str(out)], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "document of 1 document(s)" in run.stdout + run.stderr
    text = " ".join(_pdf_text(out).split())
    where = [text.find(s) for s in ("Preface", "Appeal for a man-of-war",
                                    "The Kearsarge sails", "Undated, as in the source",
                                    "Gresham, Secretary of State")]
    assert -1 not in where and where == sorted(where)


# ------------------------------------------------------------------ print: a failing document

SAMPLE = REPO / "xml"
THREE = [SAMPLE / "tei" / f"{n}.xml" for n in ("letter-1957-06-30", "note-1962-01-22",
                                                "telegram-1955-07-18")]


def _title(path: Path) -> str:
    from tei_edition.metadata import read_metadata

    return read_metadata(etree.parse(str(path)), path.stem).title


def _fail_on(monkeypatch: pytest.MonkeyPatch, stage: str, bad: Path) -> None:
    """Make the print of ``bad`` fail: its XSLT (``stage`` "xslt") or WeasyPrint's layout of
    any HTML that holds it ("layout", as WeasyPrint 70's AssertionError did)."""
    import tei_edition.pdf as pdf
    from tei_edition.render import StylesheetError

    if stage == "xslt":
        real_section = pdf.document_section

        def section(doc, *args, **kwargs):  # type: ignore[no-untyped-def]
            if doc.path == bad:
                raise StylesheetError("transformation failed: a test's failure", code="xslt")
            return real_section(doc, *args, **kwargs)

        monkeypatch.setattr(pdf, "document_section", section)
    else:
        real_layout = pdf.layout
        marker = _title(bad)

        def layout(html, *args, **kwargs):  # type: ignore[no-untyped-def]
            if marker in html:
                raise AssertionError("Got ' \\n' between two lines")
            return real_layout(html, *args, **kwargs)

        monkeypatch.setattr(pdf, "layout", layout)


@pytest.mark.parametrize("stage", ["xslt", "layout"])
def test_a_volume_prints_without_the_document_that_fails(
        stage: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = THREE[1]
    _fail_on(monkeypatch, stage, bad)
    out = tmp_path / "volume.pdf"
    result = CliRunner().invoke(cli, ["pdf", *map(str, THREE), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert f"{bad}: error [not-printed] this document could not be printed (" in result.output
    assert "the volume is printed without it" in result.output
    if stage == "layout":
        assert "AssertionError: Got ' \\n' between two lines" in result.output
    assert "1 document(s) could not be printed" in result.output
    assert "Traceback" not in result.output
    text = " ".join(_pdf_text(out).split())
    assert _title(THREE[0]) in text and _title(THREE[2]) in text
    assert _title(bad) not in text


def test_a_document_alone_that_fails_is_an_error(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _fail_on(monkeypatch, "layout", THREE[0])
    out = tmp_path / "one.pdf"
    result = CliRunner().invoke(cli, ["pdf", str(THREE[0]), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert f"{THREE[0]}: error [not-printed] this document could not be printed (the layout " \
           "failed: AssertionError" in result.output
    assert not out.exists()


def test_a_build_prints_without_the_document_that_fails(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edition = tmp_path / "edition"
    (edition / "tei").mkdir(parents=True)
    (edition / "edition.toml").write_bytes((SAMPLE / "edition.toml").read_bytes())
    for path in THREE:
        (edition / "tei" / path.name).write_bytes(path.read_bytes())
    bad = edition / "tei" / THREE[2].name
    _fail_on(monkeypatch, "layout", bad)
    out = tmp_path / "out"
    # -j 1: the failure is patched into this process (a volume a year: three groups, which
    # -j 2 would print in spawned workers)
    result = CliRunner().invoke(cli, ["build", str(edition), "-o", str(out), "-j", "1"])
    assert result.exit_code == 1, result.output
    assert f"{bad}: error [not-printed]" in result.output
    assert "could not be printed and are not in the PDF" in result.output
    # the site has every document; the PDF the others
    assert len(list((out / "documents").glob("*.html"))) == 3
    text = " ".join(" ".join(_pdf_text(p) for p in (out / "pdf").glob("*.pdf")).split())
    assert _title(THREE[0]) in text and _title(THREE[1]) in text
    assert _title(bad) not in text


# ------------------------------------------------------------------ nothing dropped in silence

_UNSHOWN_TEI = b"""<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:x="urn:x">
  <teiHeader><fileDesc><titleStmt><title>Header words</title></titleStmt>
    <publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc>
  </teiHeader>
  <text><body>
    <p>Shown words <x:gloss>alpha beta</x:gloss> and <x:gloss>gamma</x:gloss>.</p>
    <p>Once <x:gloss>shown</x:gloss> here.</p>
  </body></text>
</TEI>"""


def test_unshown_counts_each_kind_whose_words_are_missing() -> None:
    from tei_edition.unshown import not_rendered, unshown

    tree = etree.ElementTree(etree.fromstring(_UNSHOWN_TEI))
    # the page shows the paragraphs' own words, the header's, and "shown" twice
    page = ("<html><body><h1>alpha</h1><main><p>Header words</p><p>Shown words and .</p>"
            "<p>Once shown here.</p></main></body></html>")
    kinds = unshown(tree, page)
    assert kinds == {"<x:gloss>": (2, 6)}  # "alpha" outside <main> does not count
    [warning] = not_rendered("f.xml", [kinds, {"<x:gloss>": (1, 9)}])
    assert str(warning) == "f.xml:6: warning [not-rendered] 3 × <x:gloss>: its text is not shown"
    page = page.replace("and .", "alpha beta and gamma.")
    assert unshown(tree, page) == {}


def test_html_reports_what_no_page_shows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                         ) -> None:
    import tei_edition.site as site

    real = site.render_document

    def render(doc, edition, titles=None):  # type: ignore[no-untyped-def]
        # a stylesheet that drops an item of the list of persons
        return re.sub(r"<li\b[^>]*>Seat, consular agent</li>", "", real(doc, edition, titles))

    monkeypatch.setattr(site, "render_document", render)
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["html", str(LETTERS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    line = next(n for n, text in enumerate(LETTERS.read_text().splitlines(), 1)
                if "consular agent" in text)
    assert f"{LETTERS}:{line}: warning [not-rendered] 1 × <item>: its text is not shown" \
        in result.output
    assert (out / "documents" / "l2.html").is_file()

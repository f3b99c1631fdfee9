"""The page budget of the print edition (issue 11, "PDF bounds"): min_pages, the refusal
before the layout, the check after it, and the edition split into volumes at the budget."""

from __future__ import annotations

import datetime as dt
import io
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tei_edition import pdf as print_edition
from tei_edition.cli import cli
from tei_edition.errors import InputError
from tei_edition.pdf import budget, documents
from tei_edition.tei import NS, parse_bytes, parse_file, serialize, tei, xml_attr
from tests.peak_memory import run_measured

pypdf = pytest.importorskip("pypdf")

REPO = Path(__file__).resolve().parent.parent
CANONICAL = Path(__file__).parent / "fixtures" / "canonical.xml"
DATE = dt.date(2026, 11, 29)
LOREM = ("The delegation reported at length on the state of the negotiations, on the maps "
         "that each side had brought, and on the questions of the river crossings. ")


def document(paragraphs: int, *, number: int = 1, when: str = "1958-03-03",
             text: str = LOREM * 4) -> etree._ElementTree:
    """canonical.xml with its own id, title and date and ``paragraphs`` more paragraphs."""
    tree = parse_file(CANONICAL)
    root = tree.getroot()
    root.set(xml_attr("id"), f"bounds-{number:03d}")
    root.find("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title", NS).text = (
        f"Report number {number} on the border")
    for date in root.xpath("tei:teiHeader/tei:profileDesc/tei:creation/tei:date"
                           " | tei:teiHeader/tei:profileDesc/tei:correspDesc//tei:date",
                           namespaces=NS):
        date.set("when", when)
    closer = root.find(".//tei:div[@type='document']/tei:closer", NS)
    for _ in range(paragraphs):
        p = etree.Element(tei("p"))
        p.text = text
        closer.addprevious(p)
    for n, p in enumerate(root.iterfind(f".//{tei('body')}//{tei('p')}"), start=1):
        p.set(xml_attr("id"), f"p{n}")
    return tree


def tei_text(body: str) -> etree._ElementTree:
    return parse_bytes(f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body>'
                       f'{body}</body></text></TEI>'.encode())


def page_texts(data: bytes) -> list[str]:
    return [p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    return " ".join(text.replace("-\n", "").split())


# ------------------------------------------------------------------------------ min_pages


def test_min_pages_counts_characters_without_white_space():
    per_page = budget.CHARS_PER_PAGE
    # one paragraph: the line bound is 1 page, the characters decide
    exactly = tei_text(f"<p>{'x' * per_page}</p>")
    assert budget.min_pages(exactly) == 1
    one_more = tei_text(f"<p>{'x' * per_page} \n\t  y</p>")
    assert budget.min_pages(one_more) == 2
    spaced = tei_text(f"<p>{'x ' * per_page}\n\n\n</p>")
    assert budget.min_pages(spaced) == 1
    # non-Latin letters count once each, not per byte of UTF-8
    cyrillic = tei_text(f"<p>{'ж' * (3 * per_page)}</p>")
    assert budget.min_pages(cyrillic) == 3
    # the header is not counted; a choice's and a gap's text are not either
    hidden = tei_text(f"<p><choice><sic>{'x' * per_page}</sic><corr>{'y' * per_page}</corr>"
                      f"</choice><gap><desc>{'z' * per_page}</desc></gap></p>")
    assert budget.min_pages(hidden) == 1


def test_min_pages_counts_a_line_per_paragraph_note_and_intervention():
    per_page = budget.LINES_PER_PAGE
    assert budget.min_pages(tei_text("<p>a</p>" * per_page)) == 1
    assert budget.min_pages(tei_text("<p>a</p>" * (per_page + 1))) == 2
    # an empty paragraph takes no line
    assert budget.min_pages(tei_text("<p>a</p>" * per_page + "<p> </p>" * 500)) == 1
    # each gap is a line of the apparatus (in its paragraph's line: 2 lines per p)
    assert budget.min_pages(tei_text("<p>a<gap/></p>" * per_page)) == 2
    # an intervention inside another has no line of its own
    nested = "<p>a<supplied>b<unclear>c</unclear><sic>d</sic></supplied></p>"
    assert budget.min_pages(tei_text(nested * (per_page // 2))) == 1
    assert budget.min_pages(tei_text(nested * (per_page // 2 + 1))) == 2
    # footnotes are lines; a paragraph inside a note runs on in the note
    note = "<p>a<note place='foot'><p>b</p><p>c</p></note></p>"
    assert budget.min_pages(tei_text(note * (per_page // 2))) == 1
    assert budget.min_pages(tei_text(note * (per_page // 2 + 1))) == 2


def test_min_pages_is_below_the_real_count_of_the_sample_edition():
    result = print_edition.build_pdf([REPO / "xml" / "tei"], date=DATE)
    estimate = budget.FRONT_PAGES + sum(d.min_pages for d in result.documents)
    assert estimate <= result.pages


# ------------------------------------------------------------------------------ the pdf command


def test_a_document_over_the_budget_by_its_text_is_refused_before_any_xslt(tmp_path,
                                                                           monkeypatch):
    big = tmp_path / "big.xml"
    # 4 pages of characters and 1,000 more, beside canonical.xml's own text: 5 pages
    words = "x" * 1000
    big.write_bytes(serialize(document(4 * budget.CHARS_PER_PAGE // 1000 + 1,
                                       text=words)))

    def never(*args, **kwargs):
        raise AssertionError("the XSLT or the layout ran")

    monkeypatch.setattr(print_edition, "document_section", never)
    monkeypatch.setattr(print_edition, "layout", never)
    out = tmp_path / "big.pdf"
    result = CliRunner().invoke(cli, ["pdf", str(big), "-o", str(out), "--max-pages", "3"])
    assert result.exit_code == 1, result.output
    assert (f"{big}: error [page-budget] this document needs at least 5 pages in print; the "
            "budget is 3 pages per PDF (raise it with --max-pages N)") in result.output
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == [big]


def test_the_real_count_is_checked_after_the_layout(tmp_path):
    """--max-pages 3: a document of 5 pages (whose text does not show it) fails, nothing is
    written; one of 2 pages prints."""
    five = tmp_path / "five.xml"
    five.write_bytes(serialize(document(18)))
    two = tmp_path / "two.xml"
    two.write_bytes(serialize(document(3)))
    runner = CliRunner()
    refused = runner.invoke(cli, ["pdf", str(five), "-o", str(tmp_path / "five.pdf"),
                                  "--max-pages", "3"])
    assert documents.load_document(five).min_pages <= 3
    assert refused.exit_code == 1, refused.output
    assert (f"{five}: error [page-budget] this document takes 5 pages in print; the budget "
            "is 3 pages per PDF (raise it with --max-pages N)") in refused.output
    assert not (tmp_path / "five.pdf").exists()
    done = runner.invoke(cli, ["pdf", str(two), "-o", str(tmp_path / "two.pdf"),
                               "--max-pages", "3"])
    assert done.exit_code == 0, done.output
    assert "two.pdf: document of 1 document(s), 2 pages" in done.output
    assert len(page_texts((tmp_path / "two.pdf").read_bytes())) == 2


def test_a_volume_over_the_budget_is_refused_naming_the_volume(tmp_path, monkeypatch):
    for n in range(1, 5):
        (tmp_path / f"d{n}.xml").write_bytes(serialize(document(0, number=n)))
    monkeypatch.setattr(print_edition, "layout", lambda *a, **k: pytest.fail("laid out"))
    out = tmp_path / "out" / "volume.pdf"
    result = CliRunner().invoke(cli, ["pdf", str(tmp_path), "-o", str(out), "--max-pages",
                                      "6"])
    assert result.exit_code == 1, result.output
    assert (f"{out}: error [page-budget] a volume of these 4 documents needs at least 7 pages;"
            " the budget is 6 pages per PDF (raise it with --max-pages N), or print fewer "
            "documents at a time (tei-edition build splits an edition into volumes)"
            ) in result.output
    assert not out.parent.exists()


def test_max_pages_is_checked_and_defaults_to_the_library_budget(tmp_path):
    runner = CliRunner()
    zero = runner.invoke(cli, ["pdf", str(CANONICAL), "-o", str(tmp_path / "x.pdf"),
                               "--max-pages", "0"])
    assert zero.exit_code == 2 and "--max-pages" in zero.output
    assert not (tmp_path / "x.pdf").exists()
    option = next(p for p in cli.commands["pdf"].params if p.name == "max_pages")
    assert option.default == budget.MAX_PAGES == 2000
    with pytest.raises(InputError, match="at least 1"):
        print_edition.build_pdf([CANONICAL], max_pages=0)


def test_a_large_document_is_refused_in_seconds_with_modest_memory(tmp_path):
    """A TEI of 8 MB (the sample cable's paragraphs repeated): refused by min_pages with
    --max-pages 500, without the XSLT (which alone took minutes) or the layout."""
    from bench.pdf import write_big

    big = tmp_path / "big.xml"
    write_big(big, 9)
    assert big.stat().st_size > 8_000_000
    out = tmp_path / "big.pdf"
    start = time.monotonic()
    code, stderr, peak_mb = run_measured(["pdf", str(big), "-o", str(out), "--max-pages",
                                          "500"], timeout=300)
    seconds = time.monotonic() - start
    assert code == 1, stderr
    assert f"{big}: error [page-budget] this document needs at least" in stderr
    assert "Traceback" not in stderr
    assert not out.exists()
    assert seconds < 60
    assert peak_mb < 400, f"{peak_mb:.0f} MB"


# ------------------------------------------------------------------------------ volumes


def write_edition(folder: Path, sizes: list[int]) -> list[str]:
    """Documents of the given numbers of extra paragraphs, written out of date order; the
    titles in date order."""
    folder.mkdir(parents=True, exist_ok=True)
    titles = []
    for number, size in enumerate(sizes, start=1):
        when = (dt.date(1950, 1, 1) + dt.timedelta(days=40 * number)).isoformat()
        tree = document(size, number=number, when=when)
        (folder / f"{100 - number:03d}.xml").write_bytes(serialize(tree))
        titles.append(f"Report number {number} on the border")
    (folder / "edition.toml").write_text('title = "Border Reports"\n', encoding="utf-8")
    return titles


def check_volumes(results: list[print_edition.PdfResult], titles: list[str],
                  max_pages: int) -> None:
    assert len(results) > 1
    seen = []
    for k, result in enumerate(results, start=1):
        pages = page_texts(result.pdf)
        assert result.pages == len(pages) <= max_pages
        assert (result.volume, result.volumes) == (k, len(results))
        assert flat(pages[0]).startswith(f"Border Reports Volume {k} of {len(results)}")
        starts = [flat(p) for p in pages if flat(p).startswith("Document ")]
        in_volume = [t for t in titles if any(t in s for s in starts)]
        assert in_volume == [d.meta.label for d in result.documents]
        seen.extend(in_volume)
    assert seen == titles  # every document once, in date order


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> tuple[Path, list[str]]:
    folder = tmp_path_factory.mktemp("edition")
    return folder, write_edition(folder, [0, 3, 0, 3, 0])


def test_an_edition_is_split_into_volumes_within_the_budget(edition):
    folder, titles = edition
    results = print_edition.build_volumes([folder], max_pages=6, date=DATE)
    check_volumes(results, titles, 6)


def test_a_volume_planned_too_long_is_cut_after_its_layout(edition, monkeypatch):
    """With a planning factor of 1 every plan is too long (each document has min_pages 1
    and takes 1 or 2 pages): each volume is cut at the last document within the budget."""
    folder, titles = edition
    monkeypatch.setattr(budget, "PLANNING_FACTOR", 1.0)
    planned = budget.plan_volumes(
        documents.order(documents.load_document(f) for f in folder.glob("*.xml")), 6)
    assert planned == [(0, 3), (3, 5)]
    results = print_edition.build_volumes([folder], max_pages=6, date=DATE)
    check_volumes(results, titles, 6)
    assert len(results) > len(planned)


def test_an_edition_within_the_budget_is_one_volume_as_build_pdf_prints_it(edition):
    folder, titles = edition
    [result] = print_edition.build_volumes([folder], date=DATE)
    alone = print_edition.build_pdf([folder], date=DATE)
    assert (result.volume, result.volumes) == (1, 1)
    assert result.html == alone.html and result.pages == alone.pages
    assert "Volume" not in flat(page_texts(result.pdf)[0])
    assert budget.volume_file_names(1) == ["edition.pdf"]
    assert budget.volume_file_names(3) == ["edition-1.pdf", "edition-2.pdf",
                                                  "edition-3.pdf"]


def test_a_document_longer_than_the_budget_stops_the_volumes(tmp_path):
    titles = write_edition(tmp_path, [0, 18, 0])
    assert len(titles) == 3
    with pytest.raises(InputError) as caught:
        print_edition.build_volumes([tmp_path], max_pages=6, date=DATE)
    assert caught.value.location.file == str(tmp_path / "098.xml")
    assert caught.value.message == ("in a volume, with its title page and contents, this "
                                    "document takes 8 pages; the budget is 6 pages per PDF "
                                    "(raise it with --max-pages N)")

"""The printed index of persons, places and organisations (issue 16, "Print").

A volume of documents of ../shared/samples/wilson-dev, encoded and linked to the registers
that bench/register_dev.py builds from its register.tsv, is printed with the registers; the
PDF is read back (pypdf) and the index pages checked against the text of the pages: each
entry under its preferred name, each page where its name is once, runs as ranges, and the
pages of the documents the same as in the volume laid out without the index. ../shared is
read at test time; the tests fail, not skip, when it is missing.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pypdf
import pytest

from tei_edition.pdf import build_pdf, typeset
from tei_edition.pdf.index import index_letter, page_runs, sort_key
from tei_edition.registers.model import NAME_KINDS, Register, load_register
from tei_edition.tei import parse_file
from tests.conftest import REPO, SHARED

DEV = SHARED / "samples" / "wilson-dev"

sys.path.insert(0, str(REPO / "bench"))
import register_dev  # noqa: E402

#: Documents of the development set with persons, places and organisations, a few pages.
DOCUMENTS = ("104", "105", "201", "202", "204", "208")


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], Register]:
    """The documents encoded and linked, and the registers."""
    from tei_edition import encode
    from tei_edition.registers.link import Linker, link_file

    assert (DEV / "register.tsv").is_file(), f"{DEV} is missing: the data lives in ../shared"
    folder = tmp_path_factory.mktemp("dev")
    register_dev.write_registers(DEV / "register.tsv", folder / "registers")
    register = load_register(folder / "registers")
    linker = Linker(register)
    files = []
    for stem in DOCUMENTS:
        target = folder / f"{stem}.xml"
        target.write_bytes(encode(DEV / f"{stem}.txt").data)
        link_file(target, linker)
        files.append(target)
    return files, register


def _normal(text: str) -> str:
    """A page's text as words: hyphenated line ends joined, white space as one space."""
    text = re.sub(r"[\u2010-]\s*\n\s*", "", text)
    return " ".join(text.replace("\u00ad", "").split())


def _bare(text: str) -> str:
    """Text without the editors' brackets (print sets "Mokr[uko]" where the TEI has a
    supplied "uko")."""
    return " ".join(re.sub(r"[\[\]]", "", text).split())


@pytest.fixture(scope="module")
def printed(linked: tuple[list[Path], Register]) -> dict:
    files, register = linked
    result = build_pdf(files, register=register)
    pages = [_normal(p.extract_text() or "") for p in pypdf.PdfReader(io.BytesIO(result.pdf)).pages]
    first_index = next(i for i, text in enumerate(pages) if text.startswith("Index of persons"))
    return {"result": result, "pages": pages, "first_index": first_index}


def _mentions(files: list[Path], register: Register) -> dict[str, set[str]]:
    """Each pointer's printed forms in the TEI (the text of its name elements)."""
    forms: dict[str, set[str]] = {}
    for path in files:
        for el in parse_file(path).iter(*NAME_KINDS):
            ref = (el.get("ref") or "").split()
            if ref and register.resolve(ref[0]) is not None:
                forms.setdefault(ref[0], set()).add(_bare("".join(el.itertext())))
    return forms


def _body_text(page: str) -> str:
    """A page's text before the ledger of interventions, which repeats the interventions
    and is no mention of its own (print_names.xsl); a page of the ledger alone: nothing."""
    if "Editorial interventions" in page:
        return page.split("Editorial interventions")[0]
    return "" if re.search(r"\bp\. \d+ (¶|Opener|n\.)", page) else page


def _index_lines(index_text: str, names: list[str]) -> dict[str, str]:
    """The pages the index text gives after each name: "7, 9–10, 12"."""
    found = {}
    for name in names:
        hit = re.search(re.escape(name) + r" ((?:\d+(?:–\d+)?)(?:, \d+(?:–\d+)?)*)", index_text)
        if hit:
            found[name] = hit.group(1)
    return found


def _pages_of(text: str) -> list[int]:
    pages = []
    for part in text.split(", "):
        a, _, b = part.partition("–")
        pages.extend(range(int(a), int(b or a) + 1))
    return pages


def test_the_index_lists_each_entry_on_the_pages_its_names_are(linked, printed) -> None:
    files, register = linked
    pages, first_index = printed["pages"], printed["first_index"]
    index_text = " ".join(pages[first_index:])
    forms = _mentions(files, register)
    names = {ref: " ".join(register.resolve(ref).preferred.split()) for ref in forms}
    assert len(names) > 20
    given = _index_lines(index_text, sorted(names.values(), key=len, reverse=True))
    # every entry the volume names is listed under its preferred name, with pages
    missing = sorted(n for n in names.values() if n not in given)
    assert not missing, f"not in the index: {missing}"
    ranges = 0
    for ref, name in names.items():
        numbers = _pages_of(given[name])
        assert numbers == sorted(set(numbers)), f"{name}: a page twice or out of order"
        ranges += "–" in given[name]
        assert all(n <= first_index for n in numbers), f"{name}: a page after the documents"
        for n in numbers:  # the name is on each page the index gives (or it starts there)
            text = _bare(pages[n - 1])
            assert any(form in text or form.split()[0] in text for form in forms[ref]), (
                f"{name}: the index gives p. {n}, whose text has none of {sorted(forms[ref])}")
    assert ranges, "no entry has a run of pages (the volume should have some)"


def test_a_name_on_a_page_is_on_that_page_in_the_index(linked, printed) -> None:
    """Conversely: a long, unmistakable name form found on a page of the documents (not in
    the ledger of interventions) gives that page in its entry."""
    files, register = linked
    pages, first_index = printed["pages"], printed["first_index"]
    index_text = " ".join(pages[first_index:])
    # (the title page and the contents, whose titles are no mentions, come first)
    first_document = next(n for n, text in enumerate(pages) if text.startswith("Document 1 "))
    checked = 0
    for ref, forms in _mentions(files, register).items():
        entry = register.resolve(ref)
        name = " ".join(entry.preferred.split())
        listed = _pages_of(_index_lines(index_text, [name])[name])
        for form in forms:
            if len(form) < 10 or form == name:
                continue  # (the preferred name itself is printed in the ledger too)
            for n, text in enumerate(pages[:first_index], start=1):
                if n > first_document and form in _bare(_body_text(text)):
                    checked += 1
                    assert n in listed, f"{form!r} is on p. {n}; the index gives {listed}"
    assert checked > 10


def test_the_index_moves_no_page_of_the_documents(printed) -> None:
    result, pages, first_index = printed["result"], printed["pages"], printed["first_index"]
    pdf, count, _ = typeset.render(result.html)  # the volume without its index
    alone = [_normal(p.extract_text() or "") for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    assert count == first_index
    assert pages[:first_index] == alone
    # the index's pages are numbered on: its first page's folio is the next number
    assert pages[first_index].endswith(str(first_index + 1))
    assert result.pages == len(pages)


def test_the_apparatus_names_the_entries_in_their_preferred_form(printed) -> None:
    ledger = " ".join(printed["pages"][:printed["first_index"]])
    assert "= Zhou Enlai" in ledger or "= Stalin, Joseph Vissarionovich" in ledger, ledger[:500]


def test_a_volume_without_linked_names_has_no_index_and_one_layout(
        linked, monkeypatch: pytest.MonkeyPatch) -> None:
    _, register = linked
    calls = []
    layout = typeset.layout

    def counted(*args, **kwargs):
        calls.append(args)
        return layout(*args, **kwargs)

    monkeypatch.setattr("tei_edition.pdf.layout", counted)
    canonical = REPO / "tests" / "fixtures" / "canonical.xml"
    sample = sorted((REPO / "xml" / "tei").glob("*.xml"))[0]
    result = build_pdf([canonical, sample], register=register)
    text = " ".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(result.pdf)).pages)
    assert "Index of" not in text
    assert len(calls) == 1


def test_page_runs() -> None:
    assert page_runs([12, 3, 8, 7, 9, 3, 12]) == "3, 7–9, 12"
    assert page_runs([5]) == "5"
    assert page_runs([4, 5]) == "4–5"
    assert page_runs([]) == ""


def test_the_index_order_is_by_letters_then_accents_then_case() -> None:
    names = ["Azov", "Ávila", "avila", "Avila", "Łódź", "Lin Biao", "Li, Peng", "Lodz", "Zhou"]
    assert sorted(names, key=sort_key) == [
        "avila", "Avila", "Ávila", "Azov", "Li, Peng", "Lin Biao", "Lodz", "Łódź", "Zhou"]
    assert index_letter("Ávila") == "A" and index_letter("Łódź") == "L"
    assert index_letter("周恩来") == "周"


@pytest.mark.parametrize("first", [7, 8])
def test_an_index_laid_out_on_its_own_is_numbered_on_from_the_volume(first: int) -> None:
    """On an odd page the index starts as it stands; on an even page (a verso) after an
    empty page that is left out: either way its first page is numbered ``first``."""
    from tei_edition.pdf.index import IndexEntry, index_document, index_sections

    entries = [IndexEntry("per:a", "person", "Ávila, Ana", (3, 4, 5)),
               IndexEntry("pla:b", "place", "Łódź", (2,))]
    html, skip = index_document(index_sections(entries), first)
    assert skip == (1 if first % 2 == 0 else 0)
    document, _ = typeset.layout(html, "a4", first_page=first - skip)
    pdf = document.copy(document.pages[skip:]).write_pdf()
    texts = [_normal(p.extract_text() or "") for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    assert len(texts) == 2  # persons, then places from a new page
    assert texts[0].startswith("Index of persons A Ávila, Ana 3–5")
    assert texts[0].endswith(str(first))
    assert "Index of places L Łódź 2" in texts[1]


def test_the_pdf_command_indexes_a_volume_with_its_editions_registers(
        linked, tmp_path: Path) -> None:
    import shutil

    from click.testing import CliRunner

    from tei_edition.cli import cli

    files, register = linked
    edition = tmp_path / "edition"
    shutil.copytree(files[0].parent / "registers", edition / "registers")
    (edition / "edition.toml").write_text('title = "Dev edition"\n', encoding="utf-8")
    (edition / "tei").mkdir()
    chosen = [shutil.copy(f, edition / "tei") for f in files[:2]]
    out = tmp_path / "volume.pdf"
    result = CliRunner().invoke(cli, ["pdf", *map(str, chosen), "-o", str(out)])
    assert result.exit_code == 0, result.output
    pages = [p.extract_text() or "" for p in pypdf.PdfReader(out).pages]
    first = next(i for i, page in enumerate(pages) if page.startswith("Index of persons"))
    index = _normal(" ".join(pages[first:]))
    named = _mentions(files[:2], register)
    assert named
    for ref in named:
        entry = register.resolve(ref)
        assert entry is not None and _normal(entry.preferred or "") in index, ref
    # the same documents outside any edition: no register, no index
    (edition / "edition.toml").unlink()
    result = CliRunner().invoke(cli, ["pdf", *map(str, chosen), "-o", str(out), "--force"])
    assert result.exit_code == 0, result.output
    assert not any("Index of" in (p.extract_text() or "") for p in pypdf.PdfReader(out).pages)

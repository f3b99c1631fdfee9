"""The PDF volumes of an edition in groups (issue 15): one per year by default, one per
series, or the whole edition, as ``[print] volumes`` in edition.toml asks
(tei_edition/pdf/groups.py); each group printed by print_group, split at the page budget.

The documents are tests/fixtures/canonical.xml with their own id, title, date and archive.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tei_edition import pdf as print_edition
from tei_edition.cli import cli
from tei_edition.edition import Edition, load_edition
from tei_edition.errors import InputError
from tei_edition.metadata import Metadata, read_metadata
from tei_edition.pdf.groups import VolumeGroup, group_name, volume_groups
from tei_edition.project import EDITION_TEMPLATE
from tei_edition.tei import NS, parse_file, serialize, tei, xml_attr

pypdf = pytest.importorskip("pypdf")

CANONICAL = Path(__file__).parent / "fixtures" / "canonical.xml"
DATE = dt.date(2026, 11, 29)
LOREM = ("The delegation reported at length on the state of the negotiations, on the maps "
         "that each side had brought, and on the questions of the river crossings. ")
TITLE = "Border Cables of Ruritania"


def document(number: int, when: str | None, archive: str | None = "Ruritanian Archive", *,
             paragraphs: int = 0) -> etree._ElementTree:
    """canonical.xml as document ``number``: its date ``when`` (None: undated), the archive
    its header names (None: none), ``paragraphs`` more paragraphs."""
    tree = parse_file(CANONICAL)
    root = tree.getroot()
    root.set(xml_attr("id"), f"vol-{number:03d}")
    root.find("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title", NS).text = (
        f"Cable number {number} on the border")
    for date in root.xpath("tei:teiHeader/tei:profileDesc//tei:date", namespaces=NS):
        if when is None:
            del date.attrib["when"]
            date.text = "no date"
        else:
            date.set("when", when)
            date.text = when
    header = root.find("tei:teiHeader", NS)
    signatures = header.xpath(".//tei:msIdentifier/tei:idno | .//tei:bibl/tei:idno",
                              namespaces=NS)
    repository = header.find(".//tei:msIdentifier/tei:repository", NS)
    if archive is None:
        for el in [repository, *signatures]:
            el.getparent().remove(el)
    else:
        repository.text = archive
    closer = root.find(".//tei:div[@type='document']/tei:closer", NS)
    for _ in range(paragraphs):
        p = etree.Element(tei("p"))
        p.text = LOREM * 4
        closer.addprevious(p)
    for n, p in enumerate(root.iterfind(f".//{tei('body')}//{tei('p')}"), start=1):
        p.set(xml_attr("id"), f"p{n}")
    return tree


def entries(specs: list[tuple[str, str | None, str | None]]) -> list[tuple[Path, Metadata]]:
    """(path, metadata) of documents given as (file name, date, archive), as a build has
    them: the files need not exist to be grouped."""
    return [(Path(name), read_metadata(document(n, when, archive), Path(name).stem))
            for n, (name, when, archive) in enumerate(specs, start=1)]


def summary(groups: list[VolumeGroup]) -> list[tuple[str, str | None, list[str]]]:
    return [(g.name, g.title, [p.name for p in g.paths]) for g in groups]


def write_edition(folder: Path, specs: list[tuple[str, str | None, int]],
                  volumes: str = "year") -> Edition:
    """Documents (file name, date, extra paragraphs) and an edition.toml in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for n, (name, when, paragraphs) in enumerate(specs, start=1):
        (folder / name).write_bytes(serialize(document(n, when, paragraphs=paragraphs)))
    (folder / "edition.toml").write_text(
        f'title = "{TITLE}"\neditors = ["Ada Example"]\n\n[print]\nvolumes = "{volumes}"\n',
        encoding="utf-8")
    return load_edition(folder)


def page_texts(data: bytes) -> list[str]:
    return [" ".join((p.extract_text() or "").split())
            for p in pypdf.PdfReader(io.BytesIO(data)).pages]


# ------------------------------------------------------------------------------ grouping


THREE = [("c.xml", "1962-01-05", "Ruritanian Archive"),
         ("a.xml", "1961-11-02", "Freedonian Archive"),
         ("b.xml", "1961-03-14", "Ruritanian Archive")]


def test_by_year_each_year_is_a_group_in_date_order_and_the_undated_apart():
    docs = entries([*THREE, ("u.xml", None, "Ruritanian Archive")])
    groups = volume_groups(docs, Edition())  # "year" by default
    assert summary(groups) == [("1961", "1961", ["b.xml", "a.xml"]),
                               ("1962", "1962", ["c.xml"]),
                               ("undated", "Undated documents", ["u.xml"])]
    # without undated documents there is no undated group
    assert [g.name for g in volume_groups(entries(THREE), Edition())] == ["1961", "1962"]


def test_by_series_each_archive_is_a_group_and_those_without_one_apart():
    docs = entries([*THREE, ("n.xml", "1960-01-01", None)])
    groups = volume_groups(docs, Edition(volumes="series"))
    assert summary(groups) == [
        ("freedonian-archive", "Freedonian Archive", ["a.xml"]),
        ("ruritanian-archive", "Ruritanian Archive", ["b.xml", "c.xml"]),  # date order
        ("no-series", "Documents without a stated archive", ["n.xml"])]
    # the archive is the signature's leading words when the header names no repository
    meta = dataclasses.replace(docs[0][1], repository="", archive="PRC FMA")
    [group] = volume_groups([(Path("s.xml"), meta)], Edition(volumes="series"))
    assert (group.name, group.title) == ("prc-fma", "PRC FMA")


def test_none_is_the_whole_edition_in_one_group():
    docs = entries([*THREE, ("u.xml", None, None)])
    [group] = volume_groups(docs, Edition(volumes="none"))
    assert summary([group]) == [("edition", None, ["b.xml", "a.xml", "c.xml", "u.xml"])]
    assert volume_groups([], Edition(volumes="none")) == []
    assert volume_groups([], Edition()) == []


def test_a_file_is_in_the_group_of_its_first_entry_only():
    docs = entries(THREE)
    later = entries([("b.xml", "1975-01-01", None)])
    groups = volume_groups([*docs, *later], Edition())
    assert summary(groups) == [("1961", "1961", ["b.xml", "a.xml"]),
                               ("1962", "1962", ["c.xml"])]


def test_group_names_are_safe_file_names_unique_and_stable():
    assert group_name("PRC Foreign Ministry Archive") == "prc-foreign-ministry-archive"
    assert group_name("Archiv für Zeitgeschichte / Zürich") == "archiv-fur-zeitgeschichte-zurich"
    assert group_name("1961") == "1961"
    # never "-digits" at the end: the parts of a split group are NAME-1.pdf, NAME-2.pdf
    assert group_name("Series 2") == "series_2"
    assert group_name("../../etc/passwd") == "etc-passwd"
    chinese = group_name("中华人民共和国外交部档案馆")
    assert re.fullmatch(r"s[0-9a-f]{7}", chinese)
    assert chinese != group_name("俄罗斯联邦对外政策档案馆")
    long = group_name("A" * 300)
    assert len(long) <= 80 and long.startswith("aaaa")
    for name in (chinese, long, group_name("Series 2"), "prc-foreign-ministry-archive"):
        assert re.fullmatch(r"[a-z0-9][a-z0-9_-]*", name) and not re.search(r"-\d+$", name)

    # two series that differ in punctuation or case only are told apart by their digests;
    # the others keep their plain names
    specs = [("a.xml", "1961-01-01", "Archive A/B"), ("b.xml", "1961-01-02", "archive a b"),
             ("c.xml", "1961-01-03", "Other Archive"), ("d.xml", "1961-01-04", "No series"),
             ("e.xml", "1961-01-05", None)]
    groups = volume_groups(entries(specs), Edition(volumes="series"))
    names = [g.name for g in groups]
    assert len(set(names)) == len(names) == 5
    assert names[2:4] == ["no-series", "other-archive"]
    assert re.fullmatch(r"archive-a-b-s[0-9a-f]{7}", names[0])
    assert re.fullmatch(r"no-series-s[0-9a-f]{7}", names[4])  # the documents of no archive
    # the same names from build to build: whatever the order of the documents, and when
    # another group joins the edition
    again = volume_groups(entries(specs[::-1]), Edition(volumes="series"))
    assert [g.name for g in again] == names
    grown = volume_groups(entries([*specs, ("f.xml", "1960-01-01", "New Archive")]),
                          Edition(volumes="series"))
    assert {g.name for g in grown} == {*names, "new-archive"}
    by_year = volume_groups(entries(THREE), Edition())
    assert [g.name for g in volume_groups(entries([*THREE, ("z.xml", "1950-05-05", None)]),
                                          Edition())] == ["1950", *(g.name for g in by_year)]


# ------------------------------------------------------------------------------ edition.toml


def test_the_template_documents_the_key_and_its_example_is_valid(tmp_path):
    text = EDITION_TEMPLATE.format(title='"T"')
    assert tomllib.loads(text) == {"title": "T"}
    for value in ("year", "series", "none"):
        assert f'"{value}"' in text
    uncommented = text.replace("# [print]", "[print]").replace("# volumes = ", "volumes = ")
    (tmp_path / "edition.toml").write_text(uncommented, encoding="utf-8")
    assert load_edition(tmp_path).volumes == "year"
    (tmp_path / "edition.toml").write_text('title = "T"\n', encoding="utf-8")
    assert load_edition(tmp_path).volumes == "year"  # the default


@pytest.mark.parametrize(("toml", "message", "where"), [
    ('title = "T"\n\n[print]\nvolumes =  "years"\n',
     '[print] volumes must be one of "year", "series", "none", not "years"', (4, 12)),
    ('title = "T"\nprint.volumes = 3\n',
     '[print] volumes must be one of "year", "series", "none", not 3', (2, 17)),
    ('print = { volumes = "decade" }\n',
     '[print] volumes must be one of "year", "series", "none", not "decade"', (1, 21)),
    ('[print]\n# the volumes\n  volume = "year"\n',
     "unknown key 'volume' in [print] (the keys are volumes)", (3, 3)),
    ('title = "T"\nvolumes = "series"\n',
     "'volumes' belongs in the [print] table: write [print] on the line above it", (2, 1)),
    ('print = "year"\n', "'print' must be a table ([print], then its keys)", (1, 1)),
])
def test_a_bad_print_key_is_an_error_at_its_line_and_column(tmp_path, toml, message, where):
    toml_file = tmp_path / "edition.toml"
    toml_file.write_text(toml, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_edition(toml_file)
    assert caught.value.message == message
    assert (caught.value.location.file, caught.value.location.line,
            caught.value.location.col) == (str(toml_file), *where)


def test_build_stops_on_a_bad_volumes_value_before_writing_anything(tmp_path):
    root = tmp_path / "ed"
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    toml = root / "edition.toml"
    toml.write_text(toml.read_text(encoding="utf-8")
                    + '\n[print]\nvolumes = "per-decade"\n', encoding="utf-8")
    line = toml.read_text(encoding="utf-8").splitlines().index('volumes = "per-decade"') + 1
    result = CliRunner().invoke(cli, ["build", str(root)])
    assert result.exit_code == 1, result.output
    assert f"{toml}:{line}:11: error" in result.output
    assert '"per-decade"' in result.output and "Traceback" not in result.output
    assert not (root / "site").exists()


# ------------------------------------------------------------------------------ printing


@pytest.fixture(scope="module")
def years(tmp_path_factory) -> tuple[Edition, list[VolumeGroup]]:
    folder = tmp_path_factory.mktemp("years")
    edition = write_edition(folder, [("c.xml", "1962-01-05", 0), ("a.xml", "1961-11-02", 0),
                                     ("b.xml", "1961-03-14", 0)])
    docs = [(p, read_metadata(parse_file(p), p.stem)) for p in sorted(folder.glob("*.xml"))]
    return edition, volume_groups(docs, edition)


def test_a_group_prints_with_its_title_page_naming_the_edition_and_the_group(years):
    edition, groups = years
    assert [g.name for g in groups] == ["1961", "1962"]
    [volume] = print_edition.print_group(groups[0], edition, date=DATE)
    assert (volume.file_name, volume.group, volume.title) == ("1961.pdf", "1961", "1961")
    assert (volume.volume, volume.volumes, volume.label) == (1, 1, "1961")
    assert volume.documents == ("vol-003", "vol-002")  # b (March) before a (November)
    pages = page_texts(volume.pdf)
    assert volume.pages == len(pages)
    assert pages[0] == f"{TITLE} 1961 Edited by Ada Example {DATE.day} November {DATE.year}"
    assert "Volume" not in pages[0]
    starts = [p for p in pages if p.startswith("Document ")]
    assert [re.search(r"Cable number \d", p).group() for p in starts] == [
        "Cable number 3", "Cable number 2"]
    assert f"{TITLE}, edited by Ada Example. 1961." in pages[1]  # the colophon
    # a year of one document is a volume too: title page, colophon, contents, document
    [alone] = print_edition.print_group(groups[1], edition, date=DATE)
    one = page_texts(alone.pdf)
    assert one[0].startswith(f"{TITLE} 1962 ") and alone.documents == ("vol-001",)
    assert one[2].startswith("Contents") and one[3].startswith("Document 1")


def test_the_budget_splits_a_group_into_numbered_volumes(tmp_path):
    specs = [(f"{n:02d}.xml", f"1961-{n:02d}-01", size)
             for n, size in enumerate([0, 3, 0, 3, 0], start=1)]
    edition = write_edition(tmp_path, [*specs, ("x.xml", "1962-06-01", 0)])
    docs = [(p, read_metadata(parse_file(p), p.stem)) for p in sorted(tmp_path.glob("*.xml"))]
    group = volume_groups(docs, edition)[0]
    assert group.name == "1961" and len(group.paths) == 5
    volumes = print_edition.print_group(group, edition, max_pages=6, date=DATE)
    count = len(volumes)
    assert count > 1
    assert [v.file_name for v in volumes] == [f"1961-{k}.pdf" for k in range(1, count + 1)]
    seen: list[str] = []
    for k, volume in enumerate(volumes, start=1):
        pages = page_texts(volume.pdf)
        assert volume.pages == len(pages) <= 6
        assert (volume.volume, volume.volumes) == (k, count)
        assert volume.label == f"1961, volume {k} of {count}"
        assert pages[0].startswith(f"{TITLE} 1961 Volume {k} of {count} Edited by")
        seen.extend(volume.documents)
    assert seen == [f"vol-{n:03d}" for n in range(1, 6)]  # each once, in date order


def test_the_whole_edition_prints_as_build_volumes_prints_it(years):
    edition, _ = years
    folder = edition.root
    assert folder is not None
    docs = [(p, read_metadata(parse_file(p), p.stem)) for p in sorted(folder.glob("*.xml"))]
    [group] = volume_groups(docs, dataclasses.replace(edition, volumes="none"))
    [volume] = print_edition.print_group(group, edition, date=DATE)
    [today] = print_edition.build_volumes([folder], date=DATE)
    assert (volume.file_name, volume.title, volume.label) == ("edition.pdf", None, "")
    assert volume.pages == today.pages
    assert page_texts(volume.pdf) == page_texts(today.pdf)
    assert page_texts(volume.pdf)[0].startswith(f"{TITLE} Edited by")  # no group named

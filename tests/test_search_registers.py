"""The search by register entries (issue 16): a filter per kind of entry (the persons,
places and organisations a document names) and a search that finds a document by any name
form of an entry it names, whatever form its text has (tei_edition/site_registers.py:
document_registered, search_names; tei_edition/site_index.py)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tei_edition.build import build_edition
from tei_edition.cli import cli
from tei_edition.registers.model import Entry, Name, Register
from tei_edition.site_index import fold, script_data
from tei_edition.site_registers import document_registered, facet_labels, search_names
from tests.test_build_link import HEADER, T
from tests.test_build_link import _reproducible as _reproducible  # the same dates

PERSONS = f"""<TEI {T}>{HEADER}<standOff><listPerson>
<person xml:id="chervonenko"><persName type="preferred">Chervonenko, Stepan</persName>
  <persName xml:lang="ru-Cyrl">Червоненко</persName>
  <persName type="pseudonym">Stepanov</persName>
  <occupation from="1959" to="1965">Soviet Ambassador to China</occupation></person>
<person xml:id="zhou"><persName type="preferred">Zhou Enlai</persName>
  <persName>Chou En-lai</persName></person>
</listPerson></standOff></TEI>"""
SOURCES = {
    "letter-a": ("**April 1, 1962**\n**Letter 1 on the border**\n\n"
                 "The ambassador [Chervonenko] came to the ministry.\n"),
    "letter-b": ("**April 2, 1962**\n**Letter 2 on the river**\n\n"
                 "Zhou Enlai spoke of the river.\n"),
    "letter-c": "**April 3, 1962**\n**Letter 3 on the maps**\n\nNobody came.\n",
}


def _project(tmp_path: Path, register: bool = True) -> Path:
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "ed"), "--title", "Letters"])
    assert result.exit_code == 0, result.output
    root = tmp_path / "ed"
    for stem, text in SOURCES.items():
        (root / "sources" / f"{stem}.txt").write_text(text, encoding="utf-8")
    if register:
        (root / "registers").mkdir()
        (root / "registers" / "persons.xml").write_text(PERSONS, encoding="utf-8")
    return root


def _search_file(site: Path, name: str) -> dict:
    data = script_data((site / "assets" / "search" / f"{name}.js").read_bytes(), name)
    assert isinstance(data, dict)
    return data


def _documents_of(facet: dict, value: str, docs: int) -> list[int]:
    """The document numbers a facet's value holds (its packed codes read as index.js
    reads them)."""
    from tei_edition.site_index import _DIGITS

    index = facet["values"].index(value)
    width, codes = facet["width"], facet["codes"]
    found = []
    for d in range(docs):
        code = 0
        for ch in codes[d * width:(d + 1) * width]:
            code = code * len(_DIGITS) + _DIGITS.index(ch)
        if index in facet["sets"][code]:
            found.append(d)
    return found


def _term_documents(site: Path, term: str) -> set[int]:
    """The documents the search finds for a whole folded term (from its shard)."""
    catalogue = _search_file(site, "catalogue")
    keys = [k for k in catalogue["shards"] if term.startswith(k)]
    if not keys:
        return set()
    key = max(keys, key=len)
    shard = _search_file(site, f"t-{key.encode('utf-8').hex()}")
    return {p // 4 for p in shard.get(term, [])}


def test_the_search_has_a_filter_per_register_and_finds_every_name_form(tmp_path):
    root = _project(tmp_path)
    result = build_edition(root, pdf=False)
    assert result.ok, [str(d) for d in result.diagnostics]
    site = root / "site"
    catalogue = _search_file(site, "catalogue")
    assert catalogue["docs"] == 3
    assert catalogue["large"] == ["sender", "recipient", "person"]  # no places, no orgs
    person = _search_file(site, "f-person")
    assert person["values"] == ["Chervonenko, Stepan", "Zhou Enlai"]
    assert person["counts"] == [1, 1]
    # documents are numbered in date order: letter-a is 0, letter-b 1
    assert _documents_of(person, "Chervonenko, Stepan", 3) == [0]
    assert _documents_of(person, "Zhou Enlai", 3) == [1]
    assert not (site / "assets" / "search" / "f-place.js").exists()
    index = (site / "index.html").read_text(encoding="utf-8")
    assert '<label for="te-filter-person">Person named</label>' in index
    assert 'data-filter="person" data-load="f-person"' in index
    # the forms no text has find the documents that name the entry
    assert _term_documents(site, fold("Червоненко")) == {0}
    assert _term_documents(site, "stepanov") == {0}
    assert _term_documents(site, "chou") == {1}
    assert _term_documents(site, "enlai") == {1}


def test_an_edition_without_registers_has_no_register_filters(tmp_path):
    root = _project(tmp_path, register=False)
    assert build_edition(root, pdf=False).ok
    site = root / "site"
    assert _search_file(site, "catalogue")["large"] == ["sender", "recipient"]
    assert not list((site / "assets" / "search").glob("f-person*"))
    assert "te-filter-person" not in (site / "index.html").read_text(encoding="utf-8")
    assert _term_documents(site, "stepanov") == set()


def test_the_site_command_has_the_filters_of_the_build(tmp_path):
    """`tei-edition html` of the linked TEI makes the same register filters and terms."""
    root = _project(tmp_path)
    assert build_edition(root, pdf=False).ok
    out = tmp_path / "html"
    result = CliRunner().invoke(cli, ["html", str(root / "tei"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    for name in ("f-person", "catalogue"):
        assert _search_file(out, name) == _search_file(root / "site", name), name
    assert _term_documents(out, "stepanov") == {0}


def test_entries_sharing_a_preferred_name_are_two_filter_values():
    register = Register()
    for ident in ("li-one", "li-two"):
        register.entries[ident] = Entry(ident, "person", [Name("Li  Fang", "preferred")])
    register.entries["ili"] = Entry("ili", "place", [Name("Ili", "preferred"),
                                                     Name("Yili")])
    register.entries["li-place"] = Entry("li-place", "place", [Name("Li Fang", "preferred")])
    labels = facet_labels(register)
    assert labels == {"per:li-one": "Li Fang (li-one)", "per:li-two": "Li Fang (li-two)",
                      "pla:ili": "Ili", "pla:li-place": "Li Fang"}  # kinds apart
    refs = ["per:li-two", "pla:ili", "per:li-two", "per:nobody", "pla:li-one"]
    assert document_registered(register, refs) == {"person": ("Li Fang (li-two)",),
                                                   "place": ("Ili",)}
    assert search_names(register, refs) == ["Li  Fang", "Ili", "Yili"]
    assert document_registered(None, refs) == {} and search_names(None, refs) == []

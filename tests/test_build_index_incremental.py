"""The index stage updated rather than made again (issue 15, tei_edition/build/index_state.py):
after each change of an edition (a document's text, its title, its date; a document added,
one removed) the site of the incremental build is, byte for byte, the site a build from
nothing makes of the same project; and a change that keeps every document in its place is an
update, which rewrites few files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tei_edition.build import MARKER, build_edition, index_state
from tei_edition.build.cache import CACHE_FILE
from tei_edition.cli import cli
from tei_edition.project import STATE_FOLDER
from tei_edition.site_index import Layout

SOURCE = ("**{month} {day}, {year}**\n**Letter {n} on the {topic}**\n**Summary:**\n{summary}\n"
          "**Contents:**\nThe ambassador [Chervonenko] came about the {topic}. {extra}\n")
TOPICS = ("border", "river", "maps", "treaty", "survey", "frontier", "valley", "bridge",
          "railway")
MONTHS = ("March", "April", "May")
#: small pages, blocks and shards, so that nine documents make several of each
LAYOUT = Layout(page_size=2, block=2, prefix=2, results=4, shard_postings=12)
EXPORTS = ('base_url = "https://example.org/letters/"\n'
           'licence_url = "https://creativecommons.org/licenses/by/4.0/"\n'
           'contact_email = "editors@example.org"\n'
           'oai_gateway = "https://gateway.example.org/oai/"\n')


@pytest.fixture(autouse=True)
def _small_layout(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.setattr(index_state, "Layout", lambda: LAYOUT)


@pytest.fixture
def updates(monkeypatch) -> list[bool]:
    """Whether each build's index was updated (True) or made again (False)."""
    found: list[bool] = []
    make = index_state.IndexState.make

    def spy(self, *args, **kwargs):
        made = make(self, *args, **kwargs)
        found.append(made.updated)
        return made

    monkeypatch.setattr(index_state.IndexState, "make", spy)
    return found


def _source(n: int, *, year: int | None = None, title: str | None = None,
            extra: str = "", summary: str = "") -> str:
    return SOURCE.format(month=MONTHS[n % 3], day=1 + n, year=year or 1957 + n % 3, n=n,
                         topic=title or TOPICS[n % len(TOPICS)], extra=extra,
                         summary=summary or f"On the {TOPICS[n % len(TOPICS)]}.")


def _project(tmp_path: Path) -> Path:
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "ed"), "--title", "Letters"])
    assert result.exit_code == 0, result.output
    root = tmp_path / "ed"
    toml = root / "edition.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + EXPORTS, encoding="utf-8")
    for n in range(9):
        _write(root, n, _source(n))
    return root


def _write(root: Path, n: int, text: str) -> None:
    (root / "sources" / f"letter-{n}.txt").write_text(text, encoding="utf-8")


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != MARKER}


def _fresh(root: Path, tmp_path: Path, name: str) -> dict[str, bytes]:
    """The site a build from nothing makes of the project as it is now."""
    copy = tmp_path / name / "ed"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(STATE_FOLDER, "site"))
    result = build_edition(copy, pdf=False)
    assert result.ok, [str(d) for d in result.diagnostics]
    return _tree(copy / "site")


def _rebuild(root: Path) -> dict[str, bytes]:
    result = build_edition(root, pdf=False)
    assert result.ok and result.index_rendered, [str(d) for d in result.diagnostics]
    return _tree(root / "site")


def _same(got: dict[str, bytes], want: dict[str, bytes]) -> None:
    assert sorted(got) == sorted(want)
    assert [p for p in want if got[p] != want[p]] == []


def test_every_change_gives_the_site_of_a_build_from_nothing(tmp_path, updates):
    root = _project(tmp_path)
    first = build_edition(root, pdf=False)
    assert first.ok and updates == [False]
    before = _tree(root / "site")
    assert sum(p.startswith("assets/search/t-") for p in before) > 5
    assert sum(p.startswith("index/") for p in before) > 3
    assert {"sitemap.xml", "oai/repository-1.xml", "dts/index.jsonld"} <= set(before)

    steps = [
        ("text", lambda: _write(root, 4, _source(4, extra="Also the granary and wheat."))),
        ("summary", lambda: _write(root, 5, _source(5, summary="On the orchard."))),
        ("title", lambda: _write(root, 6, _source(6, title="orchard"))),  # a new id
        ("text again", lambda: _write(root, 4, _source(4, extra="Only wheat."))),
        ("date", lambda: _write(root, 4, _source(4, year=1962, extra="Only wheat."))),
        ("added", lambda: _write(root, 9, _source(9, extra="A new letter."))),
        ("removed", lambda: [(root / "sources" / "letter-2.txt").unlink(),
                             (root / "tei" / "letter-2.xml").unlink()]),
        ("text after", lambda: _write(root, 7, _source(7, extra="Ninth and last."))),
    ]
    for n, (what, change) in enumerate(steps):
        change()
        got = _rebuild(root)
        updated = updates[-1]
        _same(got, _fresh(root, tmp_path, f"fresh-{n}"))
        # in place: an update; a new date, a new title (a new id: the page's name), a new or
        # removed document renumber: made again
        assert updated == (what not in ("title", "date", "added", "removed")), what
        if updated:
            changed = [p for p in got if got[p] != before.get(p)]
            assert len([p for p in changed if p.startswith("assets/search/t-")]) <= 6, what
            pages = {p for p in changed if p.startswith("index")}
            assert len(pages - {"index.html"}) == (what == "summary"), (what, pages)
        before = got


def test_an_interrupted_index_makes_every_file_again(tmp_path, updates, monkeypatch):
    """The rows are dropped before the index's files are written: a build stopped there
    leaves files the rows do not describe, so the next build makes them all again."""
    root = _project(tmp_path)
    assert build_edition(root, pdf=False).ok
    _write(root, 3, _source(3, extra="Granary."))

    def stop(self, key: str) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setattr(index_state.IndexMade, "save", stop)
        with pytest.raises(KeyboardInterrupt):
            build_edition(root, pdf=False)
    _write(root, 3, _source(3))  # back as it was: only the rows could tell the difference
    got = _rebuild(root)
    assert updates[-1] is False
    _same(got, _fresh(root, tmp_path, "fresh"))


def test_rows_of_another_index_make_every_file_again(tmp_path, updates):
    """Postings in the cache that are not those of the index in OUT (here: forged) are never
    updated: the index is made again."""
    import sqlite3

    root = _project(tmp_path)
    assert build_edition(root, pdf=False).ok
    db = sqlite3.connect(root / STATE_FOLDER / CACHE_FILE)
    db.execute("delete from index_terms")
    db.commit()
    db.close()
    # a new term of a group the other documents have ("am": ambassador), none lost
    _write(root, 3, _source(3, extra="Ambit."))
    got = _rebuild(root)
    assert updates[-1] is False
    _same(got, _fresh(root, tmp_path, "fresh"))


@pytest.mark.parametrize("entries", ["[]", "not json", '[{"id": 1}]'])
def test_an_unreadable_row_of_an_unchanged_document_makes_every_file_again(
        tmp_path, updates, entries):
    """The rows of the documents that did not change are read as the update asks for them
    (here: by the exports, every one): one that is not its document's makes the index
    again, and never a traceback."""
    import sqlite3

    root = _project(tmp_path)
    assert build_edition(root, pdf=False).ok
    db = sqlite3.connect(root / STATE_FOLDER / CACHE_FILE)
    db.execute("update index_documents set entries = ? where path like '%letter-6.xml'",
               (entries,))
    db.commit()
    db.close()
    _write(root, 3, _source(3, summary="On the granary."))
    got = _rebuild(root)
    _same(got, _fresh(root, tmp_path, "fresh"))
    # the next change is an update again, from the rows made again
    _write(root, 3, _source(3, summary="On the granary and the wheat."))
    got = _rebuild(root)
    assert updates[-1] is True
    _same(got, _fresh(root, tmp_path, "fresh-2"))


PERSONS = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
           '<title>Persons</title></titleStmt><publicationStmt><p>Test.</p>'
           '</publicationStmt><sourceDesc><p>Test.</p></sourceDesc></fileDesc></teiHeader>'
           '<standOff><listPerson>'
           '<person xml:id="chervonenko"><persName type="preferred">Chervonenko, Stepan'
           '</persName><persName>Червоненко</persName></person>'
           '<person xml:id="zhou"><persName type="preferred">Zhou Enlai</persName>'
           '<persName>Chou En-lai</persName></person>'
           '</listPerson></standOff></TEI>')


def test_a_change_of_the_names_a_document_names_updates_the_register_filter(
        tmp_path, updates):
    """With registers, a document that comes to name another entry (or no longer names
    one) moves in the register filter: the update rewrites its file (f-person.js) and the
    site is that of a build from nothing."""
    root = _project(tmp_path)
    (root / "registers").mkdir()
    (root / "registers" / "persons.xml").write_text(PERSONS, encoding="utf-8")
    assert build_edition(root, pdf=False).ok
    before = _tree(root / "site")
    assert b"Chervonenko, Stepan" in before["assets/search/f-person.js"]
    assert b"Zhou Enlai" not in before["assets/search/f-person.js"]
    for n, extra in enumerate(("Zhou Enlai answered.", "")):
        _write(root, 4, _source(4, extra=extra))
        got = _rebuild(root)
        assert updates[-1] is True
        _same(got, _fresh(root, tmp_path, f"fresh-{n}"))
        assert got["assets/search/f-person.js"] != before["assets/search/f-person.js"]
        assert (b"Zhou Enlai" in got["assets/search/f-person.js"]) == bool(extra)
        before = got


def test_terms_are_read_a_file_at_a_time_and_dropped_after_its_last_document(monkeypatch):
    """An index made again reads each file's terms when one of its documents is first asked
    for and holds them only until its last one has been: a file of two documents, numbered
    apart, is read once; a file whose terms are unreadable gives its documents none."""
    from tei_edition.build.cache import BuildCache

    cache = BuildCache(None)
    for path, terms in (("tei/volume.xml", '[{"border":2},{"river":1}]'),
                        ("tei/letter.xml", '[{"maps":3}]'), ("tei/broken.xml", '[{"x":"y"}]')):
        cache.put("documents", path, "key", "{}", "[]", terms)
    reads: list[str] = []
    read = cache.document_terms
    monkeypatch.setattr(cache, "document_terms", lambda path: reads.append(path) or read(path))
    terms = index_state._Terms(cache, [("tei/volume.xml", 0), ("tei/letter.xml", 0),
                                       ("tei/broken.xml", 0), ("tei/volume.xml", 1)])
    assert terms[0] == {"border": 2} and set(terms.held) == {"tei/volume.xml"}
    assert terms[1] == {"maps": 3} and terms[2] == {}
    assert terms[3] == {"river": 1} and terms.held == {}
    assert reads == ["tei/volume.xml", "tei/letter.xml", "tei/broken.xml"]
    assert terms[0] == {"border": 2}  # asked for again: read again, not wrong

"""The incremental build (issue 15): what a rebuild redoes, told by BuildResult's counts, and
that a rebuild gives the very files a full build gives."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from tei_edition.build import MARKER, build_edition
from tei_edition.build.cache import CACHE_FILE
from tei_edition.cli import cli
from tei_edition.project import STATE_FOLDER
from tei_edition.resources import xslt_dir

SOURCE = ("**April {day}, 1958**\n**Letter {n} on the border**\n\n"
          "The ambassador [Chervonenko] came.\n")
NAMES = ("letter-a", "letter-b", "letter-c")


@pytest.fixture(autouse=True)
def _reproducible(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


def _project(tmp_path: Path, name: str = "ed") -> Path:
    result = CliRunner().invoke(cli, ["init", str(tmp_path / name), "--title", "Letters"])
    assert result.exit_code == 0, result.output
    root = tmp_path / name
    for n, stem in enumerate(NAMES, 1):
        (root / "sources" / f"{stem}.txt").write_text(SOURCE.format(day=n, n=n),
                                                       encoding="utf-8")
    return root


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != MARKER}


def _page(root: Path, stem: str) -> Path:
    pages = [p for p in (root / "site" / "documents").glob("*.html")
             if f"letter-{NAMES.index(stem) + 1}-on" in p.name]
    assert len(pages) == 1, pages
    return pages[0]


def _full(result) -> None:
    assert result.ok, [str(d) for d in result.diagnostics]
    assert result.validated == 3 and result.pages_rendered == 3
    assert result.pages_unchanged == 0 and result.index_rendered


def _search(root: Path) -> str:
    """Every file of the site's search (tei_edition/site_index.py), as one text."""
    return "".join(p.read_text(encoding="utf-8")
                   for p in sorted((root / "site" / "assets" / "search").glob("*.js")))


def test_a_rebuild_with_nothing_changed_renders_and_validates_nothing(tmp_path):
    root = _project(tmp_path)
    _full(build_edition(root))
    before = _tree(root / "site")
    index = root / "site" / "index.html"
    stamp = index.stat().st_mtime_ns
    again = build_edition(root)
    assert again.ok and again.sources["unchanged"] == 3 and sum(again.sources.values()) == 3
    assert again.validated == 0 and again.pages_rendered == 0 and again.pages_unchanged == 3
    assert not again.index_rendered and not again.pdf_rendered
    assert [v.name for v, _ in again.volumes] == ["1958.pdf"]  # a volume per year
    assert _tree(root / "site") == before
    assert index.stat().st_mtime_ns == stamp  # not rewritten


def test_one_changed_source_redoes_that_document_and_the_index(tmp_path):
    root = _project(tmp_path)
    _full(build_edition(root))
    others = {stem: _page(root, stem).stat().st_mtime_ns for stem in NAMES[1:]}
    (root / "sources" / "letter-a.txt").write_text(
        SOURCE.format(day=1, n=1).replace("came", "left"), encoding="utf-8")
    result = build_edition(root)
    assert result.ok and result.sources["re-encoded"] == 1 and result.sources["unchanged"] == 2
    assert result.validated == 1 and result.pages_rendered == 1 and result.pages_unchanged == 2
    assert result.index_rendered and result.pdf_rendered
    assert "left." in _page(root, "letter-a").read_text(encoding="utf-8")
    assert '"left"' in _search(root) and '"came"' in _search(root)  # the others came
    assert {stem: _page(root, stem).stat().st_mtime_ns for stem in NAMES[1:]} == others


def test_a_hand_edited_tei_is_validated_and_rendered_again(tmp_path):
    root = _project(tmp_path)
    _full(build_edition(root))
    tei = root / "tei" / "letter-b.xml"
    tei.write_bytes(tei.read_bytes().replace(b"came.", b"came at noon."))
    result = build_edition(root)
    assert result.ok and result.sources["unchanged"] == 3  # kept: its source did not change
    assert result.validated == 1 and result.pages_rendered == 1 and result.pages_unchanged == 2
    assert "came at noon." in _page(root, "letter-b").read_text(encoding="utf-8")
    # and an invalid hand edit is caught, not taken from a verdict of the file as it was
    tei.write_bytes(tei.read_bytes().replace(b"<body>", b"<body><bogus/>"))
    assert not build_edition(root).ok


def test_an_edit_of_edition_toml_renders_every_page_again(tmp_path):
    root = _project(tmp_path)
    _full(build_edition(root))
    toml = root / "edition.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('"Letters"', '"Border letters"'),
                    encoding="utf-8")
    result = build_edition(root)
    assert result.ok and result.validated == 0
    assert result.pages_rendered == 3 and result.pages_unchanged == 0 and result.index_rendered
    for stem in NAMES:
        assert "Border letters" in _page(root, stem).read_text(encoding="utf-8")


def test_a_changed_stylesheet_renders_every_page_again(tmp_path, monkeypatch):
    root = _project(tmp_path)
    _full(build_edition(root))
    changed = tmp_path / "xslt"
    shutil.copytree(xslt_dir(), changed)
    css = changed / "html" / "assets" / "edition.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    import tei_edition.build as build

    monkeypatch.setattr(build, "xslt_dir", lambda: changed)  # what the cache hashes
    result = build_edition(root)
    assert result.ok and result.validated == 0
    assert result.pages_rendered == 3 and result.pages_unchanged == 0 and result.index_rendered


def test_a_deleted_tei_takes_its_page_and_index_entry_with_it(tmp_path):
    root = _project(tmp_path)
    _full(build_edition(root))
    page = _page(root, "letter-c")
    (root / "sources" / "letter-c.txt").unlink()
    (root / "tei" / "letter-c.xml").unlink()
    result = build_edition(root)
    assert result.ok and result.pages_rendered == 0 and result.pages_unchanged == 2
    assert result.index_rendered and not page.exists()
    index = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert "Letter 3 on the border" not in index and "Letter 2 on the border" in index
    assert "Letter 3" not in _search(root) and "Letter 2" in _search(root)


def test_a_corrupt_cache_gives_a_full_and_correct_build(tmp_path):
    root = _project(tmp_path)
    _full(build_edition(root))
    before = _tree(root / "site")
    cache = root / STATE_FOLDER / CACHE_FILE
    assert cache.is_file()
    cache.write_bytes(b"not a database" * 100)
    result = build_edition(root)
    _full(result)
    assert result.sources["unchanged"] == 3
    assert _tree(root / "site") == before
    cache.unlink()
    _full(build_edition(root))
    assert _tree(root / "site") == before


def test_a_forged_cache_neither_writes_outside_out_nor_follows_a_link(tmp_path):
    root = _project(tmp_path)
    _full(build_edition(root))
    before = _tree(root / "site")
    outside = tmp_path / "outside.html"
    outside.write_text("mine", encoding="utf-8")
    page = _page(root, "letter-a")
    page.unlink()
    os.symlink(outside, page)  # a link planted where a page was
    db = sqlite3.connect(root / STATE_FOLDER / CACHE_FILE)
    db.execute("""update documents set outputs = '{"files": ["../../outside.html"],
                  "summary": "", "diagnostics": []}' where path like '%letter-b.xml'""")
    db.commit()
    db.close()
    result = build_edition(root)
    assert result.ok and result.pages_rendered == 2 and result.pages_unchanged == 1
    assert outside.read_text(encoding="utf-8") == "mine"
    assert not page.is_symlink() and _tree(root / "site") == before


def test_workers_give_the_same_tree_after_a_rebuild_as_one_process_and_a_full_build(
        tmp_path, monkeypatch):
    from tei_edition.build import workers

    monkeypatch.setattr(workers, "CHUNK", 1)  # both workers get documents
    trees = []
    for jobs in (1, 2):
        root = _project(tmp_path, f"j{jobs}")
        _full(build_edition(root, jobs=jobs))
        (root / "sources" / "letter-b.txt").write_text(
            SOURCE.format(day=9, n=2).replace("came", "left"), encoding="utf-8")
        (root / "tei" / "letter-c.xml").unlink()
        result = build_edition(root, jobs=jobs)
        # letter-c encoded again into the very bytes it had: its page stays as it was
        assert result.ok and result.sources["encoded"] == 1 and result.validated == 1
        assert result.pages_rendered == 1 and result.pages_unchanged == 2
        trees.append(_tree(root / "site"))
    assert trees[0] == trees[1]
    shutil.rmtree(root / STATE_FOLDER)  # the same project built from nothing
    shutil.rmtree(root / "site")
    _full(build_edition(root, jobs=2))
    assert _tree(root / "site") == trees[1]


def test_every_page_has_its_json_ld(tmp_path):
    root = _project(tmp_path)
    _full(build_edition(root))
    for stem in NAMES:
        text = _page(root, stem).read_text(encoding="utf-8")
        assert '<script type="application/ld+json">' in text
        block = text.split('<script type="application/ld+json">')[1].split("</script>")[0]
        assert "ArchiveComponent" in block and f"Letter {NAMES.index(stem) + 1}" in block


def test_the_exports_follow_the_documents(tmp_path):
    """With a base_url: the sitemap from the summaries, a Dublin Core record per document from
    its worker; a deleted document takes its record and its sitemap entry with it."""
    root = _project(tmp_path)
    toml = root / "edition.toml"
    toml.write_text(toml.read_text(encoding="utf-8")
                    + 'base_url = "https://example.org/letters/"\n', encoding="utf-8")
    _full(build_edition(root))
    site = root / "site"
    records = sorted(p.name for p in (site / "dc").glob("*.xml"))
    assert len(records) == 3
    assert (site / "sitemap.xml").read_text(encoding="utf-8").count("<loc>") >= 3
    (root / "sources" / "letter-c.txt").unlink()
    (root / "tei" / "letter-c.xml").unlink()
    result = build_edition(root)
    assert result.ok and result.index_rendered and result.pages_rendered == 0
    assert len(list((site / "dc").glob("*.xml"))) == 2
    assert "letter-3-on" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_one_edition_spelled_three_ways_is_built_once(tmp_path, monkeypatch):
    """``build /abs/ed``, ``build .`` in it and ``build ed`` beside it share the cache: the
    cache names the edition's files relative to it, and the warnings it kept name them as
    the build at hand spells them."""
    root = _project(tmp_path)
    first = build_edition(root.resolve(), pdf=False)
    assert first.ok and first.validated == 3
    files = {d.location.file for d in first.diagnostics if d.location.file.endswith(".xml")}
    assert files and all(os.path.isabs(f) for f in files)
    for where, spelled in ((root, "."), (tmp_path, "ed")):
        monkeypatch.chdir(where)
        again = build_edition(spelled, pdf=False)
        assert again.ok and again.validated == 0 and again.pages_rendered == 0
        assert not again.index_rendered
        kept = {d.location.file for d in again.diagnostics if d.location.file.endswith(".xml")}
        prefix = "" if spelled == "." else "ed/"
        assert kept == {f"{prefix}tei/{Path(f).name}" for f in files}
        assert all(Path(f).is_file() for f in kept)

"""RELAX NG validity checked by a second, independent validator: jing (Debian's ``jing``).

lxml (libxml2) is the validator of the toolkit; jing is the reference implementation of
RELAX NG, so where both agree the schemas and the documents are valid for the schema and
not for one library's reading of it. Checked: the encoder's outputs for the bundled sample
sources and the real samples (../shared/samples/wilson, wilson-dev) against
schemas/tei_edition.rng and ../shared/tei/tei_all.rng, and the validation corpus
(tests/validate/corpus) against what its expected files say lxml found.

Each start of jing's JVM costs about a second, so each schema gets one jing call with every
file. jing is installed by the README's test command; in CI (CI=true) a missing jing fails,
elsewhere the tests skip."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import tei_edition
from tei_edition.resources import sample_edition_dir
from tests.conftest import SHARED, TEI_ALL_RNG, need_shared

HERE = Path(__file__).resolve().parent
PROJECT_RNG = HERE.parent / "schemas" / "tei_edition.rng"
CORPUS = HERE / "validate" / "corpus"
SCHEMAS = {"project": PROJECT_RNG, "tei_all": TEI_ALL_RNG}

#: jing's report of one problem: ``/path/doc.xml:23:45: error: element "gap" missing ...``
#: (``fatal:`` for XML that is not well-formed, ``warning:`` for a warning).
_PROBLEM = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<level>error|fatal|warning): ")


def _jing() -> str:
    path = shutil.which("jing")
    if path is None:
        reason = "jing is not installed (apt-get install jing)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(reason)
        pytest.skip(reason)
    return path


def jing(schema: Path, files: list[Path]) -> dict[Path, list[str]]:
    """The errors jing finds in each file (one JVM for all of them); every file is a key.
    jing follows XIncludes; a file it cannot read (not well-formed, an include not found)
    fails the test."""
    assert files
    run = subprocess.run([_jing(), str(schema), *map(str, files)], capture_output=True,
                         text=True, timeout=600)
    found: dict[Path, list[str]] = {f.resolve(): [] for f in files}
    for line in run.stdout.splitlines():
        match = _PROBLEM.match(line)
        assert match, f"jing said something this test does not read: {line}\n{run.stderr}"
        # jing stops at a fatal error (XML not well-formed, an XInclude it cannot follow):
        # the files after it would pass unchecked
        assert match["level"] != "fatal", f"jing stopped: {line}"
        if match["level"] != "warning":
            found[Path(match["file"]).resolve()].append(line)
    # jing exits 1 when a file is invalid, and with another code when it could not run.
    assert run.returncode == (1 if any(found.values()) else 0), (run.returncode, run.stderr)
    return found


@pytest.fixture(scope="module")
def encoded(tmp_path_factory) -> list[Path]:
    """The encoder's output for every bundled sample source and every real sample."""
    out = tmp_path_factory.mktemp("jing")
    folders = [sample_edition_dir() / "sources", need_shared(SHARED / "samples" / "wilson"),
               need_shared(SHARED / "samples" / "wilson-dev")]
    paths = []
    for folder in folders:
        sources = sorted(folder.glob("*.txt"))
        assert sources, folder
        for source in sources:
            path = out / f"{folder.name}-{source.stem}.xml"
            path.write_bytes(tei_edition.encode(source).data)
            paths.append(path)
    return paths


@pytest.mark.parametrize("schema", ["project", "tei_all"])
def test_the_encoders_outputs_are_valid_for_jing(encoded, schema):
    errors = jing(need_shared(SCHEMAS[schema]), encoded)
    assert len(errors) == len(encoded) >= 50
    assert {path.name: e for path, e in errors.items() if e} == {}


def _expected_lxml_errors(doc: Path) -> list[str]:
    return doc.with_suffix(".expected").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("corpus_set", ["project", "tei_all"])
def test_jing_agrees_with_lxml_on_the_validation_corpus(corpus_set):
    """A document is RELAX NG-valid for jing exactly where its expected file (lxml's
    diagnostics) has no [rng] error. Documents the toolkit refuses as XML ([xml]: a DOCTYPE,
    not well-formed; [xinclude]: an XInclude it does not follow) are not given to jing: it
    would read the DTD or the file an XInclude names, and it stops the whole run at the
    first document not well-formed."""
    schema = need_shared(SCHEMAS[corpus_set])
    docs = sorted((CORPUS / corpus_set).glob("*.xml"))
    checked = [d for d in docs if not any(" error [xml] " in e or " error [xinclude] " in e
                                          for e in _expected_lxml_errors(d))]
    invalid_for_lxml = {d.name for d in checked
                        if any(" error [rng] " in e for e in _expected_lxml_errors(d))}
    assert invalid_for_lxml and len(invalid_for_lxml) < len(checked)
    found = jing(schema, checked)
    invalid_for_jing = {path.name for path, errors in found.items() if errors}
    assert invalid_for_jing == invalid_for_lxml, {p.name: e for p, e in found.items() if e}

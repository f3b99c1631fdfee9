"""Validation: the golden corpus, the validate/is_valid/iter_errors API, the CLI, safety.

The corpus is tests/validate/corpus/<set>/<name>.xml with the expected diagnostics in
<name>.expected (empty for a valid document), read by eye. To accept new output after a
deliberate change, run ``TEI_EDITION_UPDATE_GOLDENS=1 python -m pytest tests/test_validate.py``
and review the diff with ``git diff tests/validate``.
"""

from __future__ import annotations

import difflib
import json
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

import tei_edition
from tei_edition.cli import cli
from tei_edition.errors import InvalidDocumentError
from tei_edition.validate import (
    SchemaUnavailable,
    Validator,
    find_xml_files,
    is_valid,
    iter_errors,
    validate,
)
from tests.conftest import SHARED, TEI_ALL_RNG, need_shared

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "validate" / "corpus"
PROJECT = {"schema": None, "schematron": None}  # the defaults: schemas/tei_edition.rng, .sch
TEI_ALL_SCH = SHARED / "tei" / "tei_all.isosch"
CANONICAL = HERE / "fixtures" / "canonical.xml"
UPDATE = os.environ.get("TEI_EDITION_UPDATE_GOLDENS") == "1"


@pytest.fixture(scope="session")
def tei_all_schemas(tei_all) -> dict[str, Path]:
    """tei_all.rng (compiled once per session, shared with conftest) and tei_all.isosch."""
    need_shared(TEI_ALL_SCH)
    return {"schema": TEI_ALL_RNG, "schematron": TEI_ALL_SCH}


#: The schemas of each corpus set.
SETS = {
    "tei_all": lambda s: s,
    "project": lambda s: PROJECT,
}


def corpus_docs() -> list[Path]:
    return sorted(CORPUS.glob("*/*.xml"))


@pytest.mark.parametrize("doc", corpus_docs(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_corpus_golden(doc: Path, tei_all_schemas):
    schemas = SETS[doc.parent.name](tei_all_schemas)
    validator = Validator(schemas["schema"], schemas["schematron"])
    name = doc.relative_to(CORPUS).as_posix()
    report = validator.check_bytes(doc.read_bytes(), name)
    got = "".join(f"{d}\n" for d in report.diagnostics)
    expected_file = doc.with_suffix(".expected")
    if UPDATE:
        expected_file.write_text(got, encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8") if expected_file.exists() else None
    if got != expected:
        diff = "".join(difflib.unified_diff((expected or "").splitlines(True),
                                            got.splitlines(True), str(expected_file), "got"))
        pytest.fail(f"diagnostics differ from {expected_file.name}:\n{diff}\n"
                    "accept with TEI_EDITION_UPDATE_GOLDENS=1 after reading them")
    # documents named valid-* are valid; every other one is not (its golden says why)
    assert report.valid == doc.stem.startswith("valid-")


def test_every_diagnostic_has_a_line_and_column(tei_all_schemas):
    for doc in corpus_docs():
        schemas = SETS[doc.parent.name](tei_all_schemas)
        for d in iter_errors(doc, **schemas):
            assert d.location.line and d.location.col, str(d)


# ---------------------------------------------------------------------------------------
# TEI's own rules, and documents that must validate clean
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name,code", [
    ("when-and-from", "att-datable-w3c-when"),
    ("relateditem-target-and-content", "relatedItem-targetorcontent1"),
    ("calendar-without-text", "calendar_attr_on_empty_element"),
    ("spanto-backwards", "spanTo-points-to-following"),
    ("valid-with-warning-unitref", "att-measurement-unitRef"),
])
def test_tei_rules_catch_documents_that_break_them(name, code, tei_all_schemas):
    found = list(iter_errors(CORPUS / "tei_all" / f"{name}.xml", **tei_all_schemas))
    assert [d for d in found if code in d.code], found


def test_canonical_document_is_valid_against_tei_all(tei_all_schemas):
    assert list(iter_errors(CANONICAL, **tei_all_schemas)) == []
    validate(CANONICAL, **tei_all_schemas)  # does not raise


def test_canonical_document_is_valid_against_the_project_schema():
    assert list(iter_errors(CANONICAL)) == []


def assert_no_errors(reports) -> None:
    """No errors: warnings (a source without citation or date: header-source,
    header-date) leave a document valid."""
    assert [str(d) for r in reports for d in r.errors] == []


@pytest.fixture(scope="module")
def encoded_samples(wilson_samples) -> list[tuple[str, bytes]]:
    """The real Wilson samples (read from ../shared at test time), encoded now."""
    encode = pytest.importorskip("tei_edition.encoder.pipeline")
    return [(p.name, encode.encode_file(p).data) for p in wilson_samples]


def test_encoded_samples_are_valid_against_tei_all(encoded_samples, tei_all_schemas):
    validator = Validator(**tei_all_schemas)
    reports = [validator.check_bytes(data, name) for name, data in encoded_samples]
    assert [str(d) for r in reports for d in r.diagnostics] == []


def test_encoded_samples_are_valid_against_the_project_schema(encoded_samples):
    validator = Validator()
    assert_no_errors([validator.check_bytes(data, name) for name, data in encoded_samples])


@pytest.mark.parametrize("schemas", ["tei_all", "project"])
def test_bundled_sample_edition_is_valid(schemas, tei_all_schemas):
    from tei_edition.resources import sample_edition_dir

    folder = sample_edition_dir() / "tei"
    docs = find_xml_files([folder]) if folder.is_dir() else []
    if not docs:
        pytest.skip("the sample edition has no TEI yet (the encoder writes xml/tei/)")
    validator = Validator(**(tei_all_schemas if schemas == "tei_all" else PROJECT))
    assert_no_errors(list(validator.check_files(docs)))


# ---------------------------------------------------------------------------------------
# The API
# ---------------------------------------------------------------------------------------


def test_api_is_exported():
    assert {"validate", "is_valid", "iter_errors"} <= set(tei_edition.__all__)
    assert tei_edition.is_valid is is_valid


def test_validate_raises_with_every_diagnostic(tei_all_schemas):
    doc = CORPUS / "project" / "dangling-pointers.xml"
    with pytest.raises(InvalidDocumentError) as info:
        validate(doc)
    assert len(info.value.diagnostics) == 6
    assert isinstance(info.value, InvalidDocumentError)
    assert info.value.location.line == 23


def test_is_valid_and_bytes_input(tei_all_schemas):
    good = CANONICAL.read_bytes()
    assert is_valid(good, **tei_all_schemas)
    assert not is_valid(b"<TEI", **tei_all_schemas)
    assert not is_valid(CORPUS / "tei_all" / "when-and-from.xml", **tei_all_schemas)


def test_warnings_do_not_make_a_document_invalid(tei_all_schemas):
    doc = CORPUS / "tei_all" / "valid-with-warning-unitref.xml"
    found = list(iter_errors(doc, **tei_all_schemas))
    assert [d.level for d in found] == ["warning"]
    assert is_valid(doc, **tei_all_schemas)


def test_relaxng_only(tei_all_schemas):
    doc = CORPUS / "tei_all" / "when-and-from.xml"
    assert is_valid(doc, schema=TEI_ALL_RNG, schematron=False)


def test_missing_schema_is_a_usage_error(tmp_path):
    with pytest.raises(SchemaUnavailable, match="RELAX NG schema not found") as info:
        Validator(tmp_path / "none.rng", False)
    assert info.value.exit_code == 2


def test_broken_schematron_is_a_usage_error(tmp_path, tei_all_schemas):
    sch = tmp_path / "broken.sch"
    sch.write_text('<schema xmlns="http://purl.oclc.org/dsdl/schematron"><pattern>'
                   '<rule context="*"><assert test="((">x</assert></rule></pattern></schema>')
    with pytest.raises(SchemaUnavailable, match="does not compile"):
        Validator(TEI_ALL_RNG, sch)


def test_many_files_in_batches_keep_their_order(tmp_path, tei_all_schemas, monkeypatch):
    module = sys.modules["tei_edition.validate"]  # the package's `validate` is the function
    monkeypatch.setattr(module, "BATCH_SIZE", 3)
    good, bad = CANONICAL.read_bytes(), (CORPUS / "tei_all" / "when-and-from.xml").read_bytes()
    paths = []
    for i in range(8):
        path = tmp_path / f"doc{i}.xml"
        path.write_bytes(bad if i in (2, 6) else good)
        paths.append(path)
    reports = list(Validator(**tei_all_schemas).check_files(paths))
    assert [r.file for r in reports] == [str(p) for p in paths]
    assert [r.valid for r in reports] == [i not in (2, 6) for i in range(8)]


# ---------------------------------------------------------------------------------------
# Safety: nothing outside the document is read
# ---------------------------------------------------------------------------------------


def test_external_entity_is_refused_and_the_file_not_read(tei_all_schemas):
    doc = CORPUS / "tei_all" / "doctype-entity.xml"
    found = list(iter_errors(doc, **tei_all_schemas))
    assert [(d.code, d.location.line, d.location.col) for d in found] == [("xml", 2, 1)]
    assert "DOCTYPE" in found[0].message
    assert "SECRET" not in found[0].message


def test_entity_with_absolute_path(tmp_path, tei_all_schemas):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-TOKEN-42")
    doc = tmp_path / "evil.xml"
    doc.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY s SYSTEM "file://{secret}">]>\n'
                   '<TEI xmlns="http://www.tei-c.org/ns/1.0"><p>&s;</p></TEI>')
    result = CliRunner().invoke(cli, ["validate", "--schema", str(TEI_ALL_RNG),
                                      "--schematron", str(TEI_ALL_SCH), str(doc)])
    assert result.exit_code == 1
    assert f"{doc}:2:1: error [xml] DOCTYPE declarations are not allowed" in result.stderr
    assert "SECRET-TOKEN-42" not in result.output


def test_xinclude_of_bytes_is_refused_at_its_position(tei_all_schemas):
    # read from bytes, a document has no folder to include from (tests/test_xinclude.py
    # has the policy for files)
    data = (CORPUS / "tei_all" / "xinclude.xml").read_bytes()
    found = list(iter_errors(data, **tei_all_schemas))
    assert ("xinclude", 12, 20) in [(d.code, d.location.line, d.location.col) for d in found]
    assert all("SECRET" not in d.message for d in found)


def test_malformed_xml_has_line_and_column_and_no_traceback(tei_all_schemas):
    result = CliRunner().invoke(cli, ["validate", "--schema", str(TEI_ALL_RNG), "--schematron",
                                      str(TEI_ALL_SCH), str(CORPUS / "tei_all" / "malformed.xml")])
    assert result.exit_code == 1
    assert "malformed.xml:12:34: error [xml] not well-formed XML: Opening and ending tag " \
           "mismatch: hi line 12 and p" in result.stderr
    assert "Traceback" not in result.output


# ---------------------------------------------------------------------------------------
# The command line
# ---------------------------------------------------------------------------------------


def run(args: list[str]):
    return CliRunner().invoke(cli, ["validate", *args])


def tei_all_args() -> list[str]:
    return ["--schema", str(TEI_ALL_RNG), "--schematron", str(TEI_ALL_SCH)]


def test_cli_all_valid_exits_0(tei_all_schemas):
    valid = CORPUS / "tei_all" / "valid-memorandum.xml"
    result = run([*tei_all_args(), str(CANONICAL), str(valid)])
    assert result.exit_code == 0, result.output
    assert result.stderr == "2 files: 2 valid, 0 invalid, 0 errors, 0 warnings\n"


def test_cli_folder_gnu_lines_and_summary(tei_all_schemas):
    result = run([*tei_all_args(), str(CORPUS / "tei_all")])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    # xinclude.xml, read from its file, includes secret.txt from its own folder (the include
    # root): valid (tests/test_xinclude.py has the policy)
    assert lines[-1] == "10 files: 3 valid, 7 invalid, 9 errors, 1 warning"
    assert f"{CORPUS}/tei_all/when-and-from.xml:22:44: error " \
           "[schematron-constraint-tei_all-att.datable.w3c-att-datable-w3c-when-2] The @when " \
           "attribute cannot be used with any other att.datable.w3c attributes." in lines


def test_cli_json(tei_all_schemas):
    doc = CORPUS / "tei_all" / "when-and-from.xml"
    result = run([*tei_all_args(), "--format", "json", str(doc), str(CANONICAL)])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["summary"] == {"files": 2, "valid": 1, "invalid": 1, "errors": 1, "warnings": 0}
    (problem,) = data["problems"]
    assert problem["line"] == 22 and problem["col"] == 44 and problem["level"] == "error"
    assert set(problem) == {"file", "line", "col", "level", "code", "message"}


def test_cli_junit(tei_all_schemas):
    result = run([*tei_all_args(), "--format", "junit", str(CORPUS / "tei_all")])
    assert result.exit_code == 1
    suites = etree.fromstring(result.stdout.encode())
    suite = suites.find("testsuite")
    assert suite.get("tests") == "10"
    assert suite.get("failures") == "5" and suite.get("errors") == "2"
    cases = {Path(c.get("name")).name: c for c in suite.iter("testcase")}
    assert cases["xinclude.xml"].find("failure") is None  # its include is followed
    assert cases["valid-memorandum.xml"].find("failure") is None
    assert cases["malformed.xml"].find("error") is not None
    assert cases["when-and-from.xml"].find("failure").get("message").startswith("1 error(s)")
    assert "warning" in cases["valid-with-warning-unitref.xml"].findtext("system-out")


def test_cli_no_schematron(tei_all_schemas):
    doc = str(CORPUS / "tei_all" / "when-and-from.xml")
    assert run(["--schema", str(TEI_ALL_RNG), "--no-schematron", doc]).exit_code == 0
    assert run([*tei_all_args(), doc]).exit_code == 1


def test_cli_phase(tei_all_schemas):
    sch = HERE / "validate" / "schematron" / "features.sch"
    doc = CORPUS / "tei_all" / "valid-memorandum.xml"
    text = doc.read_text().replace('<p xml:id="p2">', '<p xml:id="p2"><ref target="#p9">x</ref>')
    path = Path(os.environ.get("TMPDIR", "/tmp")) / "tei-edition-phase-test.xml"
    path.write_text(text)
    try:
        assert run(["--schema", str(TEI_ALL_RNG), "--schematron", str(sch), str(path)]
                   ).exit_code == 0
        result = run(["--schema", str(TEI_ALL_RNG), "--schematron", str(sch),
                      "--phase", "pointers", str(path)])
        assert result.exit_code == 1
        assert "[target-resolves]" in result.stderr
        result = run(["--schema", str(TEI_ALL_RNG), "--schematron", str(sch),
                      "--phase", "nope", str(path)])
        assert result.exit_code == 2 and "no phase 'nope'" in result.stderr
    finally:
        path.unlink()


@pytest.mark.parametrize("args", [
    ["/no/such/file.xml"],
    ["--schema", "/no/such/schema.rng", str(CANONICAL)],
    ["--schematron", "/no/such/schema.sch", str(CANONICAL)],
    ["--format", "yaml", str(CANONICAL)],
    [],
])
def test_cli_usage_errors_exit_2(args):
    result = run(args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_cli_unreadable_file_exits_1(tmp_path, tei_all_schemas, monkeypatch):
    """CI runs as root, whom chmod does not stop: the refusal is simulated at os.open."""
    import errno

    doc = tmp_path / "locked.xml"
    doc.write_bytes(CANONICAL.read_bytes())
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if str(path) == str(doc):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    result = run([*tei_all_args(), str(doc)])
    assert result.exit_code == 1
    assert f"{doc}: error [io] cannot read: Permission denied" in result.stderr


# ---------------------------------------------------------------------------------------
# Property: any damage to a document gives diagnostics inside it, never a traceback
# ---------------------------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

CANONICAL_BYTES = CANONICAL.read_bytes()


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=st.integers(0, len(CANONICAL_BYTES)), length=st.integers(0, 40),
       insert=st.sampled_from([b"", b"<", b"&", b"<x>", b"]]>", b'"', b"</p>", b"\xff", b"&amp;"]))
def test_damaged_documents_give_located_diagnostics(start, length, insert, tei_all_schemas):
    data = CANONICAL_BYTES[:start] + insert + CANONICAL_BYTES[start + length:]
    report = Validator().check_bytes(data, "damaged.xml")
    lines = data.count(b"\n") + 1
    for d in report.diagnostics:
        assert d.location.file == "damaged.xml"
        assert d.location.line is not None and 1 <= d.location.line <= lines, str(d)
        assert d.code in {"xml", "rng"} or d.code, str(d)
    if report.readable:
        assert all(d.location.col for d in report.diagnostics), report.diagnostics


def test_cli_empty_folder_is_a_usage_error(tmp_path):
    result = run([str(tmp_path)])
    assert result.exit_code == 2
    assert "no *.xml files in" in result.stderr


def test_relaxng_messages_without_a_position_take_their_neighbour_s():
    # libxml2 reports "Element supplied failed to validate attributes" with no line or path
    data = CANONICAL.read_bytes().replace(b'reason="omitted-in-original" resp="#translator">the',
                                          b'reason="]]>omitted" resp="#translator">the')
    found = [d for d in Validator().check_bytes(data, "d.xml").diagnostics if d.code == "rng"]
    assert [(d.location.line, d.message) for d in found] == [
        (77, "Element supplied failed to validate attributes"),
        (77, 'Invalid attribute reason for element supplied (value "]]>omitted")'),
    ]
    assert all(d.location.col for d in found)


def test_a_latin1_document_is_read_in_its_own_encoding(tmp_path):
    text = (CORPUS / "project" / "bad-dates.xml").read_text(encoding="utf-8")
    text = text.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace(
        "The meeting of", "La réunion du")
    doc = tmp_path / "latin1.xml"
    doc.write_bytes(text.encode("iso-8859-1"))
    found = [d for d in iter_errors(doc) if d.code == "date-iso"]
    # columns count characters, not bytes ("é" is one column; the text is one shorter)
    assert [(d.location.line, d.location.col) for d in found] == [(23, 38), (24, 28)]

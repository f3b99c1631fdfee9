"""The ``tei-edition`` command: a click group. The only module that prints or exits.

Exit codes (tei_edition.errors.ExitCode): 0 ok, 1 invalid input (unreadable, malformed,
invalid or refused documents), 2 usage errors. Messages go to stderr in GNU form,
``file:line:col: level [code] message``.
"""

from __future__ import annotations

import functools
import json
import pathlib
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from tei_edition.errors import Diagnostic, ExitCode, InputError, Location, TeiEditionError
from tei_edition.version import __version__

if TYPE_CHECKING:  # the commands import what they run when they run it
    from tei_edition.readers import ReaderOptions

F = TypeVar("F", bound=Callable[..., Any])


class CommandError(click.ClickException):
    """A TeiEditionError on its way out of the command line, with its fixed exit code."""

    def __init__(self, error: TeiEditionError):
        super().__init__(error.message)
        self.error = error
        self.exit_code = int(error.exit_code)

    def format_message(self) -> str:
        return str(self.error.diagnostic())

    def show(self, file: Any = None) -> None:
        click.echo(self.format_message(), err=True)


class Failed(click.ClickException):
    """The command ran, reported its problems itself, and must exit with ``INVALID``."""

    exit_code = int(ExitCode.INVALID)

    def show(self, file: Any = None) -> None:
        if self.message:
            click.echo(self.message, err=True)


def reports_errors(func: F) -> F:
    """Turn the library's errors into clean one-line messages and exit codes (no traceback)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except TeiEditionError as exc:
            raise CommandError(exc) from None

    return wrapper  # type: ignore[return-value]


#: validate, html, pdf and build: where XIncludes may reach (tei_edition/xinclude.py)
include_root_option = click.option(
    "--include-root", "include_root", type=click.Path(exists=True, file_okay=False,
                                                      path_type=Path),
    help="XIncludes of local files resolve inside this folder (default: each document's own "
         "folder); never a URL.")


def echo_diagnostic(diagnostic: Diagnostic) -> None:
    click.echo(str(diagnostic), err=True)


def echo_diagnostics(diagnostics: Iterable[Diagnostic]) -> None:
    """Each message once, in order: ``build`` validates a document and then reads it again
    to publish it, and both find the SGA driver's repeated xml:id (``duplicate-id``). One
    write of them all: a build of 10,000 documents may repeat 100,000 notes, and a write
    each took two seconds."""
    text = "\n".join(map(str, dict.fromkeys(diagnostics)))
    if text:
        click.echo(text, err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tei-edition")
def cli() -> None:
    """tei-edition: plain-text archival documents to TEI P5, validated and published."""


# ---------------------------------------------------------------------------------------
# encode / export (issue 2: the encoder)
# ---------------------------------------------------------------------------------------


def _read_input(name: str) -> tuple[bytes, str]:
    """The bytes of an input (``-`` is stdin) and the name diagnostics give it."""
    from tei_edition.encoder.source import read_source_file
    from tei_edition.inputs import read_stdin

    if name == "-":
        return read_stdin("text", click.get_binary_stream("stdin")), "<stdin>"
    return read_source_file(name), name


def _plural(n: int, word: str, plural: str = "") -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _report(encoded: Any, review: bool) -> None:
    """Per document on stderr. By default: the interventions found, by kind, the entries of
    readings.tsv applied, the review notes and the warnings (``src/x.txt: ID: 11
    interventions (supplied 9, stamp 2), 1 reading applied, 2 review notes, 0 warnings``),
    then each warning and each review note. With ``--review``: only the review notes and
    the warnings about readings.tsv, the editor's part of the encoding."""
    from tei_edition.encoder.readings import WARNING_CODES

    if review:
        for diagnostic in encoded.reviews:
            echo_diagnostic(diagnostic)
        for diagnostic in encoded.diagnostics:
            if diagnostic.code in WARNING_CODES:
                echo_diagnostic(diagnostic)
        return
    counts = ", ".join(f"{kind} {n}" for kind, n in sorted(encoded.counts.items()))
    total = sum(encoded.counts.values())
    warnings = encoded.warnings  # all of them: those not shown beyond the cap included
    # (the readings applied and the review notes are named when there are any)
    applied = f", {_plural(len(encoded.applied), 'reading')} applied" if encoded.applied else ""
    reviews = f", {_plural(len(encoded.reviews), 'review note')}" if encoded.reviews else ""
    click.echo(f"{encoded.source}: {encoded.ident}: {total} interventions"
               f"{' (' + counts + ')' if counts else ''}{applied}{reviews}, "
               f"{_plural(warnings, 'warning')}", err=True)
    for diagnostic in encoded.diagnostics:
        echo_diagnostic(diagnostic)
    for diagnostic in encoded.reviews:
        echo_diagnostic(diagnostic)


def _readings(edition: Any, readings_file: str | None) -> Any:
    """The readings.tsv in force: ``--readings FILE``, else the one next to the edition's
    edition.toml when there is one, else None. A bad one raises InputError (file, line and
    column) before anything is encoded or written."""
    import os

    from tei_edition.encoder.readings import READINGS_FILE, load_readings

    if readings_file is not None:
        return load_readings(readings_file)
    if edition.root is None or not os.path.lexists(edition.root / READINGS_FILE):
        return None
    path = edition.root / READINGS_FILE  # (absolute: named from here when inside it)
    try:
        path = path.relative_to(Path.cwd())
    except ValueError:
        pass
    return load_readings(path)  # (a folder or FIFO of that name is refused by name)


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write the TEI here (default: stdout).")
@click.option("--out-dir", type=click.Path(file_okay=False),
              help="Encode many inputs (files or folders of .txt): one .xml each, same stem.")
@click.option("--force", is_flag=True,
              help="Replace outputs that exist (they may hold hand edits).")
@click.option("--from", "reader", default="wilson", show_default=True, metavar="FORMAT",
              help="Input format: wilson (the Wilson Center export) or plain (body text only).")
@click.option("--edition", "edition_file", type=click.Path(exists=True),
              help="edition.toml giving publisher and licence (default: the edition the "
                   "output is written into).")
@click.option("--title", help="Title (for --from plain).")
@click.option("--date", help="Date, e.g. 'April 25, 1962' (for --from plain).")
@click.option("--language", help="Original language, BCP 47, e.g. zh (for --from plain).")
@click.option("--readings", "readings_file", type=click.Path(exists=True, dir_okay=False),
              help="readings.tsv fixing the reading of given brackets (default: the "
                   "readings.tsv next to the edition's edition.toml, if any).")
@click.option("--review", is_flag=True,
              help="Print only the readings to review (note [bracket-review]) and the "
                   "warnings about readings.tsv; the outputs are written as always.")
@reports_errors
def encode(inputs: tuple[str, ...], output: str | None, out_dir: str | None, force: bool,
           reader: str, edition_file: str | None, title: str | None, date: str | None,
           language: str | None, readings_file: str | None, review: bool) -> None:
    """Encode plain-text documents as TEI P5.

    \b
    tei-edition encode cable.txt -o cable.xml
    tei-edition encode sources/ --out-dir tei/
    tei-edition encode sources/ --out-dir tei/ --force --review
    cat notes.txt | tei-edition encode - --from plain --title "Notes" > notes.xml

    Each reading whose evidence is weak is a note, `file:line:col: note [bracket-review]
    ...`, with the reading decided and the alternative. An edition's readings.tsv (file,
    the bracket's text, its occurrence among the brackets of that text, kind; tab-separated)
    fixes the reading of given brackets over the rules.
    """
    from tei_edition.readers import ReaderOptions, UnknownReaderError, get_reader

    try:
        get_reader(reader)
    except UnknownReaderError as exc:  # an unknown --from lists the known readers
        raise click.BadParameter(exc.message, param_hint="--from") from None
    if out_dir is None and (len(inputs) > 1 or Path(inputs[0]).is_dir()):
        raise click.UsageError("several inputs (or a folder) need --out-dir DIR")
    if out_dir is not None and output is not None:
        raise click.UsageError("give either -o OUTPUT or --out-dir DIR, not both")
    options = ReaderOptions(title=title, date=date, language=language)
    job = _Job(reader, edition_file, options, readings_file, review)
    if out_dir is None:
        _encode_one(inputs[0], output, force, job)
    else:
        _encode_many(inputs, Path(out_dir), force, job)


@dataclass(frozen=True)
class _Job:
    """What ``encode`` does to each input, as its options say."""

    reader: str
    edition_file: str | None
    options: ReaderOptions
    readings_file: str | None
    review: bool


def _encode_one(name: str, output: str | None, force: bool, job: _Job) -> None:
    """``encode NAME [-o OUTPUT]``: one input (``-``: stdin) to a file or to stdout."""
    from tei_edition.edition import edition_for
    from tei_edition.encoder.pipeline import encode_bytes
    from tei_edition.files import check_writable, write_atomic

    target = None if output in (None, "-") else Path(output)
    sources = [] if name == "-" else [name]
    if target is not None:
        check_writable(target, force, sources)
    edition = edition_for([target] if target is not None else [], job.edition_file)
    readings = _readings(edition, job.readings_file)
    data, source = _read_input(name)
    stem = None if name == "-" else Path(name).stem
    encoded = encode_bytes(data, source, reader=job.reader, edition=edition,
                           options=replace(job.options, stem=stem), readings=readings)
    if target is None:
        click.get_binary_stream("stdout").write(encoded.data)
    else:
        write_atomic(target, encoded.data, force=force, inputs=sources)
    _report(encoded, job.review)


def _encode_many(inputs: tuple[str, ...], folder: Path, force: bool, job: _Job) -> None:
    """``encode INPUTS --out-dir FOLDER``: each .txt to FOLDER/STEM.xml. An input that fails
    is reported and the others are still encoded; then :class:`Failed` (exit 1)."""
    from tei_edition.edition import edition_for
    from tei_edition.encoder.pipeline import encode_bytes
    from tei_edition.files import check_writable, write_atomic
    from tei_edition.inputs import FileSet, find_files

    edition = edition_for([folder / "_"], job.edition_file)
    readings = _readings(edition, job.readings_file)
    failed = False
    seen: dict[str, Path] = {}
    files = find_files(inputs, ".txt", recursive=False)
    if not files:
        raise click.UsageError("no .txt files among the inputs")
    sources = FileSet(files)
    for path in files:
        target = folder / f"{path.stem}.xml"
        try:
            if path.stem in seen:
                raise InputError(f"has the same stem as {seen[path.stem]}: both would be "
                                 f"written to {target}", Location(str(path)), "duplicate")
            seen[path.stem] = path
            check_writable(target, force, sources)
            data, source = _read_input(str(path))
            encoded = encode_bytes(data, source, reader=job.reader, edition=edition,
                                   options=replace(job.options, stem=path.stem),
                                   readings=readings)
            write_atomic(target, encoded.data, force=force, inputs=sources)
        except TeiEditionError as exc:
            echo_diagnostic(exc.diagnostic())
            failed = True
            continue
        _report(encoded, job.review)
    if failed:
        raise Failed("some inputs were not encoded (see above)")


@cli.command()
@click.argument("tei_file", metavar="TEI")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write the text here (default: stdout).")
@click.option("--force", is_flag=True, help="Replace an output that exists.")
@reports_errors
def export(tei_file: str, output: str | None, force: bool) -> None:
    """Write a TEI document the encoder made back in the input layout.

    \b
    tei-edition export tei/118186.xml -o 118186.txt
    """
    from tei_edition.export import export_bytes, export_file
    from tei_edition.files import check_writable, write_atomic
    from tei_edition.inputs import read_stdin

    target = None if output in (None, "-") else Path(output)
    sources = [] if tei_file == "-" else [tei_file]
    if target is not None:
        check_writable(target, force, sources)
    if tei_file == "-":
        text = export_bytes(read_stdin("xml", click.get_binary_stream("stdin")), "<stdin>")
    else:
        text = export_file(tei_file)
    if target is None:
        click.echo(text, nl=False)
    else:
        write_atomic(target, text, force=force, inputs=sources)


# ---------------------------------------------------------------------------------------
# schema (issue 3: the ODD compiler)
# ---------------------------------------------------------------------------------------


@cli.group()
def schema() -> None:
    """The project schema: compile a TEI customisation (ODD) to RELAX NG and Schematron."""


@schema.command("compile")
@click.argument("odd", type=click.Path(dir_okay=False))
@click.option("--source", "source", required=True, type=click.Path(dir_okay=False),
              help="The TEI P5 source, p5subset.xml.")
@click.option("--out-dir", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Where NAME.rng and NAME.sch go (NAME is the schemaSpec's @ident).")
@click.option("--force", is_flag=True, help="Replace existing NAME.rng and NAME.sch.")
@click.option("--trust-schema", is_flag=True,
              help="Accept constraints that read, write or fetch (for an ODD you trust).")
@reports_errors
def schema_compile(odd: str, source: str, out_dir: str, force: bool, trust_schema: bool
                   ) -> None:
    """Compile ODD against P5SUBSET into OUT_DIR/NAME.rng and OUT_DIR/NAME.sch.

    \b
    Example:
      tei-edition schema compile schemas/tei_edition.odd \\
          --source p5subset.xml --out-dir schemas --force
    """
    from tei_edition.odd import compile_odd, write_schema

    compiled = compile_odd(odd, source, trust=trust_schema)
    for name in compiled.dropped:
        click.echo(f"{odd}: warning [odd] element {name} can never be valid (its required"
                   " content is not in the schema): left out", err=True)
    for path in write_schema(compiled, out_dir, force=force):
        click.echo(str(path))


# ---------------------------------------------------------------------------------------
# validate (issue 4)
# ---------------------------------------------------------------------------------------


@cli.command("validate")
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=pathlib.Path))
@click.option("--schema", "schema", type=click.Path(exists=True, dir_okay=False,
                                                    path_type=pathlib.Path),
              help="RELAX NG schema (default: the project's schemas/tei_edition.rng).")
@click.option("--schematron", "schematron", type=click.Path(exists=True, dir_okay=False,
                                                            path_type=pathlib.Path),
              help="Also check this ISO Schematron schema.")
@click.option("--project-rules", is_flag=True,
              help="Also check the project's Schematron (schemas/tei_edition.sch), which runs"
                   " by default only without --schema.")
@click.option("--no-schematron", is_flag=True,
              help="Check RELAX NG only (without --schema: the project's RELAX NG).")
@click.option("--trust-schema", is_flag=True,
              help="Accept Schematron rules that read, write or fetch (they still run in a"
                   " sandbox without file or network access).")
@click.option("--phase", default=None,
              help="Schematron phase to run (default: the schema's defaultPhase, else #ALL).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit"]), default="text",
              show_default=True,
              help="text: GNU lines on stderr; json and junit: a report on stdout.")
@click.option("--registers", "registers", type=click.Path(exists=True, file_okay=False,
                                                          path_type=Path),
              help="Check every register pointer (per:ID, pla:ID, org:ID) against the "
                   "registers of this folder (default: each file's edition's registers/).")
@include_root_option
@reports_errors
def validate_command(paths: tuple[pathlib.Path, ...], schema: pathlib.Path | None,
                     schematron: pathlib.Path | None, project_rules: bool,
                     no_schematron: bool, trust_schema: bool, phase: str | None,
                     fmt: str, registers: Path | None, include_root: Path | None) -> None:
    """Check TEI documents (files, or folders searched for *.xml) against RELAX NG and
    Schematron. One line per problem, `file:line:col: error [code] message`, then a summary.
    Exit 0 when all are valid, 1 when any is invalid or unreadable, 2 on usage errors.

    Without options: the project's schema (RELAX NG and Schematron). `--schema FILE` alone
    checks that schema alone, as jing would; add `--schematron FILE` or `--project-rules`
    for rules. Example: tei-edition validate --schema tei_all.rng letters/"""
    from tei_edition.registers.edition import FileRegisters
    from tei_edition.validate import (
        Validator,
        find_xml_files,
        junit_report,
        summary,
        summary_line,
    )
    from tei_edition.xinclude import without_parts

    chosen = [name for name, given in (("--schematron", schematron is not None),
                                       ("--project-rules", project_rules),
                                       ("--no-schematron", no_schematron)) if given]
    if len(chosen) > 1:
        raise click.UsageError(" and ".join(chosen) + " exclude each other")
    files = find_xml_files(paths)
    if not files:
        raise click.UsageError("no *.xml files in " + ", ".join(str(p) for p in paths))
    # a folder's files that another of them XIncludes are checked within it
    files, parts = without_parts(paths, files, "validated")
    if fmt == "text":
        echo_diagnostics(parts)
    rules: pathlib.Path | bool | None = (False if no_schematron else True if project_rules
                                         else schematron)
    validator = Validator(schema, rules, phase, trust_schema=trust_schema,
                          include_root=include_root, registers=FileRegisters(registers))
    reports = []
    for report in validator.check_files(files):
        reports.append(report)
        if fmt == "text":
            for diagnostic in report.diagnostics:
                echo_diagnostic(diagnostic)
    counts = summary(reports)
    if fmt == "json":
        click.echo(json.dumps({"summary": counts,
                               "problems": [d.as_dict() for r in reports for d in r.diagnostics]},
                              ensure_ascii=False, indent=1))
    elif fmt == "junit":
        click.echo(junit_report(reports), nl=False)
    text = summary_line(counts)
    if fmt == "text":
        click.echo(text, err=True)
    if counts["invalid"]:
        raise Failed("" if fmt == "text" else text)



# ---------------------------------------------------------------------------------------
# html (issue 5: the HTML edition)
# ---------------------------------------------------------------------------------------


@cli.command("html")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out-dir", "-o", required=True, type=click.Path(path_type=Path),
              help="The folder of the site (created; a previous site there is replaced).")
@click.option("--edition", "edition_file", type=click.Path(path_type=Path), default=None,
              help="The edition.toml to use (default: the one the documents belong to).")
@click.option("--force", is_flag=True,
              help="Write into a non-empty folder that is not a previous tei-edition site.")
@include_root_option
@reports_errors
def html_command(paths: tuple[Path, ...], out_dir: Path, edition_file: Path | None,
                 force: bool, include_root: Path | None) -> None:
    """Render TEI documents (files or folders) into a static HTML site.

    The site works from any web server and straight from file://: index.html lists the
    documents (search, filters, sorting); documents/ has a page per document; tei/ the
    TEI XML. Example: tei-edition html xml/tei --out-dir site
    """
    from tei_edition.edition import edition_for
    from tei_edition.site import build_site

    edition = edition_for(list(paths), edition_file)
    site = build_site(paths, out_dir, edition, force=force, include_root=include_root)
    echo_diagnostics(site.diagnostics)
    n = len(site.documents)
    click.echo(f"{out_dir / 'index.html'}: {n} document{'s' if n != 1 else ''}, "
               f"{len(site.files)} files written")


# ---------------------------------------------------------------------------------------
# pdf (issue 6: the print edition)
# ---------------------------------------------------------------------------------------


@cli.command("pdf")
@click.argument("paths", nargs=-1, required=True,
                type=click.Path())
@click.option("-o", "--output", required=True,
              type=click.Path(dir_okay=False), help="The PDF to write.")
@click.option("--paper", type=click.Choice(["a4", "letter"], case_sensitive=False),
              default="a4", show_default=True, help="Paper size.")
@click.option("--edition", "edition_file", type=click.Path(), default=None,
              help="The edition.toml (default: the nearest one above the first document).")
@click.option("--force", is_flag=True, help="Replace the output if it exists.")
@click.option("--max-pages", type=click.IntRange(min=1), default=2000, show_default=True,
              help="The page budget: the most pages of the PDF (and so of each document); "
                   "beyond it nothing is written.")
@include_root_option
@reports_errors
def pdf_command(paths: tuple[str, ...], output: str, paper: str, edition_file: str | None,
                force: bool, max_pages: int, include_root: Path | None) -> None:
    """Print TEI documents as a PDF: one document, or a volume of several.

    PATHS are TEI files or folders of them (*.xml). A volume has a title page, contents
    with page numbers and the documents in date order; every document has footnotes,
    paragraph numbers in the margin and its editorial interventions after it.

    A volume of an edition with registers (EDITION/registers beside edition.toml) ends with
    an index of the persons, places and organisations its names point to.

    A document or a volume of more than --max-pages pages is refused (exit 1): at once when
    its text shows it, else after the layout. tei-edition build splits an edition into
    volumes of at most that many pages.

    Example: tei-edition pdf xml/tei -o volume.pdf --paper letter
    """
    from tei_edition.edition import edition_for
    from tei_edition.files import check_writable, write_atomic
    from tei_edition.inputs import find_files
    from tei_edition.pdf import build_pdf
    from tei_edition.site_registers import edition_register

    sources = find_files(paths, ".xml")
    check_writable(output, force, sources)
    register = edition_register(edition_for([Path(p) for p in paths], edition_file))
    result = build_pdf(paths, edition_file=edition_file, paper=paper.lower(),
                       output_name=str(output), max_pages=max_pages,
                       include_root=include_root, register=register)
    echo_diagnostics(result.diagnostics)
    write_atomic(output, result.pdf, force=force, inputs=sources)
    kind = "volume" if result.is_volume else "document"
    click.echo(f"{output}: {kind} of {len(result.documents)} document(s), {result.pages} pages")
    left_out = sum(1 for d in result.diagnostics if d.code == "not-printed")
    if left_out:
        raise Failed(f"{left_out} document(s) could not be printed and are not in {output}")


# ---------------------------------------------------------------------------------------
# build: the main job on an edition project
# ---------------------------------------------------------------------------------------


@cli.command("init")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--title", default="Untitled edition", show_default=True,
              help="The edition's title (edition.toml).")
@reports_errors
def init_command(folder: str, title: str) -> None:
    """Make an edition project: edition.toml (every key commented), sources/, tei/ and a
    README for the editors.

    Example: tei-edition init my-edition --title "Border Cables, 1961-1962"
    """
    from tei_edition.project import init_project

    for path in init_project(folder, title):
        click.echo(f"{path}: written")
    click.echo(f"put the sources in {Path(folder) / 'sources'}, then: "
               f"tei-edition build {folder}")


@cli.command("build")
@click.argument("edition_dir", metavar="[EDITION]", required=False,
                type=click.Path(file_okay=False, exists=True))
@click.option("--out-dir", "-o", type=click.Path(file_okay=False),
              help="Where the site and the PDF go (default: EDITION/site).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: all cores).")
@click.option("--keep-going", is_flag=True,
              help="Publish the valid documents when some are invalid (exit 1 all the same).")
@click.option("--paper", type=click.Choice(["a4", "letter"], case_sensitive=False),
              default="a4", show_default=True, help="Paper size of the PDF.")
@click.option("--max-pages", type=click.IntRange(min=1), default=None,
              help="The page budget of one PDF volume (default 2000); a larger edition is "
                   "printed as edition-1.pdf, edition-2.pdf, ...")
@click.option("--force", is_flag=True,
              help="Build into a non-empty folder that is not a previous build.")
@click.option("--no-pdf", "no_pdf", is_flag=True,
              help="Leave the PDF volumes out (an earlier build's stay as they were).")
@include_root_option
@reports_errors
def build_command(edition_dir: str | None, out_dir: str | None, jobs: int | None,
                  keep_going: bool, paper: str, max_pages: int | None, force: bool,
                  include_root: Path | None, no_pdf: bool = False) -> None:
    """Encode an edition's new and changed sources, validate its TEI, and publish it: the
    HTML site and the PDF (into EDITION/site, or --out-dir).

    EDITION is an edition project (edition.toml, sources/, tei/; tei-edition init makes
    one). A TEI changed by hand is never overwritten: a new encoding of its changed source
    goes beside it as NAME.new.xml. Nothing is published while a document is invalid,
    unless --keep-going. Without EDITION, the bundled sample edition is copied to
    ./sample-edition and built there.

    \b
    tei-edition build                      # ./sample-edition/site/index.html
    tei-edition build my-edition -j 4
    tei-edition build my-edition --out-dir public --keep-going
    """
    from tei_edition.build import build_edition
    from tei_edition.build.workers import default_jobs

    if edition_dir is None:
        from tei_edition.project import sample_copy

        edition_dir = str(sample_copy())
        click.echo(f"{edition_dir}: the bundled sample edition")
    progress = _Progress(sys.stderr.isatty())
    result = build_edition(edition_dir, out_dir, force=force, paper=paper.lower(),
                           max_pages=max_pages, include_root=include_root,
                           jobs=jobs or default_jobs(), keep_going=keep_going,
                           progress=progress, pdf=not no_pdf)
    progress.close()
    echo_diagnostics(result.diagnostics)
    counts = ", ".join(f"{n} {what}" for what, n in sorted(result.sources.items()) if n)
    times = ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in result.seconds.items())
    click.echo(f"sources: {counts or 'none'}; TEI: {len(result.documents)} documents, "
               f"{len(result.invalid)} invalid, {result.validated} validated, "
               f"{result.linked} linked ({result.relinked} changed); pages: "
               f"{result.pages_rendered} rendered, {result.pages_unchanged} unchanged; {times}")
    if result.site is not None:
        click.echo(f"{result.site}/index.html: {len(result.published)} documents")
    for volume, pages in result.volumes:
        click.echo(f"{volume}: {pages} pages")
    if result.sources["failed"]:
        raise Failed(f"{result.sources['failed']} source(s) could not be encoded"
                     + ("" if result.site is not None else "; nothing was published"))
    if result.invalid:
        raise Failed(f"{len(result.invalid)} of {len(result.documents)} documents are invalid; "
                     + ("the valid ones were published" if result.site is not None
                        else "nothing was published (--keep-going publishes the valid ones)"))
    if result.unrendered:
        raise Failed(f"{len(result.unrendered)} document(s) could not be rendered and keep "
                     "their previous pages")
    left_out = sum(1 for d in result.diagnostics if d.code == "not-printed")
    if left_out:
        raise Failed(f"{left_out} document(s) could not be printed and are not in the PDF")


@cli.command("serve")
@click.argument("edition_dir", metavar="[EDITION]", required=False,
                type=click.Path(file_okay=False, exists=True))
@click.option("--port", type=click.IntRange(min=0, max=65535), default=8000,
              show_default=True, help="The port on 127.0.0.1 (0: any free port).")
@click.option("--out-dir", "-o", type=click.Path(file_okay=False),
              help="Where the site goes (default: EDITION/site).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: all cores).")
@click.option("--keep-going", is_flag=True,
              help="Publish the valid documents when some are invalid.")
@click.option("--no-pdf", "no_pdf", is_flag=True,
              help="Leave the PDF volumes out: a faster preview of the site.")
@include_root_option
@click.pass_context
@reports_errors
def serve_command(ctx: click.Context, edition_dir: str | None, port: int,
                  out_dir: str | None, jobs: int | None, keep_going: bool, no_pdf: bool,
                  include_root: Path | None) -> None:
    """Build an edition, serve its site on 127.0.0.1 for a preview, and build it again
    whenever its sources, its TEI, edition.toml or readings.tsv change. Ctrl-C stops.

    A build that fails (an invalid document) is reported, and the site served stays as
    the last good build left it. Without EDITION, the bundled sample edition in
    ./sample-edition, as tei-edition build.

    \b
    tei-edition serve my-edition           # http://127.0.0.1:8000/
    tei-edition serve my-edition --port 0  # any free port
    """
    import threading

    from tei_edition.project import SITE_FOLDER, sample_copy
    from tei_edition.serve import start_server, url_of, watch

    if edition_dir is None:
        edition_dir = str(sample_copy())
        click.echo(f"{edition_dir}: the bundled sample edition")
    root = Path(edition_dir)
    site = Path(out_dir) if out_dir is not None else root / SITE_FOLDER

    def build() -> None:
        try:
            ctx.invoke(build_command, edition_dir=edition_dir, out_dir=out_dir, jobs=jobs,
                       keep_going=keep_going, paper="a4", max_pages=None, force=False,
                       include_root=include_root, no_pdf=no_pdf)
        except click.ClickException as exc:  # reported; the last good site stays served
            exc.show()

    build()
    site.mkdir(parents=True, exist_ok=True)  # a first build that failed wrote nothing
    server = start_server(site, port)
    click.echo(f"serving {site} at {url_of(server)} (Ctrl-C stops)", err=True)
    stop = threading.Event()
    try:
        watch(root, build, stop)
    except KeyboardInterrupt as exc:
        if isinstance(exc, Terminated):
            raise  # SIGTERM: exit 143, as every command
        click.echo("stopped", err=True)  # Ctrl-C is how a preview ends: exit 0
    finally:
        stop.set()
        server.shutdown()
        server.server_close()


class _Progress:
    """How far each stage of a build is: on a terminal a line redrawn in place (done of
    total, rate, time left); elsewhere (CI, a log) a line when a stage starts and one when
    it ends."""

    def __init__(self, terminal: bool):
        import time

        self.terminal = terminal
        self.clock = time.monotonic
        self.stage: str | None = None
        self.started = 0.0
        self.drawn = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = self.clock()
        if stage != self.stage:
            self.close()
            self.stage, self.started, self.total = stage, now, total
            if not self.terminal:
                click.echo(f"{stage}: {total} documents", err=True)
        self.done = done
        if self.terminal and (now - self.drawn > 0.1 or done == total):
            self.drawn = now
            spent = now - self.started
            rate = done / spent if spent > 0 else 0.0
            left = f", {(total - done) / rate:.0f} s left" if rate and done < total else ""
            click.echo(f"\r{stage}: {done}/{total} ({rate:.0f}/s{left})\x1b[K", err=True,
                       nl=False)
        if done == total:
            self.close()

    def close(self) -> None:
        if self.stage is None:
            return
        spent = self.clock() - self.started
        if self.terminal:
            click.echo("", err=True)
        else:
            click.echo(f"{self.stage}: {self.done} of {self.total} in {spent:.1f} s", err=True)
        self.stage = None


# ---------------------------------------------------------------------------------------
# register (issue 16: registers of persons, places and organisations)
# ---------------------------------------------------------------------------------------

_register_options = [
    click.argument("edition_dir", metavar="[EDITION]", required=False, default=".",
                   type=click.Path(file_okay=False, exists=True, path_type=Path)),
    click.option("--registers", "registers", type=click.Path(file_okay=False, path_type=Path),
                 help="The folder of persons.xml, places.xml, organisations.xml "
                      "(default: EDITION/registers)."),
    click.option("--tei", "tei_paths", multiple=True,
                 type=click.Path(exists=True, path_type=Path),
                 help="TEI files or folders instead of EDITION/tei (repeatable)."),
]


def _with_register_options(func: F) -> F:
    for option in reversed(_register_options):
        func = option(func)
    return func


@cli.group("register")
def register_group() -> None:
    """Registers of persons, places and organisations (EDITION/registers/*.xml)."""


@register_group.command("link")
@_with_register_options
@reports_errors
def register_link(edition_dir: Path, registers: Path | None,
                  tei_paths: tuple[Path, ...]) -> None:
    """Link the names of the edition's TEI to the registers: @ref on the names, new
    persName/placeName/orgName around names found in the text; nothing else changes. A
    name several entries fit is left unlinked, with a note [register-ambiguous].

    Example: tei-edition register link my-edition"""
    from tei_edition.registers.edition import link_edition

    run = link_edition(edition_dir, registers, tei_paths)
    echo_diagnostics(run.diagnostics)
    actions = ", ".join(f"{n} {what}" for what, n in sorted(run.actions.items()))
    click.echo(f"{len(run.register)} register entries; {run.documents} documents, "
               f"{run.changed} changed; links: {actions or 'none'}", err=True)
    if run.errors:
        raise Failed("")


@register_group.command("check")
@_with_register_options
@reports_errors
def register_check(edition_dir: Path, registers: Path | None,
                   tei_paths: tuple[Path, ...]) -> None:
    """Check the registers (the project schema, a preferred name for every entry, names
    two entries share) and that every per:/pla:/org: pointer of the TEI names an entry.
    Exit 1 when there is an error.

    Example: tei-edition register check my-edition"""
    from tei_edition.registers.edition import check_edition

    run = check_edition(edition_dir, registers, tei_paths)
    echo_diagnostics(run.diagnostics)
    click.echo(f"{len(run.register)} register entries, {run.documents} documents: "
               f"{run.errors} errors", err=True)
    if run.errors:
        raise Failed("")


@register_group.command("suggest")
@_with_register_options
@click.option("--write", "write_to", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the groups as draft entries (a TEI file) for the editors.")
@click.option("--force", is_flag=True, help="Overwrite the --write file.")
@reports_errors
def register_suggest(edition_dir: Path, registers: Path | None, tei_paths: tuple[Path, ...],
                     write_to: Path | None, force: bool) -> None:
    """List the names of the TEI that no register entry covers, grouped and counted (on
    stdout: count, kind, name, identifier); places with their GeoNames or ISO 3166
    identifier, found offline by exact name. Run it after `register link`.

    Example: tei-edition register suggest my-edition --write drafts.xml"""
    from tei_edition.files import write_atomic
    from tei_edition.registers.authority import GEONAMES_CREDIT
    from tei_edition.registers.edition import REGISTERS_DIR, tei_files
    from tei_edition.registers.model import load_register
    from tei_edition.registers.suggest import draft_document, suggest
    from tei_edition.tei import serialize

    register = load_register(registers or edition_dir / REGISTERS_DIR)
    found = suggest(tei_files(edition_dir, tei_paths), register)
    for s in found:
        ident = f"{s.authority.scheme}:{s.authority.ident}" if s.authority else ""
        click.echo(f"{s.count}\t{s.kind}\t{s.name}\t{ident}")
    click.echo(f"{len(found)} names no entry covers; place identifiers: {GEONAMES_CREDIT}",
               err=True)
    if write_to is not None:  # refused when it exists, unless --force; never a TEI input
        write_atomic(write_to, serialize(draft_document(found, register)), force=force,
                     inputs=tei_files(edition_dir, tei_paths))
        click.echo(f"{write_to}: written", err=True)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main thread so that a run stops as it does on Ctrl-C: the
    temporary file being written is removed and the output folder's manifest stays as it
    was, for the next run to finish."""


def _terminate(signum: int, frame: Any) -> None:
    raise Terminated()


def main() -> None:
    """Entry point of the console script and of ``python -m tei_edition``.

    Exit codes: those of :class:`~tei_edition.errors.ExitCode`; 130 after Ctrl-C (SIGINT),
    143 after SIGTERM. No traceback reaches the user: an error the toolkit did not foresee
    is one line that asks for a report (``TEI_EDITION_DEBUG=1`` shows the traceback).
    """
    import os
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    try:
        code = cli.main(prog_name="tei-edition", standalone_mode=False)
    except (click.exceptions.Abort, KeyboardInterrupt) as exc:
        # click turns an interrupt inside a command into Abort, the interrupt its cause
        terminated = isinstance(exc, Terminated) or isinstance(exc.__cause__, Terminated)
        click.echo("terminated" if terminated else "interrupted", err=True)
        sys.exit(int(ExitCode.TERMINATED if terminated else ExitCode.INTERRUPTED))
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except TeiEditionError as exc:  # raised outside a command (e.g. by a parameter callback)
        click.echo(str(exc.diagnostic()), err=True)
        sys.exit(int(exc.exit_code))
    except OSError as exc:  # stdout or stderr closed or full (| head, a full disk)
        name = getattr(exc, "filename", None) or "<output>"
        click.echo(f"{name}: error [io] {exc.strerror or exc}", err=True)
        sys.exit(int(ExitCode.INVALID))
    except Exception as exc:
        if os.environ.get("TEI_EDITION_DEBUG"):
            raise
        kind = "out of memory" if isinstance(exc, MemoryError) else type(exc).__name__
        click.echo(f"tei-edition: internal error ({kind}: {exc}); this is a bug in "
                   "tei-edition: please report it with the command and the input that caused "
                   "it (TEI_EDITION_DEBUG=1 shows the traceback)", err=True)
        sys.exit(int(ExitCode.INTERNAL))
    sys.exit(code if isinstance(code, int) else 0)

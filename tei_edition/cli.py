"""The ``tei-edition`` command: a click group. The only module that prints or exits.

Exit codes (tei_edition.errors.ExitCode): 0 ok, 1 invalid input (unreadable, malformed,
invalid or refused documents), 2 usage errors. Messages go to stderr in GNU form,
``file:line:col: level [code] message``.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from tei_edition import __version__
from tei_edition.errors import Diagnostic, ExitCode, InputError, Location, TeiEditionError

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


def echo_diagnostic(diagnostic: Diagnostic) -> None:
    click.echo(str(diagnostic), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tei-edition")
def cli() -> None:
    """tei-edition: plain-text archival documents to TEI P5, validated and published."""


# ---------------------------------------------------------------------------------------
# encode / export (issue 2: the encoder)
# ---------------------------------------------------------------------------------------


def _read_input(name: str) -> tuple[bytes, str]:
    """The bytes of an input (``-`` is stdin) and the name diagnostics give it."""
    from tei_edition.encode import read_source_file

    if name == "-":
        return click.get_binary_stream("stdin").read(), "<stdin>"
    return read_source_file(name), name


def _summary(encoded: Any) -> None:
    """Per document on stderr: the interventions found, by kind, and the warnings."""
    counts = ", ".join(f"{kind} {n}" for kind, n in sorted(encoded.counts.items()))
    total = sum(encoded.counts.values())
    warnings = len(encoded.diagnostics)
    click.echo(f"{encoded.source}: {encoded.ident}: {total} interventions"
               f"{' (' + counts + ')' if counts else ''}, {warnings} warning"
               f"{'' if warnings == 1 else 's'}", err=True)
    for diagnostic in encoded.diagnostics:
        echo_diagnostic(diagnostic)


def _collect_inputs(inputs: tuple[str, ...]) -> list[Path]:
    files: list[Path] = []
    for name in inputs:
        p = Path(name)
        if p.is_dir():
            files.extend(sorted(q for q in p.glob("*.txt") if q.is_file()))
        else:
            files.append(p)
    return files


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
@reports_errors
def encode(inputs: tuple[str, ...], output: str | None, out_dir: str | None, force: bool,
           reader: str, edition_file: str | None, title: str | None, date: str | None,
           language: str | None) -> None:
    """Encode plain-text documents as TEI P5.

    \b
    tei-edition encode cable.txt -o cable.xml
    tei-edition encode sources/ --out-dir tei/
    cat notes.txt | tei-edition encode - --from plain --title "Notes" > notes.xml
    """
    from tei_edition.edition import edition_for
    from tei_edition.encode import encode_bytes
    from tei_edition.files import check_writable, write_atomic
    from tei_edition.readers import ReaderOptions, UnknownReaderError, get_reader

    try:
        get_reader(reader)
    except UnknownReaderError as exc:  # an unknown --from lists the known readers
        raise click.BadParameter(exc.message, param_hint="--from") from None
    if out_dir is None and (len(inputs) > 1 or Path(inputs[0]).is_dir()):
        raise click.UsageError("several inputs (or a folder) need --out-dir DIR")
    if out_dir is not None and output is not None:
        raise click.UsageError("give either -o OUTPUT or --out-dir DIR, not both")

    def options(stem: str | None) -> ReaderOptions:
        return ReaderOptions(title=title, date=date, language=language, stem=stem)

    if out_dir is None:
        name = inputs[0]
        target = None if output in (None, "-") else Path(output)
        if target is not None:
            check_writable(target, force)
        edition = edition_for([target] if target is not None else [], edition_file)
        data, source = _read_input(name)
        encoded = encode_bytes(data, source, reader=reader, edition=edition,
                               options=options(None if name == "-" else Path(name).stem))
        if target is None:
            click.get_binary_stream("stdout").write(encoded.data)
        else:
            write_atomic(target, encoded.data, force=force)
        _summary(encoded)
        return

    folder = Path(out_dir)
    edition = edition_for([folder / "_"], edition_file)
    failed = False
    seen: dict[str, Path] = {}
    files = _collect_inputs(inputs)
    if not files:
        raise click.UsageError("no .txt files among the inputs")
    for path in files:
        target = folder / f"{path.stem}.xml"
        try:
            if path.stem in seen:
                raise InputError(f"has the same stem as {seen[path.stem]}: both would be "
                                 f"written to {target}", Location(str(path)), "duplicate")
            seen[path.stem] = path
            check_writable(target, force)
            data, source = _read_input(str(path))
            encoded = encode_bytes(data, source, reader=reader, edition=edition,
                                   options=options(path.stem))
            write_atomic(target, encoded.data, force=force)
        except TeiEditionError as exc:
            echo_diagnostic(exc.diagnostic())
            failed = True
            continue
        _summary(encoded)
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

    target = None if output in (None, "-") else Path(output)
    if target is not None:
        check_writable(target, force)
    if tei_file == "-":
        text = export_bytes(click.get_binary_stream("stdin").read(), "<stdin>")
    else:
        text = export_file(tei_file)
    if target is None:
        click.echo(text, nl=False)
    else:
        write_atomic(target, text, force=force)


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
@reports_errors
def schema_compile(odd: str, source: str, out_dir: str, force: bool) -> None:
    """Compile ODD against P5SUBSET into OUT_DIR/NAME.rng and OUT_DIR/NAME.sch.

    \b
    Example:
      tei-edition schema compile schemas/tei_edition.odd \\
          --source p5subset.xml --out-dir schemas --force
    """
    from tei_edition.odd import compile_odd, write_schema

    compiled = compile_odd(odd, source)
    for name in compiled.dropped:
        click.echo(f"{odd}: warning [odd] element {name} can never be valid (its required"
                   " content is not in the schema): left out", err=True)
    for path in write_schema(compiled, out_dir, force=force):
        click.echo(str(path))


# ---------------------------------------------------------------------------------------
# validate (issue 4)
# ---------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------
# html (issue 5: the HTML edition)
# ---------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------
# pdf (issue 6: the print edition)
# ---------------------------------------------------------------------------------------


def main() -> None:
    """Entry point of the console script and of ``python -m tei_edition``."""
    try:
        cli.main(prog_name="tei-edition", standalone_mode=True)
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        click.echo("interrupted", err=True)
        sys.exit(130)

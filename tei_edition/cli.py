"""The ``tei-edition`` command: a click group. The only module that prints or exits.

Exit codes (tei_edition.errors.ExitCode): 0 ok, 1 invalid input (unreadable, malformed,
invalid or refused documents), 2 usage errors. Messages go to stderr in GNU form,
``file:line:col: level [code] message``.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from tei_edition import __version__
from tei_edition.errors import Diagnostic, ExitCode, TeiEditionError

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


# ---------------------------------------------------------------------------------------
# schema (issue 3: the ODD compiler)
# ---------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------
# validate (issue 4)
# ---------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------
# html (issue 5: the HTML edition)
# ---------------------------------------------------------------------------------------


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
@reports_errors
def pdf_command(paths: tuple[str, ...], output: str, paper: str, edition_file: str | None,
                force: bool) -> None:
    """Print TEI documents as a PDF: one document, or a volume of several.

    PATHS are TEI files or folders of them (*.xml). A volume has a title page, contents
    with page numbers and the documents in date order; every document has footnotes,
    paragraph numbers in the margin and its editorial interventions after it.

    Example: tei-edition pdf xml/tei -o volume.pdf --paper letter
    """
    from tei_edition.files import check_writable, write_atomic
    from tei_edition.pdf import build_pdf

    check_writable(output, force)
    result = build_pdf(paths, edition_file=edition_file, paper=paper.lower(),
                       output_name=str(output))
    for diagnostic in result.diagnostics:
        echo_diagnostic(diagnostic)
    write_atomic(output, result.pdf, force=force)
    kind = "volume" if result.is_volume else "document"
    click.echo(f"{output}: {kind} of {len(result.documents)} document(s), {result.pages} pages")


def main() -> None:
    """Entry point of the console script and of ``python -m tei_edition``."""
    try:
        cli.main(prog_name="tei-edition", standalone_mode=True)
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        click.echo("interrupted", err=True)
        sys.exit(130)

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


@cli.command("html")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out-dir", "-o", required=True, type=click.Path(path_type=Path),
              help="The folder of the site (created; a previous site there is replaced).")
@click.option("--edition", "edition_file", type=click.Path(path_type=Path), default=None,
              help="The edition.toml to use (default: the one the documents belong to).")
@click.option("--force", is_flag=True,
              help="Write into a non-empty folder that is not a previous tei-edition site.")
@reports_errors
def html_command(paths: tuple[Path, ...], out_dir: Path, edition_file: Path | None,
                 force: bool) -> None:
    """Render TEI documents (files or folders) into a static HTML site.

    The site works from any web server and straight from file://: index.html lists the
    documents (search, filters, sorting); documents/ has a page per document; tei/ the
    TEI XML. Example: tei-edition html xml/tei --out-dir site
    """
    from tei_edition.edition import edition_for
    from tei_edition.site import build_site

    edition = edition_for(list(paths), edition_file)
    site = build_site(paths, out_dir, edition, force=force)
    n = len(site.documents)
    click.echo(f"{out_dir / 'index.html'}: {n} document{'s' if n != 1 else ''}, "
               f"{len(site.files)} files written")


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

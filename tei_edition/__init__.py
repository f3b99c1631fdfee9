"""tei-edition: plain-text archival documents to TEI P5, validated and published.

The public API (what a user imports) is re-exported here as each job lands.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from tei_edition.version import __version__

__all__ = ["__version__", "encode", "export", "is_valid", "iter_errors", "validate"]

# The submodules tei_edition.encode and tei_edition.export are loaded here, before the
# functions of the same names are defined below: loading a submodule sets the package's
# attribute of its name, and it does so only once, so the functions stay what
# ``tei_edition.encode`` and ``tei_edition.export`` are.
import tei_edition.encode as _encode_module  # noqa: E402,F401
import tei_edition.export as _export_module  # noqa: E402,F401

if TYPE_CHECKING:
    from tei_edition.edition import Edition
    from tei_edition.encode import Encoded


def encode(source: str | os.PathLike[str], *, reader: str = "wilson",
           edition: Edition | str | os.PathLike[str] | None = None, title: str | None = None,
           date: str | None = None, language: str | None = None) -> Encoded:
    """Encode one plain-text file as TEI P5.

    ``reader`` is the input format (``"wilson"``, ``"plain"``); ``edition`` an Edition or the
    path of an edition.toml (publisher and licence); ``title``, ``date`` and ``language``
    give the header of a ``plain`` source. The result has ``.data`` (the TEI bytes),
    ``.tree``, ``.counts`` (interventions by kind) and ``.diagnostics`` (warnings). Bad input
    raises :class:`tei_edition.errors.InputError` (a ``ValueError``) with line and column.
    """
    from pathlib import Path

    from tei_edition.edition import Edition as _Edition
    from tei_edition.edition import load_edition
    from tei_edition.encode import encode_file
    from tei_edition.readers import ReaderOptions

    if edition is not None and not isinstance(edition, _Edition):
        edition = load_edition(os.fspath(edition))
    options = ReaderOptions(title=title, date=date, language=language, stem=Path(source).stem)
    return encode_file(os.fspath(source), reader=reader, edition=edition, options=options)


def export(tei: str | os.PathLike[str] | bytes) -> str:
    """The source text back from a TEI document the encoder wrote (a path, or its bytes)."""
    from tei_edition.export import export_bytes, export_file

    if isinstance(tei, bytes):
        return export_bytes(tei)
    return export_file(os.fspath(tei))


# validate / is_valid / iter_errors (imported, not wrapped: the names must stay the functions
# even after `import tei_edition.validate` loads the module of the same name)
from tei_edition.validate import is_valid, iter_errors, validate  # noqa: E402

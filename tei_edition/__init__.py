"""tei-edition: plain-text archival documents to TEI P5, validated and published.

The public API (what a user imports): :func:`encode`, :func:`export`, :func:`validate`,
:func:`is_valid`, :func:`iter_errors` and ``__version__``. Importing the package loads
the export and the validator (light: no XSLT is compiled until one is asked for), never
the encoder: ``import tei_edition.pdf`` or ``tei_edition.site`` does not load it.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

# Each function is its module's own, imported by name: after ``from tei_edition.export
# import export`` the package's ``export`` is the function, and importing the module again
# later does not change it (a module sets its package's attribute only when first loaded).
from tei_edition.export import export
from tei_edition.validate import is_valid, iter_errors, validate
from tei_edition.version import __version__

if TYPE_CHECKING:
    from tei_edition.edition import Edition
    from tei_edition.encoder.pipeline import Encoded

__all__ = ["__version__", "encode", "export", "is_valid", "iter_errors", "validate"]


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

    # (imported here: the encoder is loaded by the first encoding, not by the package)
    from tei_edition.edition import Edition as _Edition
    from tei_edition.edition import load_edition
    from tei_edition.encoder.pipeline import encode_file
    from tei_edition.readers import ReaderOptions

    if edition is not None and not isinstance(edition, _Edition):
        edition = load_edition(os.fspath(edition))
    options = ReaderOptions(title=title, date=date, language=language, stem=Path(source).stem)
    return encode_file(os.fspath(source), reader=reader, edition=edition, options=options)

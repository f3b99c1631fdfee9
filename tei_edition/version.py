"""The package's version, in a module of its own: a writer that names the version (the TEI
header's ``application``, the site's generator, the PDF's metadata, the build manifest)
imports it from here, without loading the encoder and the readers with the package."""

from __future__ import annotations

#: The version of tei-edition, as ``pyproject.toml`` gives it.
__version__ = "0.1.0"

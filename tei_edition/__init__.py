"""tei-edition: plain-text archival documents to TEI P5, validated and published.

The public API (what a user imports) is re-exported here as each job lands.
"""

from __future__ import annotations

__version__ = "0.1.0"

from tei_edition.validate import is_valid, iter_errors, validate  # noqa: E402

__all__ = ["__version__", "is_valid", "iter_errors", "validate"]

"""``python -m tei_edition``: the same as the ``tei-edition`` command."""

from __future__ import annotations

from tei_edition.cli import main

main()

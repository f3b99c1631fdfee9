"""Plain text without the export's header: body text only (``--from plain``).

The command line gives what the header would (``--title``, ``--date``, ``--language``);
the body is read as the Wilson body is (:mod:`tei_edition.encoder.structure`).
"""

from __future__ import annotations

from tei_edition.readers.base import Line, Metadata, ReaderOptions, Reading


class PlainReader:
    name = "plain"
    description = "body text only; --title, --date and --language give the header"

    def read(self, text: str, source: str, options: ReaderOptions) -> Reading:
        meta = Metadata(reader=self.name, date_text=options.date, title=options.title,
                        language=options.language)
        numbered = list(enumerate(text.split("\n"), 1))
        nonempty = [n for n, raw in numbered if raw.strip()]
        gaps = sum(1 for a, b in zip(nonempty, nonempty[1:], strict=False) if b - a > 1)
        meta.spaced = len(nonempty) > 1 and gaps * 2 >= len(nonempty) - 1
        body = []
        for number, raw in numbered:
            stripped = raw.strip()
            if stripped:
                body.append(Line(stripped, number, len(raw) - len(raw.lstrip()) + 1))
        return Reading(meta, body)

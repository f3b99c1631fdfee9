"""An edition project on disk: what ``tei-edition init`` makes, and the copy of the bundled
sample edition that ``tei-edition build`` without a folder builds.

A project is a folder with::

    edition.toml     what every document shares (every key, commented, by init)
    sources/         the plain-text sources, NAME.txt
    tei/             the TEI the editors work on, NAME.xml (encoded by build from sources/)
    readings.tsv     (optional) the editors' readings of given brackets
    README.md        a short guide for the editors (by init)
    site/            what build publishes (the default output; not the editors' to change)
    .tei-edition/    the build's state (what it offered beside hand-edited TEI)

The copy of the sample edition (``./sample-edition``) holds the marker file
:data:`SAMPLE_MARKER`; a folder of that name without it is someone's own and is refused.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from tei_edition.edition import EDITION_FILE
from tei_edition.errors import Location, OutputExistsError
from tei_edition.files import write_atomic
from tei_edition.inputs import read_file
from tei_edition.resources import sample_edition_dir

SAMPLE_FOLDER = "sample-edition"
SAMPLE_MARKER = ".tei-edition-sample"
STATE_FOLDER = ".tei-edition"
SITE_FOLDER = "site"

EDITION_TEMPLATE = """\
# edition.toml: what every document of the edition shares. tei-edition reads it when it
# encodes (the header of each TEI), validates and publishes (the site and the PDF).
# Lines that start with # are comments; remove the # to set a key.

# The edition's title, on every page and on the title page of the print edition.
title = {title}

# Who edits it (a list): named in every TEI header and on the site.
# editors = ["A. Editor", "B. Editor"]

# Who publishes it: publicationStmt/publisher of every TEI, and the site's footer.
# publisher = "Example University Library"

# The licence of the edition, and where its text is.
# licence = "CC BY 4.0"
# licence_url = "https://creativecommons.org/licenses/by/4.0/"

# Where the site will be published (with a final /): the exports that need absolute
# addresses (CMIF, Dublin Core, OAI-PMH, sitemap.xml, DTS) are written only when it is set.
# base_url = "https://example.org/edition/"

# Whom harvesters write to: the CMIF file's editor and the OAI-PMH repository's adminEmail.
# contact_email = "editors@example.org"

# The OAI-PMH Static Repository Gateway that answers harvesters from the site's
# oai/repository-N.xml files (register each file with it); without it they are not written.
# oai_gateway = "https://gateway.example.org/oai/"

# The languages of the edition's documents (BCP 47), originals and translations.
# languages = ["en"]

# Whether the TEI the site publishes keeps the editors' XML comments (default: false, as
# comments are often notes among the editors).
# publish_comments = false
"""

README_TEMPLATE = """\
# {title}

An edition project of tei-edition.

- Put the plain-text sources in `sources/` (one `NAME.txt` per document, in the export
  layout of the Wilson Center Digital Archive).
- Run `tei-edition build` in this folder: it encodes new and changed sources into
  `tei/NAME.xml`, validates every TEI, and publishes the site and the PDF into `site/`.
- Correct the TEI in `tei/` by hand where the encoding needs it: a TEI changed by hand is
  never overwritten. When its source changes too, the new encoding is put beside it as
  `tei/NAME.new.xml` (never published): compare the two with
  `diff -u tei/NAME.xml tei/NAME.new.xml`, take what you want, then delete the .new.xml.
- `readings.tsv` (optional) fixes the reading of given brackets: see the tei-edition README.
- `site/` and `.tei-edition/` are the build's: do not edit them, and keep them out of
  version control.
"""

GITIGNORE = "site/\n.tei-edition/\n*.new.xml\n"


def init_project(folder: str | Path, title: str = "Untitled edition") -> list[Path]:
    """Make an edition project in ``folder`` (made if missing; it may exist only when empty).
    Returns the files written."""
    root = Path(folder)
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise OutputExistsError("is not an empty folder: an edition project is made only in a "
                                "new or empty folder (nothing was written)", Location(str(root)),
                                "exists")
    title = " ".join(title.split()) or "Untitled edition"
    # a TOML basic string: JSON's escapes (\", \\, \uXXXX) are TOML's
    files = {EDITION_FILE: EDITION_TEMPLATE.format(title=json.dumps(title, ensure_ascii=False)),
             "README.md": README_TEMPLATE.format(title=title),
             ".gitignore": GITIGNORE}
    written = []
    for name in ("sources", "tei"):
        (root / name).mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        write_atomic(root / name, text)
        written.append(root / name)
    return written


def sample_copy(folder: str | Path = SAMPLE_FOLDER) -> Path:
    """``./sample-edition``: the bundled sample edition's copy, made when missing (with
    :data:`SAMPLE_MARKER`); an existing copy is built as it is (its TEI may have been
    edited: the build keeps hand edits). A folder of that name that is no such copy is
    refused and left alone."""
    root = Path(folder)
    if os.path.lexists(root):
        if not (root.is_dir() and not root.is_symlink() and (root / SAMPLE_MARKER).is_file()):
            raise OutputExistsError(
                f"is not a copy of tei-edition's sample edition (it has no {SAMPLE_MARKER}): "
                "it is left alone (name your edition: tei-edition build DIR)",
                Location(str(root)), "exists")
        return root
    source = sample_edition_dir()
    partial = root.with_name(root.name + ".partial")  # renamed into place when complete
    if partial.is_dir() and not partial.is_symlink() and (partial / SAMPLE_MARKER).is_file():
        shutil.rmtree(partial)  # an interrupted copy of ours
    write_atomic(partial / SAMPLE_MARKER, "A copy of tei-edition's bundled sample edition, "
                 "made by tei-edition build.\n")
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        if path.is_file() and rel.parts[0] not in (SITE_FOLDER, STATE_FOLDER):
            write_atomic(partial / rel, read_file(path, "text"))
    os.replace(partial, root)
    return root

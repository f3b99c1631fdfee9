"""The main job on an edition project: validate its TEI, then publish the HTML site and the PDF.

An edition project is a folder with ``edition.toml``, ``sources/`` (plain text) and ``tei/``
(the TEI the editors work on). ``build`` never touches ``sources/`` or ``tei/``: it checks
every ``tei/*.xml`` against the project schema and, only when all are valid, writes

    OUT/site/          the static HTML edition (index.html, documents/, tei/, assets/)
    OUT/edition.pdf    the print edition (a volume of every document)

A source without its TEI is reported (encode it with ``tei-edition encode``). OUT is
replaced only when it is a previous build (it holds the marker file) or with ``force``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from tei_edition.edition import EDITION_FILE, load_edition
from tei_edition.errors import Diagnostic, InputError, Location, OutputExistsError

MARKER = ".tei-edition-build.json"


@dataclass
class BuildResult:
    """What a build did: the reports of validation and, when all was valid, the outputs."""

    documents: list[Path]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    site: Path | None = None
    pdf: Path | None = None
    pages: int = 0

    @property
    def ok(self) -> bool:
        return not self.invalid


def _check_out_dir(out: Path, force: bool) -> None:
    if out.exists() and not out.is_dir():
        raise OutputExistsError("output is a file, not a folder", Location(str(out)), "exists")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file() and not force:
        raise OutputExistsError(
            "folder is not empty and is not a previous build; it is not written into "
            "(use --force to build into it)", Location(str(out)), "exists")


def unencoded_sources(root: Path) -> list[Diagnostic]:
    """A warning for every ``sources/*.txt`` that has no ``tei/*.xml`` of the same stem."""
    tei = {p.stem for p in (root / "tei").glob("*.xml")}
    return [Diagnostic(Location(str(src)), "warning", "not-encoded",
                       f"no TEI for this source in {root / 'tei'} "
                       f"(tei-edition encode {src} -o {root / 'tei' / (src.stem + '.xml')})")
            for src in sorted((root / "sources").glob("*.txt")) if src.stem not in tei]


def build_edition(edition_dir: str | Path, out_dir: str | Path, *, force: bool = False,
                  paper: str = "a4") -> BuildResult:
    """Validate an edition's TEI; when every document is valid, write the site and the PDF."""
    from tei_edition.files import write_atomic
    from tei_edition.pdf import build_pdf
    from tei_edition.site import build_site
    from tei_edition.validate import Validator

    root = Path(edition_dir)
    if not (root / EDITION_FILE).is_file():
        raise InputError(f"not an edition project: no {EDITION_FILE} here", Location(str(root)),
                         "not-an-edition")
    edition = load_edition(root)
    documents = sorted((root / "tei").glob("*.xml"))
    if not documents:
        raise InputError("no TEI documents in tei/ (encode the sources first: tei-edition "
                         f"encode {root / 'sources'} --out-dir {root / 'tei'})",
                         Location(str(root / "tei")), "no-input")
    out = Path(out_dir)
    _check_out_dir(out, force)

    result = BuildResult(documents, unencoded_sources(root))
    for report in Validator().check_files(documents):
        result.diagnostics.extend(report.diagnostics)
        if not report.valid:
            result.invalid.append(report.file)
    if result.invalid:
        return result

    out.mkdir(parents=True, exist_ok=True)
    site = build_site(documents, out / "site", edition, force=True)
    printed = build_pdf(documents, edition_file=root / EDITION_FILE, paper=paper,
                        output_name=str(out / "edition.pdf"))
    result.diagnostics.extend(printed.diagnostics)
    write_atomic(out / "edition.pdf", printed.pdf, force=True)
    write_atomic(out / MARKER, json.dumps({"edition": str(root.resolve()),
                                           "documents": [p.name for p in documents],
                                           "site": "site/index.html", "pdf": "edition.pdf"},
                                          indent=1) + "\n", force=True)
    result.site, result.pdf, result.pages = site.out_dir, out / "edition.pdf", printed.pages
    return result

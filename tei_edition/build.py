"""The main job on an edition project: validate its TEI, then publish the HTML site and the PDF.

An edition project is a folder with ``edition.toml``, ``sources/`` (plain text) and ``tei/``
(the TEI the editors work on). ``build`` never touches ``sources/`` or ``tei/``: it checks
every ``tei/*.xml`` against the project schema and, only when all are valid, writes

    OUT/site/          the static HTML edition (index.html, documents/, tei/, assets/)
    OUT/edition.pdf    the print edition (a volume of every document; edition-1.pdf,
                       edition-2.pdf, ... when it passes the page budget of one PDF)

A source without its TEI is reported (encode it with ``tei-edition encode``). OUT is an
:class:`~tei_edition.files.OutputFolder`: written into only when it is empty, a previous
build (it holds the manifest :data:`MARKER`) or with ``force``. The manifest is written
before the first output and completed after the last, so a build that was interrupted
(SIGINT, SIGTERM, a full disk) is finished by the next run, without ``force``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tei_edition.edition import EDITION_FILE, load_edition
from tei_edition.errors import Diagnostic, InputError, Location
from tei_edition.files import OutputFolder

MARKER = ".tei-edition-build.json"


@dataclass
class BuildResult:
    """What a build did: the reports of validation and, when all was valid, the outputs."""

    documents: list[Path]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    site: Path | None = None
    #: The print volumes written, with their page counts: edition.pdf, or edition-1.pdf,
    #: edition-2.pdf, ... when the edition passes the page budget of one PDF.
    volumes: list[tuple[Path, int]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.invalid


def unencoded_sources(root: Path) -> list[Diagnostic]:
    """A warning for every ``sources/*.txt`` that has no ``tei/*.xml`` of the same stem."""
    tei = {p.stem for p in (root / "tei").glob("*.xml")}
    return [Diagnostic(Location(str(src)), "warning", "not-encoded",
                       f"no TEI for this source in {root / 'tei'} "
                       f"(tei-edition encode {src} -o {root / 'tei' / (src.stem + '.xml')})")
            for src in sorted((root / "sources").glob("*.txt")) if src.stem not in tei]


def build_edition(edition_dir: str | Path, out_dir: str | Path, *, force: bool = False,
                  paper: str = "a4", max_pages: int | None = None,
                  include_root: str | Path | None = None) -> BuildResult:
    """Validate an edition's TEI; when every document is valid, write the site and the PDF.
    XIncludes resolve inside ``include_root`` (default: tei/; tei_edition/xinclude.py)."""
    from tei_edition.pdf import build_volumes
    from tei_edition.pdf.budget import MAX_PAGES, volume_file_names
    from tei_edition.site import read_documents, site_outputs
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
    folder = OutputFolder(out_dir, MARKER, force=force, inputs=documents)

    result = BuildResult(documents, unencoded_sources(root))
    for report in Validator(include_root=include_root).check_files(documents):
        result.diagnostics.extend(report.diagnostics)
        if not report.valid:
            result.invalid.append(report.file)
    if result.invalid:
        return result

    docs = read_documents(documents, include_root)
    outputs = {f"site/{name}": data
               for name, data in site_outputs(docs, edition, result.diagnostics).items()}
    volumes = build_volumes(documents, edition_file=root / EDITION_FILE, paper=paper,
                            max_pages=MAX_PAGES if max_pages is None else max_pages,
                            include_root=include_root)
    for printed, name in zip(volumes, volume_file_names(len(volumes)), strict=True):
        result.diagnostics.extend(printed.diagnostics)
        outputs[name] = printed.pdf
        result.volumes.append((folder.path(name), printed.pages))
    folder.extra = {"edition": str(root.resolve())}
    folder.write_all(outputs)
    result.site = folder.path("site")
    return result

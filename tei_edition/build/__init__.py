"""The main job on an edition project: encode its sources, validate its TEI, then publish
the HTML site and the PDF.

An edition project (tei_edition/project.py) is a folder with ``edition.toml``, ``sources/``
(plain text) and ``tei/`` (the TEI the editors work on). ``build`` runs three stages:

1. **encode** (tei_edition/build/sources.py): new and changed sources into ``tei/``, with
   the edition's readings.tsv; a TEI changed by hand is never overwritten (a new encoding
   goes beside it as ``NAME.new.xml``, never validated or published);
2. **validate** every ``tei/*.xml`` against the project schema: any error stops the build
   before anything is published, or with ``keep_going`` the valid documents are published
   and the build reports the rest (exit 1);
3. **publish** into OUT (default: the project's ``site/``)::

       OUT/index.html, documents/, tei/, source/, assets/   the static HTML edition
       OUT/pdf/edition.pdf    the print edition (edition-1.pdf, edition-2.pdf, ... when it
                              passes the page budget of one PDF)

The encode and validate stages run in ``jobs`` worker processes (tei_edition/build/
workers.py); the outputs do not depend on their number. OUT is an
:class:`~tei_edition.files.OutputFolder`: written into only when it is empty, a previous
build (it holds the manifest :data:`MARKER`) or with ``force``. The manifest is written
before the first output and completed after the last, so a build that was interrupted
(SIGINT, SIGTERM, a full disk) is finished by the next run, without ``force``.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tei_edition.build.sources import (
    FAILED,
    HAND_EDITED,
    Outcome,
    bring_up_to_date,
    is_new_encoding,
    tasks,
)
from tei_edition.build.workers import run
from tei_edition.edition import EDITION_FILE, Edition, load_edition
from tei_edition.encoder.readings import READINGS_FILE, Readings, load_readings
from tei_edition.errors import Diagnostic, InputError, Location
from tei_edition.files import OutputFolder, write_atomic
from tei_edition.inputs import FileSet
from tei_edition.project import SITE_FOLDER, STATE_FOLDER
from tei_edition.validate import BATCH_SIZE, Report, Validator

MARKER = ".tei-edition-build.json"
#: The build's state in the project (tei_edition/project.py): by source name, the inputs a
#: new encoding was offered for beside a hand-edited TEI.
STATE_FILE = "state.json"
#: ``progress(stage, done, total)``: how far a stage is (the command line draws it).
Progress = Callable[[str, int, int], None]


@dataclass
class BuildResult:
    """What a build did: what each stage found and, when it published, the outputs."""

    documents: list[Path]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    #: the sources by what became of them: encoded, re-encoded, unchanged, hand-edited,
    #: failed (tei_edition/build/sources.py)
    sources: Counter[str] = field(default_factory=Counter)
    site: Path | None = None
    #: the documents published (all of them, or with keep_going the valid ones)
    published: list[Path] = field(default_factory=list)
    #: The print volumes written, with their page counts: edition.pdf, or edition-1.pdf,
    #: edition-2.pdf, ... when the edition passes the page budget of one PDF.
    volumes: list[tuple[Path, int]] = field(default_factory=list)
    #: seconds per stage (encode, validate, site, pdf)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.invalid and not self.sources[FAILED]


def _readings(root: Path) -> Readings | None:
    path = root / READINGS_FILE
    return load_readings(path) if path.exists() or path.is_symlink() else None


def _read_state(root: Path) -> dict[str, str]:
    """What earlier builds offered (nothing when the state is missing or unreadable: then a
    dismissed new encoding is offered once more, which loses nothing)."""
    try:
        data = json.loads((root / STATE_FOLDER / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    offered = data.get("offered") if isinstance(data, dict) else None
    if not isinstance(offered, dict):
        return {}
    return {k: v for k, v in offered.items() if isinstance(k, str) and isinstance(v, str)}


def encode_stage(root: Path, edition: Edition, jobs: int, result: BuildResult,
                 progress: Progress | None = None) -> None:
    """Stage 1: the sources brought up to date in tei/ (tei_edition/build/sources.py)."""
    sources = sorted(p for p in (root / "sources").glob("*.txt")) \
        if (root / "sources").is_dir() else []
    if not sources:
        return
    offered = _read_state(root)
    todo = tasks(sources, root / "tei", edition, _readings(root), offered)
    outcomes: list[Outcome] = run(bring_up_to_date, todo, jobs,
                                  _reporter(progress, "encode", len(todo)))
    for outcome in outcomes:
        result.sources[outcome.action] += 1
        result.diagnostics.extend(outcome.diagnostics)
        if outcome.action == HAND_EDITED and outcome.inputs is not None:
            offered[outcome.source.name] = outcome.inputs
    known = {p.name for p in sources}
    kept = {k: v for k, v in sorted(offered.items()) if k in known}
    if kept or (root / STATE_FOLDER / STATE_FILE).exists():
        write_atomic(root / STATE_FOLDER / STATE_FILE,
                     json.dumps({"offered": kept}, indent=1) + "\n", force=True)


def _reporter(progress: Progress | None, stage: str, total: int
              ) -> Callable[[int], None] | None:
    if progress is None:
        return None
    progress(stage, 0, total)
    return lambda done: progress(stage, done, total)


_VALIDATORS: dict[str | None, Validator] = {}


def validate_batch(job: tuple[list[str], str | None]) -> list[Report]:
    """A batch of TEI files checked against the project schema, in a worker (the schema and
    the Schematron are compiled once per process)."""
    paths, include_root = job
    validator = _VALIDATORS.get(include_root)
    if validator is None:
        validator = _VALIDATORS[include_root] = Validator(include_root=include_root)
    return list(validator.check_files(paths))


def validate_stage(documents: list[Path], include_root: str | Path | None, jobs: int,
                   result: BuildResult, progress: Progress | None = None) -> list[Path]:
    """Stage 2: every document checked; returns the valid ones."""
    root = None if include_root is None else str(include_root)
    batches = [([str(p) for p in documents[i:i + BATCH_SIZE]], root)
               for i in range(0, len(documents), BATCH_SIZE)]
    report = _reporter(progress, "validate", len(documents))
    done = (None if report is None else
            lambda n: report(min(len(documents), n * BATCH_SIZE)))
    valid = []
    for reports in run(validate_batch, batches, jobs, done, chunk=1):
        for r in reports:
            result.diagnostics.extend(r.diagnostics)
            if r.valid:
                valid.append(Path(r.file))
            else:
                result.invalid.append(r.file)
    return valid


def build_edition(edition_dir: str | Path, out_dir: str | Path | None = None, *,
                  force: bool = False, paper: str = "a4", max_pages: int | None = None,
                  include_root: str | Path | None = None, jobs: int = 1,
                  keep_going: bool = False, progress: Progress | None = None) -> BuildResult:
    """Encode, validate and publish an edition (module docstring). XIncludes resolve inside
    ``include_root`` (default: tei/; tei_edition/xinclude.py)."""
    from tei_edition.pdf import build_volumes
    from tei_edition.pdf.budget import MAX_PAGES, volume_file_names
    from tei_edition.site import read_documents, site_outputs

    root = Path(edition_dir)
    if not (root / EDITION_FILE).is_file():
        raise InputError(f"not an edition project: no {EDITION_FILE} here", Location(str(root)),
                         "not-an-edition")
    edition = load_edition(root)
    out = Path(out_dir) if out_dir is not None else root / SITE_FOLDER
    folder = OutputFolder(out, MARKER, force=force)  # refused before any work is done
    result = BuildResult([])
    clock = time.monotonic()
    encode_stage(root, edition, jobs, result, progress)
    result.seconds["encode"] = time.monotonic() - clock

    documents = sorted(p for p in (root / "tei").glob("*.xml") if not is_new_encoding(p))
    result.documents = documents
    if not documents:
        raise InputError("no TEI documents in tei/ and no sources to encode in sources/",
                         Location(str(root / "tei")), "no-input")
    clock = time.monotonic()
    valid = validate_stage(documents, include_root, jobs, result, progress)
    result.seconds["validate"] = time.monotonic() - clock
    if (not result.ok and not keep_going) or not valid:
        return result

    folder.inputs = FileSet(valid)
    clock = time.monotonic()
    docs = read_documents(valid, include_root)
    outputs = dict(site_outputs(docs, edition, result.diagnostics))
    result.seconds["site"] = time.monotonic() - clock
    clock = time.monotonic()
    volumes = build_volumes(valid, edition_file=root / EDITION_FILE, paper=paper,
                            max_pages=MAX_PAGES if max_pages is None else max_pages,
                            include_root=include_root)
    for printed, name in zip(volumes, volume_file_names(len(volumes)), strict=True):
        result.diagnostics.extend(printed.diagnostics)
        outputs[f"pdf/{name}"] = printed.pdf
        result.volumes.append((folder.path(f"pdf/{name}"), printed.pages))
    result.seconds["pdf"] = time.monotonic() - clock
    folder.extra = {"edition": str(root.resolve())}
    folder.write_all(outputs)
    result.site = folder.root
    result.published = valid
    return result

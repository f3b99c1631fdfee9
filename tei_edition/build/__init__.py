"""The main job on an edition project: encode its sources, validate its TEI, then publish
the HTML site and the PDF, redoing only what changed since the last build.

An edition project (tei_edition/project.py) is a folder with ``edition.toml``, ``sources/``
(plain text) and ``tei/`` (the TEI the editors work on). ``build`` runs these stages:

1. **encode** (tei_edition/build/sources.py): new and changed sources into ``tei/``, with
   the edition's readings.tsv; a TEI changed by hand is never overwritten (a new encoding
   goes beside it as ``NAME.new.xml``, never validated or published);
2. **validate** every ``tei/*.xml`` against the project schema: any error stops the build
   before anything is published, or with ``keep_going`` the valid documents are published
   and the build reports the rest (exit 1);
3. **pages** (tei_edition/build/pages.py): each valid TEI file rendered in a worker (its
   page(s), source view and zip copy), which sends back the files and a summary of each
   document; the main process writes the files and keeps the summaries only;
4. **index**: the index page and the search index made from the summaries, and the
   edition's exports (tei_edition/exports/edition.py: ``edition_exports``; each document's
   own export files, ``document_exports``, come from its worker with its pages);
5. **pdf**: the print volumes::

       OUT/index.html, documents/, tei/, source/, assets/   the static HTML edition
       OUT/pdf/edition.pdf    the print edition (edition-1.pdf, edition-2.pdf, ... when it
                              passes the page budget of one PDF)

**What is redone.** The build cache (tei_edition/build/cache.py, in the project's
``.tei-edition/``) holds content digests, so each stage skips what it already did:

    encode     a source whose file and TEI are as the last build left them, with the same
               edition.toml, readings.tsv and tool version (else the TEI's own record
               decides, as sources.py says)
    validate   a TEI whose digest, the schema files' and the include root are those of a
               cached verdict
    pages      a TEI file whose digest, edition.toml, stylesheets (the xslt/ tree), tool
               version and OUT are those it was last rendered under, and whose outputs are
               still in OUT and listed in OUT's manifest; a file with XIncludes or images
               (its pages show other files) is always rendered
    index      when no document's key changed and its files are there
    pdf        when no printed document, edition.toml, stylesheet, paper or page budget
               changed and the volumes are there

A file is only written when its bytes changed. A missing, corrupt or older cache is an empty
one: a full build. The cache never names a file to write: output names come from the
renderer and, for documents not rendered again, must be listed in OUT's own manifest.

The encode, validate and page stages run in ``jobs`` worker processes (tei_edition/build/
workers.py); the outputs do not depend on their number. Memory stays bounded by the
summaries: no stage holds every tree or every output (except the PDF stage, which is
tei_edition/pdf's). OUT is an :class:`~tei_edition.files.OutputFolder`: written into only
when it is empty, a previous build (it holds the manifest :data:`MARKER`) or with
``force``. Every file is listed in the manifest before it is written (the page stage
records new names a batch at a time) and the manifest is completed after the last, so a
build that was interrupted (SIGINT, SIGTERM, a full disk) is finished by the next run,
without ``force``.

What changed with the incremental build: pages are written as they are rendered, no longer
all after all are rendered. A document that fails to render is reported (an error, exit 1)
and keeps its previous page; two files that give the same page (a duplicate id) stop the
build with an error after some pages were written: OUT is then left as an interrupted
build is, and the next build finishes it.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tei_edition.build.cache import (
    CACHE_FILE,
    BuildCache,
    combine,
)
from tei_edition.build.link import link_stage, registers_digest
from tei_edition.build.publish import Publisher
from tei_edition.build.sources import (
    ENCODED,
    FAILED,
    HAND_EDITED,
    NEW_SUFFIX,
    RE_ENCODED,
    UNCHANGED,
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
from tei_edition.project import SITE_FOLDER, STATE_FOLDER
from tei_edition.registers.edition import REGISTERS_DIR
from tei_edition.resources import schemas_dir, xslt_dir
from tei_edition.validate import BATCH_SIZE, Report, Validator
from tei_edition.version import __version__

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
    #: seconds per stage (encode, link, validate, pages, index, pdf)
    seconds: dict[str, float] = field(default_factory=dict)
    #: TEI files linked to the registers this time, and those whose links changed
    linked: int = 0
    relinked: int = 0
    #: documents validated this time (the others' verdicts came from the cache)
    validated: int = 0
    #: pages (one per document) rendered this time, and those left as they were
    pages_rendered: int = 0
    pages_unchanged: int = 0
    #: TEI files that could not be rendered (each keeps its previous pages)
    unrendered: list[str] = field(default_factory=list)
    #: whether the index and search index, and the PDF volumes, were made again
    index_rendered: bool = False
    pdf_rendered: bool = False

    @property
    def ok(self) -> bool:
        return not self.invalid and not self.sources[FAILED] and not self.unrendered


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


@dataclass(frozen=True)
class Context:
    """The digests of what every document's work depends on besides its own files."""

    edition: str  # edition.toml
    readings: str  # readings.tsv ("" without one)
    stylesheets: str  # the xslt/ tree
    schema: str  # the schemas/ tree
    include_root: str
    registers: str = ""  # the register files (tei_edition/build/link.py; "" without any)

    @property
    def encode(self) -> str:
        return combine("encode", self.edition, self.readings, __version__)

    @property
    def validate(self) -> str:
        return combine("validate", self.schema, self.include_root, __version__)

    def render(self, out: Path, token: str) -> str:
        # a page shows its names' preferred forms (the registers')
        return combine("render", self.edition, self.stylesheets, self.include_root,
                       self.registers, __version__, str(out.resolve()), token)


def _context(root: Path, cache: BuildCache, include_root: str | Path | None) -> Context:
    readings = root / READINGS_FILE
    return Context(cache.digest(root / EDITION_FILE) or "",
                   (cache.digest(readings) or "-") if os.path.lexists(readings) else "",
                   cache.tree_digest(xslt_dir()), cache.tree_digest(schemas_dir()),
                   "" if include_root is None else str(Path(include_root).resolve()),
                   registers_digest(cache, root / REGISTERS_DIR) or "")


def encode_stage(root: Path, edition: Edition, jobs: int, result: BuildResult,
                 progress: Progress | None = None, cache: BuildCache | None = None,
                 context: str = "") -> None:
    """Stage 1: the sources brought up to date in tei/ (tei_edition/build/sources.py). A
    source the cache knows as brought up to date, with its TEI as that left it and the
    same ``context``, is counted unchanged without being read."""
    sources = sorted((p for p in (root / "sources").glob("*.txt")), key=lambda p: p.name) \
        if (root / "sources").is_dir() else []
    if not sources:
        return
    cache = cache or BuildCache(None)
    todo_sources = []
    rows = cache.source_rows()
    offers = ({p.name for p in (root / "tei").glob(f"*{NEW_SUFFIX}")}
              if (root / "tei").is_dir() else set())
    for source in sources:
        tei_file = root / "tei" / f"{source.stem}.xml"
        row = rows.get(source.name)
        if (row is not None and row[1] in _SETTLED
                and row[0] == _source_key(cache, source, tei_file, context)
                and source.stem + NEW_SUFFIX not in offers):
            result.sources[UNCHANGED] += 1
        else:
            todo_sources.append(source)
    if not todo_sources:
        return
    offered = _read_state(root)
    todo = tasks(todo_sources, root / "tei", edition, _readings(root), offered)
    outcomes: list[Outcome] = run(bring_up_to_date, todo, jobs,
                                  _reporter(progress, "encode", len(todo)))
    cache.refresh()  # the encoder wrote TEI files: their digests are taken again
    for task, outcome in zip(todo, outcomes, strict=True):
        result.sources[outcome.action] += 1
        result.diagnostics.extend(outcome.diagnostics)
        if outcome.action == HAND_EDITED and outcome.inputs is not None:
            offered[outcome.source.name] = outcome.inputs
        cache.put("sources", task.source.name,
                  _source_key(cache, task.source, task.tei, context), outcome.action)
    known = {p.name for p in sources}
    kept = {k: v for k, v in sorted(offered.items()) if k in known}
    if kept or (root / STATE_FOLDER / STATE_FILE).exists():
        write_atomic(root / STATE_FOLDER / STATE_FILE,
                     json.dumps({"offered": kept}, indent=1) + "\n", force=True)


#: the outcomes after which a source needs nothing more while its files stay as they are
_SETTLED = (ENCODED, RE_ENCODED, UNCHANGED)


def _source_key(cache: BuildCache, source: Path, tei_file: Path, context: str) -> str:
    return combine(cache.digest(source) or "-", cache.digest(tei_file) or "-", context)


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
                   result: BuildResult, progress: Progress | None = None,
                   cache: BuildCache | None = None, context: str = "") -> list[Path]:
    """Stage 2: every document checked (or its verdict taken from the cache); returns the
    valid ones."""
    cache = cache or BuildCache(None)
    root = None if include_root is None else str(include_root)
    verdicts: dict[str, tuple[bool, list[Diagnostic]]] = {}
    todo: list[tuple[Path, str | None]] = []
    keys_of: dict[Path, str | None] = {}
    for path in documents:
        found = cache.digest_and_includes(path)
        keys_of[path] = None if found is None or found[1] else combine(cache.key(path), found[0],
                                                                       context)
    known = cache.verdict_rows(k for k in keys_of.values() if k is not None)
    for path, key in keys_of.items():
        row = None if key is None else known.get(key)
        if row is None:
            todo.append((path, key))
        else:
            verdicts[str(path)] = (bool(row[0]), cache.diagnostics_from_json(str(row[1])))
    result.validated = len(todo)
    batches = [([str(p) for p, _ in todo[i:i + BATCH_SIZE]], root)
               for i in range(0, len(todo), BATCH_SIZE)]
    keys = {str(p): k for p, k in todo}
    report = _reporter(progress, "validate", len(todo)) if todo else None
    done = (None if report is None else
            lambda n: report(min(len(todo), n * BATCH_SIZE)))
    for reports in run(validate_batch, batches, jobs, done, chunk=1):
        for r in reports:
            verdicts[r.file] = (r.valid, r.diagnostics)
            key = keys.get(r.file)
            if key is not None:
                cache.put("verdicts", key, int(r.valid),
                          cache.diagnostics_to_json(r.diagnostics))
    valid = []
    for path in documents:
        ok, diagnostics = verdicts[str(path)]
        result.diagnostics.extend(diagnostics)
        if ok:
            valid.append(path)
        elif str(path) not in result.invalid:  # (the link stage may have counted it)
            result.invalid.append(str(path))
    return valid


def build_edition(edition_dir: str | Path, out_dir: str | Path | None = None, *,
                  force: bool = False, paper: str = "a4", max_pages: int | None = None,
                  include_root: str | Path | None = None, jobs: int = 1,
                  keep_going: bool = False, progress: Progress | None = None,
                  pdf: bool = True) -> BuildResult:
    """Encode, validate and publish an edition (module docstring). XIncludes resolve inside
    ``include_root`` (default: tei/; tei_edition/xinclude.py). ``pdf=False`` leaves the
    print stage out: the PDFs of an earlier build stay as they were."""
    root = Path(edition_dir)
    if not (root / EDITION_FILE).is_file():
        raise InputError(f"not an edition project: no {EDITION_FILE} here", Location(str(root)),
                         "not-an-edition")
    edition = load_edition(root)
    out = Path(out_dir) if out_dir is not None else root / SITE_FOLDER
    folder = OutputFolder(out, MARKER, force=force)  # refused before any work is done
    result = BuildResult([])
    with BuildCache(root / STATE_FOLDER / CACHE_FILE, root) as cache:
        context = _context(root, cache, include_root)
        clock = time.monotonic()
        encode_stage(root, edition, jobs, result, progress, cache, context.encode)
        result.seconds["encode"] = time.monotonic() - clock
        cache.commit()  # (encode_stage took the digests of what it wrote again)

        documents = sorted((p for p in (root / "tei").glob("*.xml") if not is_new_encoding(p)),
                           key=lambda p: p.name)
        result.documents = documents
        if not documents:
            raise InputError("no TEI documents in tei/ and no sources to encode in sources/",
                             Location(str(root / "tei")), "no-input")
        clock = time.monotonic()
        link_stage(root, documents, jobs, result, cache, context.validate, progress)
        result.seconds["link"] = time.monotonic() - clock
        cache.commit()
        clock = time.monotonic()
        valid = validate_stage(documents, include_root, jobs, result, progress, cache,
                               context.validate)
        linked_badly = set(result.invalid)  # a pointer to no entry (the link stage's)
        valid = [p for p in valid if str(p) not in linked_badly]
        result.seconds["validate"] = time.monotonic() - clock
        cache.commit()
        if (not result.ok and not keep_going) or not valid:
            return result
        Publisher(folder, cache, edition, context, result, root, include_root).publish(
            valid, jobs, progress, paper, max_pages, pdf)
        cache.commit()
    return result

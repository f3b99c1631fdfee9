"""A build's link stage: the edition's TEI linked to its registers (``registers/``), after
the encode stage and before validation.

1. The register files are checked (the project schema, and register check's checks:
   tei_edition/registers/check.py); an error stops the build as an invalid document does
   (the file is counted invalid). The verdict is cached by the files' digests.
2. Each TEI file is linked (:func:`tei_edition.registers.link.link_file`: ``@ref`` added or
   updated on names, nothing else changed) unless it was linked before with the same
   registers and is as that left it: the key is the file's digest after linking, the
   registers' digest and the tool version. So a rebuild with nothing changed links nothing,
   a changed register links every file again, and a file the encode stage wrote anew (or an
   editor changed) is linked again. A pointer that names no entry (``per:nobody``, one an
   editor wrote) is an error: the file is counted invalid, and is not published.

Linking keeps what the encode stage knows of a file: one whose encoder record was intact is
sealed again with the same *encoded-from* (it is still re-encoded when its source changes),
a hand-edited one stays hand-edited and is never overwritten by an encoding. The notes of
linking (``register-ambiguous``) are build diagnostics, kept in the cache with the key so
that a rebuild still reports them.

Files are linked in the ``-j`` workers (a Linker per process, made once for a register).
An edition without any register file has nothing to link: the stage reads nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tei_edition.build.cache import (
    BuildCache,
    combine,
)
from tei_edition.build.workers import run
from tei_edition.errors import Diagnostic, TeiEditionError
from tei_edition.registers.check import check_register, check_register_files, register_files
from tei_edition.registers.edition import REGISTERS_DIR
from tei_edition.registers.link import Linker, link_file
from tei_edition.registers.model import load_register
from tei_edition.version import __version__

if TYPE_CHECKING:
    from collections.abc import Callable

    from tei_edition.build import BuildResult


@dataclass(frozen=True)
class LinkJob:
    path: str
    registers: str
    #: the registers' digest: a worker's Linker is made again when it changes
    digest: str


@dataclass
class LinkOutcome:
    path: str
    changes: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: Diagnostic | None = None


_LINKERS: dict[tuple[str, str], Linker] = {}


def link_job(job: LinkJob) -> LinkOutcome:
    """The stage's job for one TEI file; run in a worker."""
    linker = _LINKERS.get((job.registers, job.digest))
    if linker is None:
        _LINKERS.clear()
        linker = _LINKERS[(job.registers, job.digest)] = Linker(load_register(job.registers))
    try:
        linked = link_file(job.path, linker)
    except TeiEditionError as exc:
        return LinkOutcome(job.path, error=exc.diagnostic())
    return LinkOutcome(job.path, len(linked.changes), linked.diagnostics)


def registers_digest(cache: BuildCache, folder: Path) -> str | None:
    """One digest of the register files, or None when the edition has none."""
    files = register_files(folder)
    if not files:
        return None
    return combine(*(f"{p.name}:{cache.digest(p) or '-'}" for p in files))


def _check_registers(folder: Path, digest: str, cache: BuildCache, context: str,
                     result: BuildResult) -> bool:
    """Step 1 (module docstring); True when the registers have no error."""
    key = combine("registers", digest, context, __version__)
    row = cache.get("verdicts", key, "valid, diagnostics")
    if row is not None:
        valid, found = bool(row[0]), cache.diagnostics_from_json(str(row[1]))
    else:
        found = list(check_register_files(folder))
        found.extend(check_register(load_register(folder)))
        valid = not any(d.level == "error" for d in found)
        cache.put("verdicts", key, int(valid), cache.diagnostics_to_json(found))
    result.diagnostics.extend(found)
    if not valid:
        bad = sorted({d.location.file for d in found if d.level == "error"})
        result.invalid.extend(bad or [str(folder)])
    return valid


def _report(path: str, found: list[Diagnostic], result: BuildResult) -> None:
    """A file's linking diagnostics; an error (a pointer that names no entry) makes the file
    invalid, as a schema error does."""
    result.diagnostics.extend(found)
    if any(d.level == "error" for d in found):
        result.invalid.append(path)


def link_stage(root: Path, documents: list[Path], jobs: int, result: BuildResult,
               cache: BuildCache, context: str = "",
               progress: Callable[[str, int, int], None] | None = None) -> None:
    """The stage (module docstring): ``documents`` linked to ``root``/registers.
    ``context`` is the validation context (the schema: the registers' verdict depends on
    it). Counts go to ``result.linked`` (files linked this time) and ``result.relinked``
    (those whose links changed)."""
    folder = root / REGISTERS_DIR
    digest = registers_digest(cache, folder)
    if digest is None or not _check_registers(folder, digest, cache, context, result):
        return
    todo = []
    rows = cache.link_rows()
    for path in documents:
        row = rows.get(str(path))
        key = combine(cache.digest(path) or "-", digest, __version__)
        if row is not None and row[0] == key:
            _report(str(path), cache.diagnostics_from_json(row[1]), result)
        else:
            todo.append(LinkJob(str(path), str(folder), digest))
    done = None
    if progress is not None and todo:
        progress("link", 0, len(todo))
        done = lambda n: progress("link", n, len(todo))  # noqa: E731
    outcomes = run(link_job, todo, jobs, done)
    if todo:
        cache.refresh()  # the files linking rewrote: their digests are taken again
    for outcome in outcomes:
        if outcome.error is not None:  # a file that cannot be read: validation reports it
            continue
        result.linked += 1
        result.relinked += bool(outcome.changes)
        _report(outcome.path, outcome.diagnostics, result)
        key = combine(cache.digest(Path(outcome.path)) or "-", digest, __version__)
        cache.put_link_row(outcome.path, key, cache.diagnostics_to_json(outcome.diagnostics))

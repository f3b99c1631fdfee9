"""A build's publishing stages: pages, index (and exports), PDF, each redone only when what it
shows changed (tei_edition/build/__init__.py says when), written into OUT as they come.

The page stage renders in the workers (tei_edition/build/pages.py) and writes here, in the
main process, a batch of files at a time: the batch's new names are first recorded in OUT's
manifest (:meth:`~tei_edition.files.OutputFolder.begin`), so an interrupted build leaves
nothing the next one does not know of. Only summaries are kept: per TEI file in the build
cache, from which the index stage reads what it needs (tei_edition/build/index_state.py:
the changed files' summaries when it updates the index, every one when it makes it again).
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tei_edition.build.cache import (
    BuildCache,
    combine,
    sha256_bytes,
)
from tei_edition.build.workers import run, run_iter
from tei_edition.edition import Edition
from tei_edition.errors import Diagnostic, InputError, Location, TeiEditionError
from tei_edition.files import OutputError, OutputFolder, output_name
from tei_edition.inputs import FileSet
from tei_edition.metadata import Metadata, build_date, metadata_from_dict
from tei_edition.registers.edition import REGISTERS_DIR
from tei_edition.resources import site_assets
from tei_edition.version import __version__

if TYPE_CHECKING:
    from tei_edition.build import BuildResult, Context
    from tei_edition.build.pages import Entry as IndexEntry
    from tei_edition.build.pages import Rendered
    from tei_edition.pdf import PrintedVolume
    from tei_edition.pdf.groups import VolumeGroup
    from tei_edition.site_registers import RegisterPages

INDEX_FILES = ("index.html",)
#: the state row of the register pages OUT holds, with the digest each was made from: a
#: page whose digest is the same is not made again
REGISTER_PAGES = "register-pages"
PAGES = "documents/"


@dataclass
class _Cached:
    files: list[str]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    summary: str = ""  # the digest of the summary (the index's key is made of them)


def _names(value: object) -> list[str] | None:
    """Output names read from the cache: each must be a name inside OUT."""
    if not isinstance(value, list) or not all(isinstance(n, str) for n in value):
        return None
    try:
        for name in value:
            output_name(name)
    except OutputError:
        return None
    return list(value)


class Publisher:
    """The publishing stages of one build (module docstring)."""

    def __init__(self, folder: OutputFolder, cache: BuildCache, edition: Edition,
                 context: Context, result: BuildResult, root: Path,
                 include_root: str | Path | None):
        self.folder, self.cache, self.edition = folder, cache, edition
        self.context, self.result, self.root = context, result, root
        self.include_root = None if include_root is None else str(include_root)
        self.previous = set(folder.previous)
        self.listed = set(folder.previous)  # what OUT's manifest lists now
        self.written: set[str] = set()  # what this build publishes
        self.pages: dict[str, str] = {}  # page -> the TEI file that gives it
        self.summaries: dict[str, str] = {}  # TEI file -> digest of its summary
        self.pending: list[str] = []  # names the next _plan lists too
        self.rows = cache.document_rows()  # as the last build left them

    def publish(self, valid: list[Path], jobs: int,
                progress: Callable[[str, int, int], None] | None, paper: str,
                max_pages: int | None, pdf: bool = True) -> None:
        folder, result = self.folder, self.result
        folder.inputs = FileSet(valid)
        token = self._token()
        folder.extra = {"edition": str(self.root.resolve()), "build": token}
        render_key = self.context.render(folder.root, token)
        clock = time.monotonic()
        self.pages_stage(valid, render_key, jobs, progress)
        result.seconds["pages"] = time.monotonic() - clock
        clock = time.monotonic()
        self.index_stage(valid, render_key)
        # the register pages, made in the index stage, have their own figure
        registers = result.seconds.pop("registers", None)
        result.seconds["index"] = time.monotonic() - clock - (registers or 0.0)
        if registers is not None:
            result.seconds["registers"] = registers
        if pdf:
            clock = time.monotonic()
            self.pdf_stage(valid, paper, max_pages, jobs)
            result.seconds["pdf"] = time.monotonic() - clock
        else:  # left out: an earlier build's volumes stay
            self.written.update(n for n in self.listed if n.startswith("pdf/"))
        folder.finish(self.written)
        self.cache.drop_documents_except(str(p) for p in valid)
        result.site = folder.root
        result.published = valid

    def _token(self) -> str:
        """The name of OUT's state shared by OUT's manifest and the cache: when they differ
        (another OUT, a cache of another build) no page is taken as already there."""
        key = f"out:{self.folder.root.resolve()}"
        row = self.cache.get("state", key, "value")
        recorded = self.folder.recorded.get("build")
        if row is not None and recorded == row[0]:
            return str(row[0])
        token = secrets.token_hex(8)
        self.cache.put("state", key, token)
        return token

    # -- pages ---------------------------------------------------------------------------

    def _cached(self, path: Path, key: str | None) -> _Cached | None:
        """What the cache says ``path`` published, when it was rendered under ``key`` (None:
        under any) and, for a key, its files are all still in OUT as its manifest lists."""
        row = self.rows.get(str(path))
        if row is None or (key is not None and row[0] != key):
            return None
        try:
            data = json.loads(str(row[1]))
            files = data["files"]
            if not isinstance(files, list) or not all(isinstance(n, str) for n in files):
                return None
            if key is None:
                if _names(files) is None:
                    return None
            elif not all(n in self.previous and self.folder.holds(n) for n in files):
                return None  # holds() refuses a name that is not one inside OUT
            diagnostics = self.cache.diagnostics_from_json(json.dumps(data["diagnostics"]))
            return _Cached(files, diagnostics, str(data["summary"]))
        except (ValueError, KeyError, TypeError, OutputError):
            return None

    def pages_stage(self, valid: list[Path], render_key: str, jobs: int,
                    progress: Callable[[str, int, int], None] | None) -> None:
        todo: list[Path] = []
        keys: dict[str, str | None] = {}
        for path in valid:
            found = self.cache.digest_and_includes(path)
            key = None if found is None or found[1] else combine(found[0], render_key)
            cached = None if key is None else self._cached(path, key)
            if cached is None:
                todo.append(path)
                keys[str(path)] = key
                continue
            self._own(str(path), cached.files)
            self.summaries[str(path)] = cached.summary
            self.result.diagnostics.extend(cached.diagnostics)
            self.result.pages_unchanged += sum(n.startswith(PAGES) for n in cached.files)
        if not todo:
            return
        # the index's and the assets' names go into the manifest with the first batch's
        self.pending = [*INDEX_FILES, *(name for name, _ in site_assets())]
        report = None
        if progress is not None:
            progress("pages", 0, len(todo))
            report = lambda n: progress("pages", n, len(todo))  # noqa: E731
        size = min(2000, max(200, len(todo) // 40))  # files in memory at once, at most
        from tei_edition.build.pages import PageJob, render_file  # what renders (the encoder,
        # Saxon, the site) is loaded by a build that renders, not by one with nothing to do

        batch: list[Rendered] = []
        jobs_ = [PageJob(str(p), self.include_root, self.edition) for p in todo]
        for rendered in run_iter(render_file, jobs_, jobs, report):
            batch.append(rendered)
            if len(batch) >= size:
                self._write(batch, keys)
                batch = []
        self._write(batch, keys)

    def _own(self, path: str, files: Iterable[str]) -> None:
        """Record that ``path`` publishes ``files``; two files giving one page stop."""
        for name in files:
            self.written.add(name)
            if name.startswith(PAGES):
                other = self.pages.setdefault(name, path)
                if other != path:
                    self.cache.drop_documents((path, other))
                    self.cache.commit()
                    raise InputError(
                        f"two documents have the id '{name[len(PAGES):-len('.html')]}' (the "
                        f"other is {other}); each page is named after its document's id",
                        Location(path), "duplicate-id")

    def _plan(self, names: Iterable[str]) -> None:
        """List in OUT's manifest, before they are written, the names it does not list."""
        new = (set(names) | set(self.pending)) - self.listed
        self.pending = []
        if new:
            self.listed |= new
            self.folder.begin(sorted(self.listed - self.previous))

    def _write(self, batch: list[Rendered], keys: dict[str, str | None]) -> None:
        from tei_edition.build.pages import summary_columns

        self._plan(name for r in batch for name in r.outputs)
        for rendered in batch:
            if rendered.error is not None:
                self.result.diagnostics.append(rendered.error)
                self.result.unrendered.append(rendered.path)
                kept = self._cached(Path(rendered.path), None)  # its previous pages stay
                if kept is not None:
                    self._own(rendered.path, (n for n in kept.files if n in self.previous))
                    self.summaries[rendered.path] = kept.summary
                continue
            self._own(rendered.path, rendered.outputs)
            for name, data in rendered.outputs.items():
                self.folder.write(name, data, if_changed=True)
            entries, terms = summary_columns(rendered.entries)
            digest = combine(sha256_bytes(entries.encode("utf-8")),
                             sha256_bytes(terms.encode("utf-8")))
            noted = json.loads(self.cache.diagnostics_to_json(rendered.diagnostics))
            outputs = {"files": sorted(rendered.outputs), "summary": digest,
                       "diagnostics": noted}
            key = keys.get(rendered.path)
            self.cache.put("documents", rendered.path, key or "", json.dumps(outputs),
                           entries, terms)
            self.summaries[rendered.path] = digest
            self.result.diagnostics.extend(rendered.diagnostics)
            self.result.pages_rendered += len(rendered.entries)

    # -- index, search, exports ----------------------------------------------------------

    def index_stage(self, valid: list[Path], render_key: str) -> None:
        """The index pages, the search and the edition's exports: nothing when no summary
        changed; else updated from what the last index was made from, where the documents
        kept their places (tei_edition/build/index_state.py), or made again."""
        assets = dict(site_assets())
        self._plan(assets)
        for name, data in assets.items():
            self.folder.write(name, data, if_changed=True)
            self.written.add(name)
        day = str(build_date())  # the exports' datestamps
        # the register pages show the entries (render_key has the registers' digest)
        key = combine("index", render_key, day,
                      *(f"{self.cache.key(p)}:{self.summaries.get(str(p), '')}"
                        for p in valid))
        state = self._state("index", key)
        if state is not None:
            self.written.update(state[0])
            self.result.diagnostics.extend(state[1])
            return
        from tei_edition.build.index_state import STATE, IndexState
        from tei_edition.exports.edition import edition_exports
        from tei_edition.site_index import StaleIndex

        # each file by the name the cache knows it by (its path in the edition)
        docs = [(self.cache.key(p), self.summaries[str(p)]) for p in valid
                if str(p) in self.summaries]
        index, base = IndexState(self.cache, self.edition), combine(render_key, day)
        made = index.make(docs, base, self._shown("index"), self._held)
        diagnostics: list[Diagnostic] = []

        try:
            exports = edition_exports(made.entries, self.edition, diagnostics)
            pages = self._register_pages(made.entries, render_key)
        except StaleIndex:  # an update's entries not all readable: made again
            made, diagnostics = index.make_again(docs, base), []
            exports = edition_exports(made.entries, self.edition, diagnostics)
            pages = self._register_pages(made.entries, render_key)
        outputs = made.files
        outputs.update(exports)
        outputs.update(pages.files)
        names = sorted({*made.names, *exports, *pages.digests})
        # the rows say which index OUT shows: none while its files are being written (the
        # build after an interrupted one makes every file again)
        self.cache.drop_state("index")
        self.cache.drop_state(STATE)
        self.cache.drop_state(REGISTER_PAGES)
        self.cache.commit()
        self._plan(names)
        for name, data in outputs.items():
            self.folder.write(name, data, if_changed=True)
        self.written.update(names)
        self.result.diagnostics.extend(diagnostics)
        self.result.index_rendered = True
        self._put_state("index", key, names, diagnostics)
        if pages.digests:
            self.cache.put("state", REGISTER_PAGES, json.dumps(pages.digests))
        made.save(key)

    def _register_pages(self, entries: Sequence[IndexEntry], render_key: str
                        ) -> RegisterPages:
        """The register pages (none without registers), made again only where OUT does not
        hold them from the same inputs; their seconds go to the result."""
        from tei_edition.site_registers import RegisterPages, build_register_files

        clock = time.monotonic()
        pages = build_register_files(entries, self.edition, render_key,
                                     self._register_pages_held())
        if pages is None:
            return RegisterPages({}, {})
        self.result.seconds["registers"] = time.monotonic() - clock
        return pages

    def _register_pages_held(self) -> dict[str, str]:
        """The register pages OUT holds as the last index stage made them: path -> the
        digest it was made from (tei_edition/site_registers.py: register_pages)."""
        row = self.cache.get("state", REGISTER_PAGES, "value")
        try:
            data = json.loads(str(row[0])) if row is not None else {}
        except ValueError:
            return {}
        if not isinstance(data, dict):
            return {}
        return {path: digest for path, digest in data.items()
                if isinstance(path, str) and isinstance(digest, str) and self._held([path])}

    def _held(self, names: Iterable[str]) -> bool:
        """Whether every one of ``names`` is in OUT, as its manifest lists it."""
        return all(n in self.previous and self.folder.holds(n) for n in names)

    def _shown(self, name: str) -> str | None:
        """The key of the whole-edition output ``name`` whose files OUT holds, if any."""
        row = self.cache.get("state", name, "value")
        try:
            data = json.loads(str(row[0])) if row is not None else None
            files = _names(data["files"]) if isinstance(data, dict) else None
            if files is None or not self._held(files):
                return None
            return str(data["key"])  # type: ignore[index]
        except (ValueError, KeyError, TypeError):
            return None

    def _state(self, name: str, key: str) -> tuple[list[str], list[Diagnostic], object] | None:
        """The files, diagnostics and extra of a whole-edition output made under ``key``,
        when they are all still in OUT as its manifest lists them."""
        row = self.cache.get("state", name, "value")
        try:
            data = json.loads(str(row[0])) if row is not None else None
            if data is None or data["key"] != key:
                return None
            files = _names(data["files"])
            diagnostics = self.cache.diagnostics_from_json(json.dumps(data["diagnostics"]))
            extra = data.get("extra")
        except (ValueError, KeyError, TypeError):
            return None
        if files is None or not all(n in self.previous and self.folder.holds(n)
                                    for n in files):
            return None
        return files, diagnostics, extra

    def _put_state(self, name: str, key: str, files: list[str],
                   diagnostics: list[Diagnostic], extra: object = None) -> None:
        self.cache.put("state", name, json.dumps({
            "key": key, "files": files, "extra": extra,
            "diagnostics": json.loads(self.cache.diagnostics_to_json(diagnostics))}))

    # -- pdf -----------------------------------------------------------------------------

    def pdf_stage(self, valid: list[Path], paper: str, max_pages: int | None,
                  jobs: int = 1) -> None:
        """The print volumes: the documents in the groups edition.toml asks for (one per
        year by default: tei_edition/pdf/groups.py), each group printed (in the -j workers)
        unless none of its inputs changed and its files are in OUT. A group's key leaves the
        day out: an unchanged volume keeps the date its title page was printed on."""
        from tei_edition.pdf import volume_groups
        from tei_edition.pdf.budget import MAX_PAGES

        budget = MAX_PAGES if max_pages is None else max_pages
        registers = str(self.root / REGISTERS_DIR) if self.context.registers else None
        groups = volume_groups(self._file_metadata(valid), self.edition)
        todo: list[tuple[PrintJob, str]] = []
        seen: dict[Diagnostic, None] = {}
        for group in groups:
            key = combine("pdf", group.name, group.title or "", self.context.edition,
                          self.context.registers,  # the volumes' index of names
                          self.context.stylesheets, __version__, paper, str(budget),
                          self.context.include_root,
                          *(f"{self.cache.key(p)}:{self.cache.digest(p)}" for p in group.paths))
            includes = any((self.cache.digest_and_includes(p) or ("", True))[1]
                           for p in group.paths)
            state = None if includes else self._state(f"pdf:{group.name}", key)
            pages = _pages(state[2]) if state is not None else None
            if state is None or pages is None or len(pages) != len(state[0]):
                todo.append((PrintJob(group, self.edition, paper, budget,
                                      self.include_root, registers), key))
                continue
            self.written.update(state[0])
            seen.update(dict.fromkeys(state[1]))
            self.result.volumes.extend((self.folder.path(n), p)
                                       for n, p in zip(state[0], pages, strict=True))
        for (job, key), (volumes, failed) in zip(todo, run(print_job, [j for j, _ in todo],
                                                           jobs, chunk=1), strict=True):
            if failed:  # not printed: reported, and tried again by the next build
                seen.update(dict.fromkeys(failed))
                continue
            names = [f"pdf/{v.file_name}" for v in volumes]
            self._plan(names)
            diagnostics = list(dict.fromkeys(d for v in volumes for d in v.diagnostics))
            for volume, name in zip(volumes, names, strict=True):
                self.folder.write(name, volume.pdf, if_changed=True)
                self.written.add(name)
                self.result.volumes.append((self.folder.path(name), volume.pages))
            seen.update(dict.fromkeys(diagnostics))
            self.result.pdf_rendered = True
            self._put_state(f"pdf:{job.group.name}", key, names, diagnostics,
                            [v.pages for v in volumes])
        self.result.volumes.sort(key=lambda pair: str(pair[0]))
        # the fonts' and the edition's warnings come with every group: once each
        self.result.diagnostics.extend(seen)

    def _file_metadata(self, valid: list[Path]) -> list[tuple[Path, Metadata]]:
        """Each published file with the metadata of its first document (a volume's own
        page), read back from the cache."""
        found = []
        for path in valid:
            if str(path) not in self.summaries:
                continue  # failed to render: not printed either
            row = self.cache.get("documents", str(path), "entries")
            try:
                items = json.loads(str(row[0])) if row is not None else []
                if items:
                    found.append((path, metadata_from_dict(items[0]["meta"])))
            except (ValueError, KeyError, TypeError, AttributeError):
                continue
        return found


def _pages(extra: object) -> list[int] | None:
    try:
        return [int(n) for n in extra] if isinstance(extra, list) else None
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class PrintJob:
    group: VolumeGroup
    edition: Edition
    paper: str
    max_pages: int
    include_root: str | None
    #: the edition's registers folder, when it has registers: each volume gets an index
    registers: str | None = None


def print_job(job: PrintJob) -> tuple[list[PrintedVolume], list[Diagnostic]]:
    """One group's volumes (tei_edition/pdf print_group), in a worker; or none and why, when
    the group cannot be printed (a group of one document that fails: a volume of many
    leaves that document out and says so itself)."""
    from tei_edition.pdf import print_group
    from tei_edition.registers.model import load_register

    try:
        register = None if job.registers is None else load_register(Path(job.registers))
        return print_group(job.group, job.edition, paper=job.paper, max_pages=job.max_pages,
                           include_root=job.include_root, register=register), []
    except TeiEditionError as exc:
        return [], [exc.diagnostic()]

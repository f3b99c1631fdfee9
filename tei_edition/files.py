"""The one way out: every file the toolkit writes is written here.

- An output is written atomically: a temporary file in the same folder, then a rename, so a
  reader never sees half a file and an interrupted run leaves the old file or the new one.
- An existing file is replaced only with ``force`` (a TEI file may hold hand edits), never
  when it is one of the run's own inputs, and never through a symbolic link: a link is
  refused, not followed and not replaced. A device or FIFO (``-o /dev/null``, also behind a
  link: ``-o /dev/stdout``) is written in place, never renamed over.
- New files get the user's umask (0644 under the usual 022); a replaced file keeps its mode.
- A full disk, a read-only file system or a refused permission is an :class:`OutputError`
  naming the file; the temporary file is removed.

:class:`OutputFolder` is a folder of many outputs (a site, an edition build) that the
toolkit owns through a manifest file in it: outputs are named by relative paths, checked to
stay inside the folder, written without following any link inside it, and the manifest says
which files are the toolkit's, so a later run (also after an interrupted or failed one)
replaces them and removes those it no longer makes, without ``--force``.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from tei_edition.errors import Location, OutputExistsError, TeiEditionError
from tei_edition.inputs import FileSet
from tei_edition.version import __version__


class OutputError(TeiEditionError, OSError):
    """An output cannot be written: no room, read-only, refused, a link, not a file."""


_ERRNO_WORDS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.ENOTDIR: "a part of the path is not a folder",
}


def output_error(exc: OSError, path: str | Path) -> OutputError:
    """An OSError met while writing ``path``, in words."""
    words = _ERRNO_WORDS.get(exc.errno or 0, exc.strerror or str(exc))
    return OutputError(f"cannot write: {words}", Location(str(path)), "io")


def _umask() -> int:
    """The process's umask, read without changing it where Linux tells it (/proc)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # pragma: no cover - not Linux
    os.umask(mask)
    return mask


_NEW_FILE_MODE = 0o666 & ~_umask()


def _status(path: Path, *, follow_links: bool) -> os.stat_result | None:
    """``os.stat`` (or ``os.lstat``) of an output, None when it is not there."""
    try:
        return os.stat(path) if follow_links else os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise output_error(exc, path) from None


def check_writable(path: str | Path, force: bool,
                   inputs: FileSet | Iterable[str | Path] = ()) -> None:
    """Refuse, before any work is done, an output that :func:`write_atomic` would refuse.
    (Give ``inputs`` as one :class:`FileSet` when many outputs are checked against them.)"""
    p = Path(path)
    if p in _file_set(inputs):
        raise OutputError("is also an input: an output never replaces its own source",
                              Location(str(p)), "exists")
    try:
        info = os.lstat(p)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise output_error(exc, p) from None
    if stat.S_ISLNK(info.st_mode):
        try:
            target = os.stat(p)
        except OSError:
            target = None
        # A link to a device or FIFO (/dev/stdout) is written in place, as the device is;
        # a link to a file or to nothing is never followed, so a planted link cannot
        # redirect an output.
        if target is None or stat.S_ISREG(target.st_mode) or stat.S_ISDIR(target.st_mode):
            raise OutputError("is a symbolic link: outputs are never written through links "
                              "(remove the link, or name the file it points to)",
                              Location(str(p)), "link")
        return
    if stat.S_ISDIR(info.st_mode):
        raise OutputError("is a folder, not a file", Location(str(p)), "exists")
    if stat.S_ISREG(info.st_mode) and not force:
        raise OutputExistsError(
            "output exists; it may hold hand edits, so it is not overwritten "
            "(use --force to replace it)", Location(str(p)), "exists")
    if stat.S_ISSOCK(info.st_mode):
        raise OutputError("is a socket, not a file", Location(str(p)), "exists")


def _write_in_place(path: Path, data: bytes) -> None:
    """Write to an existing device or FIFO (``/dev/null``): opened, never renamed over."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OutputError("is a FIFO with no reader", Location(str(path)), "io") from None
        raise output_error(exc, path) from None
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except OSError as exc:
        raise output_error(exc, path) from None
    finally:
        os.close(fd)


def _replace_atomically(path: Path, data: bytes, mode: int, sync: bool = False) -> None:
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:200]}.", suffix=".tmp",
                                   dir=path.parent)
    except OSError as exc:
        raise output_error(exc, path) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), mode)
            fh.write(data)
            if sync:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError) and not isinstance(exc, TeiEditionError):
            raise output_error(exc, path) from None
        raise
    if sync:
        _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - a folder we just wrote into
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems cannot sync a folder
        pass
    finally:
        os.close(fd)


def _file_set(inputs: FileSet | Iterable[str | Path]) -> FileSet:
    return inputs if isinstance(inputs, FileSet) else FileSet(inputs)


def write_atomic(path: str | Path, data: bytes | str, *, force: bool = False,
                 inputs: FileSet | Iterable[str | Path] = ()) -> None:
    """Write ``data`` to the file ``path`` as the module docstring says (its folder is
    made if need be): refused when it exists without ``force``, is a link or a folder, or is
    one of ``inputs``."""
    p = Path(path)
    check_writable(p, force, inputs)
    if isinstance(data, str):
        data = data.encode("utf-8")
    info = _status(p, follow_links=True)
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_in_place(p, data)
        return
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(exc, p.parent) from None
    mode = stat.S_IMODE(info.st_mode) if info is not None else _NEW_FILE_MODE
    _replace_atomically(p, data, mode)


# ---------------------------------------------------------------------------------------
# A folder of outputs
# ---------------------------------------------------------------------------------------


def output_name(name: str) -> str:
    """``name`` itself when it is a relative output path (``documents/d1.html``): no absolute
    path, no ``..``, no empty part, no NUL or backslash, no part longer than a file name may
    be; an :class:`OutputError` otherwise. Plain string tests: a rebuild checks every name
    of its manifest and of its cache (tens of thousands) with it."""
    if (not name or name[0] == "/" or "\\" in name or "\0" in name
            or any(part in ("", ".", "..") or len(part.encode("utf-8")) > 255
                   for part in name.split("/"))):
        raise OutputError(f"{name!r} is not a file name inside the output folder",
                          Location(name), "output-name")
    return name


def relative_output(name: str) -> PurePosixPath:
    """:func:`output_name` as a path."""
    return PurePosixPath(output_name(name))


class OutputFolder:
    """A folder of outputs that the toolkit owns by the manifest file ``marker`` in it.

    ``open`` refuses a folder that is neither empty nor marked (unless ``force``);
    ``begin(planned)`` records, before anything is written, every file this run will write
    together with those of the previous run (so an interruption at any point leaves a
    folder the next run recognises and finishes); ``write`` writes one file;
    ``finish(files)`` removes what the previous run had and this one did not write and
    records the folder as complete. The manifest is the only file synced to disk.
    """

    def __init__(self, root: str | Path, marker: str, *, force: bool = False,
                 inputs: FileSet | Iterable[str | Path] = ()):
        self.root = Path(root)
        self.marker = marker
        self.inputs = _file_set(inputs)
        self.previous: list[str] = []
        #: the previous run's manifest as it was read (its ``files`` checked; the rest is
        #: what that run put in :attr:`extra`, unchecked)
        self.recorded: dict[str, object] = {}
        self.extra: dict[str, object] = {}
        #: by folder (relative), its regular files as holds() found them (before this run
        #: wrote any)
        self._listings: dict[str, set[str]] = {}
        self._listed: frozenset[str] = frozenset()
        self._begun = False
        self._open(force)

    def _open(self, force: bool) -> None:
        root = self.root
        if os.path.lexists(root) and not root.is_dir():
            raise OutputExistsError("the output is a file, not a folder", Location(str(root)),
                                    "exists")
        if not root.exists():
            return
        marker = root / self.marker
        if os.path.lexists(marker):
            self.previous = self._read_manifest(marker)
            self._listed = frozenset(self.previous)
            return
        try:
            empty = not any(root.iterdir())
        except OSError as exc:
            raise output_error(exc, root) from None
        if not empty and not force:
            raise OutputExistsError(
                "the output folder is not empty and is not one tei-edition made; it is left "
                "alone (use --force to write into it)", Location(str(root)), "exists")

    def _read_manifest(self, marker: Path) -> list[str]:
        """The files a previous run listed (each checked to be a name inside the folder);
        nothing when the manifest cannot be read: then only files of this run are touched."""
        if not marker.is_file() or marker.is_symlink():
            return []
        try:
            data = json.loads(marker.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        files = data.get("files") if isinstance(data, dict) else None
        if not isinstance(files, list):
            return []
        self.recorded = {k: v for k, v in data.items() if k != "files"}
        kept = []
        for name in files:
            if isinstance(name, str):
                try:
                    output_name(name)
                except OutputError:
                    continue
                kept.append(name)
        return kept

    def path(self, name: str) -> Path:
        return self.root.joinpath(*relative_output(name).parts)

    def _folder_for(self, rel: PurePosixPath) -> Path:
        """The folder of ``rel``, made where missing; every part must be a real folder (a
        link inside the output folder is never followed)."""
        folder = self.root
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise output_error(exc, folder) from None
        for part in rel.parts[:-1]:
            folder = folder / part
            try:
                info = os.lstat(folder)
            except FileNotFoundError:
                try:
                    os.mkdir(folder)
                except OSError as exc:
                    raise output_error(exc, folder) from None
                continue
            except OSError as exc:
                raise output_error(exc, folder) from None
            if stat.S_ISLNK(info.st_mode):
                raise OutputError("is a symbolic link inside the output folder: it is not "
                                  "followed (remove it)", Location(str(folder)), "link")
            if not stat.S_ISDIR(info.st_mode):
                raise OutputError("is in the way: a folder is written here",
                                  Location(str(folder)), "exists")
        return folder

    def write(self, name: str, data: bytes | str, *, if_changed: bool = False) -> bool:
        """Write ``name`` (a relative path) atomically inside the folder; with
        ``if_changed`` a regular file that already holds ``data`` is left as it is. True when
        the file was written."""
        rel = relative_output(name)
        target = self._folder_for(rel) / rel.name
        if isinstance(data, str):
            data = data.encode("utf-8")
        mode = _NEW_FILE_MODE
        info = _status(target, follow_links=False)
        if info is not None:
            if stat.S_ISDIR(info.st_mode):
                raise OutputError("is a folder, not a file", Location(str(target)), "exists")
            if not stat.S_ISREG(info.st_mode) and not stat.S_ISLNK(info.st_mode):
                raise OutputError("is not a regular file: it is not replaced",
                                  Location(str(target)), "exists")
            if target in self.inputs:
                raise OutputError("is also an input: an output never replaces its own source",
                                  Location(str(target)), "exists")
            if stat.S_ISREG(info.st_mode):
                mode = stat.S_IMODE(info.st_mode)
                if if_changed and info.st_size == len(data) and _holds(target, data):
                    return False
            # A link is replaced by the file (rename does not follow it), never written
            # through.
        _replace_atomically(target, data, mode)
        return True

    def holds(self, name: str) -> bool:
        """Whether ``name`` is a regular file in the folder (reached through no link)."""
        if name not in self._listed:  # the manifest's names were checked when it was read
            output_name(name)
        folder, _, leaf = name.rpartition("/")
        listing = self._listings.get(folder)
        if listing is None:
            listing = self._listings[folder] = self._listing(folder)
        return leaf in listing

    def _listing(self, folder: str) -> set[str]:
        """The regular files of the folder ``folder`` (relative, "" for the root), read
        once (one scandir); none when a part of it is a link or not a folder."""
        path = str(self.root)
        for part in folder.split("/") if folder else ():
            path = os.path.join(path, part)
            if os.path.islink(path) or not os.path.isdir(path):
                return set()
        try:
            with os.scandir(path) as entries:
                return {e.name for e in entries if e.is_file(follow_symlinks=False)}
        except OSError:
            return set()

    def _manifest(self, state: str, files: Iterable[str]) -> None:
        body = {"generator": _generator(), "state": state, "files": sorted(set(files)),
                **self.extra}
        self._folder_for(PurePosixPath(self.marker))
        _replace_atomically(self.root / self.marker,
                            (json.dumps(body, indent=1, ensure_ascii=False) + "\n").encode(),
                            _NEW_FILE_MODE, sync=True)

    def begin(self, planned: Iterable[str]) -> None:
        """Record that a run is writing ``planned`` (with the previous run's files)."""
        self._begun = True
        self._manifest("incomplete", [*self.previous, *planned])

    def finish(self, files: Iterable[str]) -> None:
        """Remove the previous run's files that this one did not write; mark complete."""
        written = set(files)
        for name in sorted(set(self.previous) - written):
            self._remove(name)
        unchanged = (not self._begun and written == set(self.previous)
                     and self.recorded == {"generator": _generator(), "state": "complete",
                                           **self.extra})
        if not unchanged:  # else the manifest already says it all
            self._manifest("complete", written)
        self.previous = sorted(written)

    def write_all(self, outputs: dict[str, bytes]) -> None:
        """A whole run: :meth:`begin`, every output written, :meth:`finish`."""
        self.begin(outputs)
        for name, data in outputs.items():
            self.write(name, data)
        self.finish(outputs)

    def _remove(self, name: str) -> None:
        rel = relative_output(name)
        folder = self.root
        for part in rel.parts[:-1]:
            folder = folder / part
            if folder.is_symlink() or not folder.is_dir():
                return
        target = folder / rel.name
        if target.is_symlink() or target.is_file():
            try:
                target.unlink()
            except OSError as exc:
                raise output_error(exc, target) from None
        while folder != self.root:  # folders this left empty
            try:
                folder.rmdir()
            except OSError:
                break
            folder = folder.parent


def _holds(path: Path, data: bytes) -> bool:
    """Whether the regular file ``path`` holds ``data`` (opened without following a link)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    with os.fdopen(fd, "rb") as fh:
        return fh.read(len(data) + 1) == data


def _generator() -> str:
    return f"tei-edition {__version__}"

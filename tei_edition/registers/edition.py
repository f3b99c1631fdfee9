"""The register jobs over an edition project: link its TEI (``tei-edition register link``)
and check its registers and pointers (``tei-edition register check``).

An edition keeps its registers in ``registers/`` beside ``tei/``; both jobs take another
folder of registers, and TEI files or folders instead of ``tei/``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tei_edition.errors import Diagnostic, TeiEditionError
from tei_edition.registers.check import (
    check_refs,
    check_register,
    check_register_files,
    register_files,
)
from tei_edition.registers.link import Linker, link_file, locator
from tei_edition.registers.model import Register, load_register

REGISTERS_DIR = "registers"


@dataclass
class Run:
    """What a job did: its diagnostics, the documents it read, the links by action."""

    register: Register
    diagnostics: list[Diagnostic] = field(default_factory=list)
    documents: int = 0
    changed: int = 0
    actions: Counter[str] = field(default_factory=Counter)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.level == "error")


class FileRegisters:
    """The register each file's pointers are checked against (``tei-edition validate``):
    ``folder`` for every file when given (an empty register where it holds no register
    file), else the ``registers/`` of the edition the file belongs to (the nearest
    edition.toml above it), None where that holds no register file. Each folder's register
    is read once."""

    def __init__(self, folder: str | Path | None = None):
        self.folder = Path(folder) if folder is not None else None
        self._editions: dict[Path, Path | None] = {}  # a file's folder -> its registers/
        self._registers: dict[Path, Register | None] = {}

    def __call__(self, path: str | Path) -> Register | None:
        folder = self.folder
        if folder is None:
            directory = Path(path).resolve().parent
            if directory not in self._editions:
                from tei_edition.edition import edition_folder

                root = edition_folder(directory)
                self._editions[directory] = root / REGISTERS_DIR if root else None
            folder = self._editions[directory]
        if folder is None:
            return None
        if folder not in self._registers:  # (a folder named by hand is read even empty)
            self._registers[folder] = (load_register(folder) if folder == self.folder
                                       or register_files(folder) else None)
        return self._registers[folder]


def tei_files(edition: Path, paths: Iterable[Path]) -> list[Path]:
    """The TEI files of ``paths`` (files, or folders searched), else of ``edition``/tei; a
    new encoding beside a hand-edited file (NAME.new.xml) is not the edition's."""
    from tei_edition.validate import find_xml_files

    chosen = list(paths) or [edition / "tei"]
    return [p for p in find_xml_files(chosen) if not p.name.endswith(".new.xml")]


def link_edition(edition: str | Path = ".", registers: str | Path | None = None,
                 paths: Iterable[Path] = ()) -> Run:
    """Link the TEI of an edition (or ``paths``) to its registers; each changed file is
    written back (:func:`tei_edition.registers.link.link_file`)."""
    edition = Path(edition)
    register = load_register(registers or edition / REGISTERS_DIR)
    run = Run(register, list(register.diagnostics))
    linker = Linker(register)
    for path in tei_files(edition, paths):
        run.documents += 1
        try:
            linked = link_file(path, linker)
        except TeiEditionError as exc:
            run.diagnostics.append(exc.diagnostic())
            continue
        run.diagnostics.extend(linked.diagnostics)
        if linked.changes:
            run.changed += 1
        run.actions.update(c.action for c in linked.changes)
    return run


def check_edition(edition: str | Path = ".", registers: str | Path | None = None,
                  paths: Iterable[Path] = ()) -> Run:
    """Check the registers (schema, preferred names, shared names) and every register
    pointer of the edition's TEI (or of ``paths``)."""
    from tei_edition.inputs import read_file
    from tei_edition.tei import parse_bytes

    edition = Path(edition)
    folder = Path(registers or edition / REGISTERS_DIR)
    register = load_register(folder)
    run = Run(register, list(check_register_files(folder)))
    run.diagnostics.extend(check_register(register))
    for path in tei_files(edition, paths):
        run.documents += 1
        try:
            data = read_file(path, "xml")
            tree = parse_bytes(data, str(path))
            run.diagnostics.extend(check_refs(tree, register, str(path),
                                              locator(data, tree, str(path))))
        except TeiEditionError as exc:
            run.diagnostics.append(exc.diagnostic())
    return run

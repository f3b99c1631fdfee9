"""The checks of a register and of the pointers to it, as diagnostics.

- :func:`check_register`: every entry has one preferred name (error), a name form that two
  entries share is reported (warning ``register-duplicate``: the linker leaves such a name
  unlinked unless the entries' dates decide), plus what reading the files found.
- :func:`check_refs`: every ``@ref`` of a ``persName``/``placeName``/``orgName`` that uses a
  register prefix (``per:``, ``pla:``, ``org:``) names an entry of that register, and the
  element's kind is the entry's (a ``placeName`` pointing to a person is an error). Pointers
  of other forms (``#id``, which the Schematron checks, an authority URI) are left alone.
- :func:`check_register_files`: the register files against the project schema (RELAX NG
  and Schematron), as ``tei-edition validate`` checks them.
- :func:`unchecked_refs`: where a document's register pointers cannot be checked (it
  belongs to no edition with registers), one note at the first of them.

The linker checks the document's ids in Python, not in the Schematron with ``doc()`` (which
the validator's sandbox refuses): the register is loaded once for every document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from lxml import etree

from tei_edition.errors import Diagnostic, Location
from tei_edition.registers.forms import key_of, words
from tei_edition.registers.model import KINDS, NAME_KINDS, PREFIXES, Register


def check_register(register: Register) -> list[Diagnostic]:
    """The problems of a loaded register (module docstring)."""
    found = list(register.diagnostics)
    owners: dict[str, str] = {}
    for entry in register:
        where = entry.location or Location(entry.id)
        preferred = [n for n in entry.names if n.type == "preferred"]
        if not preferred:
            found.append(Diagnostic(where, "error", "register-preferred",
                                    f"{entry.id} has no preferred name (<{KINDS[entry.kind][3]}"
                                    ' type="preferred">)'))
        elif len(preferred) > 1:
            found.append(Diagnostic(where, "warning", "register-preferred",
                                    f"{entry.id} has {len(preferred)} preferred names; the "
                                    f"first, {preferred[0].text!r}, is used"))
        seen: set[str] = set()
        for name in entry.names:
            key = key_of(words(name.text))
            if not key or key in seen:
                continue
            seen.add(key)
            other = owners.setdefault(key, entry.id)
            if other != entry.id:
                found.append(Diagnostic(
                    name.location or where, "warning", "register-duplicate",
                    f"the name {name.text!r} of {entry.id} is also a name of {other}: it "
                    "is linked only where the entries' dates decide"))
    return found


def check_refs(tree: etree._ElementTree | etree._Element, register: Register,
               source: str = "<tree>",
               locate: Callable[[etree._Element], Location] | None = None) -> list[Diagnostic]:
    """The register pointers of one document that name no entry, or an entry of another
    kind. ``locate`` gives an element's line and column
    (:func:`tei_edition.registers.link.locator`); by default its line."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    found = []
    for el in root.iter(*NAME_KINDS):
        for ref in (el.get("ref") or "").split():
            prefix, colon, ident = ref.partition(":")
            if not colon or prefix not in PREFIXES:
                continue
            entry = register.entries.get(ident)
            kind = NAME_KINDS[el.tag]
            if entry is not None and entry.kind == PREFIXES[prefix] == kind:
                continue
            # (placed only when wrong: the position map is made for the first problem)
            where = locate(el) if locate else Location(source, el.sourceline)
            if entry is None or entry.kind != PREFIXES[prefix]:
                found.append(Diagnostic(where, "error", "register-ref",
                                        f'ref="{ref}" names no entry of the '
                                        f"{KINDS[PREFIXES[prefix]][0]} register"))
            elif entry.kind != kind:
                found.append(Diagnostic(where, "error", "register-ref",
                                        f'<{etree.QName(el).localname} ref="{ref}">: '
                                        f"{ident} is a {entry.kind}, not a {kind}"))
    return found


def unchecked_refs(tree: etree._ElementTree | etree._Element,
                   locate: Callable[[etree._Element], Location]) -> Diagnostic | None:
    """A note at the first register pointer of a document that no register can check (it
    belongs to no edition with registers), or None when it has none."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    for el in root.iter(*NAME_KINDS):
        refs = [r for r in (el.get("ref") or "").split()
                if r.partition(":")[0] in PREFIXES and ":" in r]
        if refs:
            return Diagnostic(locate(el), "note", "register-unchecked",
                              f'ref="{refs[0]}" and the other register pointers are not '
                              "checked: the file belongs to no edition with registers "
                              "(edition.toml beside registers/); give --registers DIR")
    return None


def register_files(directory: str | Path) -> list[Path]:
    """The register files an edition's ``registers/`` holds."""
    directory = Path(directory)
    return [directory / name for name, *_ in KINDS.values() if (directory / name).is_file()]


#: The project's rules about a document's header that a register, which is no document of
#: the edition, has no reason to meet: it has no date and no source citation.
NOT_FOR_REGISTERS = frozenset({"header-date", "header-source"})


def check_register_files(directory: str | Path) -> Iterator[Diagnostic]:
    """The register files against the project schema (RELAX NG and Schematron)."""
    from tei_edition.validate import Validator

    for report in Validator().check_files(register_files(directory)):
        yield from (d for d in report.diagnostics if d.code not in NOT_FOR_REGISTERS)

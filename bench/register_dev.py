"""How many name mentions of the development set the linker links to the right entry.

Builds the edition's registers from ``register.tsv`` of ../shared/samples/wilson-dev
(:func:`write_registers`: dev data, so the converter lives here, not in the package),
encodes the 32 documents, links them (tei_edition.registers.link) and compares the links
with ``entities.tsv`` (each mention: file, line, text, kind, role, key)::

    python bench/register_dev.py            # the figures, then each mention not linked right
    python bench/register_dev.py --quiet    # the figures only
    python bench/register_dev.py --keep DIR # keep the registers and the linked TEI in DIR
    python bench/register_dev.py --preferred-only   # entries without the forms seen

A mention is matched to a link of the same file and source line (a link's line: its block's,
found by the block's first words, in document order; the title and the correspondents are
line 2) whose words (a leading "the", brackets and punctuation aside) equal the mention's,
or lie inside them, or hold them: first the links to the mention's own entry (right), then
any other (wrong: a link to another entry where the mention is); a mention no link covers is
unlinked, with the reason when one is known (its key is ``?``; an ambiguity note of the
linker). Links that no mention takes are listed too: the table counts a name of the title
once, where the TEI has it twice (the title and correspDesc). tests/test_registers_dev.py
runs the same score and fails below the targets of issue 16.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from lxml import etree  # noqa: E402

from tei_edition.registers.forms import TITLES, is_cjk, key_of, words  # noqa: E402
from tei_edition.registers.model import KINDS, NAME_KINDS, register_document  # noqa: E402
from tei_edition.tei import element, serialize, tei, xml_attr  # noqa: E402

SHARED = Path(os.environ.get("TEI_EDITION_SHARED") or next(
    (p for p in (REPO.parent / "shared", REPO.parent.parent / "shared") if p.is_dir()),
    REPO.parent / "shared"))  # (as tests/conftest.py finds it)
DEV = SHARED / "samples" / "wilson-dev"
#: The roles the issue sets the 95% target for.
KEY_ROLES = frozenset({"signature", "addressee", "identification", "sender", "recipient"})
_SPAN = re.compile(r"(\d{4})\s*[-\u2013]\s*(\d{4})?")
_DIED = re.compile(r"\(d\. (\d{4})\)")


# ---------------------------------------------------------------------------------------
# register.tsv -> registers/*.xml

@dataclass
class Row:
    key: str
    kind: str
    preferred: str
    forms: list[str]
    about: str
    qid: str


def read_rows(path: Path) -> list[Row]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = (line.split("\t") + [""] * 6)[:6]
        rows.append(Row(cells[0], cells[1], cells[2],
                        [f.strip() for f in cells[3].split("|") if f.strip()],
                        cells[4].strip(), cells[5].strip()))
    return rows


def variants(form: str) -> list[str]:
    """A form of the table and its readings without brackets: "FILIPPOV [Stalin]" gives
    "FILIPPOV Stalin" and "FILIPPOV"; "Ho (Chi Minh)" gives "Ho Chi Minh" and "Ho";
    "Zhang[zhou]" (a word completed) only "Zhangzhou"."""
    out = [form]
    joined = " ".join(re.sub(r"[\[\]()]", "", form).split())
    bare = " ".join(re.sub(r"\[[^\]]*\]|\([^)]*\)", " ", form).split())
    if re.search(r"\w[\[(]", form) or all(w.casefold() in TITLES for w in words(bare)):
        bare = ""  # a word completed, or a title left alone ("Chairman [Mao]")
    for v in (joined, bare):
        if v and words(v) and v not in out:
            out.append(v)
    return out


def entry_element(row: Row, taken: dict[str, set[str]], seen_forms: bool = True
                  ) -> etree._Element:
    """An entry from a row; ``taken`` is the keys of every row's own forms (a form without
    its brackets that is another entry's form is left out: "[North] Vietnam" is not
    "Vietnam")."""
    _, _, entry_name, name_name, _ = KINDS[row.kind]
    el = element(entry_name, {xml_attr("id"): row.key})
    element(name_name, {"type": "preferred"}, row.preferred, parent=el)
    cover = row.about[row.about.find("cover name"):] if "cover name" in row.about else ""
    seen, attested = {row.preferred}, {row.preferred, *row.forms}
    forms = row.forms if seen_forms else []
    for form in [*variants(row.preferred)[1:], *(v for f in forms for v in variants(f))]:
        if form in seen or (form not in attested
                            and taken.get(key_of(words(form)), {row.key}) - {row.key}):
            continue
        seen.add(form)
        attrs: dict[str, str | None] = {}
        if cover and all(w in words(cover) for w in words(form)):
            attrs["type"] = "pseudonym"
        if all(is_cjk(w) for w in words(form)):
            attrs[xml_attr("lang")] = "zh"
        element(name_name, attrs, form, parent=el)
    if row.kind == "person":
        died = _DIED.search(row.about)
        if died:
            element("death", {"when": died.group(1)}, parent=el)
        for part in row.about.split(";"):
            span = _SPAN.search(part)
            if span:
                element("occupation", {"from": span.group(1), "to": span.group(2)},
                        " ".join(part[:span.start()].split()).rstrip(",") or part.strip(),
                        parent=el)
    if row.qid:  # (before the note: an org's idno goes with its names)
        element("idno", {"type": "wikidata"}, row.qid, parent=el)
    if row.about:
        element("note", None, row.about, parent=el)
    return el


def rows_document(kind: str, rows: list[Row], taken: dict[str, set[str]],
                  seen_forms: bool = True) -> etree._Element:
    """One register file of the rows of one kind."""
    return register_document(kind, f"Register: {kind}s of the development set",
                             "Built by bench/register_dev.py from register.tsv.",
                             "register.tsv of ../shared/samples/wilson-dev",
                             (entry_element(row, taken, seen_forms) for row in rows))


def write_registers(tsv: Path, folder: Path, seen_forms: bool = True) -> None:
    """``folder``/persons.xml, places.xml, organisations.xml from ``tsv``; without
    ``seen_forms``, the entries have their preferred names only (and the forms made from
    them), not the forms the table saw in the documents."""
    rows = read_rows(tsv)
    taken: dict[str, set[str]] = {}
    for row in rows:
        for form in [row.preferred, *row.forms]:
            taken.setdefault(key_of(words(form)), set()).add(row.key)
    folder.mkdir(parents=True, exist_ok=True)
    for kind, (filename, *_) in KINDS.items():
        mine = [r for r in rows if r.kind == kind]
        if mine:
            (folder / filename).write_bytes(serialize(rows_document(kind, mine, taken,
                                                                     seen_forms)))


# ---------------------------------------------------------------------------------------
# the score

@dataclass
class Mention:
    file: str
    line: int
    text: str
    kind: str
    role: str
    key: str


@dataclass
class Link:
    file: str
    text: str
    key: str
    kind: str
    line: int | None = None  # the source line (None: not found)
    used: bool = False


def read_mentions(path: Path) -> list[Mention]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        f, n, text, kind, role, key = line.split("\t")[:6]
        out.append(Mention(f.removesuffix(".txt"), int(n), text, kind, role, key))
    return out


def _words(text: str) -> tuple[str, ...]:
    text = re.sub(r"(?<=\w)\[([^\]\s]*)\]", r"\1", text)  # Zhang[zhou]: one word
    tokens = [w.casefold() for w in words(text)]
    while len(tokens) > 1 and tokens[0] == "the":  # (the table drops it from names)
        tokens = tokens[1:]
    return tuple(tokens)


def _covers(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether one word sequence lies inside the other."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    n = len(short)
    return n > 0 and any(long[i:i + n] == short for i in range(len(long) - n + 1))


_BLOCKS = frozenset(tei(n) for n in (
    "p seg salute signed dateline head ab byline docDate trailer label note".split()))


def _line_words(text: str) -> tuple[str, ...]:
    """Words and numbers, for finding a block's line ("Copy Nº 1", "Copy Nº 2")."""
    return tuple(w.casefold() for w in re.findall(r"\w+", text))


def _block_lines(tree: etree._ElementTree, lines: list[list[str]]) -> dict[object, int]:
    """The source line (1-based) of each block of the body (p, seg, signed...): the first
    line, at or after the previous block's, that starts with the block's first words (else
    holds them); a note, which the source has at the end, is looked for anywhere."""
    from tei_edition.export import inline_source

    found: dict[object, int] = {}
    cursor = 3
    for block in tree.iter(*_BLOCKS):
        nested = block.tag != tei("note") and any(a.tag in _BLOCKS
                                                   for a in block.iterancestors())
        if nested or not any(
                a.tag == tei("text") for a in block.iterancestors()):
            continue
        head = _line_words(inline_source(block).split("\n")[0])[:8]
        if not head:
            continue
        start = 1 if block.tag == tei("note") else cursor
        order = range(start, len(lines) + 1)
        n = next((n for n in order if tuple(lines[n - 1][:len(head)]) == head), None) or next(
            (n for n in order if _covers(head, tuple(lines[n - 1]))
             and len(lines[n - 1]) >= len(head)), None)
        if n is not None:
            found[block] = n
            if block.tag != tei("note"):
                cursor = n
    return found


def _source_line(el: etree._Element, blocks: dict[object, int]) -> int | None:
    """The source line of a name: the title and the correspondents are line 2; else its
    block's line plus the line breaks before it in the block."""
    if any(a.tag in (tei("titleStmt"), tei("correspDesc")) for a in el.iterancestors()):
        return 2
    block = next((a for a in el.iterancestors() if a in blocks), None)
    if block is None:
        return None
    return blocks[block] + sum(1 for lb in block.iter(tei("lb")) if _before(lb, el))


def _before(a: etree._Element, b: etree._Element) -> bool:
    for node in b.itersiblings(preceding=True):
        if node is a or any(d is a for d in node.iter()):
            return True
    parent = b.getparent()
    return parent is not None and parent.tag not in _BLOCKS and _before(a, parent)


def read_links(folder: Path) -> list[Link]:
    links = []
    for path in sorted(folder.glob("*.xml")):
        tree = etree.parse(str(path))
        source = DEV / (path.stem + ".txt")
        lines = [list(_line_words(line)) for line in source.read_text(encoding="utf-8")
                 .splitlines()] if source.is_file() else []
        blocks = _block_lines(tree, lines)
        for el in tree.iter(*NAME_KINDS):
            ref = el.get("ref")
            if ref:
                links.append(Link(path.stem, "".join(el.itertext()), ref.partition(":")[2],
                                  NAME_KINDS[el.tag], _source_line(el, blocks)))
    return links


@dataclass
class Score:
    right: Counter[str] = field(default_factory=Counter)  # by role
    wrong: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    unlinked: list[str] = field(default_factory=list)
    wrongs: list[str] = field(default_factory=list)
    extra: int = 0
    extra_body: list[str] = field(default_factory=list)  # outside the title line
    reasons: Counter[str] = field(default_factory=Counter)

    def share(self, roles: frozenset[str] | None = None) -> float:
        pick = [r for r in self.total if roles is None or r in roles]
        total = sum(self.total[r] for r in pick)
        return sum(self.right[r] for r in pick) / total if total else 1.0

    def wrong_share(self) -> float:
        return sum(self.wrong.values()) / max(1, sum(self.total.values()))

    def table(self) -> str:
        lines = [f"{'role':<15} {'mentions':>8} {'right':>6} {'wrong':>6} {'share':>7}"]
        for role in sorted(self.total):
            lines.append(f"{role:<15} {self.total[role]:>8} {self.right[role]:>6} "
                         f"{self.wrong[role]:>6} {self.right[role] / self.total[role]:>7.1%}")
        total = sum(self.total.values())
        lines.append(f"{'all':<15} {total:>8} {sum(self.right.values()):>6} "
                     f"{sum(self.wrong.values()):>6} {self.share():>7.1%}")
        lines.append(f"signatures, addressees, senders, recipients, identifications: "
                     f"{self.share(KEY_ROLES):.1%}; wrong links {self.wrong_share():.1%}; "
                     f"unlinked {len(self.unlinked)}; links to no mention {self.extra}, "
                     f"{len(self.extra_body)} of them outside the title and correspondents "
                     "(whose names the table counts once)")
        lines.append("unlinked, why: " + ", ".join(f"{why} {n}"
                                                   for why, n in self.reasons.most_common()))
        return "\n".join(lines)


def compare(mentions: list[Mention], links: list[Link], ambiguous: set[str]) -> Score:
    score = Score()
    by_file: dict[str, list[Link]] = {}
    for link in links:
        by_file.setdefault(link.file, []).append(link)
    pending = []
    for m in mentions:
        score.total[m.role] += 1
        mine = by_file.get(m.file, [])
        mw = _words(m.text)
        here = [lk for lk in mine if lk.line in (m.line, None)]  # the mention's line
        found = next((lk for lk in here if not lk.used and lk.key == m.key
                      and _words(lk.text) == mw), None) or next(
            (lk for lk in here if not lk.used and lk.key == m.key
             and _covers(_words(lk.text), mw)), None)
        if found is not None:
            found.used = True
            score.right[m.role] += 1
        else:
            pending.append(m)
    for m in pending:
        mw = _words(m.text)
        other = next((lk for lk in by_file.get(m.file, []) if not lk.used
                      and lk.line in (m.line, None) and lk.kind == m.kind
                      and _covers(_words(lk.text), mw)), None)
        where = f"{m.file}.txt:{m.line}: {m.text!r} ({m.role}, {m.key})"
        if other is not None and m.key != "?":
            other.used = True
            score.wrong[m.role] += 1
            score.wrongs.append(f"{where} linked to {other.key} as {other.text!r}")
            continue
        why = ("not identifiable (key ?)" if m.key == "?"
               else "ambiguous" if m.file + ":" + " ".join(mw) in ambiguous
               else "no form matches")
        score.reasons[why] += 1
        score.unlinked.append(f"{where}: {why}")
    score.extra = sum(1 for lk in links if not lk.used)
    score.extra_body = [f"{lk.file}.txt:{lk.line}: {lk.text!r} -> {lk.key}" for lk in links
                        if not lk.used and lk.line != 2]
    return score


def run(keep: Path | None = None, seen_forms: bool = True) -> Score:
    """Registers, encoding, linking and the score, in ``keep`` or a temporary folder."""
    from tei_edition import encode
    from tei_edition.registers.link import Linker, link_file
    from tei_edition.registers.model import load_register

    with tempfile.TemporaryDirectory() as tmp:
        folder = keep or Path(tmp)
        write_registers(DEV / "register.tsv", folder / "registers", seen_forms)
        register = load_register(folder / "registers")
        linker = Linker(register)
        tei_dir = folder / "tei"
        tei_dir.mkdir(parents=True, exist_ok=True)
        ambiguous: set[str] = set()
        for source in sorted(DEV.glob("*.txt")):
            target = tei_dir / (source.stem + ".xml")
            target.write_bytes(encode(source).data)
            result = link_file(target, linker)
            for d in result.diagnostics:
                if d.code == "register-ambiguous":
                    text = d.message.split("'")[1] if "'" in d.message else ""
                    ambiguous.add(source.stem + ":" + " ".join(_words(text)))
        return compare(read_mentions(DEV / "entities.tsv"), read_links(tei_dir), ambiguous)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--preferred-only", action="store_true",
                        help="registers with the preferred names only, not the forms seen")
    args = parser.parse_args()
    score = run(args.keep, not args.preferred_only)
    print(score.table())
    if not args.quiet:
        print("\nwrong links:", *score.wrongs, sep="\n  ")
        print("\nlinks to no mention, outside the title line:", *score.extra_body,
              sep="\n  ")
        print("\nunlinked:", *score.unlinked, sep="\n  ")


if __name__ == "__main__":
    main()

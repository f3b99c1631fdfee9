"""How many brackets of the development set the encoder reads as an editor does.

Encodes every document of ../shared/samples/wilson-dev/ and compares the reading of each
body bracket with ``brackets.tsv`` (file, the bracket's content without its outer brackets,
the kinds an editor accepts). The TEI an encoding counts as each kind is the one the file's
header gives (supplied, identification, expansion, reg, note, physical, unclear, omitted,
literal). A bracket is matched to a row by its file and its content (white space runs as one
space); rows and brackets left unmatched count as wrong. Prints the score and each wrong
reading::

    python bench/bracket_fidelity.py            # the wrong readings, the share per kind
    python bench/bracket_fidelity.py --quiet    # the share per kind only

A row that accepts two kinds counts under the first in alphabetical order in the table per
kind. tests/test_bracket_fidelity.py runs the same score in CI and fails below 98%.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from lxml import etree  # noqa: E402

from tei_edition.encoder.pipeline import encode_file  # noqa: E402
from tei_edition.export import inline_source  # noqa: E402
from tei_edition.tei import TEI_NS  # noqa: E402

DEV = REPO.parent / "shared" / "samples" / "wilson-dev"
_SPACE = re.compile(r"\s+")


def _norm(s: str) -> str:
    return _SPACE.sub(" ", s).strip()


def _name(el: etree._Element) -> str:
    tag = el.tag
    return tag[len(TEI_NS) + 2:] if isinstance(tag, str) and tag.startswith("{" + TEI_NS) else ""


def _reading(el: etree._Element) -> tuple[str, str] | None:
    """(content, kind) of an element that stands for one bracket, or None."""
    name = _name(el)
    if name == "gap":
        if el.get("reason") == "omitted":
            return _norm((el.get("rend") or "[…]")[1:-1]), "omitted"
        desc = el.find(f"{{{TEI_NS}}}desc")
        words = inline_source(desc) if desc is not None else el.get("reason", "")
        return _norm(words), "unclear" if el.get("cert") == "low" else "physical"
    if name == "supplied":
        content = _norm(inline_source(el))
        if el.get("cert") == "low":
            return content + "?", "unclear"
        return content, "identification" if el.get("reason") == "identification" else "supplied"
    if name == "ex":
        return _norm(inline_source(el)), "expansion"
    if name == "reg":
        return _norm(inline_source(el)), "reg"
    if name in ("stamp", "add"):
        return _norm(inline_source(el)), "physical"
    if name == "unclear":
        return "?", "unclear"
    if name == "sic":
        return "sic", "note"
    if name == "note":
        if el.get("place") == "inline":
            return _norm(inline_source(el)), "note"
        if el.get("n"):
            return el.get("n", ""), "note"
    return None


def _literal(text: str) -> list[str]:
    """The bracket pairs kept as text in a run of text (innermost, on one line)."""
    return [_norm(m.group(1)) for m in re.finditer(r"\[([^\[\]\n]*)\]", text)]


def readings(path: Path) -> list[tuple[str, str]]:
    """Every bracket reading of a document's body, in document order."""
    root = encode_file(path).tree
    body = root.find(f"{{{TEI_NS}}}text")
    out: list[tuple[str, str]] = []
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        found = _reading(el)
        if found:
            out.append(found)
            if _name(el) == "note" and el.get("place") == "foot" and el.get("n"):
                out.append(found)  # the anchor [n] and the endnote's label [n]
        for text in (el.text, el.tail):
            if text and "[" in text:
                out.extend((c, "literal") for c in _literal(text))
    return out


def rows() -> dict[str, list[tuple[str, set[str]]]]:
    table: dict[str, list[tuple[str, set[str]]]] = defaultdict(list)
    for line in (DEV / "brackets.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, content, kinds = line.split("\t")
        table[name].append((_norm(content), set(kinds.split(","))))
    return table


@dataclass
class Score:
    """Brackets read right, per kind (the first kind a row accepts), and the wrong ones."""

    right: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    wrong: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return sum(self.right.values()) / max(1, sum(self.total.values()))

    def table(self) -> str:
        rows = [f"{kind:<15} {self.right[kind]:>4} of {n:>4} ({self.right[kind] / n:.1%})"
                for kind, n in sorted(self.total.items())]
        right, total = sum(self.right.values()), sum(self.total.values())
        return "\n".join([*rows, f"{right} of {total} brackets read as the editor reads them "
                                 f"({self.share:.1%})"])


def score() -> Score:
    result = Score()
    for name, expected in sorted(rows().items()):
        found = readings(DEV / name)
        for content, kinds in expected:
            first = next(iter(sorted(kinds)))
            result.total[first] += 1
            match = next((i for i, (c, _) in enumerate(found) if c == content), None)
            if match is None:
                result.wrong.append(f"{name}: [{content}] expected {'/'.join(sorted(kinds))}: "
                                    "not found")
                continue
            kind = found.pop(match)[1]
            if kind in kinds:
                result.right[first] += 1
            else:
                result.wrong.append(f"{name}: [{content}] expected "
                                    f"{'/'.join(sorted(kinds))}, read as {kind}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="print the score only")
    args = parser.parse_args()
    result = score()
    if not args.quiet:
        print("\n".join(result.wrong))
    print(result.table())


if __name__ == "__main__":
    main()

"""A volume N times the size of a TEI volume: its text's parts repeated, ids renamed.

The benches of publishing speed (bench/publish_frus.py) need a FRUS volume four times the
size of ../shared/samples/tei/frus1894Nicaragua.xml that is still a valid volume: every id
unique, every link going where it went in its copy. This module owns making one:

- the header stays once; each child of ``front``, ``body`` and ``back`` is repeated
  ``times`` times in a row in its own container (so front matter stays front matter and
  a volume of 140 parts gives one of 560);
- in copy k (from 2) every ``xml:id`` X becomes ``X-copyK``, and every pointer ``#X`` in
  any attribute (``<ref target="#d5">``) to an id of that same copy becomes ``#X-copyK``;
  a pointer to an id outside the repeated parts (the header's) is left as it is. A bare
  word that happens to equal an id (``type="toc"`` beside ``xml:id="toc"``) is no pointer
  and is left alone.

    python bench/volume_copies.py [--times 4] SOURCE OUT
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tei_edition.files import write_atomic  # noqa: E402
from tei_edition.inputs import read_file  # noqa: E402
from tei_edition.tei import NS, parse_bytes, xml_attr  # noqa: E402

_ID = xml_attr("id")


def _renamed(el: etree._Element, suffix: str, ids: set[str]) -> None:
    """Rename, in place, the ids of ``el``'s subtree and its pointers to ``ids`` (the ids
    of every repeated part: a contents list in the front points into the body)."""
    for node in el.iter():
        if not isinstance(node.tag, str):
            continue
        for name, value in node.attrib.items():
            if name == _ID:
                node.set(name, value + suffix)
            elif "#" in value:
                tokens = value.split()
                new = [t + suffix if t.startswith("#") and t[1:] in ids else t for t in tokens]
                if new != tokens:
                    node.set(name, " ".join(new))


def multiply(data: bytes, times: int, source: str = "<volume>") -> bytes:
    """The TEI ``data`` with its text's parts repeated ``times`` times (module docstring)."""
    if times < 1:
        raise ValueError("times must be 1 or more")
    tree = parse_bytes(data, source)
    containers = tree.getroot().xpath(
        "tei:text/tei:front | tei:text/tei:body | tei:text/tei:back", namespaces=NS)
    ids = {str(i) for c in containers for i in c.xpath("*/descendant-or-self::*/@xml:id")}
    for container in containers:
        children = list(container)
        if not children:
            continue
        # the white space after the last child closes the container: keep it last
        last_tail = children[-1].tail
        gap = children[0].getprevious().tail if children[0].getprevious() is not None \
            else container.text
        children[-1].tail = gap
        for k in range(2, times + 1):
            for child in children:
                twin = copy.deepcopy(child)
                _renamed(twin, f"-copy{k}", ids)
                container.append(twin)
        container[-1].tail = last_tail
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--times", type=int, default=4)
    args = parser.parse_args()
    data = multiply(read_file(args.source), args.times, str(args.source))
    write_atomic(args.out, data, force=True)
    print(f"{args.out}: {len(data):,} bytes ({args.times} × {args.source.name})")


if __name__ == "__main__":
    main()

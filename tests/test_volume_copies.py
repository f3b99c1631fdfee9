"""The 4x FRUS volume of the publishing bench (bench/volume_copies.py) is still a volume of
the same shape: every part four times, every id unique, every pointer going to the copy of
what it pointed at in the original, the header once; so that the bench's 4x figures
measure four times the same work, not a broken file."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from lxml import etree

from tei_edition.tei import NS, parse_bytes, xml_attr

REPO = Path(__file__).resolve().parents[1]
FRUS = REPO.parent / "shared" / "samples" / "tei" / "frus1894Nicaragua.xml"
sys.path.insert(0, str(REPO / "bench"))

from volume_copies import multiply  # noqa: E402

_ID = xml_attr("id")


def _pointers(tree: etree._ElementTree | etree._Element) -> list[tuple[str, str]]:
    """(attribute, the id it points at), for every #pointer of the tree."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    found = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            if name == _ID:
                continue
            for token in value.split():
                if token.startswith("#"):
                    found.append((name, token[1:]))
    return found


def test_the_volume_four_times_is_the_same_volume_four_times():
    data = FRUS.read_bytes()
    original = parse_bytes(data, str(FRUS))
    big = parse_bytes(multiply(data, 4, str(FRUS)), "4x")
    for part in ("front", "body", "back"):
        before = original.getroot().xpath(f"tei:text/tei:{part}/*", namespaces=NS)
        after = big.getroot().xpath(f"tei:text/tei:{part}/*", namespaces=NS)
        assert len(after) == 4 * len(before), part
        # the copies come in order, each the original's tags in the original's order
        assert [e.tag for e in after] == [e.tag for e in before] * 4, part
    header = etree.tostring(original.getroot().find("tei:teiHeader", NS))
    assert etree.tostring(big.getroot().find("tei:teiHeader", NS)) == header

    ids = [str(i) for i in big.getroot().xpath("//@xml:id")]
    assert len(ids) == len(set(ids)), Counter(ids).most_common(3)
    text_ids = original.getroot().xpath("tei:text//@xml:id", namespaces=NS)
    assert len(ids) == len(original.getroot().xpath("//@xml:id")) + 3 * len(text_ids)
    assert {f"{i}-copy4" for i in text_ids} <= set(ids)

    # every pointer of the original resolves; so does every pointer of the copy, to an id
    # of its own copy where the original pointed inside the text
    known = set(ids)
    assert all(target in known for _, target in _pointers(big))
    in_header = _pointers(original.getroot().find("tei:teiHeader", NS))
    in_text = _pointers(original.getroot().find("tei:text", NS))
    assert len(_pointers(big)) == len(in_header) + 4 * len(in_text)
    copy3 = [t for _, t in _pointers(big) if t.endswith("-copy3")]
    inside = [t for _, t in _pointers(original) if t in set(map(str, text_ids))]
    assert len(copy3) == len(inside) > 100


def test_once_is_the_volume_as_it_was():
    data = FRUS.read_bytes()
    assert etree.tostring(parse_bytes(multiply(data, 1, str(FRUS)), "1x")) == \
        etree.tostring(parse_bytes(data, str(FRUS)))

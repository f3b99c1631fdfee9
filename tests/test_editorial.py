"""The bracket rules of ENCODING.md §4, one group per rule, and their export."""

from __future__ import annotations

from lxml import etree

from tei_edition.editorial import InlineContext, Span, encode_inline, inline_source
from tei_edition.tei import TEI_NS, element


def encode(text: str, **kw) -> tuple[str, InlineContext]:
    ctx = InlineContext("t.txt", **kw)
    p = element("p")
    encode_inline(p, [Span(line, n, 1) for n, line in enumerate(text.split("\n"), 1)], ctx)
    assert inline_source(p) == text
    xml = etree.tostring(p, encoding="unicode").replace(f' xmlns="{TEI_NS}"', "")
    return xml[len("<p>"):-len("</p>")] if xml != "<p/>" else "", ctx


def test_first_rules():
    assert encode("To: Wulumqi [Urumqi] [...]")[0] == (
        'To: <choice><orig>Wulumqi</orig><reg>Urumqi</reg></choice> '
        '<gap reason="omitted" rend="[...]"/>')

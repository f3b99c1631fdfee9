"""The table of editorial kinds (tei_edition/kinds.py) as an XSLT module: xslt/common/kinds.xsl.

The stylesheets never read the table at transform time (no ``doc()``: the security rules
forbid it); they include the module written from it. After a change to the table, write the
module again and commit both:

    python -m tei_edition.kinds_xslt

``tests/test_kinds.py`` fails when the committed module differs from :func:`stylesheet`.

What the module defines (each medium defines the hooks ``ed:mark`` and ``ed:words``, and
``xslt/common/editorial.xsl`` the template ``ed:footnote-of`` and the functions the calls
name: ``ed:id``, ``ed:by``):

- ``ed:kind($e)``: the name of a listed intervention's kind, else the empty sequence (tests
  in table order, the first that holds decides); ``ed:block-note($e)``,
  ``ed:is-footnote($e)``; ``ed:label($k)``; ``ed:explanation($e, $k)``;
  ``ed:open($e)``/``ed:close($e)``: the extra brackets of a doubled mark; the key
  ``ed:by-kind``;
- for every form, one template in each of four modes, at priorities falling in table
  order: the default mode (hands the element to the medium's ``ed:intervention`` with its
  kind's name, classes, whether it is listed, whether it has a reading of its own, its
  explanation and id; a footnote to ``ed:footnote-of``), ``ed:text`` (the same parts as
  plain text, for a ledger), ``ed:as-translated``
  (its parts: ``ed:mark`` with a mark's text, ``ed:words`` with a slot's role and content) and
  ``ed:reading`` (its reading text).

Example: ``Form("supplied", None, (Mark("["), Words("added", ("node()",)), Mark("]")))``
gives, in the mode ``ed:as-translated``, a call of ``ed:mark`` with ``ed:open(.) || '['``,
of ``ed:words`` with role ``'added'`` and the element's content, and of ``ed:mark`` with
``']' || ed:close(.)``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from tei_edition.kinds import (
    BLOCK_NOTE,
    DOUBLING_REND,
    FORMS,
    INTERVENTION_ELEMENTS,
    KINDS,
    By,
    First,
    Form,
    If,
    Kind,
    Mark,
    Piece,
    Text,
)

__all__ = ["stylesheet", "stylesheet_path"]

_HEAD = """\
<?xml version="1.0" encoding="UTF-8"?>
<!--
  GENERATED from tei_edition/kinds.py (the table of editorial kinds) by
  tei_edition/kinds_xslt.py: do not edit. Change the table, then run
      python -m tei_edition.kinds_xslt

  What each editorial element means: its kind, explanation and label, its marks and words
  as translated (through the hooks ed:mark and ed:words that each medium defines) and its
  reading text. xslt/common/editorial.xsl includes it and adds what every kind shares.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:tei-edition:editorial"
  exclude-result-prefixes="#all">
"""


def _lit(s: str) -> str:
    """An XPath string literal: ``'it''s'``."""
    return "'" + s.replace("'", "''") + "'"


def _first(selects: Sequence[str], default: str) -> str:
    """The first of ``selects`` that selects something, else ``default``."""
    expr = default
    for path in reversed(selects):
        expr = f"if (exists({path})) then {path} else {expr}"
    return expr


def _piece(p: Piece, e: str = "$e") -> str:
    """One piece of an explanation as an XPath expression giving a string."""
    if isinstance(p, str):
        return _lit(p)
    if isinstance(p, By):
        return f"ed:by({e})"
    if isinstance(p, Text):
        if p.join:
            text = f"string-join({e}/({p.select}) ! normalize-space(.), {_lit(p.join)})"
        else:
            text = f"normalize-space(string-join({e}/({p.select}), ''))"
        return f"({text}[.], {_lit(p.empty)})[1]" if p.empty else text
    if isinstance(p, If):
        return (f"(if (exists({e}/({p.select}))) then {_lit(p.prefix)} || "
                f"normalize-space(string-join({e}/({p.select}), '')) else '')")
    assert isinstance(p, First)
    return f"normalize-space(string({_first([f'{e}/({s})' for s in p.selects], '()')}))"


def _explanation(kind: Kind, e: str = "$e") -> str:
    return " || ".join(_piece(p, e) for p in kind.explanation)


def _call(template: str, **params: str) -> str:
    args = "".join(f"<xsl:with-param name={quoteattr(k.replace('_', '-'))} select={quoteattr(v)}/>"
                   for k, v in params.items())
    return f'<xsl:call-template name="{template}">{args}</xsl:call-template>'


def _parts(form: Form) -> list[str]:
    """The calls of ed:mark and ed:words for a form's parts. The first mark takes the extra
    opening brackets of a doubling, the last the closing ones (an empty mark where a form
    begins or ends with words: ed:mark shows nothing for it)."""
    calls: list[str] = []
    last = len(form.parts) - 1
    for i, part in enumerate(form.parts):
        if isinstance(part, Mark):
            text = _lit(part.text)
            if part.attr:
                text = f"(@{part.attr}[. ne ''], {text})[1]"
            if i == 0:
                text = f"ed:open(.) || {text}"
            if i == last:
                text = f"{text} || ed:close(.)"
            calls.append(_call("ed:mark", text=text))
            continue
        if i == 0:
            calls.append(_call("ed:mark", text="ed:open(.)"))
        calls.append(_call("ed:words", role=_lit(part.role),
                           content=_first(part.select, _lit(part.default))))
        if i == last:
            calls.append(_call("ed:mark", text="ed:close(.)"))
    return calls


def _text_parts(form: Form) -> list[str]:
    """The same parts as plain text (mode ed:text): the marks as strings, the words as the
    text of their content (editorial.xsl's mode ed:text: nested interventions by their
    own parts), the doubling's brackets around them all."""
    out = ["<xsl:sequence select=\"ed:open(.)\"/>"]
    for part in form.parts:
        if isinstance(part, Mark):
            text = _lit(part.text)
            if part.attr:
                text = f"(@{part.attr}[. ne ''], {text})[1]"
            out.append(f"<xsl:sequence select={quoteattr(text)}/>")
        else:
            content = _first(part.select, _lit(part.default))
            out.append(f'<xsl:apply-templates select={quoteattr(content)} mode="ed:text"/>')
    return out + ["<xsl:sequence select=\"ed:close(.)\"/>"]


def _functions() -> list[str]:
    # (Over 60 lines: it is the XSLT text of the module's functions, line by line, in the
    # order the module holds them; split, one function's text would be in two places.)
    # ed:kind dispatches through templates (a mode), not a choose: Saxon finds the rules of
    # an element by its name, so that an element of no kind costs one look-up. Cached: the
    # key, the ids and the ledger ask again. The cache gains 1-4% of a page's instructions
    # (bench/html_pages.py under callgrind, median of rounds), less than the 10% a shortcut
    # needs; it stays because without it a page costs 15-18% more than at 99422f8, past the
    # 15% allowed (with it about 13.6%)
    w = ["  <!-- The name of a listed intervention's kind, or the empty sequence. -->",
         '  <xsl:function name="ed:kind" as="xs:string?" cache="yes">',
         '    <xsl:param name="e" as="element()"/>',
         '    <xsl:apply-templates select="$e" mode="ed:kind"/>',
         "  </xsl:function>",
         '  <xsl:mode name="ed:kind" on-no-match="deep-skip"/>']
    for i, (kind, form) in enumerate(FORMS):
        priority = f"{2 + (len(FORMS) - i) / 100:.2f}"
        if kind.footnote and form is kind.forms[0]:
            block = f"{2 + (len(FORMS) - i) / 100 + 0.005:.3f}"
            block_note = quoteattr(f"tei:note[{BLOCK_NOTE}]")
            w.append(f'  <xsl:template match={block_note} mode="ed:kind" priority="{block}"/>')
        name = f"<xsl:sequence select=\"{_lit(kind.name)}\"/>" if kind.listed else ""
        w.append(f"  <xsl:template match={quoteattr(form.pattern)} mode=\"ed:kind\""
                 f' priority="{priority}">{name}</xsl:template>')
    w.append("")

    extra = ", ".join(f"{_lit(r)}: {d - 1}" for d, r in sorted(DOUBLING_REND.items()))
    opening = f"string-join((1 to (map {{ {extra} }}(string($e/@rend)), 0)[1]) ! '[', '')"
    w += ["  <!-- The extra brackets of a doubled mark (@rend): [[N. P. Varnov?]] -->",
          '  <xsl:function name="ed:open" as="xs:string">',
          '    <xsl:param name="e" as="element()"/>',
          f"    <xsl:sequence select={quoteattr(opening)}/>",
          "  </xsl:function>",
          '  <xsl:function name="ed:close" as="xs:string">',
          '    <xsl:param name="e" as="element()"/>',
          "    <xsl:sequence select=\"translate(ed:open($e), '[', ']')\"/>",
          "  </xsl:function>", ""]

    names = " | ".join(f"tei:{n}" for n in INTERVENTION_ELEMENTS)
    w += ["  <!-- The elements an intervention may be, as a pattern: a medium matches them with",
          '       _match="{$ed:candidates}[...]" (a static variable: the pattern is fixed when the',
          "       stylesheet is compiled). -->",
          '  <xsl:variable name="ed:candidates" static="yes" as="xs:string"'
          f' select="{_lit(names)}"/>',
          "",
          "  <!-- The interventions of a document by kind (ed:id counts them). -->",
          f'  <xsl:key name="ed:by-kind" use="ed:kind(.)" match="{names}"/>', ""]

    footnotes = ", ".join(_lit(k.name) for k in KINDS if k.footnote)
    w += ["  <!-- A note that is a block of the text (a distribution list), not a footnote. -->",
          '  <xsl:function name="ed:block-note" as="xs:boolean">',
          '    <xsl:param name="e" as="element()"/>',
          f"    <xsl:sequence select={quoteattr(f'exists($e/self::tei:note[{BLOCK_NOTE}])')}/>",
          "  </xsl:function>", "",
          "  <!-- Whether an intervention is shown as a numbered note (a footnote). -->",
          '  <xsl:function name="ed:is-footnote" as="xs:boolean">',
          '    <xsl:param name="e" as="element()"/>',
          f'    <xsl:sequence select="ed:kind($e) = ({footnotes})"/>',
          "  </xsl:function>", ""]

    labels = ", ".join(f"{_lit(k.name)}: {_lit(k.label)}" for k in KINDS if k.listed)
    label = "($ed:labels($k), $k, '')[1]"
    w += ["  <!-- The ledger's label of each kind. -->",
          '  <xsl:variable name="ed:labels" as="map(xs:string, xs:string)"'
          f' select="map {{ {labels} }}"/>',
          '  <xsl:function name="ed:label" as="xs:string">',
          '    <xsl:param name="k" as="xs:string?"/>',
          f"    <xsl:sequence select={quoteattr(label)}/>",
          "  </xsl:function>", ""]

    # not cached: a cache gained nothing measurable (bench/html_pages.py under callgrind)
    w += ["  <!-- The explanation a reader is given, for an element of kind $k (ed:kind). -->",
          '  <xsl:function name="ed:explanation" as="xs:string">',
          '    <xsl:param name="e" as="element()"/>',
          '    <xsl:param name="k" as="xs:string?"/>',
          "    <xsl:choose>"]
    for kind in KINDS:
        if kind.listed:
            w.append(f"      <xsl:when test={quoteattr(f'$k = {_lit(kind.name)}')}>"
                     f"<xsl:sequence select={quoteattr(_explanation(kind))}/></xsl:when>")
    w += ["      <xsl:otherwise>"
          "<xsl:sequence select=\"'An editorial intervention.'\"/></xsl:otherwise>",
          "    </xsl:choose>", "  </xsl:function>", ""]
    return w


def _templates() -> list[str]:
    w = ["  <!-- Each form: its templates in the default mode (handed to editorial.xsl), in the",
         "       modes ed:as-translated and ed:reading; priorities fall in table order, so that",
         "       the first form that matches decides. -->"]
    for i, (kind, form) in enumerate(FORMS):
        match = quoteattr(form.pattern)
        priority = f"{2 + (len(FORMS) - i) / 100:.2f}"
        w.append(f"  <!-- {kind.name}: {form.pattern.replace('--', '- -')} -->")
        w.append(f'  <xsl:template match={match} priority="{priority}">')
        if kind.footnote:
            w.append('    <xsl:call-template name="ed:footnote-of"/>')
        else:
            # ed:explanation($e, $k) knows the listed kinds only
            explanation = (f"ed:explanation(., {_lit(kind.name)})" if kind.listed
                           else _explanation(kind, "."))
            params = {"element": ".", "kind": _lit(kind.name), "classes": _lit(kind.classes),
                      "listed": "true()" if kind.listed else "false()",
                      "own_reading": "false()" if form.reading is None else "true()",
                      "explanation": explanation,
                      "id": "ed:id(.)" if kind.listed else "''"}
            w.append("    " + _call("ed:intervention", **params).replace(
                "><xsl:with-param", ">\n      <xsl:with-param").replace(
                "/></xsl:call-template>", "/>\n    </xsl:call-template>"))
        w.append("  </xsl:template>")
        w.append(f'  <xsl:template match={match} mode="ed:as-translated" priority="{priority}">')
        w += ["    " + call for call in _parts(form)]
        w.append("  </xsl:template>")
        w.append(f'  <xsl:template match={match} mode="ed:text" priority="{priority}">')
        w += ["    " + line for line in _text_parts(form)]
        w.append("  </xsl:template>")
        w.append(f'  <xsl:template match={match} mode="ed:reading" priority="{priority}">')
        if form.reading is None:
            w.append("    <xsl:apply-templates/>")
        elif form.reading:
            w.append(f"    <xsl:apply-templates select={quoteattr(_first(form.reading, '()'))}/>")
        elif form.reading_text:
            w.append(f"    <xsl:text>{escape(form.reading_text)}</xsl:text>")
        w.append("  </xsl:template>")
    return w


def stylesheet() -> str:
    """The text of xslt/common/kinds.xsl, written from the table."""
    return _HEAD + "\n" + "\n".join(_functions() + _templates()) + "\n\n</xsl:stylesheet>\n"


def stylesheet_path() -> Path:
    """Where the module is committed: xslt/common/kinds.xsl."""
    from tei_edition.resources import xslt_dir

    return xslt_dir() / "common" / "kinds.xsl"


def main() -> int:
    """``python -m tei_edition.kinds_xslt``: write xslt/common/kinds.xsl from the table."""
    from tei_edition.files import write_atomic

    write_atomic(stylesheet_path(), stylesheet().encode("utf-8"), force=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Editorial kinds: what each editorial element of the TEI means, defined once.

This module owns the table :data:`KINDS`. For each kind of intervention it says

- how it is recognised in TEI (:class:`Form`: an element and an XPath condition; the forms
  of all kinds are tried in table order and the first that matches decides, so
  ``<supplied reason="identification">`` is an identification before it is a supplied);
- the parts of its text "as translated", the source's brackets: :class:`Mark` (the source's
  own marks, ``[``, `` [?]``, or an attribute's value such as ``gap/@rend``) and
  :class:`Words` (content slots, each ``"original"``: words of the source, or ``"added"``:
  words the translator or the editors added: a supplied's content, a gap's description);
- its reading text (brackets hidden, the regularised spelling), where it differs;
- its explanation (:class:`Text`, :class:`By`, ... pieces) and its label in the ledger.

Everything here is data, read by two interpreters: :func:`as_translated` (the export,
``tei_edition/export.py``) and ``tei_edition/kinds_xslt.py``, which writes
``xslt/common/kinds.xsl``, the XSLT module the HTML and the print include
(``python -m tei_edition.kinds_xslt`` writes it again; ``tests/test_kinds.py`` fails when the
committed file differs). This module imports no encoder, reader or writer (only tei.py's
names). Conditions and selections are XPath 1.0 expressions (``tei:`` prefix), which lxml
and Saxon read alike.

A doubled bracket (``[[N. P. Varnov?]]``: the exports double a bracket inside a bracketed
passage) is recorded in ``@rend`` (:data:`DOUBLING_REND`): the first mark gets the extra
opening brackets, the last mark the extra closing ones, whatever the kind.

An uncertain reading comes in two forms in the source: ``[N. P. Varnov?]`` (the translator
supplied an uncertain reading: ``<supplied cert="low">``, with any reason, the form the
encoder writes with ``reason="uncertain-reading"``) and ``Samsonov [?]`` (a word of the
source read with doubt: ``<unclear>``). ``[x] [?]`` (a supplied word, then doubted) is the
two composed: ``<unclear><supplied>x</supplied></unclear>``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from lxml import etree

from tei_edition.tei import NS as _NS
from tei_edition.tei import TEI_NS

__all__ = [
    "BLOCK_NOTE", "DOUBLING_REND", "FORMS", "INTERVENTION_ELEMENTS", "INTERVENTION_TAGS",
    "KINDS", "By", "First", "Form", "If", "Kind", "Mark", "Text", "Words", "as_translated",
    "apparatus_entries", "form_of", "kind_of",
]

#: The @rend of an element whose bracket the source doubled, tripled, quadrupled: its first
#: mark is preceded by one, two, three more "[" and its last followed by as many "]".
DOUBLING_REND = {2: "double-bracket", 3: "triple-bracket", 4: "quadruple-bracket"}


# ----------------------------------------------------------------------------- the parts


@dataclass(frozen=True)
class Mark:
    """A mark of the source: ``text`` (``[``, ``?]``), or the value of the attribute
    ``attr`` (``rend``) with ``text`` as its default."""

    text: str
    attr: str | None = None


@dataclass(frozen=True)
class Words:
    """A content slot: the content of the first of ``select`` (XPath node selections) that
    selects something, else the words ``default``. ``role``: whose words they are."""

    role: Literal["original", "added"]
    select: tuple[str, ...] = ()
    default: str = ""


Part = Mark | Words


@dataclass(frozen=True)
class Text:
    """In an explanation: the text of ``select`` with white space normalised (``join``
    between the nodes selected; ``empty`` if none)."""

    select: str
    join: str = ""
    empty: str = ""


@dataclass(frozen=True)
class If:
    """In an explanation: ``prefix`` and the text of ``select``, if it selects something."""

    prefix: str
    select: str


@dataclass(frozen=True)
class First:
    """In an explanation: the text of the first of ``selects`` that selects something."""

    selects: tuple[str, ...]


@dataclass(frozen=True)
class By:
    """In an explanation: who made the intervention ("the translator (A. Name)"), from the
    nearest ``@resp`` (xslt/common/editorial.xsl, ed:by)."""


Piece = str | Text | If | First | By


@dataclass(frozen=True)
class Form:
    """One way a kind is written in TEI: ``element`` where ``where`` holds (an XPath
    condition on the element, or none), with its parts as translated and its reading text:
    ``reading`` None when it is its content (brackets hidden), else the first of these
    selections that selects something (none: the reading text leaves it out), or the
    literal ``reading_text``."""

    element: str
    where: str | None
    parts: tuple[Part, ...]
    reading: tuple[str, ...] | None = None
    reading_text: str = ""

    @property
    def pattern(self) -> str:
        """The form as an XSLT pattern and XPath step: ``tei:gap[@reason = 'omitted']``."""
        return f"tei:{self.element}" + (f"[{self.where}]" if self.where else "")


@dataclass(frozen=True)
class Kind:
    """A kind of intervention: its name (CSS class ``ed-NAME``, ids ``ed-NAME-3``), its
    label in the ledger, its explanation, and its forms. ``listed``: whether it is an
    intervention of its own (the ledger lists it; ed:kind names it); ``footnote``: the kind
    is shown as a numbered note (ed:footnote) rather than in the text."""

    name: str
    label: str
    explanation: tuple[Piece, ...]
    forms: tuple[Form, ...]
    listed: bool = True
    footnote: bool = False
    css: str = ""

    @property
    def classes(self) -> str:
        return self.css or f"ed-{self.name}"


_CONTENT = Words("original", ("node()",))
_ADDED = Words("added", ("node()",))
_OPEN, _CLOSE = Mark("["), Mark("]")
_DESC_OR_REASON = Words("added", ("tei:desc[1]/node()", "@reason"), "gap")


#: The kinds, in the order their forms are tried (the first form that matches decides).
KINDS: tuple[Kind, ...] = (
    # <gap reason="omitted" rend="[...]"/>  →  [...]  (the marker kept whole, doubling too)
    Kind("omitted", "Omission",
         ("A passage omitted by the editors of the translation.",),
         (Form("gap", "@reason = 'omitted'", (Mark("[…]", attr="rend"),), (),
               reading_text="…"),)),
    # <gap reason="illegible"><desc>illegible signature</desc></gap>  →  [illegible signature]
    Kind("illegible", "Illegible",
         ("Illegible in the source", If(": ", "tei:desc[1]"), "."),
         (Form("gap", "@reason = 'illegible'", (_OPEN, _DESC_OR_REASON, _CLOSE), ()),)),
    # <gap reason="withheld" extent="1 line"><desc>1 line not declassified</desc></gap>
    #   →  [1 line not declassified]
    Kind("withheld", "Withheld",
         ("Withheld from the release", If(": ", "tei:desc[1]"), "."),
         (Form("gap", "@reason = 'withheld'", (_OPEN, _DESC_OR_REASON, _CLOSE), ()),)),
    # <gap reason="signature"/>  →  [signature];  <gap reason="damage"/>  →  [damage]
    Kind("physical", "Not transcribed",
         ("Not transcribed: ", First(("tei:desc[1]", "@reason")), " in the source."),
         (Form("gap", None, (_OPEN, _DESC_OR_REASON, _CLOSE), ()),)),
    # <supplied reason="identification">Chervonenko</supplied>  →  [Chervonenko]
    Kind("identification", "Identification",
         ("Identified by ", By(), ": the preceding words refer to ", Text("."), "."),
         (Form("supplied", "@reason = 'identification'", (_OPEN, _ADDED, _CLOSE)),)),
    # <supplied reason="uncertain-reading" cert="low">N. P. Varnov</supplied>  →  [N. P. Varnov?]
    Kind("uncertain", "Uncertain reading",
         ("An uncertain reading supplied by ", By(), "."),
         (Form("supplied", "@cert = 'low'", (_OPEN, _ADDED, Mark("?]"))),)),
    # <supplied reason="omitted-in-original">the memorandum</supplied>  →  [the memorandum]
    Kind("supplied", "Supplied",
         ("Added by ", By(), " for sense; not in the original."),
         (Form("supplied", None, (_OPEN, _ADDED, _CLOSE)),)),
    # <unclear cert="low">Samsonov</unclear>  →  Samsonov [?]
    Kind("unclear", "Unclear",
         ("An uncertain reading of the source.",),
         (Form("unclear", None, (_CONTENT, Mark(" [?]"))),)),
    # <choice><orig>Wulumqi</orig><reg>Urumqi</reg></choice>  →  Wulumqi [Urumqi]
    Kind("gloss", "Spelling",
         ("Spelling in the translation: ", Text("tei:orig[1]"), "; usual spelling: ",
          Text("tei:reg[1]"), "."),
         (Form("choice", "tei:orig and tei:reg",
               (Words("original", ("tei:orig[1]/node()",)), Mark(" ["),
                Words("added", ("tei:reg[1]/node()",)), _CLOSE), ("tei:reg[1]/node()",)),)),
    # <choice><sic>comission</sic><corr>commission</corr></choice>  →  comission [sic];
    # <sic>recieved</sic>  →  recieved [sic]  ("sic" is the translator's word)
    Kind("sic", "Sic",
         ("So in the source (sic)", If("; read: ", "tei:corr[1]"), "."),
         (Form("choice", "tei:sic",
               (Words("original", ("tei:sic[1]/node()",)), Mark(" ["), Words("added", (), "sic"),
                _CLOSE), ("tei:corr[1]/node()", "tei:sic[1]/node()")),
          Form("sic", "not(parent::tei:choice)",
               (_CONTENT, Mark(" ["), Words("added", (), "sic"), _CLOSE), ("node()",)))),
    # <choice><abbr>FM</abbr><expan>F<ex>oreign</ex> M<ex>inistry</ex></expan></choice>
    # and <expan>F<ex>oreign</ex> M<ex>inistry</ex></expan>  →  F[oreign] M[inistry]; the
    # explanation names the abbreviation as written, where the TEI has it ("...: Foreign
    # Ministry; as written: FM."), so that no word of the TEI is left out of the page
    Kind("expansion", "Expansion",
         ("An abbreviation expanded by ", By(), ": ",
          Text("descendant::text()[not(ancestor::tei:abbr)]"),
          If("; as written: ", "tei:abbr[1]"), "."),
         (Form("choice", "tei:abbr and tei:expan", (Words("original", ("tei:expan[1]/node()",)),),
               ("tei:expan[1]/node()",)),
          Form("expan", "not(parent::tei:choice)", (_CONTENT,)))),
    # any other choice (reg and corr, two corr, ...): the first alternative; its explanation
    # names them all.  <choice><corr>Kyiv</corr><corr>Kiev</corr></choice>  →  Kyiv
    Kind("choice", "Alternatives",
         ("Alternative readings: ", Text("*", "; ", "none"), "."),
         (Form("choice", None, (Words("original", ("*[1]/node()",)),),
               ("tei:reg[1]/node()", "tei:corr[1]/node()", "*[1]/node()")),)),
    # <stamp>MFA stamp: Copy No 3</stamp>  →  [MFA stamp: Copy No 3]
    Kind("stamp", "Stamp", ("A stamp on the source.",),
         (Form("stamp", None, (_OPEN, _ADDED, _CLOSE)),)),
    # <add hand="#handwritten">handwritten: 328/ag</add>  →  [handwritten: 328/ag]
    Kind("handwritten", "Handwriting", ("Handwritten on the source.",),
         (Form("add", None, (_OPEN, _ADDED, _CLOSE)),)),
    # <note type="original-wording" place="inline"><foreign xml:lang="ru-Latn">otpala</foreign>
    #   </note>  →  [otpala]  (the original's words after their English rendering; left out
    #   of the reading text, as a remark is)
    Kind("original", "Original wording",
         ("The original's wording, given by ", By(), ": ", Text("."), "."),
         (Form("note", "@type = 'original-wording'", (_OPEN, _CONTENT, _CLOSE), ()),)),
    # <note type="editorial" place="inline">emphasis in the original</note>
    #   →  [emphasis in the original]  (left out of the reading text)
    Kind("remark", "Remark", ("A remark of ", By(), "."),
         (Form("note", "@place = 'inline'", (_OPEN, _ADDED, _CLOSE), ()),)),
    # <note type="translator" place="end" n="1" anchored="false">text</note>  →  [1] text
    #   (an endnote no anchor points to, in place at the end of the text);
    # <note type="translator" place="foot" n="1">...</note>  →  [1] (its text at the end);
    # a note without a number of the source (<note>...</note>) gives its words in place.
    # Both are footnotes in the media (numbered 1, 2, ... where @n is missing).
    Kind("note", "Note", ("A note of ", By(), "."),
         (Form("note", "@n and @anchored = 'false'",
               (_OPEN, Words("added", ("@n",)), Mark("] "), _ADDED)),
          Form("note", "@n and (@place = 'foot' or @place = 'end' or @type = 'translator')",
               (_OPEN, Words("added", ("@n",)), _CLOSE)),
          Form("note", None, (_ADDED,))), footnote=True),
    # the letters of an expansion, inside it: F<ex>oreign</ex>  →  F[oreign]
    Kind("letters", "Expansion", ("Letters added by ", By(), " to expand an abbreviation."),
         (Form("ex", None, (_OPEN, _ADDED, _CLOSE)),), listed=False,
         css="ed-expansion ed-ex"),
)

#: Every form, in the order they are tried, with its kind.
FORMS: tuple[tuple[Kind, Form], ...] = tuple((k, f) for k in KINDS for f in k.forms)
#: The local names of the TEI elements an intervention may be (for ``iter`` and ``key``).
INTERVENTION_ELEMENTS: tuple[str, ...] = tuple(dict.fromkeys(f.element for _, f in FORMS))
#: The same as lxml tags: ``{http://www.tei-c.org/ns/1.0}gap``.
INTERVENTION_TAGS: tuple[str, ...] = tuple(f"{{{TEI_NS}}}{n}" for n in INTERVENTION_ELEMENTS)

#: A note that is a block of the text, not a footnote: the source's own distribution list
#: or transmission note, or a note that holds paragraphs, a list or a table.
#: (``<note type="distribution"><list>...</list></note>`` stays where it is.)
BLOCK_NOTE = ("not(@place) and (@type = 'distribution' or @type = 'transmission'"
              " or tei:list or tei:p or tei:table)")


# ------------------------------------------------------------------------ the export side


def _condition(where: str | None) -> etree.XPath | None:
    return etree.XPath(f"boolean({where})", namespaces=_NS) if where else None


_BY_TAG: dict[str, list[tuple[Kind, Form, etree.XPath | None]]] = {}
for _kind, _form in FORMS:
    _BY_TAG.setdefault(f"{{{TEI_NS}}}{_form.element}", []).append(
        (_kind, _form, _condition(_form.where)))
_SELECT: dict[str, etree.XPath] = {}
_REND_DOUBLING = {v: k for k, v in DOUBLING_REND.items()}


def form_of(el: etree._Element) -> tuple[Kind, Form] | None:
    """The kind and form of ``el``, or None for an element that is no intervention (or a
    block note)."""
    for kind, form, test in _BY_TAG.get(el.tag, ()) if isinstance(el.tag, str) else ():
        if test is None or test(el):
            if kind.footnote and _block_note(el):
                return None
            return kind, form
    return None


_BLOCK_TEST = etree.XPath(f"boolean({BLOCK_NOTE})", namespaces=_NS)


def _block_note(el: etree._Element) -> bool:
    return bool(_BLOCK_TEST(el))


def kind_of(el: etree._Element) -> str | None:
    """The name of ``el``'s kind if it is an intervention the ledger lists, else None."""
    found = form_of(el)
    return found[0].name if found and found[0].listed else None


def _select(el: etree._Element, path: str) -> list[object]:
    xp = _SELECT.get(path)
    if xp is None:
        xp = _SELECT[path] = etree.XPath(path, namespaces=_NS)
    result = xp(el)
    assert isinstance(result, list)
    return result


def as_translated(el: etree._Element, form: Form,
                  content: Callable[[list[object]], str]) -> str:
    """The text of ``el`` (an intervention of ``form``) as translated: its marks and the
    words of its slots, ``content`` giving the text of the nodes a slot selects."""
    out: list[str] = []
    for part in form.parts:
        if isinstance(part, Mark):
            out.append((el.get(part.attr) if part.attr else None) or part.text)
            continue
        for path in part.select:
            nodes = _select(el, path)
            if nodes:
                out.append(content(nodes))
                break
        else:
            out.append(part.default)
    d = _REND_DOUBLING.get(el.get("rend") or "", 1)
    return "[" * (d - 1) + "".join(out) + "]" * (d - 1)


def apparatus_entries(scope: etree._Element) -> Iterator[etree._Element]:
    """The interventions of ``scope`` that have a line of their own in a ledger or an
    apparatus, in document order: every listed one that is not a footnote and is not inside
    another (the inside of a note counts as outside). ed:interventions in
    xslt/common/editorial.xsl, less the footnotes."""
    outer = tuple(t for t in INTERVENTION_TAGS if t != f"{{{TEI_NS}}}note")
    for el in scope.iter(*INTERVENTION_TAGS):
        found = form_of(el)
        if found is None or not found[0].listed or found[0].footnote:
            continue
        if not any(kind_of(a) for a in el.iterancestors(*outer)):
            yield el

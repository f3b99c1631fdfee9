<?xml version="1.0" encoding="UTF-8"?>
<!--
  Editorial semantics, decided once for every output format.

  What each editorial element means (its kind, its explanation and ledger label, its marks
  and words "as translated", its reading text) comes from the table in
  tei_edition/kinds.py, through kinds.xsl, which is generated from it. This module adds what
  is the same for every kind: who made an intervention (ed:by), its id (ed:id), the list of a
  document's interventions (ed:interventions), the paragraph numbers, and the calls of the
  hooks that each output format (xslt/html, xslt/print) defines:

    ed:intervention  element, kind (a name for CSS and ids only), classes, listed (whether
                     the ledger lists it), own-reading (whether its reading text is not its
                     content less the brackets), explanation, id
    ed:mark          text: a mark of the source as translated ("[", " [?]", "[…]")
    ed:words         role ("original": the source's words; "added": the translator's or the
                     editors'), content (the nodes, or a string, to show)
    ed:footnote      n, element (a note that is a foot- or endnote)
    ed:note-block    element (a note that is a block of the text: a distribution list)

  The medium writes an intervention as translated by applying templates to it in the mode
  ed:as-translated (which calls ed:mark and ed:words), and its reading text in the mode
  ed:reading. Example: <supplied reason="omitted-in-original">the memorandum</supplied> is
  kind "supplied", explanation "Added by the translator for sense; not in the original.",
  as translated ed:mark "[", ed:words added "the memorandum", ed:mark "]", and in the
  reading text "the memorandum".
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:tei-edition:editorial"
  exclude-result-prefixes="#all">

  <!-- What each kind means (ed:kind, ed:explanation, ed:label, the modes ed:as-translated
       and ed:reading, one template per form): generated from tei_edition/kinds.py. -->
  <xsl:include href="kinds.xsl"/>
  <!-- What the document is, and so the words its pages use (ed:reading-labels, ed:agent). -->
  <xsl:include href="labels.xsl"/>

  <!-- Who made an intervention, as the reader should be told. -->
  <xsl:key name="ed:resp-stmt" match="tei:respStmt[@xml:id]" use="@xml:id"/>

  <xsl:function name="ed:by" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="resp" select="$e/ancestor-or-self::*[@resp][1]/@resp"/>
    <xsl:variable name="who" select="if ($resp)
        then key('ed:resp-stmt', substring-after($resp, '#'), root($e))/tei:name[1] else ()"/>
    <xsl:sequence select="if ($who) then ed:agent($e) || ' (' || normalize-space($who[1]) || ')'
                          else ed:agent($e)"/>
  </xsl:function>

  <!-- The explanation a reader is given on hover, focus and in the ledger. -->
  <xsl:function name="ed:explanation" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="ed:explanation($e, ed:kind($e))"/>
  </xsl:function>

  <!-- The ledger: every intervention of a document, in document order. -->
  <xsl:function name="ed:interventions" as="element()*">
    <xsl:param name="scope" as="node()"/>
    <xsl:sequence select="$scope//tei:text//*[exists(ed:kind(.))]
        [not(ancestor::*[exists(ed:kind(.))][not(self::tei:note)])]"/>
  </xsl:function>

  <!-- A stable id for an intervention: kind and position among the text's interventions.
       The interventions of a kind come from a key (ed:by-kind, in kinds.xsl: built once per
       document) rather than from the preceding axis: those before the element, less its
       ancestors, are the preceding ones. The text is the document's (the outermost): the
       interventions of an original and its translation (text/group/text) are counted
       together, so that their ids differ. Those of a sourceDoc (a diplomatic transcription)
       are counted in it, with an s: ed-handwritten-s1. -->
  <xsl:function name="ed:id" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="k" select="ed:kind($e)"/>
    <xsl:sequence select="if ($e/@xml:id) then string($e/@xml:id)
        else 'ed-' || $k || '-' || (if ($e/ancestor::tei:sourceDoc) then 's' else '') ||
             (count((key('ed:by-kind', $k, root($e))[. &lt;&lt; $e] except $e/ancestor::*)
                  [(ancestor::tei:text[last()], ancestor::tei:sourceDoc)[1]
                  is ($e/ancestor::tei:text[last()], $e/ancestor::tei:sourceDoc)[1]]) + 1)"/>
  </xsl:function>

  <!-- A note that is not inline: a footnote, numbered by @n or its position, or a block of
       the text (ed:block-note: a distribution list, a transmission note). -->
  <xsl:template name="ed:footnote-of">
    <xsl:choose>
      <xsl:when test="ed:block-note(.)">
        <xsl:call-template name="ed:note-block">
          <xsl:with-param name="element" select="."/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="ed:footnote">
          <xsl:with-param name="element" select="."/>
          <xsl:with-param name="n" select="string((@n, ed:footnote-position(.))[1])"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A note of other TEI that stays where it is: placed inline (@place="inline", or FRUS's
       rend="inline": the source note under a document's heading), or in the margin. -->
  <xsl:function name="ed:in-place-note" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="not(ed:own-encoding($e)) and exists($e/self::tei:note[
        tokenize(normalize-space(@place)) = ('inline', 'margin', 'left', 'right', 'marginLeft',
        'marginRight', 'margin-left', 'margin-right', 'above', 'below', 'interlinear')
        or (not(@place) and tokenize(normalize-space(@rend)) = 'inline')])"/>
  </xsl:function>

  <!-- The position of a footnote among the text's footnotes (1, 2, ...): its number where it
       has no @n. A note inside a note comes after it (its ancestor precedes it in document
       order). A note that is no footnote does not count: one printed where it stands
       (place="inline", in the margin: ed:in-place-note) or a block of the text
       (ed:block-note), so that "a<note place="inline"/> b<note/> c<note/>" has the footnotes
       1 and 2. -->
  <xsl:function name="ed:footnote-position" as="xs:integer">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="count(key('ed:by-kind', 'note', root($note))[. &lt;&lt; $note]
        [ancestor::tei:text][not(ed:in-place-note(.) or ed:block-note(.))]) + 1"/>
  </xsl:function>

  <!-- An intervention as translated, as plain text: what the export gives back (marks and
       words, nested interventions by their own parts, a line break as a space), from the
       templates of the mode ed:text in kinds.xsl. -->
  <xsl:function name="ed:as-translated-text" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:apply-templates select="$e" mode="ed:text"/>
    </xsl:variable>
    <xsl:sequence select="normalize-space(string-join($parts, ''))"/>
  </xsl:function>
  <xsl:mode name="ed:text" on-no-match="shallow-skip"/>
  <xsl:template match="text() | @*" mode="ed:text"><xsl:sequence select="string(.)"/></xsl:template>
  <xsl:template match=".[. instance of xs:string]" mode="ed:text"><xsl:sequence select="."/></xsl:template>
  <xsl:template match="tei:lb" mode="ed:text"><xsl:sequence select="' '"/></xsl:template>
  <!-- Any other element: its content, not its attributes (shallow-skip would give them:
       the xml:lang of a foreign inside a note is no word of the source). An attribute a
       kind's mark names is selected by the kind's own template (kinds.xsl). -->
  <xsl:template match="*" mode="ed:text" priority="-1">
    <xsl:apply-templates mode="ed:text"/>
  </xsl:template>

  <!-- Where an intervention is, for a ledger or an apparatus: "n. 1" inside a footnote (its
       number), "¶ 3" in a numbered paragraph (the number of its permalink id p3; another
       xml:id as it is), else the part of the text it is in ("Opener", "Closer",
       "Postscript", "Quote", "List": a list's head is not in the list), else "Text". -->
  <xsl:function name="ed:where" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="note" select="$e/ancestor::tei:note[ed:is-footnote(.)][1]"/>
    <xsl:variable name="p" select="$e/ancestor::tei:p[@xml:id][1]"/>
    <xsl:variable name="part" select="$e/ancestor::*[local-name() = ('opener', 'closer',
        'postscript', 'quote') or starts-with(local-name(), 'list')]
        [not(. intersect $e/ancestor::tei:head/parent::tei:list)][1]"/>
    <xsl:sequence select="
      if ($note) then 'n. ' || ($note/@n, ed:footnote-position($note))[1]
      else if ($p) then '¶ ' || (ed:paragraph-number($p), string($p/@xml:id))[1]
      else if ($part) then upper-case(substring(local-name($part), 1, 1))
                           || substring(local-name($part), 2)
      else 'Text'"/>
  </xsl:function>

  <!-- The number of a paragraph, from its permalink id pN (the HTML edition's #pN); the
       empty sequence for a paragraph without one. -->
  <xsl:function name="ed:paragraph-number" as="xs:string?">
    <xsl:param name="p" as="element()?"/>
    <xsl:sequence select="if (matches(string($p/@xml:id), '^p[0-9]+$'))
                          then substring($p/@xml:id, 2) else ()"/>
  </xsl:function>

  <!-- Whether a paragraph holds a block (a list, a table, a quoted message): HTML's p cannot
       hold one, so the media make it a div. -->
  <xsl:function name="ed:holds-block" as="xs:boolean">
    <xsl:param name="p" as="element()"/>
    <xsl:sequence select="exists($p/(tei:list | tei:table | tei:floatingText | tei:lg | tei:figure
        | tei:quote[tei:p | tei:floatingText | tei:list | tei:lg]))"/>
  </xsl:function>

  <!-- What a text of a group is, for its heading: "Original (Chinese)", "Translation
       (English)" (an original-language transcription and its translation in one document:
       text/group/text with @type and @xml:lang). The language's name is the header's
       (langUsage/language), else its code; a text without a type is "Text". -->
  <xsl:function name="ed:text-label" as="xs:string">
    <xsl:param name="text" as="element(tei:text)"/>
    <xsl:variable name="lang" select="string($text/@xml:lang)"/>
    <xsl:variable name="name" select="(root($text)//tei:teiHeader/tei:profileDesc/tei:langUsage
        /tei:language[@ident = $lang])[1]/normalize-space()[.]"/>
    <xsl:variable name="kind" select="($text/@type ! (upper-case(substring(., 1, 1))
        || substring(., 2)), 'Text')[1]"/>
    <xsl:sequence select="$kind || (if ($lang) then ' (' || ($name, $lang)[1] || ')' else '')"/>
  </xsl:function>

</xsl:stylesheet>

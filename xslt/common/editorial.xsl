<?xml version="1.0" encoding="UTF-8"?>
<!--
  Editorial semantics, decided once for every output format.

  What an editorial element means (its kind, the explanation a reader is given, the
  brackets of the source "as translated", the words of the "reading text") is decided
  here. Each output format (xslt/html, xslt/print) then defines how to show it, in two
  named templates that this module calls:

    ed:intervention  kind, explanation, before, after (the source's brackets),
                     source (the content as translated), reading (the reading text),
                     id (a stable id for the ledger), element (the TEI element)
    ed:footnote      n, element (a note that is a foot- or endnote)

  Example: <supplied reason="omitted-in-original">the memorandum</supplied> is kind
  "supplied", explanation "Added by the translator for sense", shown as translated as
  "[the memorandum]" and in the reading text as "the memorandum".
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:tei-edition:editorial"
  exclude-result-prefixes="#all">

  <!-- The kind of an editorial element, or the empty sequence for an ordinary one. -->
  <xsl:function name="ed:kind" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:choose>
      <xsl:when test="$e/self::tei:gap[@reason = 'omitted']">omitted</xsl:when>
      <xsl:when test="$e/self::tei:gap[@reason = 'illegible']">illegible</xsl:when>
      <xsl:when test="$e/self::tei:gap">physical</xsl:when>
      <xsl:when test="$e/self::tei:supplied[@reason = 'identification']">identification</xsl:when>
      <xsl:when test="$e/self::tei:supplied[@cert = 'low']">uncertain</xsl:when>
      <xsl:when test="$e/self::tei:supplied">supplied</xsl:when>
      <xsl:when test="$e/self::tei:unclear">unclear</xsl:when>
      <xsl:when test="$e/self::tei:choice[tei:orig and tei:reg]">gloss</xsl:when>
      <xsl:when test="$e/self::tei:choice[tei:sic]">sic</xsl:when>
      <xsl:when test="$e/self::tei:choice[tei:abbr and tei:expan]">expansion</xsl:when>
      <!-- any other choice (reg and corr, two corr, ...): alternatives the editors offer -->
      <xsl:when test="$e/self::tei:choice">choice</xsl:when>
      <xsl:when test="$e/self::tei:sic[not(parent::tei:choice)]">sic</xsl:when>
      <xsl:when test="$e/self::tei:expan[not(parent::tei:choice)]">expansion</xsl:when>
      <xsl:when test="$e/self::tei:stamp">stamp</xsl:when>
      <xsl:when test="$e/self::tei:add">handwritten</xsl:when>
      <xsl:when test="$e/self::tei:note[@place = 'inline']">remark</xsl:when>
      <xsl:when test="$e/self::tei:note">note</xsl:when>
    </xsl:choose>
  </xsl:function>

  <!-- Who made an intervention, as the reader should be told. -->
  <xsl:key name="ed:resp-stmt" match="tei:respStmt[@xml:id]" use="@xml:id"/>

  <xsl:function name="ed:by" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="resp" select="$e/ancestor-or-self::*[@resp][1]/@resp"/>
    <xsl:variable name="who" select="if ($resp)
        then key('ed:resp-stmt', substring-after($resp, '#'), root($e))/tei:name[1] else ()"/>
    <xsl:sequence select="if ($who) then 'the translator (' || normalize-space($who[1]) || ')'
                          else 'the translator'"/>
  </xsl:function>

  <!-- The explanation a reader is given on hover, focus and in the ledger. -->
  <xsl:function name="ed:explanation" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="ed:explanation($e, ed:kind($e))"/>
  </xsl:function>

  <!-- The same, for an element whose kind $k (ed:kind) is known already. Cached: an output
       format may ask again (the HTML ledger repeats what the text explains). -->
  <xsl:function name="ed:explanation" as="xs:string" cache="yes">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="k" as="xs:string?"/>
    <xsl:choose>
      <xsl:when test="$k = 'omitted'">
        <xsl:sequence select="'A passage omitted by the editors of the translation.'"/>
      </xsl:when>
      <xsl:when test="$k = 'illegible'">
        <xsl:sequence select="'Illegible in the source'
            || (if ($e/tei:desc) then ': ' || normalize-space($e/tei:desc[1]) else '') || '.'"/>
      </xsl:when>
      <xsl:when test="$k = 'physical'">
        <xsl:sequence select="'Not transcribed: '
            || (if ($e/tei:desc) then normalize-space($e/tei:desc[1]) else string($e/@reason))
            || ' in the source.'"/>
      </xsl:when>
      <xsl:when test="$k = 'identification'">
        <xsl:sequence select="'Identified by ' || ed:by($e)
            || ': the preceding words refer to ' || normalize-space($e) || '.'"/>
      </xsl:when>
      <xsl:when test="$k = 'uncertain'">
        <xsl:sequence select="'An uncertain reading supplied by ' || ed:by($e) || '.'"/>
      </xsl:when>
      <xsl:when test="$k = 'supplied'">
        <xsl:sequence select="'Added by ' || ed:by($e) || ' for sense; not in the original.'"/>
      </xsl:when>
      <xsl:when test="$k = 'unclear'">
        <xsl:sequence select="'An uncertain reading of the source.'"/>
      </xsl:when>
      <xsl:when test="$k = 'gloss'">
        <xsl:sequence select="'Spelling in the translation: ' || normalize-space($e/tei:orig[1])
            || '; usual spelling: ' || normalize-space($e/tei:reg[1]) || '.'"/>
      </xsl:when>
      <xsl:when test="$k = 'sic'">
        <xsl:sequence select="'So in the source (sic)'
            || (if ($e/tei:corr) then '; read: ' || normalize-space($e/tei:corr[1]) else '') || '.'"/>
      </xsl:when>
      <xsl:when test="$k = 'expansion'">
        <xsl:sequence select="'An abbreviation expanded by ' || ed:by($e) || ': '
            || normalize-space(string-join($e/descendant::text()[not(ancestor::tei:abbr)], ''))
            || '.'"/>
      </xsl:when>
      <xsl:when test="$k = 'choice'">
        <xsl:sequence select="'Alternative readings: '
            || (string-join($e/* ! normalize-space(.), '; ')[.], 'none')[1] || '.'"/>
      </xsl:when>
      <xsl:when test="$k = 'stamp'"><xsl:sequence select="'A stamp on the source.'"/></xsl:when>
      <xsl:when test="$k = 'handwritten'">
        <xsl:sequence select="'Handwritten on the source.'"/>
      </xsl:when>
      <xsl:when test="$k = 'remark'">
        <xsl:sequence select="'A remark of ' || ed:by($e) || '.'"/>
      </xsl:when>
      <xsl:when test="$k = 'note'"><xsl:sequence select="'A note of ' || ed:by($e) || '.'"/></xsl:when>
      <xsl:otherwise><xsl:sequence select="'An editorial intervention.'"/></xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- The source's opening and closing marks around an intervention, as translated. -->
  <xsl:function name="ed:before" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="ed:before($e, ed:kind($e))"/>
  </xsl:function>

  <xsl:function name="ed:before" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="k" as="xs:string?"/>
    <xsl:sequence select="
      if ($k = 'omitted') then string(($e/@rend, '[…]')[1])
      else if ($k = ('unclear', 'gloss', 'sic', 'expansion', 'choice')) then ''
      else if ($k = 'note') then ''
      else ed:doubled($e, '[')"/>
  </xsl:function>

  <!-- A bracket the export doubles inside a bracketed passage ([[N. P. Varnov?]]) carries
       rend="double-bracket" (triple-, quadruple-): its mark is repeated as many times. -->
  <xsl:function name="ed:doubled" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="mark" as="xs:string"/>
    <xsl:variable name="times" select="index-of(('double-bracket', 'triple-bracket',
        'quadruple-bracket'), string($e/@rend))"/>
    <xsl:sequence select="if (empty($times)) then $mark
        else string-join((1 to $times[1] + 1) ! $mark, '')"/>
  </xsl:function>

  <xsl:function name="ed:after" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="ed:after($e, ed:kind($e))"/>
  </xsl:function>

  <xsl:function name="ed:after" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="k" as="xs:string?"/>
    <xsl:sequence select="
      if ($k = 'omitted') then ''
      else if ($k = 'uncertain') then '?' || ed:doubled($e, ']')
      else if ($k = 'unclear') then ' [?]'
      else if ($k = ('gloss', 'sic', 'expansion', 'choice', 'note')) then ''
      else ed:doubled($e, ']')"/>
  </xsl:function>

  <!-- The ledger: every intervention of a document, in document order. -->
  <xsl:function name="ed:interventions" as="element()*">
    <xsl:param name="scope" as="node()"/>
    <xsl:sequence select="$scope//tei:text//*[exists(ed:kind(.))]
        [not(ancestor::*[exists(ed:kind(.))][not(self::tei:note)])]"/>
  </xsl:function>

  <!-- A stable id for an intervention: kind and position among the text's interventions.
       The interventions of a kind come from a key (built once per document) rather than
       from the preceding axis: those before the element, less its ancestors, are the
       preceding ones. -->
  <xsl:key name="ed:by-kind" use="ed:kind(.)"
      match="tei:gap | tei:supplied | tei:unclear | tei:choice | tei:sic | tei:expan
             | tei:stamp | tei:add | tei:note"/>

  <xsl:function name="ed:id" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="k" select="ed:kind($e)"/>
    <xsl:sequence select="if ($e/@xml:id) then string($e/@xml:id)
        else 'ed-' || $k || '-' ||
             (count((key('ed:by-kind', $k, root($e))[. &lt;&lt; $e] except $e/ancestor::*)
                  [ancestor::tei:text is $e/ancestor::tei:text]) + 1)"/>
  </xsl:function>

  <!-- The interventions themselves: each is handed to the format's ed:intervention. -->
  <xsl:template match="tei:gap | tei:supplied | tei:unclear | tei:choice
                       | tei:sic[not(parent::tei:choice)] | tei:expan[not(parent::tei:choice)]
                       | tei:stamp | tei:add | tei:note[@place = 'inline']" priority="2">
    <xsl:variable name="kind" select="ed:kind(.)"/>
    <xsl:call-template name="ed:intervention">
      <xsl:with-param name="element" select="."/>
      <xsl:with-param name="kind" select="$kind"/>
      <xsl:with-param name="explanation" select="ed:explanation(., $kind)"/>
      <xsl:with-param name="before" select="ed:before(., $kind)"/>
      <xsl:with-param name="after" select="ed:after(., $kind)"/>
      <xsl:with-param name="id" select="ed:id(.)"/>
      <xsl:with-param name="source">
        <xsl:apply-templates select="." mode="ed:source"/>
      </xsl:with-param>
      <xsl:with-param name="reading">
        <xsl:apply-templates select="." mode="ed:reading"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:note[not(@place = 'inline')]" priority="2">
    <xsl:call-template name="ed:footnote">
      <xsl:with-param name="element" select="."/>
      <xsl:with-param name="n" select="string((@n, count(preceding::tei:note[not(@place = 'inline')]) + 1)[1])"/>
    </xsl:call-template>
  </xsl:template>

  <!-- As translated: what stands inside the source's brackets. -->
  <xsl:template match="tei:gap" mode="ed:source"/>
  <xsl:template match="tei:choice[tei:orig]" mode="ed:source">
    <xsl:apply-templates select="tei:orig/node()"/>
    <xsl:text> [</xsl:text>
    <xsl:apply-templates select="tei:reg/node()"/>
    <xsl:text>]</xsl:text>
  </xsl:template>
  <xsl:template match="tei:choice[tei:sic]" mode="ed:source">
    <xsl:apply-templates select="tei:sic/node()"/>
    <xsl:text> [sic]</xsl:text>
  </xsl:template>
  <xsl:template match="tei:sic" mode="ed:source">
    <xsl:apply-templates/>
    <xsl:text> [sic]</xsl:text>
  </xsl:template>
  <xsl:template match="tei:choice[tei:abbr]" mode="ed:source">
    <xsl:apply-templates select="tei:expan/node()"/>
  </xsl:template>
  <!-- a choice of another kind shows its first alternative; the explanation names them all -->
  <xsl:template match="tei:choice" mode="ed:source" priority="0">
    <xsl:apply-templates select="*[1]/node()"/>
  </xsl:template>
  <xsl:template match="*" mode="ed:source">
    <xsl:apply-templates/>
  </xsl:template>

  <!-- Reading text: brackets hidden, regularised spellings, omissions as an ellipsis. -->
  <xsl:template match="tei:gap[@reason = 'omitted']" mode="ed:reading">…</xsl:template>
  <xsl:template match="tei:gap" mode="ed:reading"/>
  <xsl:template match="tei:choice[tei:reg]" mode="ed:reading">
    <xsl:apply-templates select="tei:reg/node()"/>
  </xsl:template>
  <xsl:template match="tei:choice[tei:corr]" mode="ed:reading">
    <xsl:apply-templates select="tei:corr/node()"/>
  </xsl:template>
  <xsl:template match="tei:choice[tei:sic and not(tei:corr)]" mode="ed:reading">
    <xsl:apply-templates select="tei:sic/node()"/>
  </xsl:template>
  <xsl:template match="tei:choice[tei:expan]" mode="ed:reading">
    <xsl:apply-templates select="tei:expan/node()"/>
  </xsl:template>
  <xsl:template match="tei:note[@place = 'inline']" mode="ed:reading"/>
  <xsl:template match="*" mode="ed:reading">
    <xsl:apply-templates/>
  </xsl:template>

  <!-- Inside an abbreviation's expansion, the expanded letters are in brackets as translated. -->
  <xsl:template match="tei:ex">
    <xsl:call-template name="ed:intervention">
      <xsl:with-param name="element" select="."/>
      <xsl:with-param name="kind" select="'expansion'"/>
      <xsl:with-param name="explanation" select="'Letters added by ' || ed:by(.) || ' to expand an abbreviation.'"/>
      <xsl:with-param name="before" select="'['"/>
      <xsl:with-param name="after" select="']'"/>
      <xsl:with-param name="id" select="''"/>
      <xsl:with-param name="source"><xsl:apply-templates/></xsl:with-param>
      <xsl:with-param name="reading"><xsl:apply-templates/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>

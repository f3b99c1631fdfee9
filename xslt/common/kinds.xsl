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

  <!-- The name of a listed intervention's kind, or the empty sequence. -->
  <xsl:function name="ed:kind" as="xs:string?" cache="yes">
    <xsl:param name="e" as="element()"/>
    <xsl:apply-templates select="$e" mode="ed:kind"/>
  </xsl:function>
  <xsl:mode name="ed:kind" on-no-match="deep-skip"/>
  <xsl:template match="tei:gap[@reason = 'omitted']" mode="ed:kind" priority="2.22"><xsl:sequence select="'omitted'"/></xsl:template>
  <xsl:template match="tei:gap[@reason = 'illegible']" mode="ed:kind" priority="2.21"><xsl:sequence select="'illegible'"/></xsl:template>
  <xsl:template match="tei:gap[@reason = 'withheld']" mode="ed:kind" priority="2.20"><xsl:sequence select="'withheld'"/></xsl:template>
  <xsl:template match="tei:gap" mode="ed:kind" priority="2.19"><xsl:sequence select="'physical'"/></xsl:template>
  <xsl:template match="tei:supplied[@reason = 'identification']" mode="ed:kind" priority="2.18"><xsl:sequence select="'identification'"/></xsl:template>
  <xsl:template match="tei:supplied[@cert = 'low']" mode="ed:kind" priority="2.17"><xsl:sequence select="'uncertain'"/></xsl:template>
  <xsl:template match="tei:supplied" mode="ed:kind" priority="2.16"><xsl:sequence select="'supplied'"/></xsl:template>
  <xsl:template match="tei:unclear" mode="ed:kind" priority="2.15"><xsl:sequence select="'unclear'"/></xsl:template>
  <xsl:template match="tei:choice[tei:orig and tei:reg]" mode="ed:kind" priority="2.14"><xsl:sequence select="'gloss'"/></xsl:template>
  <xsl:template match="tei:choice[tei:sic]" mode="ed:kind" priority="2.13"><xsl:sequence select="'sic'"/></xsl:template>
  <xsl:template match="tei:sic[not(parent::tei:choice)]" mode="ed:kind" priority="2.12"><xsl:sequence select="'sic'"/></xsl:template>
  <xsl:template match="tei:choice[tei:abbr and tei:expan]" mode="ed:kind" priority="2.11"><xsl:sequence select="'expansion'"/></xsl:template>
  <xsl:template match="tei:expan[not(parent::tei:choice)]" mode="ed:kind" priority="2.10"><xsl:sequence select="'expansion'"/></xsl:template>
  <xsl:template match="tei:choice" mode="ed:kind" priority="2.09"><xsl:sequence select="'choice'"/></xsl:template>
  <xsl:template match="tei:stamp" mode="ed:kind" priority="2.08"><xsl:sequence select="'stamp'"/></xsl:template>
  <xsl:template match="tei:add" mode="ed:kind" priority="2.07"><xsl:sequence select="'handwritten'"/></xsl:template>
  <xsl:template match="tei:note[@type = 'original-wording']" mode="ed:kind" priority="2.06"><xsl:sequence select="'original'"/></xsl:template>
  <xsl:template match="tei:note[@place = 'inline']" mode="ed:kind" priority="2.05"><xsl:sequence select="'remark'"/></xsl:template>
  <xsl:template match="tei:note[not(@place) and (@type = 'distribution' or @type = 'transmission' or tei:list or tei:p or tei:table)]" mode="ed:kind" priority="2.045"/>
  <xsl:template match="tei:note[@n and @anchored = 'false']" mode="ed:kind" priority="2.04"><xsl:sequence select="'note'"/></xsl:template>
  <xsl:template match="tei:note[@n and (@place = 'foot' or @place = 'end' or @type = 'translator')]" mode="ed:kind" priority="2.03"><xsl:sequence select="'note'"/></xsl:template>
  <xsl:template match="tei:note" mode="ed:kind" priority="2.02"><xsl:sequence select="'note'"/></xsl:template>
  <xsl:template match="tei:ex" mode="ed:kind" priority="2.01"></xsl:template>

  <!-- The extra brackets of a doubled mark (@rend): [[N. P. Varnov?]] -->
  <xsl:function name="ed:open" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="string-join((1 to (map { 'double-bracket': 1, 'triple-bracket': 2, 'quadruple-bracket': 3 }(string($e/@rend)), 0)[1]) ! '[', '')"/>
  </xsl:function>
  <xsl:function name="ed:close" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="translate(ed:open($e), '[', ']')"/>
  </xsl:function>

  <!-- The elements an intervention may be, as a pattern: a medium matches them with
       _match="{$ed:candidates}[...]" (a static variable: the pattern is fixed when the
       stylesheet is compiled). -->
  <xsl:variable name="ed:candidates" static="yes" as="xs:string" select="'tei:gap | tei:supplied | tei:unclear | tei:choice | tei:sic | tei:expan | tei:stamp | tei:add | tei:note | tei:ex'"/>

  <!-- The interventions of a document by kind (ed:id counts them). -->
  <xsl:key name="ed:by-kind" use="ed:kind(.)" match="tei:gap | tei:supplied | tei:unclear | tei:choice | tei:sic | tei:expan | tei:stamp | tei:add | tei:note | tei:ex"/>

  <!-- A note that is a block of the text (a distribution list), not a footnote. -->
  <xsl:function name="ed:block-note" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/self::tei:note[not(@place) and (@type = 'distribution' or @type = 'transmission' or tei:list or tei:p or tei:table)])"/>
  </xsl:function>

  <!-- Whether an intervention is shown as a numbered note (a footnote). -->
  <xsl:function name="ed:is-footnote" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="ed:kind($e) = ('note')"/>
  </xsl:function>

  <!-- The ledger's label of each kind. -->
  <xsl:variable name="ed:labels" as="map(xs:string, xs:string)" select="map { 'omitted': 'Omission', 'illegible': 'Illegible', 'withheld': 'Withheld', 'physical': 'Not transcribed', 'identification': 'Identification', 'uncertain': 'Uncertain reading', 'supplied': 'Supplied', 'unclear': 'Unclear', 'gloss': 'Spelling', 'sic': 'Sic', 'expansion': 'Expansion', 'choice': 'Alternatives', 'stamp': 'Stamp', 'handwritten': 'Handwriting', 'original': 'Original wording', 'remark': 'Remark', 'note': 'Note' }"/>
  <xsl:function name="ed:label" as="xs:string">
    <xsl:param name="k" as="xs:string?"/>
    <xsl:sequence select="($ed:labels($k), $k, '')[1]"/>
  </xsl:function>

  <!-- The explanation a reader is given, for an element of kind $k (ed:kind). -->
  <xsl:function name="ed:explanation" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="k" as="xs:string?"/>
    <xsl:choose>
      <xsl:when test="$k = 'omitted'"><xsl:sequence select="'A passage omitted by the editors of the translation.'"/></xsl:when>
      <xsl:when test="$k = 'illegible'"><xsl:sequence select="'Illegible in the source' || (if (exists($e/(tei:desc[1]))) then ': ' || normalize-space(string-join($e/(tei:desc[1]), '')) else '') || '.'"/></xsl:when>
      <xsl:when test="$k = 'withheld'"><xsl:sequence select="'Withheld from the release' || (if (exists($e/(tei:desc[1]))) then ': ' || normalize-space(string-join($e/(tei:desc[1]), '')) else '') || '.'"/></xsl:when>
      <xsl:when test="$k = 'physical'"><xsl:sequence select="'Not transcribed: ' || normalize-space(string(if (exists($e/(tei:desc[1]))) then $e/(tei:desc[1]) else if (exists($e/(@reason))) then $e/(@reason) else ())) || ' in the source.'"/></xsl:when>
      <xsl:when test="$k = 'identification'"><xsl:sequence select="'Identified by ' || ed:by($e) || ': the preceding words refer to ' || normalize-space(string-join($e/(.), '')) || '.'"/></xsl:when>
      <xsl:when test="$k = 'uncertain'"><xsl:sequence select="'An uncertain reading supplied by ' || ed:by($e) || '.'"/></xsl:when>
      <xsl:when test="$k = 'supplied'"><xsl:sequence select="'Added by ' || ed:by($e) || ' for sense; not in the original.'"/></xsl:when>
      <xsl:when test="$k = 'unclear'"><xsl:sequence select="'An uncertain reading of the source.'"/></xsl:when>
      <xsl:when test="$k = 'gloss'"><xsl:sequence select="'Spelling in the translation: ' || normalize-space(string-join($e/(tei:orig[1]), '')) || '; usual spelling: ' || normalize-space(string-join($e/(tei:reg[1]), '')) || '.'"/></xsl:when>
      <xsl:when test="$k = 'sic'"><xsl:sequence select="'So in the source (sic)' || (if (exists($e/(tei:corr[1]))) then '; read: ' || normalize-space(string-join($e/(tei:corr[1]), '')) else '') || '.'"/></xsl:when>
      <xsl:when test="$k = 'expansion'"><xsl:sequence select="'An abbreviation expanded by ' || ed:by($e) || ': ' || normalize-space(string-join($e/(descendant::text()[not(ancestor::tei:abbr)]), '')) || (if (exists($e/(tei:abbr[1]))) then '; as written: ' || normalize-space(string-join($e/(tei:abbr[1]), '')) else '') || '.'"/></xsl:when>
      <xsl:when test="$k = 'choice'"><xsl:sequence select="'Alternative readings: ' || (string-join($e/(*) ! normalize-space(.), '; ')[.], 'none')[1] || '.'"/></xsl:when>
      <xsl:when test="$k = 'stamp'"><xsl:sequence select="'A stamp on the source.'"/></xsl:when>
      <xsl:when test="$k = 'handwritten'"><xsl:sequence select="'Handwritten on the source.'"/></xsl:when>
      <xsl:when test="$k = 'original'"><xsl:sequence select="'The original''s wording, given by ' || ed:by($e) || ': ' || normalize-space(string-join($e/(.), '')) || '.'"/></xsl:when>
      <xsl:when test="$k = 'remark'"><xsl:sequence select="'A remark of ' || ed:by($e) || '.'"/></xsl:when>
      <xsl:when test="$k = 'note'"><xsl:sequence select="'A note of ' || ed:by($e) || '.'"/></xsl:when>
      <xsl:otherwise><xsl:sequence select="'An editorial intervention.'"/></xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- Each form: its templates in the default mode (handed to editorial.xsl), in the
       modes ed:as-translated and ed:reading; priorities fall in table order, so that
       the first form that matches decides. -->
  <!-- omitted: tei:gap[@reason = 'omitted'] -->
  <xsl:template match="tei:gap[@reason = 'omitted']" priority="2.22">
    <xsl:call-template name="ed:intervention">
      <xsl:with-param name="element" select="."/>
      <xsl:with-param name="kind" select="'omitted'"/>
      <xsl:with-param name="classes" select="'ed-omitted'"/>
      <xsl:with-param name="listed" select="true()"/>
      <xsl:with-param name="own-reading" select="true()"/>
      <xsl:with-param name="explanation" select="ed:explanation(., 'omitted')"/>
      <xsl:with-param name="id" select="ed:id(.)"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:gap[@reason = 'omitted']" mode="ed:as-translated" priority="2.22">
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="ed:open(.) || (@rend[. ne ''], '[…]')[1] || ed:close(.)"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:gap[@reason = 'omitted']" mode="ed:text" priority="2.22">
    <xsl:sequence select="ed:open(.)"/>
    <xsl:sequence select="(@rend[. ne ''], '[…]')[1]"/>
    <xsl:sequence select="ed:close(.)"/>
  </xsl:template>
  <xsl:template match="tei:gap[@reason = 'omitted']" mode="ed:reading" priority="2.22">
    <xsl:text>…</xsl:text>
  </xsl:template>
  <!-- illegible: tei:gap[@reason = 'illegible'] -->
  <xsl:template match="tei:gap[@reason = 'illegible']" priority="2.21">
    <xsl:call-template name="ed:intervention">
      <xsl:with-param name="element" select="."/>
      <xsl:with-param name="kind" select="'illegible'"/>
      <xsl:with-param name="classes" select="'ed-illegible'"/>
      <xsl:with-param name="listed" select="true()"/>
      <xsl:with-param name="own-reading" select="true()"/>
      <xsl:with-param name="explanation" select="ed:explanation(., 'illegible')"/>
      <xsl:with-param name="id" select="ed:id(.)"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:gap[@reason = 'illegible']" mode="ed:as-translated" priority="2.21">
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="ed:open(.) || '['"/></xsl:call-template>
    <xsl:call-template name="ed:words"><xsl:with-param name="role" select="'added'"/><xsl:with-param name="content" select="if (exists(tei:desc[1]/node())) then tei:desc[1]/node() else if (exists(@reason)) then @reason else 'gap'"/></xsl:call-template>
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="']' || ed:close(.)"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:gap[@reason = 'illegible']" mode="ed:text" priority="2.21">
    <xsl:sequence select="ed:open(.)"/>
    <xsl:sequence select="'['"/>
    <xsl:apply-templates select="if (exists(tei:desc[1]/node())) then tei:desc[1]/node() else if (exists(@reason)) then @reason else 'gap'" mode="ed:text"/>
    <xsl:sequence select="']'"/>
    <xsl:sequence select="ed:close(.)"/>
  </xsl:template>
  <xsl:template match="tei:gap[@reason = 'illegible']" mode="ed:reading" priority="2.21">
  </xsl:template>
  <!-- withheld: tei:gap[@reason = 'withheld'] -->
  <xsl:template match="tei:gap[@reason = 'withheld']" priority="2.20">
    <xsl:call-template name="ed:intervention">
      <xsl:with-param name="element" select="."/>
      <xsl:with-param name="kind" select="'withheld'"/>
      <xsl:with-param name="classes" select="'ed-withheld'"/>
      <xsl:with-param name="listed" select="true()"/>
      <xsl:with-param name="own-reading" select="true()"/>
      <xsl:with-param name="explanation" select="ed:explanation(., 'withheld')"/>
      <xsl:with-param name="id" select="ed:id(.)"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:gap[@reason = 'withheld']" mode="ed:as-translated" priority="2.20">
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="ed:open(.) || '['"/></xsl:call-template>
    <xsl:call-template name="ed:words"><xsl:with-param name="role" select="'added'"/><xsl:with-param name="content" select="if (exists(tei:desc[1]/node())) then tei:desc[1]/node() else if (exists(@reason)) then @reason else 'gap'"/></xsl:call-template>
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="']' || ed:close(.)"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:gap[@reason = 'withheld']" mode="ed:text" priority="2.20">
    <xsl:sequence select="ed:open(.)"/>
    <xsl:sequence select="'['"/>
    <xsl:apply-templates select="if (exists(tei:desc[1]/node())) then tei:desc[1]/node() else if (exists(@reason)) then @reason else 'gap'" mode="ed:text"/>
    <xsl:sequence select="']'"/>
    <xsl:sequence select="ed:close(.)"/>
  </xsl:template>
  <xsl:template match="tei:gap[@reason = 'withheld']" mode="ed:reading" priority="2.20">
  </xsl:template>
  <!-- physical: tei:gap -->
  <xsl:template match="tei:gap" priority="2.19">
    <xsl:call-template name="ed:intervention">
      <xsl:with-param name="element" select="."/>
      <xsl:with-param name="kind" select="'physical'"/>
      <xsl:with-param name="classes" select="'ed-physical'"/>
      <xsl:with-param name="listed" select="true()"/>
      <xsl:with-param name="own-reading" select="true()"/>
      <xsl:with-param name="explanation" select="ed:explanation(., 'physical')"/>
      <xsl:with-param name="id" select="ed:id(.)"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:gap" mode="ed:as-translated" priority="2.19">
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="ed:open(.) || '['"/></xsl:call-template>
    <xsl:call-template name="ed:words"><xsl:with-param name="role" select="'added'"/><xsl:with-param name="content" select="if (exists(tei:desc[1]/node())) then tei:desc[1]/node() else if (exists(@reason)) then @reason else 'gap'"/></xsl:call-template>
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="']' || ed:close(.)"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:gap" mode="ed:text" priority="2.19">
    <xsl:sequence select="ed:open(.)"/>
    <xsl:sequence select="'['"/>
    <xsl:apply-templates select="if (exists(tei:desc[1]/node())) then tei:desc[1]/node() else if (exists(@reason)) then @reason else 'gap'" mode="ed:text"/>
    <xsl:sequence select="']'"/>
    <xsl:sequence select="ed:close(.)"/>
  </xsl:template>
  <xsl:template match="tei:gap" mode="ed:reading" priority="2.19">
  </xsl:template>
  <!-- identification: tei:supplied[@reason = 'identification'] -->
  <xsl:template match="tei:supplied[@reason = 'identification']" priority="2.18">
    <xsl:call-template name="ed:intervention">
      <xsl:with-param name="element" select="."/>
      <xsl:with-param name="kind" select="'identification'"/>
      <xsl:with-param name="classes" select="'ed-identification'"/>
      <xsl:with-param name="listed" select="true()"/>
      <xsl:with-param name="own-reading" select="false()"/>
      <xsl:with-param name="explanation" select="ed:explanation(., 'identification')"/>
      <xsl:with-param name="id" select="ed:id(.)"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:supplied[@reason = 'identification']" mode="ed:as-translated" priority="2.18">
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="ed:open(.) || '['"/></xsl:call-template>
    <xsl:call-template name="ed:words"><xsl:with-param name="role" select="'added'"/><xsl:with-param name="content" select="if (exists(node())) then node() else ''"/></xsl:call-template>
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="']' || ed:close(.)"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:supplied[@reason = 'identification']" mode="ed:text" priority="2.18">
    <xsl:sequence select="ed:open(.)"/>
    <xsl:sequence select="'['"/>
    <xsl:apply-templates select="if (exists(node())) then node() else ''" mode="ed:text"/>
    <xsl:sequence select="']'"/>
    <xsl:sequence select="ed:close(.)"/>
  </xsl:template>
  <xsl:template match="tei:supplied[@reason = 'identification']" mode="ed:reading" priority="2.18">
    <xsl:apply-templates/>
  </xsl:template>
  <!-- uncertain: tei:supplied[@cert = 'low'] -->
  <xsl:template match="tei:supplied[@cert = 'low']" priority="2.17">
    <xsl:call-template name="ed:intervention">
      <xsl:with-param name="element" select="."/>
      <xsl:with-param name="kind" select="'uncertain'"/>
      <xsl:with-param name="classes" select="'ed-uncertain'"/>
      <xsl:with-param name="listed" select="true()"/>
      <xsl:with-param name="own-reading" select="false()"/>
      <xsl:with-param name="explanation" select="ed:explanation(., 'uncertain')"/>
      <xsl:with-param name="id" select="ed:id(.)"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:supplied[@cert = 'low']" mode="ed:as-translated" priority="2.17">
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="ed:open(.) || '['"/></xsl:call-template>
    <xsl:call-template name="ed:words"><xsl:with-param name="role" select="'added'"/><xsl:with-param name="content" select="if (exists(node())) then node() else ''"/></xsl:call-template>
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="'?]' || ed:close(.)"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:supplied[@cert = 'low']" mode="ed:text" priority="2.17">
    <xsl:sequence select="ed:open(.)"/>
    <xsl:sequence select="'['"/>
    <xsl:apply-templates select="if (exists(node())) then node() else ''" mode="ed:text"/>
    <xsl:sequence select="'?]'"/>
    <xsl:sequence select="ed:close(.)"/>
  </xsl:template>
  <xsl:template match="tei:supplied[@cert = 'low']" mode="ed:reading" priority="2.17">
    <xsl:apply-templates/>
  </xsl:template>
  <!-- supplied: tei:supplied -->
  <xsl:template match="tei:supplied" priority="2.16">
    <xsl:call-template name="ed:intervention">
      <xsl:with-param name="element" select="."/>
      <xsl:with-param name="kind" select="'supplied'"/>
      <xsl:with-param name="classes" select="'ed-supplied'"/>
      <xsl:with-param name="listed" select="true()"/>
      <xsl:with-param name="own-reading" select="false()"/>
      <xsl:with-param name="explanation" select="ed:explanation(., 'supplied')"/>
      <xsl:with-param name="id" select="ed:id(.)"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:supplied" mode="ed:as-translated" priority="2.16">
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="ed:open(.) || '['"/></xsl:call-template>
    <xsl:call-template name="ed:words"><xsl:with-param name="role" select="'added'"/><xsl:with-param name="content" select="if (exists(node())) then node() else ''"/></xsl:call-template>
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="']' || ed:close(.)"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:supplied" mode="ed:text" priority="2.16">
    <xsl:sequence select="ed:open(.)"/>
    <xsl:sequence select="'['"/>
    <xsl:apply-templates select="if (exists(node())) then node() else ''" mode="ed:text"/>
    <xsl:sequence select="']'"/>
    <xsl:sequence select="ed:close(.)"/>
  </xsl:template>
  <xsl:template match="tei:supplied" mode="ed:reading" priority="2.16">
    <xsl:apply-templates/>
  </xsl:template>
  <!-- unclear: tei:unclear -->
  <xsl:template match="tei:unclear" priority="2.15">
    <xsl:call-template name="ed:intervention">
      <xsl:with-param name="element" select="."/>
      <xsl:with-param name="kind" select="'unclear'"/>
      <xsl:with-param name="classes" select="'ed-unclear'"/>
      <xsl:with-param name="listed" select="true()"/>
      <xsl:with-param name="own-reading" select="false()"/>
      <xsl:with-param name="explanation" select="ed:explanation(., 'unclear')"/>
      <xsl:with-param name="id" select="ed:id(.)"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:unclear" mode="ed:as-translated" priority="2.15">
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="ed:open(.)"/></xsl:call-template>
    <xsl:call-template name="ed:words"><xsl:with-param name="role" select="'original'"/><xsl:with-param name="content" select="if (exists(node())) then node() else ''"/></xsl:call-template>
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="' [?]' || ed:close(.)"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:unclear" mode="ed:text" priority="2.15">
    <xsl:sequence select="ed:open(.)"/>
    <xsl:apply-templates select="if (exists(node())) then node() else ''" mode="ed:text"/>
    <xsl:sequence select="' [?]'"/>
    <xsl:sequence select="ed:close(.)"/>
  </xsl:template>
  <xsl:template match="tei:unclear" mode="ed:reading" priority="2.15">
    <xsl:apply-templates/>
  </xsl:template>
  <!-- gloss: tei:choice[tei:orig and tei:reg] -->
  <xsl:template match="tei:choice[tei:orig and tei:reg]" priority="2.14">
    <xsl:call-template name="ed:intervention">
      <xsl:with-param name="element" select="."/>
      <xsl:with-param name="kind" select="'gloss'"/>
      <xsl:with-param name="classes" select="'ed-gloss'"/>
      <xsl:with-param name="listed" select="true()"/>
      <xsl:with-param name="own-reading" select="true()"/>
      <xsl:with-param name="explanation" select="ed:explanation(., 'gloss')"/>
      <xsl:with-param name="id" select="ed:id(.)"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:choice[tei:orig and tei:reg]" mode="ed:as-translated" priority="2.14">
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="ed:open(.)"/></xsl:call-template>
    <xsl:call-template name="ed:words"><xsl:with-param name="role" select="'original'"/><xsl:with-param name="content" select="if (exists(tei:orig[1]/node())) then tei:orig[1]/node() else ''"/></xsl:call-template>
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="' ['"/></xsl:call-template>
    <xsl:call-template name="ed:words"><xsl:with-param name="role" select="'added'"/><xsl:with-param name="content" select="if (exists(tei:reg[1]/node())) then tei:reg[1]/node() else ''"/></xsl:call-template>
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="']' || ed:close(.)"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:choice[tei:orig and tei:reg]" mode="ed:text" priority="2.14">
    <xsl:sequence select="ed:open(.)"/>
    <xsl:apply-templates select="if (exists(tei:orig[1]/node())) then tei:orig[1]/node() else ''" mode="ed:text"/>
    <xsl:sequence select="' ['"/>
    <xsl:apply-templates select="if (exists(tei:reg[1]/node())) then tei:reg[1]/node() else ''" mode="ed:text"/>
    <xsl:sequence select="']'"/>
    <xsl:sequence select="ed:close(.)"/>
  </xsl:template>
  <xsl:template match="tei:choice[tei:orig and tei:reg]" mode="ed:reading" priority="2.14">
    <xsl:apply-templates select="if (exists(tei:reg[1]/node())) then tei:reg[1]/node() else ()"/>
  </xsl:template>
  <!-- sic: tei:choice[tei:sic] -->
  <xsl:template match="tei:choice[tei:sic]" priority="2.13">
    <xsl:call-template name="ed:intervention">
      <xsl:with-param name="element" select="."/>
      <xsl:with-param name="kind" select="'sic'"/>
      <xsl:with-param name="classes" select="'ed-sic'"/>
      <xsl:with-param name="listed" select="true()"/>
      <xsl:with-param name="own-reading" select="true()"/>
      <xsl:with-param name="explanation" select="ed:explanation(., 'sic')"/>
      <xsl:with-param name="id" select="ed:id(.)"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:choice[tei:sic]" mode="ed:as-translated" priority="2.13">
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="ed:open(.)"/></xsl:call-template>
    <xsl:call-template name="ed:words"><xsl:with-param name="role" select="'original'"/><xsl:with-param name="content" select="if (exists(tei:sic[1]/node())) then tei:sic[1]/node() else ''"/></xsl:call-template>
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="' ['"/></xsl:call-template>
    <xsl:call-template name="ed:words"><xsl:with-param name="role" select="'added'"/><xsl:with-param name="content" select="'sic'"/></xsl:call-template>
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="']' || ed:close(.)"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:choice[tei:sic]" mode="ed:text" priority="2.13">
    <xsl:sequence select="ed:open(.)"/>
    <xsl:apply-templates select="if (exists(tei:sic[1]/node())) then tei:sic[1]/node() else ''" mode="ed:text"/>
    <xsl:sequence select="' ['"/>
    <xsl:apply-templates select="'sic'" mode="ed:text"/>
    <xsl:sequence select="']'"/>
    <xsl:sequence select="ed:close(.)"/>
  </xsl:template>
  <xsl:template match="tei:choice[tei:sic]" mode="ed:reading" priority="2.13">
    <xsl:apply-templates select="if (exists(tei:corr[1]/node())) then tei:corr[1]/node() else if (exists(tei:sic[1]/node())) then tei:sic[1]/node() else ()"/>
  </xsl:template>
  <!-- sic: tei:sic[not(parent::tei:choice)] -->
  <xsl:template match="tei:sic[not(parent::tei:choice)]" priority="2.12">
    <xsl:call-template name="ed:intervention">
      <xsl:with-param name="element" select="."/>
      <xsl:with-param name="kind" select="'sic'"/>
      <xsl:with-param name="classes" select="'ed-sic'"/>
      <xsl:with-param name="listed" select="true()"/>
      <xsl:with-param name="own-reading" select="true()"/>
      <xsl:with-param name="explanation" select="ed:explanation(., 'sic')"/>
      <xsl:with-param name="id" select="ed:id(.)"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:sic[not(parent::tei:choice)]" mode="ed:as-translated" priority="2.12">
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="ed:open(.)"/></xsl:call-template>
    <xsl:call-template name="ed:words"><xsl:with-param name="role" select="'original'"/><xsl:with-param name="content" select="if (exists(node())) then node() else ''"/></xsl:call-template>
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="' ['"/></xsl:call-template>
    <xsl:call-template name="ed:words"><xsl:with-param name="role" select="'added'"/><xsl:with-param name="content" select="'sic'"/></xsl:call-template>
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="']' || ed:close(.)"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:sic[not(parent::tei:choice)]" mode="ed:text" priority="2.12">
    <xsl:sequence select="ed:open(.)"/>
    <xsl:apply-templates select="if (exists(node())) then node() else ''" mode="ed:text"/>
    <xsl:sequence select="' ['"/>
    <xsl:apply-templates select="'sic'" mode="ed:text"/>
    <xsl:sequence select="']'"/>
    <xsl:sequence select="ed:close(.)"/>
  </xsl:template>
  <xsl:template match="tei:sic[not(parent::tei:choice)]" mode="ed:reading" priority="2.12">
    <xsl:apply-templates select="if (exists(node())) then node() else ()"/>
  </xsl:template>
  <!-- expansion: tei:choice[tei:abbr and tei:expan] -->
  <xsl:template match="tei:choice[tei:abbr and tei:expan]" priority="2.11">
    <xsl:call-template name="ed:intervention">
      <xsl:with-param name="element" select="."/>
      <xsl:with-param name="kind" select="'expansion'"/>
      <xsl:with-param name="classes" select="'ed-expansion'"/>
      <xsl:with-param name="listed" select="true()"/>
      <xsl:with-param name="own-reading" select="true()"/>
      <xsl:with-param name="explanation" select="ed:explanation(., 'expansion')"/>
      <xsl:with-param name="id" select="ed:id(.)"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:choice[tei:abbr and tei:expan]" mode="ed:as-translated" priority="2.11">
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="ed:open(.)"/></xsl:call-template>
    <xsl:call-template name="ed:words"><xsl:with-param name="role" select="'original'"/><xsl:with-param name="content" select="if (exists(tei:expan[1]/node())) then tei:expan[1]/node() else ''"/></xsl:call-template>
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="ed:close(.)"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:choice[tei:abbr and tei:expan]" mode="ed:text" priority="2.11">
    <xsl:sequence select="ed:open(.)"/>
    <xsl:apply-templates select="if (exists(tei:expan[1]/node())) then tei:expan[1]/node() else ''" mode="ed:text"/>
    <xsl:sequence select="ed:close(.)"/>
  </xsl:template>
  <xsl:template match="tei:choice[tei:abbr and tei:expan]" mode="ed:reading" priority="2.11">
    <xsl:apply-templates select="if (exists(tei:expan[1]/node())) then tei:expan[1]/node() else ()"/>
  </xsl:template>
  <!-- expansion: tei:expan[not(parent::tei:choice)] -->
  <xsl:template match="tei:expan[not(parent::tei:choice)]" priority="2.10">
    <xsl:call-template name="ed:intervention">
      <xsl:with-param name="element" select="."/>
      <xsl:with-param name="kind" select="'expansion'"/>
      <xsl:with-param name="classes" select="'ed-expansion'"/>
      <xsl:with-param name="listed" select="true()"/>
      <xsl:with-param name="own-reading" select="false()"/>
      <xsl:with-param name="explanation" select="ed:explanation(., 'expansion')"/>
      <xsl:with-param name="id" select="ed:id(.)"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:expan[not(parent::tei:choice)]" mode="ed:as-translated" priority="2.10">
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="ed:open(.)"/></xsl:call-template>
    <xsl:call-template name="ed:words"><xsl:with-param name="role" select="'original'"/><xsl:with-param name="content" select="if (exists(node())) then node() else ''"/></xsl:call-template>
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="ed:close(.)"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:expan[not(parent::tei:choice)]" mode="ed:text" priority="2.10">
    <xsl:sequence select="ed:open(.)"/>
    <xsl:apply-templates select="if (exists(node())) then node() else ''" mode="ed:text"/>
    <xsl:sequence select="ed:close(.)"/>
  </xsl:template>
  <xsl:template match="tei:expan[not(parent::tei:choice)]" mode="ed:reading" priority="2.10">
    <xsl:apply-templates/>
  </xsl:template>
  <!-- choice: tei:choice -->
  <xsl:template match="tei:choice" priority="2.09">
    <xsl:call-template name="ed:intervention">
      <xsl:with-param name="element" select="."/>
      <xsl:with-param name="kind" select="'choice'"/>
      <xsl:with-param name="classes" select="'ed-choice'"/>
      <xsl:with-param name="listed" select="true()"/>
      <xsl:with-param name="own-reading" select="true()"/>
      <xsl:with-param name="explanation" select="ed:explanation(., 'choice')"/>
      <xsl:with-param name="id" select="ed:id(.)"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:choice" mode="ed:as-translated" priority="2.09">
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="ed:open(.)"/></xsl:call-template>
    <xsl:call-template name="ed:words"><xsl:with-param name="role" select="'original'"/><xsl:with-param name="content" select="if (exists(*[1]/node())) then *[1]/node() else ''"/></xsl:call-template>
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="ed:close(.)"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:choice" mode="ed:text" priority="2.09">
    <xsl:sequence select="ed:open(.)"/>
    <xsl:apply-templates select="if (exists(*[1]/node())) then *[1]/node() else ''" mode="ed:text"/>
    <xsl:sequence select="ed:close(.)"/>
  </xsl:template>
  <xsl:template match="tei:choice" mode="ed:reading" priority="2.09">
    <xsl:apply-templates select="if (exists(tei:reg[1]/node())) then tei:reg[1]/node() else if (exists(tei:corr[1]/node())) then tei:corr[1]/node() else if (exists(*[1]/node())) then *[1]/node() else ()"/>
  </xsl:template>
  <!-- stamp: tei:stamp -->
  <xsl:template match="tei:stamp" priority="2.08">
    <xsl:call-template name="ed:intervention">
      <xsl:with-param name="element" select="."/>
      <xsl:with-param name="kind" select="'stamp'"/>
      <xsl:with-param name="classes" select="'ed-stamp'"/>
      <xsl:with-param name="listed" select="true()"/>
      <xsl:with-param name="own-reading" select="false()"/>
      <xsl:with-param name="explanation" select="ed:explanation(., 'stamp')"/>
      <xsl:with-param name="id" select="ed:id(.)"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:stamp" mode="ed:as-translated" priority="2.08">
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="ed:open(.) || '['"/></xsl:call-template>
    <xsl:call-template name="ed:words"><xsl:with-param name="role" select="'added'"/><xsl:with-param name="content" select="if (exists(node())) then node() else ''"/></xsl:call-template>
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="']' || ed:close(.)"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:stamp" mode="ed:text" priority="2.08">
    <xsl:sequence select="ed:open(.)"/>
    <xsl:sequence select="'['"/>
    <xsl:apply-templates select="if (exists(node())) then node() else ''" mode="ed:text"/>
    <xsl:sequence select="']'"/>
    <xsl:sequence select="ed:close(.)"/>
  </xsl:template>
  <xsl:template match="tei:stamp" mode="ed:reading" priority="2.08">
    <xsl:apply-templates/>
  </xsl:template>
  <!-- handwritten: tei:add -->
  <xsl:template match="tei:add" priority="2.07">
    <xsl:call-template name="ed:intervention">
      <xsl:with-param name="element" select="."/>
      <xsl:with-param name="kind" select="'handwritten'"/>
      <xsl:with-param name="classes" select="'ed-handwritten'"/>
      <xsl:with-param name="listed" select="true()"/>
      <xsl:with-param name="own-reading" select="false()"/>
      <xsl:with-param name="explanation" select="ed:explanation(., 'handwritten')"/>
      <xsl:with-param name="id" select="ed:id(.)"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:add" mode="ed:as-translated" priority="2.07">
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="ed:open(.) || '['"/></xsl:call-template>
    <xsl:call-template name="ed:words"><xsl:with-param name="role" select="'added'"/><xsl:with-param name="content" select="if (exists(node())) then node() else ''"/></xsl:call-template>
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="']' || ed:close(.)"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:add" mode="ed:text" priority="2.07">
    <xsl:sequence select="ed:open(.)"/>
    <xsl:sequence select="'['"/>
    <xsl:apply-templates select="if (exists(node())) then node() else ''" mode="ed:text"/>
    <xsl:sequence select="']'"/>
    <xsl:sequence select="ed:close(.)"/>
  </xsl:template>
  <xsl:template match="tei:add" mode="ed:reading" priority="2.07">
    <xsl:apply-templates/>
  </xsl:template>
  <!-- original: tei:note[@type = 'original-wording'] -->
  <xsl:template match="tei:note[@type = 'original-wording']" priority="2.06">
    <xsl:call-template name="ed:intervention">
      <xsl:with-param name="element" select="."/>
      <xsl:with-param name="kind" select="'original'"/>
      <xsl:with-param name="classes" select="'ed-original'"/>
      <xsl:with-param name="listed" select="true()"/>
      <xsl:with-param name="own-reading" select="true()"/>
      <xsl:with-param name="explanation" select="ed:explanation(., 'original')"/>
      <xsl:with-param name="id" select="ed:id(.)"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:note[@type = 'original-wording']" mode="ed:as-translated" priority="2.06">
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="ed:open(.) || '['"/></xsl:call-template>
    <xsl:call-template name="ed:words"><xsl:with-param name="role" select="'original'"/><xsl:with-param name="content" select="if (exists(node())) then node() else ''"/></xsl:call-template>
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="']' || ed:close(.)"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:note[@type = 'original-wording']" mode="ed:text" priority="2.06">
    <xsl:sequence select="ed:open(.)"/>
    <xsl:sequence select="'['"/>
    <xsl:apply-templates select="if (exists(node())) then node() else ''" mode="ed:text"/>
    <xsl:sequence select="']'"/>
    <xsl:sequence select="ed:close(.)"/>
  </xsl:template>
  <xsl:template match="tei:note[@type = 'original-wording']" mode="ed:reading" priority="2.06">
  </xsl:template>
  <!-- remark: tei:note[@place = 'inline'] -->
  <xsl:template match="tei:note[@place = 'inline']" priority="2.05">
    <xsl:call-template name="ed:intervention">
      <xsl:with-param name="element" select="."/>
      <xsl:with-param name="kind" select="'remark'"/>
      <xsl:with-param name="classes" select="'ed-remark'"/>
      <xsl:with-param name="listed" select="true()"/>
      <xsl:with-param name="own-reading" select="true()"/>
      <xsl:with-param name="explanation" select="ed:explanation(., 'remark')"/>
      <xsl:with-param name="id" select="ed:id(.)"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:note[@place = 'inline']" mode="ed:as-translated" priority="2.05">
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="ed:open(.) || '['"/></xsl:call-template>
    <xsl:call-template name="ed:words"><xsl:with-param name="role" select="'added'"/><xsl:with-param name="content" select="if (exists(node())) then node() else ''"/></xsl:call-template>
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="']' || ed:close(.)"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:note[@place = 'inline']" mode="ed:text" priority="2.05">
    <xsl:sequence select="ed:open(.)"/>
    <xsl:sequence select="'['"/>
    <xsl:apply-templates select="if (exists(node())) then node() else ''" mode="ed:text"/>
    <xsl:sequence select="']'"/>
    <xsl:sequence select="ed:close(.)"/>
  </xsl:template>
  <xsl:template match="tei:note[@place = 'inline']" mode="ed:reading" priority="2.05">
  </xsl:template>
  <!-- note: tei:note[@n and @anchored = 'false'] -->
  <xsl:template match="tei:note[@n and @anchored = 'false']" priority="2.04">
    <xsl:call-template name="ed:footnote-of"/>
  </xsl:template>
  <xsl:template match="tei:note[@n and @anchored = 'false']" mode="ed:as-translated" priority="2.04">
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="ed:open(.) || '['"/></xsl:call-template>
    <xsl:call-template name="ed:words"><xsl:with-param name="role" select="'added'"/><xsl:with-param name="content" select="if (exists(@n)) then @n else ''"/></xsl:call-template>
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="'] '"/></xsl:call-template>
    <xsl:call-template name="ed:words"><xsl:with-param name="role" select="'added'"/><xsl:with-param name="content" select="if (exists(node())) then node() else ''"/></xsl:call-template>
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="ed:close(.)"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:note[@n and @anchored = 'false']" mode="ed:text" priority="2.04">
    <xsl:sequence select="ed:open(.)"/>
    <xsl:sequence select="'['"/>
    <xsl:apply-templates select="if (exists(@n)) then @n else ''" mode="ed:text"/>
    <xsl:sequence select="'] '"/>
    <xsl:apply-templates select="if (exists(node())) then node() else ''" mode="ed:text"/>
    <xsl:sequence select="ed:close(.)"/>
  </xsl:template>
  <xsl:template match="tei:note[@n and @anchored = 'false']" mode="ed:reading" priority="2.04">
    <xsl:apply-templates/>
  </xsl:template>
  <!-- note: tei:note[@n and (@place = 'foot' or @place = 'end' or @type = 'translator')] -->
  <xsl:template match="tei:note[@n and (@place = 'foot' or @place = 'end' or @type = 'translator')]" priority="2.03">
    <xsl:call-template name="ed:footnote-of"/>
  </xsl:template>
  <xsl:template match="tei:note[@n and (@place = 'foot' or @place = 'end' or @type = 'translator')]" mode="ed:as-translated" priority="2.03">
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="ed:open(.) || '['"/></xsl:call-template>
    <xsl:call-template name="ed:words"><xsl:with-param name="role" select="'added'"/><xsl:with-param name="content" select="if (exists(@n)) then @n else ''"/></xsl:call-template>
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="']' || ed:close(.)"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:note[@n and (@place = 'foot' or @place = 'end' or @type = 'translator')]" mode="ed:text" priority="2.03">
    <xsl:sequence select="ed:open(.)"/>
    <xsl:sequence select="'['"/>
    <xsl:apply-templates select="if (exists(@n)) then @n else ''" mode="ed:text"/>
    <xsl:sequence select="']'"/>
    <xsl:sequence select="ed:close(.)"/>
  </xsl:template>
  <xsl:template match="tei:note[@n and (@place = 'foot' or @place = 'end' or @type = 'translator')]" mode="ed:reading" priority="2.03">
    <xsl:apply-templates/>
  </xsl:template>
  <!-- note: tei:note -->
  <xsl:template match="tei:note" priority="2.02">
    <xsl:call-template name="ed:footnote-of"/>
  </xsl:template>
  <xsl:template match="tei:note" mode="ed:as-translated" priority="2.02">
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="ed:open(.)"/></xsl:call-template>
    <xsl:call-template name="ed:words"><xsl:with-param name="role" select="'added'"/><xsl:with-param name="content" select="if (exists(node())) then node() else ''"/></xsl:call-template>
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="ed:close(.)"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:note" mode="ed:text" priority="2.02">
    <xsl:sequence select="ed:open(.)"/>
    <xsl:apply-templates select="if (exists(node())) then node() else ''" mode="ed:text"/>
    <xsl:sequence select="ed:close(.)"/>
  </xsl:template>
  <xsl:template match="tei:note" mode="ed:reading" priority="2.02">
    <xsl:apply-templates/>
  </xsl:template>
  <!-- letters: tei:ex -->
  <xsl:template match="tei:ex" priority="2.01">
    <xsl:call-template name="ed:intervention">
      <xsl:with-param name="element" select="."/>
      <xsl:with-param name="kind" select="'letters'"/>
      <xsl:with-param name="classes" select="'ed-expansion ed-ex'"/>
      <xsl:with-param name="listed" select="false()"/>
      <xsl:with-param name="own-reading" select="false()"/>
      <xsl:with-param name="explanation" select="'Letters added by ' || ed:by(.) || ' to expand an abbreviation.'"/>
      <xsl:with-param name="id" select="''"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:ex" mode="ed:as-translated" priority="2.01">
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="ed:open(.) || '['"/></xsl:call-template>
    <xsl:call-template name="ed:words"><xsl:with-param name="role" select="'added'"/><xsl:with-param name="content" select="if (exists(node())) then node() else ''"/></xsl:call-template>
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="']' || ed:close(.)"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:ex" mode="ed:text" priority="2.01">
    <xsl:sequence select="ed:open(.)"/>
    <xsl:sequence select="'['"/>
    <xsl:apply-templates select="if (exists(node())) then node() else ''" mode="ed:text"/>
    <xsl:sequence select="']'"/>
    <xsl:sequence select="ed:close(.)"/>
  </xsl:template>
  <xsl:template match="tei:ex" mode="ed:reading" priority="2.01">
    <xsl:apply-templates/>
  </xsl:template>

</xsl:stylesheet>

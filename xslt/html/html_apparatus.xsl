<?xml version="1.0" encoding="UTF-8"?>
<!--
  Critical apparatus (TEI "Critical Apparatus"): the lemma stands in the text, followed by a
  marker (a, b, ... in the order of the text: ed:app-mark); the marker opens the entry on
  demand, as a popover (the HTML popover attribute: no script, no network, so it works from
  file://), beside the lemma it belongs to. The entry is written as an apparatus is printed:
  the lemma, "]", its witnesses' sigla, then each reading with its sigla ("om." for an empty
  one), the sigla read from listWit (ed:sigla in xslt/common/verse.xsl), each with the
  witness's description as its title.

  <app><lem wit="#A">mighty</lem><rdg wit="#B #C">great</rdg></app>
    -> mighty [a]   a: mighty] A   great B C
  An app without a lem shows its first reading in the text.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:tei-edition:editorial"
  xmlns:te="urn:tei-edition:html"
  exclude-result-prefixes="#all">

  <xsl:template match="tei:app">
    <xsl:variable name="mark" select="ed:app-mark(.)"/>
    <xsl:variable name="id" select="'te-app-' || $mark"/>
    <xsl:variable name="base" select="(tei:lem, tei:rdg, tei:rdgGrp/tei:rdg)[1]"/>
    <span class="tei-app" id="{$id}">
      <span class="tei-lem"><xsl:apply-templates select="$base/node()"/></span>
      <button type="button" class="app-call" popovertarget="{$id}-entry"
              aria-label="Apparatus {$mark}: the readings"><xsl:value-of select="$mark"/></button>
      <span class="app-entry" popover="" id="{$id}-entry" role="note">
        <span class="app-mark"><xsl:value-of select="$mark"/></span>
        <xsl:text> </xsl:text>
        <xsl:for-each select="$base[self::tei:lem]">
          <span class="app-lemma"><xsl:value-of select="(normalize-space(.)[.], 'om.')[1]"/></span>
          <xsl:text>]</xsl:text>
          <xsl:call-template name="te:sigla"/>
        </xsl:for-each>
        <xsl:for-each select="(tei:rdg | tei:rdgGrp//tei:rdg | tei:note | tei:witDetail) except $base[self::tei:lem]">
          <xsl:text> </xsl:text>
          <span class="tei-{local-name()}">
            <xsl:apply-templates select="@xml:lang" mode="te:lang"/>
            <xsl:choose>
              <xsl:when test="self::tei:rdg and not(normalize-space())"><i>om.</i></xsl:when>
              <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
            </xsl:choose>
          </span>
          <xsl:call-template name="te:sigla"/>
        </xsl:for-each>
      </span>
    </span>
  </xsl:template>

  <!-- The sigla of the context reading, each with the witness it stands for as its title. -->
  <xsl:template name="te:sigla">
    <xsl:variable name="reading" select="."/>
    <xsl:variable name="refs" select="tokenize(normalize-space(@wit))"/>
    <xsl:for-each select="ed:sigla(.)">
      <xsl:variable name="i" select="position()"/>
      <xsl:text> </xsl:text>
      <span class="siglum">
        <xsl:for-each select="ed:witness-name($reading, $refs[$i])">
          <xsl:attribute name="title" select="."/>
        </xsl:for-each>
        <xsl:value-of select="."/>
      </span>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  Critical apparatus in print: the lemma in the text, its entry at the foot of the page (a
  footnote whose call is the entry's letter, ed:app-mark: a, b, ...), written as an apparatus
  is printed: "mighty] A   great B C" (the sigla from listWit, ed:sigla in
  xslt/common/verse.xsl; "om." for an empty reading). An app without a lem shows its first
  reading in the text.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:tei-edition:editorial"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:template match="tei:app">
    <xsl:variable name="base" select="(tei:lem, tei:rdg, tei:rdgGrp/tei:rdg)[1]"/>
    <span class="lem"><xsl:apply-templates select="$base/node()"/></span>
    <span class="app-foot" data-n="{ed:app-mark(.)}">
      <xsl:for-each select="$base[self::tei:lem]">
        <span class="app-lemma"><xsl:value-of select="(normalize-space(.)[.], 'om.')[1]"/></span>
        <xsl:text>]</xsl:text>
        <xsl:for-each select="ed:sigla(.)"><xsl:text> </xsl:text><span class="siglum"><xsl:value-of select="."/></span></xsl:for-each>
      </xsl:for-each>
      <xsl:for-each select="(tei:rdg | tei:rdgGrp//tei:rdg | tei:note | tei:witDetail) except $base[self::tei:lem]">
        <xsl:text>  </xsl:text>
        <span class="{local-name()}">
          <xsl:choose>
            <xsl:when test="self::tei:rdg and not(normalize-space())"><em>om.</em></xsl:when>
            <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
          </xsl:choose>
        </span>
        <xsl:for-each select="ed:sigla(.)"><xsl:text> </xsl:text><span class="siglum"><xsl:value-of select="."/></span></xsl:for-each>
      </xsl:for-each>
    </span>
  </xsl:template>

</xsl:stylesheet>

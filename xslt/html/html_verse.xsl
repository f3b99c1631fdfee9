<?xml version="1.0" encoding="UTF-8"?>
<!--
  Verse (TEI "Verse" and the lines of core): a line group is a block (its head, its lines,
  nested groups: a stanza in a poem); each verse line is a line of its own, with its number
  in the margin every fifth line (ed:line-number, ed:show-number in xslt/common/verse.xsl).
  A line split between speakers (part="M", "F") is set in from the left, as printed plays set
  the second half of a shared line. A line inside a paragraph (rare: a line quoted in prose)
  stays inline, ended by a line break, since a paragraph cannot hold a block.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:tei-edition:editorial"
  xmlns:te="urn:tei-edition:html"
  exclude-result-prefixes="#all">

  <xsl:include href="../common/verse.xsl"/>

  <xsl:template match="tei:lg">
    <div class="{string-join(('tei-lg', @type ! ('lg-' || te:token(.))), ' ')}">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates select="@xml:lang" mode="te:lang"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:l">
    <xsl:variable name="inline" select="exists(parent::tei:p | parent::tei:ab | parent::tei:q
        | parent::tei:quote[not(tei:p | tei:lg)] | parent::tei:note | parent::tei:hi | parent::tei:seg)"/>
    <xsl:variable name="line" as="element()">
      <xsl:element name="{if ($inline) then 'span' else 'div'}">
        <xsl:attribute name="class" select="string-join(('tei-l',
            @part[. = ('I', 'M', 'F', 'i', 'm', 'f')] ! ('l-part-' || upper-case(.)),
            tokenize(@rend) ! ('rend-' || te:token(.))), ' ')"/>
        <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
        <xsl:apply-templates select="@xml:lang" mode="te:lang"/>
        <xsl:if test="ed:show-number(.)">
          <span class="lnum" aria-hidden="true"><xsl:value-of select="ed:line-number(.)"/><xsl:text> </xsl:text></span>
        </xsl:if>
        <xsl:apply-templates/>
      </xsl:element>
    </xsl:variable>
    <xsl:sequence select="$line"/>
    <xsl:if test="$inline"><br/></xsl:if>
  </xsl:template>

</xsl:stylesheet>

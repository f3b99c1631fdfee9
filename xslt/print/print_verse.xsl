<?xml version="1.0" encoding="UTF-8"?>
<!--
  Verse in print: a line group is a block; every verse line is a line of its own, set flush
  left and never justified into a paragraph (print.css, .l), its number in the margin every
  fifth line (data-l: ed:line-number, ed:show-number in xslt/common/verse.xsl), as
  paragraph numbers are. A line inside a paragraph stays inline, ended by a line break.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:tei-edition:editorial"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:include href="../common/verse.xsl"/>

  <xsl:template match="tei:lg">
    <div class="lg"><xsl:apply-templates/></div>
  </xsl:template>

  <xsl:template match="tei:l">
    <xsl:variable name="inline" select="exists(parent::tei:p | parent::tei:ab | parent::tei:q
        | parent::tei:quote[not(tei:p | tei:lg)] | parent::tei:note | parent::tei:hi | parent::tei:seg)"/>
    <xsl:element name="{if ($inline) then 'span' else 'p'}">
      <xsl:attribute name="class" select="string-join(('l',
          @part[. = ('M', 'F', 'm', 'f')] ! 'l-part', tokenize(@rend)[. = 'indent'] ! 'l-indent'), ' ')"/>
      <xsl:if test="ed:show-number(.)">
        <xsl:attribute name="data-l" select="ed:line-number(.)"/>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
    <xsl:if test="$inline"><br/></xsl:if>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  The textstructure module: the blocks of a document. A div is a document or an enclosure
  (an enclosure gets a small label); opener and closer keep the source's line breaks; the
  salutation, signature and date line are paragraphs of their own; a postscript is set
  smaller, as the transmission notes at the foot of a cable are.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:tei-edition:editorial"
  xmlns:pr="urn:tei-edition:print"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:template match="tei:text | tei:body | tei:front | tei:back">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:div">
    <div class="div div-{(@type, 'section')[1]}">
      <!-- the project's own label; other TEI gets no heading it does not have -->
      <xsl:if test="@type = 'enclosure' and ed:own-encoding(.)">
        <p class="div-label">Enclosure</p>
      </xsl:if>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:floatingText">
    <div class="floating-text"><xsl:apply-templates/></div>
  </xsl:template>

  <!-- A group of texts (an original and its translation): one after the other, in the
       source's order, each under its label ("Original (Chinese)") and in its language. -->
  <xsl:template match="tei:group">
    <div class="group"><xsl:apply-templates/></div>
  </xsl:template>

  <xsl:template match="tei:text[parent::tei:group]">
    <div class="text text-{(@type, 'text')[1]}">
      <xsl:if test="@xml:lang">
        <xsl:attribute name="lang" select="@xml:lang"/>
      </xsl:if>
      <p class="text-label" lang="en"><xsl:value-of select="ed:text-label(.)"/></p>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:head">
    <h2 class="head"><xsl:apply-templates/></h2>
  </xsl:template>

  <xsl:template match="tei:opener">
    <div class="opener"><xsl:apply-templates/></div>
  </xsl:template>

  <xsl:template match="tei:closer">
    <div class="closer"><xsl:apply-templates/></div>
  </xsl:template>

  <xsl:template match="tei:postscript">
    <div class="postscript"><xsl:apply-templates/></div>
  </xsl:template>

  <xsl:template match="tei:salute | tei:signed | tei:dateline | tei:byline | tei:docDate
                       | tei:trailer | tei:argument | tei:epigraph">
    <xsl:element name="{if (ancestor::tei:note or ancestor::tei:p[1][not(ed:holds-block(.))])
                        then 'span' else 'p'}">
      <xsl:attribute name="class" select="local-name()"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

</xsl:stylesheet>

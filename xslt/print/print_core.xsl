<?xml version="1.0" encoding="UTF-8"?>
<!--
  The core module: paragraphs (numbered in the margin with the number of their permalink
  id, p3 -> 3, as in the HTML edition), lists (the source's markers kept), line breaks,
  quotations, highlighting, and notes: a translator's or editor's note is a real footnote
  (ed:footnote, called by ../common/editorial.xsl); a distribution list or transmission note
  is a block of the text.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:tei-edition:editorial"
  xmlns:pr="urn:tei-edition:print"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:template match="tei:p">
    <xsl:variable name="n" select="ed:paragraph-number(.)"/>
    <!-- HTML's p cannot hold a block: a paragraph with a list or a quoted message is a div. -->
    <xsl:element name="{if (ed:holds-block(.)) then 'div' else 'p'}">
      <xsl:attribute name="class" select="'p'"/>
      <xsl:if test="@xml:id">
        <xsl:attribute name="id" select="$doc-id || '-' || @xml:id"/>
      </xsl:if>
      <xsl:if test="exists($n)">
        <xsl:attribute name="data-n" select="$n"/>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A paragraph inside a footnote: the footnote is a line of text. -->
  <xsl:template match="tei:note//tei:p">
    <span class="p-inline"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:list">
    <xsl:choose>
      <xsl:when test="ancestor::tei:note[not(ed:block-note(.))]">
        <span class="list-inline"><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:otherwise>
        <ul class="list{if (tei:item/@n) then ' marked' else ''}"><xsl:apply-templates/></ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:item">
    <xsl:choose>
      <xsl:when test="ancestor::tei:note[not(ed:block-note(.))]">
        <span class="item"><xsl:if test="@n"><xsl:value-of select="@n || ' '"/></xsl:if>
        <xsl:apply-templates/> </span>
      </xsl:when>
      <xsl:otherwise>
        <li>
          <xsl:if test="@n"><span class="item-n"><xsl:value-of select="@n"/></span></xsl:if>
          <xsl:apply-templates/>
        </li>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A line break; in the apparatus, where lines run on, a slash. -->
  <xsl:template match="tei:lb">
    <xsl:param name="apparatus" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$apparatus"><span class="lb"> / </span></xsl:when>
      <xsl:otherwise><br/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:label">
    <span class="label"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:quote[tei:p | tei:floatingText | tei:list]">
    <xsl:choose>
      <xsl:when test="ancestor::tei:note"><span class="quote"><xsl:apply-templates/></span></xsl:when>
      <xsl:otherwise><blockquote class="quote"><xsl:apply-templates/></blockquote></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:quote | tei:q">
    <span class="quote"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:hi">
    <xsl:variable name="rend" select="string(@rend)"/>
    <xsl:element name="{if (contains($rend, 'bold')) then 'strong' else if (contains($rend, 'underline')) then 'u' else 'em'}">
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:title">
    <cite><xsl:apply-templates/></cite>
  </xsl:template>

  <xsl:template match="tei:ptr[@target]">
    <span class="url"><xsl:value-of select="@target"/></span>
  </xsl:template>

  <!-- The source's own notes: a distribution list, a transmission note (ed:block-note). Not
       footnotes. -->
  <xsl:template name="ed:note-block">
    <xsl:param name="element" as="element()"/>
    <div class="note-block note-{$element/@type}"><xsl:apply-templates select="$element/node()"/></div>
  </xsl:template>

  <!-- A translator's or editor's note: a footnote, called by the shared editorial module. -->
  <xsl:template name="ed:footnote">
    <xsl:param name="n" as="xs:string"/>
    <xsl:param name="element" as="element()"/>
    <xsl:param name="apparatus" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$apparatus">
        <span class="note-ref"><xsl:value-of select="$n"/></span>
      </xsl:when>
      <xsl:otherwise>
        <span class="footnote note-{($element/@type, 'translator')[1]}" data-n="{$n}"><xsl:apply-templates select="$element/node()"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>

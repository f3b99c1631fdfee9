<?xml version="1.0" encoding="UTF-8"?>
<!--
  The header module: what the teiHeader gives a printed document. Its number in the volume,
  its title (the running head on recto pages), its date, the summary and a source note
  (citation, original language, translator).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:tei-edition:editorial"
  xmlns:pr="urn:tei-edition:print"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- One document: its section of the book. -->
  <xsl:template match="/tei:TEI">
    <!-- the text's language, never a guessed "en" (ed:document-lang): hyphenation follows it -->
    <xsl:variable name="lang" select="ed:document-lang(.)"/>
    <section class="document" id="{$doc-id}" lang="{$lang}" data-n="{$number}"
             data-date="{pr:date(.)}">
      <xsl:apply-templates select="tei:teiHeader[1]" mode="pr:head"/>
      <div class="doc-body">
        <xsl:apply-templates select="tei:sourceDoc | tei:text"/>
      </div>
      <xsl:call-template name="pr:apparatus"/>
    </section>
  </xsl:template>

  <!-- The ISO date a document is ordered by. -->
  <xsl:function name="pr:date" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="d" select="($tei/tei:teiHeader/tei:profileDesc/tei:creation/tei:date,
        $tei/tei:teiHeader/tei:profileDesc/tei:correspDesc/tei:correspAction[@type = 'sent']/tei:date)[1]"/>
    <xsl:sequence select="string(($d/@when, $d/@from, $d/@notBefore, '')[1])"/>
  </xsl:function>

  <xsl:template match="tei:teiHeader" mode="pr:head">
    <xsl:variable name="title" select="normalize-space((tei:fileDesc/tei:titleStmt/tei:title)[1])"/>
    <!-- The running head: the title without the quotes that some exports put round it. -->
    <xsl:variable name="bare" select="replace($title, '^([''&quot;‘“])(.*)[''&quot;’”]$', '$2')"/>
    <header class="doc-head">
      <xsl:if test="$number eq 0 and $edition-title ne ''">
        <p class="doc-edition"><xsl:value-of select="$edition-title"/></p>
      </xsl:if>
      <xsl:if test="$number gt 0">
        <p class="doc-number">Document <xsl:value-of select="$number"/></p>
      </xsl:if>
      <h1 class="doc-title" data-short="{pr:short($bare, 72)}">
        <xsl:if test="$number eq 0">
          <!-- On its own, a document's verso pages carry the edition's title, or its own. -->
          <xsl:attribute name="data-edition"
            select="if ($edition-title ne '') then $edition-title else pr:short($bare, 72)"/>
        </xsl:if>
        <xsl:value-of select="$title"/>
        <xsl:call-template name="pr:name-anchors">
          <xsl:with-param name="in" select="(tei:fileDesc/tei:titleStmt/tei:title)[1]"/>
        </xsl:call-template>
      </h1>
      <xsl:variable name="date" select="(tei:profileDesc/tei:creation/tei:date,
          tei:profileDesc/tei:correspDesc/tei:correspAction[@type = 'sent']/tei:date)[1]"/>
      <p class="doc-date">
        <xsl:value-of select="if (normalize-space($date)) then normalize-space($date) else 'Undated'"/>
      </p>
      <xsl:for-each select="tei:profileDesc/tei:abstract/tei:p">
        <p class="doc-summary"><xsl:value-of select="normalize-space(.)"/></p>
      </xsl:for-each>
      <xsl:call-template name="pr:source-note"/>
    </header>
  </xsl:template>

  <!-- Where the document comes from: the archive's citation, its language, its translator. -->
  <xsl:template name="pr:source-note">
    <xsl:variable name="bibl" select="(tei:fileDesc/tei:sourceDesc/tei:bibl[@type = 'citation'],
                                       tei:fileDesc/tei:sourceDesc/tei:bibl)[1]"/>
    <xsl:variable name="languages" select="tei:profileDesc/tei:langUsage/tei:language
                                           [not(@ident = ('en', ancestor::tei:TEI[1]/tei:text/@xml:lang))]"/>
    <xsl:variable name="translator" select="(tei:fileDesc/tei:titleStmt/tei:respStmt
                                            [@xml:id = 'translator']/tei:name)[1]"/>
    <xsl:if test="$bibl or $languages or $translator">
      <div class="doc-source">
        <xsl:if test="$bibl">
          <p><span class="label">Source: </span><xsl:apply-templates select="$bibl" mode="pr:bibl"/></p>
        </xsl:if>
        <xsl:if test="$languages">
          <p><span class="label">Original language: </span>
            <xsl:value-of select="string-join($languages ! normalize-space(.), ', ')"/>.</p>
        </xsl:if>
        <xsl:if test="$translator and not(contains(string($bibl), normalize-space($translator)))">
          <p><span class="label">Translated by </span>
            <xsl:value-of select="normalize-space($translator)"/>.</p>
        </xsl:if>
      </div>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:bibl" mode="pr:bibl">
    <xsl:apply-templates mode="pr:bibl"/>
  </xsl:template>
  <xsl:template match="tei:ptr[@target]" mode="pr:bibl">
    <span class="url"><xsl:value-of select="@target"/></span>
  </xsl:template>
  <xsl:template match="text()" mode="pr:bibl">
    <xsl:value-of select="replace(., '\s+', ' ')"/>
  </xsl:template>

</xsl:stylesheet>

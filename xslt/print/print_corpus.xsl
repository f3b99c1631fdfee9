<?xml version="1.0" encoding="UTF-8"?>
<!--
  The corpus module: the book around the documents. tei_edition/pdf.py hands over a volume
  (namespace urn:tei-edition:print) holding the edition's title, editors, publisher, licence
  and date, and the documents' sections in volume order:

    <volume single="false"><title>...</title><editor>...</editor>...
      <group>1961</group>                           (only in a group of volumes: a year, a series)
      <date when="2026-11-29">29 November 2026</date>
      <part n="2" of="3">Volume 2 of 3</part>      (only when the edition has several volumes)
      <documents><section class="document" xmlns="http://www.w3.org/1999/xhtml">...</section>...</documents>
    </volume>

  A volume gets a title page, its verso (the colophon), and the contents with page numbers
  (target-counter in print.css); a single document gets neither.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:pr="urn:tei-edition:print"
  xmlns:h="http://www.w3.org/1999/xhtml"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:template match="/pr:volume">
    <xsl:variable name="single" select="@single = 'true'"/>
    <xsl:variable name="docs" select="pr:documents/h:section"/>
    <html lang="{(@lang, 'en')[1]}">
      <head>
        <meta charset="utf-8"/>
        <title>
          <xsl:value-of select="if ($single) then normalize-space($docs[1]//h:h1[1])
                                else string-join((pr:title, pr:group, pr:part), '. ')"/>
        </title>
        <xsl:for-each select="pr:editor">
          <meta name="author" content="{.}"/>
        </xsl:for-each>
        <meta name="generator" content="{pr:generator}"/>
        <meta name="dcterms.created" content="{pr:date/@when}"/>
      </head>
      <body class="{if ($single) then 'single' else 'volume'}">
        <xsl:if test="not($single)">
          <xsl:call-template name="pr:title-page"/>
          <xsl:call-template name="pr:colophon"/>
          <xsl:call-template name="pr:contents">
            <xsl:with-param name="docs" select="$docs"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:copy-of select="$docs" copy-namespaces="no"/>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="pr:title-page">
    <section class="title-page">
      <h1 class="edition-title"><xsl:value-of select="pr:title"/></h1>
      <xsl:if test="pr:group">
        <p class="volume-group"><xsl:value-of select="pr:group"/></p>
      </xsl:if>
      <xsl:if test="pr:part">
        <p class="volume-number"><xsl:value-of select="pr:part"/></p>
      </xsl:if>
      <xsl:if test="pr:editor">
        <p class="editors">
          <span class="edited-by">Edited by</span>
          <br/>
          <xsl:value-of select="pr:and-list(pr:editor ! string(.))"/>
        </p>
      </xsl:if>
      <div class="imprint">
        <xsl:if test="pr:publisher">
          <p class="publisher"><xsl:value-of select="pr:publisher"/></p>
        </xsl:if>
        <p class="volume-date"><xsl:value-of select="pr:date"/></p>
      </div>
    </section>
  </xsl:template>

  <!-- The title page's verso: who published it, under what licence, how it was made. -->
  <xsl:template name="pr:colophon">
    <section class="colophon">
      <p><xsl:value-of select="pr:title"/>
        <xsl:if test="pr:editor">, edited by <xsl:value-of select="pr:and-list(pr:editor ! string(.))"/></xsl:if>.
        <xsl:if test="pr:group"><xsl:value-of select="pr:group"/>.<xsl:text> </xsl:text></xsl:if>
        <xsl:if test="pr:part"><xsl:value-of select="pr:part"/>.</xsl:if></p>
      <xsl:if test="pr:publisher">
        <p>Published by <xsl:value-of select="pr:publisher"/>.</p>
      </xsl:if>
      <xsl:if test="pr:licence">
        <p>Licence: <xsl:value-of select="pr:licence"/>
          <xsl:if test="pr:licence/@url"><xsl:text> </xsl:text><span class="url"><xsl:value-of select="pr:licence/@url"/></span></xsl:if>.</p>
      </xsl:if>
      <xsl:if test="pr:url">
        <p>The digital edition: <span class="url"><xsl:value-of select="pr:url"/></span></p>
      </xsl:if>
      <p>The documents are printed in the order of their dates. Square brackets mark the
        interventions of the translators and the editors; the words they added are in
        italics. Paragraph numbers in the margin are those of the digital edition. After each
        document, its editorial interventions are listed with page and paragraph.</p>
      <p>Set in Linux Libertine; Chinese, Japanese and Korean in Noto Serif CJK.
        Made with <xsl:value-of select="pr:generator"/> on <xsl:value-of select="pr:date"/>.</p>
    </section>
  </xsl:template>

  <xsl:template name="pr:contents">
    <xsl:param name="docs" as="element()*"/>
    <nav class="contents">
      <h1 class="contents-title">Contents</h1>
      <ol class="toc">
        <xsl:for-each select="$docs">
          <li class="toc-entry">
            <span class="toc-n"><xsl:value-of select="@data-n"/></span>
            <a class="toc-link" href="#{@id}">
              <span class="toc-title"><xsl:value-of select="normalize-space((.//h:h1)[1])"/></span>
              <xsl:variable name="date" select="(.//h:p[@class = 'doc-date'])[1]"/>
              <xsl:if test="$date">
                <span class="toc-date"><xsl:value-of select="normalize-space($date)"/></span>
              </xsl:if>
            </a>
          </li>
        </xsl:for-each>
      </ol>
    </nav>
  </xsl:template>

  <!-- "A", "A and B", "A, B and C". -->
  <xsl:function name="pr:and-list" as="xs:string">
    <xsl:param name="names" as="xs:string*"/>
    <xsl:sequence select="if (count($names) le 1) then string($names[1])
        else string-join($names[position() lt last()], ', ') || ' and ' || $names[last()]"/>
  </xsl:function>

</xsl:stylesheet>

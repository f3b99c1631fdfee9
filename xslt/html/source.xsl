<?xml version="1.0" encoding="UTF-8"?>
<!--
  The view page of a document's TEI (source/ID.html): the TEI the site publishes, shown as
  text, with the edition's banner, footer and Content Security Policy, a link back to the
  document's page and the download. The site builder (tei_edition/site.py) gives it

  <source id="x" title="…" page="../documents/x.html" download="../tei/x.zip" name="x.xml"
          comments-dropped="2">the TEI, as text</source>

  The text is a text node here and in the page: whatever markup it holds (an XHTML
  <h:script>, say) is written escaped, as characters to read.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:te="urn:tei-edition:html"
  exclude-result-prefixes="#all">

  <xsl:include href="html_params.xsl"/>
  <xsl:include href="html_chrome.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no"
              include-content-type="no" escape-uri-attributes="no"/>

  <xsl:template match="/source">
    <html lang="en">
      <xsl:call-template name="te:head">
        <xsl:with-param name="title" select="'TEI XML · ' || @title || ' · ' || $edition-title"/>
        <xsl:with-param name="root" select="$root"/>
      </xsl:call-template>
      <body class="page-source">
        <xsl:call-template name="te:site-header">
          <xsl:with-param name="root" select="$root"/>
        </xsl:call-template>
        <main id="te-main">
          <article class="source">
            <h1>TEI XML of <a href="{@page}"><xsl:value-of select="@title"/></a></h1>
            <p class="source-links">
              <a class="download" href="{@download}" download="">Download the TEI XML</a>
              <xsl:text> (</xsl:text>
              <xsl:value-of select="@name"/>
              <xsl:text> in a zip)</xsl:text>
            </p>
            <xsl:if test="xs:integer(@comments-dropped) gt 0">
              <p class="source-note">The editors’ XML comments are left out, here and in the download.</p>
            </xsl:if>
            <pre class="tei-source" translate="no"><code><xsl:value-of select="."/></code></pre>
          </article>
        </main>
        <xsl:call-template name="te:site-footer">
          <xsl:with-param name="root" select="$root"/>
        </xsl:call-template>
      </body>
    </html>
  </xsl:template>

</xsl:stylesheet>

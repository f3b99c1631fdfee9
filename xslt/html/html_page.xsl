<?xml version="1.0" encoding="UTF-8"?>
<!--
  The document page: banner, the document's heading, the metadata panel, the text with its
  reading switch, the footnotes, the intervention ledger, "Cite this document", footer.
  Headings go h1 (the document) > h2 (each part of the page) > h3 (inside a part).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:tei-edition:editorial"
  xmlns:te="urn:tei-edition:html"
  exclude-result-prefixes="#all">

  <xsl:template name="te:page">
    <xsl:variable name="tei" select="(/tei:TEI, /*)[1]"/>
    <!-- The text is written straight into the page; the footnotes are rendered once, and
         the ledger reads the interventions of each footnote back from them. -->
    <xsl:variable name="notes-html">
      <xsl:call-template name="te:footnotes"/>
    </xsl:variable>
    <!-- The page is in the text's language (ed:document-lang); the page's own English
         words say theirs where that differs. -->
    <xsl:variable name="chrome-lang" select="'en'[ed:document-lang($tei) ne 'en']"/>
    <html lang="{ed:document-lang($tei)}">
      <xsl:call-template name="te:head">
        <xsl:with-param name="title" select="$te:title || ' · ' || $edition-title"/>
        <xsl:with-param name="root" select="$root"/>
        <xsl:with-param name="extra" as="node()*">
          <xsl:if test="$xml-href">
            <link rel="alternate" type="application/zip" href="{$xml-href}"/>
          </xsl:if>
          <script src="{$root}assets/edition.js" defer=""/>
        </xsl:with-param>
      </xsl:call-template>
      <body class="{string-join(('page-document', 'page-parallel'[$tei/tei:text/tei:group[count(tei:text) = 2]]), ' ')}">
        <xsl:call-template name="te:site-header">
          <xsl:with-param name="root" select="$root"/>
          <xsl:with-param name="lang" select="$chrome-lang"/>
        </xsl:call-template>
        <main id="te-main">
          <article class="document">
            <xsl:call-template name="te:document-heading"/>
            <xsl:call-template name="te:metadata"/>
            <section class="text" aria-labelledby="te-text-h">
              <div class="text-heading">
                <xsl:if test="$chrome-lang"><xsl:attribute name="lang" select="$chrome-lang"/></xsl:if>
                <h2 id="te-text-h">Text</h2>
                <xsl:call-template name="te:reading-switch"/>
              </div>
              <xsl:apply-templates select="$tei/(tei:sourceDoc | tei:text)"/>
            </section>
            <xsl:sequence select="$notes-html"/>
            <xsl:call-template name="te:ledger">
              <xsl:with-param name="tei" select="$tei"/>
              <xsl:with-param name="notes-html" select="$notes-html"/>
            </xsl:call-template>
            <xsl:call-template name="te:cite"/>
          </article>
        </main>
        <xsl:call-template name="te:site-footer">
          <xsl:with-param name="root" select="$root"/>
          <xsl:with-param name="lang" select="$chrome-lang"/>
        </xsl:call-template>
      </body>
    </html>
  </xsl:template>

  <!-- "as translated" / "reading text" (the words: ed:reading-labels): a pair of radio buttons, shown once the script runs. -->
  <xsl:template name="te:reading-switch">
    <fieldset class="reading-switch" hidden="">
      <legend>Show the text</legend>
      <label><input type="radio" name="te-reading" value="translated" checked=""/><xsl:text> </xsl:text><xsl:value-of select="ed:reading-labels(.)[1]"/></label>
      <label><input type="radio" name="te-reading" value="reading"/><xsl:text> </xsl:text><xsl:value-of select="ed:reading-labels(.)[2]"/></label>
    </fieldset>
  </xsl:template>

</xsl:stylesheet>

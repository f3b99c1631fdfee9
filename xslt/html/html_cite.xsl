<?xml version="1.0" encoding="UTF-8"?>
<!--
  "Cite this document": a Chicago-style bibliography entry, BibTeX and CSL-JSON, each with a
  copy button (assets/edition.js). The citations themselves are made from the header and the
  edition by tei_edition/citation.py and arrive as parameters (html_params.xsl): JSON and
  BibTeX escaping is done there once, plainly, and a page renders faster.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:te="urn:tei-edition:html"
  exclude-result-prefixes="#all">

  <xsl:template name="te:cite">
    <xsl:if test="$cite-bibtex">
      <section class="cite" id="te-cite" aria-labelledby="te-cite-h">
        <h2 id="te-cite-h">Cite this document</h2>
        <div class="cite-format">
          <h3 id="te-cite-chicago-h">Chicago</h3>
          <p class="citation" id="te-cite-chicago">
            <xsl:value-of select="$cite-chicago-before"/>
            <cite><xsl:value-of select="$edition-title"/></cite>
            <xsl:value-of select="$cite-chicago-after"/>
          </p>
          <xsl:call-template name="te:copy-button">
            <xsl:with-param name="target" select="'te-cite-chicago'"/>
            <xsl:with-param name="what" select="'Chicago'"/>
          </xsl:call-template>
        </div>
        <div class="cite-format">
          <h3 id="te-cite-bibtex-h">BibTeX</h3>
          <pre tabindex="0" aria-labelledby="te-cite-bibtex-h"><code id="te-cite-bibtex"><xsl:value-of select="$cite-bibtex"/></code></pre>
          <xsl:call-template name="te:copy-button">
            <xsl:with-param name="target" select="'te-cite-bibtex'"/>
            <xsl:with-param name="what" select="'BibTeX'"/>
          </xsl:call-template>
        </div>
        <div class="cite-format">
          <h3 id="te-cite-csl-h">CSL-JSON</h3>
          <pre tabindex="0" aria-labelledby="te-cite-csl-h"><code id="te-cite-csl"><xsl:value-of select="$cite-csl"/></code></pre>
          <xsl:call-template name="te:copy-button">
            <xsl:with-param name="target" select="'te-cite-csl'"/>
            <xsl:with-param name="what" select="'CSL-JSON'"/>
          </xsl:call-template>
        </div>
        <p class="copy-status" role="status" aria-live="polite"></p>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="te:copy-button">
    <xsl:param name="target" as="xs:string"/>
    <xsl:param name="what" as="xs:string"/>
    <button type="button" class="copy" data-copy="{$target}" hidden="">Copy <xsl:value-of select="$what"/></button>
  </xsl:template>

</xsl:stylesheet>

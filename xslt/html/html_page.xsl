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
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
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
          <xsl:call-template name="te:jsonld"/>
        </xsl:with-param>
      </xsl:call-template>
      <body class="{string-join(('page-document', 'page-parallel'[$tei/tei:text/tei:group[count(tei:text) = 2]]), ' ')}">
        <xsl:call-template name="te:site-header">
          <xsl:with-param name="root" select="$root"/>
          <xsl:with-param name="lang" select="$chrome-lang"/>
        </xsl:call-template>
        <xsl:call-template name="te:volume-nav"/>
        <main id="te-main">
          <article class="document">
            <xsl:if test="$part-id">
              <xsl:attribute name="id" select="$part-id"/>
            </xsl:if>
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
            <xsl:variable name="after-text" as="node()*">
              <xsl:sequence select="$notes-html"/>
              <xsl:call-template name="te:ledger">
                <xsl:with-param name="tei" select="$tei"/>
                <xsl:with-param name="notes-html" select="$notes-html"/>
              </xsl:call-template>
              <xsl:call-template name="te:cite"/>
            </xsl:variable>
            <xsl:apply-templates select="$after-text" mode="te:chrome">
              <xsl:with-param name="lang" select="$chrome-lang" tunnel="yes"/>
            </xsl:apply-templates>
          </article>
        </main>
        <xsl:call-template name="te:site-footer">
          <xsl:with-param name="root" select="$root"/>
          <xsl:with-param name="lang" select="$chrome-lang"/>
        </xsl:call-template>
      </body>
    </html>
  </xsl:template>

  <!-- A page of a volume: the way to its volume's page and to the pages before and after it
       (the order of the file). -->
  <xsl:template name="te:volume-nav">
    <xsl:if test="$volume-href or $next-href">
      <nav class="volume-nav" aria-label="Volume">
        <ul class="plain">
          <xsl:for-each select="('previous', 'volume', 'next')">
            <xsl:variable name="href" select="map{'previous': $previous-href,
                'volume': $volume-href, 'next': $next-href}(.)"/>
            <xsl:variable name="title" select="map{'previous': $previous-title,
                'volume': $volume-title, 'next': $next-title}(.)"/>
            <xsl:if test="$href">
              <li class="volume-{.}">
                <a href="{$href}" rel="{if (. = 'volume') then 'up' else if (. = 'next') then 'next' else 'prev'}">
                  <span class="volume-nav-label"><xsl:if test="ed:document-lang($tei-root) ne 'en'"><xsl:attribute name="lang" select="'en'"/></xsl:if><xsl:value-of select="map{'previous': 'Previous',
                      'volume': 'Volume', 'next': 'Next'}(.)"/>: </span>
                  <xsl:value-of select="$title"/>
                </a>
              </li>
            </xsl:if>
          </xsl:for-each>
        </ul>
      </nav>
    </xsl:if>
  </xsl:template>

  <xsl:variable name="tei-root" select="(/tei:TEI, /*)[1]"/>

  <!-- The page's own English words after the text (the headings "Notes", "Editorial
       interventions", "Cite this document", the ledger's column heads, its count line and
       its Where / Kind / Explanation cells, "Translator's note", the copy buttons) say so on
       a page in another language (lang="en"), as the banner and the reading switch do; the
       document's words among them (a note, the "as translated" cell, a citation) keep the
       page's language. $lang: () on an English page, where nothing is added. -->
  <xsl:mode name="te:chrome" on-no-match="shallow-copy"/>
  <xsl:template match="h2 | h3 | th | button | section[@class = 'ledger']/p | span[@class = 'fn-by']
                       | table[@class = 'ledger-table']//td[not(@class = 'ledger-source')]"
                mode="te:chrome">
    <xsl:param name="lang" as="xs:string?" tunnel="yes"/>
    <xsl:copy>
      <xsl:if test="$lang and not(@lang)"><xsl:attribute name="lang" select="$lang"/></xsl:if>
      <xsl:apply-templates select="@* | node()" mode="te:chrome"/>
    </xsl:copy>
  </xsl:template>

  <!-- The ids this page's links reach on other pages of its volume (the parameter links). -->
  <xsl:variable name="te:links" as="map(xs:string, xs:string)" select="map:merge(
      for $line in tokenize($links, '\n')[contains(., ' ')]
      return map{substring-before($line, ' '): substring-after($line, ' ')})"/>

  <!-- Where a pointer of the TEI goes: "#p3", a paragraph of this page (its permalink), or
       "#pg_12", a page break of it (its number in the margin keeps the id); "#d5", this
       page's part itself (its article); "d5.html#d5" where the id lies on another page of
       the volume ("#d5" in a FRUS volume's contents); else () (not a link). -->
  <xsl:function name="te:local-href" as="xs:string?">
    <xsl:param name="target" as="xs:string?"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="id" select="substring($target, 2)[starts-with($target, '#')]"/>
    <xsl:sequence select="if (not($id)) then ()
        else if (root($context)//tei:text//(tei:p | tei:pb)[@xml:id = $id] or $id = $part-id) then $target
        else if (map:contains($te:links, $id)) then $te:links($id) || $target
        else ()"/>
  </xsl:function>

  <!-- "as translated" / "reading text" (the words: ed:reading-labels): a pair of radio buttons, shown once the script runs. -->
  <xsl:template name="te:reading-switch">
    <fieldset class="reading-switch" hidden="">
      <legend>Show the text</legend>
      <label><input type="radio" name="te-reading" value="translated" checked=""/><xsl:text> </xsl:text><xsl:value-of select="ed:reading-labels(.)[1]"/></label>
      <label><input type="radio" name="te-reading" value="reading"/><xsl:text> </xsl:text><xsl:value-of select="ed:reading-labels(.)[2]"/></label>
    </fieldset>
  </xsl:template>

</xsl:stylesheet>

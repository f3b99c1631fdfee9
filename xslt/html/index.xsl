<?xml version="1.0" encoding="UTF-8"?>
<!--
  The index page of the HTML edition, from the catalogue the site builder writes
  (tei_edition/site.py): every document in date order with its date, title, type and
  summary; filters by year, document type, sender, recipient, archive and language; sorting;
  and the full-text search (assets/index.js over assets/search-index.js, both plain scripts,
  since browsers refuse fetch() on file://). Without scripts the list is simply all documents.

  <catalogue>
    <doc n="0" href="documents/x.html" download="tei/x.zip" source="source/x.html" when="1958-03-03" year="1958" type="cable">
      <title/> <date/> <summary/> <sender/>* <recipient/>* <archive/>? <language/>*
    </doc>
  </catalogue>
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


  <xsl:template match="/catalogue">
    <xsl:variable name="docs" select="doc"/>
    <html lang="en">
      <xsl:call-template name="te:head">
        <xsl:with-param name="title" select="$edition-title"/>
        <xsl:with-param name="root" select="''"/>
        <xsl:with-param name="extra" as="node()*">
          <script src="assets/search-index.js" defer=""/>
          <script src="assets/index.js" defer=""/>
        </xsl:with-param>
      </xsl:call-template>
      <body class="page-index">
        <xsl:call-template name="te:site-header">
          <xsl:with-param name="root" select="''"/>
        </xsl:call-template>
        <main id="te-main">
          <h1><xsl:value-of select="$edition-title"/></h1>
          <p class="intro">
            <xsl:value-of select="count($docs)"/> document<xsl:value-of select="if (count($docs) = 1) then '' else 's'"/>
            <xsl:if test="$docs/@year">
              <xsl:text>, </xsl:text>
              <xsl:value-of select="min($docs/@year ! xs:integer(.))"/>
              <xsl:if test="min($docs/@year ! xs:integer(.)) ne max($docs/@year ! xs:integer(.))">–<xsl:value-of
                  select="max($docs/@year ! xs:integer(.))"/></xsl:if>
            </xsl:if>
            <xsl:text>.</xsl:text>
          </p>

          <form class="search" role="search" hidden="" action="#">
            <label for="te-search">Search the documents</label>
            <input type="search" id="te-search" name="q" autocomplete="off"
                   aria-describedby="te-search-help"/>
            <p id="te-search-help" class="doc-meta">Words match their beginnings (“negot” finds
              “negotiations”); put a phrase in quotes.</p>
          </form>

          <fieldset class="filters" hidden="">
            <legend>Filter and sort</legend>
            <xsl:call-template name="te:filter">
              <xsl:with-param name="name" select="'year'"/>
              <xsl:with-param name="label" select="'Year'"/>
              <xsl:with-param name="values" select="$docs/@year ! string(.)"/>
            </xsl:call-template>
            <xsl:call-template name="te:filter">
              <xsl:with-param name="name" select="'type'"/>
              <xsl:with-param name="label" select="'Document type'"/>
              <xsl:with-param name="values" select="$docs/@type ! string(.)"/>
              <xsl:with-param name="labels" select="true()"/>
            </xsl:call-template>
            <xsl:call-template name="te:filter">
              <xsl:with-param name="name" select="'sender'"/>
              <xsl:with-param name="label" select="'Sender'"/>
              <xsl:with-param name="values" select="$docs/sender ! string(.)"/>
            </xsl:call-template>
            <xsl:call-template name="te:filter">
              <xsl:with-param name="name" select="'recipient'"/>
              <xsl:with-param name="label" select="'Recipient'"/>
              <xsl:with-param name="values" select="$docs/recipient ! string(.)"/>
            </xsl:call-template>
            <xsl:call-template name="te:filter">
              <xsl:with-param name="name" select="'archive'"/>
              <xsl:with-param name="label" select="'Archive'"/>
              <xsl:with-param name="values" select="$docs/archive ! string(.)"/>
            </xsl:call-template>
            <xsl:call-template name="te:filter">
              <xsl:with-param name="name" select="'language'"/>
              <xsl:with-param name="label" select="'Original language'"/>
              <xsl:with-param name="values" select="$docs/language ! string(.)"/>
            </xsl:call-template>
            <div>
              <label for="te-sort">Sort by</label>
              <select id="te-sort" name="sort">
                <option value="date">Date, earliest first</option>
                <option value="date-desc">Date, latest first</option>
                <option value="title">Title</option>
              </select>
            </div>
            <div>
              <button type="button" id="te-reset">Clear search and filters</button>
            </div>
          </fieldset>

          <h2 id="te-docs-h">Documents</h2>
          <p class="result-count" role="status" aria-live="polite"></p>
          <ol class="documents" aria-labelledby="te-docs-h">
            <xsl:for-each select="$docs">
              <li data-doc="{@n}">
                <article>
                  <h3><a href="{@href}"><xsl:value-of select="title"/></a></h3>
                  <p class="doc-meta">
                    <xsl:if test="date[normalize-space()]">
                      <time>
                        <xsl:if test="@when"><xsl:attribute name="datetime" select="@when"/></xsl:if>
                        <xsl:value-of select="date"/>
                      </time>
                    </xsl:if>
                    <xsl:if test="@type">
                      <xsl:if test="date[normalize-space()]"> · </xsl:if>
                      <xsl:value-of select="te:type-label(@type)"/>
                    </xsl:if>
                    <xsl:if test="sender or recipient">
                      <xsl:text> · </xsl:text>
                      <xsl:value-of select="string-join(sender, ', ')"/>
                      <xsl:if test="recipient"> to <xsl:value-of select="string-join(recipient, ', ')"/></xsl:if>
                    </xsl:if>
                    <xsl:if test="archive"> · <xsl:value-of select="archive"/></xsl:if>
                  </p>
                  <xsl:if test="summary[normalize-space()]">
                    <p class="doc-summary"><xsl:value-of select="summary"/></p>
                  </xsl:if>
                </article>
              </li>
            </xsl:for-each>
          </ol>
        </main>
        <xsl:call-template name="te:site-footer">
          <xsl:with-param name="root" select="''"/>
        </xsl:call-template>
      </body>
    </html>
  </xsl:template>

  <!-- A filter: a select of the distinct values, each with the number of its documents. -->
  <xsl:template name="te:filter">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="values" as="xs:string*"/>
    <xsl:param name="labels" as="xs:boolean" select="false()"/>
    <div>
      <label for="te-filter-{$name}"><xsl:value-of select="$label"/></label>
      <select id="te-filter-{$name}" data-filter="{$name}">
        <option value="">All</option>
        <xsl:for-each select="distinct-values($values[normalize-space()])">
          <xsl:sort select="lower-case(.)"/>
          <xsl:variable name="v" select="."/>
          <option value="{$v}"><xsl:value-of select="(if ($labels) then te:type-label($v) else $v)
              || ' (' || count($values[. = $v]) || ')'"/></option>
        </xsl:for-each>
      </select>
    </div>
  </xsl:template>

</xsl:stylesheet>

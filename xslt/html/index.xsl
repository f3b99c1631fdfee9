<?xml version="1.0" encoding="UTF-8"?>
<!--
  The index pages of the HTML edition, all in one run, from the catalogue the site builder
  writes (tei_edition/site_index.py): index.html (the search, the filters, the years and the
  first page) and index/YEAR-N.html (page N of a year's documents, at most a page's worth).
  The result is <pages><page path="...">the page, serialised</page>...</pages>, which the
  builder cuts into files. The search (assets/index.js) loads its data from
  assets/search/ as plain scripts, since browsers refuse fetch() on file://. Without
  scripts the pages are simply the documents, year by year.

  <catalogue docs="N" first-year="1958" last-year="1960">
    <year name="1958" docs="120" pages="2"/>*
    <facet name="type"><value v="cable" n="3"/>*</facet>*
    <register-facet name="person" label="Person named"/>*
    <page path="index/1958-1.html" year="1958" n="1" of="2">
      <doc n="0" id="x" href="documents/x.html" when="1958-03-03" type="cable">
        <title/> <date/> <summary/>? <sender/>* <recipient/>* <archive/>?
      </doc>*
    </page>*
  </catalogue>
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:te="urn:tei-edition:html"
  exclude-result-prefixes="#all">

  <xsl:include href="html_params.xsl"/>
  <xsl:include href="html_chrome.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="te:html" select="map{'method': 'html', 'html-version': 5.0,
      'include-content-type': false(), 'escape-uri-attributes': false(), 'indent': false()}"/>

  <xsl:template match="/catalogue">
    <pages>
      <xsl:for-each select="page">
        <page path="{@path}">
          <xsl:variable name="page" as="element()">
            <xsl:apply-templates select="." mode="te:page"/>
          </xsl:variable>
          <xsl:value-of select="serialize($page, $te:html)"/>
        </page>
      </xsl:for-each>
    </pages>
  </xsl:template>

  <xsl:template match="page" mode="te:page">
    <xsl:variable name="home" select="@path = 'index.html'"/>
    <xsl:variable name="root" select="if ($home) then '' else '../'"/>
    <xsl:variable name="cat" select=".."/>
    <xsl:variable name="year-label" select="if (@year = 'undated') then 'Undated' else if (@year = 'all') then 'All documents' else string(@year)"/>
    <html lang="en">
      <xsl:call-template name="te:head">
        <xsl:with-param name="title" select="if ($home) then $edition-title
            else $edition-title || ': ' || $year-label || (if (@of != '1') then ', page ' || @n else '')"/>
        <xsl:with-param name="root" select="$root"/>
        <xsl:with-param name="extra" as="node()*">
          <xsl:if test="$home">
            <script src="assets/index.js" defer=""/>
          </xsl:if>
        </xsl:with-param>
      </xsl:call-template>
      <body class="page-index">
        <xsl:call-template name="te:site-header">
          <xsl:with-param name="root" select="$root"/>
        </xsl:call-template>
        <main id="te-main">
          <h1>
            <xsl:value-of select="if ($home) then $edition-title else $year-label"/>
          </h1>
          <p class="intro">
            <xsl:value-of select="$cat/@docs"/> document<xsl:value-of select="if ($cat/@docs = '1') then '' else 's'"/>
            <xsl:if test="$cat/@first-year">
              <xsl:text>, </xsl:text>
              <xsl:value-of select="$cat/@first-year"/>
              <xsl:if test="$cat/@first-year ne $cat/@last-year">–<xsl:value-of select="$cat/@last-year"/></xsl:if>
            </xsl:if>
            <xsl:text>.</xsl:text>
            <xsl:if test="not($home)">
              <xsl:text> </xsl:text>
              <a href="../index.html">Search and filter them</a>.
            </xsl:if>
          </p>
          <xsl:if test="$home">
            <xsl:call-template name="te:search-form">
              <xsl:with-param name="cat" select="$cat"/>
            </xsl:call-template>
          </xsl:if>
          <xsl:call-template name="te:years">
            <xsl:with-param name="cat" select="$cat"/>
            <xsl:with-param name="root" select="$root"/>
            <xsl:with-param name="current" select="@year"/>
          </xsl:call-template>
          <div class="browse">
            <h2 id="te-docs-h">
              <xsl:value-of select="$year-label"/>
              <xsl:if test="@of != '1'">, page <xsl:value-of select="@n"/> of <xsl:value-of select="@of"/></xsl:if>
            </h2>
            <xsl:call-template name="te:pager">
              <xsl:with-param name="page" select="."/>
              <xsl:with-param name="root" select="$root"/>
            </xsl:call-template>
            <ol class="documents" aria-labelledby="te-docs-h">
              <xsl:for-each select="doc">
                <li data-doc="{@n}">
                  <xsl:apply-templates select="." mode="te:entry">
                    <xsl:with-param name="root" select="$root"/>
                  </xsl:apply-templates>
                </li>
              </xsl:for-each>
            </ol>
            <xsl:call-template name="te:pager">
              <xsl:with-param name="page" select="."/>
              <xsl:with-param name="root" select="$root"/>
            </xsl:call-template>
          </div>
        </main>
        <xsl:call-template name="te:site-footer">
          <xsl:with-param name="root" select="$root"/>
        </xsl:call-template>
      </body>
    </html>
  </xsl:template>

  <!-- A document in a list: the same markup as index.js gives a search result. -->
  <xsl:template match="doc" mode="te:entry">
    <xsl:param name="root" as="xs:string"/>
    <article>
      <h3><a href="{$root}{@href}"><xsl:value-of select="title"/></a></h3>
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
  </xsl:template>

  <!-- The years, each a link to its first page. -->
  <xsl:template name="te:years">
    <xsl:param name="cat" as="element()"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:param name="current" as="xs:string"/>
    <xsl:if test="$cat/year">
      <nav class="years" aria-label="Browse by date">
        <ul>
          <xsl:for-each select="$cat/year">
            <li>
              <a href="{$root}index/{@name}-1.html">
                <xsl:if test="@name = $current"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
                <xsl:value-of select="if (@name = 'undated') then 'Undated' else @name"/>
              </a>
              <xsl:text> </xsl:text>
              <span class="count">(<xsl:value-of select="@docs"/>)</span>
            </li>
          </xsl:for-each>
        </ul>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- The pages of a year: previous, each page, next. -->
  <xsl:template name="te:pager">
    <xsl:param name="page" as="element()"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:variable name="n" select="xs:integer($page/@n)"/>
    <xsl:variable name="of" select="xs:integer($page/@of)"/>
    <xsl:if test="$of gt 1">
      <nav class="pager" aria-label="Pages of {if ($page/@year = 'undated') then 'the undated documents' else $page/@year}">
        <xsl:if test="$n gt 1">
          <a rel="prev" href="{$root}index/{$page/@year}-{$n - 1}.html">Previous</a>
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:for-each select="1 to $of">
          <xsl:choose>
            <xsl:when test=". = $n"><span aria-current="page"><xsl:value-of select="."/></span></xsl:when>
            <xsl:otherwise><a href="{$root}index/{$page/@year}-{.}.html"><xsl:value-of select="."/></a></xsl:otherwise>
          </xsl:choose>
          <xsl:text> </xsl:text>
        </xsl:for-each>
        <xsl:if test="$n lt $of">
          <a rel="next" href="{$root}index/{$page/@year}-{$n + 1}.html">Next</a>
        </xsl:if>
      </nav>
    </xsl:if>
  </xsl:template>

  <xsl:template name="te:search-form">
    <xsl:param name="cat" as="element()"/>
    <form class="search" role="search" hidden="" action="#">
      <label for="te-search">Search the documents</label>
      <input type="search" id="te-search" name="q" autocomplete="off"
             aria-describedby="te-search-help"/>
      <p id="te-search-help" class="doc-meta">Words match their beginnings (“negot” finds
        “negotiations”); a document must have every word you type.</p>
    </form>

    <fieldset class="filters" hidden="">
      <legend>Filter and sort</legend>
      <div>
        <label for="te-filter-year">Year</label>
        <select id="te-filter-year" data-filter="year">
          <option value="">All</option>
          <xsl:for-each select="$cat/year">
            <option value="{@name}"><xsl:value-of select="(if (@name = 'undated') then 'Undated' else @name) || ' (' || @docs || ')'"/></option>
          </xsl:for-each>
        </select>
      </div>
      <!-- the register filters (persons, places, organisations named) where the edition
           has registers: their values are loaded when used, as the senders' are -->
      <xsl:for-each select="('type', 'sender', 'recipient', $cat/register-facet/@name/string(),
          'archive', 'language')">
        <xsl:variable name="name" select="."/>
        <div>
          <label for="te-filter-{$name}">
            <xsl:value-of select="(map{'type': 'Document type', 'sender': 'Sender',
                'recipient': 'Recipient', 'archive': 'Archive', 'language': 'Original language'}($name),
                $cat/register-facet[@name = $name]/@label)[1]"/>
          </label>
          <select id="te-filter-{$name}" data-filter="{$name}">
            <xsl:if test="not($cat/facet[@name = $name])">
              <xsl:attribute name="data-load" select="'f-' || $name"/>
            </xsl:if>
            <option value="">All</option>
            <xsl:for-each select="$cat/facet[@name = $name]/value">
              <option value="{@v}"><xsl:value-of select="(if ($name = 'type') then te:type-label(@v) else @v)
                  || ' (' || @n || ')'"/></option>
            </xsl:for-each>
          </select>
        </div>
      </xsl:for-each>
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

    <div class="results" hidden="">
      <h2 id="te-results-h">Results</h2>
      <p class="result-count" role="status" aria-live="polite"></p>
      <ol class="documents results-list" aria-labelledby="te-results-h"></ol>
      <nav class="pager results-pager" aria-label="Pages of the results">
        <button type="button" class="te-prev">Previous</button>
        <xsl:text> </xsl:text>
        <button type="button" class="te-next">Next</button>
      </nav>
    </div>
  </xsl:template>

</xsl:stylesheet>

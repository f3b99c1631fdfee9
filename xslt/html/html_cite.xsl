<?xml version="1.0" encoding="UTF-8"?>
<!--
  "Cite this document": a Chicago-style bibliography entry, BibTeX and CSL-JSON, each with a
  copy button (assets/edition.js), built from the header and the edition's settings.
  Example (Chicago): Ministry of Foreign Affairs. "Cable from ..." March 3, 1958.
  Translated by Mara Lindqvist. Ruritanian Foreign Ministry Archive, RFA 102-00417-03.
  In Sample Edition, edited by A. Editor. Example Library. https://example.org/....
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:te="urn:tei-edition:html"
  exclude-result-prefixes="#all">

  <!-- The title without the quotes the archive puts around it: 'Cable ...' -> Cable ... -->
  <xsl:variable name="te:plain-title" as="xs:string"
      select="replace($te:title, '^[''&quot;‘“](.*)[''&quot;’”]$', '$1')"/>
  <xsl:variable name="te:page-url" as="xs:string?"
      select="te:safe-url(if ($edition-base-url and $page-path)
                then (if (ends-with($edition-base-url, '/')) then $edition-base-url else $edition-base-url || '/') || $page-path else ())"/>
  <xsl:variable name="te:date-text" as="xs:string?" select="
      if ($te:when castable as xs:date) then format-date(xs:date($te:when), '[MNn] [D], [Y]')
      else if ($te:date) then normalize-space($te:date) else ()"/>
  <xsl:variable name="te:archive" as="xs:string?"
      select="string-join(($te:repository, $te:idno), ', ')[.]"/>
  <xsl:variable name="te:cite-key" as="xs:string"
      select="(replace(string(/tei:TEI/@xml:id), '[^A-Za-z0-9_:\-]', '')[.], 'document')[1]"/>

  <xsl:template name="te:cite">
    <section class="cite" id="te-cite" aria-labelledby="te-cite-h">
      <h2 id="te-cite-h">Cite this document</h2>
      <div class="cite-format">
        <h3 id="te-cite-chicago-h">Chicago</h3>
        <p class="citation" id="te-cite-chicago"><xsl:call-template name="te:chicago"/></p>
        <xsl:call-template name="te:copy-button">
          <xsl:with-param name="target" select="'te-cite-chicago'"/>
          <xsl:with-param name="what" select="'Chicago'"/>
        </xsl:call-template>
      </div>
      <div class="cite-format">
        <h3 id="te-cite-bibtex-h">BibTeX</h3>
        <pre tabindex="0" aria-labelledby="te-cite-bibtex-h"><code id="te-cite-bibtex"><xsl:call-template name="te:bibtex"/></code></pre>
        <xsl:call-template name="te:copy-button">
          <xsl:with-param name="target" select="'te-cite-bibtex'"/>
          <xsl:with-param name="what" select="'BibTeX'"/>
        </xsl:call-template>
      </div>
      <div class="cite-format">
        <h3 id="te-cite-csl-h">CSL-JSON</h3>
        <pre tabindex="0" aria-labelledby="te-cite-csl-h"><code id="te-cite-csl"><xsl:value-of
            select="replace(serialize(array { te:csl() }, map { 'method': 'json', 'indent': true() }),
                            '\\/', '/')"/></code></pre>
        <xsl:call-template name="te:copy-button">
          <xsl:with-param name="target" select="'te-cite-csl'"/>
          <xsl:with-param name="what" select="'CSL-JSON'"/>
        </xsl:call-template>
      </div>
      <p class="copy-status" role="status" aria-live="polite"></p>
    </section>
  </xsl:template>

  <xsl:template name="te:copy-button">
    <xsl:param name="target" as="xs:string"/>
    <xsl:param name="what" as="xs:string"/>
    <button type="button" class="copy" data-copy="{$target}" hidden="">Copy <xsl:value-of select="$what"/></button>
  </xsl:template>

  <xsl:template name="te:chicago">
    <xsl:if test="$te:senders">
      <xsl:value-of select="te:sentence(te:and-list($te:senders ! normalize-space(.)))"/>
      <xsl:text> </xsl:text>
    </xsl:if>
    <xsl:text>“</xsl:text>
    <xsl:value-of select="te:sentence($te:plain-title)"/>
    <xsl:text>”</xsl:text>
    <xsl:if test="$te:date-text"><xsl:text> </xsl:text><xsl:value-of select="te:sentence($te:date-text)"/></xsl:if>
    <xsl:if test="$te:translators">
      <xsl:text> Translated by </xsl:text>
      <xsl:value-of select="te:sentence(te:and-list($te:translators ! normalize-space(.)))"/>
    </xsl:if>
    <xsl:if test="$te:archive"><xsl:text> </xsl:text><xsl:value-of select="te:sentence($te:archive)"/></xsl:if>
    <xsl:text> In </xsl:text>
    <cite><xsl:value-of select="$edition-title"/></cite>
    <xsl:if test="exists($te:editors)">, edited by <xsl:value-of select="te:and-list($te:editors)"/></xsl:if>
    <xsl:text>.</xsl:text>
    <xsl:if test="$edition-publisher"><xsl:text> </xsl:text><xsl:value-of select="te:sentence($edition-publisher)"/></xsl:if>
    <xsl:if test="$te:page-url"><xsl:text> </xsl:text><xsl:value-of select="$te:page-url"/>.</xsl:if>
  </xsl:template>

  <!-- End a phrase with one full stop: "A." stays "A.", "A?" stays "A?" -->
  <xsl:function name="te:sentence" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="if (matches($s, '[.?!]$')) then $s else $s || '.'"/>
  </xsl:function>

  <xsl:template name="te:bibtex">
    <xsl:variable name="fields" as="xs:string*">
      <xsl:sequence select="te:bib('title', '{' || te:bibtex-escape($te:plain-title) || '}')"/>
      <xsl:if test="$te:senders">
        <xsl:sequence select="te:bib('author', string-join($te:senders ! ('{' || te:bibtex-escape(normalize-space(.)) || '}'), ' and '))"/>
      </xsl:if>
      <xsl:if test="$te:recipients">
        <xsl:sequence select="te:bib('recipient', string-join($te:recipients ! ('{' || te:bibtex-escape(normalize-space(.)) || '}'), ' and '))"/>
      </xsl:if>
      <xsl:if test="$te:when castable as xs:date or $te:when castable as xs:gYear or $te:when castable as xs:gYearMonth">
        <xsl:sequence select="te:bib('date', $te:when), te:bib('year', substring($te:when, 1, 4))"/>
      </xsl:if>
      <xsl:if test="$te:translators">
        <xsl:sequence select="te:bib('translator', string-join($te:translators ! te:bibtex-escape(normalize-space(.)), ' and '))"/>
      </xsl:if>
      <xsl:if test="exists($te:editors)">
        <xsl:sequence select="te:bib('editor', string-join($te:editors ! te:bibtex-escape(.), ' and '))"/>
      </xsl:if>
      <xsl:sequence select="te:bib('howpublished', '{' || te:bibtex-escape($edition-title) || '}')"/>
      <xsl:if test="$edition-publisher">
        <xsl:sequence select="te:bib('publisher', te:bibtex-escape($edition-publisher))"/>
      </xsl:if>
      <xsl:if test="$te:archive">
        <xsl:sequence select="te:bib('note', te:bibtex-escape($te:archive))"/>
      </xsl:if>
      <xsl:if test="$te:page-url">
        <xsl:sequence select="te:bib('url', te:bibtex-escape($te:page-url))"/>
      </xsl:if>
    </xsl:variable>
    <xsl:value-of select="'@misc{' || $te:cite-key || ',&#10;' || string-join($fields, ',&#10;') || '&#10;}'"/>
  </xsl:template>

  <xsl:function name="te:bib" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="'  ' || $name || ' = {' || $value || '}'"/>
  </xsl:function>

  <!-- BibTeX's special characters, each in one pass so that no escape is escaped again. -->
  <xsl:function name="te:bibtex-escape" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="if (not(matches($s, '[\\{}%&amp;$#_~\^]'))) then $s else string-join(
        for $c in string-to-codepoints($s) ! codepoints-to-string(.) return
          if ($c = '\') then '\textbackslash{}'
          else if ($c = ('{', '}', '%', '&amp;', '$', '#', '_')) then '\' || $c
          else if ($c = '~') then '\textasciitilde{}'
          else if ($c = '^') then '\textasciicircum{}'
          else $c, '')"/>
  </xsl:function>

  <xsl:function name="te:csl" as="map(*)">
    <xsl:variable name="date-parts" as="xs:integer*"
        select="if (matches(string($te:when), '^\d{4}(-\d{2}(-\d{2})?)?'))
                then tokenize(substring(string($te:when), 1, 10), '-') ! xs:integer(.) else ()"/>
    <xsl:variable name="names" as="function(*)"
        select="function($es) { array { $es ! map { 'literal': normalize-space(.) } } }"/>
    <xsl:sequence select="map:merge((
        map { 'id': $te:cite-key, 'type': 'manuscript', 'title': $te:plain-title,
              'container-title': $edition-title, 'language': $te:text-lang },
        if ($te:senders) then map { 'author': $names($te:senders) } else (),
        if ($te:recipients) then map { 'recipient': $names($te:recipients) } else (),
        if ($te:translators) then map { 'translator': $names($te:translators) } else (),
        if (exists($te:editors)) then map { 'editor': array { $te:editors ! map { 'literal': . } } } else (),
        if (exists($date-parts)) then map { 'issued': map { 'date-parts': array { array { $date-parts } } } } else (),
        if ($te:repository) then map { 'archive': $te:repository } else (),
        if ($te:idno) then map { 'archive_location': $te:idno } else (),
        if ($edition-publisher) then map { 'publisher': $edition-publisher } else (),
        if ($te:page-url) then map { 'URL': $te:page-url } else (),
        if ($te:header/tei:profileDesc/tei:abstract)
          then map { 'abstract': normalize-space($te:header/tei:profileDesc/tei:abstract) } else ()
      ))"/>
  </xsl:function>

</xsl:stylesheet>

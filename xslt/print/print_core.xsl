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
  xmlns:teix="http://www.tei-c.org/ns/Examples"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- What the core and transcription elements of other TEI mean (choice, gap, add, notes
       in place, safe CSS): decided once for both media. -->
  <xsl:include href="../common/general.xsl"/>

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

  <!-- Lists: a numbered list (@type ordered) is an ol, a gloss list (label, item pairs) a
       dl, any other a ul with the source's markers (item/@n) or a dash. -->
  <xsl:template match="tei:list">
    <xsl:variable name="shape" select="ed:list-shape(.)"/>
    <xsl:choose>
      <xsl:when test="ancestor::tei:note[not(ed:block-note(.))][not(ed:in-place-note(.))]">
        <span class="list-inline"><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:when test="$shape = 'terms'">
        <xsl:apply-templates select="tei:head"/>
        <dl class="list list-gloss">
          <!-- a label is the term, an item its gloss; anything between (a pb) stays -->
          <xsl:for-each select="* except tei:head">
            <xsl:choose>
              <xsl:when test="self::tei:label"><dt><xsl:apply-templates/></dt></xsl:when>
              <xsl:when test="self::tei:item"><dd><xsl:apply-templates/></dd></xsl:when>
              <xsl:otherwise><xsl:apply-templates select="."/></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </dl>
      </xsl:when>
      <xsl:when test="$shape = 'numbered'">
        <xsl:apply-templates select="tei:head"/>
        <ol class="list-ordered"><xsl:apply-templates select="node() except tei:head"/></ol>
      </xsl:when>
      <xsl:otherwise>
        <ul class="list{if (tei:item/@n) then ' marked' else ''}"><xsl:apply-templates/></ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:list/text()[not(normalize-space())]"/>

  <xsl:template match="tei:item">
    <xsl:choose>
      <xsl:when test="ancestor::tei:note[not(ed:block-note(.))][not(ed:in-place-note(.))]">
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

  <!-- A table: a real table, its head the caption, label cells and rows as th. -->
  <xsl:template match="tei:table">
    <table class="table">
      <xsl:for-each select="tei:head[1]"><caption><xsl:apply-templates/></caption></xsl:for-each>
      <tbody><xsl:apply-templates select="tei:row"/></tbody>
    </table>
  </xsl:template>
  <xsl:template match="tei:row"><tr><xsl:apply-templates select="tei:cell"/></tr></xsl:template>
  <xsl:template match="tei:cell">
    <xsl:element name="{if (@role = 'label' or parent::tei:row/@role = 'label') then 'th' else 'td'}">
      <xsl:if test="@cols castable as xs:positiveInteger"><xsl:attribute name="colspan" select="@cols"/></xsl:if>
      <xsl:if test="@rows castable as xs:positiveInteger"><xsl:attribute name="rowspan" select="@rows"/></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A page break of the source: its number in the text, "[12]" (FRUS writes its
       brackets into @n: "[12]" stays "[12]"). -->
  <xsl:template match="tei:pb[@n]">
    <xsl:param name="apparatus" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:if test="not($apparatus)">
      <span class="pb"><xsl:value-of select="if (matches(@n, '^\[.*\]$')) then string(@n) else '[' || @n || ']'"/></span>
    </xsl:if>
  </xsl:template>

  <!-- Figures: the picture where the parameter images holds it (a data: URI that
       WeasyPrint reads without fetching), else a visible placeholder naming its file; head
       and description below it. -->
  <xsl:template match="tei:figure">
    <div class="figure">
      <xsl:apply-templates select="tei:graphic | tei:figDesc | tei:p"/>
      <xsl:for-each select="tei:head"><p class="figure-head"><xsl:apply-templates/></p></xsl:for-each>
    </div>
  </xsl:template>
  <xsl:template match="tei:figDesc"><p class="figDesc"><xsl:apply-templates/></p></xsl:template>
  <xsl:template match="tei:graphic[exists(ed:image-href(.))]">
    <img class="graphic" src="{ed:image-href(.)}" alt="{ed:file-name(.)}"/>
  </xsl:template>
  <xsl:template match="tei:graphic">
    <span class="graphic-missing"><xsl:value-of select="'[image: ' || ed:file-name(.) || ']'"/></span>
  </xsl:template>

  <!-- A TEI example (egXML, in the namespace http://www.tei-c.org/ns/Examples) prints its
       text as the HTML's fallback shows it: an element that is a block by its name, or holds
       one, is a line of its own (the example's <head> and <p> are two lines, not "Choice,
       sic, corr, reg, origvoro"), any other runs on. Its attributes are not printed. -->
  <xsl:variable name="pr:example-blocks" as="xs:string*" select="('p', 'div', 'ab', 'list',
      'item', 'table', 'row', 'lg', 'l', 'head', 'quote', 'floatingText', 'opener', 'closer',
      'sp', 'figure', 'listBibl', 'bibl', 'castList', 'entry', 'u')"/>
  <xsl:template match="teix:*">
    <xsl:element name="{if ((., *)[local-name() = $pr:example-blocks]) then 'div' else 'span'}">
      <xsl:attribute name="class" select="'eg-' || local-name()"/>
      <xsl:apply-templates/>
    </xsl:element>
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

  <xsl:template match="tei:quote[tei:p | tei:floatingText | tei:list | tei:lg]
                       | tei:quote[tokenize(@rend) = ('blockquote', 'block', 'display')]">
    <xsl:choose>
      <xsl:when test="ancestor::tei:note"><span class="quote"><xsl:apply-templates/></span></xsl:when>
      <xsl:otherwise><blockquote class="quote"><xsl:apply-templates/></blockquote></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An inline quotation, in quotation marks: “…”, and ‘…’ inside another. -->
  <xsl:template match="tei:quote | tei:q | tei:said">
    <xsl:variable name="inner" select="count(ancestor::*[self::tei:q or self::tei:said
        or self::tei:quote[not(tei:p | tei:floatingText | tei:list | tei:lg)]]) mod 2 = 1"/>
    <span class="quote">
      <xsl:value-of select="if ($inner) then '‘' else '“'"/>
      <xsl:apply-templates/>
      <xsl:value-of select="if ($inner) then '’' else '”'"/>
    </span>
  </xsl:template>

  <!-- Highlighting: @rend by its meaning (common's ed:rend), @style and @rendition only
       through common's safe list of CSS (ed:safe-css). -->
  <xsl:template match="tei:hi">
    <xsl:variable name="rend" select="ed:rend(.)"/>
    <xsl:element name="{if ($rend = 'bold') then 'strong' else if ($rend = 'underline') then 'u'
                        else if ($rend = 'sup') then 'sup' else if ($rend = 'sub') then 'sub'
                        else if ($rend = 'strike') then 's' else if ($rend = 'smallcaps') then 'span'
                        else if ($rend = 'italic' or empty($rend)) then 'em' else 'span'}">
      <xsl:variable name="classes" select="($rend[. = ('smallcaps', 'mono')] ! ('rend-' || .), ed:safe-css(.))"/>
      <xsl:if test="exists($classes)">
        <xsl:attribute name="class" select="string-join($classes, ' ')"/>
      </xsl:if>
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

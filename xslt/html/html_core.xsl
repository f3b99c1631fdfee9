<?xml version="1.0" encoding="UTF-8"?>
<!--
  The TEI core elements of running text: line breaks, labelled lines (seg), lists, names and
  dates, highlighting, quotations, titles, links (ref, ptr: only http, https and mailto
  targets, or a paragraph of this document, ever become links), tables and verse.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:tei-edition:editorial"
  xmlns:te="urn:tei-edition:html"
  exclude-result-prefixes="#all">

  <!-- What the core and transcription elements of other TEI mean (choice, gap, add, notes
       in place, safe CSS): decided once for both media. -->
  <xsl:include href="../common/general.xsl"/>

  <xsl:template match="tei:lb"><br/></xsl:template>
  <xsl:template match="tei:cb | tei:milestone | tei:anchor"/>

  <!-- A page break of the source: its number in the margin (edition.css, .tei-pb), an anchor
       for a citation by page (#pg_12, FRUS's pb/@xml:id). -->
  <xsl:template match="tei:pb">
    <span class="tei-pb" role="note">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:if test="@n"><xsl:attribute name="aria-label" select="'Page ' || @n"/></xsl:if>
      <!-- "p. 12"; a number the source bracketed ("[4]", FRUS) as it is -->
      <xsl:value-of select="if (matches(@n, '^[0-9]+$')) then 'p. ' || @n else (@n, '·')[1]"/>
    </span>
  </xsl:template>

  <!-- A labelled header line of a cable (To:, Level:, No., Contents:). -->
  <xsl:template match="tei:seg">
    <span class="{string-join(('seg', @type ! ('seg-' || te:token(.))), ' ')}">
      <xsl:apply-templates select="@xml:lang" mode="te:lang"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="tei:label">
    <span class="tei-label"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- Lists keep the source's own markers (item/@n: "1)", "(a)", "-"). A list of numbered
       type is an ol, a gloss list (label, item pairs) a dl; every other list a ul. -->
  <xsl:template match="tei:list">
    <xsl:variable name="shape" select="ed:list-shape(.)"/>
    <xsl:apply-templates select="tei:head"/>
    <xsl:choose>
      <xsl:when test="$shape = 'terms'">
        <dl class="{string-join(('tei-list', @type ! ('list-' || te:token(.))), ' ')}">
          <xsl:apply-templates select="@xml:lang" mode="te:lang"/>
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
      <xsl:otherwise>
        <xsl:element name="{if ($shape = 'numbered') then 'ol' else 'ul'}">
          <xsl:attribute name="class" select="string-join(('tei-list', @type ! ('list-' || te:token(.)), if (tei:item/@n) then 'list-marked' else ()), ' ')"/>
          <xsl:apply-templates select="@xml:lang" mode="te:lang"/>
          <xsl:apply-templates select="node() except tei:head"/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:item">
    <li>
      <xsl:apply-templates select="@xml:lang" mode="te:lang"/>
      <xsl:if test="@n"><span class="item-n"><xsl:value-of select="@n"/></span><xsl:text> </xsl:text></xsl:if>
      <xsl:apply-templates/>
    </li>
  </xsl:template>

  <!-- Text between items (white space) is not a list item. -->
  <xsl:template match="tei:list/text()[not(normalize-space())]"/>

  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:name | tei:rs
                       | tei:geogName | tei:roleName | tei:num | tei:measure | tei:term">
    <span class="tei-{local-name()}"><xsl:apply-templates select="@xml:lang" mode="te:lang"/><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:date | tei:time">
    <xsl:variable name="when" select="(@when, @from)[1]"/>
    <xsl:choose>
      <xsl:when test="$when castable as xs:date or $when castable as xs:dateTime
                      or $when castable as xs:gYearMonth or $when castable as xs:gYear">
        <time class="tei-{local-name()}" datetime="{$when}"><xsl:apply-templates/></time>
      </xsl:when>
      <xsl:otherwise>
        <span class="tei-{local-name()}"><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Highlighting: @rend by its meaning (ed:rend: bold, italic, smallcaps, underline, sup,
       sub, strike, mono: each a class of edition.css, the first four an element of its own),
       @style and @rendition only through common's safe list of CSS (ed:safe-css). -->
  <xsl:template match="tei:hi">
    <xsl:variable name="rend" select="ed:rend(.)"/>
    <xsl:variable name="written" select="tokenize(lower-case(@rend))"/>
    <xsl:element name="{if ($rend = 'bold') then 'strong' else if ($rend = 'italic') then 'em'
                        else if ($rend = 'sup') then 'sup' else if ($rend = 'sub') then 'sub'
                        else if ($rend = 'strike') then 's' else 'span'}">
      <xsl:attribute name="class" select="string-join(('tei-hi', tokenize(string(@rend)) ! ('rend-' || te:token(.)),
          $rend[. = ('smallcaps', 'underline', 'mono', 'strike')][not(. = $written)] ! ('rend-' || .),
          ed:safe-css(.)), ' ')"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:emph"><em class="tei-emph"><xsl:apply-templates/></em></xsl:template>
  <xsl:template match="tei:foreign | tei:distinct | tei:mentioned | tei:soCalled | tei:gloss">
    <span class="tei-{local-name()}"><xsl:apply-templates select="@xml:lang" mode="te:lang"/><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="tei:title">
    <cite class="tei-title"><xsl:apply-templates select="@xml:lang" mode="te:lang"/><xsl:apply-templates/></cite>
  </xsl:template>
  <!-- Quotations: the browser sets the marks of a q (“…”, or the marks of its language). -->
  <xsl:template match="tei:q | tei:said">
    <q class="tei-{local-name()}"><xsl:apply-templates select="@xml:lang" mode="te:lang"/><xsl:apply-templates/></q>
  </xsl:template>
  <xsl:template match="tei:abbr[not(parent::tei:choice)]">
    <abbr class="tei-abbr"><xsl:apply-templates/></abbr>
  </xsl:template>

  <!-- Links: a web or mail address, or a paragraph of this document; anything else
       (javascript:, data:, a file) stays plain text. -->
  <xsl:template match="tei:ref | tei:ptr">
    <xsl:variable name="target" select="tokenize(@target)[1]"/>
    <xsl:variable name="url" select="(te:local-href($target, .), te:safe-url($target))[1]"/>
    <xsl:variable name="content" as="node()*">
      <xsl:choose>
        <xsl:when test="self::tei:ptr"><xsl:value-of select="($url, $target)[1]"/></xsl:when>
        <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$url"><a class="tei-{local-name()}" href="{$url}"><xsl:sequence select="$content"/></a></xsl:when>
      <xsl:otherwise><span class="tei-{local-name()}"><xsl:sequence select="$content"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Tables, for TEI beyond the cables (verse: html_verse.xsl). -->
  <xsl:template match="tei:table">
    <table class="tei-table">
      <xsl:apply-templates select="tei:head"/>
      <tbody><xsl:apply-templates select="tei:row"/></tbody>
    </table>
  </xsl:template>
  <xsl:template match="tei:table/tei:head">
    <caption><xsl:apply-templates/></caption>
  </xsl:template>
  <xsl:template match="tei:row"><tr><xsl:apply-templates select="tei:cell"/></tr></xsl:template>
  <xsl:template match="tei:cell">
    <xsl:element name="{if (@role = 'label' or parent::tei:row/@role = 'label') then 'th' else 'td'}">
      <xsl:if test="@cols castable as xs:positiveInteger"><xsl:attribute name="colspan" select="@cols"/></xsl:if>
      <xsl:if test="@rows castable as xs:positiveInteger"><xsl:attribute name="rowspan" select="@rows"/></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Figures: the picture, its head and description. An image is never fetched nor linked
       from the TEI: a graphic is shown only when the site holds it (the parameter images,
       from tei_edition/images.py), else as a visible placeholder naming its file
       ("[image: drawing.svg]"), so that the reader knows a picture is there. -->
  <xsl:template match="tei:figure">
    <figure class="tei-figure">
      <xsl:apply-templates select="tei:graphic | tei:figDesc | tei:p"/>
      <xsl:if test="tei:head"><figcaption><xsl:apply-templates select="tei:head/node()"/></figcaption></xsl:if>
    </figure>
  </xsl:template>
  <xsl:template match="tei:figDesc"><p class="tei-figDesc"><xsl:apply-templates/></p></xsl:template>
  <xsl:template match="tei:graphic[exists(ed:image-href(.))]">
    <img class="tei-graphic" src="{ed:image-href(.)}"
         alt="{normalize-space((../tei:figDesc, ../tei:head, ed:file-name(.))[1])}"/>
  </xsl:template>
  <xsl:template match="tei:graphic">
    <span class="graphic-missing" role="img" aria-label="{'Image: ' || ed:file-name(.)}"><xsl:value-of select="'[image: ' || ed:file-name(.) || ']'"/></span>
  </xsl:template>
  <xsl:template match="tei:media | tei:binaryObject"/>

</xsl:stylesheet>

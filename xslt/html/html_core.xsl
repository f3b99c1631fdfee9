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
  xmlns:te="urn:tei-edition:html"
  exclude-result-prefixes="#all">

  <xsl:template match="tei:lb"><br/></xsl:template>
  <xsl:template match="tei:pb | tei:cb | tei:milestone | tei:anchor"/>

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

  <!-- Lists keep the source's own markers (item/@n: "1)", "(a)", "-"). -->
  <xsl:template match="tei:list">
    <xsl:apply-templates select="tei:head"/>
    <ul class="{string-join(('tei-list', @type ! ('list-' || te:token(.)), if (tei:item/@n) then 'list-marked' else ()), ' ')}">
      <xsl:apply-templates select="@xml:lang" mode="te:lang"/>
      <xsl:apply-templates select="node() except tei:head"/>
    </ul>
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

  <xsl:template match="tei:hi">
    <xsl:variable name="rend" select="string(@rend)"/>
    <xsl:element name="{if (contains($rend, 'bold')) then 'strong'
                        else if (contains($rend, 'italic')) then 'em' else 'span'}">
      <xsl:attribute name="class" select="string-join(('tei-hi', tokenize($rend) ! ('rend-' || te:token(.))), ' ')"/>
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

  <!-- Verse and tables, for TEI beyond the cables. -->
  <xsl:template match="tei:lg"><div class="tei-lg"><xsl:apply-templates/></div></xsl:template>
  <xsl:template match="tei:l"><span class="tei-l"><xsl:apply-templates/></span><br/></xsl:template>
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

  <!-- Figures: the description of the picture (graphic URLs are not fetched). -->
  <xsl:template match="tei:figure">
    <figure class="tei-figure">
      <xsl:apply-templates select="tei:figDesc | tei:p"/>
      <xsl:if test="tei:head"><figcaption><xsl:apply-templates select="tei:head/node()"/></figcaption></xsl:if>
    </figure>
  </xsl:template>
  <xsl:template match="tei:figDesc"><p class="tei-figDesc"><xsl:apply-templates/></p></xsl:template>
  <xsl:template match="tei:graphic | tei:media | tei:binaryObject"/>

</xsl:stylesheet>

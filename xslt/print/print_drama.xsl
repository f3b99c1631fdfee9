<?xml version="1.0" encoding="UTF-8"?>
<!--
  Drama in print: the cast list a list; each speech a block whose speaker is a line of its
  own (small capitals, kept with the speech); a stage direction between speeches or lines a
  paragraph of its own in italic, never sharing a line with the next speaker; inside a line
  or a paragraph, inline. The speech's verse is print_verse.xsl's.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:template match="tei:castList">
    <div class="cast-list">
      <xsl:apply-templates select="* except (tei:castItem | tei:castGroup)"/>
      <xsl:call-template name="cast-items"/>
    </div>
  </xsl:template>

  <xsl:template name="cast-items">
    <xsl:if test="tei:castItem | tei:castGroup">
      <ul class="cast"><xsl:apply-templates select="tei:castItem | tei:castGroup"/></ul>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:castGroup">
    <li class="cast-group">
      <xsl:for-each select="tei:head">
        <span class="cast-group-head"><xsl:apply-templates/></span>
      </xsl:for-each>
      <xsl:apply-templates select="* except (tei:head | tei:castItem | tei:castGroup)"/>
      <xsl:call-template name="cast-items"/>
    </li>
  </xsl:template>

  <xsl:template match="tei:castItem">
    <li class="cast-item"><xsl:apply-templates/></li>
  </xsl:template>

  <!-- A cast item's parts are separated as a printed cast list separates them, in words of
       the page (not of CSS, so that they are text: "Osric, a ferryman — Tom Hale"). -->
  <xsl:template match="tei:role | tei:roleDesc | tei:actor">
    <xsl:if test="preceding-sibling::*[1][self::tei:role or self::tei:roleDesc or self::tei:actor]">
      <xsl:value-of select="if (self::tei:actor) then ' — ' else ', '"/>
    </xsl:if>
    <span class="{local-name()}">
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="tei:castList/text() | tei:castGroup/text()"/>

  <xsl:template match="tei:sp">
    <div class="sp"><xsl:apply-templates/></div>
  </xsl:template>

  <xsl:template match="tei:speaker">
    <p class="speaker"><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="tei:stage | tei:move">
    <xsl:variable name="block" select="exists(parent::tei:sp | parent::tei:div | parent::tei:body
        | parent::tei:front | parent::tei:back | parent::tei:lg | parent::tei:castList
        | parent::*[matches(local-name(), '^div[1-7]$')])"/>
    <xsl:element name="{if ($block) then 'p' else 'span'}">
      <xsl:attribute name="class" select="if ($block) then 'stage' else 'stage stage-inline'"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  Drama (TEI "Performance Texts"): the cast list as a list (castGroup a nested list under its
  own head, castItem an item: role, its description, the actor); a speech (sp) a block whose
  speaker is a line of its own above the speech, never running into the first verse line;
  stage directions set apart (italic, edition.css) as blocks between speeches and inside a
  speech, inline inside a line or a paragraph. The speech's verse is html_verse.xsl's, its
  prose html_textstructure.xsl's paragraphs.

  <sp who="#shujskij"><speaker>Шуйский</speaker><l>Чем кончится?</l></sp>
    -> <div class="tei-sp"><p class="tei-speaker">Шуйский</p><div class="tei-l">Чем кончится?</div></div>
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:te="urn:tei-edition:html"
  exclude-result-prefixes="#all">

  <xsl:template match="tei:castList">
    <section class="tei-castList">
      <xsl:apply-templates select="@xml:lang" mode="te:lang"/>
      <xsl:apply-templates select="tei:head"/>
      <xsl:apply-templates select="* except (tei:head | tei:castItem | tei:castGroup)"/>
      <xsl:call-template name="te:cast-items"/>
    </section>
  </xsl:template>

  <!-- The items and groups of a cast list or group, as one list, in their order. -->
  <xsl:template name="te:cast-items">
    <xsl:if test="tei:castItem | tei:castGroup">
      <ul class="cast-list"><xsl:text>&#10;</xsl:text>
        <!-- a line break after each item keeps the items apart in the page's text -->
        <xsl:for-each select="tei:castItem | tei:castGroup">
          <xsl:apply-templates select="."/><xsl:text>&#10;</xsl:text>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:castGroup">
    <li class="tei-castGroup">
      <xsl:for-each select="tei:head">
        <span class="cast-group-head"><xsl:apply-templates/></span>
      </xsl:for-each>
      <xsl:apply-templates select="* except (tei:head | tei:castItem | tei:castGroup)"/>
      <xsl:call-template name="te:cast-items"/>
    </li>
  </xsl:template>

  <xsl:template match="tei:castItem">
    <li class="tei-castItem">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates/>
    </li>
  </xsl:template>

  <!-- A cast item's parts are separated as a printed cast list separates them, in words of
       the page (not of CSS, so that they are text: "Osric, a ferryman — Tom Hale"). -->
  <xsl:template match="tei:role | tei:roleDesc | tei:actor">
    <xsl:if test="preceding-sibling::*[1][self::tei:role or self::tei:roleDesc or self::tei:actor]">
      <xsl:value-of select="if (self::tei:actor) then ' — ' else ', '"/>
    </xsl:if>
    <span class="tei-{local-name()}">
      <xsl:if test="self::tei:role and @xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- A roleDesc of a group (castGroup/roleDesc: "servants of the Tsar") follows its head. -->
  <xsl:template match="tei:castGroup/tei:roleDesc">
    <span class="tei-roleDesc cast-group-desc"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- White space between a list's parts is the source's layout; the list lays them out. -->
  <xsl:template match="tei:castList/text() | tei:castGroup/text()"/>

  <xsl:template match="tei:sp">
    <div class="tei-sp">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates select="@xml:lang" mode="te:lang"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:speaker">
    <p class="tei-speaker"><xsl:apply-templates/></p>
  </xsl:template>

  <!-- A stage direction between speeches or lines is a block; inside a line, a paragraph,
       a speaker's name or a head it is inline. -->
  <xsl:template match="tei:stage | tei:move">
    <xsl:variable name="block" select="exists(parent::tei:sp | parent::tei:div | parent::tei:body
        | parent::tei:front | parent::tei:back | parent::tei:lg | parent::tei:castList
        | parent::*[matches(local-name(), '^div[1-7]$')])"/>
    <xsl:element name="{if ($block) then 'p' else 'span'}">
      <xsl:attribute name="class" select="string-join(('tei-' || local-name(),
          if ($block) then () else 'stage-inline', @type ! ('stage-' || te:token(.))), ' ')"/>
      <xsl:apply-templates select="@xml:lang" mode="te:lang"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

</xsl:stylesheet>

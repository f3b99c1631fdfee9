<?xml version="1.0" encoding="UTF-8"?>
<!--
  The text in its cable structure (TEI "Default Text Structure"): the document and its
  enclosures as sections; opener (the labelled header lines, stamps, the salutation), the
  paragraphs with their numbers and permalinks (#p3, from the TEI's p/@xml:id), closer
  (signature, dateline), postscript (transmission notes, distribution lists), quoted
  messages and floating texts.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:tei-edition:editorial"
  xmlns:te="urn:tei-edition:html"
  exclude-result-prefixes="#all">

  <xsl:template match="tei:text">
    <div class="{string-join(('tei-text', @type[../parent::tei:group] ! ('text-' || te:token(.))), ' ')}">
      <xsl:for-each select="(ancestor-or-self::*/@xml:lang)[last()][te:is-lang(.)]">
        <xsl:attribute name="lang" select="."/>
      </xsl:for-each>
      <xsl:if test="parent::tei:group">
        <h3 class="text-label" lang="en"><xsl:value-of select="ed:text-label(.)"/></h3>
      </xsl:if>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:front | tei:body | tei:back">
    <div class="tei-{local-name()}"><xsl:apply-templates/></div>
  </xsl:template>

  <!-- A group of texts: an original and its translation are two columns on a wide screen,
       in the source's order (as a facing-page edition has them), one after the other on a
       narrow one (edition.css, .parallel). -->
  <xsl:template match="tei:group">
    <div class="{string-join(('tei-group', 'parallel'[count(current()/tei:text) = 2]), ' ')}"><xsl:apply-templates/></div>
  </xsl:template>

  <!-- The main document has no heading of its own (the page's h1 is its title); an
       enclosure or any further division is announced by its head or, in the project's own
       TEI only, by its type: other TEI gets no heading it does not have (a scene without a
       head is not headed "Scene"). -->
  <xsl:template match="tei:div">
    <xsl:variable name="level" select="min((6, count(ancestor::tei:div | ancestor::tei:floatingText) + 3))"/>
    <section class="{string-join(('div', @type ! ('div-' || te:token(.)), @subtype ! ('div-' || te:token(.))), ' ')}">
      <xsl:apply-templates select="@xml:lang" mode="te:lang"/>
      <xsl:choose>
        <xsl:when test="tei:head or not(ed:own-encoding(.))"/>
        <xsl:when test="@type = 'enclosure'">
          <xsl:element name="h{$level}">
            <xsl:attribute name="class" select="'div-heading'"/>
            <xsl:text>Enclosure</xsl:text>
            <xsl:if test="@subtype and not(@subtype = 'document')">: <xsl:value-of select="te:type-label(@subtype)"/></xsl:if>
          </xsl:element>
        </xsl:when>
        <xsl:when test="@type = 'document' and not(preceding-sibling::tei:div or parent::tei:div)"/>
        <xsl:when test="@type or @subtype">
          <xsl:element name="h{$level}">
            <xsl:attribute name="class" select="'div-heading'"/>
            <xsl:value-of select="te:type-label(string((@subtype, @type)[1]))"/>
          </xsl:element>
        </xsl:when>
      </xsl:choose>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <xsl:template match="tei:head">
    <xsl:variable name="level" select="min((6, count(ancestor::tei:div | ancestor::tei:floatingText
        | ancestor::tei:list | ancestor::tei:table | ancestor::tei:lg) + 2))"/>
    <xsl:element name="h{$level}">
      <xsl:attribute name="class" select="'tei-head'"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:opener | tei:closer | tei:postscript | tei:argument | tei:epigraph
                       | tei:trailer | tei:byline | tei:docAuthor">
    <div class="tei-{local-name()}"><xsl:apply-templates select="@xml:lang" mode="te:lang"/><xsl:apply-templates/></div>
  </xsl:template>

  <xsl:template match="tei:salute | tei:signed | tei:dateline">
    <xsl:element name="{if (parent::tei:p or ancestor::tei:head) then 'span' else 'div'}">
      <xsl:attribute name="class" select="'tei-' || local-name()"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A paragraph: its number, a permalink to it, and the text. A paragraph that holds
       a block (a list, a quoted message) is a div, since HTML's p cannot hold one. -->
  <xsl:template match="tei:p">
    <xsl:variable name="block" select="ed:holds-block(.)"/>
    <xsl:element name="{if ($block) then 'div' else 'p'}">
      <xsl:attribute name="class" select="if ($block) then 'p p-block' else 'p'"/>
      <xsl:if test="@xml:id">
        <xsl:attribute name="id" select="@xml:id"/>
      </xsl:if>
      <!-- attributes first: the number link is the paragraph's first child -->
      <xsl:apply-templates select="@xml:lang" mode="te:lang"/>
      <xsl:if test="@xml:id">
        <xsl:variable name="n" select="(ed:paragraph-number(.),
            string(count(preceding::tei:p[@xml:id][ancestor::tei:text]) + 1))[1]"/>
        <a class="pnum" href="#{@xml:id}" aria-label="Paragraph {$n} (link to this paragraph)"><xsl:value-of select="$n"/></a>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A quoted message: a blockquote when it holds paragraphs or the source sets it off
       (rend="blockquote", as FRUS does), else inline in quotation marks. -->
  <xsl:template match="tei:quote">
    <xsl:choose>
      <xsl:when test="tei:p | tei:floatingText | tei:lg | tei:list
                      or tokenize(@rend) = ('blockquote', 'block', 'display')">
        <blockquote class="tei-quote"><xsl:apply-templates select="@xml:lang" mode="te:lang"/><xsl:apply-templates/></blockquote>
      </xsl:when>
      <xsl:otherwise>
        <q class="tei-quote"><xsl:apply-templates select="@xml:lang" mode="te:lang"/><xsl:apply-templates/></q>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:floatingText">
    <div class="tei-floatingText"><xsl:apply-templates select="@xml:lang" mode="te:lang"/><xsl:apply-templates/></div>
  </xsl:template>

  <!-- A BCP 47 language tag (en, zh-Hant, ko-Latn-x-mr); anything else is not copied. -->
  <xsl:function name="te:is-lang" as="xs:boolean">
    <xsl:param name="tag" as="xs:string?"/>
    <xsl:sequence select="matches(string($tag), '^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$')"/>
  </xsl:function>

  <!-- The lang attribute of an element that says its language: applied to the element's
       @xml:lang, so that an element without one costs no function call. -->
  <xsl:template match="@xml:lang" mode="te:lang">
    <xsl:if test="te:is-lang(.)">
      <xsl:attribute name="lang" select="."/>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>

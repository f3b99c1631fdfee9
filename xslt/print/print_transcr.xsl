<?xml version="1.0" encoding="UTF-8"?>
<!--
  The transcr module: how print shows an editorial intervention, and the apparatus after
  each document. ../common/editorial.xsl decides what an intervention is (its kind, its
  explanation, the source's brackets); here the medium renders it:

  - the source's brackets stay upright, the words the translator or the editors added are
    in italics: "[To] Comrade" is printed "[*To*] Comrade", "Strelna [Strzelna]" as
    "Strelna [*Strzelna*]", "comission [sic]" as "comission [*sic*]";
  - a feature of the source that is not transcribed (a signature, an illegible word) is
    named in italics in brackets: "[*signature*]";
  - every intervention has an id (document id + ed:id) so that the apparatus can give the
    page it is on (target-counter in print.css).

  The apparatus lists the document's interventions in order: page and paragraph, the
  intervention as printed, and the explanation from the shared module.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:tei-edition:editorial"
  xmlns:pr="urn:tei-edition:print"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:template name="ed:intervention">
    <xsl:param name="element" as="element()"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="explanation" as="xs:string"/>
    <xsl:param name="before" as="xs:string"/>
    <xsl:param name="after" as="xs:string"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="source"/>
    <xsl:param name="reading"/>
    <!-- True while the apparatus repeats an intervention: no ids, no footnotes twice. -->
    <xsl:param name="apparatus" as="xs:boolean" select="false()" tunnel="yes"/>
    <span class="ed ed-{$kind}">
      <xsl:if test="$id ne '' and not($apparatus)">
        <xsl:attribute name="id" select="$doc-id || '-' || $id"/>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="$kind = 'gloss'">
          <xsl:apply-templates select="$element/tei:orig/node()"/>
          <xsl:call-template name="pr:bracketed">
            <xsl:with-param name="content"><xsl:apply-templates select="$element/tei:reg/node()"/></xsl:with-param>
          </xsl:call-template>
        </xsl:when>
        <xsl:when test="$kind = 'sic'">
          <xsl:apply-templates select="($element/tei:sic, $element[self::tei:sic])[1]/node()"/>
          <xsl:call-template name="pr:bracketed">
            <xsl:with-param name="content">sic</xsl:with-param>
          </xsl:call-template>
        </xsl:when>
        <xsl:when test="$element/self::tei:gap and $kind ne 'omitted'">
          <xsl:call-template name="pr:bracketed">
            <xsl:with-param name="open" select="$before"/>
            <xsl:with-param name="close" select="$after"/>
            <xsl:with-param name="content" select="normalize-space(($element/tei:desc, $element/@reason)[1])"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:if test="$before ne ''"><span class="br"><xsl:value-of select="$before"/></span></xsl:if>
          <span class="ed-text"><xsl:sequence select="$source"/></span>
          <xsl:if test="$after ne ''"><span class="br"><xsl:value-of select="$after"/></span></xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <!-- " [added words]": upright brackets, italic words. -->
  <xsl:template name="pr:bracketed">
    <xsl:param name="open" as="xs:string" select="' ['"/>
    <xsl:param name="close" as="xs:string" select="']'"/>
    <xsl:param name="content"/>
    <span class="br"><xsl:value-of select="$open"/></span>
    <span class="ed-added"><xsl:sequence select="$content"/></span>
    <span class="br"><xsl:value-of select="$close"/></span>
  </xsl:template>

  <!-- Where an intervention is, for the apparatus: a note, a paragraph, a part of the text. -->
  <xsl:function name="pr:where" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="note" select="$e/ancestor::tei:note[not(@place = 'inline')][1]"/>
    <xsl:variable name="p" select="$e/ancestor::tei:p[exists(pr:paragraph-number(.))][1]"/>
    <xsl:sequence select="
      if ($note[@n]) then 'n. ' || $note/@n
      else if ($p) then '¶ ' || pr:paragraph-number($p)
      else if ($e/ancestor::tei:opener) then 'Opener'
      else if ($e/ancestor::tei:closer) then 'Closer'
      else if ($e/ancestor::tei:postscript) then 'Postscript'
      else ''"/>
  </xsl:function>

  <xsl:template name="pr:apparatus">
    <xsl:variable name="entries" select="ed:interventions(/)
        [not(self::tei:note[not(@place = 'inline')])]"/>
    <xsl:if test="exists($entries)">
      <section class="apparatus">
        <h2 class="apparatus-title">Editorial interventions</h2>
        <ol class="apparatus-list">
          <xsl:for-each select="$entries">
            <li class="ap-entry">
              <span class="ap-where"><a class="ap-page" href="#{$doc-id}-{ed:id(.)}"></a>
                <xsl:text> </xsl:text><xsl:value-of select="pr:where(.)"/></span>
              <span class="ap-lemma">
                <xsl:apply-templates select=".">
                  <xsl:with-param name="apparatus" select="true()" tunnel="yes"/>
                </xsl:apply-templates>
              </span>
              <xsl:text> </xsl:text>
              <span class="ap-expl"><xsl:value-of select="ed:explanation(.)"/></span>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  The transcr module: how print shows an editorial intervention, and the apparatus after
  each document. ../common/editorial.xsl (with kinds.xsl, generated from the table
  tei_edition/kinds.py) decides what an intervention is (its kind, its explanation, its
  marks and words as translated); here the medium renders the parts it is handed (hooks
  ed:intervention, ed:mark, ed:words), never asking what kind it is:

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
    <xsl:param name="classes" as="xs:string"/>
    <xsl:param name="listed" as="xs:boolean"/>
    <xsl:param name="own-reading" as="xs:boolean"/>
    <xsl:param name="explanation" as="xs:string"/>
    <xsl:param name="id" as="xs:string"/>
    <!-- True while the apparatus repeats an intervention: no ids, no footnotes twice. -->
    <xsl:param name="apparatus" as="xs:boolean" select="false()" tunnel="yes"/>
    <span class="ed {$classes}">
      <xsl:if test="$id ne '' and not($apparatus)">
        <xsl:attribute name="id" select="$doc-id || '-' || $id"/>
      </xsl:if>
      <xsl:apply-templates select="$element" mode="ed:as-translated"/>
    </span>
  </xsl:template>

  <!-- The parts of an intervention as translated (xslt/common/kinds.xsl hands them over):
       the source's marks upright, the source's words as they are, the words the translator
       or the editors added in italics (print.css: .ed-added). -->
  <xsl:template name="ed:mark">
    <xsl:param name="text" as="xs:string"/>
    <xsl:if test="$text"><span class="br"><xsl:value-of select="$text"/></span></xsl:if>
  </xsl:template>

  <xsl:template name="ed:words">
    <xsl:param name="role" as="xs:string"/>
    <xsl:param name="content" as="item()*"/>
    <span class="{if ($role = 'added') then 'ed-added' else 'ed-text'}"><xsl:apply-templates select="$content"/></span>
  </xsl:template>

  <xsl:template name="pr:apparatus">
    <xsl:variable name="entries" select="ed:interventions(/)[not(ed:is-footnote(.))]"/>
    <xsl:if test="exists($entries)">
      <section class="apparatus">
        <h2 class="apparatus-title">Editorial interventions</h2>
        <ol class="apparatus-list">
          <xsl:for-each select="$entries">
            <li class="ap-entry">
              <span class="ap-where"><a class="ap-page" href="#{$doc-id}-{ed:id(.)}"></a>
                <xsl:text> </xsl:text><xsl:value-of select="ed:where(.)"/></span>
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

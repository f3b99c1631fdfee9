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
        <!-- inside an intervention of its kind, its depth there, as the HTML edition has
             it: "[outer [inner] words]" is ed-supplied-1 and ed-supplied-1-in1 (common's
             ed:id counts the interventions that precede, not those it is inside) -->
        <xsl:variable name="depth" select="if ($element/@xml:id) then 0
            else count(key('ed:by-kind', $kind, root($element)) intersect $element/ancestor::*)"/>
        <xsl:attribute name="id" select="$doc-id || '-' || $id || (if ($depth) then '-in' || $depth else '')"/>
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

  <!-- The apparatus: the interventions of the text (ed:interventions) and those of a
       diplomatic transcription in sourceDoc (an add in a line is listed as an add in a
       paragraph is; a del is struck through where it stands in both), in document order:
       the sourceDoc's first, as they are printed. -->
  <xsl:template name="pr:apparatus">
    <xsl:variable name="transcribed" select="//tei:sourceDoc//*[exists(ed:kind(.))]
        [not(ancestor::*[exists(ed:kind(.))][not(self::tei:note)])]"/>
    <xsl:variable name="entries" select="(ed:interventions(/) | $transcribed)[not(ed:is-footnote(.))][not(ed:in-place-note(.))]"/>
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
              <span class="ap-expl"><xsl:value-of select="ed:explanation-of(., ed:kind(.))"/></span>
              <xsl:variable name="named" select="pr:preferred-names(.)"/>
              <xsl:if test="exists($named)">
                <xsl:text> </xsl:text>
                <span class="ap-names"><xsl:value-of select="string-join($named, '; ')"/></span>
              </xsl:if>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- Where an entry is: in a sourceDoc its surface (its label, as printed above its
       lines) and its line there, "f. 1r, l. 2"; in the text, ed:where ("¶ 3", "n. 1"). -->
  <xsl:function name="pr:where" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="surface" select="$e/ancestor::tei:surface[1]"/>
    <xsl:variable name="line" select="$e/ancestor::tei:line[1]"/>
    <xsl:sequence select="if (empty($e/ancestor::tei:sourceDoc)) then ed:where($e)
        else string-join((($surface/@n, $surface/@*[local-name() = 'folio'],
                            $surface/tei:label[1])[1] ! normalize-space(.)[.],
                          (for $l in $line return 'l. ' || count($surface//tei:line[. &lt;&lt; $l]) + 1)),
                         ', ')"/>
  </xsl:function>

  <!-- Notes of other TEI placed by @place (common's ed:in-place-note): inline where they
       stand, in the margin floated beside the text. -->
  <xsl:template match="tei:note[ed:in-place-note(.)]">
    <xsl:variable name="margin" select="exists(@place) and not(tokenize(@place) = ('inline', 'above', 'below', 'interlinear'))"/>
    <xsl:element name="{if (tei:p | tei:list | tei:table | tei:lg) then 'div' else 'span'}">
      <xsl:attribute name="class" select="if ($margin) then 'note-margin' else 'note-inline'"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A hand's work, in any TEI: a deletion struck through, a substitution as its parts, a
       change of hand named in brackets where it happens. An addition is an intervention
       (⟨yet⟩, explained in the apparatus with its place and hand). -->
  <xsl:template match="tei:del">
    <del class="del"><xsl:apply-templates/></del>
  </xsl:template>
  <xsl:template match="tei:subst | tei:restore | tei:mod | tei:damage | tei:retrace | tei:redo | tei:undo | tei:metamark">
    <span class="{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="tei:handShift">
    <xsl:param name="apparatus" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:if test="not($apparatus)">
      <span class="handShift"><xsl:value-of select="'[' || string-join(('hand ' || ed:hand(.),
          @medium ! normalize-space(.)[.]), ', ') || ']'"/></span>
    </xsl:if>
  </xsl:template>
  <xsl:template match="tei:space"><span class="space"> </span></xsl:template>

  <!-- A diplomatic transcription in sourceDoc: each surface a block of lines under its label
       (@n, or the folio), each line a line. -->
  <xsl:template match="tei:sourceDoc">
    <div class="sourceDoc"><xsl:apply-templates select="* except tei:graphic"/></div>
  </xsl:template>
  <xsl:template match="tei:surface | tei:surfaceGrp">
    <div class="surface">
      <xsl:variable name="label" select="(@n, @*[local-name() = 'folio'], tei:label[1])[1]"/>
      <xsl:if test="$label"><p class="surface-label"><xsl:value-of select="normalize-space($label)"/></p></xsl:if>
      <xsl:apply-templates select="node() except (tei:graphic, tei:label[1])"/>
    </div>
  </xsl:template>
  <xsl:template match="tei:zone">
    <div class="zone"><xsl:apply-templates select="node() except tei:graphic"/></div>
  </xsl:template>
  <xsl:template match="tei:sourceDoc//tei:line">
    <div class="line"><xsl:apply-templates/></div>
  </xsl:template>
  <xsl:template match="tei:sourceDoc/text() | tei:surface/text() | tei:zone/text()[not(normalize-space())]"/>

</xsl:stylesheet>

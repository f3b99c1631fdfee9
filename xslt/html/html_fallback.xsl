<?xml version="1.0" encoding="UTF-8"?>
<!--
  The fallback, imported with the lowest precedence: an element no module knows (any TEI P5
  element the encoder never writes, or an element of another namespace) shows its text,
  in a span or div with the class "tei-NAME" so that a stylesheet can still reach it.
  Nothing of the element is copied: attributes, comments and processing instructions are
  dropped, so foreign markup (an XHTML script, an onclick) can never reach the page.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:te="urn:tei-edition:html"
  xmlns:teix="http://www.tei-c.org/ns/Examples"
  exclude-result-prefixes="#all">

  <!-- Elements that make a block in HTML: an unknown element holding one becomes a div. -->
  <xsl:variable name="te:blocks" as="xs:string*" select="('p', 'div', 'ab', 'list', 'table',
      'lg', 'quote', 'floatingText', 'opener', 'closer', 'postscript', 'head', 'sp', 'figure',
      'listBibl', 'bibl', 'castList', 'eTree', 'div1', 'div2', 'div3', 'entry', 'u')"/>

  <!-- A div when the element holds a block, or, in a TEI example (egXML, the namespace
       http://www.tei-c.org/ns/Examples), is one by its name: the example's <head> and <p>
       are two lines, not "Choice, sic, corr, reg, origvoro". -->
  <xsl:template match="*">
    <xsl:element name="{if (*[local-name() = $te:blocks]
                            or self::teix:*[local-name() = $te:blocks]) then 'div' else 'span'}">
      <xsl:attribute name="class" select="'tei-' || local-name()"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="comment() | processing-instruction()"/>



</xsl:stylesheet>

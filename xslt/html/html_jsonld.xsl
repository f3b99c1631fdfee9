<?xml version="1.0" encoding="UTF-8"?>
<!--
  The schema.org description of a document page, a JSON-LD data block in its head
  (tei_edition/exports/jsonld.py writes the JSON: "<", ">" and "&" are already \u003c,
  \u003e and \u0026 in it, so no text can close the script element and nothing in it is
  escaped by the serialiser). Without the parameter the page has no such block.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:te="urn:tei-edition:html"
  exclude-result-prefixes="#all">

  <xsl:param name="jsonld" as="xs:string" select="''"/>

  <xsl:template name="te:jsonld">
    <xsl:if test="$jsonld">
      <script type="application/ld+json"><xsl:value-of select="$jsonld"/></script>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>

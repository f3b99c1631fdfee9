<?xml version="1.0" encoding="UTF-8"?>
<!--
  The linking module: seg. In a document's opener the labelled header lines (To:, Level:,
  No., Contents:) are seg elements; each is a line of the opener, its label in small capitals.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:template match="tei:seg">
    <span class="seg{if (@type) then ' seg-' || @type else ''}"><xsl:apply-templates/></span>
  </xsl:template>

</xsl:stylesheet>

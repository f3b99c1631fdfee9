<?xml version="1.0" encoding="UTF-8"?>
<!--
  Names with @ref (persName, placeName, orgName, name): a link to the authority the TEI
  names (ed:name-target, xslt/common/names.xsl: http, https or an id this page shows, never
  another scheme). A name without a usable @ref is html_core.xsl's plain span. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:tei-edition:editorial"
  xmlns:te="urn:tei-edition:html"
  exclude-result-prefixes="#all">

  <xsl:include href="../common/names.xsl"/>

  <xsl:template match="(tei:persName | tei:placeName | tei:orgName | tei:name)[@ref][ed:name-target(.)]">
    <a class="tei-{local-name()} authority" href="{ed:name-target(.)}">
      <xsl:apply-templates select="@xml:lang" mode="te:lang"/>
      <xsl:apply-templates/>
    </a>
  </xsl:template>

</xsl:stylesheet>

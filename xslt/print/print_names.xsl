<?xml version="1.0" encoding="UTF-8"?>
<!--
  Names with @ref in print: a link in the PDF to the authority (ed:name-target,
  xslt/common/names.xsl: http and https only in print, since an id of the web page is not
  one of the book), set as plain text on the page. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:tei-edition:editorial"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:include href="../common/names.xsl"/>

  <xsl:template match="(tei:persName | tei:placeName | tei:orgName | tei:name)[@ref]
                       [starts-with(ed:name-target(.), 'http')]">
    <a class="authority" href="{ed:name-target(.)}"><xsl:apply-templates/></a>
  </xsl:template>

</xsl:stylesheet>

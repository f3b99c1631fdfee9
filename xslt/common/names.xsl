<?xml version="1.0" encoding="UTF-8"?>
<!--
  Where a name's @ref points, for every output format: the authority record of the person,
  place or body (an http or https URL: VIAF, GeoNames, Wikidata), or an element of this
  document's text that the pages show with its id (#p3, a cast list's role, a line).
  Anything else (javascript:, data:, mailto:, a file, an id the page does not show) is no
  link: the name stays plain text.

  <persName ref="https://viaf.org/viaf/12345">Wenna</persName>  -> a link to VIAF
  <persName ref="javascript:alert(1)">nobody</persName>          -> no link
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:tei-edition:editorial"
  exclude-result-prefixes="#all">

  <xsl:key name="ed:shown-id" match="(tei:p | tei:l | tei:lg | tei:sp | tei:castItem | tei:role)[@xml:id][ancestor::tei:text]"
           use="string(@xml:id)"/>

  <xsl:function name="ed:name-target" as="xs:string?">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="ref" select="tokenize(normalize-space($name/@ref))[1]"/>
    <xsl:sequence select="
      if ($name/ancestor::tei:ref[@target] or $name/ancestor::tei:ptr) then ()
      else if (starts-with($ref, '#')) then $ref[exists(key('ed:shown-id', substring(., 2), root($name)))]
      else $ref[matches(., '^https?://[^\s&quot;&lt;&gt;`\\]+$', 'i')]"/>
  </xsl:function>

</xsl:stylesheet>

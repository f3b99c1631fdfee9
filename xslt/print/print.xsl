<?xml version="1.0" encoding="UTF-8"?>
<!--
  The print edition: TEI to print HTML for CSS paged media (WeasyPrint renders it with
  print.css, kept beside this file).

  Two entry points, both run by tei_edition/pdf.py:
    /tei:TEI     one document -> one <section class="document"> (its heading, its text with
                 footnotes and paragraph numbers, its apparatus of interventions);
    /pr:volume   the sections of one or more documents, in volume order, with the edition's
                 title, editors and date -> the whole book (title page, colophon, contents
                 and the documents; a single document gets no title page and no contents).

  What an editorial element means comes from ../common/editorial.xsl; this driver only says
  how print shows it (ed:intervention, ed:footnote in print_transcr.xsl and print_core.xsl).
  The other files are named after the TEI modules whose elements they render.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:tei-edition:editorial"
  xmlns:pr="urn:tei-edition:print"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:import href="../common/editorial.xsl"/>

  <xsl:include href="print_corpus.xsl"/>
  <xsl:include href="print_header.xsl"/>
  <xsl:include href="print_textstructure.xsl"/>
  <xsl:include href="print_core.xsl"/>
  <xsl:include href="print_linking.xsl"/>
  <xsl:include href="print_transcr.xsl"/>
  <xsl:include href="print_verse.xsl"/>
  <xsl:include href="print_drama.xsl"/>
  <xsl:include href="print_apparatus.xsl"/>
  <xsl:include href="print_names.xsl"/>

  <xsl:output method="xhtml" html-version="5" encoding="UTF-8" indent="no"
              omit-xml-declaration="yes"/>

  <!-- The document's id in the volume: the prefix of every id in its section. -->
  <xsl:param name="doc-id" as="xs:string" select="string((/tei:TEI/@xml:id, 'document')[1])"/>
  <!-- The document's number in the volume; 0 for a document printed on its own. -->
  <xsl:param name="number" as="xs:integer" select="0"/>
  <!-- The edition's title: shown above a document printed on its own. -->
  <xsl:param name="edition-title" as="xs:string" select="''"/>

  <!-- A title short enough for a running head: cut at a word before max characters. -->
  <xsl:function name="pr:short" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="max" as="xs:integer"/>
    <xsl:variable name="t" select="normalize-space($text)"/>
    <xsl:sequence select="if (string-length($t) le $max) then $t
        else replace(substring($t, 1, $max), '[\s,;:.\-]+\S*$', '') || '…'"/>
  </xsl:function>

</xsl:stylesheet>

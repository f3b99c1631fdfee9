<?xml version="1.0" encoding="UTF-8"?>
<!--
  Verse and apparatus facts decided once for every output format (xslt/html/html_verse.xsl,
  html_apparatus.xsl and their print counterparts ask them):

    ed:line-number   the number of a verse line (tei:l): its @n when that is a number, else
                     its place among the metrical lines of its text. A line split between
                     speakers (part="M", part="F") continues the line before it and takes
                     no number of its own, so that "Но месяц уж протек," (part F) is not
                     counted: the metrical line is one.
    ed:show-number   whether the margin shows a line's number: every fifth line (5, 10, ...).
    ed:sigla         the sigla of a reading's @wit ("#A #B" -> "A B"), read from the
                     witness list (listWit/witness: its abbr type="siglum", else its @n,
                     else its xml:id).
    ed:app-mark      the marker of an apparatus entry: a, b, ... z, aa, ab, ... in the order
                     of the text.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:tei-edition:editorial"
  exclude-result-prefixes="#all">

  <!-- The metrical lines of a text (the outermost text: an original and its translation are
       numbered apart only when each is a text of its own). -->
  <xsl:key name="ed:verse-lines" match="tei:l[not(@part = ('M', 'F', 'm', 'f'))][not(ancestor::tei:note)]"
           use="generate-id(ancestor::tei:text[1])"/>

  <xsl:function name="ed:line-number" as="xs:integer?">
    <xsl:param name="l" as="element(tei:l)"/>
    <xsl:sequence select="
      if (normalize-space($l/@n) castable as xs:integer) then xs:integer(normalize-space($l/@n))
      else if ($l/@part = ('M', 'F', 'm', 'f') or $l/ancestor::tei:note) then ()
      else count(key('ed:verse-lines', generate-id($l/ancestor::tei:text[1]), root($l))[. &lt;&lt; $l]) + 1"/>
  </xsl:function>

  <xsl:function name="ed:show-number" as="xs:boolean">
    <xsl:param name="l" as="element(tei:l)"/>
    <xsl:variable name="n" select="ed:line-number($l)"/>
    <xsl:sequence select="exists($n) and $n gt 0 and $n mod 5 = 0"/>
  </xsl:function>

  <xsl:key name="ed:witness" match="tei:witness[@xml:id]" use="@xml:id"/>

  <xsl:function name="ed:sigla" as="xs:string*">
    <xsl:param name="reading" as="element()"/>
    <xsl:for-each select="tokenize(normalize-space($reading/@wit))">
      <xsl:variable name="id" select="if (starts-with(., '#')) then substring(., 2) else ."/>
      <xsl:variable name="w" select="key('ed:witness', $id, root($reading))[1]"/>
      <xsl:sequence select="(normalize-space($w/tei:abbr[@type = 'siglum'][1])[.],
                             normalize-space($w/@n)[.], $id)[1]"/>
    </xsl:for-each>
  </xsl:function>

  <!-- What a siglum stands for: the witness's own words, for a tooltip. -->
  <xsl:function name="ed:witness-name" as="xs:string?">
    <xsl:param name="doc" as="node()"/>
    <xsl:param name="ref" as="xs:string"/>
    <xsl:variable name="id" select="if (starts-with($ref, '#')) then substring($ref, 2) else $ref"/>
    <xsl:sequence select="key('ed:witness', $id, root($doc))[1] ! normalize-space(.)[.]"/>
  </xsl:function>

  <xsl:key name="ed:apps" match="tei:app" use="'all'"/>

  <xsl:function name="ed:app-mark" as="xs:string">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:variable name="n" select="count(key('ed:apps', 'all', root($app))[. &lt;&lt; $app]) + 1"/>
    <xsl:sequence select="ed:letters($n)"/>
  </xsl:function>

  <!-- 1 -> a, 26 -> z, 27 -> aa -->
  <xsl:function name="ed:letters" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="(if ($n gt 26) then ed:letters(($n - 1) idiv 26) else '')
                          || codepoints-to-string(97 + ($n - 1) mod 26)"/>
  </xsl:function>

</xsl:stylesheet>

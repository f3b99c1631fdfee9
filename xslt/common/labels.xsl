<?xml version="1.0" encoding="UTF-8"?>
<!--
  The words a page uses about a document, from what the document is (decided once here, for
  every output format), so that the project's own wording ("as translated", "the
  translator") appears only on the project's own TEI:

    ed:own-encoding   whether tei-edition wrote the document: its header names the
                      application (encodingDesc/appInfo/application ident="tei-edition").
    ed:document-kind  "translation" (the project's own TEI: a translated document, or an
                      original and its translation), "transcription" (other TEI that
                      records the witness itself: a sourceDoc, or deletions, additions,
                      substitutions, abbreviations, original spellings, errors), "text"
                      (any other TEI: a FRUS volume, a play).
    ed:reading-labels the two sides of the reading switch, for the kind:
                        translation    "as translated" / "reading text"
                        transcription  "diplomatic" / "normalised"
                        text           "as encoded" / "reading text"
    ed:document-lang  the language of the document's text, for the page's lang: the text's
                      xml:lang, else the TEI element's, else the header's one language
                      (langUsage with a single language), else "und" (undetermined: BCP 47's
                      word for a language nobody declared; never a guessed "en").
    ed:agent          who made an intervention when the document does not name them:
                      "the translator" on the project's own TEI, else "the editors".
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:tei-edition:editorial"
  exclude-result-prefixes="#all">

  <xsl:function name="ed:own-encoding" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists(root($node)/*/tei:teiHeader/tei:encodingDesc/tei:appInfo
                                 /tei:application[@ident = 'tei-edition'])"/>
  </xsl:function>

  <xsl:function name="ed:document-kind" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="tei" select="root($node)/*"/>
    <xsl:sequence select="
      if (ed:own-encoding($node)) then 'translation'
      else if ($tei/tei:sourceDoc or $tei//tei:text//(tei:del | tei:add | tei:subst | tei:abbr
               | tei:orig | tei:sic | tei:handShift | tei:restore)) then 'transcription'
      else 'text'"/>
  </xsl:function>

  <xsl:function name="ed:reading-labels" as="xs:string+">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="kind" select="ed:document-kind($node)"/>
    <xsl:sequence select="
      if ($kind = 'translation') then ('as translated', 'reading text')
      else if ($kind = 'transcription') then ('diplomatic', 'normalised')
      else ('as encoded', 'reading text')"/>
  </xsl:function>

  <xsl:function name="ed:document-lang" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="tei" select="root($node)/*"/>
    <xsl:variable name="usage" select="$tei/tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language/@ident"/>
    <xsl:sequence select="(($tei/tei:text/@xml:lang, $tei/@xml:lang, $usage[count($usage) = 1]) ! normalize-space(.)
        [matches(., '^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$')], 'und')[1]"/>
  </xsl:function>

  <xsl:function name="ed:agent" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="if (ed:own-encoding($node)) then 'the translator' else 'the editors'"/>
  </xsl:function>

</xsl:stylesheet>

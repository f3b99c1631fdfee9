<?xml version="1.0" encoding="UTF-8"?>
<!--
  Names with @ref in print.

  A name that points to an entry of the edition's registers (per:ID, pla:ID, org:ID) is a
  mention for the volume's index: it becomes <span class="reg-name" id="DOC-rn-..."
  data-ref="per:ID">, set as plain text. tei_edition/pdf/index.py reads the page of each such
  id from the layout and prints the index of persons, places and organisations after the
  documents. The registers reach this stylesheet as the parameter register-names (a line
  "per:ID<TAB>preferred name" for each entry the document names: never doc()); a pointer to
  no entry there is no mention.

  The apparatus names the entries in their preferred form: where the ledger of
  interventions repeats an intervention inside or around a linked name, the entry ends with
  the name the index lists it under ("[Stalin]  identification ...  = Stalin, Joseph
  Vissarionovich"). The repeated words themselves are printed as the text has them, without
  ids (the ledger is no mention of its own).

  Any other name with @ref: a link in the PDF to the authority (ed:name-target,
  xslt/common/names.xsl: http and https only in print, since an id of the web page is not
  one of the book), set as plain text on the page. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:tei-edition:editorial"
  xmlns:pr="urn:tei-edition:print"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:include href="../common/names.xsl"/>

  <!-- "per:ID<TAB>preferred name" lines: the entries this document names (index.py). -->
  <xsl:param name="register-names" as="xs:string" select="''"/>
  <xsl:variable name="pr:register" as="map(xs:string, xs:string)" select="map:merge(
      tokenize($register-names, '\n')[contains(., '&#9;')]
      ! map:entry(substring-before(., '&#9;'), substring-after(., '&#9;')),
      map{'duplicates': 'use-first'})"/>

  <!-- The register pointer of a name, when the registers have its entry. -->
  <xsl:function name="pr:entry-ref" as="xs:string?">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="tokenize(normalize-space($name/@ref))[1][map:contains($pr:register, .)]"/>
  </xsl:function>

  <xsl:template match="(tei:persName | tei:placeName | tei:orgName | tei:name)[@ref]
                       [exists(pr:entry-ref(.))]" priority="2">
    <xsl:param name="apparatus" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$apparatus"><xsl:apply-templates/></xsl:when>
      <xsl:otherwise>
        <span class="reg-name" id="{$doc-id}-rn-{generate-id()}" data-ref="{pr:entry-ref(.)}">
          <xsl:apply-templates/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The mentions of a heading printed as plain text (the document's title): an empty
       anchor for each, so that the index has the page of the heading. -->
  <xsl:template name="pr:name-anchors">
    <xsl:param name="in" as="element()*"/>
    <xsl:for-each select="$in//(tei:persName | tei:placeName | tei:orgName | tei:name)[@ref]
                          [exists(pr:entry-ref(.))]">
      <span class="reg-name" id="{$doc-id}-rn-{generate-id()}" data-ref="{pr:entry-ref(.)}"/>
    </xsl:for-each>
  </xsl:template>

  <!-- The preferred names of the entries an element of the ledger lies in or holds. -->
  <xsl:function name="pr:preferred-names" as="xs:string*">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="distinct-values(
        ($e/ancestor-or-self::* | $e/descendant::*)
        [self::tei:persName or self::tei:placeName or self::tei:orgName or self::tei:name]
        [@ref] ! pr:entry-ref(.) ! $pr:register(.))"/>
  </xsl:function>

  <xsl:template match="(tei:persName | tei:placeName | tei:orgName | tei:name)[@ref]
                       [starts-with(ed:name-target(.), 'http')]">
    <a class="authority" href="{ed:name-target(.)}"><xsl:apply-templates/></a>
  </xsl:template>

</xsl:stylesheet>

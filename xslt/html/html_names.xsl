<?xml version="1.0" encoding="UTF-8"?>
<!--
  Names with @ref (persName, placeName, orgName, name):
  - a register pointer (per:ID, pla:ID, org:ID: tei_edition/registers/model.py) that the
    page's $register-names parameter lists (html_params.xsl; the site builder gives each page
    the entries it names, never a doc() of the register): a link to the entry's page,
    registers/persons/ID.html, with the entry's preferred name as a tooltip on hover and on
    keyboard focus (the interventions' pattern, html_transcr.xsl: a span of class ed-x named
    by aria-describedby). Such a name of the text has the id m-N, N its position among the
    text's register names (the entry page's mentions link to it: tei_edition/site_registers.py
    counts the same way);
  - else a link to the authority the TEI names (ed:name-target, xslt/common/names.xsl: http,
    https or an id this page shows, never another scheme).
  A name without a usable @ref is html_core.xsl's plain span. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:tei-edition:editorial"
  xmlns:te="urn:tei-edition:html"
  exclude-result-prefixes="#all">

  <xsl:include href="../common/names.xsl"/>

  <!-- ref -> (page, preferred name), from $register-names -->
  <xsl:variable name="te:register-names" as="map(xs:string, xs:string*)"
      select="map:merge(for $line in tokenize($register-names, '\n')[contains(., '&#9;')]
                        return map{ tokenize($line, '&#9;')[1] : tail(tokenize($line, '&#9;')) },
                        map{'duplicates': 'use-first'})"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>

  <xsl:function name="te:register-ref" as="xs:string?">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="ref" select="tokenize(normalize-space($name/@ref))[1]"/>
    <xsl:sequence select="$ref[matches(., '^(per|pla|org):[A-Za-z0-9._-]+$')]"/>
  </xsl:function>

  <xsl:template match="(tei:persName | tei:placeName | tei:orgName)[te:register-ref(.) = map:keys($te:register-names)][not(ancestor::tei:ref[@target] or ancestor::tei:ptr)]"
                xmlns:map="http://www.w3.org/2005/xpath-functions/map" priority="2">
    <xsl:variable name="entry" select="$te:register-names(te:register-ref(.))"/>
    <xsl:variable name="n" as="xs:string?">
      <xsl:if test="ancestor::tei:text">
        <xsl:number level="any" from="tei:text"
            count="(tei:persName | tei:placeName | tei:orgName)[te:register-ref(.)][ancestor::tei:text]"/>
      </xsl:if>
    </xsl:variable>
    <xsl:variable name="hid" select="if ($n) then 'm-' || $n else 'n-' || generate-id()"/>
    <xsl:choose>
      <!-- inside a linked name (Consulate in Khabarovsk): no link in a link -->
      <xsl:when test="ancestor::*[self::tei:persName | self::tei:placeName | self::tei:orgName][te:register-ref(.) = map:keys($te:register-names)]">
        <span class="tei-{local-name()} register-name">
          <xsl:if test="$n"><xsl:attribute name="id" select="$hid"/></xsl:if>
          <xsl:apply-templates select="@xml:lang" mode="te:lang"/>
          <xsl:apply-templates/>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <a class="tei-{local-name()} register-name ed" href="{$root}{$entry[1]}" aria-describedby="{$hid}-x">
          <xsl:if test="$n"><xsl:attribute name="id" select="$hid"/></xsl:if>
          <xsl:apply-templates select="@xml:lang" mode="te:lang"/>
          <xsl:apply-templates/>
          <span class="ed-x" role="tooltip" id="{$hid}-x"><xsl:value-of select="$entry[2]"/></span>
        </a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="(tei:persName | tei:placeName | tei:orgName | tei:name)[@ref][ed:name-target(.)]">
    <a class="tei-{local-name()} authority" href="{ed:name-target(.)}">
      <xsl:apply-templates select="@xml:lang" mode="te:lang"/>
      <xsl:apply-templates/>
    </a>
  </xsl:template>

</xsl:stylesheet>

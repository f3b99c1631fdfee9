<?xml version="1.0" encoding="UTF-8"?>
<!--
  The teiHeader as a reader meets it: the document's title, date and type, and the metadata
  panel (archive signature, citation, translator, funders, original language, sender and
  recipient, what the archive holds, summary, any other field of the export).
  The header's own elements are rendered in the mode te:meta, so that nothing in the panel
  is mistaken for an editorial intervention of the text.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:tei-edition:editorial"
  xmlns:te="urn:tei-edition:html"
  exclude-result-prefixes="#all">

  <xsl:variable name="te:header" select="(/tei:TEI/tei:teiHeader)[1]"/>
  <xsl:variable name="te:text-lang" as="xs:string" select="string((/tei:TEI/tei:text/@xml:lang, /tei:TEI/@xml:lang, 'en')[te:is-lang(.)][1])"/>
  <xsl:variable name="te:title" as="xs:string"
      select="($part-title[.], normalize-space(($te:header/tei:fileDesc/tei:titleStmt/tei:title)[1])[.], 'Untitled document')[1]"/>
  <xsl:variable name="te:date" as="element()?"
      select="($te:header/tei:profileDesc/tei:creation/tei:date,
               $te:header/tei:profileDesc/tei:correspDesc/tei:correspAction[@type = 'sent']/tei:date)[1]"/>
  <xsl:variable name="te:when" as="xs:string?"
      select="($te:date/@when, $te:date/@from, $te:date/@notBefore)[1] ! string(.)"/>
  <xsl:variable name="te:doc-type" as="xs:string?"
      select="(/tei:TEI/tei:text/(tei:body, tei:group//tei:text/tei:body)/tei:div[1]/@subtype)[1] ! string(.)"/>
  <!-- A correspAction's persons and bodies are its senders or recipients; its placeName is
       where it was sent from or received (Escher's letters: sent from "Brugg (AG)",
       received in "Luzern"), shown as a place. -->
  <xsl:variable name="te:senders" as="element()*"
      select="$te:header/tei:profileDesc/tei:correspDesc/tei:correspAction[@type = 'sent']
              /(tei:persName | tei:orgName | tei:name)"/>
  <xsl:variable name="te:recipients" as="element()*"
      select="$te:header/tei:profileDesc/tei:correspDesc/tei:correspAction[@type = 'received']
              /(tei:persName | tei:orgName | tei:name)"/>
  <xsl:variable name="te:sent-from" as="element()*"
      select="$te:header/tei:profileDesc/tei:correspDesc/tei:correspAction[@type = 'sent']/tei:placeName"/>
  <xsl:variable name="te:received-at" as="element()*"
      select="$te:header/tei:profileDesc/tei:correspDesc/tei:correspAction[@type = 'received']/tei:placeName"/>
  <xsl:variable name="te:translators" as="element()*"
      select="$te:header/tei:fileDesc/tei:titleStmt/tei:respStmt
              [@xml:id = 'translator' or starts-with(normalize-space(tei:resp), 'transl')]/(tei:name | tei:persName)"/>
  <xsl:variable name="te:ms" select="($te:header/tei:fileDesc/tei:sourceDesc/tei:msDesc)[1]"/>
  <xsl:variable name="te:idno" as="xs:string?"
      select="(($te:ms/tei:msIdentifier/tei:idno,
                $te:header/tei:fileDesc/tei:sourceDesc/tei:bibl/tei:idno[@type = 'archival'])[1])
              ! normalize-space(.)"/>
  <xsl:variable name="te:repository" as="xs:string?"
      select="($te:ms/tei:msIdentifier/tei:repository)[1] ! normalize-space(.)"/>
  <xsl:variable name="te:original-languages" as="element()*"
      select="$te:header/tei:profileDesc/tei:langUsage/tei:language
              [not(@ident = (/tei:TEI/tei:text/@xml:lang, 'en')[1])]"/>

  <!-- A date for reading: the element's own words, else its ISO value. -->
  <xsl:template name="te:date">
    <xsl:param name="date" as="element()?" select="$te:date"/>
    <xsl:variable name="text" select="normalize-space($date)"/>
    <xsl:variable name="when" select="($date/@when, $date/@from)[1]"/>
    <xsl:choose>
      <xsl:when test="$when castable as xs:date or $when castable as xs:dateTime
                      or $when castable as xs:gYearMonth or $when castable as xs:gYear">
        <time datetime="{$when}"><xsl:value-of select="($text[.], $when)[1]"/></time>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="($text[.], $when)[1]"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="te:document-heading">
    <header class="document-heading">
      <xsl:if test="$te:doc-type">
        <p class="document-type"><xsl:value-of select="te:type-label($te:doc-type)"/></p>
      </xsl:if>
      <h1 lang="{(/tei:TEI/@xml:lang[te:is-lang(.)], ed:document-lang(/))[1]}"><xsl:value-of select="$te:title"/></h1>
      <xsl:if test="$te:date">
        <p class="document-date"><xsl:call-template name="te:date"/></p>
      </xsl:if>
    </header>
  </xsl:template>


  <xsl:template name="te:metadata">
    <xsl:variable name="fd" select="$te:header/tei:fileDesc"/>
    <xsl:variable name="pd" select="$te:header/tei:profileDesc"/>
    <section class="metadata" aria-labelledby="te-meta-h">
      <xsl:if test="ed:document-lang(/) ne 'en'"><xsl:attribute name="lang" select="'en'"/></xsl:if>
      <h2 id="te-meta-h">About this document</h2>
      <dl>
        <xsl:if test="$te:idno">
          <dt>Archive</dt>
          <dd>
            <xsl:if test="$te:repository"><xsl:value-of select="$te:repository"/>, </xsl:if>
            <span class="signature"><xsl:value-of select="$te:idno"/></span>
          </dd>
        </xsl:if>
        <xsl:for-each select="$fd/tei:sourceDesc/tei:bibl[@type = ('citation', 'source')]">
          <dt><xsl:value-of select="if (@type = 'source') then 'Source' else 'Citation'"/></dt>
          <dd><xsl:apply-templates mode="te:meta"/></dd>
        </xsl:for-each>
        <xsl:if test="$te:senders">
          <dt>From</dt>
          <dd><xsl:value-of select="te:and-list($te:senders ! normalize-space(.))"/></dd>
        </xsl:if>
        <xsl:if test="$te:recipients">
          <dt>To</dt>
          <dd><xsl:value-of select="te:and-list($te:recipients ! normalize-space(.))"/></dd>
        </xsl:if>
        <xsl:if test="$te:sent-from">
          <dt>Sent from</dt>
          <dd><xsl:value-of select="te:and-list($te:sent-from ! normalize-space(.))"/></dd>
        </xsl:if>
        <xsl:if test="$te:received-at">
          <dt>Received at</dt>
          <dd><xsl:value-of select="te:and-list($te:received-at ! normalize-space(.))"/></dd>
        </xsl:if>
        <xsl:if test="$te:translators">
          <dt>Translator</dt>
          <dd><xsl:value-of select="te:and-list($te:translators ! normalize-space(.))"/></dd>
        </xsl:if>
        <xsl:if test="$fd/tei:titleStmt/tei:funder">
          <dt>Funding</dt>
          <xsl:for-each select="$fd/tei:titleStmt/tei:funder">
            <dd><xsl:apply-templates mode="te:meta"/></dd>
          </xsl:for-each>
        </xsl:if>
        <xsl:if test="$te:original-languages">
          <dt>Original language</dt>
          <dd><xsl:value-of select="te:and-list($te:original-languages ! normalize-space(.))"/></dd>
        </xsl:if>
        <xsl:if test="$te:ms/tei:msContents/tei:msItem">
          <dt>The archive holds</dt>
          <dd>
            <ul class="plain">
              <xsl:for-each select="$te:ms/tei:msContents/tei:msItem">
                <li><xsl:value-of select="normalize-space(.)"/></li>
              </xsl:for-each>
            </ul>
          </dd>
        </xsl:if>
        <xsl:for-each select="$fd/tei:notesStmt/tei:note[@type = 'field']">
          <dt><xsl:value-of select="(normalize-space(@n)[.], 'Note')[1]"/></dt>
          <dd><xsl:apply-templates mode="te:meta"/></dd>
        </xsl:for-each>
        <xsl:if test="$pd/tei:abstract">
          <dt>Summary</dt>
          <dd class="summary">
            <xsl:for-each select="$pd/tei:abstract/tei:p">
              <p><xsl:apply-templates mode="te:meta"/></p>
            </xsl:for-each>
            <xsl:if test="not($pd/tei:abstract/tei:p)">
              <xsl:apply-templates select="$pd/tei:abstract/node()" mode="te:meta"/>
            </xsl:if>
          </dd>
        </xsl:if>
        <xsl:if test="$xml-href">
          <dt>TEI XML</dt>
          <dd>
            <a class="download" href="{$xml-href}" download="">Download the TEI XML</a>
            <xsl:text> (zip)</xsl:text>
            <xsl:if test="$source-href">
              <xsl:text> · </xsl:text>
              <a class="source" href="{$source-href}">View the TEI XML</a>
            </xsl:if>
          </dd>
        </xsl:if>
      </dl>
    </section>
  </xsl:template>

  <!-- Header content: text, links made safe, everything else as its text. -->
  <xsl:template match="tei:ptr" mode="te:meta">
    <xsl:variable name="url" select="te:safe-url(@target)"/>
    <xsl:choose>
      <xsl:when test="$url"><a href="{$url}"><xsl:value-of select="$url"/></a></xsl:when>
      <xsl:otherwise><span class="tei-ptr"><xsl:value-of select="@target"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:ref" mode="te:meta">
    <xsl:variable name="url" select="te:safe-url(tokenize(@target)[1])"/>
    <xsl:choose>
      <xsl:when test="$url"><a href="{$url}"><xsl:apply-templates mode="te:meta"/></a></xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="te:meta"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:lb" mode="te:meta"><br/></xsl:template>
  <xsl:template match="*" mode="te:meta">
    <span class="tei-{local-name()}"><xsl:apply-templates mode="te:meta"/></span>
  </xsl:template>
  <xsl:template match="comment() | processing-instruction()" mode="te:meta"/>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  What every page of the site shares: the head (stylesheet, scripts, a Content Security
  Policy that allows nothing but the site's own files), the edition's banner and footer, and
  the two guards every value from a document passes: te:token for class names and
  te:safe-url for links (only http, https and mailto are ever linked).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:te="urn:tei-edition:html"
  exclude-result-prefixes="#all">

  <!-- A safe class token: letters, digits, hyphen and underscore only. -->
  <xsl:function name="te:token" as="xs:string">
    <xsl:param name="s" as="xs:string?"/>
    <xsl:sequence select="replace(normalize-space($s), '[^A-Za-z0-9_\-]+', '-')"/>
  </xsl:function>

  <!-- A URL that may become a link, or nothing: javascript:, data: and the rest stay text. -->
  <xsl:function name="te:safe-url" as="xs:string?">
    <xsl:param name="u" as="xs:string?"/>
    <xsl:variable name="n" select="normalize-space($u)"/>
    <xsl:sequence select="$n[matches(., '^(https?://|mailto:)[^\s&quot;&lt;&gt;`]+$', 'i')]"/>
  </xsl:function>

  <!-- "A, B and C" -->
  <xsl:function name="te:and-list" as="xs:string">
    <xsl:param name="items" as="xs:string*"/>
    <xsl:sequence select="if (count($items) le 2) then string-join($items, ' and ')
        else string-join($items[position() lt last()], ', ') || ' and ' || $items[last()]"/>
  </xsl:function>

  <!-- record-of-conversation -> "Record of conversation" -->
  <xsl:function name="te:type-label" as="xs:string">
    <xsl:param name="type" as="xs:string"/>
    <xsl:variable name="words" select="replace($type, '[-_]+', ' ')"/>
    <xsl:sequence select="upper-case(substring($words, 1, 1)) || substring($words, 2)"/>
  </xsl:function>

  <xsl:template name="te:head">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:param name="extra" as="node()*" select="()"/>
    <head>
      <xsl:call-template name="te:head-meta"/>
      <title><xsl:value-of select="$title"/></title>
      <link rel="stylesheet" href="{$root}assets/edition.css"/>
      <xsl:sequence select="$extra"/>
    </head>
  </xsl:template>

  <!-- The head's meta elements: the same on every page of an edition. -->
  <xsl:template name="te:head-meta">
    <meta charset="utf-8"/>
    <meta name="viewport" content="width=device-width, initial-scale=1"/>
    <meta http-equiv="Content-Security-Policy"
          content="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'none'"/>
    <meta name="generator" content="{$generator}"/>
  </xsl:template>

  <!-- $lang: the chrome's language where the page is in another (a document page). -->
  <xsl:template name="te:site-header">
    <xsl:param name="root" as="xs:string"/>
    <xsl:param name="lang" as="xs:string?" select="()"/>
    <a class="skip-link" href="#te-main"><xsl:if test="$lang"><xsl:attribute name="lang" select="$lang"/></xsl:if>Skip to the content</a>
    <header class="site-header">
      <xsl:if test="$lang"><xsl:attribute name="lang" select="$lang"/></xsl:if>
      <p class="site-title"><a href="{$root}index.html"><xsl:value-of select="$edition-title"/></a></p>
      <xsl:if test="exists($te:editors)">
        <p class="site-editors">Edited by <xsl:value-of select="te:and-list($te:editors)"/></p>
      </xsl:if>
      <xsl:variable name="registers" select="tokenize($registers, '\n')[normalize-space()]"/>
      <xsl:if test="exists($registers)">
        <nav class="site-nav" aria-label="Registers">
          <ul>
            <li><a href="{$root}index.html">Documents</a></li>
            <xsl:for-each select="$registers">
              <li><a href="{$root}{substring-before(., ' ')}"><xsl:value-of select="substring-after(., ' ')"/></a></li>
            </xsl:for-each>
          </ul>
        </nav>
      </xsl:if>
    </header>
  </xsl:template>

  <xsl:template name="te:site-footer">
    <xsl:param name="root" as="xs:string"/>
    <xsl:param name="lang" as="xs:string?" select="()"/>
    <footer class="site-footer">
      <xsl:if test="$lang"><xsl:attribute name="lang" select="$lang"/></xsl:if>
      <p>
        <a href="{$root}index.html"><xsl:value-of select="$edition-title"/></a>
        <xsl:if test="exists($te:editors)">, edited by <xsl:value-of select="te:and-list($te:editors)"/></xsl:if>
        <xsl:if test="$edition-publisher">. Published by <xsl:value-of select="$edition-publisher"/></xsl:if>
        <xsl:text>.</xsl:text>
      </p>
      <xsl:if test="$edition-licence">
        <p class="licence">Licence:
          <xsl:variable name="url" select="te:safe-url($edition-licence-url)"/>
          <xsl:choose>
            <xsl:when test="$url"><a rel="license" href="{$url}"><xsl:value-of select="$edition-licence"/></a></xsl:when>
            <xsl:otherwise><xsl:value-of select="$edition-licence"/></xsl:otherwise>
          </xsl:choose>
        </p>
      </xsl:if>
      <p class="generator">Made with <xsl:value-of select="$generator"/>.</p>
    </footer>
  </xsl:template>

</xsl:stylesheet>

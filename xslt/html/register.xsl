<?xml version="1.0" encoding="UTF-8"?>
<!--
  The register pages (tei_edition/site_registers.py makes the XML they are rendered from):

  <register-index kind="person" title="Persons">          registers/persons.html
    <register href="places.html" title="Places" current="false"/> ...
    <letter key="A"><item href="persons/x.html" count="3" note="…">Preferred</item></letter>
    <credit source="geonames"/>
  </register-index>

  <entry id="x" kind="person" register="Persons" index="../persons.html" n="1" of="2"
         mentions="250" preferred="…">                     registers/persons/x.html
    <name type="preferred" label="Preferred name" lang="ru-Cyrl">…</name>
    <life birth="1878" death="1953"/>  <role span="1959–1965">…</role>  <note>…</note>
    <authority label="Wikidata" href="https://www.wikidata.org/entity/Q855">Q855</authority>
    <credit source="geonames"/>                            (a GeoNames identifier is shown)
    <mention href="../../documents/d.html#m-3" title="…" date="…">
      <before>…</before><hit>…</hit><after>…</after></mention>
    <page n="1" href="x.html"/> <page n="2" href="x-2.html"/>
  </entry>
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:te="urn:tei-edition:html"
  exclude-result-prefixes="#all">

  <xsl:include href="html_params.xsl"/>
  <xsl:include href="html_chrome.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no"
              include-content-type="no" escape-uri-attributes="no"/>

  <xsl:template name="te:register-page">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="class" as="xs:string"/>
    <xsl:param name="content" as="node()*"/>
    <html lang="en">
      <xsl:call-template name="te:head">
        <xsl:with-param name="title" select="$title || ' · ' || $edition-title"/>
        <xsl:with-param name="root" select="$root"/>
      </xsl:call-template>
      <body class="{$class}">
        <xsl:call-template name="te:site-header">
          <xsl:with-param name="root" select="$root"/>
        </xsl:call-template>
        <main id="te-main">
          <xsl:sequence select="$content"/>
        </main>
        <xsl:call-template name="te:site-footer">
          <xsl:with-param name="root" select="$root"/>
        </xsl:call-template>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="/register-index">
    <xsl:call-template name="te:register-page">
      <xsl:with-param name="title" select="string(@title)"/>
      <xsl:with-param name="class" select="'page-register-index'"/>
      <xsl:with-param name="content">
        <article class="register-index">
          <h1><xsl:value-of select="@title"/></h1>
          <nav class="register-letters" aria-label="Jump to a letter">
            <ul>
              <xsl:for-each select="letter">
                <li><a href="#letter-{te:token(@key)}"><xsl:value-of select="@key"/></a></li>
              </xsl:for-each>
            </ul>
          </nav>
          <xsl:for-each select="letter">
            <section class="register-letter" id="letter-{te:token(@key)}">
              <h2><xsl:value-of select="@key"/></h2>
              <ul class="register-entries">
                <xsl:for-each select="item">
                  <li>
                    <a href="{@href}"><xsl:value-of select="."/></a>
                    <xsl:if test="@note"><span class="register-note"><xsl:text> — </xsl:text><xsl:value-of select="@note"/></span></xsl:if>
                    <span class="register-count"><xsl:text> (</xsl:text><xsl:value-of select="@count"/>
                      <xsl:value-of select="if (@count = '1') then ' mention)' else ' mentions)'"/></span>
                  </li>
                </xsl:for-each>
              </ul>
            </section>
          </xsl:for-each>
          <xsl:apply-templates select="credit"/>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- GeoNames' licence (CC BY 4.0) asks for its credit where its identifiers are shown -->
  <xsl:template match="credit[@source = 'geonames']">
    <p class="register-credit">Place identifiers from <a href="https://www.geonames.org/">GeoNames</a>,
      licensed <a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>.</p>
  </xsl:template>

  <xsl:template match="/entry">
    <xsl:call-template name="te:register-page">
      <xsl:with-param name="title" select="@preferred || (if (@n != '1') then ' (page ' || @n || ')' else '') || ' · ' || @register"/>
      <xsl:with-param name="class" select="'page-register-entry'"/>
      <xsl:with-param name="content">
        <article class="register-entry">
          <p class="register-up"><a href="{@index}"><xsl:value-of select="@register"/></a></p>
          <h1><xsl:value-of select="@preferred"/></h1>
          <dl class="register-facts">
            <xsl:for-each-group select="name[@type != 'preferred']" group-by="@label">
              <dt><xsl:value-of select="current-grouping-key()"/></dt>
              <xsl:for-each select="current-group()">
                <dd><xsl:if test="@lang"><xsl:attribute name="lang" select="@lang"/></xsl:if><xsl:value-of select="."/></dd>
              </xsl:for-each>
            </xsl:for-each-group>
            <xsl:for-each select="life">
              <dt>Dates</dt>
              <dd><xsl:value-of select="(if (@birth != '') then @birth else '?') || '–' || (if (@death != '') then @death else '')"/></dd>
            </xsl:for-each>
            <xsl:if test="role">
              <dt>Offices</dt>
              <xsl:for-each select="role">
                <dd><xsl:value-of select="."/><xsl:if test="@span != ''">, <xsl:value-of select="@span"/></xsl:if></dd>
              </xsl:for-each>
            </xsl:if>
            <xsl:for-each select="note">
              <dt>Note</dt><dd><xsl:value-of select="."/></dd>
            </xsl:for-each>
            <xsl:if test="authority">
              <dt>Authority records</dt>
              <xsl:for-each select="authority">
                <xsl:variable name="url" select="te:safe-url(@href)"/>
                <dd><xsl:value-of select="@label"/>: <xsl:choose>
                  <xsl:when test="$url"><a class="authority" href="{$url}"><xsl:value-of select="."/></a></xsl:when>
                  <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
                </xsl:choose></dd>
              </xsl:for-each>
            </xsl:if>
          </dl>
          <xsl:apply-templates select="credit"/>
          <section class="register-mentions">
            <h2>Mentions (<xsl:value-of select="@mentions"/>)</h2>
            <xsl:if test="@mentions = '0'"><p>No document of the edition names it.</p></xsl:if>
            <xsl:if test="mention">
              <ol class="mentions" start="{(xs:integer(@n) - 1) * 200 + 1}">
                <xsl:for-each select="mention">
                  <li>
                    <a href="{@href}"><xsl:value-of select="@title"/></a>
                    <xsl:if test="@date != ''"><span class="mention-date"><xsl:text>, </xsl:text><xsl:value-of select="@date"/></span></xsl:if>
                    <blockquote class="mention-context"><p><xsl:value-of select="before"/><mark><xsl:value-of select="hit"/></mark><xsl:value-of select="after"/></p></blockquote>
                  </li>
                </xsl:for-each>
              </ol>
            </xsl:if>
            <xsl:if test="count(page) gt 1">
              <nav class="pagination" aria-label="Pages of mentions">
                <ul>
                  <xsl:for-each select="page">
                    <li><xsl:choose>
                      <xsl:when test="@n = ../@n"><span aria-current="page"><xsl:value-of select="@n"/></span></xsl:when>
                      <xsl:otherwise><a href="{@href}"><xsl:value-of select="@n"/></a></xsl:otherwise>
                    </xsl:choose></li>
                  </xsl:for-each>
                </ul>
              </nav>
            </xsl:if>
          </section>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>

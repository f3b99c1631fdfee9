<?xml version="1.0" encoding="UTF-8"?>
<!--
  The parameters every page takes from the site builder (tei_edition/site.py): the edition
  (edition.toml) and where the page sits in the site. Each has a plain default, so that a
  lone document renders too.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:te="urn:tei-edition:html"
  exclude-result-prefixes="#all">

  <!-- The edition (edition.toml) -->
  <xsl:param name="edition-title" as="xs:string" select="'Untitled edition'"/>
  <!-- editors, one per line -->
  <xsl:param name="edition-editors" as="xs:string" select="''"/>
  <xsl:param name="edition-publisher" as="xs:string" select="''"/>
  <xsl:param name="edition-licence" as="xs:string" select="''"/>
  <xsl:param name="edition-licence-url" as="xs:string" select="''"/>
  <xsl:param name="edition-base-url" as="xs:string" select="''"/>
  <!-- Where this page sits in the site: the way back to the site root, and its own path. -->
  <xsl:param name="root" as="xs:string" select="'../'"/>
  <xsl:param name="page-path" as="xs:string" select="''"/>
  <!-- The TEI XML the site publishes, relative to the page: the download (a zip, which no
       browser renders) and the page that shows it as text. -->
  <xsl:param name="xml-href" as="xs:string" select="''"/>
  <xsl:param name="source-href" as="xs:string" select="''"/>
  <!-- "Cite this document" (tei_edition/citation.py): Chicago in two parts around the
       edition's title, BibTeX, CSL-JSON. Without them the page has no citation section. -->
  <xsl:param name="cite-chicago-before" as="xs:string" select="''"/>
  <xsl:param name="cite-chicago-after" as="xs:string" select="''"/>
  <xsl:param name="cite-bibtex" as="xs:string" select="''"/>
  <xsl:param name="cite-csl" as="xs:string" select="''"/>
  <xsl:param name="generator" as="xs:string" select="'tei-edition'"/>
  <!-- A page of a volume (tei_edition/volumes.py: a file of many documents): the part's id
       (its page's name and the anchor of its text) and title; its volume's page and its
       neighbours (href and title); the ids its links point at on other pages, one
       "ID PAGE" a line ("d5 d5.html"). Empty for a page of its own. -->
  <xsl:param name="part-id" as="xs:string" select="''"/>
  <xsl:param name="part-title" as="xs:string" select="''"/>
  <xsl:param name="volume-href" as="xs:string" select="''"/>
  <xsl:param name="volume-title" as="xs:string" select="''"/>
  <xsl:param name="previous-href" as="xs:string" select="''"/>
  <xsl:param name="previous-title" as="xs:string" select="''"/>
  <xsl:param name="next-href" as="xs:string" select="''"/>
  <xsl:param name="next-title" as="xs:string" select="''"/>
  <xsl:param name="links" as="xs:string" select="''"/>

  <!-- The register index pages the site's header links to (tei_edition/site_registers.py),
       one "PATH TITLE" a line, PATH from the site root ("registers/persons.html Persons");
       empty: the edition has no registers. -->
  <xsl:param name="registers" as="xs:string" select="''"/>
  <!-- The register entries a document page names: "REF<TAB>PAGE<TAB>PREFERRED NAME" a line
       ("per:x	registers/persons/x.html	Stalin, Joseph"); html_names.xsl links those. -->
  <xsl:param name="register-names" as="xs:string" select="''"/>

  <xsl:variable name="te:editors" as="xs:string*"
      select="tokenize($edition-editors, '\n')[normalize-space()]"/>

</xsl:stylesheet>

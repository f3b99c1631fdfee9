<?xml version="1.0" encoding="UTF-8"?>
<!--
  How the HTML edition shows an editorial intervention (TEI "Representation of Primary
  Sources": gap, supplied, unclear, choice, sic, expan, stamp, add, notes). What each one
  means comes from xslt/common/editorial.xsl, which calls the two named templates here.

  An intervention is a focusable span that holds
    - the text as translated, with the source's brackets in spans of class ed-br
      ("[the memorandum]", "[...]", "Wulumqi [Urumqi]"),
    - where the reading text differs, a second copy (class ed-rd: "…", "Urumqi"),
    - its explanation (class ed-x), shown on hover and on keyboard focus and named by
      aria-describedby, so that a screen reader says it too.
  The reading switch (assets/edition.js) sets data-reading on the body; the CSS then hides
  the brackets and the as-translated copies. Notes become numbered footnotes with back-links;
  the ledger at the end lists every intervention of the document.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:tei-edition:editorial"
  xmlns:te="urn:tei-edition:html"
  exclude-result-prefixes="#all">

  <xsl:template name="ed:intervention">
    <xsl:param name="element" as="element()"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="explanation" as="xs:string"/>
    <xsl:param name="before" as="xs:string"/>
    <xsl:param name="after" as="xs:string"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="source" as="node()*"/>
    <xsl:param name="reading" as="node()*"/>
    <xsl:variable name="hid" select="te:html-id($element, $kind)"/>
    <!-- The reading text differs from the text as translated only where common/ gives an
         element a template of its own in the modes ed:source and ed:reading (gap, choice,
         sic, inline note); everywhere else one copy serves both, brackets apart. -->
    <xsl:variable name="same" select="not($element[self::tei:gap or self::tei:choice
        or self::tei:sic or self::tei:note])"/>
    <span id="{$hid}" class="ed ed-{$kind}{if ($element/self::tei:ex) then ' ed-ex' else ''}{
          if (not($same) and not($reading/node())) then ' ed-no-reading' else ''}"
          tabindex="0" aria-describedby="{$hid}-x">
      <xsl:choose>
        <xsl:when test="$same">
          <xsl:call-template name="te:as-translated">
            <xsl:with-param name="element" select="$element"/>
            <xsl:with-param name="kind" select="$kind"/>
            <xsl:with-param name="before" select="$before"/>
            <xsl:with-param name="after" select="$after"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <span class="ed-as">
            <xsl:call-template name="te:as-translated">
              <xsl:with-param name="element" select="$element"/>
              <xsl:with-param name="kind" select="$kind"/>
              <xsl:with-param name="before" select="$before"/>
              <xsl:with-param name="after" select="$after"/>
            </xsl:call-template>
          </span>
          <span class="ed-rd"><xsl:apply-templates select="$reading" mode="te:copy-without-ids"/></span>
        </xsl:otherwise>
      </xsl:choose>
      <span class="ed-x" role="tooltip" id="{$hid}-x"><xsl:value-of select="$explanation"/></span>
    </span>
  </xsl:template>

  <!-- The intervention as translated: the source's brackets around its content. The content
       is common's $source (the element in the mode ed:source), written straight into the
       page rather than through a temporary tree; a gap that is not an omission shows what
       the source has there: [signature]. -->
  <xsl:template name="te:as-translated">
    <xsl:param name="element" as="element()"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="before" as="xs:string"/>
    <xsl:param name="after" as="xs:string"/>
    <xsl:if test="$before"><span class="ed-br"><xsl:value-of select="$before"/></span></xsl:if>
    <xsl:choose>
      <xsl:when test="$element/self::tei:gap and $kind ne 'omitted'">
        <xsl:value-of select="(normalize-space(string-join($element/tei:desc, ' '))[.], string($element/@reason)[.], 'gap')[1]"/>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates select="$element" mode="ed:source"/></xsl:otherwise>
    </xsl:choose>
    <xsl:if test="$after"><span class="ed-br"><xsl:value-of select="$after"/></span></xsl:if>
  </xsl:template>

  <!-- The reading copy must not repeat the ids of the as-translated copy. -->
  <xsl:mode name="te:copy-without-ids" on-no-match="shallow-copy"/>
  <xsl:template match="@id | @aria-describedby" mode="te:copy-without-ids"/>

  <!-- The HTML id of an intervention: common's ed:id (its xml:id, else kind and position
       among the text's interventions of that kind: ed-supplied-2), made unique where an
       intervention sits inside another of its kind ([[...]]: ed-supplied-1-in1) and for the
       letters of an expansion (ex: ed-expansion-1-ex-2).
       te:ed-id counts as ed:id does, through common's key of the interventions by kind (built
       once per document: a page has to render in a few milliseconds), and takes the nearest
       text of each, so that a text inside a text (group) does not stop it; tests/test_html.py
       checks that the two agree. -->
  <!-- The elements that common/ may give a kind (ed:kind decides). -->
  <xsl:function name="te:candidate" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e[self::tei:gap or self::tei:supplied or self::tei:unclear
        or self::tei:choice or self::tei:sic or self::tei:expan or self::tei:stamp or self::tei:add
        or self::tei:note])"/>
  </xsl:function>

  <xsl:function name="te:ed-id" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="if ($e/@xml:id) then string($e/@xml:id)
        else 'ed-' || $kind || '-' || (count((key('ed:by-kind', $kind, root($e))[. &lt;&lt; $e]
            except $e/ancestor::*)[ancestor::tei:text[1] is $e/ancestor::tei:text[1]]) + 1)"/>
  </xsl:function>

  <!-- cache="yes": the ledger asks again for the id of each intervention the text showed -->
  <xsl:function name="te:html-id" as="xs:string" cache="yes">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:choose>
      <xsl:when test="$e/self::tei:ex">
        <xsl:variable name="outer" select="$e/ancestor::*[te:candidate(.)][exists(ed:kind(.))][1]"/>
        <xsl:sequence select="(if ($outer) then te:html-id($outer, ed:kind($outer)) else 'ed')
                              || '-' || local-name($e) || '-'
                              || (count($e/preceding-sibling::*[local-name() = local-name($e)]) + 1)"/>
      </xsl:when>
      <xsl:when test="$e/@xml:id">
        <xsl:sequence select="string($e/@xml:id)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="depth" select="count($e/ancestor::*[te:candidate(.)][ed:kind(.) = $kind])"/>
        <xsl:sequence select="te:ed-id($e, $kind) || (if ($depth) then '-in' || $depth else '')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- Footnotes ============================================================================ -->

  <!-- A note that is a block of the text (a distribution list at the head of a cable) stays
       where it is; every other note that is not inline is a footnote. -->
  <xsl:function name="te:in-place" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="not($note/@place) and ($note/@type = ('distribution', 'transmission')
                          or $note/(tei:list | tei:p | tei:table))"/>
  </xsl:function>

  <xsl:template match="tei:note[te:in-place(.)]" priority="3">
    <div class="{string-join(('tei-note', @type ! ('note-' || te:token(.))), ' ')}">
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:variable name="te:footnotes" as="element(tei:note)*"
      select="/tei:TEI/tei:text//tei:note[not(@place = 'inline')][not(te:in-place(.))]"/>

  <xsl:function name="te:fn-index" as="xs:integer">
    <xsl:param name="note" as="element()"/>
    <!-- A note inside a note comes after it (its ancestor precedes it in document order). -->
    <xsl:sequence select="count(key('ed:by-kind', 'note', root($note))[. &lt;&lt; $note]
        [not(te:in-place(.))][ancestor::tei:text]) + 1"/>
  </xsl:function>

  <xsl:template name="ed:footnote">
    <xsl:param name="n" as="xs:string"/>
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="k" select="te:fn-index($element)"/>
    <a class="fn-ref" id="fnref-{$k}" href="#fn-{$k}" role="doc-noteref"
       aria-label="Note {$n}"><sup><xsl:value-of select="$n"/></sup></a>
  </xsl:template>

  <xsl:template name="te:footnotes">
    <xsl:if test="exists($te:footnotes)">
      <section class="footnotes" aria-labelledby="te-notes-h" role="doc-endnotes">
        <h2 id="te-notes-h">Notes</h2>
        <ol class="plain">
          <xsl:for-each select="$te:footnotes">
            <xsl:variable name="k" select="te:fn-index(.)"/>
            <li id="fn-{$k}" role="doc-endnote">
              <span class="fn-n"><xsl:value-of select="(@n, $k)[1]"/>.</span>
              <xsl:text> </xsl:text>
              <xsl:if test="@type = ('translator', 'editorial')">
                <span class="fn-by"><xsl:value-of select="if (@type = 'translator') then 'Translator’s note' else 'Editors’ note'"/>: </span>
              </xsl:if>
              <xsl:apply-templates/>
              <xsl:text> </xsl:text>
              <a class="fn-back" href="#fnref-{$k}" role="doc-backlink"
                 aria-label="Back to the text of note {(@n, $k)[1]}">↩</a>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- The intervention ledger =============================================================== -->

  <xsl:variable name="te:kind-labels" as="map(xs:string, xs:string)" select="map {
      'omitted': 'Omission', 'illegible': 'Illegible', 'physical': 'Not transcribed',
      'identification': 'Identification', 'uncertain': 'Uncertain reading',
      'supplied': 'Supplied', 'unclear': 'Unclear', 'gloss': 'Spelling', 'sic': 'Sic',
      'expansion': 'Expansion', 'choice': 'Alternatives', 'stamp': 'Stamp', 'handwritten': 'Handwriting',
      'remark': 'Remark', 'note': 'Note' }"/>

  <!-- The ledger lists what common's ed:interventions() lists: every intervention that is
       not inside another (notes apart: a note's own interventions are listed after it), in
       the order of the text; tests/test_html.py checks that the two lists agree. The text is
       written straight into the page, so the ledger finds the text's interventions in the
       TEI (mode te:items) and works their rows out from it; a footnote's own interventions
       are read back from the rendered footnote. -->
  <xsl:key name="te:html-id" match="*[@id]" use="@id"/>

  <xsl:template name="te:ledger">
    <xsl:param name="tei" as="element()"/>
    <xsl:param name="notes-html" as="document-node()"/>
    <xsl:variable name="items" as="element()*">
      <xsl:apply-templates select="$tei/tei:text" mode="te:items"/>
    </xsl:variable>
    <xsl:variable name="in-notes" select="$notes-html/descendant::span[starts-with(@class, 'ed ')]
        [not(ancestor::span[starts-with(@class, 'ed ')])][not(contains(@class || ' ', ' ed-ex '))]"/>
    <xsl:variable name="count" select="count($items) + count($in-notes)"/>
    <section class="ledger" aria-labelledby="te-ledger-h">
      <h2 id="te-ledger-h">Editorial interventions</h2>
      <xsl:choose>
        <xsl:when test="$count = 0">
          <p>The editors and the translator made no interventions in this text.</p>
        </xsl:when>
        <xsl:otherwise>
          <p><xsl:value-of select="$count"/> intervention<xsl:value-of select="if ($count = 1) then '' else 's'"/>
            in the order of the text.</p>
          <div class="table-scroll">
          <table class="ledger-table">
            <xsl:call-template name="te:ledger-head"/>
            <tbody>
              <xsl:for-each select="$items">
                <xsl:variable name="where" select="te:where(.)"/>
                <xsl:choose>
                  <xsl:when test="self::tei:note[not(@place = 'inline')]">
                    <xsl:variable name="k" select="te:fn-index(.)"/>
                    <xsl:variable name="li" select="key('te:html-id', 'fn-' || $k, $notes-html)"/>
                    <tr>
                      <td><a href="#fnref-{$k}"><xsl:value-of select="$where"/></a></td>
                      <td><xsl:value-of select="$te:kind-labels('note')"/></td>
                      <td class="ledger-source"><xsl:value-of select="te:as-translated($li)"/></td>
                      <td><xsl:value-of select="ed:explanation($te:footnotes[$k])"/></td>
                    </tr>
                    <xsl:for-each select="$li//span[starts-with(@class, 'ed ')]
                        [not(ancestor::span[starts-with(@class, 'ed ')])][not(contains(@class || ' ', ' ed-ex '))]">
                      <xsl:call-template name="te:ledger-row">
                        <xsl:with-param name="where" select="$where"/>
                      </xsl:call-template>
                    </xsl:for-each>
                  </xsl:when>
                  <xsl:otherwise>
                    <xsl:variable name="kind" select="ed:kind(.)"/>
                    <tr>
                      <td><a href="#{te:html-id(., $kind)}"><xsl:value-of select="$where"/></a></td>
                      <td><xsl:value-of select="($te:kind-labels($kind), $kind)[1]"/></td>
                      <td class="ledger-source"><xsl:value-of select="te:words(., $kind)"/></td>
                      <td><xsl:value-of select="ed:explanation(., $kind)"/></td>
                    </tr>
                  </xsl:otherwise>
                </xsl:choose>
              </xsl:for-each>
            </tbody>
          </table>
          </div>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- The ledger's column heads: the same on every page. -->
  <xsl:template name="te:ledger-head">
    <thead>
      <tr><th scope="col">Where</th><th scope="col">Kind</th><th scope="col">As translated</th><th scope="col">Explanation</th></tr>
    </thead>
  </xsl:template>

  <!-- The interventions the rendered text shows at its top level (spans of class "ed" that
       are in no other, footnote references), in the order the page shows them: this mode
       walks the text as the default mode renders it, and must follow it where a template
       leaves content out or moves it (lists, tables, figures, empty elements). -->
  <xsl:template match="tei:gap | tei:supplied | tei:unclear | tei:choice
                       | tei:sic[not(parent::tei:choice)] | tei:expan[not(parent::tei:choice)]
                       | tei:stamp | tei:add | tei:note[not(te:in-place(.))]" mode="te:items">
    <xsl:sequence select="."/>
  </xsl:template>
  <!-- letters of an expansion outside one: shown, not listed -->
  <xsl:template match="tei:ex" mode="te:items"/>
  <xsl:template match="tei:lb | tei:pb | tei:cb | tei:milestone | tei:anchor | tei:ptr
                       | tei:graphic | tei:media | tei:binaryObject" mode="te:items"/>
  <xsl:template match="tei:list" mode="te:items">
    <xsl:apply-templates select="tei:head, * except tei:head" mode="te:items"/>
  </xsl:template>
  <xsl:template match="tei:table" mode="te:items">
    <xsl:apply-templates select="tei:head, tei:row" mode="te:items"/>
  </xsl:template>
  <xsl:template match="tei:row" mode="te:items">
    <xsl:apply-templates select="tei:cell" mode="te:items"/>
  </xsl:template>
  <xsl:template match="tei:figure" mode="te:items">
    <xsl:apply-templates select="tei:figDesc | tei:p, tei:head/*" mode="te:items"/>
  </xsl:template>
  <xsl:template match="*" mode="te:items">
    <xsl:apply-templates select="*" mode="te:items"/>
  </xsl:template>

  <!-- A row of the ledger for a rendered intervention of a footnote. -->
  <xsl:template name="te:ledger-row">
    <xsl:param name="where" as="xs:string"/>
    <xsl:variable name="kind" select="substring-after(tokenize(@class, ' ')[2], 'ed-')"/>
    <tr>
      <td><a href="#{@id}"><xsl:value-of select="$where"/></a></td>
      <td><xsl:value-of select="($te:kind-labels($kind), $kind)[1]"/></td>
      <td class="ledger-source"><xsl:value-of select="te:as-translated(.)"/></td>
      <td><xsl:value-of select="span[@class = 'ed-x']"/></td>
    </tr>
  </xsl:template>

  <!-- Where an intervention of the text is: "¶ 3" in a numbered paragraph (a p with an
       xml:id), else the part of the cable it is rendered in ("Opener", "Closer",
       "Postscript", "List", "Quote": an element shown with the class tei-opener, tei-closer,
       tei-postscript, tei-quote or tei-list..., the fallback's too), else "Text". A list's
       head is rendered before the list, not in it. -->
  <xsl:function name="te:where" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="p" select="$e/ancestor::tei:p[@xml:id][1]"/>
    <xsl:choose>
      <xsl:when test="$p">
        <xsl:sequence select="'¶ ' || (if (matches($p/@xml:id, '^p\d+$')) then substring($p/@xml:id, 2) else $p/@xml:id)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="part" select="$e/ancestor::*[local-name() = ('opener', 'closer',
            'postscript', 'quote') or starts-with(local-name(), 'list')]
            [not(. intersect $e/ancestor::tei:head/parent::tei:list)][1]"/>
        <xsl:sequence select="if ($part) then te:type-label(local-name($part)) else 'Text'"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- The words of an intervention of the text as translated, brackets included, as plain
       text: what te:as-translated() reads from its rendering (te:as-translated, the mode
       ed:source). Content of text and line breaks (and letters of an expansion) gives them
       without being rendered again; other content is rendered again and read. -->
  <xsl:function name="te:words" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="kind" as="xs:string"/>
    <!-- what the mode ed:source shows of it (where templates tie, the last one wins) -->
    <xsl:variable name="parts" as="item()*" select="
        if ($e/self::tei:gap) then
          if ($kind ne 'omitted') then (normalize-space(string-join($e/tei:desc, ' '))[.], string($e/@reason)[.], 'gap')[1] else ()
        else if ($e/self::tei:choice[tei:abbr]) then $e/tei:expan/node()
        else if ($e/self::tei:choice[tei:sic]) then ($e/tei:sic/node(), ' [sic]')
        else if ($e/self::tei:choice[tei:orig]) then ($e/tei:orig/node(), ' [', $e/tei:reg/node(), ']')
        else if ($e/self::tei:sic) then ($e/node(), ' [sic]')
        else $e/node()"/>
    <xsl:choose>
      <xsl:when test="every $n in $parts[. instance of element()] satisfies $n[self::tei:lb or self::tei:ex[not(*)]]">
        <xsl:sequence select="normalize-space(ed:before($e, $kind) || string-join($parts !
            (if (. instance of xs:string) then . else if (self::text()) then string(.)
             else if (self::tei:lb) then ' ' else if (self::tei:ex) then '[' || string(.) || ']' else ''), '')
            || ed:after($e, $kind))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="rendered">
          <span>
            <xsl:call-template name="te:as-translated">
              <xsl:with-param name="element" select="$e"/>
              <xsl:with-param name="kind" select="$kind"/>
              <xsl:with-param name="before" select="ed:before($e, $kind)"/>
              <xsl:with-param name="after" select="ed:after($e, $kind)"/>
            </xsl:call-template>
          </span>
        </xsl:variable>
        <xsl:sequence select="te:as-translated($rendered/span)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- The words of an intervention as translated, brackets included, as plain text, read
       from its rendering: its text without the explanation and without the reading copy. -->
  <xsl:function name="te:as-translated" as="xs:string">
    <xsl:param name="span" as="element()?"/>
    <xsl:variable name="words" as="xs:string*">
      <xsl:apply-templates select="$span/node()" mode="te:words"/>
    </xsl:variable>
    <xsl:sequence select="normalize-space(string-join($words, ''))"/>
  </xsl:function>
  <xsl:mode name="te:words" on-no-match="text-only-copy"/>
  <xsl:template match="span[@class = ('ed-x', 'ed-rd', 'fn-n', 'fn-by')] | a[@class = 'fn-back']"
                mode="te:words"/>
  <xsl:template match="br" mode="te:words"><xsl:sequence select="' '"/></xsl:template>
  <xsl:template match="text()" mode="te:words"><xsl:sequence select="string(.)"/></xsl:template>

</xsl:stylesheet>

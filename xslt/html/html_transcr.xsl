<?xml version="1.0" encoding="UTF-8"?>
<!--
  How the HTML edition shows an editorial intervention (TEI "Representation of Primary
  Sources": gap, supplied, unclear, choice, sic, expan, stamp, add, notes). What each one
  means comes from the table of editorial kinds (tei_edition/kinds.py, as
  xslt/common/kinds.xsl) through xslt/common/editorial.xsl, which calls the hooks here:
  ed:intervention, ed:mark, ed:words, ed:footnote, ed:note-block. This module renders the
  parts it is handed and never asks what kind an intervention is (the kind's name is only
  a CSS class and part of an id).

  An intervention is a focusable span that holds
    - the text as translated, with the source's brackets in spans of class ed-br
      ("[the memorandum]", "[...]", "Wulumqi [Urumqi]": every mark of the mode
      ed:as-translated, through ed:mark),
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
    <xsl:param name="classes" as="xs:string"/>
    <xsl:param name="listed" as="xs:boolean"/>
    <xsl:param name="own-reading" as="xs:boolean"/>
    <xsl:param name="explanation" as="xs:string"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="hid" select="te:html-id($element, $kind)"/>
    <!-- other TEI: the element's general meaning (common/general.xsl), not the kind's -->
    <xsl:variable name="explanation" select="(ed:general-explanation($element), $explanation)[1]"/>
    <xsl:variable name="classes" select="string-join(($classes,
        $element[ed:general(.)] ! ('tei-' || local-name(.)),
        $element[ed:general(.)]/@place ! tokenize(.) ! ('place-' || te:token(.))), ' ')"/>
    <!-- Where the reading text is the content less the brackets, one copy serves both (the
         CSS hides the brackets); else the reading text is a second copy. -->
    <xsl:variable name="reading" as="node()*">
      <xsl:if test="$own-reading">
        <xsl:apply-templates select="$element" mode="ed:reading"/>
      </xsl:if>
    </xsl:variable>
    <span id="{$hid}" class="ed {$classes}{
          if ($own-reading and empty($reading)) then ' ed-no-reading' else ''}"
          tabindex="0" aria-describedby="{$hid}-x">
      <xsl:choose>
        <xsl:when test="not($own-reading)">
          <xsl:apply-templates select="$element" mode="ed:as-translated"/>
        </xsl:when>
        <xsl:otherwise>
          <span class="ed-as"><xsl:apply-templates select="$element" mode="ed:as-translated"/></span>
          <span class="ed-rd"><xsl:apply-templates select="$reading" mode="te:copy-without-ids"/></span>
        </xsl:otherwise>
      </xsl:choose>
      <span class="ed-x" role="tooltip" id="{$hid}-x"><xsl:value-of select="$explanation"/></span>
    </span>
  </xsl:template>

  <!-- The parts of an intervention as translated (xslt/common/kinds.xsl hands them over): a
       mark of the source in a span of class ed-br, which the reading text hides; words, the
       source's and the translator's alike, as they are. -->
  <xsl:template name="ed:mark">
    <xsl:param name="text" as="xs:string"/>
    <xsl:if test="$text"><span class="ed-br"><xsl:value-of select="$text"/></span></xsl:if>
  </xsl:template>

  <xsl:template name="ed:words">
    <xsl:param name="role" as="xs:string"/>
    <xsl:param name="content" as="item()*"/>
    <xsl:apply-templates select="$content"/>
  </xsl:template>

  <!-- The reading copy must not repeat the ids of the as-translated copy. -->
  <xsl:mode name="te:copy-without-ids" on-no-match="shallow-copy"/>
  <xsl:template match="@id | @aria-describedby" mode="te:copy-without-ids"/>

  <!-- The HTML id of an intervention: common's ed:id (its xml:id, else kind and position
       among the text's interventions of that kind: ed-supplied-2), made unique where an
       intervention sits inside another of its kind ([[...]]: ed-supplied-1-in1) and for the
       letters of an expansion (ex: ed-expansion-1-ex-2).
       te:ed-id counts as ed:id does, through common's key of the interventions by kind (built
       once per document: a page has to render in a few milliseconds), and takes the
       outermost text of each (an original and its translation, text/group/text, are counted
       together: their ids differ); tests/test_html.py checks that the two agree. -->
  <xsl:function name="te:ed-id" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="if ($e/@xml:id) then string($e/@xml:id)
        else 'ed-' || $kind || '-' || (if ($e/ancestor::tei:sourceDoc) then 's' else '') || (count((key('ed:by-kind', $kind, root($e))[. &lt;&lt; $e]
            except $e/ancestor::*)[(ancestor::tei:text[last()], ancestor::tei:sourceDoc)[1]
                  is ($e/ancestor::tei:text[last()], $e/ancestor::tei:sourceDoc)[1]]) + 1)"/>
  </xsl:function>

  <!-- cache="yes": the ledger asks again for the id of each intervention the text showed.
       The cache gains about 1.7% of a page's instructions (bench/html_pages.py under
       callgrind, median of rounds): less than the 10% a shortcut needs, but without it a page
       costs about 15.5% more than at 99422f8, past the 15% allowed (with it about 13.6%). -->
  <xsl:function name="te:html-id" as="xs:string" cache="yes">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:variable name="k" select="ed:kind($e)"/>
    <xsl:choose>
      <xsl:when test="empty($k)">
        <!-- an intervention that is part of another (the letters of an expansion) -->
        <xsl:variable name="outer" select="$e/ancestor::*[exists(ed:kind(.))][1]"/>
        <xsl:sequence select="(if ($outer) then te:html-id($outer, ed:kind($outer)) else 'ed')
                              || '-' || local-name($e) || '-'
                              || (count($e/preceding-sibling::*[local-name() = local-name($e)]) + 1)"/>
      </xsl:when>
      <xsl:when test="$e/@xml:id">
        <xsl:sequence select="string($e/@xml:id)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="depth" select="count(key('ed:by-kind', $kind, root($e)) intersect $e/ancestor::*)"/>
        <xsl:sequence select="te:ed-id($e, $kind) || (if ($depth) then '-in' || $depth else '')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- Footnotes ============================================================================ -->

  <!-- A note that is a block of the text (a distribution list at the head of a cable:
       common's ed:block-note) stays where it is; every other note that is not inline is a
       footnote. -->
  <xsl:template name="ed:note-block">
    <xsl:param name="element" as="element()"/>
    <div class="{string-join(('tei-note', $element/@type ! ('note-' || te:token(.))), ' ')}">
      <xsl:apply-templates select="$element/node()"/>
    </div>
  </xsl:template>

  <xsl:variable name="te:footnotes" as="element(tei:note)*"
      select="/tei:TEI/tei:text//tei:note[ed:is-footnote(.)][not(ed:in-place-note(.))]"/>


  <xsl:template name="ed:footnote">
    <xsl:param name="n" as="xs:string"/>
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="k" select="ed:footnote-position($element)"/>
    <a class="fn-ref" id="fnref-{$k}" href="#fn-{$k}" role="doc-noteref"
       aria-label="Note {$n}"><sup><xsl:value-of select="$n"/></sup></a>
  </xsl:template>

  <xsl:template name="te:footnotes">
    <xsl:if test="exists($te:footnotes)">
      <section class="footnotes" aria-labelledby="te-notes-h" role="doc-endnotes">
        <h2 id="te-notes-h">Notes</h2>
        <ol class="plain">
          <xsl:for-each select="$te:footnotes">
            <xsl:variable name="k" select="ed:footnote-position(.)"/>
            <li id="fn-{$k}" role="doc-endnote">
              <span class="fn-n"><xsl:value-of select="(@n, $k)[1]"/>.</span>
              <xsl:text> </xsl:text>
              <xsl:if test="@type = ('translator', 'editorial')">
                <span class="fn-by"><xsl:value-of select="if (@type = 'translator') then 'Translator’s note' else 'Editors’ note'"/>: </span>
              </xsl:if>
              <!-- the words of a note of a text in another language than the page's (a
                   transcription's own endnote) say their language -->
              <xsl:variable name="lang" select="(ancestor::*/@xml:lang)[last()][te:is-lang(.)][. ne $te:text-lang]"/>
              <xsl:choose>
                <xsl:when test="$lang"><span lang="{$lang}"><xsl:apply-templates/></span></xsl:when>
                <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
              </xsl:choose>
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

  <!-- The ledger lists what common's ed:interventions() lists: every intervention that is
       not inside another (notes apart: a note's own interventions are listed after it), in
       the order of the text; tests/test_html.py checks that the two lists agree. The text is
       written straight into the page, so the ledger finds the interventions in the TEI (mode
       te:items) and works their rows out from it, the footnotes' own too. -->
  <xsl:key name="te:html-id" match="*[@id]" use="@id"/>

  <xsl:template name="te:ledger">
    <xsl:param name="tei" as="element()"/>
    <xsl:param name="notes-html" as="document-node()"/>
    <xsl:variable name="items" as="element()*">
      <xsl:apply-templates select="$tei/tei:text" mode="te:items"/>
    </xsl:variable>
    <!-- a footnote's own interventions, listed after it (a note inside it is a footnote of
         its own, not listed there) -->
    <xsl:variable name="in-notes" as="element()*">
      <xsl:apply-templates select="$items[ed:is-footnote(.)]/*" mode="te:items"/>
    </xsl:variable>
    <xsl:variable name="in-notes" select="$in-notes[not(ed:is-footnote(.))]"/>
    <xsl:variable name="count" select="count($items) + count($in-notes)"/>
    <section class="ledger" aria-labelledby="te-ledger-h">
      <h2 id="te-ledger-h">Editorial interventions</h2>
      <xsl:choose>
        <xsl:when test="$count = 0">
          <p><xsl:value-of select="if (ed:own-encoding($tei)) then 'The editors and the translator made no interventions in this text.'
              else 'No editorial interventions are marked in this text.'"/></p>
        </xsl:when>
        <xsl:otherwise>
          <p><xsl:value-of select="$count"/> intervention<xsl:value-of select="if ($count = 1) then '' else 's'"/>
            in the order of the text.</p>
          <div class="table-scroll">
          <table class="ledger-table">
            <xsl:call-template name="te:ledger-head"/>
            <tbody>
              <xsl:for-each select="$items">
                <xsl:choose>
                  <xsl:when test="ed:is-footnote(.)">
                    <xsl:variable name="footnote" select="."/>
                    <xsl:variable name="k" select="ed:footnote-position(.)"/>
                    <tr>
                      <td><a href="#fnref-{$k}"><xsl:value-of select="ed:where(.)"/></a></td>
                      <td><xsl:value-of select="ed:label(ed:kind(.))"/></td>
                      <td class="ledger-source"><xsl:value-of select="te:as-translated(key('te:html-id', 'fn-' || $k, $notes-html))"/></td>
                      <td><xsl:value-of select="ed:explanation-of(., ed:kind(.))"/></td>
                    </tr>
                    <xsl:for-each select="$in-notes[ancestor::tei:note[ed:is-footnote(.)][1] is $footnote]">
                      <xsl:call-template name="te:ledger-row"/>
                    </xsl:for-each>
                  </xsl:when>
                  <xsl:otherwise>
                    <xsl:call-template name="te:ledger-row"/>
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

  <!-- A row of the ledger: an intervention (the context item) that is not a footnote. -->
  <xsl:template name="te:ledger-row">
    <xsl:variable name="kind" select="ed:kind(.)"/>
    <tr>
      <td><a href="#{te:html-id(., $kind)}"><xsl:value-of select="ed:where(.)"/></a></td>
      <td><xsl:value-of select="ed:label($kind)"/></td>
      <td class="ledger-source"><xsl:value-of select="ed:as-translated-text(.)"/></td>
      <td><xsl:value-of select="ed:explanation-of(., $kind)"/></td>
    </tr>
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
  <xsl:template _match="({$ed:candidates})[exists(ed:kind(.))]" mode="te:items">
    <xsl:sequence select="."/>
  </xsl:template>
  <!-- a note of other TEI shown in place (ed:in-place-note) is no footnote: its own
       interventions are the text's -->
  <xsl:template match="tei:note[ed:in-place-note(.)]" mode="te:items" priority="3">
    <xsl:apply-templates select="*" mode="te:items"/>
  </xsl:template>
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
    <xsl:apply-templates select="tei:graphic | tei:figDesc | tei:p, tei:head/*" mode="te:items"/>
  </xsl:template>
  <xsl:template match="*" mode="te:items">
    <xsl:apply-templates select="*" mode="te:items"/>
  </xsl:template>

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

  <!-- Notes of other TEI placed by @place: inline where they stand (FRUS's source note,
       rend="inline"), in the margin floated beside the text (edition.css, .note-margin). -->
  <xsl:template match="tei:note[ed:in-place-note(.)]">
    <xsl:variable name="place" select="if (tokenize(@place) = ('inline') or not(@place)) then 'inline'
        else if (tokenize(@place) = ('above', 'below', 'interlinear')) then 'interlinear' else 'margin'"/>
    <xsl:element name="{if (ed:note-holds-block(.)) then 'div' else 'span'}">
      <xsl:attribute name="class" select="string-join(('tei-note', 'note-' || $place,
          @type ! ('note-' || te:token(.))), ' ')"/>
      <xsl:apply-templates select="@xml:lang" mode="te:lang"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:function name="ed:note-holds-block" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="exists($note/(tei:p | tei:list | tei:table | tei:lg | tei:quote[tei:p]))"/>
  </xsl:function>

  <!-- The transcription of a hand's work (TEI "Representation of Primary Sources"), in any
       TEI: a deletion struck through (hidden in the reading text), a substitution as its
       deletion and addition, a modification, a restoration, damage, and a change of hand
       announced where it happens. An addition is an intervention of common's table
       (ed:intervention: ⟨yet⟩ with "Added above the line by hand h2."). -->
  <xsl:template match="tei:del">
    <del class="{string-join(('tei-del', 'ed-del', tokenize(@rend) ! ('rend-' || te:token(.))), ' ')}"
         title="{'Deleted' || ed:by-hand(.) || string-join(@rend ! (' (' || normalize-space(.) || ')')) || '.'}">
      <xsl:apply-templates/>
    </del>
  </xsl:template>

  <xsl:template match="tei:subst | tei:restore | tei:mod | tei:damage | tei:retrace | tei:redo | tei:undo">
    <xsl:variable name="what" select="map { 'subst': 'A substitution', 'restore': 'Restored after deletion',
        'mod': 'Modified', 'damage': 'Damaged', 'retrace': 'Retraced', 'redo': 'Redone', 'undo': 'Undone' }(local-name())"/>
    <span class="tei-{local-name()}"
          title="{$what || ed:by-hand(.) || string-join((@agent, @type) ! (' (' || normalize-space(.) || ')')) || '.'}">
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="tei:handShift">
    <span class="tei-handShift" role="note">
      <xsl:value-of select="'[' || string-join(('hand ' || ed:hand(.),
          @medium ! normalize-space(.)[.]), ', ') || ']'"/>
    </span>
  </xsl:template>

  <!-- A diplomatic transcription in sourceDoc: each surface a page of lines (its @n or its
       folio as a label where the TEI gives one), zones as blocks, line as a line. -->
  <xsl:template match="tei:sourceDoc">
    <div class="tei-sourceDoc"><xsl:apply-templates select="* except tei:graphic"/></div>
  </xsl:template>
  <xsl:template match="tei:surface | tei:surfaceGrp">
    <section class="tei-{local-name()}">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:variable name="label" select="(@n, @*[local-name() = 'folio'], tei:label[1])[1]"/>
      <xsl:if test="$label">
        <p class="surface-label"><xsl:value-of select="normalize-space($label)"/></p>
      </xsl:if>
      <xsl:apply-templates select="node() except (tei:graphic, tei:label[1])"/>
    </section>
  </xsl:template>
  <xsl:template match="tei:zone">
    <div class="{string-join(('tei-zone', @type ! ('zone-' || te:token(.))), ' ')}"><xsl:apply-templates select="node() except tei:graphic"/></div><xsl:text>&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="tei:sourceDoc//tei:line">
    <!-- a line break of the source after each line: the page's text keeps its lines apart -->
    <div class="tei-line"><xsl:apply-templates/></div><xsl:text>&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="tei:space">
    <span class="tei-space"> </span>
  </xsl:template>
  <xsl:template match="tei:metamark">
    <span class="tei-metamark" title="{'A mark of the writer' || @function ! (' (' || normalize-space(.) || ')') || '.'}"><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="tei:sourceDoc/text() | tei:surface/text() | tei:zone/text()[not(normalize-space())]"/>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  The general meaning of the TEI core and transcription elements, for TEI the project did
  not write (a FRUS volume, a letter of another edition, a manuscript transcription), decided
  once for both media (html_core.xsl and print_core.xsl include it).

  Our TEI (the encoder's: its header names the application tei-edition in appInfo) keeps the
  path of the table of editorial kinds (tei_edition/kinds.py through kinds.xsl) unchanged:
  there, a choice of abbreviation and expansion is the translator's expansion. In other TEI
  an element means what the TEI Guidelines say it means, with no translator:

    <choice><abbr>Mr</abbr><expan>Mister</expan></choice>  as written "Mr", in the
        reading text "Mister"; explanation "Abbreviation “Mr”, expanded: “Mister”."
    <gap quantity="6" unit="words" reason="illegible"/>  "[6 words illegible]"
    <add place="above" hand="#h2">yet</add>  "⟨yet⟩", "Added above the line by hand h2."

  The medium renders through the same hooks (ed:intervention, ed:mark, ed:words); the
  modes ed:as-translated and ed:reading are given here for the elements whose general form
  differs from the kind's. Included by the media, these templates take precedence over
  kinds.xsl (which editorial.xsl brings in by import).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:tei-edition:editorial"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  exclude-result-prefixes="#all">

  <!-- Whether a document is the project's own TEI: ed:own-encoding (labels.xsl), asked of
       the element, so that a volume of several documents asks each its own. -->

  <!-- The elements whose general rendering differs from the kinds' (in other TEI). -->
  <xsl:function name="ed:general" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="not(ed:own-encoding($e)) and exists($e/(self::tei:choice | self::tei:gap
        | self::tei:unclear | self::tei:add | self::tei:sic | self::tei:expan
        | self::tei:supplied | self::tei:note | self::tei:ex))"/>
  </xsl:function>

  <!-- A hand, as the reader is told: the handNote's @scribe or its words, else the id
       ("#h2" → "h2"). -->
  <xsl:key name="ed:hand" match="tei:handNote[@xml:id]" use="@xml:id"/>
  <xsl:function name="ed:hand" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="ref" select="($e/@hand, $e/self::tei:handShift/@new,
        $e/preceding::tei:handShift[@new][1]/@new)[1]"/>
    <xsl:variable name="id" select="substring-after(normalize-space($ref), '#')"/>
    <xsl:variable name="note" select="if ($id) then key('ed:hand', $id, root($e))[1] else ()"/>
    <xsl:sequence select="if (empty($ref)) then ()
        else ($note/@scribe/string(), $note/normalize-space()[.], $id[.],
              normalize-space($ref))[1]"/>
  </xsl:function>

  <!-- " by hand h2", or nothing. -->
  <xsl:function name="ed:by-hand" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="string-join(ed:hand($e) ! (' by hand ' || .))"/>
  </xsl:function>

  <!-- Where on the page (@place): "above the line", "in the margin". -->
  <xsl:function name="ed:place" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="p" select="tokenize(normalize-space($e/@place))[1]"/>
    <xsl:sequence select="if (empty($p)) then ''
        else ' ' || (map { 'above': 'above the line', 'below': 'below the line',
            'supralinear': 'above the line', 'infralinear': 'below the line',
            'margin': 'in the margin', 'left': 'in the left margin', 'right': 'in the right margin',
            'inline': 'in the line', 'top': 'at the top', 'bottom': 'at the foot',
            'overstrike': 'over the deleted text', 'opposite': 'on the opposite page',
            'overleaf': 'overleaf', 'end': 'at the end', 'foot': 'at the foot' }($p),
            translate($p, '-_', '  '))[1]"/>
  </xsl:function>

  <!-- The extent of a gap or an unclear passage: "6 words", "1 line", "about 3 cm". -->
  <xsl:function name="ed:extent" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="unit" select="normalize-space($e/@unit)"/>
    <xsl:variable name="n" select="normalize-space(($e/@quantity, $e/@extent, $e/@atLeast)[1])"/>
    <xsl:sequence select="if ($n and $unit) then $n || ' ' ||
            (if ($n = '1') then replace($unit, 's$', '') else replace($unit, '([^s])$', '$1s'))
        else if ($n) then $n else ()"/>
  </xsl:function>

  <!-- The words of an element, for an explanation: “Mr”. -->
  <xsl:function name="ed:quoted" as="xs:string">
    <xsl:param name="e" as="node()*"/>
    <xsl:sequence select="'“' || normalize-space(string-join($e ! string(.), ' ')) || '”'"/>
  </xsl:function>

  <!-- The explanation of an element in other TEI, or the empty sequence for our TEI. -->
  <xsl:function name="ed:general-explanation" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="reason" select="normalize-space($e/@reason) ! translate(., '-_', '  ')[.]"/>
    <xsl:variable name="desc" select="$e/tei:desc[1]/normalize-space()[.]"/>
    <xsl:sequence select="
      if (not(ed:general($e))) then ()
      else if ($e/self::tei:choice[tei:abbr and tei:expan]) then
        'Abbreviation ' || ed:quoted($e/tei:abbr[1]) || ', expanded: ' || ed:quoted($e/tei:expan[1]) || '.'
      else if ($e/self::tei:choice[tei:orig and tei:reg]) then
        'Original spelling ' || ed:quoted($e/tei:orig[1]) || ', regularised: ' || ed:quoted($e/tei:reg[1]) || '.'
      else if ($e/self::tei:choice[tei:sic and tei:corr]) then
        'So in the source: ' || ed:quoted($e/tei:sic[1]) || '; corrected: ' || ed:quoted($e/tei:corr[1]) || '.'
      else if ($e/self::tei:sic) then 'So in the source (sic).'
      else if ($e/self::tei:expan) then 'An abbreviation, expanded: ' || ed:quoted($e) || '.'
      else if ($e/self::tei:gap) then
        'Not transcribed' || string-join((ed:extent($e), $reason, $desc), ', ')[.] ! (': ' || .) || '.'
      else if ($e/self::tei:unclear) then
        'Unclear in the source' || string-join(($reason, ed:by-hand($e)[.] ! substring(., 2)), ', ')[.] ! (' (' || . || ')') || '.'
      else if ($e/self::tei:add) then 'Added' || ed:place($e) || ed:by-hand($e) || '.'
      else if ($e/self::tei:supplied) then
        'Supplied by the editors' || $reason ! (' (' || . || ')') || '.'
      else if ($e/self::tei:ex) then 'Letters supplied to expand an abbreviation.'
      else if ($e/self::tei:note) then
        'A note' || normalize-space($e/@type)[.] ! (' (' || translate(., '-_', '  ') || ')') || '.'
      else ()"/>
  </xsl:function>

  <!-- The forms as written (mode ed:as-translated: the source's side) and in the reading
       text (mode ed:reading), for other TEI. -->
  <xsl:template match="tei:choice[not(ed:own-encoding(.))][tei:abbr and tei:expan]" mode="ed:as-translated">
    <xsl:call-template name="ed:words">
      <xsl:with-param name="role" select="'original'"/>
      <xsl:with-param name="content" select="tei:abbr[1]/node()"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:choice[not(ed:own-encoding(.))][tei:abbr and tei:expan]" mode="ed:reading">
    <xsl:apply-templates select="tei:expan[1]/node()"/>
  </xsl:template>

  <xsl:template match="tei:choice[not(ed:own-encoding(.))][tei:orig and tei:reg]" mode="ed:as-translated">
    <xsl:call-template name="ed:words">
      <xsl:with-param name="role" select="'original'"/>
      <xsl:with-param name="content" select="tei:orig[1]/node()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:choice[not(ed:own-encoding(.))][tei:sic and tei:corr]" mode="ed:as-translated">
    <xsl:call-template name="ed:words">
      <xsl:with-param name="role" select="'original'"/>
      <xsl:with-param name="content" select="tei:sic[1]/node()"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:choice[not(ed:own-encoding(.))][tei:sic and tei:corr]" mode="ed:reading">
    <xsl:apply-templates select="tei:corr[1]/node()"/>
  </xsl:template>

  <!-- A gap: its extent and reason in brackets, "[6 words illegible]"; "[…]" without. -->
  <xsl:template match="tei:gap[not(ed:own-encoding(.))]" mode="ed:as-translated">
    <xsl:variable name="what" select="string-join((ed:extent(.),
        normalize-space(@reason) ! translate(., '-_', '  ')[.]), ' ')"/>
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="'['"/></xsl:call-template>
    <xsl:call-template name="ed:words">
      <xsl:with-param name="role" select="'added'"/>
      <xsl:with-param name="content" select="if (tei:desc) then tei:desc[1]/node() else if ($what) then $what else '…'"/>
    </xsl:call-template>
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="']'"/></xsl:call-template>
  </xsl:template>

  <!-- An addition of a hand: its words between half brackets, ⟨yet⟩; in the reading text
       the words alone. -->
  <xsl:template match="tei:add[not(ed:own-encoding(.))]" mode="ed:as-translated">
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="'⟨'"/></xsl:call-template>
    <xsl:call-template name="ed:words">
      <xsl:with-param name="role" select="'original'"/>
      <xsl:with-param name="content" select="node()"/>
    </xsl:call-template>
    <xsl:call-template name="ed:mark"><xsl:with-param name="text" select="'⟩'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:add[not(ed:own-encoding(.))]" mode="ed:reading">
    <xsl:apply-templates/>
  </xsl:template>


  <!-- CSS from the document (hi/@style, or the rendition that @rendition points to in the
       header's tagsDecl), reduced to a safe list and turned into class names: only the
       properties and values below ever count, each one a class of the media's stylesheets
       (edition.css, print.css: .css-color-red). "color: red; position: fixed; background:
       url(x)" gives the class css-color-red and nothing else. Never raw CSS, and no style
       attribute: the site's Content Security Policy (style-src 'self') would refuse it. -->
  <xsl:variable name="ed:css-allowed" as="map(xs:string, xs:string*)" select="map {
      'font-style': ('normal', 'italic', 'oblique'),
      'font-weight': ('normal', 'bold', 'bolder', 'lighter'),
      'font-variant': ('normal', 'small-caps'),
      'font-size': ('smaller', 'larger', 'x-small', 'small', 'medium', 'large', 'x-large'),
      'text-decoration': ('none', 'underline', 'overline', 'line-through'),
      'text-decoration-line': ('none', 'underline', 'overline', 'line-through'),
      'text-transform': ('none', 'uppercase', 'lowercase', 'capitalize'),
      'text-align': ('left', 'right', 'center', 'justify'),
      'vertical-align': ('baseline', 'super', 'sub'),
      'color': ('black', 'grey', 'gray', 'red', 'green', 'blue', 'brown', 'purple', 'orange') }"/>

  <xsl:function name="ed:safe-css" as="xs:string*">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="ids" select="tokenize(normalize-space($e/@rendition)) ! substring-after(., '#')[.]"/>
    <xsl:variable name="declared" select="root($e)/*/tei:teiHeader/tei:encodingDesc/tei:tagsDecl
        /tei:rendition[@xml:id = $ids][not(@scheme) or @scheme = 'css']"/>
    <xsl:for-each select="tokenize(string-join(($declared ! string(.), string($e/@style)), ';'), ';')">
      <xsl:variable name="prop" select="lower-case(normalize-space(substring-before(., ':')))"/>
      <xsl:variable name="values" select="tokenize(lower-case(normalize-space(substring-after(., ':'))))"/>
      <!-- every value must be allowed ("underline line-through"), or the rule is dropped -->
      <xsl:if test="map:contains($ed:css-allowed, $prop) and exists($values)
                    and (every $v in $values satisfies $v = $ed:css-allowed($prop))">
        <xsl:sequence select="$values ! ('css-' || replace($prop, '-line$', '') || '-' || .)"/>
      </xsl:if>
    </xsl:for-each>
  </xsl:function>

  <!-- The @rend values of hi, by the meaning they share: "sup" and "superscript" alike. -->
  <xsl:function name="ed:rend" as="xs:string*">
    <xsl:param name="e" as="element()"/>
    <xsl:for-each select="tokenize(lower-case(normalize-space($e/@rend)))">
      <xsl:sequence select="(map { 'b': 'bold', 'bold': 'bold', 'strong': 'bold',
          'i': 'italic', 'it': 'italic', 'italic': 'italic', 'italics': 'italic',
          'sc': 'smallcaps', 'smcap': 'smallcaps', 'smallcaps': 'smallcaps', 'small-caps': 'smallcaps',
          'u': 'underline', 'ul': 'underline', 'underline': 'underline', 'underlined': 'underline',
          'sup': 'sup', 'super': 'sup', 'superscript': 'sup', 'superlinear': 'sup',
          'sub': 'sub', 'subscript': 'sub',
          'strike': 'strike', 'strikethrough': 'strike', 'line-through': 'strike', 'overstrike': 'strike',
          'doubleunderline': 'underline', 'wavyunderline': 'underline',
          'typewriter': 'mono', 'code': 'mono', 'monospace': 'mono' }(.), .)[1]"/>
    </xsl:for-each>
  </xsl:function>

  <!-- The images a page may show (tei_edition/images.py checked them: a regular file inside
       the edition folder, a PNG, JPEG, GIF or WebP by its first bytes): a line per image,
       "url<TAB>href". A graphic whose url is not listed is a placeholder. -->
  <xsl:param name="images" as="xs:string" select="''"/>
  <xsl:variable name="ed:images" as="map(xs:string, xs:string)" select="map:merge(
      tokenize($images, '\n')[contains(., '&#9;')]
      ! map:entry(substring-before(., '&#9;'), substring-after(., '&#9;')),
      map { 'duplicates': 'use-first' })"/>
  <xsl:function name="ed:image-href" as="xs:string?">
    <xsl:param name="g" as="element()"/>
    <xsl:sequence select="$ed:images(normalize-space($g/@url))"/>
  </xsl:function>

  <!-- The shape of a list: a gloss list (label and item pairs: @type="gloss", or labels in
       it) is a list of terms; a numbered one (@type ordered, numbered, decimal) counts its
       items; any other is a list of bullets. -->
  <xsl:function name="ed:list-shape" as="xs:string">
    <xsl:param name="list" as="element()"/>
    <xsl:variable name="type" select="lower-case(normalize-space($list/@type))"/>
    <xsl:sequence select="if ($type = 'gloss' or $list/tei:label) then 'terms'
        else if ($type = ('ordered', 'numbered', 'decimal', 'enumerated')
                 or tokenize($list/@rend) = ('numbered', 'ordered')) then 'numbered'
        else 'bullets'"/>
  </xsl:function>

  <!-- The file a graphic names, without its folders: "pixel.png" for "img/pixel.png". -->
  <xsl:function name="ed:file-name" as="xs:string">
    <xsl:param name="g" as="element()"/>
    <xsl:sequence select="(tokenize(normalize-space($g/@url), '/')[last()][.], 'no file')[1]"/>
  </xsl:function>

  <!-- The same forms as plain text (mode ed:text: the ledger's "as written" column). -->
  <xsl:template match="tei:choice[not(ed:own-encoding(.))][tei:abbr and tei:expan]" mode="ed:text">
    <xsl:apply-templates select="tei:abbr[1]/node()" mode="ed:text"/>
  </xsl:template>
  <xsl:template match="tei:choice[not(ed:own-encoding(.))][tei:orig and tei:reg]" mode="ed:text">
    <xsl:apply-templates select="tei:orig[1]/node()" mode="ed:text"/>
  </xsl:template>
  <xsl:template match="tei:choice[not(ed:own-encoding(.))][tei:sic and tei:corr]" mode="ed:text">
    <xsl:apply-templates select="tei:sic[1]/node()" mode="ed:text"/>
  </xsl:template>
  <xsl:template match="tei:gap[not(ed:own-encoding(.))]" mode="ed:text">
    <xsl:variable name="what" select="string-join((ed:extent(.),
        normalize-space(@reason) ! translate(., '-_', '  ')[.]), ' ')"/>
    <xsl:sequence select="'['"/>
    <xsl:apply-templates select="if (tei:desc) then tei:desc[1]/node() else if ($what) then $what else '…'" mode="ed:text"/>
    <xsl:sequence select="']'"/>
  </xsl:template>
  <xsl:template match="tei:add[not(ed:own-encoding(.))]" mode="ed:text">
    <xsl:sequence select="'⟨'"/>
    <xsl:apply-templates mode="ed:text"/>
    <xsl:sequence select="'⟩'"/>
  </xsl:template>

  <!-- The explanation a medium shows: the general one in other TEI, else the kind's. -->
  <xsl:function name="ed:explanation-of" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="kind" as="xs:string?"/>
    <xsl:sequence select="(ed:general-explanation($e), ed:explanation($e, $kind))[1]"/>
  </xsl:function>

</xsl:stylesheet>

"""The TEI header of an encoded document, from the reader's fields and what the body holds.

ENCODING.md §2: each field of the export goes to its place in the header (Citation and
Source to ``sourceDesc/bibl``, Summary to ``abstract``, Credits to ``funder``, Original
Language to ``langUsage``, Contents to ``msContents``). Each known field has two halves
how it is encoded (:mod:`.fields`) and how the export gives it back
(:data:`tei_edition.export.FIELD_SOURCES`). A field
whose structured encoding would not give back the same words (a Credits line in another
wording, Contents items without an archive signature for an msDesc, a second Summary) is
also kept verbatim as ``notesStmt/note type="field" n="Label"``, like a field the encoder
does not know; the export prefers that note. So nothing of the header is ever lost.

The order of the header parts in the source (``date``, ``title`` and the field labels;
``note:Label`` for a field the export takes from its note) is recorded in
``encodingDesc/appInfo/application/desc[@type='source-layout']``, with the reader's name
(``@subtype``) and whether blocks were separated by blank lines (``@rend="spaced"``).

- :mod:`.fields`: what each known field says (bibl, funders, languages, contents);
- :mod:`.correspondents`: sender and recipient, from the title or the body;
- :mod:`.ident`: the document's id;
- :mod:`.build`: the teiHeader element, built from all of these.
"""

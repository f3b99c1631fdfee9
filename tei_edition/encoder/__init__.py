"""The encoder: plain text to TEI P5, one lxml tree built and serialised once.

- :mod:`.pipeline`: the reader, the named transforms in order, one serialisation
  (``encode_text``, ``encode_bytes``, ``encode_file``, ``Encoded``);
- :mod:`.source`: reading a source text safely (encoding, size, characters XML refuses);
- :mod:`.structure` and :mod:`.lines`: what each line is and where the parts of a
  document begin and end; :mod:`.body`: the ``text`` element built from them;
- :mod:`.brackets`: the square brackets (scanner, rules, tree encoder);
- :mod:`.dates`: dates as the documents write them, to ISO 8601;
- :mod:`.header`: the ``teiHeader`` (fields, correspondents, id, the builder);
- :mod:`.layout`: the indentation of element-only content.
"""

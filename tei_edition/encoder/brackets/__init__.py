"""Square brackets of the source: what each one means, and its TEI (ENCODING.md §4).

- :mod:`.scan` finds the brackets of a text: pairs, nesting, physical descriptions over
  several lines, and the brackets that stay literal;
- :mod:`.rules` reads each bracket by small named rules, tried in order (:data:`RULES`);
- :mod:`.words` holds what the rules know of words and names (and the edit distance of
  two spellings of a name);
- :mod:`.encode` walks the bracket tree and builds the TEI elements into the body's tree.

The way back, from the TEI to the brackets, is :mod:`tei_edition.export`'s.
"""

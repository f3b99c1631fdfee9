"""Registers of persons, places and organisations: the entries an edition keeps
(:mod:`.model`), their checks (:mod:`.check`), and the pass that links the names of the
documents to them (:mod:`.link`)."""

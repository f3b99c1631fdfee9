"""The exports that aggregators and other services harvest from a built edition, one module
each: CMIF (``cmif.py``), Dublin Core (``dublin_core.py``) and OAI-PMH static repositories
(``oai.py``); ``sitemap`` (sitemap.xml for search engines), ``jsonld`` (a schema.org
description in every document page), ``dts`` (a static Distributed Text Services tree).
Each reads the documents' metadata (tei_edition/metadata.py) and returns the files it
makes by their paths inside the site, for the build to write (tei_edition/files.py).

A build calls them through ``edition.py``: :func:`~.edition.document_exports` for each
document (with its tree, in the worker that renders it) and :func:`~.edition.edition_exports`
once, from the documents' compact entries (:class:`~.edition.Entry`).
"""

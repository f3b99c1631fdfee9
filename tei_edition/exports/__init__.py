"""The exports that aggregators harvest from a built edition: CMIF (``cmif.py``), Dublin
Core (``dublin_core.py``), OAI-PMH static repositories (``oai.py``), gathered for a build by
``harvest.py``. Each writer reads the documents' metadata (tei_edition/metadata.py) and
returns the files it makes; tei_edition/files.py writes them."""

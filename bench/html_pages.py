"""How fast the HTML edition renders document pages: documents per second on one core.

Renders every document of the bundled sample edition (and the canonical test document)
again and again in one process, pinned to one CPU, after a warm-up (the stylesheet is
compiled once). The issue asks for 300 documents per second per core or better.

    python bench/html_pages.py [--seconds 10] [PATHS...]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tei_edition.edition import Edition, find_edition  # noqa: E402
from tei_edition.files import find_documents  # noqa: E402
from tei_edition.resources import sample_edition_dir  # noqa: E402
from tei_edition.site import read_documents, render_document  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    paths = args.paths or [sample_edition_dir() / "tei", REPO / "tests/fixtures/canonical.xml"]
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    docs = read_documents(find_documents(paths))
    edition = find_edition(paths[0]) or Edition()
    size = sum(len(d.source.read_bytes()) for d in docs)
    for doc in docs * 3:  # warm-up: compile the stylesheet, let the native code settle
        render_document(doc, edition)
    rendered = 0
    out_bytes = 0
    start = time.perf_counter()
    cpu0 = time.process_time()
    while time.perf_counter() - start < args.seconds:
        for doc in docs:
            out_bytes += len(render_document(doc, edition))
            rendered += 1
    wall = time.perf_counter() - start
    cpu = time.process_time() - cpu0
    floor = _floor(docs)
    print(f"{len(docs)} documents ({size / len(docs) / 1024:.1f} KiB TEI each on average), "
          f"{rendered} pages rendered in {wall:.2f} s on one core")
    print(f"  {rendered / wall:.0f} documents per second (wall clock), "
          f"{rendered / cpu:.0f} per CPU second; "
          f"{out_bytes / rendered / 1024:.1f} KiB HTML per page")
    print(f"  for scale, on this machine: a stylesheet that only copies each document into "
          f"spans runs at {floor:.0f} documents per CPU second")


_FLOOR_XSL = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" html-version="5"/>
  <xsl:template match="*"><span class="{local-name()}"><xsl:apply-templates/></span></xsl:template>
</xsl:stylesheet>"""


def _floor(docs: list) -> float:
    """Documents per CPU second of the simplest useful transformation (parse and one pass),
    to compare figures taken on different machines."""
    import tempfile

    from tei_edition.render import transform

    with tempfile.TemporaryDirectory() as tmp:
        sheet = Path(tmp) / "floor.xsl"
        sheet.write_text(_FLOOR_XSL)
        for doc in docs:
            transform(doc.tree, sheet)
        n = 0
        cpu0 = time.process_time()
        while time.process_time() - cpu0 < 2.0:
            for doc in docs:
                transform(doc.tree, sheet)
                n += 1
        return n / (time.process_time() - cpu0)


if __name__ == "__main__":
    main()

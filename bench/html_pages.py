"""How fast the HTML edition renders document pages: documents per second on one core.

Renders every document of the bundled sample edition (and the canonical test document)
again and again in one process, pinned to one CPU, after a warm-up (the stylesheet is
compiled once). The issue asks for 300 documents per second per core or better. The run is
cut into one-second slices, each followed by the reference loop of bench/encode.py, so that a
slow spell of a shared core shows in both.

    python bench/html_pages.py [--seconds 10] [PATHS...]

Instructions per page, which a shared machine does not disturb: run a fixed number of rounds
under callgrind twice and divide the difference by the pages it adds (start-up, the warm-up
and the stylesheet compile cancel out; the bundled edition has 14 documents with the
canonical one). Saxon's collections fall unevenly (the same 140 pages counted twice differed
by 4%), so let the difference be a few hundred pages:

    PY=$(python -c 'import sys; print(sys.executable)')   # the interpreter, not a shim
    valgrind --tool=callgrind "$PY" bench/html_pages.py --rounds 5    # "Collected : A"
    valgrind --tool=callgrind "$PY" bench/html_pages.py --rounds 25   # "Collected : B"
    # instructions per page: (B - A) / (20 * 14)
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
from tei_edition.inputs import find_documents  # noqa: E402
from tei_edition.resources import sample_edition_dir  # noqa: E402
from tei_edition.site import read_documents, render_document  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--rounds", type=int, default=0,
                        help="render every document this many times after the warm-up, "
                             "then stop (no timing: for counting instructions)")
    args = parser.parse_args()
    paths = args.paths or [sample_edition_dir() / "tei", REPO / "tests/fixtures/canonical.xml"]
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    docs = read_documents(find_documents(paths))
    edition = find_edition(paths[0]) or Edition()
    size = sum(len(d.source.read_bytes()) for d in docs)
    for doc in docs * 3:  # warm-up: compile the stylesheet, let the native code settle
        render_document(doc, edition)
    if args.rounds:
        for doc in docs * args.rounds:
            render_document(doc, edition)
        print(f"{len(docs)} documents, {len(docs) * args.rounds} pages after the warm-up")
        return
    rendered = 0
    out_bytes = 0
    slices: list[tuple[float, float]] = []  # (pages per CPU second, reference loop µs)
    start = time.perf_counter()
    cpu_total = 0.0
    while time.perf_counter() - start < args.seconds:
        # one-second slices, each followed by the reference loop: when the machine gets
        # slower for a while (a shared core), both show it in the same slice
        n = 0
        cpu0 = time.process_time()
        while time.process_time() - cpu0 < 1.0:
            for doc in docs:
                out_bytes += len(render_document(doc, edition))
                n += 1
        cpu = time.process_time() - cpu0
        cpu_total += cpu
        rendered += n
        slices.append((n / cpu, _reference_us()))
    wall = time.perf_counter() - start
    floor = _floor(docs)
    rate = rendered / cpu_total
    rates = sorted(r for r, _ in slices)
    refs = sorted(ref for _, ref in slices)
    print(f"{len(docs)} documents ({size / len(docs) / 1024:.1f} KiB TEI each on average), "
          f"{rendered} pages rendered in {wall:.2f} s on one core")
    print(f"  {rate:.0f} documents per CPU second ({'meets' if rate >= 300 else 'below'} the "
          f"target of 300); {rendered / wall:.0f} per second of wall clock; "
          f"{out_bytes / rendered / 1024:.1f} KiB HTML per page")
    print(f"  one-second slices: {rates[0]:.0f} to {rates[-1]:.0f} documents per CPU second; "
          f"reference loop sum(range(10000)) in the same slices: {refs[0]:.0f} to {refs[-1]:.0f} "
          f"µs (an idle current core: about 100-150 µs; the rate scales with it)")
    print(f"  for scale, on this machine: a stylesheet that only copies each document into "
          f"spans runs at {floor:.0f} documents per CPU second")


def _reference_us() -> float:
    """CPU microseconds of sum(range(10000)), the mean of 200 (the reference loop that
    bench/encode.py prints too)."""
    t0 = time.process_time()
    for _ in range(200):
        sum(range(10000))
    return (time.process_time() - t0) / 200 * 1e6


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

"""Benchmark: a volume of 200 documents built in one run (tei-edition pdf).

    python bench/pdf.py [--documents 200] [--paper a4] [--keep out.pdf]

The documents are variants of tests/fixtures/canonical.xml (and of the sample edition's
xml/tei/*.xml when present): each with its own id, title and date, some with more
paragraphs, so that the volume has documents of one to three pages. Prints the time of each
stage (XSLT and glyph check, WeasyPrint layout and PDF) and pages per second.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tei_edition import pdf as print_edition  # noqa: E402
from tei_edition.tei import NS, parse_file, serialize, tei, xml_attr  # noqa: E402

PARAGRAPH = ("The delegation reported on the state of the negotiations, on the maps that each "
             "side had brought, and on the questions of the river crossings, which neither the "
             "commission nor the ministries had been able to settle since the autumn. ")


def sources() -> list[Path]:
    found = sorted((REPO / "xml" / "tei").glob("*.xml"))
    return [REPO / "tests" / "fixtures" / "canonical.xml", *found]


def make_volume(folder: Path, count: int) -> None:
    rng = random.Random(6)
    bases = sources()
    start = dt.date(1950, 1, 1)
    for i in range(count):
        tree = parse_file(bases[i % len(bases)])
        root = tree.getroot()
        root.set(xml_attr("id"), f"bench-{i:04d}")
        title = root.find("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title", NS)
        title.text = f"{' '.join((title.text or 'Document').split())} (copy {i + 1})"
        when = start + dt.timedelta(days=rng.randrange(0, 365 * 20))
        for date in root.xpath(".//tei:profileDesc/tei:creation/tei:date", namespaces=NS):
            date.set("when", when.isoformat())
            date.text = f"{when.day} {when:%B %Y}"
        body = root.find(".//tei:body", NS)
        last_p = body.findall(f".//{tei('p')}")
        if last_p:
            for _ in range(rng.choice([0, 0, 2, 5, 9])):
                p = etree.Element(tei("p"))
                p.text = PARAGRAPH * 2
                last_p[-1].addnext(p)
        for n, p in enumerate(body.iter(tei("p")), start=1):
            p.set(xml_attr("id"), f"p{n}")
        (folder / f"doc-{i:04d}.xml").write_bytes(serialize(tree))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--paper", default="a4", choices=sorted(print_edition.PAPERS))
    parser.add_argument("--keep", type=Path, help="write the PDF here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make_volume(folder, args.documents)
        t0, c0 = time.perf_counter(), time.process_time()
        job = print_edition.prepare([folder])
        t1, c1 = time.perf_counter(), time.process_time()
        pdf, pages, messages = print_edition.render(job.html, args.paper)
        t2, c2 = time.perf_counter(), time.process_time()
    if args.keep:
        args.keep.write_bytes(pdf)
    total = t2 - t0
    print(f"documents        {len(job.documents)}")
    print(f"pages            {pages}")
    print(f"PDF size         {len(pdf) / 1e6:.1f} MB")
    # CPU time beside wall time: on a shared machine the wall time says more about the load
    print(f"XSLT + checks    {t1 - t0:.1f} s wall, {c1 - c0:.1f} s CPU")
    print(f"WeasyPrint       {t2 - t1:.1f} s wall, {c2 - c1:.1f} s CPU")
    print(f"total            {total:.1f} s wall, {c2 - c0:.1f} s CPU")
    print(f"pages per second {pages / total:.1f} (wall), {pages / (c2 - c0):.1f} (CPU)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory      {peak:.0f} MB")
    if messages:
        print(f"WeasyPrint warnings: {len(messages)} (first: {messages[0]})")


if __name__ == "__main__":
    main()

"""Benchmark: a volume of 200 documents built in one run (tei-edition pdf).

    python bench/pdf.py [--documents 200] [--paper a4] [--keep out.pdf]
    python bench/pdf.py --big 60 [--max-pages 2000]   the page budget on a 60 MB TEI
    python bench/pdf.py --capacity                    characters a full page holds

``--big MB`` writes a TEI of about MB megabytes (the paragraphs of the sample's
cable-1958-03-03.xml repeated) and runs ``python -m tei_edition pdf`` on it in a
subprocess: its time, exit code, message and peak memory (ru_maxrss). ``--capacity`` sets
the sample edition's text as one paragraph at print.css's smallest size (7.5pt, line height
1.35) and counts the characters of each full page: what tei_edition.pdf.budget.CHARS_PER_PAGE is
chosen from.

The documents are variants of tests/fixtures/canonical.xml (and of the sample edition's
xml/tei/*.xml when present): each with its own id, title and date, some with more
paragraphs, so that the volume has documents of one to three pages. Prints the time of each
stage (XSLT and glyph check, WeasyPrint layout and PDF) and pages per second.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import io
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tei_edition import pdf as print_edition  # noqa: E402
from tei_edition.pdf import budget, typeset  # noqa: E402
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


def write_big(path: Path, megabytes: float) -> int:
    """A TEI of about ``megabytes`` MB: the sample cable's paragraphs repeated (ids made
    unique). Returns the number of paragraphs added."""
    tree = parse_file(REPO / "xml" / "tei" / "cable-1958-03-03.xml")
    paragraphs = list(tree.getroot().find(".//tei:body", NS).iter(tei("p")))
    size = sum(len(etree.tostring(p)) for p in paragraphs)
    last, added = paragraphs[-1], 0
    for _ in range(int(megabytes * 1e6 / size)):
        for p in paragraphs:
            q = copy.deepcopy(p)
            added += 1
            for el in q.iter():
                if el.get(xml_attr("id")):
                    el.set(xml_attr("id"), f"x{added}-{el.get(xml_attr('id'))}")
            last.addnext(q)
            last = q
    path.write_bytes(serialize(tree))
    return added


def big(megabytes: float, max_pages: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source, out = Path(tmp) / "big.xml", Path(tmp) / "big.pdf"
        added = write_big(source, megabytes)
        print(f"TEI              {source.stat().st_size / 1e6:.1f} MB, {added} paragraphs added")
        t0 = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "tei_edition", "pdf", str(source), "-o",
                              str(out), "--max-pages", str(max_pages)], cwd=REPO,
                             capture_output=True, text=True, check=False)
        wall = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"exit code        {run.returncode} ({'PDF written' if out.exists() else 'no PDF'})")
        print(f"time             {wall:.1f} s wall")
        print(f"peak memory      {peak:.0f} MB (ru_maxrss of the subprocess)")
        print(f"message          {(run.stderr or run.stdout).strip()[:300]}")


def capacity() -> None:
    from xml.sax.saxutils import escape

    import pypdf

    texts = []
    for path in sorted((REPO / "xml" / "tei").glob("*.xml")):
        text = parse_file(path).getroot().find("tei:text", NS)
        texts.append(" ".join(etree.tostring(text, method="text", encoding=str).split()))
    body = escape(" ".join(texts) * 3)
    for paper in sorted(typeset.PAPERS):
        html = ('<html lang="en"><body><section class="document"><div style="font-size: '
                f'7.5pt; line-height: 1.35"><p class="p">{body}</p></div></section></body>'
                '</html>')
        pdf, _, _ = typeset.render(html, paper)
        pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
        full = [len("".join((page.extract_text() or "").split())) for page in pages][:-1]
        print(f"{paper:8} characters on each full page: {full}; CHARS_PER_PAGE is "
              f"{budget.CHARS_PER_PAGE}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--paper", default="a4", choices=sorted(typeset.PAPERS))
    parser.add_argument("--keep", type=Path, help="write the PDF here")
    parser.add_argument("--big", type=float, metavar="MB", help="the budget on a large TEI")
    parser.add_argument("--max-pages", type=int, default=budget.MAX_PAGES)
    parser.add_argument("--capacity", action="store_true", help="characters per full page")
    args = parser.parse_args()
    if args.big:
        big(args.big, args.max_pages)
        return
    if args.capacity:
        capacity()
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make_volume(folder, args.documents)
        t0, c0 = time.perf_counter(), time.process_time()
        job = print_edition.prepare([folder], max_pages=args.max_pages)
        t1, c1 = time.perf_counter(), time.process_time()
        pdf, pages, messages = typeset.render(job.html, args.paper)
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

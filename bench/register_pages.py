"""What the site's register pages cost (tei_edition/site_registers.py: register_files).

The sample edition's register (xml/registers: 51 entries), or a synthetic one of --entries
persons, and --documents documents with --mentions register names each, spread over the
entries as names are (a few entries named very often: Zipf), so that some entry pages are
paginated::

    python bench/register_pages.py                           # 1,000 documents, 20 names each
    python bench/register_pages.py --documents 200 --entries 2000

Prints the pages made, the seconds and the pages a second. The 10,000-document edition is
for the lead's scale machine (the house rule: no bench over 1,000 documents here).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tei_edition.edition import load_edition  # noqa: E402
from tei_edition.registers.model import Entry, Name, Register, load_register  # noqa: E402
from tei_edition.site_registers import Mention, register_files  # noqa: E402


def synthetic_register(n: int) -> Register:
    register = Register()
    for i in range(n):
        ident = f"person-{i:05d}"
        register.entries[ident] = Entry(ident, "person", [
            Name(f"Person {i:05d}, Given", "preferred"), Name(f"G. Person {i:05d}")],
            birth=1900 + i % 50, note=f"Synthetic person {i}.", idnos={"viaf": str(10_000 + i)})
    return register


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--mentions", type=int, default=20)
    parser.add_argument("--entries", type=int, default=0,
                        help="a synthetic register of this many persons (0: the sample's)")
    args = parser.parse_args()
    if args.documents > 1000:
        parser.error("at most 1,000 documents on the shared machine")
    edition = load_edition(REPO / "xml")
    register = (synthetic_register(args.entries) if args.entries
                else load_register(REPO / "xml" / "registers"))
    refs = [e.ref for e in register]
    weights = [1 / (rank + 1) for rank in range(len(refs))]
    rng = random.Random(16)
    mentions = [Mention(ref, f"documents/doc-{d:05d}.html", f"m-{k + 1}", f"Document {d}",
                        "1 January 1960", f"{d:05d}", "The minister met ", "Someone",
                        " in the capital and spoke of the border.")
                for d in range(args.documents)
                for k, ref in enumerate(rng.choices(refs, weights, k=args.mentions))]
    register_files(mentions[:10], register, edition)  # the stylesheet compiled
    start = time.perf_counter()
    files = register_files(mentions, register, edition)
    seconds = time.perf_counter() - start
    size = sum(len(v) for v in files.values())
    print(f"{len(register)} entries, {args.documents} documents, {len(mentions)} mentions: "
          f"{len(files)} pages ({size / 1e6:.1f} MB) in {seconds:.2f} s, "
          f"{len(files) / seconds:.0f} pages/s")


if __name__ == "__main__":
    main()

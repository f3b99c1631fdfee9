"""How long the edition-wide exports take (tei_edition/exports/edition.py), from entries.

A build keeps a compact entry per document and makes the edition's exports from the
entries alone: ``edition_exports`` is serial, after every worker has finished, so its time
adds to the build's wall time. This bench makes N entries from the sample edition's
documents and the Escher letters (their metadata, correspDesc included, copied under new
ids and dates, so that about half are letters as in the samples) and times
``edition_exports`` on them, best of ``--repeat`` runs, one export at a time too::

    python bench/exports_edition.py                 # 10,000 entries
    python bench/exports_edition.py -n 100000 --repeat 1
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tei_edition.edition import load_edition  # noqa: E402
from tei_edition.exports import edition as exports  # noqa: E402
from tei_edition.exports.edition import ExportEntry, edition_exports, export_entry  # noqa: E402
from tei_edition.site import read_documents  # noqa: E402

SAMPLE = REPO / "xml"
ESCHER = REPO.parent / "shared" / "samples" / "tei"


def entries(n: int) -> list[ExportEntry]:
    docs = read_documents([*sorted((SAMPLE / "tei").glob("*.xml")),
                           *sorted(ESCHER.glob("K_*.xml"))])
    models = [export_entry(d) for d in docs]
    made = []
    for k in range(n):
        model = models[k % len(models)]
        ident = f"{model.id}-{k}"
        when = f"{1900 + k % 100}-{1 + k % 12:02}-{1 + k % 28:02}"
        meta = dataclasses.replace(model.meta, id=ident, when=when)
        made.append(dataclasses.replace(model, id=ident, page=f"documents/{ident}.html",
                                        meta=meta))
    return made


def best(repeat: int, run) -> str:
    """The best of ``repeat`` runs: wall time and CPU time (on a busy machine the CPU time
    is the steadier figure)."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return f"{min(walls):.3f} s wall, {min(cpus):.3f} s CPU"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    edition = load_edition(SAMPLE)
    items = entries(args.n)
    files = edition_exports(items, edition)
    size = sum(len(d) for d in files.values())
    print(f"{args.n} entries: {len(files)} files, {size / 1e6:.1f} MB")
    kinds: dict[str, list[int]] = {}
    for name, data in files.items():
        kinds.setdefault(name.split("/")[0].split("-")[0], []).append(len(data))
    for kind, sizes in sorted(kinds.items()):
        print(f"  {kind:14} {len(sizes):4} files, {sum(sizes) / 1e6:6.1f} MB")
    print(f"edition_exports  {best(args.repeat, lambda: edition_exports(items, edition))}")
    day = exports.build_date()
    parts = {
        "cmif+oai": lambda: exports._harvested(sorted(items, key=lambda e: e.meta.sort_key),
                                               edition, [], day, exports.MAX_RECORDS),
        "sitemap": lambda: exports.sitemap_for_pages(exports.site_pages(items), edition),
        "dts": lambda: exports.Tree(edition).collection([exports._resource(e) for e in items]),
    }
    for name, run in parts.items():
        print(f"  {name:14} {best(args.repeat, run)}")


if __name__ == "__main__":
    main()

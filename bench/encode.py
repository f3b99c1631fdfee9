"""Encoding speed: 1,000 documents in one run, on one core (target: 1,000 documents/s).

The documents are the bundled sample edition's sources (xml/sources/*.txt) and the golden
inputs (tests/golden/wilson/*.txt), cycled to the count asked for; each is decoded,
checked, read, encoded and serialised, as ``tei-edition encode`` does (without the file
writes). Run from the repository root::

    python bench/encode.py            # 1,000 documents
    python bench/encode.py -n 5000 --profile
    python bench/encode.py -r 5           # the best of five runs (on a shared, busy machine)
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tei_edition.encoder.dates import find_date  # noqa: E402
from tei_edition.encoder.pipeline import encode_bytes  # noqa: E402


def sources() -> list[tuple[str, bytes]]:
    paths = sorted((REPO / "xml" / "sources").glob("*.txt"))
    paths += sorted((REPO / "tests" / "golden" / "wilson").glob("*.txt"))
    return [(p.name, p.read_bytes()) for p in paths]


def run(n: int) -> tuple[float, float, int]:
    """Wall-clock and CPU seconds (this process) for n documents, and the bytes of TEI."""
    docs = sources()
    size = 0
    start, cpu = time.perf_counter(), time.process_time()
    for k in range(n):
        name, data = docs[k % len(docs)]
        find_date.cache_clear()  # as if every document were new: no help from the last one
        size += len(encode_bytes(data, name).data)
    return time.perf_counter() - start, time.process_time() - cpu, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="documents to encode")
    parser.add_argument("-r", "--repeat", type=int, default=1,
                        help="runs; the fastest (least CPU time) is reported")
    parser.add_argument("--profile", action="store_true", help="print the top functions")
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    run(20)  # warm up: imports, regex compilation
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
    elapsed, cpu, size = min((run(args.n) for _ in range(max(1, args.repeat))),
                             key=lambda r: r[1])
    if args.profile:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    rate = args.n / cpu
    ref = time.process_time()
    for _ in range(500):
        sum(range(10000))
    ref_us = (time.process_time() - ref) / 500 * 1e6
    print(f"encoded {args.n} documents ({size / 1e6:.1f} MB of TEI) in {elapsed:.2f} s "
          f"wall, {cpu:.2f} s CPU: {rate:,.0f} documents per CPU second on one core "
          f"({'meets' if rate >= 1000 else 'below'} the target of 1,000/s); "
          f"wall-clock rate {args.n / elapsed:,.0f}/s (lower when the machine is busy)")
    print(f"reference: sum(range(10000)) took {ref_us:.0f} µs of CPU in this run "
          f"(an idle current core: about 100-150 µs; a higher figure means a slower or "
          f"shared core, and the rate above scales with it)")


if __name__ == "__main__":
    main()

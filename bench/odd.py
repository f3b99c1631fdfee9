"""Speed of the ODD compiler and of the compiled project schema.

    python bench/odd.py [--source ../shared/tei/p5subset.xml] [--repeat 5] [--lxml-tei-all]

Targets (issue 3): tei_all compiled from p5subset.xml in under 2 s (reading p5subset
included); tei_edition.rng compiled by lxml (etree.RelaxNG) in under 0.1 s. With
--lxml-tei-all it also times lxml on our tei_all.rng and on TEI's (about 14 s each).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tei_edition.odd import compile_odd  # noqa: E402
from tei_edition.odd import source as odd_source  # noqa: E402


def timed(func, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return times


def report(name: str, times: list[float], limit: float | None = None) -> bool:
    best, median = min(times), statistics.median(times)
    verdict = ""
    ok = True
    if limit is not None:
        ok = median < limit
        verdict = f"  (target < {limit:g} s: {'ok' if ok else 'MISSED'})"
    print(f"{name:<48} best {best:7.3f} s  median {median:7.3f} s{verdict}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default=str(REPO.parent / "shared" / "tei" / "p5subset.xml"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--lxml-tei-all", action="store_true")
    args = parser.parse_args()
    schemas = REPO / "schemas"

    def tei_all_cold():
        odd_source._load.cache_clear()  # read and index p5subset.xml every time
        return compile_odd(schemas / "tei_all.odd", args.source)

    ok = report("tei_all.odd -> rng + sch (p5subset read)", timed(tei_all_cold, args.repeat),
                2.0)
    def tei_edition_cold():
        odd_source._load.cache_clear()
        return compile_odd(schemas / "tei_edition.odd", args.source)

    ok &= report("tei_edition.odd -> rng + sch (p5subset read)",
                 timed(tei_edition_cold, args.repeat))
    grammar = etree.parse(str(schemas / "tei_edition.rng"))
    ok &= report("lxml etree.RelaxNG(tei_edition.rng)",
                 timed(lambda: etree.RelaxNG(grammar), max(args.repeat, 20)), 0.1)
    if args.lxml_tei_all:
        ours = compile_odd(schemas / "tei_all.odd", args.source).relaxng
        report("lxml etree.RelaxNG(our tei_all.rng)", timed(lambda: etree.RelaxNG(ours), 1))
        theirs = etree.parse(str(Path(args.source).parent / "tei_all.rng"))
        report("lxml etree.RelaxNG(TEI's tei_all.rng)", timed(lambda: etree.RelaxNG(theirs), 1))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""A long fuzz campaign over the XML entry points (tests/fuzz_xml.py), not run as a test.

    python bench/fuzz/xml.py --minutes 10      # or --examples 20000

Prints how many inputs were tried and every failure hypothesis found (shrunk).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402

from tests.fuzz_xml import check_every_entry_point, mutated_tei  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=None)
    parser.add_argument("--examples", type=int, default=5000)
    args = parser.parse_args()
    tried = [0]
    deadline = time.monotonic() + args.minutes * 60 if args.minutes else None
    failures: list[str] = []
    rounds = 0
    while True:
        rounds += 1

        @settings(max_examples=args.examples if deadline is None else 500, deadline=None,
                  database=None, suppress_health_check=list(HealthCheck))
        @given(mutated_tei())
        def campaign(data: bytes) -> None:
            tried[0] += 1
            check_every_entry_point(data)

        started = time.monotonic()
        try:
            campaign()
        except (AssertionError, Unsatisfiable, Exception) as exc:  # report, go on
            failures.append(f"{type(exc).__name__}: {exc}")
            print("FAILED", failures[-1][:2000], flush=True)
        print(f"round {rounds}: {tried[0]} inputs tried, {len(failures)} failures "
              f"({time.monotonic() - started:.0f} s)", flush=True)
        if deadline is None or time.monotonic() > deadline:
            break
    print(f"{tried[0]} inputs tried, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

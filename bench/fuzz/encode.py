"""A long fuzz campaign of the encoder: the properties of tests/test_fuzz_encode.py, for
many more inputs than CI runs.

Every generated input (Wilson-like sources, bodies of generated brackets, invalid UTF-8 at
the bytes entry point; both readers) must encode to valid TEI (schemas/tei_edition.rng)
that exports back, or raise InputError with a line inside the input. The campaign runs in
rounds of hypothesis (each with fresh random choices); a failing round is shrunk to a
minimal input, which is printed and saved, and the campaign goes on. At the end it prints
how many inputs were tried, how they ended (encoded, or the InputError's code) and what
failed. Run from the repository root::

    python bench/fuzz/encode.py --minutes 10
    python bench/fuzz/encode.py --examples 20000 --out /tmp/fuzz-failures
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from test_fuzz_encode import check_source, inline, source_bytes  # noqa: E402

#: The properties: (name, strategy of bytes, reader).
TARGETS = [
    ("wilson reader", source_bytes(), "wilson"),
    ("plain reader", source_bytes(), "plain"),
    ("bracket rules", st.lists(inline, min_size=1, max_size=6).map(
        lambda lines: "\n".join(lines).encode()), "plain"),
]


def _property(name: str, reader: str, last: list[bytes],
              outcomes: Counter[str]) -> Callable[[bytes], None]:
    """The property of one target; it records the input it is given (the last one, once
    hypothesis has shrunk a failure, is the minimal failing input)."""
    def prop(data: bytes) -> None:
        last[:] = [data]
        outcomes["tried"] += 1
        outcomes[f"{name}: {check_source(data, reader)}"] += 1
    return prop


def campaign(examples: int | None, minutes: float | None, round_size: int,
             out: Path | None) -> int:
    outcomes: Counter[str] = Counter()
    failures: list[tuple[str, bytes, str]] = []
    start = time.monotonic()
    deadline = start + minutes * 60 if minutes else None
    rounds = 0
    while not (examples is not None and outcomes["tried"] >= examples
               or deadline is not None and time.monotonic() >= deadline):
        name, strategy, reader = TARGETS[rounds % len(TARGETS)]
        rounds += 1
        last: list[bytes] = []
        test = settings(max_examples=round_size, deadline=None, database=None,
                        phases=[Phase.generate, Phase.shrink],
                        suppress_health_check=list(HealthCheck))(
            given(strategy)(_property(name, reader, last, outcomes)))
        before = outcomes["tried"]
        try:
            test()
        except Exception as exc:  # a property failed: hypothesis shrank it to `last`
            data = last[0] if last else b""
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            failures.append((name, data, detail[:2000]))
            print(f"FAILED ({name}): {data!r}\n  {detail[:500]}", flush=True)
            if out is not None:
                out.mkdir(parents=True, exist_ok=True)
                (out / f"failure-{len(failures)}.txt").write_bytes(data)
        if outcomes["tried"] == before:
            print("a round tried no input: the campaign cannot run", flush=True)
            return 2
        if rounds % 10 == 0:
            print(f"... {outcomes['tried']:,} inputs in {time.monotonic() - start:.0f} s, "
                  f"{len(failures)} failures", flush=True)
    elapsed = time.monotonic() - start
    tried = outcomes.pop("tried", 0)
    print(f"\n{tried:,} inputs tried in {elapsed:.0f} s ({rounds} rounds); "
          f"{len(failures)} failed")
    for outcome, n in sorted(outcomes.items()):
        print(f"  {outcome:<40} {n:>8,}")
    for name, data, detail in failures:
        print(f"\nfailure ({name}): {data!r}\n{detail}")
    return 1 if failures else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, help="stop after this many inputs")
    parser.add_argument("--minutes", type=float, help="stop after this long")
    parser.add_argument("--round", type=int, default=500, help="inputs per hypothesis round")
    parser.add_argument("--out", type=Path, help="save each failing input in this folder")
    args = parser.parse_args()
    if args.examples is None and args.minutes is None:
        args.examples = 20000
    sys.exit(campaign(args.examples, args.minutes, args.round, args.out))


if __name__ == "__main__":
    main()

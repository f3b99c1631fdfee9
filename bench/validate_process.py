"""Benchmark: one document against tei_all, whole process (`tei-edition validate`), and jing.

    python bench/validate_process.py                  # the real samples, 3 runs each
    python bench/validate_process.py -r 5 FILE...

Issue 14: at most 1 s per call. Before the reduction (tei_edition/rng_reduce.py) lxml
compiled all of tei_all in every process (8-11 s); `--full` times that path again by
validating with the whole grammar (RelaxNGSchema.full), as an invalid document's messages
still do. Times are the fastest of the runs: wall, and CPU (user + sys) of the child.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
TEI_ALL = SHARED / "tei" / "tei_all.rng"

FULL = ("import sys; from lxml import etree; from tei_edition.validate import compile_relaxng;"
        " ok = compile_relaxng(sys.argv[1]).full().validate(etree.parse(sys.argv[2]));"
        " sys.exit(0 if ok else 1)")


def timed(command: list[str], repeat: int) -> tuple[float, float, int]:
    best_wall = best_cpu = float("inf")
    code = 0
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        code = subprocess.run(command, cwd=REPO, capture_output=True).returncode
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
    return best_wall, best_cpu, code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("-r", "--repeat", type=int, default=3)
    parser.add_argument("--full", action="store_true", help="also time the full grammar")
    args = parser.parse_args()
    files = args.files or [p for p in sorted((SHARED / "samples" / "tei").glob("*.xml"))]
    jing = shutil.which("jing")
    print(f"{'file':48} {'tei-edition':>18} {'full grammar':>18} {'jing':>18}")
    for path in files:
        ours = timed([sys.executable, "-m", "tei_edition", "validate", "--schema", str(TEI_ALL),
                      str(path)], args.repeat)
        full = timed([sys.executable, "-c", FULL, str(TEI_ALL), str(path)], 1) if args.full \
            else None
        ref = timed([jing, str(TEI_ALL), str(path)], args.repeat) if jing else None
        cells = [f"{t[0]:5.2f} s ({t[1]:4.2f} CPU) {'ok' if t[2] == 0 else 'inv'}"
                 if t else "-" for t in (ours, full, ref)]
        print(f"{path.name[:48]:48} {cells[0]:>18} {cells[1]:>18} {cells[2]:>18}")


if __name__ == "__main__":
    main()

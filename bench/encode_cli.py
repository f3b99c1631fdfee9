"""``tei-edition encode SOURCES --out-dir TEI`` end to end, as a user runs it: the CPU
seconds (user + system) of the command's process, per document, at two sizes of edition.

The sources are the real documents of ../shared/samples (wilson and wilson-dev) and the
bundled sample edition's, copied under new names to the count asked for. A run whose time
per document grows with the edition's size (more than 1.5 times from the smaller size to
the larger) is reported as not linear. ``--compare DIR`` runs another checkout (for example
a worktree of the main branch) on the same files, side by side, the two in turn::

    python bench/encode_cli.py                          # 500 and 2,000 documents
    python bench/encode_cli.py --sizes 1000,4000 --compare /tmp/old-main -r 3
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "samples"


def sources() -> list[Path]:
    found = sorted((SHARED / "wilson").glob("*.txt"))
    found += sorted((SHARED / "wilson-dev").glob("*.txt"))
    return found + sorted((REPO / "xml" / "sources").glob("*.txt"))


def make_edition(folder: Path, n: int) -> Path:
    src = folder / f"src-{n}"
    src.mkdir()
    docs = sources()
    for k in range(n):
        shutil.copyfile(docs[k % len(docs)], src / f"d{k:06d}.txt")
    return src


def cpu_of_run(checkout: Path, src: Path, out: Path) -> float:
    """CPU seconds (user + system) of one ``encode --out-dir`` in a child process, run
    outside any checkout (``python -m`` would import the package of its working folder
    before PYTHONPATH's)."""
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ, PYTHONPATH=str(checkout), SOURCE_DATE_EPOCH="1767225600")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "tei_edition", "encode", str(src), "--out-dir",
                    str(out)], env=env, cwd=out.parent, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,2000", help="two edition sizes, a,b")
    parser.add_argument("--compare", type=Path, help="another checkout to run beside this one")
    parser.add_argument("-r", "--repeat", type=int, default=1,
                        help="runs of each; the least CPU time is reported")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    checkouts = [REPO] + ([args.compare.resolve()] if args.compare else [])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        editions = {n: make_edition(folder, n) for n in sizes}
        best: dict[tuple[Path, int], float] = {}
        for _ in range(max(1, args.repeat)):
            for n in sizes:
                for checkout in checkouts:  # in turn, so that both meet the same load
                    cpu = cpu_of_run(checkout, editions[n], folder / "out")
                    key = (checkout, n)
                    best[key] = min(best.get(key, cpu), cpu)
    for checkout in checkouts:
        per_doc = [best[(checkout, n)] / n * 1000 for n in sizes]
        cells = ", ".join(f"{n:,} documents {best[(checkout, n)]:.2f} s "
                          f"({ms:.2f} ms a document)" for n, ms in zip(sizes, per_doc, strict=True))
        linear = per_doc[-1] <= 1.5 * per_doc[0]
        print(f"{checkout}: {cells}; {'linear' if linear else 'NOT LINEAR'}")
    if args.compare:
        for n in sizes:
            ratio = best[(REPO, n)] / best[(checkouts[1], n)]
            print(f"{n:,} documents: this checkout takes {ratio:.2f} times the CPU of "
                  f"{checkouts[1]}")


if __name__ == "__main__":
    main()

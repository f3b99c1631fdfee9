"""What an incremental build costs: a full build, a rebuild with nothing changed, one with one
source changed and one with a source added (a new document: the index made again), for each
checkout given, side by side in one run.

    python bench/build_incremental.py EDITION [-j 2] [--code DIR ...] [--with-pdf]

EDITION is an edition project (edition.toml, sources/, tei/); each checkout (``--code``, a
folder with tei_edition/ in it; default: this one) builds its own copy of it, so the runs
never share a cache or an output. The steps are interleaved (full build of every checkout,
then the rebuilds of every checkout, ...), so that a slow spell of this shared machine falls
on both. Each build is a process of its own: wall time from its start to its end, and the
peak resident memory of its largest process (wait4's ru_maxrss: the main process or a
worker), and the CPU seconds of it and its workers (user and system: on a busy shared
machine the steadier figure). The PDF stage is left out (its volumes are measured by
bench/pdf.py) unless ``--with-pdf``. Example, before and after a change::

    git -C /work/main worktree add /tmp/before HEAD
    python bench/build_incremental.py /tmp/edition-10000 --code /tmp/before --code .
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_scale import installed_env  # noqa: E402

# Runs in the build's process: the PDF stage stubbed out unless asked for, the result's
# counts printed as JSON on the last line.
DRIVER = """
import json, sys
import tei_edition
print(tei_edition.__file__, file=sys.stderr)
from tei_edition.build import build_edition
r = build_edition(sys.argv[1], jobs=int(sys.argv[2]), pdf=sys.argv[3] == "pdf")
print(json.dumps({"ok": r.ok, "sources": dict(r.sources), "documents": len(r.documents),
                  "validated": getattr(r, "validated", None),
                  "rendered": getattr(r, "pages_rendered", None),
                  "unchanged": getattr(r, "pages_unchanged", None),
                  "seconds": {k: round(v, 2) for k, v in r.seconds.items()}}))
"""


def build(code: Path, edition: Path, jobs: int, pdf: bool) -> dict[str, object]:
    # with the modules' bytecode cached, as an installed tei-edition has it
    env = {**installed_env(str(code)), "SOURCE_DATE_EPOCH": "1767225600"}
    start = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(edition), str(jobs), "pdf" if pdf else "-"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        cwd=edition.parent)  # not this checkout: "-c" puts the cwd first on sys.path
    assert process.stdout is not None and process.stderr is not None
    out, err = process.stdout.read(), process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"build with {code} failed:\n{err.decode(errors='replace')[-3000:]}")
    found = json.loads(out.decode().strip().splitlines()[-1])
    found.update(wall=round(wall, 2), peak_mb=round(usage.ru_maxrss / 1024),
                 cpu=round(usage.ru_utime + usage.ru_stime, 2))
    return found


def change_one_source(edition: Path) -> None:
    """The first source gets a sentence more at its end (it stays a valid source)."""
    first = sorted((edition / "sources").glob("*.txt"))[0]
    with first.open("a", encoding="utf-8") as fh:
        fh.write("\nA sentence added by the bench.\n")


def add_one_source(edition: Path) -> None:
    """A new source, dated among the others, so that the documents after it are renumbered
    and the index is made again."""
    (edition / "sources" / "zz-added-by-the-bench.txt").write_text(
        "**June 15, 1962**\n**Note added by the bench**\n**Summary:**\n"
        "A note the bench adds to the edition.\n**Contents:**\n"
        "The bench adds this note to see what a new document costs.\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("edition", type=Path)
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--code", type=Path, action="append",
                        help="a checkout to measure (repeat for a side-by-side run)")
    parser.add_argument("--with-pdf", action="store_true")
    args = parser.parse_args(argv)
    codes = [c.resolve() for c in (args.code or [Path(__file__).resolve().parents[1]])]
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        copies = []
        for n, _ in enumerate(codes):
            copy = Path(tmp) / f"edition-{n}"
            shutil.copytree(args.edition, copy, ignore=shutil.ignore_patterns(
                "site", ".tei-edition"), symlinks=True)
            copies.append(copy)
        steps: list[tuple[str, object]] = [("full build", None), ("nothing changed", None),
                                           ("one source changed", change_one_source),
                                           ("one source added", add_one_source)]
        print(f"{args.edition}: {len(list((args.edition / 'sources').glob('*.txt')))} "
              f"sources, -j {args.jobs}")
        for step, prepare in steps:
            for code, copy in zip(codes, copies, strict=True):
                if callable(prepare):
                    prepare(copy)
                found = build(code, copy, args.jobs, args.with_pdf)
                print(f"{step:20} {code}: wall {found['wall']:7.2f} s  cpu "
                      f"{found['cpu']:7.2f} s  peak "
                      f"{found['peak_mb']:6} MB  validated {found['validated']}  pages "
                      f"rendered {found['rendered']} unchanged {found['unchanged']}  "
                      f"stages {found['seconds']}  sources {found['sources']}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

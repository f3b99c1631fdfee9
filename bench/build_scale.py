"""Benchmark: build synthetic editions of 1,000, 10,000 and 100,000 documents.

For each size, an edition project is made with bench/synthetic.py (seeded: runs are
comparable), then built three times, each a process of its own:

1. ``build``: the first build (encode, validate, pages, index, and the PDF with ``--pdf``);
2. ``rebuild``: again, nothing changed;
3. ``one changed``: again, after one source was changed (a sentence added to its body).

For each run the table gives the wall time, the seconds of each stage (the build's own
figures) and, for a first build, documents per second of each stage; "other" is the wall
time outside the stages (the interpreter's start, loading the edition, writing the
outputs into the site and its manifest); and the peak memory: the largest sum of the
resident set sizes of the build process and all its children (the worker processes),
sampled from /proc every 20 ms, which processes are its children every 0.5 s
(``/usr/bin/time -v`` would give only the largest single process), and the largest single
process beside it.

The bench runs the command ``python -m tei_edition build DIR -j N`` as a user would, with
``--no-pdf`` unless ``--pdf`` (the PDF volumes are measured apart). Run from the repository
root::

    python bench/build_scale.py                          # 1,000 and 10,000, without PDF
    python bench/build_scale.py --sizes 1000,10000,100000 --no-pdf -j 2
    python bench/build_scale.py --sizes 1000 --pdf        # the whole command, PDF included
    python bench/build_scale.py --dir /tmp/scale          # keep the projects there
    python bench/build_scale.py --sizes 10000 --register 2000   # linked, with register pages

The issue's targets (2 cores): 10,000 documents encoded, validated and rendered to HTML in
30 s wall; 100,000 in 5 minutes under 2 GB; a rebuild with nothing changed in 1 s for
10,000; one changed source in 3 s for 10,000.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

import synthetic  # noqa: E402

STAGES = ("encode", "link", "validate", "pages", "index", "registers", "pdf")
#: the stages every build reports (link and registers only with registers, pdf with --pdf)
ALWAYS = ("encode", "validate", "pages", "index")
#: The build's summary line: "...; encode 4.9 s, link 1.0 s, validate 3.2 s, pages 9.0 s,
#: index 1.0 s, registers 0.5 s, pdf 9.9 s".
STAGE_RE = re.compile(r"\b(encode|link|validate|pages|index|registers|pdf) "
                      r"(\d+(?:\.\d+)?) s\b")



# ------------------------------------------------------------------ memory of a tree


def _children() -> dict[int, list[int]]:
    """Parent pid -> child pids, of every process /proc shows."""
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # "pid (comm) state ppid ...": comm may hold spaces and parentheses
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _rss(pid: int) -> int:
    """Resident set size of ``pid`` in bytes (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, IndexError, ValueError):
        return 0


def descendants(root: int) -> list[int]:
    """``root`` and every process below it (one pass over /proc)."""
    tree = _children()
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += tree.get(pid, [])
    return found


class PeakMemory:
    """Samples a process tree's memory in a thread until :meth:`stop`: the resident sizes of
    the processes every ``interval``, which processes are in the tree every ``rescan``
    seconds (a pass over all of /proc: done every 20 ms, it took a quarter of a core from
    the build it measured; the workers of a stage live for the stage)."""

    def __init__(self, pid: int, interval: float = 0.02, rescan: float = 0.5):
        self.pid, self.interval, self.rescan = pid, interval, rescan
        self.peak_sum = self.peak_one = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        pids: list[int] = []
        scanned = -self.rescan
        while not self._stop.is_set():
            now = time.monotonic()
            if now - scanned >= self.rescan:
                pids, scanned = descendants(self.pid), now
            sizes = [_rss(pid) for pid in pids]
            self.peak_sum = max(self.peak_sum, sum(sizes))
            self.peak_one = max(self.peak_one, max(sizes, default=0))
            self._stop.wait(self.interval)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


# ------------------------------------------------------------------------ one run


@dataclass
class Run:
    size: int
    what: str
    wall: float
    stages: dict[str, float] = field(default_factory=dict)
    peak_sum: int = 0
    peak_one: int = 0
    summary: str = ""
    ok: bool = True
    pages: int = 0  # of the PDF volumes, when printed


#: The builds run as an installed tei-edition does: with its modules' bytecode cached
#: (pip compiles it on install; an editable install writes it on first import), here into
#: a folder of the bench's own, even where the environment says not to write bytecode
#: (PYTHONDONTWRITEBYTECODE): compiling every module again costs each build about 0.15 s.
#: ``--no-bytecode`` measures without it.
def installed_env(*paths: str) -> dict[str, str]:
    """This environment, ``paths`` first on PYTHONPATH, with bytecode cached (above)."""
    return {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
            "PYTHONPYCACHEPREFIX": str(Path(tempfile.gettempdir()) / "tei-edition-bench-pyc"),
            "PYTHONPATH": os.pathsep.join([*paths, *filter(None, [os.environ.get("PYTHONPATH")])])}


ENV = installed_env(str(REPO))


def build(project: Path, jobs: int, pdf: bool) -> tuple[float, str, int, int, bool]:
    """One build of ``project`` in a process of its own: (wall seconds, its output, peak
    memory of its tree, of its largest process, whether it succeeded)."""
    command = [sys.executable, "-m", "tei_edition", "build", str(project), "-j", str(jobs)]
    if not pdf:
        command.append("--no-pdf")
    clock = time.perf_counter()
    process = subprocess.Popen(command, env=ENV, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    memory = PeakMemory(process.pid)
    output, _ = process.communicate()
    wall = time.perf_counter() - clock
    memory.stop()
    return wall, output, memory.peak_sum, memory.peak_one, process.returncode == 0


def summary_line(output: str) -> str:
    return next((line for line in reversed(output.splitlines()) if line.startswith("sources:")),
                output.strip().splitlines()[-1] if output.strip() else "")


def measure(size: int, what: str, project: Path, jobs: int, pdf: bool) -> Run:
    wall, output, peak_sum, peak_one, ok = build(project, jobs, pdf)
    line = summary_line(output)
    stages = {m[1]: float(m[2]) for m in STAGE_RE.finditer(line)}
    if not pdf:
        stages.pop("pdf", None)  # (the patched stage: nothing was printed)
    missing = [s for s in ALWAYS if s not in stages]
    if ok and missing:  # the build's summary line changed: say so rather than show "-"
        print(f"warning: no {', '.join(missing)} seconds in the build's summary line: "
              f"{line!r}", file=sys.stderr)
    if not ok:
        print(output[-3000:], file=sys.stderr)
    pages = sum(int(m[1]) for m in re.finditer(r"\.pdf: (\d+) pages", output))
    return Run(size, what, wall, stages, peak_sum, peak_one, line, ok, pages)


def change_one_source(project: Path) -> Path:
    """A sentence added to the last line of the middle source (a body line)."""
    sources = sorted((project / "sources").glob("*.txt"))
    path = sources[len(sources) // 2]
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(text + " A sentence added by the bench.\n", encoding="utf-8")
    return path


# ------------------------------------------------------------------------ the table


def _rate(size: int, run: Run, stage: str) -> str:
    seconds = run.stages.get(stage)
    if seconds is None:
        return "left out" if stage == "pdf" else "-"
    if run.what != "build":
        return f"{seconds:.2f} s"
    return f"{seconds:.1f} s {size / seconds:,.0f}/s" if seconds > 0 else "0 s"


def table(runs: list[Run], generated: dict[int, float]) -> str:
    head = ["documents", "run", "wall", *STAGES, "other", "peak RSS (tree)", "largest process",
            "ok"]
    rows = [head]
    for run in runs:
        rows.append([f"{run.size:,}", run.what, f"{run.wall:.1f} s",
                     *(_rate(run.size, run, s) for s in STAGES),
                     f"{run.wall - sum(run.stages.values()):.1f} s",
                     f"{run.peak_sum / 2**20:,.0f} MiB", f"{run.peak_one / 2**20:,.0f} MiB",
                     "yes" if run.ok else "NO"])
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |"
             for r in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    notes = [f"generation of {size:,} sources: {s:.1f} s ({size / s:,.0f}/s)"
             for size, s in generated.items()]
    notes += [f"PDF of {run.size:,} documents ({run.what}): {run.pages:,} pages"
              for run in runs if run.pages]
    return "\n".join([*lines, "", *notes])


def machine_speed() -> float:
    """Seconds this machine takes for 10 million additions in a Python loop (best of 3): a
    yardstick for comparing figures taken on different machines, or on one machine at
    different times (a shared virtual machine's speed varies)."""
    best = float("inf")
    for _ in range(3):
        clock, total = time.perf_counter(), 0
        for i in range(10_000_000):
            total += i
        best = min(best, time.perf_counter() - clock)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000",
                        help="comma-separated edition sizes (default 1000,10000)")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="worker processes (2)")
    parser.add_argument("--seed", type=int, default=1)
    pdf = parser.add_mutually_exclusive_group()
    pdf.add_argument("--no-pdf", dest="pdf", action="store_false", default=False,
                     help="leave the PDF out: tei-edition build --no-pdf (default)")
    pdf.add_argument("--pdf", dest="pdf", action="store_true",
                     help="the whole command, PDF included")
    parser.add_argument("--dir", type=Path,
                        help="where the projects go (kept; default: a temporary folder)")
    parser.add_argument("--register", type=int, default=0, metavar="N",
                        help="with a register of the N persons (and N/4 places) named most "
                             "often (bench/synthetic.py): the link stage and register pages")
    parser.add_argument("--no-bytecode", action="store_true",
                        help="compile every module at each build's start (no cached bytecode)")
    parser.add_argument("--no-rebuilds", action="store_true",
                        help="only the first build of each size")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    if args.no_bytecode:  # an empty cache folder, never written to
        ENV.update(PYTHONDONTWRITEBYTECODE="1", PYTHONPYCACHEPREFIX=tempfile.mkdtemp())
    base = args.dir or Path(tempfile.mkdtemp(prefix="build-scale-"))
    base.mkdir(parents=True, exist_ok=True)
    runs: list[Run] = []
    generated: dict[int, float] = {}
    try:
        for size in sizes:
            project = base / f"edition-{size}"
            if project.exists():
                shutil.rmtree(project)
            clock = time.perf_counter()
            synthetic.make_project(project, size, args.seed, args.register)
            generated[size] = time.perf_counter() - clock
            print(f"{project}: {size} sources in {generated[size]:.1f} s", file=sys.stderr)
            todo = [("build", None)] if args.no_rebuilds else [
                ("build", None), ("rebuild", None), ("one changed", change_one_source)]
            for what, before in todo:
                if before is not None:
                    before(project)
                run = measure(size, what, project, args.jobs, args.pdf)
                print(f"  {what}: {run.wall:.1f} s wall; {run.summary}", file=sys.stderr)
                runs.append(run)
    finally:
        if args.dir is None:
            shutil.rmtree(base, ignore_errors=True)
    mode = "tei-edition build, PDF included" if args.pdf else "tei-edition build --no-pdf"
    mode += "; no cached bytecode" if args.no_bytecode else "; bytecode cached"
    if args.register:
        mode += f"; a register of {args.register:,} persons and {args.register // 4:,} places"
    print(f"{mode}; -j {args.jobs}; seed {args.seed}; {os.cpu_count()} CPUs; machine: 10M "
          f"Python additions in {machine_speed():.2f} s")
    print(table(runs, generated))
    return 0 if all(r.ok for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())

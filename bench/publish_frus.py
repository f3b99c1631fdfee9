"""How fast a FRUS volume is published: its site and its PDF, at 1× and 4× its size.

Issue 14's targets, printed beside the figures:

- the site of ../shared/samples/tei/frus1894Nicaragua.xml (1.1 MB, a page per document)
  in at most 3 s: the whole ``tei-edition html`` process, and ``site.build_site`` alone
  (read, render, check, write; the imports and the interpreter's start left out);
- its PDF (``tei-edition pdf``, whole process) no slower than the issue's baseline, 246
  pages in 18 s, and than the code named by ``--before``;
- a volume four times its size (bench/volume_copies.py: its parts repeated four times, ids
  renamed) in at most four times the 1× time, for the site and for the PDF.

Each run is a subprocess: wall seconds, CPU seconds (user + system, of the process and its
children) and peak memory (ru_maxrss). The machine's cores are shared, so CPU time is the
steadier figure; with ``--before REV`` the code of that commit (``git archive`` into a
temporary folder) runs side by side with this tree's, each measurement interleaved, so
that a busy spell slows both.

    python bench/publish_frus.py                          this tree: site and PDF, 1× and 4×
    python bench/publish_frus.py --before 8ac1282         ... and the code before issue 14
    python bench/publish_frus.py --only site --rounds 3   the site alone, best of 3
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from volume_copies import multiply  # noqa: E402

SAMPLE = REPO.parent / "shared" / "samples" / "tei" / "frus1894Nicaragua.xml"
SITE_TARGET_S = 3.0
PDF_BASELINE = (246, 18.0)  # issue 14: "246 pages in 18 s"

#: build_site alone, timed inside the child (after its imports)
_SITE_FUNCTION = """
import json, sys, time
from pathlib import Path
from tei_edition.edition import Edition
from tei_edition.site import build_site
wall, cpu = time.perf_counter(), time.process_time()
result = build_site([Path(sys.argv[1])], Path(sys.argv[2]), Edition(), force=True)
print(json.dumps({"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
                  "pages": len(result.documents)}))
"""


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mb: float
    inner: dict | None = None  # what the child measured itself (the site function)
    failed: str = ""  # the command's last line of error, when it failed


def _rss_child(args: list[str], cwd: Path) -> Run:
    """Each run in a fresh grandchild whose own ru_maxrss is read: a shell-free wrapper
    (python -c) that runs the command and reports its RUSAGE_CHILDREN."""
    wrapper = ("import json, resource, subprocess, sys, time\n"
               "t = time.perf_counter()\n"
               "p = subprocess.run([sys.executable, *sys.argv[1:]], capture_output=True)\n"
               "w = time.perf_counter() - t\n"
               "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
               "sys.stderr.write(p.stderr.decode('utf-8', 'replace'))\n"
               "sys.stdout.write(p.stdout.decode('utf-8', 'replace'))\n"
               "print(json.dumps({'rc': p.returncode, 'wall': w, "
               "'cpu': u.ru_utime + u.ru_stime, 'rss': u.ru_maxrss}))\n")
    env = {**os.environ, "PYTHONPATH": str(cwd), "PYTHONHASHSEED": "0"}
    child = subprocess.run([sys.executable, "-c", wrapper, *args], cwd=cwd, env=env,
                           capture_output=True)
    lines = child.stdout.decode("utf-8", "replace").splitlines()
    usage = json.loads(lines[-1])
    if usage["rc"] != 0:
        err = child.stderr.decode("utf-8", "replace").strip().splitlines()
        return Run(usage["wall"], usage["cpu"], usage["rss"] / 1024,
                   failed=f"exit {usage['rc']}: {err[-1][:160] if err else ''}")
    inner = next((json.loads(x) for x in reversed(lines[:-1]) if x.startswith("{")), None)
    return Run(usage["wall"], usage["cpu"], usage["rss"] / 1024, inner)


def best(runs: list[Run]) -> Run:
    """The fastest of the rounds by CPU time (a shared core adds time, never removes it)."""
    return min(runs, key=lambda r: (bool(r.failed), r.cpu))


def _export(rev: str, into: Path) -> Path:
    """The code of commit ``rev``, written into a folder of its own (git archive)."""
    into.mkdir()
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev], capture_output=True,
                             check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", metavar="REV",
                        help="run the code of this commit side by side (e.g. 8ac1282)")
    parser.add_argument("--only", choices=("site", "pdf"))
    parser.add_argument("--rounds", type=int, default=1, help="best of N (by CPU time)")
    parser.add_argument("--times", type=int, default=4, help="the big volume's multiple")
    parser.add_argument("--volume", type=Path, default=SAMPLE)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="publish-frus-") as tmp_name:
        tmp = Path(tmp_name)
        trees = {"this tree": REPO}
        if args.before:
            trees = {f"before ({args.before})": _export(args.before, tmp / "before"), **trees}
        one = args.volume.resolve()
        big = tmp / f"{one.stem}-x{args.times}.xml"
        big.write_bytes(multiply(one.read_bytes(), args.times, str(one)))
        volumes = {"1×": one, f"{args.times}×": big}
        print(f"volumes: {one.name} {one.stat().st_size / 1e6:.2f} MB; "
              f"{args.times}× {big.stat().st_size / 1e6:.2f} MB; {os.cpu_count()} cores "
              f"(load average {os.getloadavg()[0]:.2f})")

        kinds = [k for k in ("site", "site function", "pdf")
                 if args.only is None or k.startswith(args.only)]
        results: dict[tuple[str, str, str], Run] = {}
        for kind in kinds:
            for vol_name, vol in volumes.items():
                rounds: dict[str, list[Run]] = {name: [] for name in trees}
                for _ in range(args.rounds):
                    for name, tree in trees.items():  # interleaved: before, after, ...
                        # a folder of its own for each run (no run finds another's output)
                        out = tmp / f"{kind}-{vol_name}-{list(trees).index(name)}-" \
                                    f"{len(rounds[name])}".replace(" ", "-")
                        if kind == "site":
                            cmd = ["-m", "tei_edition", "html", str(vol), "-o", str(out)]
                        elif kind == "site function":
                            cmd = ["-c", _SITE_FUNCTION, str(vol), str(out)]
                        else:
                            cmd = ["-m", "tei_edition", "pdf", str(vol), "-o",
                                   str(out) + ".pdf"]
                        r = _rss_child(cmd, tree)
                        if kind == "pdf" and not r.failed:
                            r.inner = {"pages": _pages(Path(str(out) + ".pdf"))}
                        rounds[name].append(r)
                for name in trees:
                    results[(kind, vol_name, name)] = best(rounds[name])
                    _print(kind, vol_name, name, results, args.times)
        _summary(results, trees, kinds, args.times)


def _print(kind: str, vol: str, tree: str, results: dict, times: int) -> None:
    r = results[(kind, vol, tree)]
    if r.failed:
        print(f"  {kind:13} {vol:3} {tree:22} failed after {r.wall:.2f} s ({r.failed})")
        return
    pages = (r.inner or {}).get("pages", "?")
    inner = ""
    if kind == "site function" and r.inner:
        inner = f" (build_site itself: {r.inner['wall']:.2f} s wall, {r.inner['cpu']:.2f} s CPU)"
    print(f"  {kind:13} {vol:3} {tree:22} {r.wall:6.2f} s wall {r.cpu:6.2f} s CPU "
          f"{r.rss_mb:6.0f} MB peak  {pages} {'pages' if kind == 'pdf' else 'documents'}"
          f"{inner}", flush=True)


def _summary(results: dict, trees: dict, kinds: list[str], times: int) -> None:
    print("targets (this tree):")
    big = f"{times}×"

    def fig(kind: str, vol: str, tree: str = "this tree") -> tuple[float, float]:
        r = results[(kind, vol, tree)]
        if kind == "site function" and r.inner:
            return r.inner["wall"], r.inner["cpu"]
        return r.wall, r.cpu

    for kind in kinds:
        w1, c1 = fig(kind, "1×")
        w4, c4 = fig(kind, big)
        if kind.startswith("site"):
            print(f"  {kind} 1×: {w1:.2f} s wall, {c1:.2f} s CPU; target ≤ {SITE_TARGET_S} s: "
                  f"{_verdict(min(w1, c1) <= SITE_TARGET_S)} (wall {_verdict(w1 <= 3)}, "
                  f"CPU {_verdict(c1 <= 3)})")
        else:
            pages, secs = PDF_BASELINE
            print(f"  pdf 1×: {w1:.2f} s wall, {c1:.2f} s CPU; the issue's baseline {pages} "
                  f"pages in {secs:.0f} s: {_verdict(c1 <= secs)} (CPU)")
            for name in trees:
                if name != "this tree" and not results[(kind, "1×", name)].failed:
                    wb, cb = fig(kind, "1×", name)
                    print(f"  pdf 1× against {name}: {cb:.2f} s CPU before, {c1:.2f} s now: "
                          f"{_verdict(c1 <= cb * 1.05)} (within 5%)")
        print(f"  {kind} {big}: {w4:.2f} s wall, {c4:.2f} s CPU = {c4 / c1:.2f} × the 1× CPU "
              f"({w4 / w1:.2f} × wall); target ≤ {times}×: {_verdict(c4 <= times * c1)}")


def _verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


if __name__ == "__main__":
    main()

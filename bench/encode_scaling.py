"""Encoding time against the number of brackets: is it linear for every shape of input?

Each run encodes one generated Wilson export whose body holds N brackets of one shape, in
a subprocess of its own (so that its peak memory, ``ru_maxrss``, is that run's alone), and
the table gives the seconds of ``encode_bytes``, the microseconds per bracket, the peak
memory and the warnings kept. A shape is linear when its time per bracket stays within a
factor of 2 from the smallest size to the largest. Run from the repository root::

    python bench/encode_scaling.py                       # 10k, 100k, 1M of every shape
    python bench/encode_scaling.py --sizes 2000,4000,8000 --shapes pairs,gaps
    python bench/encode_scaling.py --profile pairs:8000  # the top functions of one run

The shapes (``a [b] `` is one unit; N units make the body; one line unless told):

=========  ===================  ==========================================
pairs      ``a [b] ``           pairs side by side on one line
gaps       ``[...] ``           omissions on one line
unclosed   ``a [b ``            "[" never closed, on one line
stray      ``b] ``              "]" with no "[", on one line
lines      ``a [b]\\n``          one pair per line (N paragraphs)
nested     ``[a [b [c]]] ``     three levels (3 brackets a unit)
deep       ``[`` * N ``]`` * N  one nest N deep (all but 4 levels literal)
mix        all of the above     the units of every shape in turn, 20 per line
=========  ===================  ==========================================

The source size limit (``TEI_EDITION_MAX_TEXT_BYTES``, 16 MiB) bounds N: 1M units of up to 16
bytes fit.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

HEADER = ("**April 25, 1962**\n\n**Cable from the Embassy in Beijing**\n\n"
          "**Contents:**\n\nTranslation - English\n\n")

#: shape -> (unit, brackets in one unit)
UNITS: dict[str, tuple[str, int]] = {
    "pairs": ("a [b] ", 1),
    "gaps": ("[...] ", 1),
    "unclosed": ("a [b ", 1),
    "stray": ("b] ", 1),
    "lines": ("a [b]\n", 1),
    "nested": ("[a [b [c]]] ", 3),
}
SHAPES = (*UNITS, "deep", "mix")
_MIX_UNITS = ("a [b] ", "[...] ", "a [b ", "b] ", "[a [b [c]]] ", "recieved [sic] ",
              "F[oreign] M[inistry] ", "Wulumqi [Urumqi] ", "the ambassador [Chervonenko] ")
_MIX_BRACKETS = (1, 1, 1, 1, 3, 1, 2, 1, 1)


def body(shape: str, n: int) -> str:
    """The body text of ``n`` brackets (about) of ``shape``."""
    if shape == "deep":
        return "[" * n + "x" + "]" * n + "\n"
    if shape == "mix":
        parts: list[str] = []
        count = k = 0
        while count < n:
            unit = k % len(_MIX_UNITS)
            parts.append(_MIX_UNITS[unit])
            count += _MIX_BRACKETS[unit]
            k += 1
            if k % 20 == 0:
                parts.append("\n")
        return "".join(parts) + "\n"
    unit, per = UNITS[shape]
    text = unit * (n // per)
    return text if text.endswith("\n") else text + "\n"


def document(shape: str, n: int) -> bytes:
    return (HEADER + body(shape, n)).encode()


def child(shape: str, n: int, profile: bool) -> None:
    """One run (in the subprocess): encode, then print the figures as JSON."""
    import resource

    sys.path.insert(0, str(REPO))
    from tei_edition.encoder.pipeline import encode_bytes

    data = document(shape, n)
    profiler = cProfile.Profile() if profile else None
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    encoded = encode_bytes(data, f"{shape}.txt")
    if profiler:
        profiler.disable()
    seconds = time.perf_counter() - start
    if profiler:
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(15)
    print(json.dumps({
        "seconds": seconds, "bytes": len(data), "tei": len(encoded.data),
        "warnings": len(encoded.diagnostics),
        "rss_self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))


def run(shape: str, n: int, timeout: float) -> dict[str, object]:
    """One run in a subprocess; its peak memory from wait4 (kB on Linux)."""
    proc = subprocess.Popen([sys.executable, __file__, "--child", f"{shape}:{n}"],
                            stdout=subprocess.PIPE, cwd=REPO,
                            env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600"})
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            proc.kill()
            os.wait4(proc.pid, 0)
            return {"timeout": True}
        time.sleep(0.05)
    out = proc.stdout.read() if proc.stdout else b""
    if os.waitstatus_to_exitcode(status) != 0:
        return {"failed": True}
    figures = json.loads(out)
    figures["rss_kb"] = usage.ru_maxrss
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000",
                        help="brackets per document, comma-separated")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated")
    parser.add_argument("--timeout", type=float, default=300,
                        help="seconds before a run is stopped (and its larger sizes skipped)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--profile", metavar="SHAPE:N", help="profile one run, in this process")
    args = parser.parse_args()
    if args.child or args.profile:
        shape, n = (args.child or args.profile).split(":")
        child(shape, int(n), bool(args.profile))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    shapes = args.shapes.split(",")
    for shape in shapes:
        if shape not in SHAPES:
            parser.error(f"unknown shape {shape!r}; the shapes: {', '.join(SHAPES)}")
    print(f"{'shape':<9} {'brackets':>9} {'seconds':>9} {'µs/bracket':>11} {'peak MB':>8} "
          f"{'warnings':>8}  flat")
    for shape in shapes:
        per_bracket: list[float] = []
        for n in sizes:
            r = run(shape, n, args.timeout)
            if r.get("timeout") or r.get("failed"):
                what = f"> {args.timeout:.0f}" if r.get("timeout") else "failed"
                print(f"{shape:<9} {n:>9,} {what:>9}   (larger sizes skipped)", flush=True)
                per_bracket.append(float("inf"))
                break
            seconds = float(r["seconds"])  # type: ignore[arg-type]
            us = seconds / n * 1e6
            per_bracket.append(us)
            flat = ""
            if n == sizes[-1] and len(per_bracket) > 1:
                ratio = max(per_bracket) / min(per_bracket)
                flat = f"{'yes' if ratio <= 2 else 'NO'} (x{ratio:.2f})"
            print(f"{shape:<9} {n:>9,} {seconds:>9.2f} {us:>11.2f} "
                  f"{int(r['rss_kb']) / 1024:>8.0f} {r['warnings']:>8}  {flat}",  # type: ignore[call-overload]
                  flush=True)
        if len(per_bracket) < len(sizes):
            print(f"{shape:<9} {'':>9} {'':>9} {'':>11} {'':>8} {'':>8}  NO (too slow)")


if __name__ == "__main__":
    main()

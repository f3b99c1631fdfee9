"""Benchmark: the cost of the printed index of persons, places and organisations.

    python bench/pdf_register_index.py [--documents 32] [--runs 2] [--keep out.pdf]

The documents of ../shared/samples/wilson-dev (the first ``--documents`` of its 32), encoded
and linked to the registers bench/register_dev.py builds from its register.tsv, printed as
one volume (tei_edition.pdf.build_pdf) without the registers and with them, in turns
(``--runs`` times each, after a warm-up that compiles the stylesheets): the pages, the wall
and CPU time of each, and their ratio. Issue 16 allows the index at most twice the time of
the volume without it.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tei_edition import encode  # noqa: E402
from tei_edition.pdf import build_pdf  # noqa: E402
from tei_edition.registers.link import Linker, link_file  # noqa: E402
from tei_edition.registers.model import load_register  # noqa: E402


def _register_dev():
    spec = importlib.util.spec_from_file_location("register_dev",
                                                  REPO / "bench" / "register_dev.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=32)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="write the PDF with the index here")
    args = parser.parse_args()
    dev = _register_dev()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        dev.write_registers(dev.DEV / "register.tsv", folder / "registers")
        register = load_register(folder / "registers")
        linker = Linker(register)
        files = []
        for source in sorted(dev.DEV.glob("*.txt"))[:args.documents]:
            target = folder / f"{source.stem}.xml"
            target.write_bytes(encode(source).data)
            link_file(target, linker)
            files.append(target)
        build_pdf(files[:2], register=register)  # warm-up: the stylesheets compiled
        times: dict[str, list[tuple[float, float]]] = {"without": [], "with": []}
        pages = {}
        for _ in range(args.runs):
            for label, reg in (("without", None), ("with", register)):
                t0, c0 = time.perf_counter(), time.process_time()
                result = build_pdf(files, register=reg)
                times[label].append((time.perf_counter() - t0, time.process_time() - c0))
                pages[label] = result.pages
                if reg is not None and args.keep:
                    args.keep.write_bytes(result.pdf)
    print(f"documents        {len(files)}")
    for label in ("without", "with"):
        wall = statistics.median(t for t, _ in times[label])
        cpu = statistics.median(c for _, c in times[label])
        print(f"{label:7} index    {pages[label]} pages, {wall:.1f} s wall, {cpu:.1f} s CPU "
              "(medians)")
    ratio_wall = (statistics.median(t for t, _ in times["with"])
                  / statistics.median(t for t, _ in times["without"]))
    ratio_cpu = (statistics.median(c for _, c in times["with"])
                 / statistics.median(c for _, c in times["without"]))
    print(f"ratio            {ratio_wall:.2f} wall, {ratio_cpu:.2f} CPU (at most 2)")


if __name__ == "__main__":
    main()

"""What linking costs a document, beside what encoding it costs.

Registers from the development set's register.tsv (222 entries; bench/register_dev.py), then
for each document: the encoding (tei_edition.encode) and the linking of its tree
(tei_edition.registers.link.Linker.link), each timed; the linking of the written file
(link_file: parse, link, seal, write) too::

    python bench/register_link.py              # the 32 documents of wilson-dev
    python bench/register_link.py -n 500       # and 500 synthetic documents (bench/synthetic.py)

Prints the time per document (median and mean) of each, and the links made per document.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import register_dev  # noqa: E402
import synthetic  # noqa: E402

from tei_edition import encode  # noqa: E402
from tei_edition.registers.link import Linker, link_file  # noqa: E402
from tei_edition.registers.model import load_register  # noqa: E402
from tei_edition.tei import parse_bytes  # noqa: E402


def measure(sources: list[Path], linker: Linker, out: Path) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"encode": [], "link": [], "link_file": [], "links": []}
    for source in sources:
        t0 = time.perf_counter()
        data = encode(source).data
        t1 = time.perf_counter()
        tree = parse_bytes(data)
        t2 = time.perf_counter()
        result = linker.link(tree)
        t3 = time.perf_counter()
        target = out / (source.stem + ".xml")
        target.write_bytes(data)
        t4 = time.perf_counter()
        link_file(target, linker)
        t5 = time.perf_counter()
        times["encode"].append(t1 - t0)
        times["link"].append(t3 - t2)
        times["link_file"].append(t5 - t4)
        times["links"].append(len(result.changes))
    return times


def report(name: str, times: dict[str, list[float]]) -> None:
    n = len(times["encode"])
    print(f"{name}: {n} documents, {statistics.mean(times['links']):.1f} links a document")
    for stage in ("encode", "link", "link_file"):
        values = times[stage]
        print(f"  {stage:<10} median {statistics.median(values) * 1000:7.2f} ms, "
              f"mean {statistics.mean(values) * 1000:7.2f} ms")
    share = sum(times["link"]) / sum(times["encode"])
    print(f"  linking the tree costs {share:.0%} of encoding")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=0, help="synthetic documents (at most 1000)")
    args = parser.parse_args()
    if args.n > 1000:
        parser.error("at most 1,000 documents (the machine is shared)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        register_dev.write_registers(register_dev.DEV / "register.tsv", folder / "registers")
        t0 = time.perf_counter()
        linker = Linker(load_register(folder / "registers"))
        print(f"register: {len(linker.register)} entries, loaded and indexed in "
              f"{(time.perf_counter() - t0) * 1000:.0f} ms")
        (folder / "out").mkdir()
        report("wilson-dev", measure(sorted(register_dev.DEV.glob("*.txt")), linker,
                                     folder / "out"))
        if args.n:
            (folder / "synthetic").mkdir()
            paths = []
            for name, text in synthetic.generate(args.n, 1):
                path = folder / "synthetic" / name
                path.write_text(text, encoding="utf-8")
                paths.append(path)
            report("synthetic (seed 1)", measure(paths, linker, folder / "out"))


if __name__ == "__main__":
    main()

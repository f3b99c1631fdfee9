"""Benchmark: validate N encoded documents (RELAX NG + Schematron) in one run.

    python bench/validate.py                       # the project schema, 1,000 documents
    python bench/validate.py --count 2000
    python bench/validate.py -r 5                  # the fastest of 5 runs
    python bench/validate.py --schema ../shared/tei/tei_all.rng \\
                             --schematron ../shared/tei/tei_all.isosch

The documents are copies of the encoder's output in xml/tei/ (else of
tests/fixtures/canonical.xml, or of the files given with --docs) with their ids changed,
written to a temporary folder. Schema
compilation is timed apart (it happens once per process); the figure that matters is
documents per second per core over the validation run: N / CPU seconds of the process.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tei_edition.validate import Validator, default_schema, default_schematron  # noqa: E402


def make_documents(folder: Path, count: int, sources: list[Path]) -> list[Path]:
    texts = [s.read_text(encoding="utf-8") for s in sources]
    paths = []
    for i in range(count):
        text = texts[i % len(texts)]
        text = text.replace('xml:id="wilson-', f'xml:id="wilson-{i}-', 1)
        text = text.replace("The Minister", f"Minister No. {i}", 1)
        path = folder / f"doc-{i:05d}.xml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("-r", "--repeat", type=int, default=1,
                        help="time the run N times and report the fastest (CPU): a shared "
                             "machine's load varies")
    parser.add_argument("--schema", type=Path, default=None)
    parser.add_argument("--schematron", type=Path, default=None)
    parser.add_argument("--docs", type=Path, nargs="*", default=None,
                        help="documents to copy (default: the encoder's xml/tei/*.xml, "
                             "else tests/fixtures/canonical.xml)")
    args = parser.parse_args()
    docs = args.docs or sorted((REPO / "xml" / "tei").glob("*.xml")) or [
        REPO / "tests" / "fixtures" / "canonical.xml"]
    schema = args.schema or default_schema()
    schematron = args.schematron or default_schematron()

    t0, c0 = time.perf_counter(), time.process_time()
    validator = Validator(schema, schematron)
    compile_wall, compile_cpu = time.perf_counter() - t0, time.process_time() - c0

    with tempfile.TemporaryDirectory() as tmp:
        paths = make_documents(Path(tmp), args.count, docs)
        size = sum(p.stat().st_size for p in paths)
        # one warm-up document, then the timed run
        list(validator.check_files(paths[:1]))
        wall = cpu = float("inf")
        for _ in range(max(1, args.repeat)):
            t0, c0 = time.perf_counter(), time.process_time()
            reports = list(validator.check_files(paths))
            run_wall, run_cpu = time.perf_counter() - t0, time.process_time() - c0
            if run_cpu < cpu:
                wall, cpu = run_wall, run_cpu

    valid = sum(r.valid for r in reports)
    print(f"schema:      {schema}")
    print(f"schematron:  {schematron}")
    print(f"documents:   {len(reports)} ({size / len(reports) / 1024:.1f} KiB each), "
          f"{valid} valid")
    print(f"compile:     {compile_wall:.2f} s wall, {compile_cpu:.2f} s CPU (once per process)")
    print(f"validate:    {wall:.2f} s wall, {cpu:.2f} s CPU")
    print(f"throughput:  {len(reports) / wall:.0f} documents/s wall, "
          f"{len(reports) / cpu:.0f} documents/s per core (CPU)")


if __name__ == "__main__":
    main()

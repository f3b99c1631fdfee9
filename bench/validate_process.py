"""Benchmark: one document against tei_all, whole process (`tei-edition validate`), before and
after a change, and jing, side by side in one run.

    python bench/validate_process.py                  # main against this tree, 3 runs each
    python bench/validate_process.py --before HEAD~1 -r 5
    python bench/validate_process.py FILE...          # these files instead of the set below

Issue 14: at most 1 s per call, valid or not (jing: about 1 s). The files: three valid samples
of ../shared/samples/tei, and five invalid documents: the FRUS volume and the committee minutes
as they are (tei_all refuses frus:attachment and one value), and three samples with one error
made here (a required element renamed, the only child of a list removed, an unknown element).
"Before" is the code of the revision ``--before`` (default: main), exported with
``git archive`` into a temporary folder; "after" is this tree. Each cell is the fastest of
the runs: wall time, and CPU (user + sys) of the child; then the exit code's verdict.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SAMPLES = SHARED / "samples" / "tei"
TEI_ALL = SHARED / "tei" / "tei_all.rng"

VALID = ["pushkin-boris-godunov.xml", "K_8232_Kauffmann_Jakob_an_Escher_1875-05-17.xml",
         "teic-stylesheets-test.xml"]
INVALID_AS_THEY_ARE = ["frus1894Nicaragua.xml", "hac-1958-11-07.xml"]
#: (sample, pattern, replacement, the file's name): one substitution, the first match.
MADE_INVALID = [
    ("K_0005_Bianchetti_Felice_an_Escher_1880-03-00.xml",
     r"<titleStmt>(.*?)</titleStmt>", r"<title>\1</title>", "K_0005-titleStmt-renamed.xml"),
    ("pushkin-boris-godunov.xml", r"<relation [^>]*/>", "", "pushkin-relation-removed.xml"),
    ("teic-stylesheets-test.xml", r"<body>", "<body><foo/>", "teic-unknown-element.xml"),
]


def timed(command: list[str], tree: Path, repeat: int) -> tuple[float, float, int]:
    best_wall = best_cpu = float("inf")
    code = 0
    env = {**os.environ, "PYTHONPATH": str(tree)}  # wins over an editable install
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        code = subprocess.run(command, cwd=tree, env=env, capture_output=True).returncode
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
    return best_wall, best_cpu, code


def export(revision: str, folder: Path) -> Path:
    """The code of ``revision`` of this repository, written into ``folder``."""
    folder.mkdir()
    archive = subprocess.run(["git", "-C", str(REPO), "archive", revision], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def documents(folder: Path) -> list[tuple[Path, str]]:
    """(file, label) for the default set: the valid samples, then the invalid documents."""
    out = [(SAMPLES / name, "valid") for name in VALID]
    out += [(SAMPLES / name, "invalid") for name in INVALID_AS_THEY_ARE]
    for name, pattern, replacement, made in MADE_INVALID:
        text = (SAMPLES / name).read_text(encoding="utf-8")
        changed = re.sub(pattern, replacement, text, count=1, flags=re.DOTALL)
        assert changed != text, (name, pattern)
        path = folder / made
        path.write_text(changed, encoding="utf-8")
        out.append((path, "invalid"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("-r", "--repeat", type=int, default=3)
    parser.add_argument("--before", default="main", help="the revision to compare with")
    args = parser.parse_args()
    jing = shutil.which("jing")
    with tempfile.TemporaryDirectory() as tmp:
        before = export(args.before, Path(tmp) / "before")
        made = Path(tmp) / "documents"
        made.mkdir()
        files = [(p.resolve(), "") for p in args.files] or documents(made)
        for tree in (before, REPO):  # which code each column runs
            run = subprocess.run([sys.executable, "-c", "import tei_edition; "
                                  "print(tei_edition.__file__)"], cwd=tree, text=True,
                                 env={**os.environ, "PYTHONPATH": str(tree)},
                                 capture_output=True, check=True)
            print(f"{'before' if tree == before else 'after'}: {run.stdout.strip()}")
        print(f"{'file':48} {'':7} {'before (' + args.before + ')':>21} {'after':>21} "
              f"{'jing':>21}")
        for path, label in files:
            command = [sys.executable, "-m", "tei_edition", "validate", "--schema",
                       str(TEI_ALL), str(path)]
            cells = [timed(command, before, args.repeat), timed(command, REPO, args.repeat),
                     timed([jing, str(TEI_ALL), str(path)], REPO, args.repeat) if jing
                     else None]
            text = [f"{t[0]:5.2f} s ({t[1]:5.2f} CPU) {'ok' if t[2] == 0 else 'inv'}"
                    if t else "-" for t in cells]
            print(f"{path.name[:48]:48} {label:7} {text[0]:>21} {text[1]:>21} {text[2]:>21}",
                  flush=True)


if __name__ == "__main__":
    main()

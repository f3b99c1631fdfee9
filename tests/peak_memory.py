"""Run ``python -m tei_edition ARGS`` and measure its peak memory (ru_maxrss).

The command runs under a small wrapper process, which waits for it with os.wait4 and
reports its ru_maxrss. Measured straight from the test process, a child's ru_maxrss
starts at the resident size of the process it was forked from (Linux counts the memory of
the fork before the exec), so a child of a large pytest process would show pytest's size,
not its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

_WRAPPER = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_measured(args: list[str], *, stdin: object = subprocess.DEVNULL, timeout: float = 120,
                 env: dict[str, str] | None = None, tmp: Path | None = None
                 ) -> tuple[int, str, float]:
    """Exit code, stderr and peak memory in MB of ``python -m tei_edition ARGS``.
    Raises subprocess.TimeoutExpired past ``timeout`` seconds."""
    import tempfile

    with tempfile.TemporaryDirectory(dir=tmp) as folder:
        report = Path(folder) / "maxrss"
        done = subprocess.run([sys.executable, "-c", _WRAPPER, str(report), sys.executable,
                               "-m", "tei_edition", *args], cwd=REPO, stdin=stdin,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              env={**os.environ, **(env or {})}, timeout=timeout)
        peak_kb = int(report.read_text()) if report.exists() else 0
    return done.returncode, done.stderr.decode("utf-8", "replace"), peak_kb / 1024

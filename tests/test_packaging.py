"""The wheel ships xslt/, schemas/ and the sample edition as package data."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_holds_stylesheets_schemas_and_sample_edition(tmp_path):
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
        capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    (wheel,) = tmp_path.glob("tei_edition-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "tei_edition/xslt/common/editorial.xsl" in names
    for top, packaged in (("xslt", "tei_edition/xslt"), ("schemas", "tei_edition/schemas"),
                          ("xml", "tei_edition/sample_edition")):
        shipped = {n for n in names if n.startswith(packaged + "/")}
        in_repo = {f"{packaged}/{p.relative_to(REPO / top).as_posix()}"
                   for p in (REPO / top).rglob("*") if p.is_file()}
        assert in_repo <= shipped, sorted(in_repo - shipped)[:5]
    assert any(n.endswith("entry_points.txt") for n in names)
    # every module, those of the subpackages (tei_edition/pdf/, odd/, ...) too
    modules = {p.relative_to(REPO).as_posix() for p in (REPO / "tei_edition").rglob("*.py")}
    assert "tei_edition/pdf/budget.py" in modules
    assert modules <= names, sorted(modules - names)[:5]

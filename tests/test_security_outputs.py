"""Outputs: nothing is written that the user did not name, nothing is lost, and a build that
was interrupted or failed is finished by the next one (issue 11).

CI runs as root, where chmod stops nothing: a full disk, a read-only folder and a refused
permission are simulated by making the file system calls raise ENOSPC, EROFS and EACCES.
Interruption is tested without timing: the k-th rename of a build raises the interrupt,
for every k.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

import tei_edition.files as files
from tei_edition.cli import cli
from tei_edition.files import OutputError, OutputFolder, write_atomic

REPO = Path(__file__).resolve().parent.parent
CANONICAL = REPO / "tests" / "fixtures" / "canonical.xml"
SOURCE = REPO / "xml" / "sources" / "cable-1958-03-03.txt"


def small_edition(root: Path) -> Path:
    """An edition of two documents (the fixture and one sample)."""
    (root / "tei").mkdir(parents=True)
    (root / "sources").mkdir()
    (root / "edition.toml").write_text('title = "Small Edition"\n', encoding="utf-8")
    shutil.copy(CANONICAL, root / "tei" / "canonical.xml")
    shutil.copy(REPO / "xml" / "tei" / "telegram-1961-11-02.xml", root / "tei")
    return root


def tree_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob("*.tmp")]


# ---------------------------------------------------------------------------------------
# One file
# ---------------------------------------------------------------------------------------


def test_a_new_output_gets_the_umask_and_a_replaced_one_keeps_its_mode(tmp_path):
    target = tmp_path / "out.xml"
    write_atomic(target, b"one")
    assert stat.S_IMODE(target.stat().st_mode) == files._NEW_FILE_MODE
    os.chmod(target, 0o640)
    write_atomic(target, b"two", force=True)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640 and target.read_bytes() == b"two"


def test_outputs_follow_the_users_umask_in_a_real_run(tmp_path):
    out = tmp_path / "cable.xml"
    subprocess.run([sys.executable, "-m", "tei_edition", "encode", str(SOURCE), "-o", str(out)],
                   cwd=REPO, check=True, capture_output=True, umask=0o002)
    assert stat.S_IMODE(out.stat().st_mode) == 0o664
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "tei_edition", "html", str(CANONICAL), "--out-dir",
                    str(site)], cwd=REPO, check=True, capture_output=True, umask=0o022)
    modes = {stat.S_IMODE(p.stat().st_mode) for p in site.rglob("*") if p.is_file()}
    assert modes == {0o644}


def test_force_on_a_symbolic_link_neither_follows_nor_replaces_it(tmp_path):
    target = tmp_path / "elsewhere.xml"
    target.write_text("hand edits")
    link = tmp_path / "cable.xml"
    link.symlink_to(target)
    result = CliRunner().invoke(cli, ["encode", str(SOURCE), "-o", str(link), "--force"])
    assert result.exit_code == 1
    assert f"{link}: error [link] is a symbolic link" in result.output
    assert link.is_symlink() and target.read_text() == "hand edits"


def test_an_output_never_replaces_its_own_source(tmp_path):
    source = tmp_path / "cable.txt"
    shutil.copy(SOURCE, source)
    before = source.read_bytes()
    for spelling in (str(source), str(tmp_path / "." / "cable.txt")):
        result = CliRunner().invoke(cli, ["encode", str(source), "-o", spelling, "--force"])
        assert result.exit_code == 1
        assert "is also an input" in result.output
    hard = tmp_path / "hard.xml"
    tei = tmp_path / "doc.xml"
    shutil.copy(CANONICAL, tei)
    os.link(tei, hard)
    result = CliRunner().invoke(cli, ["pdf", str(tei), "-o", str(hard), "--force"])
    assert result.exit_code == 1 and "is also an input" in result.output
    assert source.read_bytes() == before and tei.read_bytes() == CANONICAL.read_bytes()


def test_an_output_folder_never_replaces_an_input_among_many(tmp_path):
    """encode --out-dir: an output that is (a hard link to) one of the inputs is refused;
    the other inputs are still encoded."""
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    out.mkdir()
    for k in range(5):
        shutil.copy(SOURCE, src / f"d{k}.txt")
    os.link(src / "d3.txt", out / "d1.xml")
    before = (src / "d3.txt").read_bytes()
    result = CliRunner().invoke(cli, ["encode", str(src), "--out-dir", str(out), "--force"])
    assert result.exit_code == 1
    assert f"{out / 'd1.xml'}: error [exists] is also an input" in result.output
    assert (src / "d3.txt").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == [f"d{k}.xml" for k in range(5)]


def _stat_calls_to_encode(tmp_path: Path, n: int, monkeypatch) -> int:
    src, out = tmp_path / f"src{n}", tmp_path / f"out{n}"
    src.mkdir()
    for k in range(n):
        shutil.copy(SOURCE, src / f"d{k}.txt")
    calls = 0
    real_stat = os.stat

    def counting_stat(*args, **kwargs):
        nonlocal calls
        calls += 1
        return real_stat(*args, **kwargs)

    monkeypatch.setattr(os, "stat", counting_stat)
    result = CliRunner().invoke(cli, ["encode", str(src), "--out-dir", str(out)])
    monkeypatch.setattr(os, "stat", real_stat)
    assert result.exit_code == 0, result.output
    return calls


def test_checking_outputs_against_inputs_is_linear(tmp_path, monkeypatch):
    """Each output is checked against every input by one look-up, not one stat per input:
    four times the documents cost (about) four times the stat calls, not sixteen."""
    small = _stat_calls_to_encode(tmp_path, 10, monkeypatch)
    large = _stat_calls_to_encode(tmp_path, 40, monkeypatch)
    assert small >= 10  # the inputs are looked at
    assert large - small <= 30 * (small / 10) + 20, (small, large)


def test_a_device_is_written_in_place_never_renamed_over(tmp_path):
    result = CliRunner().invoke(cli, ["encode", str(SOURCE), "-o", "/dev/null"])
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    link = tmp_path / "null.xml"  # as /dev/stdout is a link to the terminal or a pipe
    link.symlink_to("/dev/null")
    result = CliRunner().invoke(cli, ["encode", str(SOURCE), "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_fifo_without_a_reader_is_one_line(tmp_path):
    fifo = tmp_path / "out.xml"
    os.mkfifo(fifo)
    result = CliRunner().invoke(cli, ["encode", str(SOURCE), "-o", str(fifo)])
    assert result.exit_code == 1
    assert f"{fifo}: error [io] is a FIFO with no reader" in result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "the disk is full"),
                                         (errno.EROFS, "the file system is read-only"),
                                         (errno.EACCES, "permission denied")])
def test_a_refused_write_is_one_line_and_leaves_the_old_file(tmp_path, monkeypatch, code, words):
    target = tmp_path / "cable.xml"
    target.write_text("old")
    real_replace = os.replace

    def refuse(src, dst, *args, **kwargs):
        if str(dst).startswith(str(tmp_path)):
            raise OSError(code, os.strerror(code))
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", refuse)
    result = CliRunner().invoke(cli, ["encode", str(SOURCE), "-o", str(target), "--force"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == f"{target}: error [io] cannot write: {words}"
    assert target.read_text() == "old" and leftovers(tmp_path) == []


@pytest.mark.parametrize("code, words", [(errno.EROFS, "the file system is read-only"),
                                         (errno.EACCES, "permission denied")])
def test_a_folder_that_cannot_be_written_is_one_line(tmp_path, monkeypatch, code, words):
    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    root = small_edition(tmp_path / "ed")
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    for args in (["encode", str(SOURCE), "-o", str(tmp_path / "c.xml")],
                 ["html", str(CANONICAL), "--out-dir", str(tmp_path / "site")],
                 ["pdf", str(CANONICAL), "-o", str(tmp_path / "c.pdf")],
                 ["build", str(root), "--out-dir", str(tmp_path / "out")]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1, result.output
        assert f"error [io] cannot write: {words}" in result.output
        assert "Traceback" not in result.output
    assert not (tmp_path / "c.xml").exists() and not (tmp_path / "c.pdf").exists()
    assert not any((tmp_path / "out").rglob("*.pdf"))
    assert not any((tmp_path / "site").rglob("*.html"))


def test_an_output_name_must_stay_inside_its_folder(tmp_path):
    folder = OutputFolder(tmp_path / "site", ".marker")
    for name in ("../x.html", "/etc/x", "a//b", "a/./b", "", "a\\b", "x\0y", "n" * 256):
        with pytest.raises(OutputError, match="not a file name inside the output folder"):
            folder.write(name, b"x")
    assert not (tmp_path / "x.html").exists()


# ---------------------------------------------------------------------------------------
# Folders: a forged build, an interrupted build, a failed build
# ---------------------------------------------------------------------------------------


def test_a_forged_previous_build_cannot_redirect_the_output(tmp_path):
    root = small_edition(tmp_path / "ed")
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "index.html").write_text("the victim's page")
    out = tmp_path / "out"
    out.mkdir()
    (out / ".tei-edition-build.json").write_text('{"files": ["documents/index.html"]}')
    (out / "documents").symlink_to(victim)
    result = CliRunner().invoke(cli, ["build", str(root), "--out-dir", str(out)])
    assert result.exit_code == 1
    assert f"{out / 'documents'}: error [link] is a symbolic link inside the output folder" \
        in result.output
    assert tree_of(victim) == {"index.html": b"the victim's page"}


def test_a_link_among_a_previous_sites_files_is_replaced_not_followed(tmp_path):
    site = tmp_path / "site"
    CliRunner().invoke(cli, ["html", str(CANONICAL), "--out-dir", str(site)])
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    (site / "index.html").unlink()
    (site / "index.html").symlink_to(secret)
    result = CliRunner().invoke(cli, ["html", str(CANONICAL), "--out-dir", str(site)])
    assert result.exit_code == 0, result.output
    assert secret.read_text() == "secret"
    assert not (site / "index.html").is_symlink()


@pytest.fixture(scope="module")
def edition_and_clean_build(tmp_path_factory):
    """A small edition and its complete build, to compare interrupted builds with."""
    base = tmp_path_factory.mktemp("interrupt")
    root = small_edition(base / "ed")
    out = base / "clean"
    result = CliRunner().invoke(cli, ["build", str(root), "--out-dir", str(out)])
    assert result.exit_code == 0, result.output
    return root, tree_of(out)


@pytest.fixture
def fast_pdf(monkeypatch, edition_and_clean_build):
    """The PDF of the small edition rendered once: these tests are about the writes."""
    import tei_edition.pdf as pdf

    # what the build's PDF stage calls, once per volume group (in this process: the builds
    # of these tests run with -j 1, since a spawned worker would not see the patch)
    real = pdf.print_group
    made: dict[str, object] = {}

    def once(group, *args, **kwargs):
        if group.name not in made:
            made[group.name] = real(group, *args, **kwargs)
        return made[group.name]

    monkeypatch.setattr(pdf, "print_group", once)


@contextmanager
def renames_fail_at(k: int | None, exc: BaseException) -> Iterator[list[int]]:
    """Count the renames (one per file written); the k-th raises ``exc``."""
    calls = [0]
    real_replace = os.replace

    def replace(src, dst, *args, **kwargs):
        calls[0] += 1
        if calls[0] == k:
            raise exc
        return real_replace(src, dst, *args, **kwargs)

    os.replace = replace  # type: ignore[assignment]
    try:
        yield calls
    finally:
        os.replace = real_replace


def without_manifest(tree: dict[str, bytes]) -> dict[str, bytes]:
    return {k: v for k, v in tree.items() if not k.endswith(".tei-edition-build.json")}


def test_a_build_interrupted_at_any_write_is_finished_by_the_next(
        tmp_path, fast_pdf, edition_and_clean_build):
    from tei_edition.build import build_edition

    root, clean = edition_and_clean_build
    with renames_fail_at(None, KeyboardInterrupt()) as calls:
        build_edition(root, tmp_path / "probe")
    writes = calls[0]
    # every output, and the manifest five times: before the pages and the assets are
    # written (their names), before the index's files, before each of the two PDF
    # volumes (a volume a year: 1958, 1961), and at the finish
    assert writes == len(clean) + 4
    for k in range(1, writes + 1):
        out = tmp_path / f"out{k}"
        with renames_fail_at(k, KeyboardInterrupt()), pytest.raises(KeyboardInterrupt):
            build_edition(root, out)
        assert leftovers(out) == []
        # the next run, without --force, finishes it
        result = CliRunner().invoke(cli, ["build", str(root), "--out-dir", str(out),
                                          "-j", "1"])
        assert result.exit_code == 0, f"after an interrupt at write {k}: {result.output}"
        assert without_manifest(tree_of(out)) == without_manifest(clean), f"write {k}"


def test_a_build_stopped_by_a_full_disk_is_finished_by_the_next(tmp_path, fast_pdf,
                                                                edition_and_clean_build):
    root, clean = edition_and_clean_build
    out = tmp_path / "out"
    with renames_fail_at(5, OSError(errno.ENOSPC, "No space left on device")):
        result = CliRunner().invoke(cli, ["build", str(root), "--out-dir", str(out),
                                          "-j", "1"])
    assert result.exit_code == 1
    assert "error [io] cannot write: the disk is full" in result.output
    assert "Traceback" not in result.output and leftovers(out) == []
    result = CliRunner().invoke(cli, ["build", str(root), "--out-dir", str(out), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert without_manifest(tree_of(out)) == without_manifest(clean)


def test_a_rebuild_removes_what_the_edition_no_longer_has(tmp_path):
    root = small_edition(tmp_path / "ed")
    out = tmp_path / "out"
    assert CliRunner().invoke(cli, ["build", str(root), "--out-dir", str(out)]).exit_code == 0
    (out / "notes.txt").write_text("the editors' own file")
    (root / "tei" / "telegram-1961-11-02.xml").unlink()
    result = CliRunner().invoke(cli, ["build", str(root), "--out-dir", str(out)])
    assert result.exit_code == 0, result.output
    pages = sorted(p.name for p in (out / "documents").iterdir())
    assert pages == ["wilson-900001.html"]
    assert (out / "notes.txt").read_text() == "the editors' own file"


# ---------------------------------------------------------------------------------------
# Signals and exit codes
# ---------------------------------------------------------------------------------------


def run_main(monkeypatch, args: list[str], action) -> int:
    """Run the real entry point with ``action`` standing in for the encoder."""
    import tei_edition.encoder.pipeline as pipeline
    from tei_edition import cli as cli_module

    monkeypatch.setattr(pipeline, "encode_bytes", lambda *a, **k: action())
    monkeypatch.setattr(sys, "argv", ["tei-edition", *args])
    with pytest.raises(SystemExit) as stopped:
        cli_module.main()
    return int(stopped.value.code or 0)


def test_ctrl_c_exits_130(monkeypatch, tmp_path, capsys):
    def interrupt():
        raise KeyboardInterrupt

    assert run_main(monkeypatch, ["encode", str(SOURCE), "-o", str(tmp_path / "x.xml")],
                    interrupt) == 130
    assert "interrupted" in capsys.readouterr().err
    assert not (tmp_path / "x.xml").exists()


def test_sigterm_exits_143(monkeypatch, tmp_path, capsys):
    previous = signal.getsignal(signal.SIGTERM)

    def terminate():
        os.kill(os.getpid(), signal.SIGTERM)
        raise AssertionError("SIGTERM did not stop the run")

    try:
        assert run_main(monkeypatch, ["encode", str(SOURCE)], terminate) == 143
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert "terminated" in capsys.readouterr().err


def test_an_unforeseen_error_is_one_line_and_exit_3(monkeypatch, capsys):
    def bug():
        raise ZeroDivisionError("division by zero")

    assert run_main(monkeypatch, ["encode", str(SOURCE)], bug) == 3
    err = capsys.readouterr().err
    assert "internal error (ZeroDivisionError: division by zero)" in err
    assert "Traceback" not in err

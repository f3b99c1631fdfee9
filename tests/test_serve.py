"""``tei-edition serve`` (issue 15): the built site on 127.0.0.1, from its folder only, and a
rebuild when the edition changes."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tei_edition.files import OutputError
from tei_edition.project import init_project
from tei_edition.serve import start_server, url_of, watch

REPO = Path(__file__).resolve().parents[1]
SOURCE = "**April 1, 1958**\n**Letter on the border**\n\nThe ambassador [Chervonenko] came.\n"


def _get(server, path: str) -> tuple[int, dict[str, str], bytes]:
    """A request sent as written (urllib would resolve "/../"), as a browser or curl
    --path-as-is may send it."""
    host, port = server.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=10)
    conn.request("GET", path)
    answer = conn.getresponse()
    result = answer.status, dict(answer.getheaders()), answer.read()
    conn.close()
    return result


@pytest.fixture
def served(tmp_path):
    site = tmp_path / "ed" / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text("<p>the index</p>", encoding="utf-8")
    (tmp_path / "ed" / "edition.toml").write_text('title = "secret"\n', encoding="utf-8")
    server = start_server(site, 0)
    yield server
    server.shutdown()
    server.server_close()


def test_the_site_is_served_on_this_machine_only_and_uncached(served):
    assert served.server_address[0] == "127.0.0.1"
    assert url_of(served).startswith("http://127.0.0.1:")
    status, headers, body = _get(served, "/")
    assert status == 200 and body == b"<p>the index</p>"
    assert headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", ["/../edition.toml", "/%2e%2e/edition.toml",
                                  "/..%2fedition.toml", "//etc/passwd"])
def test_nothing_outside_the_site_is_served(served, path):
    status, _, body = _get(served, path)
    assert status == 404, body
    assert b"secret" not in body and b"root:" not in body


def test_a_port_in_use_is_an_error_that_names_the_option(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(OutputError) as info:
            start_server(tmp_path, taken.getsockname()[1])
    assert "--port" in str(info.value) and info.value.code == "port"


def test_watch_builds_once_per_change_and_not_for_what_the_build_writes(tmp_path):
    root = tmp_path / "ed"
    (root / "sources").mkdir(parents=True)
    (root / "tei").mkdir()
    (root / "edition.toml").write_text('title = "t"\n', encoding="utf-8")
    source = root / "sources" / "a.txt"
    source.write_text("one", encoding="utf-8")
    builds: list[float] = []

    def build() -> None:  # as a build does: it writes the encoding into tei/
        builds.append(time.monotonic())
        (root / "tei" / "a.xml").write_text(f"<TEI n='{len(builds)}'/>", encoding="utf-8")

    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(root, build, stop, 0.05))
    watcher.start()
    try:
        time.sleep(0.3)
        assert builds == []  # nothing changed
        source.write_text("two, longer", encoding="utf-8")
        _wait(lambda: len(builds) == 1)
        time.sleep(0.5)
        assert len(builds) == 1  # the build's own tei/a.xml is no change
        (root / "tei" / "a.new.xml").write_text("<TEI/>", encoding="utf-8")
        time.sleep(0.5)
        assert len(builds) == 1  # a new encoding beside a hand edit is never published
        (root / "tei" / "b.xml").write_text("<TEI/>", encoding="utf-8")  # a hand-made TEI
        _wait(lambda: len(builds) == 2)
        (root / "edition.toml").write_text('title = "other"\n', encoding="utf-8")
        _wait(lambda: len(builds) == 3)
    finally:
        stop.set()
        watcher.join(5)
    assert not watcher.is_alive()


def _wait(condition, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "not within the time"
        time.sleep(0.05)


def test_the_command_builds_serves_rebuilds_and_stops_on_ctrl_c(tmp_path):
    root = tmp_path / "ed"
    init_project(root, "Border letters")
    source = root / "sources" / "letter-1958-04-01.txt"
    source.write_text(SOURCE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "tei_edition", "serve", str(root),
                             "--port", "0", "-j", "1"], stderr=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=env)
    lines: list[str] = []  # its summaries, read as they come
    assert proc.stdout is not None
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout or ()), daemon=True)
    reader.start()
    try:
        url = _served_url(proc)
        index = urllib.request.urlopen(url, timeout=10).read().decode("utf-8")
        assert "Letter on the border" in index and "Border letters" in index
        source.write_text(SOURCE.replace("on the border", "on the river"), encoding="utf-8")
        deadline = time.monotonic() + 120
        while "Letter on the river" not in urllib.request.urlopen(url, timeout=10).read(
                ).decode("utf-8"):
            assert time.monotonic() < deadline, "the change was not built"
            time.sleep(0.5)
        # the page is there before the rebuild has ended (its PDF, its summary): stopped
        # only once the rebuild's summary is out
        _wait(lambda: sum(line.startswith("sources: ") for line in lines) == 2, 120)
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)
        reader.join(10)  # stdout is the reader's; stderr is read here
        assert proc.stderr is not None
        err = proc.stderr.read()
    out = "".join(lines)
    assert proc.returncode == 0, err
    assert err.rstrip().endswith("stopped")
    assert out.count("sources: ") == 2  # the first build and the rebuild
    assert "sources: 1 re-encoded" in out


def _served_url(proc: subprocess.Popen[str]) -> str:
    assert proc.stderr is not None
    for line in proc.stderr:
        if line.startswith("serving "):
            return line.split(" at ")[1].split()[0]
    raise AssertionError(f"no 'serving' line; exit {proc.wait()}")

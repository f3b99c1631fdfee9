"""A preview of a built edition: ``tei-edition serve`` serves the site on this machine and
rebuilds it when the edition changes.

The server answers on 127.0.0.1 only (never on the network: a preview is not a
publication), from the site folder only: a path that leaves it (``/../edition.toml``) is not
served, and nothing outside the folder is. Every answer says ``Cache-Control: no-store``, so
a reload after a rebuild shows the new pages. The site itself needs no server (it works
from file://); the preview is for the rebuild on change.

What counts as a change: a file of the edition's inputs (edition.toml, readings.tsv,
sources/*.txt, tei/*.xml; not the new encodings NAME.new.xml, which no build publishes)
added, removed, or given another size or modification time. The folder is looked at once a
second; a change is rebuilt once the files have been still for that second, so an editor's
save of many files is one rebuild. What a build writes into tei/ is no change; a source
saved again while a build runs is, and is built next.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tei_edition.build.sources import is_new_encoding
from tei_edition.edition import EDITION_FILE
from tei_edition.encoder.readings import READINGS_FILE
from tei_edition.errors import Location
from tei_edition.files import OutputError

HOST = "127.0.0.1"
#: Seconds between two looks at the edition's files.
INTERVAL = 1.0

#: path -> (size, modification time in ns)
Snapshot = dict[str, tuple[int, int]]


def snapshot(root: Path) -> Snapshot:
    """The edition's inputs as they are now (:mod:`module docstring <tei_edition.serve>`)."""
    found: Snapshot = {}
    candidates = [root / EDITION_FILE, root / READINGS_FILE]
    for folder, pattern in (("sources", "*.txt"), ("tei", "*.xml")):
        if (root / folder).is_dir():
            candidates.extend(p for p in (root / folder).glob(pattern)
                              if not is_new_encoding(p))
    for path in candidates:
        try:
            info = os.stat(path)
        except OSError:
            continue
        found[str(path)] = (info.st_size, info.st_mtime_ns)
    return found


class _Handler(http.server.SimpleHTTPRequestHandler):
    """The site's files, uncached, without a log line per request."""

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        pass


def start_server(site: Path, port: int = 8000) -> http.server.ThreadingHTTPServer:
    """A server of ``site`` on 127.0.0.1:``port`` (0: a free port), answering in a thread of
    its own; ``shutdown()`` stops it. A port in use is an :class:`OutputError`."""
    handler = functools.partial(_Handler, directory=str(site))
    try:
        server = http.server.ThreadingHTTPServer((HOST, port), handler)
    except OSError as exc:
        raise OutputError(f"cannot serve on {HOST}:{port}: {exc.strerror or exc} (--port "
                          "chooses another port)", Location(str(site)), "port") from None
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="tei-edition-serve",
                     daemon=True).start()
    return server


def url_of(server: http.server.ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host!s}:{port}/"


def watch(root: Path, rebuild: Callable[[], None], stop: threading.Event,
          interval: float = INTERVAL) -> None:
    """Call ``rebuild`` after each change of the edition's inputs, once they have been still
    for ``interval`` seconds, until ``stop`` is set."""
    seen = snapshot(root)
    while not stop.wait(interval):
        now = snapshot(root)
        if now == seen:
            continue
        while not stop.wait(interval):  # wait for the files to be still
            later = snapshot(root)
            if later == now:
                break
            now = later
        if stop.is_set():
            return
        rebuild()
        seen = _after_build(root, now)


def _after_build(root: Path, before: Snapshot) -> Snapshot:
    """What the next look compares with after a build: the build itself writes into tei/
    (what it encoded), which is no change; a change made elsewhere while it ran (a source
    saved again) is, and starts the next build."""
    after = snapshot(root)
    tei = str(root / "tei") + os.sep
    return {path: info for path, info in after.items() if path.startswith(tei)} | {
        path: info for path, info in before.items() if not path.startswith(tei)}

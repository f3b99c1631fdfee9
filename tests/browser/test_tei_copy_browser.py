"""The TEI the site publishes, in a real browser: Debian's headless Chromium (the browser
fixture of test_html_browser.py) opens a document page, follows the download link, opens the
zip's address directly and opens the view page, from file:// and from a local server on
127.0.0.1 that sends the zip without a Content-Type or as application/octet-stream. The
document carries an XHTML <h:script>, an <h:img onerror> and an <h:iframe srcdoc>: none of
them may run (no global set, no title changed, no console message, no dialog, no request
to the server). A control proves the payload is live: the same TEI opened as .xml runs."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tei_edition.edition import Edition
from tei_edition.site import build_site
from tests.browser.chromium import Console

pytestmark = pytest.mark.browser

H = "http://www.w3.org/1999/xhtml"
# BEACON is the local server's address: a request to it is a script of the copy running.
HOSTILE_TEI = """<?xml version="1.0" encoding="UTF-8"?>
<!-- The editors' note: <script>window.__copyRan = 'comment'</script> -->
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="copy-1">
  <teiHeader><fileDesc>
    <titleStmt><title>A copy that tries to run</title></titleStmt>
    <publicationStmt><p>Unpublished.</p></publicationStmt>
    <sourceDesc><p>Made up.</p></sourceDesc>
  </fileDesc></teiHeader>
  <text><body><div type="document"><p>Text
    <h:script xmlns:h="H">window.__copyRan = 'script';
      document.title = 'COPY RAN'; console.log('COPY-RAN script');
      new Image().src = 'BEACON/script';
      document.documentElement.setAttribute('data-copy-ran', 'script');
      alert('COPY-RAN');</h:script>
    <h:img xmlns:h="H" src="missing.png" onerror="window.__copyRan = 'img';
      console.log('COPY-RAN img'); new Image().src = 'BEACON/img'"/>
    <h:iframe xmlns:h="H" srcdoc="&lt;script&gt;parent.__copyRan = 'iframe';
      new Image().src = 'BEACON/iframe'&lt;/script&gt;"/>
  </p></div></body></text>
</TEI>
""".replace('xmlns:h="H"', f'xmlns:h="{H}"')


class Server:
    """A local web server over a folder. ``zip_type`` is the Content-Type it sends for .zip
    and .xml files (None: no Content-Type at all); other files get their usual type. Every
    path asked for is kept in ``requests``."""

    def __init__(self) -> None:
        self.root: Path | None = None
        self.zip_type: str | None = None
        self.requests: list[str] = []
        server = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(server.root), **kwargs)

            def log_message(self, *args) -> None:
                server.requests.append(self.path)

            def do_GET(self) -> None:
                if self.path == "/favicon.ico":  # Chromium's own request, not the page's:
                    self.send_response(204)     # a 404 for it would be a console error
                    self.end_headers()
                    return
                super().do_GET()

            def guess_type(self, path) -> str:
                if str(path).endswith((".zip", ".xml")):
                    return server.zip_type or ""
                return super().guess_type(path)

            def send_header(self, keyword: str, value: str) -> None:
                if keyword.lower() == "content-type" and not value:
                    return  # no Content-Type: the browser sniffs
                super().send_header(keyword, value)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.timeout = 5
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def beacons(self) -> list[str]:
        return [r for r in self.requests if r.startswith("/beacon")]


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Server]:
    srv = Server()
    srv.root = tmp_path_factory.mktemp("served")
    srv.thread.start()
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()
    srv.thread.join(timeout=5)


@pytest.fixture(scope="module")
def site(server: Server) -> Path:
    tei = server.root / "hostile-copy.xml"
    tei.write_text(HOSTILE_TEI.replace("BEACON", f"{server.url}/beacon"), encoding="utf-8")
    out = server.root / "site"
    build_site([tei], out, Edition(title="Copies", editors=("A. Editor",)))
    return out


class Watch:
    """A fresh browser context with every console message, dialog and page error kept."""

    def __init__(self, browser) -> None:  # noqa: F811 (the fixture's value)
        self.context = browser.new_context(accept_downloads=True)
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.console = Console(self.page)
        self.messages: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.messages.append(m.text))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def ran(self) -> object:
        return self.page.evaluate("[window.__copyRan, document.documentElement.getAttribute("
                                  "'data-copy-ran')]")


def test_the_payload_runs_when_the_tei_is_opened_as_xml(site: Path, server: Server,
                                                        browser) -> None:  # noqa: F811
    """The control: the old copy (tei/ID.xml) ran the script, from file:// and over HTTP."""
    server.zip_type = "application/xml"
    for url in (server.root.joinpath("hostile-copy.xml").as_uri(),
                f"{server.url}/hostile-copy.xml"):
        watch = Watch(browser)
        server.requests.clear()
        watch.page.goto(url)
        for _ in range(50):  # each of the three reaches the server
            if {"/beacon/script", "/beacon/img", "/beacon/iframe"} <= set(server.beacons()):
                break
            watch.page.wait_for_timeout(100)
        assert sorted(set(server.beacons())) == ["/beacon/iframe", "/beacon/img",
                                                 "/beacon/script"]
        assert "COPY-RAN script" in watch.messages and "COPY-RAN img" in watch.messages
        assert watch.dialogs == ["COPY-RAN"]
        assert watch.ran()[1] == "script"
        watch.context.close()


@pytest.mark.parametrize("where", ["file", "http-no-content-type", "http-octet-stream",
                                   "http-zip"])
def test_no_script_of_the_copy_runs(site: Path, server: Server, browser, where: str  # noqa: F811
                                    ) -> None:
    server.zip_type = {"http-octet-stream": "application/octet-stream",
                       "http-zip": "application/zip"}.get(where)
    server.requests.clear()
    if where == "file":
        base = site.as_uri()
    else:
        base = f"{server.url}/site"
    watch = Watch(browser)
    page = watch.page
    page.goto(f"{base}/documents/copy-1.html")
    title = page.title()
    assert title.startswith("A copy that tries to run")

    # the download link: a download of the zip, the page untouched
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the TEI XML").click()
    download = info.value
    assert download.suggested_filename == "copy-1.zip"
    assert Path(download.path()).read_bytes() == (site / "tei" / "copy-1.zip").read_bytes()
    assert page.url.endswith("/documents/copy-1.html") and page.title() == title
    assert watch.ran() == [None, None]

    # the zip's address opened as a page (a new tab, a browser that ignores download=""):
    # downloaded too, never rendered
    zip_url = f"{base}/tei/copy-1.zip"
    second = watch.context.new_page()
    with second.expect_download() as info:
        with pytest.raises(Exception, match="Download is starting"):
            second.goto(zip_url)
    assert info.value.url == zip_url
    second.close()

    # the view page: the TEI as text, the script as characters
    page.get_by_role("link", name="View the TEI XML").click()
    page.wait_for_url("**/source/copy-1.html")
    page.wait_for_load_state("load")
    pre = page.locator("pre.tei-source").inner_text()
    assert f'<h:script xmlns:h="{H}">window.__copyRan' in pre
    assert "<h:img" in pre and "<h:iframe" in pre
    assert "The editors' note" not in pre  # the comment is not published
    assert page.locator("script, iframe, img").count() == 0
    assert page.title() == "TEI XML · A copy that tries to run · Copies"
    with page.expect_download():
        page.get_by_role("link", name="Download the TEI XML").click()
    page.wait_for_timeout(500)  # time for an image's onerror or an iframe to run

    assert watch.ran() == [None, None]
    assert not any("COPY-RAN" in m for m in watch.messages)
    assert watch.dialogs == []
    assert server.beacons() == []
    watch.context.close()
    # a link that turns into a download ends its request early (net::ERR_ABORTED)
    assert [e for e in watch.console.errors if e != f"request failed: {zip_url}"] == []

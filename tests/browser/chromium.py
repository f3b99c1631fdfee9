"""What the browser tests share: Debian's headless Chromium (driven by Playwright) and
:class:`Console`, which hears a page's console errors and warnings, uncaught exceptions and
failed requests (a Content Security Policy violation is a console error too). The
fixtures ``browser`` (one per test module) and ``page`` (a fresh one per test, failing it on
what its Console heard) are in tests/conftest.py."""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class Console:
    """Every console error and warning, uncaught exception and failed request of a page."""

    def __init__(self, page):
        self.errors: list[str] = []
        page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}")
                if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: self.errors.append(f"exception: {e}"))
        page.on("requestfailed", lambda r: self.errors.append(f"request failed: {r.url}"))

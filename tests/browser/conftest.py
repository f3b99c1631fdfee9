"""What the browser tests share: Debian's headless Chromium, driven by Playwright, one
browser per test module, and a fresh page per test that fails the test on any console
error or warning, uncaught exception or failed request (a Content Security Policy
violation is a console error too)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

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


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A page 1100 by 900 pixels in a context of its own; the test fails on what
    :class:`Console` hears."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    pg = context.new_page()
    console = Console(pg)
    yield pg
    context.close()
    assert console.errors == []

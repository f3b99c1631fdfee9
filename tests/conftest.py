"""Shared fixtures: where ../shared is, the compiled tei_all schema (once per session), and
the browser tests' Chromium and page."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# ../shared beside the checkout (CI); TEI_EDITION_SHARED points elsewhere (a git worktree);
# from a worktree in wt/<name>/ it is found two levels up.
SHARED = Path(os.environ.get("TEI_EDITION_SHARED") or next(
    (p for p in (REPO.parent / "shared", REPO.parent.parent / "shared") if p.is_dir()),
    REPO.parent / "shared"))
SAMPLES = SHARED / "samples" / "wilson"
TEI_ALL_RNG = SHARED / "tei" / "tei_all.rng"


def need_shared(path: Path) -> Path:
    """Skip the calling test, with the reason, where ../shared (or the file in it) is absent;
    in CI (CI=true), where ../shared is always laid beside the checkout, fail instead."""
    if not path.exists():
        reason = f"{path} is absent: the real samples and TEI data live in ../shared"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(reason)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def tei_all():
    """lxml's RelaxNG of ../shared/tei/tei_all.rng, compiled once per test session (~6 s)."""
    from tei_edition.validate import compile_relaxng

    # through the validator's own per-process cache, so that the tests that validate with
    # tei_all.rng reuse this compilation
    return compile_relaxng(need_shared(TEI_ALL_RNG)).full()


@pytest.fixture(scope="session")
def wilson_samples() -> list[Path]:
    need_shared(SAMPLES)
    return sorted(SAMPLES.glob("*.txt"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", default=False,
                     help="rewrite the expected outputs of golden tests (tests/golden/, "
                          "xml/tei/) from the current code; read the diff before committing")


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


# ------------------------------------------------------------------ the browser tests'


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's headless Chromium through Playwright (tests/browser/chromium.py), one per
    test module."""
    from tests.browser.chromium import ARGS, CHROMIUM

    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A page 1100 by 900 pixels in a context of its own; the test fails on any console
    error or warning, uncaught exception or failed request (chromium.Console)."""
    from tests.browser.chromium import Console

    context = browser.new_context(viewport={"width": 1100, "height": 900})
    pg = context.new_page()
    console = Console(pg)
    yield pg
    context.close()
    assert console.errors == []

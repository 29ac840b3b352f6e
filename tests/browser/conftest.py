"""Chromium fixtures: the guide as a reader gets it, served on 127.0.0.1 or opened from file://.

Debian's Chromium at /usr/bin/chromium, driven by pip's Playwright (`playwright install`
cannot download browsers here). Where Chromium is missing, these tests skip, saying why;
under CI (CI=true) they fail instead: in CI nothing that matters may be skipped.
"""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import ENGINE
from scripts import static_host
from scripts.chromium import CHROMIUM, CHROMIUM_ARGS
from zensical_gaps import INLINE_STYLE_ERROR, mark_gaps

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
    if ENGINE == "zensical":  # each known gap of Zensical's output: a strict xfail on its own test
        mark_gaps(items)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        reason = f"Chromium is missing at {CHROMIUM}; install it with: apt-get install chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI: {reason}. Browser tests must run in CI.", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def serve():
    """serve(folder) -> base URL ("http://127.0.0.1:PORT/") of that folder, served as a static host
    does (its _headers rules, 404.html for a missing page) until the session ends."""
    servers = []

    def start(folder: Path) -> str:
        url, server = static_host.serve(folder)
        servers.append(server)
        return url

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="session")
def hosted_url(site_dir, serve) -> str:
    """The hosted build, served on 127.0.0.1."""
    return serve(site_dir)


@pytest.fixture(scope="session")
def offline_url(offline_site_dir) -> str:
    """The offline copy's folder as a file:// address ending in "/"; pages are "name.html"."""
    return offline_site_dir.as_uri() + "/"


class Guide:
    """One build as a reader opens it: `url("aftercare.md")` is that page's address."""

    def __init__(self, name: str, base: str):
        self.name, self.base = name, base

    def url(self, src: str = "index.md") -> str:
        stem = src.removesuffix(".md")
        if self.name == "offline":  # file://: no directory URLs, and no server to add index.html
            return f"{self.base}{stem}.html"
        return self.base if stem == "index" else f"{self.base}{stem}/"

    def __repr__(self):
        return f"<{self.name} build at {self.base}>"


@pytest.fixture(scope="session", params=["hosted", "offline"])
def guide(request) -> Guide:
    """Each build in turn: the hosted one served on 127.0.0.1, then the offline copy over file://."""
    if request.param == "hosted":
        return Guide("hosted", request.getfixturevalue("hosted_url"))
    return Guide("offline", request.getfixturevalue("offline_url"))


# Chromium logs a Content-Security-Policy violation to the console as an error; this makes sure
# every violation, whatever the browser says about it, lands there too (and so fails the test).
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => console.error(
  `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline code"} on ${e.documentURI}`));
"""


class Watched:
    """What a page did: console errors and every request that left for somewhere other than
    127.0.0.1 or file://."""

    def __init__(self, page):
        self.page, self.console_errors, self.foreign_requests = page, [], []
        page.on("console", lambda msg: msg.type == "error" and self._error(msg.text))
        page.on("pageerror", lambda err: self._error(str(err)))
        page.on("request", self._request)
        page.add_init_script(REPORT_CSP_VIOLATIONS)

    def _error(self, text: str) -> None:
        # Under Zensical, its inline styles are one known gap with a test of its own
        # (tests/browser/test_inline_styles.py); every other console error still fails the test.
        if ENGINE == "zensical" and INLINE_STYLE_ERROR.search(text):
            return
        self.console_errors.append(text)

    def _request(self, request):
        url = urlparse(request.url)
        if url.scheme in {"file", "data", "blob", "about"}:
            return
        if url.hostname not in {"127.0.0.1"}:
            self.foreign_requests.append(request.url)


def _new_page(browser, viewport, request):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    watched = Watched(page)
    page.watched = watched  # for a test that expects a console error (a 404 page's own status)
    yield page
    context.close()
    assert not watched.foreign_requests, f"requests left the machine: {watched.foreign_requests}"
    # A test that expects a console error (none should) clears the list itself.
    assert not watched.console_errors, f"console errors: {watched.console_errors}"


@pytest.fixture
def page(browser, request):
    """A desktop-width tab (1280 px) that fails the test on any console error or foreign request."""
    yield from _new_page(browser, DESKTOP, request)


@pytest.fixture
def phone_page(browser, request):
    """A phone-width tab (390 px) with the same checks as `page`."""
    yield from _new_page(browser, PHONE, request)

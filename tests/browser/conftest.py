"""Chromium fixtures: the guide as a reader gets it, served on 127.0.0.1 or opened from file://.

Debian's Chromium at /usr/bin/chromium, driven by pip's Playwright (`playwright install`
cannot download browsers here). Where Chromium is missing, these tests skip, saying why;
under CI (CI=true) they fail instead: in CI nothing that matters may be skipped.
"""
from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# Without the background-networking flags Chromium tries to reach Google's hosts at every start.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


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


class _GuideHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a build as a static host does: a missing page gets 404.html with status 404."""

    def log_message(self, *args):  # keep test output quiet
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="session")
def serve():
    """serve(folder) -> base URL ("http://127.0.0.1:PORT/") of that folder, served until the session ends."""
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(_GuideHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="session")
def hosted_url(site_dir, serve) -> str:
    """The hosted build, served on 127.0.0.1."""
    return serve(site_dir)


class Watched:
    """What a page did: console errors and every request that left for somewhere other than
    127.0.0.1 or file://."""

    def __init__(self, page):
        self.page, self.console_errors, self.foreign_requests = page, [], []
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("pageerror", lambda err: self.console_errors.append(str(err)))
        page.on("request", self._request)

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

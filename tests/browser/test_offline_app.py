"""The hosted guide on a phone, offline after one visit, and a new version picked up with a notice
(guide/pwa.py, tools/offline-app.mjs, docs/assets/javascripts/offline-app.js).

The builds here are made by `python -m guide site`, whose last step adds the offline app."""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from conftest import ROOT, copy_project, guide_build
from scripts.static_host import StaticHostHandler, page_paths

from .conftest import PHONE, Watched
from .test_reader import search

NEW_TEXT = "This sentence is new in the second version."

# When the page asks for the worker: how far the page had got, and what the browser had painted.
WATCH_REGISTER = """
const register = ServiceWorkerContainer.prototype.register;
ServiceWorkerContainer.prototype.register = function (...args) {
  window.__registered = {state: document.readyState,
                         paints: performance.getEntriesByType("paint").map((e) => e.name)};
  return register.apply(this, args);
};"""

# The worker is active (so it was installed: every file is precached) and serves this page.
WORKER_READY = ("() => navigator.serviceWorker.controller !== null"
                " && navigator.serviceWorker.controller.state === 'activated'")


def app_build(project: Path, out: Path) -> Path:
    """The hosted build of `project` as `make site` publishes it: guide/finish.py adds the
    manifest, icons and service worker."""
    result = guide_build(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out / "site"


@pytest.fixture(scope="module")
def app_site(tmp_path_factory) -> Path:
    return app_build(ROOT, tmp_path_factory.mktemp("app-site"))


class Host:
    """A static host on one 127.0.0.1 port whose folder can be swapped (a new version published)
    or that can be stopped (the network cut)."""

    def __init__(self):
        self.port, self.server = 0, None

    def start(self, folder: Path) -> str:
        handler = functools.partial(StaticHostHandler, directory=str(folder))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.port}/"

    def stop(self):
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


@pytest.fixture
def host():
    served = Host()
    yield served
    served.stop()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    watched = Watched(page)
    page.watched = watched
    yield page
    context.close()
    assert not watched.foreign_requests, watched.foreign_requests
    assert not watched.console_errors, watched.console_errors


def title_of(site: Path, path: str) -> str:
    file = site / (path + "index.html" if path == "" or path.endswith("/") else path)
    return BeautifulSoup(file.read_text(encoding="utf-8"), "lxml").title.string


def test_after_one_page_every_page_search_and_the_estimator_work_offline(phone, app_site, host):
    base = host.start(app_site)
    phone.add_init_script(WATCH_REGISTER)
    phone.goto(base + "aftercare/")
    phone.wait_for_function(WORKER_READY)
    registered = phone.evaluate("window.__registered")
    assert registered["state"] == "complete", "the worker is asked for only once the page has loaded"
    assert "first-contentful-paint" in registered["paints"], "never before the first paint"

    phone.context.set_offline(True)
    host.stop()
    # The network really is gone: what the worker does not hold fails (and says so in the console).
    assert phone.evaluate("fetch('sitemap.xml').then(() => 'fetched', () => 'failed')") == "failed"
    phone.watched.console_errors.clear()

    # Every page of the edition the reader opened (the Spanish one, under es/, has its own worker).
    for path in [p for p in page_paths(app_site) if not p.startswith("es/")]:
        response = phone.goto(base + path)
        assert response and response.ok, path
        assert response.from_service_worker, path
        expect(phone).to_have_title(title_of(app_site, path))

    phone.goto(base + "aftercare/")
    phone.get_by_role("button", name="Search").click()
    assert "booking-and-cost" in search(phone, "how much does acupuncture cost")

    phone.goto(base + "booking-and-cost/")
    estimator = phone.locator(".cost-estimator")  # outside the tabs: shown whatever tab was chosen
    visits = phone.get_by_label("Number of visits, counting the first one")
    result = estimator.locator("output")
    visits.fill("3")
    assert result.inner_text().endswith("for 3 visits (estimate)")
    visits.fill("4")
    assert result.inner_text().endswith("for 4 visits (estimate)")


def test_a_new_version_is_announced_and_loads_only_when_the_reader_asks(phone, app_site, host, tmp_path):
    project = copy_project(tmp_path / "project")
    home = project / "docs" / "index.md"
    text = home.read_text(encoding="utf-8")
    heading_end = text.index("\n", text.index("\n# ")) + 1
    home.write_text(text[:heading_end] + f"\n{NEW_TEXT}\n" + text[heading_end:], encoding="utf-8")
    new_site = app_build(project, tmp_path / "site-v2")

    base = host.start(app_site)
    phone.goto(base)
    phone.wait_for_function(WORKER_READY)
    expect(phone.get_by_text(NEW_TEXT)).to_have_count(0)

    host.stop()
    assert host.start(new_site) == base  # the new version, published at the same address
    phone.reload()
    notice = phone.get_by_role("status").filter(has_text="new version")
    expect(notice).to_be_visible(timeout=20_000)
    # No surprise: the page is still the one the reader was reading.
    expect(phone.get_by_text(NEW_TEXT)).to_have_count(0)
    button = notice.get_by_role("button", name="Reload")
    expect(button).to_be_visible()
    with phone.expect_navigation():
        button.click()
    expect(phone.get_by_text(NEW_TEXT)).to_be_visible()
    expect(phone.get_by_role("status").filter(has_text="new version")).to_have_count(0)


def test_the_offline_copy_registers_no_worker(phone, offline_url):
    """Browsers refuse service workers from file://: the copy on the disk never asks."""
    phone.add_init_script(WATCH_REGISTER)
    phone.goto(offline_url + "aftercare.html")
    phone.wait_for_load_state("load")
    phone.wait_for_timeout(500)
    assert phone.evaluate("window.__registered") is None
    assert phone.locator('link[rel="manifest"]').count() == 0

"""Nothing leaves the reader's machine, and the Content-Security-Policy is really enforced, in
both builds; and the hosted guide's download link gives a copy that works from the disk."""
from __future__ import annotations

import zipfile

from playwright.sync_api import expect

from .conftest import Guide, Watched
from .test_reader import COUNT, search

# Things the guide never does; a page that tried them would be blocked, and say so.
ATTEMPTS = """async () => {
  const seen = [];
  document.addEventListener("securitypolicyviolation", (e) => seen.push(e.violatedDirective));
  const script = document.createElement("script");      // an inline script with no listed hash
  script.textContent = "window.__ran = true";
  document.head.append(script);
  const image = new Image();                             // a picture from another machine
  image.src = "https://tracker.example/pixel.gif";
  document.body.append(image);
  let fetched = true;                                    // a request to another machine
  try { await fetch("https://tracker.example/collect"); } catch { fetched = false; }
  await new Promise((resolve) => setTimeout(resolve, 0));
  return { seen: seen.sort(), ran: window.__ran === true, fetched };
}"""


def test_the_policy_blocks_what_the_guide_never_does(page, guide):
    page.goto(guide.url("aftercare.md"))
    with page.expect_event("requestfailed", lambda r: "tracker.example" in r.url) as blocked:
        result = page.evaluate(ATTEMPTS)
    # (The hosted build has the policy twice, in the page and in the headers: each one reports.)
    assert set(result["seen"]) == {"connect-src", "img-src", "script-src-elem"}, result
    assert not result["ran"] and not result["fetched"], result
    # Chromium announces the picture's request, then blocks it before it leaves the machine.
    assert (blocked.value.url, blocked.value.failure) == ("https://tracker.example/pixel.gif", "csp")
    page.watched.foreign_requests.remove("https://tracker.example/pixel.gif")
    # Each blocked attempt was reported in the console, where the `page` fixture fails a test.
    errors = page.watched.console_errors
    assert {e.split(" blocked")[0] for e in errors if e.startswith("CSP violation")} == {
        "CSP violation: connect-src", "CSP violation: img-src", "CSP violation: script-src-elem"}, errors
    errors.clear()


def test_a_click_through_does_not_say_where_the_reader_came_from(page, guide):
    page.goto(guide.url("aftercare.md"))
    assert page.locator('meta[name="referrer"]').get_attribute("content") == "no-referrer"
    page.locator("nav.md-nav--primary").get_by_role("link", name="Booking and cost").click()
    expect(page.locator("article h1")).to_contain_text("cost")
    assert page.evaluate("document.referrer") == ""


def test_hosted_responses_carry_the_headers_file(page, hosted_url):
    headers = page.goto(hosted_url + "aftercare/").headers
    assert headers["referrer-policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]


def test_the_offline_copy_searches_with_its_own_shim(page, offline_url):
    loaded = []
    page.on("request", lambda r: loaded.append(r.url))
    page.goto(offline_url + "index.html")
    page.locator("input.md-search__input").click()
    assert "aftercare" in search(page, "sore after needling")
    assert offline_url + "assets/javascripts/iframe-worker.js" in loaded
    assert [u for u in loaded if "/workers/search." in u], "the worker script runs in the frame"
    assert all(u.startswith("file://") for u in loaded), loaded


def test_the_hosted_build_does_not_load_the_shim(page, hosted_url):
    loaded = []
    page.on("request", lambda r: loaded.append(r.url))
    page.goto(hosted_url)
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("twitch")
    expect(page.locator(".md-search-result__meta")).to_have_text(COUNT)
    assert not [u for u in loaded if "iframe-worker" in u]
    assert [u for u in loaded if "/workers/search." in u], "search runs in a real Worker when served"


def test_a_reader_downloads_the_guide_and_reads_it_offline(browser, made_site, serve, tmp_path):
    """From the hosted guide's link to search in the unzipped copy, with the network cut off."""
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    watched = Watched(page)
    page.goto(serve(made_site / "site") + "aftercare/")
    link = page.get_by_role("link", name="download the guide")
    expect(link).to_be_visible()
    with page.expect_download() as download:
        link.click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        archive.extractall(tmp_path / "unzipped")
    context.set_offline(True)
    copy = Guide("offline", (tmp_path / "unzipped" / "trigger-point-guide").as_uri() + "/")
    page.goto(copy.url("index.md"))
    page.locator("input.md-search__input").click()
    assert "booking-and-cost" in search(page, "how much does acupuncture cost")
    page.goto(copy.url("booking-and-cost.md"))
    expect(page.get_by_role("link", name="download the guide")).to_have_count(0)
    context.close()
    assert not watched.console_errors and not watched.foreign_requests, vars(watched)

"""bench/weight: see the shell wrapper for what it measures."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from _common import CHROMIUM, CHROMIUM_ARGS, ROOT, build, page_paths, serve, table

sys.path.insert(0, str(ROOT / "tests"))
from test_weight import HOME_BUDGET, KB, PAGE_BUDGET, first_view, is_search_download, own_assets  # noqa: E402


def measure(browser, url: str) -> list[tuple[str, int, int]]:
    """(address, body bytes as sent, header bytes) of every request of one first view, until the
    network is quiet."""
    context = browser.new_context()  # a fresh context: empty cache
    page = context.new_page()
    done: list[tuple[str, int, int]] = []

    def finished(request):
        sizes = request.sizes()
        body = sizes["responseBodySize"]
        if not body and request.response():  # Chromium reports 0 for a worker's script
            body = int(request.response().headers.get("content-length", 0))
        done.append((request.url, body, sizes["responseHeadersSize"]))

    page.on("requestfinished", finished)
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)
    context.close()
    return done


def main() -> None:
    from playwright.sync_api import sync_playwright

    if len(sys.argv) > 1:
        site = Path(sys.argv[1])
    else:
        site = Path(tempfile.mkdtemp(prefix="bench-weight-"))
        build(site)
    base, server = serve(site)
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for path in page_paths(site):
            requests = measure(browser, base + path)
            total = sum(b for _, b, _ in requests)
            headers = sum(h for _, _, h in requests)
            html = site / (path + "index.html" if path == "" or path.endswith("/") else path)
            counted = sum(gz for name, _, gz in first_view(site, html) if not is_search_download(name))
            budget = HOME_BUDGET if path == "" else PAGE_BUDGET
            # Search loads when the reader opens it (lazy-search.js): a first view has no search request.
            rows.append(["/" + path, len(requests), f"{total / KB:.1f}", f"{counted / KB:.1f}",
                         f"{headers / KB:.1f}", budget // KB, "yes" if total <= budget else "**no**"])
        browser.close()
    server.shutdown()
    print(table(["page", "requests", "KB all requests (Chromium)", "KB counted by tests/test_weight.py",
                 "KB of HTTP/1.1 headers (not counted)", "budget KB", "within budget"], rows))
    assets = own_assets(site)
    print()
    print(table(["the guide's own file", "KB gzipped"], [[n, f"{g / KB:.1f}"] for n, g in assets]
                + [["**total** (budget 10 KB; as built, scripts minified)", f"**{sum(g for _, g in assets) / KB:.1f}**"]]))


if __name__ == "__main__":
    main()

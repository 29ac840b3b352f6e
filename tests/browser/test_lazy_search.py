"""Search downloads its index, worker and query script only when the reader opens it (lazy-search.js)."""
import re

SEARCH_DOWNLOAD = re.compile(r"search/search_index\.json|workers/search\.\w+\.min\.js|javascripts/search-query\.js")


def test_search_loads_only_when_opened(page, hosted_url):
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(hosted_url + "aftercare/", wait_until="networkidle")
    assert not [u for u in fetched if SEARCH_DOWNLOAD.search(u)], "search downloaded before it was opened"

    page.locator("input.md-search__input").press_sequentially("warm compress")
    page.locator(".md-search-result__item").first.wait_for()
    assert any("search_index.json" in u for u in fetched) and any("workers/search" in u for u in fetched)
    assert any("search-query.js" in u for u in fetched)
    assert "aftercare" in page.locator(".md-search-result__item a").first.get_attribute("href")

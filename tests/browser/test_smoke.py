"""The hosted guide opens in Chromium and every navigation link leads to a page."""


def test_every_nav_link_opens_a_page(page, hosted_url, nav_pages):
    page.goto(hosted_url)
    urls = page.locator("nav.md-nav--primary a.md-nav__link[href]").evaluate_all("els => els.map(e => e.href)")
    urls = sorted({u.split("#")[0] for u in urls})
    assert len(urls) == len(nav_pages)
    for url in urls:
        response = page.goto(url)
        assert response.status == 200, url
        assert page.locator("article h1").count() == 1, url

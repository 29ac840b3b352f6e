"""The cost estimator on the cost page: figures from the data, an announced result, and a page
that still makes sense without JavaScript."""
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from conftest import ROOT
from macros.models import load_guide_data
from macros.render import format_money


def test_four_visits_cost_a_first_visit_plus_three_follow_ups(page, guide):
    costs = load_guide_data(ROOT / "data").costs
    page.goto(guide.url("booking-and-cost.md"))
    visits = page.get_by_label("Number of visits, counting the first one")
    visits.fill("4")
    result = page.locator(".cost-estimator output")
    expected = format_money(costs.initial_visit + 3 * costs.follow_up)
    assert result.inner_text() == f"About {expected} for 4 visits (estimate)"
    assert result.get_attribute("aria-live") == "polite"
    visits.fill("0")
    assert "from 1 to 52" in result.inner_text()


def test_the_estimator_shows_whatever_tab_the_reader_picked(page, guide):
    """Picking "Dry needling" on one page picks it on every page (content.tabs.link, kept in
    localStorage): the estimator must not sit in a tab that choice hides. A keyboard reader
    reaches it with Tab and gets a result."""
    page.goto(guide.url("acupuncture-vs-dry-needling.md"))
    page.locator(".tabbed-labels label", has_text="Dry needling").first.click()
    page.goto(guide.url("booking-and-cost.md"), wait_until="load")
    # The choice held: the tabs on this page show dry needling.
    assert page.evaluate("""() => [...document.querySelectorAll('.tabbed-set')].every(set =>
        set.querySelector(':scope > input:checked') === set.querySelectorAll(':scope > input')[1])""")
    box = page.locator(".cost-estimator")
    expect(box).to_be_visible()
    assert box.evaluate("e => !e.closest('.tabbed-set')"), "the estimator sits inside a content tab"
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id === 'estimator-visits'"):
            break
    else:
        pytest.fail("Tab never reached the estimator")
    page.keyboard.press("Control+A")
    page.keyboard.type("2")
    expect(page.locator(".cost-estimator output")).to_contain_text("for 2 visits")


def test_without_javascript_the_static_tables_remain(browser, hosted_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(hosted_url + "booking-and-cost/")
    assert not page.locator(".cost-estimator").is_visible()
    assert page.locator("article table").first.is_visible()
    context.close()


def test_amounts_with_cents_and_thousands_read_as_the_tables_do(page, hosted_url):
    """estimator.js writes amounts itself (no toLocaleString): the same text as format_money
    gives the tables, for cents and for thousands, whatever the data says."""
    def cost_page_with_other_figures(route):
        html = route.fetch().text()
        html = re.sub(r'data-initial="[^"]*"', 'data-initial="1234.5"', html)
        html = re.sub(r'data-follow-up="[^"]*"', 'data-follow-up="50.25"', html)
        route.fulfill(body=html, headers={**route.request.headers, "content-type": "text/html"})

    page.route("**/booking-and-cost/", cost_page_with_other_figures)
    page.goto(hosted_url + "booking-and-cost/")
    visits = page.get_by_label("Number of visits, counting the first one")
    result = page.locator(".cost-estimator output")
    first, follow_up = Decimal("1234.5"), Decimal("50.25")
    for count in (1, 3, 4):
        total = first + (count - 1) * follow_up
        visits.fill(str(count))
        assert result.inner_text().startswith(f"About {format_money(total)} for {count} visit"), result.inner_text()

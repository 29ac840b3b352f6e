"""The cost estimator on the cost page: figures from the data, an announced result, and a page
that still makes sense without JavaScript."""
from conftest import ROOT
from macros.models import load_guide_data
from macros.render import format_money


def test_four_visits_cost_a_first_visit_plus_three_follow_ups(page, guide):
    costs = load_guide_data(ROOT / "data").costs
    page.goto(guide.url("booking-and-cost.md"))
    tabs = page.locator(".tabbed-set", has=page.locator(".cost-estimator"))
    tabs.locator(".tabbed-labels label", has_text="Acupuncture").click()
    visits = page.get_by_label("Number of visits, counting the first one")
    visits.fill("4")
    result = page.locator(".cost-estimator output")
    expected = format_money(costs.initial_visit + 3 * costs.follow_up)
    assert result.inner_text() == f"About {expected} for 4 visits (estimate)"
    assert result.get_attribute("aria-live") == "polite"
    visits.fill("0")
    assert "from 1 to 52" in result.inner_text()


def test_without_javascript_the_static_tables_remain(browser, hosted_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(hosted_url + "booking-and-cost/")
    assert not page.locator(".cost-estimator").is_visible()
    assert page.locator("article table").first.is_visible()
    context.close()

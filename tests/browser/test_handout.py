"""The printable handout (print.md, overrides/handout.html) runs none of Material's script, so it
stays quick to open on a phone; what a reader uses there must still work without it."""
import re

from playwright.sync_api import expect

MATERIAL_SCRIPTS = re.compile(r"javascripts/(bundle\.\w+\.min\.js|lazy-search\.js)|search_index|workers/")


def test_the_handout_loads_no_material_script(page, guide):
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(guide.url("print.md"), wait_until="load")
    assert not [u for u in fetched if MATERIAL_SCRIPTS.search(u)], fetched
    # Search needs Material's script, so it is not offered; the page says how to find a word.
    expect(page.locator("label.md-header__button[for=__search]")).to_be_hidden()
    expect(page.locator("article")).to_contain_text("To find a word on it, use Find in your browser")
    # The colour switch is the guide's own: it is there and works.
    page.locator("button[data-guide-palette]").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")


def test_tabs_and_boxes_work_without_materials_script(page, guide):
    page.goto(guide.url("print.md"))
    tabs = page.locator(".tabbed-set").first
    dry = tabs.locator(".tabbed-labels label", has_text="Dry needling")
    dry.click()
    expect(tabs.locator(".tabbed-block").nth(1)).to_be_visible()
    expect(tabs.locator(".tabbed-block").nth(0)).to_be_hidden()
    details = page.locator("article details").first
    details.locator("summary").click()
    expect(details).to_have_attribute("open", "")


def test_the_long_contents_list_scrolls_on_its_own(page, guide):
    page.goto(guide.url("print.md"))
    toc = page.locator(".md-sidebar--secondary .md-sidebar__scrollwrap")
    height, full = toc.evaluate("e => [e.clientHeight, e.scrollHeight]")
    assert height <= page.viewport_size["height"] < full, (height, full)
    toc.hover()
    page.mouse.wheel(0, 600)
    expect(toc).not_to_have_js_property("scrollTop", 0)


def test_on_a_phone_the_menu_opens(phone_page, guide):
    page = phone_page
    page.goto(guide.url("print.md"))
    page.locator("label.md-header__button[for=__drawer]").click()
    expect(page.locator("#__drawer")).to_be_checked()
    expect(page.locator("nav.md-nav--primary").get_by_role("link", name="Aftercare and recovery").first).to_be_in_viewport()


def test_the_handout_follows_the_readers_colours(browser, hosted_url):
    # No choice made: the system's dark setting.
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(hosted_url + "print/")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    # Light colours picked with the switch on another page win over the dark system setting.
    page.goto(hosted_url + "aftercare/")
    page.locator("button[data-guide-palette]").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    page.goto(hosted_url + "print/")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    context.close()

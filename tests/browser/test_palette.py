"""The colour switch is the guide's own (overrides/partials/palette.html,
partials/javascripts/colors.html and partials/javascripts/palette.html), in place of Material's
palette code: it must do all that code
did, in both builds, and set the colours as the page is read, not after."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

SWITCH = "form[data-guide-palette] label:not([hidden])"
ROOT_SCHEME = "getComputedStyle(document.documentElement).colorScheme"


@pytest.fixture
def dark_system_page(browser):
    context = browser.new_context(color_scheme="dark")
    yield context.new_page()
    context.close()


def test_a_dark_system_gets_dark_colours_with_no_script_file_at_all(dark_system_page, guide):
    """No choice made: the system's dark setting applies from the inline scripts at the top of
    <body>, before any script file runs (all are deferred to after the page is read). Blocking every
    script file shows it: the page is dark anyway, and the switch shows its first button."""
    page = dark_system_page
    page.route("**/*.js", lambda route: route.abort())
    page.goto(guide.url("aftercare.md"))
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    assert page.evaluate(ROOT_SCHEME) == "dark"
    expect(page.locator(SWITCH)).to_have_attribute("for", "__palette_1")   # next: light
    # Material's palette code would have added these; the page has only the guide's fixed one.
    assert page.locator("meta[name=color-scheme]").count() == 0
    assert page.locator("meta[name=theme-color]").count() == 1


# Notes the colours on <body> when the header first appears in the page being read: a browser may
# draw what it has read so far at any point, so the colours must be right before anything is seen.
SCHEME_AT_HEADER = """
new MutationObserver((records, observer) => {
  if (!document.querySelector("header")) return;
  window.schemeAtHeader = document.body.getAttribute("data-md-color-scheme");
  observer.disconnect();
}).observe(document, {childList: true, subtree: true});
"""


@pytest.mark.parametrize("src", ["aftercare.md", "print.md"])
def test_the_colours_are_set_before_the_header_is_read(dark_system_page, guide, src):
    page = dark_system_page
    page.add_init_script(SCHEME_AT_HEADER)
    page.goto(guide.url(src))
    assert page.evaluate("window.schemeAtHeader") == "slate"


def test_the_switch_goes_round_and_the_choice_is_kept(page, guide):
    page.emulate_media(color_scheme="light")
    page.goto(guide.url("aftercare.md"), wait_until="load")
    body, switch = page.locator("body"), page.locator(SWITCH)
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    seen = []
    for _ in range(3):
        switch.click()
        seen.append((page.locator("input.md-option:checked").get_attribute("aria-label"),
                     body.get_attribute("data-md-color-scheme")))
    # The checked radio button, what a screen reader hears, is named for the colours showing.
    assert seen == [("Use light colors", "default"), ("Use dark colors", "slate"),
                    ("Follow system colors", "default")], seen
    # Transitions are off only while the colours change.
    page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')", timeout=5000)
    # Dark, picked here, holds on the next page although the system asks for light.
    switch.click()
    switch.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.goto(guide.url("glossary.md"))
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    expect(page.locator(SWITCH)).to_have_attribute("for", "__palette_0")   # next: follow the system
    assert page.evaluate(ROOT_SCHEME) == "dark"


def test_following_the_system_follows_a_change_of_setting(page, guide):
    page.emulate_media(color_scheme="light")
    page.goto(guide.url("aftercare.md"), wait_until="load")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    page.emulate_media(color_scheme="dark")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    # A fixed choice does not follow the system.
    page.locator(SWITCH).click()                        # "Use light colors"
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    page.emulate_media(color_scheme="light")
    page.emulate_media(color_scheme="dark")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")


def test_the_switch_works_where_the_browser_refuses_storage(page, guide):
    """A reader who blocks site data: the switch still changes the colours for the page, with no
    script error, and transitions come back (the `page` fixture fails on any console error)."""
    page.add_init_script("""Object.defineProperty(window, "localStorage", {get() {
        throw new DOMException("The operation is insecure.", "SecurityError"); }});""")
    page.goto(guide.url("aftercare.md"), wait_until="load")
    switch = page.locator(SWITCH)
    switch.click()
    switch.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')", timeout=5000)

"""The colour switch is the guide's own (overrides/partials/palette.html and
partials/javascripts/palette.html), in place of Material's palette code: it must do all that code
did, in both builds, and set the colours as the page is read, not after."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

SWITCH = "form[data-guide-palette] label:not([hidden])"
ROOT_SCHEME = "getComputedStyle(document.documentElement).colorScheme"


@pytest.fixture
def dark_system_page(browser, guide):
    context = browser.new_context(color_scheme="dark")
    yield context.new_page()
    context.close()


def test_a_dark_system_gets_dark_colours_with_no_script_file_at_all(dark_system_page, guide):
    """No choice made: the system's dark setting applies from the inline script in the header,
    before any script file runs (all are deferred to after the page is read). Blocking every
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
    # Each input is named for what its button does next (Material's partial does the same).
    assert seen == [("Use dark colors", "default"), ("Follow system colors", "slate"),
                    ("Use light colors", "default")], seen
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

"""The colour switch is the guide's own (overrides/partials/palette.html,
partials/javascripts/colors.html and docs/assets/javascripts/palette.js), in place of Material's
palette code: one button, "Dark", pressed while the dark colours show. One press always gives
the other scheme; it says which scheme is on (its pressed state, its visible word); Enter and
Space press it; the colours are set as the page is read, not after."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

# Any value: waits until the attribute is gone. (Polled by Playwright's own script: a
# wait_for_function string is eval'd in the page, which the offline copy's CSP refuses once the
# first check has not passed, so on a busy machine it failed with a CSP violation.)
ANY = re.compile(r".*")

SWITCH = "button[data-guide-palette]"
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


def test_one_press_from_a_light_system_gives_dark_and_the_switch_says_so(page, guide):
    page.emulate_media(color_scheme="light")
    page.goto(guide.url("aftercare.md"), wait_until="load")
    body = page.locator("body")
    # Named in words a screen reader says, and pressed only while the dark colours show.
    switch = page.get_by_role("button", name="Dark colors", exact=True)
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    expect(switch).to_have_attribute("aria-pressed", "false")
    switch.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    expect(switch).to_have_attribute("aria-pressed", "true")
    assert page.evaluate(ROOT_SCHEME) == "dark"
    # Transitions are off only while the colours change.
    expect(page.locator("body")).not_to_have_attribute("data-md-color-switching", ANY, timeout=5000)
    # Dark, picked here, holds on the next page although the system asks for light.
    page.goto(guide.url("glossary.md"))
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    expect(page.locator(SWITCH)).to_have_attribute("aria-pressed", "true")
    # One press back gives light, which is the system's: the page follows the system again.
    page.locator(SWITCH).click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    page.emulate_media(color_scheme="dark")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    expect(page.locator(SWITCH)).to_have_attribute("aria-pressed", "true")


def test_one_press_from_a_dark_system_gives_light_and_it_is_kept(dark_system_page, guide):
    page = dark_system_page
    page.goto(guide.url("aftercare.md"), wait_until="load")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    expect(page.locator(SWITCH)).to_have_attribute("aria-pressed", "true")
    page.locator(SWITCH).click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    expect(page.locator(SWITCH)).to_have_attribute("aria-pressed", "false")
    page.goto(guide.url("glossary.md"))
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    assert page.evaluate(ROOT_SCHEME) != "dark"


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_the_switch_works_with_the_keyboard(page, guide, key):
    page.emulate_media(color_scheme="light")
    page.goto(guide.url("aftercare.md"), wait_until="load")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-guide-palette]')"):
            break
    else:
        pytest.fail("Tab never reached the colour switch")
    page.keyboard.press(key)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.keyboard.press(key)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")


def test_the_switch_shows_its_name_on_a_phone(phone_page, guide):
    """Not a hover title, which a phone never shows: a word on the button itself."""
    page = phone_page
    page.goto(guide.url("aftercare.md"), wait_until="load")
    switch = page.locator(SWITCH)
    expect(switch).to_be_in_viewport()
    assert switch.inner_text().strip().startswith("Dark"), switch.inner_text()
    name = switch.locator(".guide-scheme__name")
    assert name.evaluate("e => e.getBoundingClientRect().width > 20 && getComputedStyle(e).visibility === 'visible'")


def test_following_the_system_follows_a_change_of_setting(page, guide):
    page.emulate_media(color_scheme="light")
    page.goto(guide.url("aftercare.md"), wait_until="load")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    page.emulate_media(color_scheme="dark")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    # A fixed choice does not follow the system.
    page.locator(SWITCH).click()                        # light, while the system is dark
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    page.emulate_media(color_scheme="light")
    page.emulate_media(color_scheme="dark")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")


def test_the_switch_works_where_the_browser_refuses_storage(page, guide):
    """A reader who blocks site data: the switch still changes the colours for the page, with no
    script error, and transitions come back (the `page` fixture fails on any console error)."""
    page.add_init_script("""Object.defineProperty(window, "localStorage", {get() {
        throw new DOMException("The operation is insecure.", "SecurityError"); }});""")
    page.emulate_media(color_scheme="light")
    page.goto(guide.url("aftercare.md"), wait_until="load")
    page.locator(SWITCH).click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    expect(page.locator("body")).not_to_have_attribute("data-md-color-switching", ANY, timeout=5000)

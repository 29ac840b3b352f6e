"""A reader with only a keyboard can use the whole guide, and always sees where the focus is.

One walk through the guide with Tab, Enter and the arrow keys: the skip link, the navigation,
the content tabs, search, a collapsible note (details/summary) and the colour-scheme toggle.
At every Tab stop on the way, the focused thing must show a visible focus ring.
"""
from __future__ import annotations

from pathlib import Path

import pytest

# What shows the focus: the focused element itself, except for Material's visually hidden radio
# buttons, whose focus shows on their label (the content tabs).
FOCUS_STATE = """() => {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return {ok: false, what: 'nothing focused'};
  let shown = e;
  if (e.matches('input.md-option')) shown = e.nextElementSibling;
  else if (e.matches('.tabbed-set > input')) {
    const inputs = [...e.parentElement.querySelectorAll(':scope > input')];
    shown = e.parentElement.querySelector(':scope > .tabbed-labels').children[inputs.indexOf(e)];
  }
  const s = getComputedStyle(shown);
  const r = shown.getBoundingClientRect();
  const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
  const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight
                   && r.right > 0 && r.left < innerWidth && s.visibility !== 'hidden';
  const what = `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${[...e.classList].join('.')}` +
               ` "${(e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 30)}"`;
  return {ok: ring && onScreen, ring, onScreen, what,
          outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, shadow: s.boxShadow};
}"""


# Resolves once the search results list has had no change for 300 ms (at most 5 s).
SEARCH_RESULTS_SETTLED = """() => new Promise(resolve => {
  const list = document.querySelector(".md-search-result__list");
  let timer = setTimeout(done, 300);
  const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, 300); });
  const limit = setTimeout(done, 5000);
  function done() { observer.disconnect(); clearTimeout(limit); resolve(); }
  observer.observe(list, {childList: true, subtree: true, characterData: true});
})"""


def assert_focus_visible(page, step: str):
    state = page.evaluate(FOCUS_STATE)
    assert state["ok"], f"{step}: focus is not visible on {state}"
    return state


def tab_until(page, selector: str, step: str, limit: int = 200, back: bool = False):
    """Press Tab (or Shift+Tab) until the focused element matches `selector`, checking at every
    stop on the way that focus is visible."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        state = assert_focus_visible(page, f"{step} (after {len(seen) + 1} Tab presses)")
        seen.append(state["what"])
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{step}: Tab never reached {selector}; stops: {seen[-15:]}")


def first_page_with(site: Path, marker: str) -> str:
    for path in sorted(site.rglob("*.html")):
        if path.name != "404.html" and "print" not in path.parts and marker in path.read_text(encoding="utf-8"):
            return path.relative_to(site).as_posix().removesuffix("index.html")
    pytest.fail(f"no page of the guide has {marker!r} any more: update the keyboard walk")


def test_keyboard_walk_through_the_guide(page, site_dir, hosted_url):
    tabs_page = first_page_with(site_dir, 'class="tabbed-set')
    details_page = first_page_with(site_dir, "<details")

    # 1. Skip link: the first Tab stop; Enter jumps past the header and navigation.
    page.goto(hosted_url)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('a.md-skip')"), "the first Tab stop is not the skip link"
    assert_focus_visible(page, "skip link")
    target = page.get_attribute("a.md-skip", "href")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == target
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('article')"), \
        "after the skip link, the next Tab stop is not in the page content"
    assert_focus_visible(page, "first stop after the skip link")

    # 2. Navigation: Tab to the sidebar link of the page with content tabs, Enter opens it.
    page.goto(hosted_url)
    tab_until(page, f'nav.md-nav--primary a.md-nav__link[href$="{tabs_page}"]', "navigation")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == hosted_url + tabs_page

    # 3. Content tabs: Tab reaches the selected tab; the arrow keys pick the next one.
    tab_until(page, ".tabbed-set > input", "content tabs")
    tab_set = page.evaluate_handle("document.activeElement.parentElement")
    checked = "ts => [...ts.querySelectorAll(':scope > input')].findIndex(i => i.checked)"
    before = tab_set.evaluate(checked)
    page.keyboard.press("ArrowRight")
    after = tab_set.evaluate(checked)
    assert after != before, "ArrowRight did not select the next tab"
    assert_focus_visible(page, "content tab after ArrowRight")
    assert tab_set.evaluate(f"ts => ts.querySelectorAll(':scope > .tabbed-content > .tabbed-block')[{after}]"
                            ".getBoundingClientRect().height > 0"), "the chosen tab's text is not shown"
    page.keyboard.press("ArrowLeft")
    assert tab_set.evaluate(checked) == before
    assert_focus_visible(page, "content tab after ArrowLeft")

    # 4. Search: Tab back up to the search box, type, ArrowDown to the first result, Enter opens it.
    tab_until(page, "input.md-search__input", "search box", back=True)
    page.locator("input.md-search__input").press_sequentially("aftercare", delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    # Each letter typed asks the search again, and Material redraws the list with each answer: wait
    # until the list has stopped changing, or ArrowDown may land on a result about to be replaced.
    page.evaluate(SEARCH_RESULTS_SETTLED)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("!!document.activeElement.closest('.md-search-result__item')"), \
        "ArrowDown did not move to the first search result"
    assert_focus_visible(page, "first search result")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "aftercare" in page.url

    # 5. A collapsible note: Tab to its summary; Enter opens it, Enter again closes it.
    page.goto(hosted_url + details_page)
    tab_until(page, "details > summary", "collapsible note")
    details = page.evaluate_handle("document.activeElement.parentElement")
    was_open = details.evaluate("d => d.open")
    page.keyboard.press("Enter")
    assert details.evaluate("d => d.open") != was_open, "Enter did not open or close the note"
    assert_focus_visible(page, "collapsible note after Enter")
    page.keyboard.press("Enter")
    assert details.evaluate("d => d.open") == was_open

    # 6. Colour scheme: Tab to the switch; each Enter gives the other scheme.
    page.goto(hosted_url)
    tab_until(page, "button[data-guide-palette]", "colour scheme switch")
    schemes = []
    for _ in range(3):
        page.keyboard.press("Enter")
        assert_focus_visible(page, "colour scheme toggle after Enter")
        schemes.append(page.get_attribute("body", "data-md-color-scheme"))
    assert "slate" in schemes and "default" in schemes, f"the toggle went through {schemes}"


def test_keyboard_walk_on_a_narrow_screen(browser, hosted_url):
    """At 640 px (a 1280 px window at 200% zoom, or a phone with a keyboard) the navigation is a
    drawer behind the menu button and search is behind the search button. Both buttons are Tab
    stops (docs/assets/javascripts/keyboard.js); the closed drawer and search box are not."""
    context = browser.new_context(viewport={"width": 640, "height": 400}, device_scale_factor=2)
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.on("pageerror", lambda err: errors.append(str(err)))
    try:
        page.goto(hosted_url)
        # The menu: a visible Tab stop; Enter opens the drawer and moves the focus into it.
        tab_until(page, 'label.md-header__button[for="__drawer"] > button', "menu button")
        assert page.get_attribute('label[for="__drawer"] > button', "aria-expanded") == "false"
        page.keyboard.press("Enter")
        assert page.evaluate("document.getElementById('__drawer').checked"), "Enter did not open the menu"
        page.wait_for_timeout(400)  # the drawer slides in
        assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')"), \
            "the opened menu did not take the focus"
        assert_focus_visible(page, "first link in the opened menu")
        # Escape closes it and gives the focus back to the menu button.
        page.keyboard.press("Escape")
        assert not page.evaluate("document.getElementById('__drawer').checked")
        assert page.evaluate("document.activeElement.matches('label[for=\"__drawer\"] > button')")
        # Open again and follow a link to another page.
        page.keyboard.press("Enter")
        page.wait_for_timeout(400)
        tab_until(page, '.md-sidebar--primary a.md-nav__link[href$="aftercare/"]', "link in the menu", limit=40)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith("/aftercare/")
        # Search: the search button opens the search box with the focus in it.
        tab_until(page, 'label.md-header__button[for="__search"] > button', "search button")
        page.keyboard.press("Enter")
        page.wait_for_timeout(400)
        assert page.evaluate("document.activeElement.matches('input.md-search__input')"), \
            "the search button did not put the focus in the search box"
        assert_focus_visible(page, "search box on a narrow screen")
        page.keyboard.type("needl", delay=30)
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
        page.keyboard.press("ArrowDown")
        assert_focus_visible(page, "first search result on a narrow screen")
    finally:
        context.close()
    assert not errors, f"console errors: {errors}"

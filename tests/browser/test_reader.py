"""What a reader does, in both builds: the hosted guide on 127.0.0.1 and the offline copy opened
from file://. Every test here also fails on any console error (CSP violations included) and on
any request that leaves the machine (the `page` and `phone_page` fixtures)."""
from __future__ import annotations

import re
import pytest
from playwright.sync_api import expect

from .conftest import SCREENSHOTS

# Questions a reader would type, and the page that answers each. The page must be among the
# first three results.
QUESTIONS = [
    ("how much does acupuncture cost", "booking-and-cost.md"),
    ("insurance", "booking-and-cost.md"),
    ("dry needling", "acupuncture-vs-dry-needling.md"),
    ("sore after needling", "aftercare.md"),
    ("drink water", "aftercare.md"),
    ("NCCAOM", "finding-a-practitioner.md"),
    ("licensed acupuncturist", "finding-a-practitioner.md"),
    ("twitch", "your-session.md"),
    ("how long does a session take", "your-session.md"),
    ("foam roller", "pressure-and-massage.md"),
    ("tennis ball", "pressure-and-massage.md"),
    ("how many sessions", "course-of-treatment.md"),
    ("muscle knot", "trigger-points.md"),
    ("referred pain", "trigger-points.md"),
    # Typed by a reader trying the guide on a phone: whole questions, not keywords.
    ("how much does it cost", "booking-and-cost.md"),
    ("is it painful", "your-session.md"),
    ("what to do after needling", "aftercare.md"),
    ("who can do dry needling", "acupuncture-vs-dry-needling.md"),
]
COUNT = re.compile(r"matching document")   # "No matching documents", "1 matching document", ...
PLACEHOLDER = "Type to start searching"


def page_of(href: str) -> str:
    """The page a result links to, as "aftercare" for ".../aftercare/?h=..." or "aftercare.html?h=..."."""
    path = href.split("?")[0].split("#")[0].rstrip("/")
    name = path.rsplit("/", 1)[-1].removesuffix(".html")
    return "index" if name in {"", "index"} or re.fullmatch(r"127\.0\.0\.1:\d+", name) else name


def search(page, question: str) -> list[str]:
    """Type a question into the open search box; the pages of the first three results.

    The box is cleared first, and only the last letter is typed key by key: Material searches on
    each key press, so one key press means one search, and the results shown are its results."""
    box = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    if box.input_value():
        box.fill("")
        box.press("Backspace")
        expect(meta).to_have_text(PLACEHOLDER)
    box.fill(question[:-1])
    box.press_sequentially(question[-1])
    expect(meta).to_have_text(COUNT)
    hrefs = page.locator(".md-search-result__item > a.md-search-result__link").evaluate_all(
        "links => links.map(a => a.href)")
    return [page_of(h) for h in hrefs[:3]]


def test_search_answers_a_readers_questions(page, guide):
    page.goto(guide.url())
    page.locator("input.md-search__input").click()
    misses = []
    for question, answer in QUESTIONS:
        top = search(page, question)
        if answer.removesuffix(".md") not in top:
            misses.append(f"{question!r}: expected {answer}, got {top}")
    assert not misses, f"{guide.name}: search missed:\n" + "\n".join(misses)


def test_a_chosen_tab_carries_over_to_the_next_page(page, guide):
    # The choice is kept in localStorage (content.tabs.link). From file:// Chromium keeps one
    # localStorage for all file:// pages, so the offline copy remembers the choice too.
    page.goto(guide.url("acupuncture-vs-dry-needling.md"))
    first = page.locator(".tabbed-set").first
    first.locator(".tabbed-labels label", has_text="Dry needling").click()
    expect(first.locator(".tabbed-block").nth(1)).to_be_visible()
    expect(first.locator(".tabbed-block").nth(0)).to_be_hidden()
    # Every set on the page follows.
    for tabs in page.locator(".tabbed-set").all():
        label = tabs.locator(".tabbed-labels label", has_text="Dry needling")
        expect(tabs.locator(f"#{label.get_attribute('for')}")).to_be_checked()
    page.goto(guide.url("your-session.md"))
    tabs = page.locator(".tabbed-set").first
    label = tabs.locator(".tabbed-labels label", has_text="Dry needling")
    expect(tabs.locator(f"#{label.get_attribute('for')}")).to_be_checked()
    expect(tabs.locator(".tabbed-block").nth(1)).to_be_visible()


def test_tab_labels_fit_the_narrowest_screen(browser, hosted_url, nav_pages):
    """guide.css hides Material's arrows for tab bars wider than the screen: that holds only while
    every tab bar fits. 320 px is WCAG's reflow width (a 1280 px window zoomed to 400%)."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    checked = 0
    for _, src in nav_pages:
        page.goto(hosted_url + ("" if src == "index.md" else src.removesuffix(".md") + "/"))
        for bar in page.locator("article .tabbed-labels").all():
            if not bar.is_visible():
                continue
            width, needed = bar.evaluate("e => [e.clientWidth, e.scrollWidth]")
            assert needed <= width, f"{src}: a tab bar needs {needed} px, the screen gives it {width}"
            checked += 1
    context.close()
    assert checked >= 4, "no tab bars found: update this test"


def test_a_collapsed_admonition_opens(page, guide):
    page.goto(guide.url("aftercare.md"))
    details = page.locator("article details").first
    expect(details).not_to_have_attribute("open", "")
    inside = details.locator("> :not(summary)").first
    expect(inside).to_be_hidden()
    details.locator("summary").click()
    expect(details).to_have_attribute("open", "")
    expect(inside).to_be_visible()


def _screenshot(page, width: str, name: str) -> None:
    """test-output/screenshots/{desktop,phone}/<page>.png, the whole page top to bottom."""
    folder = SCREENSHOTS / width
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=folder / f"{name}.png", full_page=True)


def test_every_nav_link_leads_to_a_page(page, guide, nav_pages):
    """Follows each link in the navigation; in the hosted build, saves a desktop screenshot of
    each page (the offline copy's pages look the same; only their addresses differ)."""
    page.goto(guide.url())
    links = page.locator("nav.md-nav--primary a.md-nav__link[href]").evaluate_all(
        "links => links.map(a => a.href)")
    urls = list(dict.fromkeys(u.split("#")[0] for u in links))
    assert len(urls) == len(nav_pages), urls
    titles = []
    for url in urls:
        response = page.goto(url)
        if guide.name == "hosted":
            assert response.status == 200, url
            _screenshot(page, "desktop", page_of(url))
        expect(page.locator("article h1")).to_have_count(1)
        titles.append(page.title())
    assert len(set(titles)) == len(nav_pages), "two navigation links lead to the same page"


def test_on_a_phone_the_menu_opens_and_search_works(phone_page, guide, nav_pages):
    page = phone_page
    page.goto(guide.url())
    # The menu drawer.
    drawer = page.locator("nav.md-nav--primary")
    page.locator("label.md-header__button[for=__drawer]").click()
    expect(page.locator("#__drawer")).to_be_checked()
    aftercare = drawer.get_by_role("link", name="Aftercare and recovery")
    expect(aftercare).to_be_in_viewport()
    aftercare.click()
    expect(page.locator("article h1")).to_contain_text("Aftercare")
    # Search, typed key by key as on a phone keyboard.
    page.locator("label.md-header__button[for=__search]").click()
    box = page.locator("input.md-search__input")
    expect(box).to_be_focused()
    box.press_sequentially("NCCAOM")
    expect(page.locator(".md-search-result__meta")).to_have_text(COUNT)
    result = page.locator(".md-search-result__item > a.md-search-result__link", has_text="practitioner").first
    expect(result).to_be_in_viewport()
    result.click()
    expect(page.locator("article h1")).to_contain_text("practitioner")
    if guide.name == "hosted":  # a screenshot of every page at phone width
        for _, src in nav_pages:
            page.goto(guide.url(src))
            _screenshot(page, "phone", src.removesuffix(".md"))


def _expect_only_its_own_404(page) -> None:
    """The browser logs the page's own 404 status as a console error; that one is expected."""
    errors = page.watched.console_errors
    assert errors == ["Failed to load resource: the server responded with a status of 404 (Not Found)"], errors
    errors.clear()


@pytest.mark.parametrize("path", ["no-such-page/", "no-such-page.html", "deep/down/no-such-page/"])
def test_a_wrong_address_gets_the_guides_404_page(page, hosted_url, path):
    own_404 = []
    page.on("response", lambda r: r.status == 404 and own_404.append(r.url))
    response = page.goto(hosted_url + path)
    assert response.status == 404
    expect(page.locator("article h1")).to_have_text("We could not find that page")
    # Its stylesheets and scripts load at any depth (the 404 page's addresses start at the root).
    expect(page.locator("header.md-header")).to_have_css("position", re.compile("sticky|fixed"))
    expect(page.locator("input.md-search__input")).to_be_visible()
    assert own_404 == [hosted_url + path], "only the page itself may be missing"
    _expect_only_its_own_404(page)

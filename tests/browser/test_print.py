"""Printing: the aftercare page is a one-sheet handout, and one page holds the whole guide."""
import re

import pytest


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_aftercare_prints_on_one_sheet(page, hosted_url, paper):
    page.goto(hosted_url + "aftercare/")
    assert _pdf_pages(page.pdf(format=paper)) == 1


def test_print_hides_the_navigation_and_opens_details(page, hosted_url):
    page.goto(hosted_url + "aftercare/")
    page.emulate_media(media="print")
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator(".md-header").is_visible()
    hidden_detail = page.locator("article details:not([open]) > p").first
    assert hidden_detail.is_visible(), "collapsed details must print open"


def test_the_handout_holds_every_page_each_on_a_new_sheet(page, hosted_url, nav_pages, html_tree):
    page.goto(hosted_url + "print/")
    tidy = lambda text: re.sub(r"\s+", " ", text.replace("\u00b6", "")).strip()
    sections = [tidy(t) for t in page.locator("article h2.handout-page").all_inner_texts()]
    expected = [tidy(html_tree(src).select_one("article h1").get_text())
                for _, src in nav_pages if src != "print.md"]
    assert sections == expected
    page.emulate_media(media="print")
    assert page.locator("article h2.handout-page").first.evaluate("e => getComputedStyle(e).breakBefore") == "page"
    assert _pdf_pages(page.pdf(format="A4")) >= len(expected)


# Every piece of text on paper, with its size: elements that hold text of their own.
PRINTED_TEXT_SIZES = """() => [...document.querySelectorAll('article *, .review-dates')]
  .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
  .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
  .filter(e => !e.closest('sup'))                       // citation marks [4]
  .map(e => ({what: `${e.tagName.toLowerCase()} "${e.textContent.trim().slice(0, 40)}"`,
              pt: parseFloat(getComputedStyle(e).fontSize) * 72 / 96}))"""


@pytest.mark.parametrize("src", ["aftercare.md", "booking-and-cost.md", "acupuncture-vs-dry-needling.md",
                                 "glossary.md", "print.md"])
def test_printed_text_is_at_least_11_points(page, guide, src):
    page.goto(guide.url(src))
    page.emulate_media(media="print")
    sizes = page.evaluate(PRINTED_TEXT_SIZES)
    assert len(sizes) > 5
    small = [f"{s['what']}: {s['pt']:.1f} pt" for s in sizes if s["pt"] < 10.99]
    assert not small, "\n".join(small[:15])


# Each link in the article that leads to another page of the guide: its address, its words and
# what is printed after it (the ::after content, with attr() resolved by the browser).
PRINTED_LINKS = """() => [...document.querySelectorAll('article a[href]')]
  .filter(a => a.getClientRects().length && !a.closest('sup.citation') && !a.matches('.headerlink, .guide-term'))
  .filter(a => a.origin === location.origin && a.protocol === location.protocol && !a.hasAttribute('download'))
  .filter(a => a.pathname !== location.pathname)
  .map(a => ({href: a.href.split('#')[0], text: a.textContent.trim(), after: getComputedStyle(a, '::after').content}))"""


def test_printed_links_to_other_pages_name_the_page(page, guide, nav_pages):
    titles = {guide.url(src): title for title, src in nav_pages}
    checked = 0
    for _, src in nav_pages:
        page.goto(guide.url(src))
        page.emulate_media(media="print")
        for link in page.evaluate(PRINTED_LINKS):
            title = titles.get(link["href"])
            assert title, f"{src}: a link to {link['href']}, which is no page of the guide"
            printed = f"{link['text']} {link['after']}".lower()
            assert title.lower() in printed, f"{src}: the link {link['text']!r} prints as {printed!r}, without {title!r}"
            checked += 1
    assert checked >= 10, checked


def test_screen_only_instructions_are_not_printed(page, guide):
    """The comparison page's "Tap a tab to switch" makes no sense on paper; nor does any
    instruction marked screen-only (class "screen-only" in the page's Markdown)."""
    page.goto(guide.url("acupuncture-vs-dry-needling.md"))
    tap = page.locator("article p", has_text="Tap a tab to switch")
    assert tap.is_visible()
    page.emulate_media(media="print")
    assert not tap.is_visible()
    for src in ("acupuncture-vs-dry-needling.md", "glossary.md", "print.md"):
        page.goto(guide.url(src))
        marked = page.locator(".screen-only")
        assert marked.count() >= 1, src
        page.emulate_media(media="screen")
        assert all(marked.nth(i).is_visible() for i in range(marked.count())), src
        page.emulate_media(media="print")
        assert not any(marked.nth(i).is_visible() for i in range(marked.count())), src

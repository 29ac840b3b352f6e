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

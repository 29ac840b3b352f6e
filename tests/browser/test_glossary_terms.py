"""Glossary terms (includes/glossary.md): each is defined at its first use on a page only, not
at every use, and that definition is reachable by keyboard: a link to the term's entry on the
glossary page (guide/glossary_terms.py). Content tabs count as the reader sees them: with
either tab picked, a term is defined once in what shows (twice at most, when its first
definition sat in one tab only)."""
from __future__ import annotations

from collections import Counter

import pytest
from playwright.sync_api import expect

# The terms defined in what shows: <abbr title> elements with a size on screen, by their words.
VISIBLE_DEFINITIONS = """() => [...document.querySelectorAll('article abbr[title]')]
  .filter(a => a.getClientRects().length && !a.closest('.tabbed-labels'))
  .map(a => ({term: a.textContent.trim().toLowerCase(), linked: !!a.closest('a.guide-term'),
              inTab: !!a.closest('.tabbed-block'),
              where: a.closest('h1, h2, h3, h4, a:not(.guide-term), summary, dt') ? 'heading or link' : 'text'}))"""


def test_each_term_is_defined_once_in_what_the_reader_sees(page, guide, nav_pages):
    checked = 0
    for _, src in nav_pages:
        if src in ("glossary.md", "print.md"):
            continue
        page.goto(guide.url(src))
        labels = page.locator(".tabbed-set").first.locator(".tabbed-labels label")
        choices = [labels.nth(i).inner_text().strip() for i in range(labels.count())] or [None]
        for choice in choices:
            if choice:
                page.locator(".tabbed-labels label", has_text=choice).first.click()
            seen = page.evaluate(VISIBLE_DEFINITIONS)
            # Once; twice only when the first was in a tab: a term defined in one tab only is
            # defined again at its next use outside the tabs, for the reader of the other tab.
            first_in_tab = {d["term"]: d["inTab"] for d in reversed(seen)}
            twice = [term for term, n in Counter(d["term"] for d in seen).items()
                     if n > 2 or (n == 2 and not first_in_tab[term])]
            assert not twice, f"{src} ({choice or 'no tabs'}): defined more than once: {twice}"
            unlinked = [d for d in seen if not d["linked"] and d["where"] == "text"]
            assert not unlinked, f"{src} ({choice or 'no tabs'}): a term in the text with no link: {unlinked}"
            checked += len(seen)
    assert checked >= 10, checked


def test_a_term_is_reached_by_keyboard_and_leads_to_its_meaning(page, guide):
    page.goto(guide.url("acupuncture-vs-dry-needling.md"))
    first = page.locator("article a.guide-term").first
    term = first.inner_text().strip()
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('article a.guide-term')"):
            break
    else:
        pytest.fail("Tab never reached a glossary term")
    assert page.evaluate("document.activeElement.textContent.trim()") == term
    with page.expect_navigation():
        page.keyboard.press("Enter")
    entry = page.locator("article dt:target")
    expect(entry).to_have_count(1)
    assert entry.inner_text().strip().lower() == term.lower()
    expect(entry.locator("xpath=following-sibling::dd[1]")).not_to_be_empty()


def test_every_term_link_leads_to_an_entry(page, guide, nav_pages):
    page.goto(guide.url("glossary.md"))
    ids = set(page.evaluate("[...document.querySelectorAll('article dt[id]')].map(d => d.id)"))
    assert ids
    for _, src in nav_pages:
        page.goto(guide.url(src))
        for href in page.evaluate("[...document.querySelectorAll('article a.guide-term')].map(a => a.href)"):
            assert href.split("#")[1] in ids, f"{src}: {href} leads to no glossary entry"

"""Admonitions, collapsible details and linked comparison tabs, as built."""
import re

import pytest

from conftest import page_calling, page_sources, page_titled

# The pages with content tabs, found from their text (a line starting with === "...").
TAB_PAGES = [src for src, text in page_sources().items() if re.search(r'(?m)^\s*===\+?\s+"', text)]


def test_aftercare_is_written_as_admonitions(html_tree):
    article = html_tree(page_titled("Aftercare and recovery")).select_one("article")
    kinds = {cls for a in article.select(".admonition, details") for cls in a.get("class", [])}
    assert {"note", "tip", "warning"} <= kinds, kinds
    titles = " ".join(t.get_text() for t in article.select(".admonition-title, details > summary")).lower()
    for topic in ("normal", "help", "avoid", "practitioner"):
        assert topic in titles, f"aftercare needs an admonition about what is {topic}"
    assert article.select("details"), "collapsible details for optional depth"


def test_the_session_page_warns_to_speak_up_when_it_hurts(html_tree):
    boxes = html_tree(page_titled("Your session, step by step")).select("article .admonition, article details")
    assert any("painful" in b.get_text().lower() for b in boxes)


def test_some_pages_have_tabs():
    assert TAB_PAGES


@pytest.mark.parametrize("src", TAB_PAGES)
def test_comparison_tabs_use_the_linked_labels(src, html_tree, config):
    sets = html_tree(src).select("article .tabbed-set")
    assert sets, f"{src} has no content tabs"
    for tab_set in sets:
        labels = [label.get_text(strip=True) for label in tab_set.select(".tabbed-labels > label")]
        assert labels == config["extra"]["tab_labels"], f"{src}: {labels}"


def test_the_comparison_page_compares_each_aspect(html_tree):
    article = html_tree(page_titled("Acupuncture or dry needling?")).select_one("article")
    headings = " ".join(h.get_text() for h in article.select("h2")).lower()
    for aspect in ("who", "training", "idea", "session", "allowed", "bill"):
        assert aspect in headings, f"comparison lacks the aspect {aspect!r}: {headings}"
    assert len(article.select(".tabbed-set")) >= 6


def test_glossary_terms_are_tooltips_and_listed_on_the_glossary_page(html_tree, nav_pages):
    from conftest import ROOT
    from macros.models import load_glossary

    entries = load_glossary(ROOT / "includes" / "glossary.md")
    listed = {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text()
              for dt in html_tree(page_calling("glossary_list")).select("article dl > dt")}
    assert listed == {e.term: e.definition for e in entries}
    meanings = {e.term: e.definition for e in entries}
    shown = {}
    for _, src in nav_pages:
        for abbr in html_tree(src).select("article abbr[title]"):
            shown.setdefault(abbr.get_text(), set()).add(abbr["title"])
    assert shown, "no glossary word is a tooltip on any page"
    for term, titles in shown.items():
        assert term in meanings and titles == {meanings[term]}, term
    assert "content.tooltips" in html_tree("index.md").select_one("#__config").get_text()

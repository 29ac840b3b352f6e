"""Admonitions, collapsible details and linked comparison tabs, as built."""
import pytest

TAB_PAGES = ["acupuncture-vs-dry-needling.md", "finding-a-practitioner.md", "booking-and-cost.md"]


def test_aftercare_is_written_as_admonitions(html_tree):
    article = html_tree("aftercare.md").select_one("article")
    kinds = {cls for a in article.select(".admonition, details") for cls in a.get("class", [])}
    assert {"note", "tip", "warning"} <= kinds, kinds
    titles = " ".join(t.get_text() for t in article.select(".admonition-title, details > summary")).lower()
    for topic in ("normal", "help", "avoid", "practitioner"):
        assert topic in titles, f"aftercare needs an admonition about what is {topic}"
    assert article.select("details"), "collapsible details for optional depth"


def test_the_session_page_warns_to_speak_up_when_it_hurts(html_tree):
    boxes = html_tree("your-session.md").select("article .admonition, article details")
    assert any("painful" in b.get_text().lower() for b in boxes)


@pytest.mark.parametrize("src", TAB_PAGES)
def test_comparison_tabs_use_the_linked_labels(src, html_tree):
    sets = html_tree(src).select("article .tabbed-set")
    assert sets, f"{src} has no content tabs"
    for tab_set in sets:
        labels = [label.get_text(strip=True) for label in tab_set.select(".tabbed-labels > label")]
        assert labels == ["Acupuncture", "Dry needling"], f"{src}: {labels}"


def test_the_comparison_page_compares_each_aspect(html_tree):
    article = html_tree("acupuncture-vs-dry-needling.md").select_one("article")
    headings = " ".join(h.get_text() for h in article.select("h2")).lower()
    for aspect in ("who", "training", "idea", "session", "allowed", "bill"):
        assert aspect in headings, f"comparison lacks the aspect {aspect!r}: {headings}"
    assert len(article.select(".tabbed-set")) >= 6


def test_glossary_terms_are_tooltips_and_listed_on_the_glossary_page(html_tree, nav_pages):
    from conftest import ROOT
    from macros.models import load_glossary

    entries = load_glossary(ROOT / "includes" / "glossary.md")
    listed = {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text()
              for dt in html_tree("glossary.md").select("article dl > dt")}
    assert listed == {e.term: e.definition for e in entries}
    abbr = html_tree("finding-a-practitioner.md").select_one('article abbr:-soup-contains("NCCAOM")')
    assert abbr is not None and abbr["title"].startswith("National Certification Commission")
    assert "content.tooltips" in html_tree("index.md").select_one("#__config").get_text()

"""The renderers, on models built by hand: exact Markdown out."""
from datetime import date
from decimal import Decimal

import pytest

from macros.citations import Citation, pages_citing
from macros.models import Costs, PriceRange, Source
from macros.render import (format_money, relative_link, render_citation, render_cost_table,
                           render_course_estimate, render_price, render_sources_page)

COSTS = Costs(checked=date(2026, 1, 2), source="s", study_year=2001, report_year=2003, currency="USD", region="Testland",
              private_session=PriceRange(low=Decimal(70), high=Decimal(150)),
              initial_visit=Decimal(100), follow_up=Decimal("50.5"),
              dry_needling_billing="Part of a physical therapy session.", estimate_follow_ups=(1, 3))
SOURCE = Source(id="harvard-x", title="A Title", publisher="Harvard Health", site="health.harvard.edu")


def test_money():
    assert format_money(Decimal(112)) == "$112"
    assert format_money(Decimal("79.5")) == "$79.50"
    assert format_money(Decimal(1500)) == "$1,500"


def test_price_in_a_sentence():
    assert render_price(COSTS, "private_session") == "$70 to $150"
    assert render_price(COSTS, "follow_up") == "$50.50"
    with pytest.raises(ValueError, match="not a known price"):
        render_price(COSTS, "dry_needling_billing")


def test_cost_table_lines():
    lines = render_cost_table(COSTS, "[c]", "Pricewatch").splitlines()
    assert lines[0] == ("Typical prices in Testland. The first-visit and follow-up figures are for paying "
                        "without insurance. They come from a 2001 study, as Pricewatch reported it in 2003.[c] "
                        "The range for a private session comes from the clinic's article. Prices may be higher now.")
    assert lines[2:-2] == [
        "| What you pay for | Typical cost |",
        "| --- | --- |",
        "| A private acupuncture session | $70 to $150 |",
        "| A first acupuncture visit, without insurance | About $100 |",
        "| A follow-up acupuncture visit | About $50.50 on average |",
        "| Dry needling by a physical therapist | Part of a physical therapy session. |",
    ]
    assert lines[-1] == ("Checked on 2 January 2026: the day an editor last compared these figures with their "
                         "sources. It is not the date of the prices.")


def test_course_estimate_lines():
    lines = render_course_estimate(COSTS).splitlines()
    assert "This is an estimate, not a quote" in lines[0]
    assert lines[-2:] == [
        "| A first visit and 1 follow-up visit (2 visits in all) | About $150.50 |",
        "| A first visit and 3 follow-up visits (4 visits in all) | About $251.50 |",
    ]


def test_citation_mark():
    assert render_citation(4, SOURCE, "sources.md#harvard-x") == (
        '<sup class="citation">[[4]](sources.md#harvard-x "Source 4: Harvard Health, A Title")</sup>')


def test_relative_links_between_pages():
    assert relative_link("aftercare.md", "sources.md", "x") == "sources.md#x"
    assert relative_link("more/deep.md", "sources.md") == "../sources.md"


def test_sources_page_lists_citing_pages_once_each():
    citing = pages_citing((Citation("b.md", 3, "harvard-x"), Citation("a.md", 1, "harvard-x"), Citation("b.md", 9, "harvard-x")))
    text = render_sources_page((SOURCE,), citing, {"a.md": "Page A"}, "sources.md")
    assert text.splitlines() == [
        "## 1. Harvard Health: A Title { #harvard-x }",
        "",
        "Published by Harvard Health, on health.harvard.edu. The clinic's article named this source without "
        "a web address, and we have not found its exact page. So we cannot check which facts it supports: "
        "where the guide cites it, the sentence says the fact comes from the clinic's article.",
        "",
        "Cited on: [b.md](b.md), [Page A](a.md).",
    ]


def test_sources_page_gives_the_address_and_the_day_it_was_read():
    read = Source(id="nhs-x", title="T", publisher="NHS", site="nhs.uk", url="https://www.nhs.uk/x",
                  read_on=date(2026, 12, 1))
    text = render_sources_page((read,), {}, {}, "sources.md")
    assert text.splitlines()[2] == ("Published by NHS, at [https://www.nhs.uk/x](https://www.nhs.uk/x)"
                                    ". We read this page on 1 December 2026.")


def test_glossary_is_a_sorted_definition_list():
    from macros.models import GlossaryEntry
    from macros.render import render_glossary

    text = render_glossary((GlossaryEntry(term="PT", definition="Physical therapist."),
                            GlossaryEntry(term="fascia", definition="Thin tissue.")))
    assert text.splitlines() == ["fascia", ":   Thin tissue.", "", "PT", ":   Physical therapist."]


def test_handout_section_drops_front_matter_and_demotes_headings():
    from macros.render import handout_section

    page = "---\ndescription: x\n---\n\n# Aftercare\n\nText.\n\n## Normal\n\n```\n# not a heading\n```\n"
    assert handout_section(page).splitlines() == [
        "## Aftercare { .handout-page }", "", "Text.", "", "### Normal", "", "```", "# not a heading", "```"]


def test_cost_estimator_carries_the_data_and_stays_hidden_without_javascript():
    from macros.render import render_cost_estimator

    html = render_cost_estimator(COSTS, "../assets/javascripts/estimator.js")
    assert html.startswith('<span class="cost-estimator" data-initial="100" data-follow-up="50.5" hidden>')
    assert "$100 plus $50.50 for each follow-up" in html
    assert html.endswith('<script src="../assets/javascripts/estimator.js" defer></script>')
    assert "\n" not in html and "<form" not in html and "<div" not in html  # phrasing content, one line


def test_asset_urls_are_relative_to_the_built_page():
    from types import SimpleNamespace

    from macros import asset_url

    assert asset_url(SimpleNamespace(url="booking-and-cost/"), "a.js") == "../a.js"
    assert asset_url(SimpleNamespace(url="booking-and-cost.html"), "a.js") == "a.js"
    assert asset_url(SimpleNamespace(url=""), "a.js") == "a.js"


def test_each_language_fills_in_the_same_figures():
    """Every phrase of macros/phrases.py has the same {placeholders} in each language: a
    translation cannot drop a figure (the citation of the cost table, say) or ask for one the
    renderers do not give."""
    import dataclasses
    import string

    from macros.phrases import PHRASES

    def names(value) -> set[str]:
        texts = value if isinstance(value, tuple) else (value,)
        return {field for text in texts if isinstance(text, str)
                for _, field, _, _ in string.Formatter().parse(text) if field}

    english = PHRASES["en"]
    assert len(PHRASES) >= 2
    for words in PHRASES.values():
        for field in dataclasses.fields(words):
            if field.name in ("language", "months"):
                continue
            assert names(getattr(words, field.name)) == names(getattr(english, field.name)), (words.language, field.name)
        assert len(words.months) == 12

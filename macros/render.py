"""Pure functions from validated models to Markdown: no files, no MkDocs, no env."""
from __future__ import annotations

import posixpath
import re
from decimal import Decimal

from .models import Costs, GlossaryEntry, PriceRange, Source

PRICE_NAMES = ("private_session", "initial_visit", "follow_up")


def format_money(amount: Decimal) -> str:
    """$112, or $79.50 when there are cents."""
    return f"${amount:,.0f}" if amount == amount.to_integral_value() else f"${amount:,.2f}"


def format_range(price: PriceRange) -> str:
    return f"{format_money(price.low)} to {format_money(price.high)}"


def render_price(costs: Costs, name: str) -> str:
    """One figure from the cost data, for use inside a sentence."""
    if name not in PRICE_NAMES:
        raise ValueError(f'price("{name}") is not a known price; use one of: {", ".join(PRICE_NAMES)}')
    value = getattr(costs, name)
    return format_range(value) if isinstance(value, PriceRange) else format_money(value)


def format_date(day) -> str:
    return f"{day.day} {day:%B %Y}"


def render_cost_table(costs: Costs, citation: str) -> str:
    """The price table on the cost page."""
    rows = [
        ("A private acupuncture session", f"{format_range(costs.private_session)}"),
        ("A first acupuncture visit, without insurance", f"About {format_money(costs.initial_visit)}"),
        ("A follow-up acupuncture visit", f"About {format_money(costs.follow_up)} on average"),
        ("Dry needling by a physical therapist", costs.dry_needling_billing),
    ]
    return "\n".join([
        f"Typical prices in {costs.region}. The first-visit and follow-up figures are for paying "
        f"without insurance.{citation} Figures from our sources, last checked on {format_date(costs.checked)}.",
        "",
        "| What you pay for | Typical cost |",
        "| --- | --- |",
        *(f"| {what} | {cost} |" for what, cost in rows),
    ])


def course_total(costs: Costs, follow_ups: int) -> Decimal:
    """A first visit plus a number of follow-up visits."""
    return costs.initial_visit + follow_ups * costs.follow_up


def render_course_estimate(costs: Costs) -> str:
    """A table estimating a course of treatment: a first visit plus a few follow-ups."""
    rows = [
        f"| A first visit and {n} follow-up {'visit' if n == 1 else 'visits'} ({n + 1} visits in all) "
        f"| About {format_money(course_total(costs, n))} |"
        for n in costs.estimate_follow_ups
    ]
    return "\n".join([
        f"Estimated cost of a course of acupuncture in {costs.region}, without insurance: "
        f"the first-visit price of {format_money(costs.initial_visit)} plus "
        f"{format_money(costs.follow_up)} for each follow-up visit. This is an estimate, not a quote: "
        "ask the clinic for its own prices.",
        "",
        "| Course of treatment | Estimated total |",
        "| --- | --- |",
        *rows,
    ])


def relative_link(from_page: str, to_page: str, anchor: str = "") -> str:
    """A Markdown link target from one page in docs/ to another, which MkDocs then checks."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{target}#{anchor}" if anchor else target


def render_citation(number: int, source: Source, href: str) -> str:
    """A numbered citation mark linking to the source on the sources page."""
    return f'<sup class="citation">[[{number}]]({href} "Source {number}: {source.publisher}, {source.title}")</sup>'


def render_sources_page(sources: tuple[Source, ...], citing: dict[str, tuple[str, ...]],
                        page_titles: dict[str, str], from_page: str) -> str:
    """The list of sources, each with the pages that cite it."""
    parts = []
    for number, source in enumerate(sources, start=1):
        where = f"[{source.site}]({source.url})" if source.url else source.site
        pages = citing.get(source.id, ())
        cited_on = ", ".join(f"[{page_titles.get(p, p)}]({relative_link(from_page, p)})" for p in pages)
        parts += [
            f"## {number}. {source.publisher}: {source.title} {{ #{source.id} }}",
            "",
            f"Published by {source.publisher}, on {where}.",
            "",
            f"Cited on: {cited_on}." if cited_on else "Not cited on any page yet.",
            "",
        ]
    return "\n".join(parts).rstrip() + "\n"


def render_glossary(entries: tuple[GlossaryEntry, ...]) -> str:
    """The glossary page body: every term, in alphabetical order, as a definition list."""
    ordered = sorted(entries, key=lambda e: e.term.lower())
    return "\n\n".join(f"{e.term}\n:   {e.definition}" for e in ordered) + "\n"


def cited_works(sources: tuple[Source, ...]) -> list[dict]:
    """schema.org CreativeWork objects for the sources a page cites, for its JSON-LD."""
    works = []
    for source in sources:
        work = {"@type": "CreativeWork", "name": source.title,
                "publisher": {"@type": "Organization", "name": source.publisher}}
        if source.url:
            work["url"] = source.url
        works.append(work)
    return works


def render_cost_estimator(costs: Costs, script_src: str, default_visits: int = 4, max_visits: int = 52) -> str:
    """The cost estimator, on one line of phrasing elements so it can sit in a paragraph. It is
    never put in a content tab: a reader who picked another tab would not see it (issue 12). Its
    instructions are inside it, so they are hidden with it (without JavaScript, and in print).

    The figures ride in data- attributes; the script at script_src (assets/javascripts/estimator.js,
    loaded only on pages with an estimator) does the sum. The estimator is hidden until that
    script runs, so readers without JavaScript see only the static tables.
    """
    return (
        f'<span class="cost-estimator" data-initial="{costs.initial_visit}" data-follow-up="{costs.follow_up}" hidden>'
        f'<span class="estimator-intro">Enter how many visits you expect. Your practitioner can tell you how many '
        f'they suggest. The sum uses the acupuncture prices above.</span> '
        f'<label for="estimator-visits">Number of visits, counting the first one</label> '
        f'<input id="estimator-visits" name="visits" type="number" inputmode="numeric" min="1" max="{max_visits}" '
        f'step="1" value="{default_visits}"> '
        f'<span class="estimator-result">Estimated total: <output for="estimator-visits" aria-live="polite">'
        f"</output></span> "
        f'<span class="estimator-note">This is an estimate, not a quote: a first visit at '
        f"{format_money(costs.initial_visit)} plus {format_money(costs.follow_up)} for each follow-up, "
        f"without insurance. Your clinic's prices may differ.</span></span>"
        f'<script src="{script_src}" defer></script>'
    )


def handout_section(markdown: str) -> str:
    """One page's Markdown made into a section of the printable handout.

    Its front matter goes, and each heading moves one level down, so the page title becomes a
    section heading that starts a new printed page (class handout-page, see guide.css).
    """
    lines = markdown.splitlines()
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0)
        lines = lines[end + 1:]
    out, fenced, titled = [], False, False
    for line in lines:
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and re.match(r"#{1,5} ", line):
            line = "#" + line
            if not titled and line.startswith("## ") and not line.rstrip().endswith("}"):
                line, titled = line.rstrip() + " { .handout-page }", True
        out.append(line)
    return "\n".join(out).strip() + "\n"

"""Pure functions from validated models to Markdown: no files, no MkDocs, no env.

Each generated part is written once, in any language the guide has: its words come from
macros/phrases.py (one Phrases per language), its figures from the models."""
from __future__ import annotations

import posixpath
import re
import unicodedata
from decimal import Decimal

from .models import Costs, GlossaryEntry, PriceRange, Source
from .phrases import DATA_TEXT_ES, phrases  # noqa: F401  (DATA_TEXT_ES: the tests read it from here too)

PRICE_NAMES = ("private_session", "initial_visit", "follow_up")


def format_money(amount: Decimal) -> str:
    """$112, or $79.50 when there are cents (US English and US Spanish alike)."""
    return f"${amount:,.0f}" if amount == amount.to_integral_value() else f"${amount:,.2f}"


def format_range(price: PriceRange, lang: str = "en") -> str:
    """$70 to $150; in Spanish, de $70 a $150."""
    return phrases(lang).range.format(low=format_money(price.low), high=format_money(price.high))


def render_price(costs: Costs, name: str, lang: str = "en") -> str:
    """One figure from the cost data, for use inside a sentence."""
    if name not in PRICE_NAMES:
        raise ValueError(f'price("{name}") is not a known price; use one of: {", ".join(PRICE_NAMES)}')
    value = getattr(costs, name)
    return format_range(value, lang) if isinstance(value, PriceRange) else format_money(value)


def format_date(day, lang: str = "en") -> str:
    """27 November 2026; in Spanish, 27 de noviembre de 2026."""
    words = phrases(lang)
    return words.date.format(day=day.day, month=words.months[day.month - 1], year=day.year)


def data_text(text: str, lang: str = "en") -> str:
    """A text from data/costs.yml or data/clinic.yml in the page's language: the English as it is,
    the Spanish from DATA_TEXT_ES, or the English until its Spanish is added there."""
    return DATA_TEXT_ES.get(text, text) if lang == "es" else text


def render_cost_table(costs: Costs, citation: str, publisher: str, lang: str = "en") -> str:
    """The price table on the cost page, saying where its figures come from and how old they are."""
    words = phrases(lang)
    rows = [
        (words.private_session, format_range(costs.private_session, lang)),
        (words.initial_visit[0], words.initial_visit[1].format(amount=format_money(costs.initial_visit))),
        (words.follow_up[0], words.follow_up[1].format(amount=format_money(costs.follow_up))),
        (words.dry_needling, data_text(costs.dry_needling_billing, lang)),
    ]
    return "\n".join([
        words.table_intro.format(region=data_text(costs.region, lang), study_year=costs.study_year,
                                 publisher=publisher, report_year=costs.report_year, citation=citation),
        "",
        f"| {words.table_header[0]} | {words.table_header[1]} |",
        "| --- | --- |",
        *(f"| {what} | {cost} |" for what, cost in rows),
        "",
        words.checked.format(date=format_date(costs.checked, lang)),
    ])


def course_total(costs: Costs, follow_ups: int) -> Decimal:
    """A first visit plus a number of follow-up visits."""
    return costs.initial_visit + follow_ups * costs.follow_up


def render_course_estimate(costs: Costs, lang: str = "en") -> str:
    """A table estimating a course of treatment: a first visit plus a few follow-ups."""
    words = phrases(lang)
    rows = [
        f"| {words.course_row.format(n=n, visits=words.visit[n != 1], total=n + 1)} "
        f"| {words.about.format(amount=format_money(course_total(costs, n)))} |"
        for n in costs.estimate_follow_ups
    ]
    return "\n".join([
        words.course_intro.format(region=data_text(costs.region, lang), initial=format_money(costs.initial_visit),
                                  follow_up=format_money(costs.follow_up)),
        "",
        f"| {words.course_header[0]} | {words.course_header[1]} |",
        "| --- | --- |",
        *rows,
    ])


def relative_link(from_page: str, to_page: str, anchor: str = "") -> str:
    """A Markdown link target from one page in docs/ to another, which MkDocs then checks."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{target}#{anchor}" if anchor else target


def render_citation(number: int, source: Source, href: str, lang: str = "en") -> str:
    """A numbered citation mark linking to the source on the sources page."""
    word = phrases(lang).source
    return f'<sup class="citation">[[{number}]]({href} "{word} {number}: {source.publisher}, {source.title}")</sup>'


def render_sources_page(sources: tuple[Source, ...], citing: dict[str, tuple[str, ...]],
                        page_titles: dict[str, str], from_page: str, lang: str = "en") -> str:
    """The list of sources, each with its address and the day it was read (or why it has no
    address), and the pages citing it."""
    words = phrases(lang)
    parts = []
    for number, source in enumerate(sources, start=1):
        if source.url:
            where = words.source_with_address.format(publisher=source.publisher, url=source.url, site=source.site,
                                                     read_on=format_date(source.read_on, lang))
        else:
            where = words.source_without_address.format(publisher=source.publisher, site=source.site)
        pages = citing.get(source.id, ())
        cited_on = ", ".join(f"[{page_titles.get(p, p)}]({relative_link(from_page, p)})" for p in pages)
        parts += [
            f"## {number}. {source.publisher}: {source.title} {{ #{source.id}{words.heading_attributes} }}",
            "",
            where,
            "",
            words.cited_on.format(pages=cited_on) if cited_on else words.not_cited,
            "",
        ]
    return "\n".join(parts).rstrip() + "\n"


def _sort_key(term: str) -> str:
    """Alphabetical order that puts "ácido" with the a's (Spanish terms carry accents)."""
    return "".join(c for c in unicodedata.normalize("NFD", term.lower()) if not unicodedata.combining(c))


def render_glossary(entries: tuple[GlossaryEntry, ...]) -> str:
    """The glossary page body: every term, in alphabetical order, as a definition list."""
    ordered = sorted(entries, key=lambda e: _sort_key(e.term))
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


def render_cost_estimator(costs: Costs, script_src: str, default_visits: int = 4, max_visits: int = 52,
                          lang: str = "en") -> str:
    """The cost estimator, on one line of phrasing elements so it can sit in a paragraph. It is
    never put in a content tab: a reader who picked another tab would not see it (issue 12). Its
    instructions are inside it, so they are hidden with it (without JavaScript, and in print).

    The figures ride in data- attributes; the script at script_src (assets/javascripts/estimator.js,
    loaded only on pages with an estimator) does the sum, and writes its result in the page's
    language (<html lang>). The estimator is hidden until that script runs, so readers without
    JavaScript see only the static tables.
    """
    words = phrases(lang)
    initial, follow_up = format_money(costs.initial_visit), format_money(costs.follow_up)
    return (
        f'<span class="cost-estimator" data-initial="{costs.initial_visit}" data-follow-up="{costs.follow_up}" hidden>'
        f'<span class="estimator-intro">{words.estimator_intro}</span> '
        f'<label for="estimator-visits">{words.estimator_label}</label> '
        f'<input id="estimator-visits" name="visits" type="number" inputmode="numeric" min="1" max="{max_visits}" '
        f'step="1" value="{default_visits}"> '
        f'<span class="estimator-result">{words.estimator_result} <output for="estimator-visits" aria-live="polite">'
        f"</output></span> "
        f'<span class="estimator-note">{words.estimator_note.format(initial=initial, follow_up=follow_up)}</span></span>'
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

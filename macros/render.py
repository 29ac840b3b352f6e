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


def format_range(price: PriceRange, lang: str = "en") -> str:
    """$70 to $150; in Spanish, de $70 a $150 (US Spanish writes dollars as US English does)."""
    if lang == "es":
        return f"de {format_money(price.low)} a {format_money(price.high)}"
    return f"{format_money(price.low)} to {format_money(price.high)}"


def render_price(costs: Costs, name: str, lang: str = "en") -> str:
    """One figure from the cost data, for use inside a sentence."""
    if name not in PRICE_NAMES:
        raise ValueError(f'price("{name}") is not a known price; use one of: {", ".join(PRICE_NAMES)}')
    value = getattr(costs, name)
    return format_range(value, lang) if isinstance(value, PriceRange) else format_money(value)


def format_date(day) -> str:
    return f"{day.day} {day:%B %Y}"


def render_cost_table(costs: Costs, citation: str, publisher: str) -> str:
    """The price table on the cost page, saying where its figures come from and how old they are."""
    rows = [
        ("A private acupuncture session", f"{format_range(costs.private_session)}"),
        ("A first acupuncture visit, without insurance", f"About {format_money(costs.initial_visit)}"),
        ("A follow-up acupuncture visit", f"About {format_money(costs.follow_up)} on average"),
        ("Dry needling by a physical therapist", costs.dry_needling_billing),
    ]
    return "\n".join([
        f"Typical prices in {costs.region}. The first-visit and follow-up figures are for paying "
        f"without insurance. They come from a {costs.study_year} study, as {publisher} reported it in "
        f"{costs.report_year}.{citation} The range for a private session comes from the clinic's article. "
        "Prices may be higher now.",
        "",
        "| What you pay for | Typical cost |",
        "| --- | --- |",
        *(f"| {what} | {cost} |" for what, cost in rows),
        "",
        f"Checked on {format_date(costs.checked)}: the day an editor last compared these figures with "
        "their sources. It is not the date of the prices.",
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


def render_citation(number: int, source: Source, href: str, lang: str = "en") -> str:
    """A numbered citation mark linking to the source on the sources page."""
    word = "Fuente" if lang == "es" else "Source"
    return f'<sup class="citation">[[{number}]]({href} "{word} {number}: {source.publisher}, {source.title}")</sup>'


def render_sources_page(sources: tuple[Source, ...], citing: dict[str, tuple[str, ...]],
                        page_titles: dict[str, str], from_page: str) -> str:
    """The list of sources, each with its address and the day it was read, and the pages citing it."""
    parts = []
    for number, source in enumerate(sources, start=1):
        if source.url:
            where = (f"Published by {source.publisher}, at [{source.url}]({source.url}). "
                     f"We read this page on {format_date(source.read_on)}.")
        else:
            where = (f"Published by {source.publisher}, on {source.site}. The clinic's article named this "
                     "source without a web address, and we have not found its exact page. So we cannot "
                     "check which facts it supports: where the guide cites it, the sentence says the fact "
                     "comes from the clinic's article.")
        pages = citing.get(source.id, ())
        cited_on = ", ".join(f"[{page_titles.get(p, p)}]({relative_link(from_page, p)})" for p in pages)
        parts += [
            f"## {number}. {source.publisher}: {source.title} {{ #{source.id} }}",
            "",
            where,
            "",
            f"Cited on: {cited_on}." if cited_on else "Not cited on any page yet.",
            "",
        ]
    return "\n".join(parts).rstrip() + "\n"


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


# --- Spanish (theme.language "es", mkdocs.es.yml) ------------------------------------------
# The English functions above stay as they are; these write the same figures in US Spanish.
# Dollars are written as US Spanish readers see them in the US: $80, $79.50, de $70 a $150.

MONTHS_ES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
             "octubre", "noviembre", "diciembre")

# The Spanish for the text (not figures) of data/costs.yml and data/clinic.yml. When an editor changes
# the English text in data/costs.yml, the Spanish pages show the new English text until its Spanish
# is added here (guide/translations.py lists it as a notice).
DATA_TEXT_ES = {
    "the United States": "Estados Unidos",
    "Billed as part of a physical therapy session, or paid on its own as a cash service.":
        "Se cobra como parte de una sesión de fisioterapia, o se paga aparte, de su bolsillo.",
    # data/clinic.yml
    "integrative pain treatments": "tratamientos integrales para el dolor",
}


def spanish_text(text: str) -> str:
    """The Spanish of a text from data/costs.yml, or the text itself when none is known yet."""
    return DATA_TEXT_ES.get(text, text)


def format_date_es(day) -> str:
    """27 de noviembre de 2026."""
    return f"{day.day} de {MONTHS_ES[day.month - 1]} de {day.year}"


def _sort_key(term: str) -> str:
    """Alphabetical order that puts "ácido" with the a's (Spanish terms carry accents)."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", term.lower()) if not unicodedata.combining(c))


def render_cost_table_es(costs: Costs, citation: str, publisher: str) -> str:
    """The price table on the Spanish cost page, saying where its figures come from and how old they are."""
    rows = [
        ("Una sesión privada de acupuntura", format_range(costs.private_session, "es")),
        ("Una primera visita de acupuntura, sin seguro", f"Unos {format_money(costs.initial_visit)}"),
        ("Una visita de seguimiento de acupuntura", f"Unos {format_money(costs.follow_up)} en promedio"),
        ("Punción seca con un fisioterapeuta", spanish_text(costs.dry_needling_billing)),
    ]
    return "\n".join([
        f"Precios comunes en {spanish_text(costs.region)}. Los precios de la primera visita y de las visitas "
        f"de seguimiento son sin seguro. Vienen de un estudio de {costs.study_year}, según lo contó {publisher} "
        f"en {costs.report_year}.{citation} El rango de una sesión privada viene del artículo de la clínica. "
        "Hoy los precios pueden ser más altos.",
        "",
        "| Lo que paga | Costo común |",
        "| --- | --- |",
        *(f"| {what} | {cost} |" for what, cost in rows),
        "",
        f"Revisado el {format_date_es(costs.checked)}: el día en que alguien comparó por última vez estas "
        "cifras con sus fuentes. No es la fecha de los precios.",
    ])


def render_course_estimate_es(costs: Costs) -> str:
    """The Spanish table estimating a course of treatment: a first visit plus a few follow-ups."""
    rows = [
        f"| Una primera visita y {n} {'visita' if n == 1 else 'visitas'} de seguimiento ({n + 1} visitas en total) "
        f"| Unos {format_money(course_total(costs, n))} |"
        for n in costs.estimate_follow_ups
    ]
    return "\n".join([
        f"Costo estimado de un tratamiento de acupuntura en {spanish_text(costs.region)}, sin seguro: "
        f"el precio de la primera visita, {format_money(costs.initial_visit)}, más "
        f"{format_money(costs.follow_up)} por cada visita de seguimiento. Es un cálculo, no un presupuesto: "
        "pida a la clínica sus propios precios.",
        "",
        "| Tratamiento | Total estimado |",
        "| --- | --- |",
        *rows,
    ])


def render_cost_estimator_es(costs: Costs, script_src: str, default_visits: int = 4, max_visits: int = 52) -> str:
    """The Spanish cost estimator: the same element as render_cost_estimator, in Spanish.
    estimator.js writes its result in the page's language (<html lang>)."""
    return (
        f'<span class="cost-estimator" data-initial="{costs.initial_visit}" data-follow-up="{costs.follow_up}" hidden>'
        f'<label for="estimator-visits">Número de visitas, contando la primera</label> '
        f'<input id="estimator-visits" name="visits" type="number" inputmode="numeric" min="1" max="{max_visits}" '
        f'step="1" value="{default_visits}"> '
        f'<span class="estimator-result">Total estimado: <output for="estimator-visits" aria-live="polite">'
        f"</output></span> "
        f'<span class="estimator-note">Es un cálculo, no un presupuesto: una primera visita de '
        f"{format_money(costs.initial_visit)} más {format_money(costs.follow_up)} por cada visita de seguimiento, "
        f"sin seguro. Los precios de su clínica pueden ser otros.</span></span>"
        f'<script src="{script_src}" defer></script>'
    )


def render_sources_page_es(sources: tuple[Source, ...], citing: dict[str, tuple[str, ...]],
                           page_titles: dict[str, str], from_page: str) -> str:
    """The Spanish list of sources, each with the pages that cite it (titles stay in English:
    the sources are English pages)."""
    parts = []
    for number, source in enumerate(sources, start=1):
        where = f"[{source.site}]({source.url})" if source.url else source.site
        pages = citing.get(source.id, ())
        cited_on = ", ".join(f"[{page_titles.get(p, p)}]({relative_link(from_page, p)})" for p in pages)
        parts += [
            f"## {number}. {source.publisher}: {source.title} {{ #{source.id} lang=en }}",
            "",
            f"Publicado por {source.publisher}, en {where}. Está en inglés.",
            "",
            f"Se cita en: {cited_on}." if cited_on else "Todavía no se cita en ninguna página.",
            "",
        ]
    return "\n".join(parts).rstrip() + "\n"

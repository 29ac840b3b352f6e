"""The words of the guide's generated parts, in each language: the cost table, the course estimate,
the cost estimator, citations and the sources page. macros/render.py puts the figures into them.

One Phrases per language, with the same fields, so a generated part says the same thing in both
editions: a field missing in one language is an error when this module is imported, not a gap on
a page. `{name}` marks where render.py puts a figure or a text from data/ (already escaped for
Markdown by macros/escaping.py). Dollars are written as US Spanish readers see them in the US:
$80, $79.50, de $70 a $150.
"""
from __future__ import annotations

from dataclasses import dataclass

MONTHS_ES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
             "octubre", "noviembre", "diciembre")


@dataclass(frozen=True)
class Phrases:
    language: str
    date: str                   # "{day} {month} {year}"; month names from `months`
    months: tuple[str, ...]
    range: str                  # a price range
    # The cost table (data/costs.yml)
    table_intro: str
    table_header: tuple[str, str]
    private_session: str
    initial_visit: tuple[str, str]      # (what, cost)
    follow_up: tuple[str, str]
    dry_needling: str
    checked: str
    # The course estimate
    course_intro: str
    course_header: tuple[str, str]
    course_row: str
    visit: tuple[str, str]              # (one, more than one)
    about: str
    # The cost estimator
    estimator_intro: str
    estimator_label: str
    estimator_result: str
    estimator_note: str
    # Citations and the sources page
    source: str
    source_with_address: str
    source_without_address: str
    cited_on: str
    not_cited: str
    heading_attributes: str             # extra attributes of each source's heading


ENGLISH = Phrases(
    language="en",
    date="{day} {month} {year}",
    months=("January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December"),
    range="{low} to {high}",
    table_intro=("Typical prices in {region}. The first-visit and follow-up figures are for paying without "
                 "insurance. They come from a {study_year} study, as {publisher} reported it in "
                 "{report_year}.{citation} The range for a private session comes from the clinic's article. "
                 "Prices may be higher now."),
    table_header=("What you pay for", "Typical cost"),
    private_session="A private acupuncture session",
    initial_visit=("A first acupuncture visit, without insurance", "About {amount}"),
    follow_up=("A follow-up acupuncture visit", "About {amount} on average"),
    dry_needling="Dry needling by a physical therapist",
    checked=("Checked on {date}: the day an editor last compared these figures with their sources. "
             "It is not the date of the prices."),
    course_intro=("Estimated cost of a course of acupuncture in {region}, without insurance: the first-visit "
                  "price of {initial} plus {follow_up} for each follow-up visit. This is an estimate, not a "
                  "quote: ask the clinic for its own prices."),
    course_header=("Course of treatment", "Estimated total"),
    course_row="A first visit and {n} follow-up {visits} ({total} visits in all)",
    visit=("visit", "visits"),
    about="About {amount}",
    estimator_intro=("Enter how many visits you expect. Your practitioner can tell you how many they suggest. "
                     "The sum uses the acupuncture prices above."),
    estimator_label="Number of visits, counting the first one",
    estimator_result="Estimated total:",
    estimator_note=("This is an estimate, not a quote: a first visit at {initial} plus {follow_up} for each "
                    "follow-up, without insurance. Your clinic's prices may differ."),
    source="Source",
    source_with_address="Published by {publisher}, at [{url}]({url}). We read this page on {read_on}.",
    source_without_address=(
        "Published by {publisher}, on {site}. The clinic's article named this source without a web address, "
        "and we have not found its exact page. So we cannot check which facts it supports: where the guide "
        "cites it, the sentence says the fact comes from the clinic's article."),
    cited_on="Cited on: {pages}.",
    not_cited="Not cited on any page yet.",
    heading_attributes="",
)

SPANISH = Phrases(
    language="es",
    date="{day} de {month} de {year}",
    months=MONTHS_ES,
    range="de {low} a {high}",
    table_intro=("Precios comunes en {region}. Los precios de la primera visita y de las visitas de "
                 "seguimiento son sin seguro. Vienen de un estudio de {study_year}, según lo contó {publisher} "
                 "en {report_year}.{citation} El rango de una sesión privada viene del artículo de la clínica. "
                 "Hoy los precios pueden ser más altos."),
    table_header=("Lo que paga", "Costo común"),
    private_session="Una sesión privada de acupuntura",
    initial_visit=("Una primera visita de acupuntura, sin seguro", "Unos {amount}"),
    follow_up=("Una visita de seguimiento de acupuntura", "Unos {amount} en promedio"),
    dry_needling="Punción seca con un fisioterapeuta",
    checked=("Revisado el {date}: el día en que alguien comparó por última vez estas cifras con sus "
             "fuentes. No es la fecha de los precios."),
    course_intro=("Costo estimado de un tratamiento de acupuntura en {region}, sin seguro: el precio de la "
                  "primera visita, {initial}, más {follow_up} por cada visita de seguimiento. Es un cálculo, "
                  "no un presupuesto: pida a la clínica sus propios precios."),
    course_header=("Tratamiento", "Total estimado"),
    course_row="Una primera visita y {n} {visits} de seguimiento ({total} visitas en total)",
    visit=("visita", "visitas"),
    about="Unos {amount}",
    estimator_intro=("Escriba cuántas visitas cree que va a tener. Su profesional le puede decir cuántas "
                     "sugiere. La suma usa los precios de acupuntura de arriba."),
    estimator_label="Número de visitas, contando la primera",
    estimator_result="Total estimado:",
    estimator_note=("Es un cálculo, no un presupuesto: una primera visita de {initial} más {follow_up} por "
                    "cada visita de seguimiento, sin seguro. Los precios de su clínica pueden ser otros."),
    source="Fuente",
    source_with_address=("Publicado por {publisher}, en [{url}]({url}). Está en inglés. Leímos esta página "
                         "el {read_on}."),
    source_without_address=(
        "Publicado por {publisher}, en {site}. Está en inglés. El artículo de la clínica nombró esta fuente "
        "sin dirección web, y no hemos encontrado su página. Por eso no podemos comprobar qué datos "
        "respalda: donde la guía la cita, la frase dice que el dato viene del artículo de la clínica."),
    cited_on="Se cita en: {pages}.",
    not_cited="Todavía no se cita en ninguna página.",
    heading_attributes=" lang=en",  # the sources' titles are English
)

PHRASES = {p.language: p for p in (ENGLISH, SPANISH)}

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


def phrases(lang: str) -> Phrases:
    """The phrases of an edition's language; a language the guide has no phrases for is a
    developer's mistake (a new edition), named here."""
    try:
        return PHRASES[lang]
    except KeyError:
        raise ValueError(f"macros/phrases.py has no phrases for the language {lang!r}: add a Phrases for it") from None

"""mkdocs-macros entry point: load and check the data once, then register the macros.

Models and loading live in models.py, citations in citations.py, rendering in render.py.
The same file works under Zensical's macros extension, which calls define_env for each page.
"""
from __future__ import annotations

import sys
from pathlib import Path

import jinja2

# Zensical loads this file on its own, not as a package, so relative imports fail there; with the
# project folder on the path, the absolute imports below work under both MkDocs and Zensical.
if str(Path(__file__).resolve().parent.parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

try:
    from mkdocs.exceptions import PluginError  # MkDocs prints its message without a traceback
except ImportError:  # Zensical builds without MkDocs installed
    class PluginError(Exception):
        """A mistake in the guide's files that stops the build."""

from macros.content import HANDOUT_PAGE, load_guide
from guide.front_matter import validate_front_matter
from macros.models import GuideDataError
from macros.render import (data_text, handout_section, relative_link, render_citation,
                           render_cost_estimator, render_cost_table, render_course_estimate,
                           render_glossary, render_price, render_sources_page)

SOURCES_PAGE = "sources.md"
# What a page may write inside {{ }}: the build's first step (guide/check_sources.py) refuses any
# other name, with the page's line, before the engine runs. define_env registers exactly these.
MACRO_NAMES = ("cite", "price", "cost_table", "cost_estimator", "course_estimate", "glossary_list",
               "sources_list", "page_count", "whole_guide", "spanish")
VARIABLE_NAMES = ("clinic", "costs")
# Each edition's glossary: English in includes/glossary.md, Spanish in includes/glossary.es.md.
GLOSSARY_FILES = {"en": "includes/glossary.md", "es": "includes/glossary.es.md"}


def language(conf) -> str:
    """The edition being built: theme.language in mkdocs.yml ("en") or mkdocs.es.yml ("es")."""
    theme = conf.get("theme") or {}
    lang = theme.get("language") if hasattr(theme, "get") else getattr(theme, "language", None)
    return lang if lang in GLOSSARY_FILES else "en"


def define_env(env) -> None:
    project = Path(env.project_dir)
    docs_dir = project / env.conf["docs_dir"]  # absolute under MkDocs, relative under Zensical
    lang = language(env.conf)
    try:
        guide = load_guide(project, docs_dir, GLOSSARY_FILES[lang])
    except GuideDataError as err:
        raise PluginError(str(err)) from None
    data, glossary, citing = guide.data, guide.glossary, guide.citing
    titles = nav_titles(env.conf.get("nav") or [])
    # Read by on_pre_page_macros below: the sources each page cites, for its structured data.
    env.variables["_cited_works_by_page"] = guide.cited_works_by_page
    env.variables["clinic"] = data.clinic
    env.variables["_clinic_contact_href"] = data.clinic.contact_href
    env.variables["costs"] = data.costs

    def this_page() -> str:
        return page_path(env.page)

    def cite(source_id: str) -> str:
        """A numbered link to a source on the sources page: {{ cite("source-id") }}."""
        number = data.source_number(source_id)
        if number is None:
            raise PluginError(f'docs/{this_page()}: it cites a source "{source_id}" that is not in data/sources.yml')
        href = relative_link(this_page(), SOURCES_PAGE, source_id)
        return render_citation(number, data.sources[number - 1], href, lang)

    def price(name: str) -> str:
        """One figure from data/costs.yml for a sentence: {{ price("follow_up") }}."""
        return render_price(data.costs, name, lang)

    def cost_table() -> str:
        """The price table from data/costs.yml, with its source cited."""
        source = data.sources[data.source_number(data.costs.source) - 1]
        return render_cost_table(data.costs, cite(data.costs.source), source.publisher, lang)

    def cost_estimator() -> str:
        """The interactive estimate (first visit plus follow-ups), from data/costs.yml."""
        return render_cost_estimator(data.costs, asset_url(env.page, "assets/javascripts/estimator.js"), lang=lang)

    def course_estimate() -> str:
        """The estimated cost of a first visit plus a few follow-ups, from data/costs.yml."""
        return render_course_estimate(data.costs, lang)

    def glossary_list() -> str:
        """Every term of includes/glossary.md with its meaning, for the glossary page."""
        return render_glossary(glossary)

    def sources_list() -> str:
        """The sources, numbered, each with the pages that cite it."""
        return render_sources_page(data.sources, citing, titles, this_page(), lang)

    def page_count() -> int:
        """How many pages the guide's menu lists, counted at build time (for the accessibility page)."""
        return len(titles)

    def whole_guide() -> str:
        """Every page of the guide, in navigation order, as one printable page."""
        # Each page is rendered with the same names the page itself is rendered with (mkdocs-macros'
        # variables and macros, under MkDocs and Zensical alike); a failure names that page.
        jinja = jinja2.Environment(undefined=jinja2.StrictUndefined)
        names = {**dict(env.variables), **dict(env.macros), **guide_macros}
        sections = []
        for page in titles:
            if page == HANDOUT_PAGE:
                continue
            source = handout_section((docs_dir / page).read_text(encoding="utf-8"))
            try:
                sections.append(jinja.from_string(source).render(names))
            except Exception as err:  # noqa: BLE001 - reported with the page it came from
                raise PluginError(f"docs/{page}: this page cannot be added to the printable handout ({err}). "
                                  "What to do: build the page on its own first (make site names the line), "
                                  "then build again") from None
        return "\n\n".join(sections)

    def spanish(text: str) -> str:
        """The Spanish of a text from data/*.yml, for the Spanish pages: {{ spanish(clinic.offers) }}.
        Until its Spanish is added (DATA_TEXT_ES in macros/phrases.py), the text shows as it is."""
        return data_text(str(text), "es")

    guide_macros = {f.__name__: f for f in (cite, price, cost_table, cost_estimator, course_estimate,
                                            glossary_list, sources_list, page_count, whole_guide, spanish)}
    assert tuple(guide_macros) == MACRO_NAMES, "MACRO_NAMES must list the macros define_env registers"
    for function in guide_macros.values():
        env.macro(function)


def on_pre_page_macros(env) -> None:
    """Give the page template what it shows beyond the text: the works this page cites and its
    reviewer (schema.org JSON-LD), and the clinic's contact for the feedback link at its foot.
    The front matter is read through the build's one model (guide/front_matter.py), which step 1
    has already checked; under a live preview this catches an edit made since."""
    page = env.page
    where = f"{Path(env.conf['docs_dir']).name}/{page_path(page)}"
    try:
        meta = validate_front_matter(page.file.content_string, where)
    except GuideDataError as err:
        raise PluginError(str(err)) from None
    page.meta["cited_works"] = env.variables["_cited_works_by_page"].get(page_path(page), [])
    page.meta["reviewed_by_ld"] = meta.reviewed_by_ld()
    page.meta["clinic_contact_href"] = env.variables["_clinic_contact_href"]
    page.meta["clinic_contact_is_email"] = str(env.variables["_clinic_contact_href"]).startswith("mailto:")
    if language(env.conf) == "es":
        env.markdown = with_behind_notice(env.markdown, env.page, Path(env.project_dir))


def with_behind_notice(markdown: str, page, project: Path) -> str:
    """The Spanish page's Markdown, with guide/translations.py's notice under its title when the
    English page (docs/ with the same name) changed after the translation (front matter
    translation_of). Shown again until an editor updates translation_of."""
    from guide.translations import ENGLISH_DIR, behind_notice, is_behind

    english = project / ENGLISH_DIR / page_path(page)
    meta = page.meta or {}
    if not english.is_file() or not is_behind(english.read_bytes(), meta):
        return markdown
    # The same page in English: one folder up from the Spanish edition (/es/), same address.
    notice = behind_notice(meta.get("translated"), asset_url(page, "../" + page.url))
    lines = markdown.split("\n")
    title = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
    if title is None:
        return notice + "\n" + markdown
    return "\n".join([*lines[:title + 1], "", notice, *lines[title + 1:]])


def asset_url(page, asset: str) -> str:
    """The address of a file in docs/ relative to a page's built address ("aftercare/" or
    "aftercare.html"), so it works on any host and from file://."""
    return "../" * page.url.count("/") + asset


def page_path(page) -> str:
    """The page's file inside docs/, such as "aftercare.md" (MkDocs and Zensical pages differ)."""
    file = getattr(page, "file", None)
    return file.src_uri if file is not None else page.path


def nav_titles(nav: list) -> dict[str, str]:
    """Page path -> title, from the navigation (MkDocs' `nav` config or Zensical's resolved tree)."""
    titles: dict[str, str] = {}
    for item in nav:
        if isinstance(item, str):
            titles[item] = item
        elif "url" in item and "title" in item:  # Zensical: {"title", "url", "children", ...}
            if item["url"]:
                titles[item["url"]] = item["title"]
            titles.update(nav_titles(item.get("children") or []))
        else:  # MkDocs: {"Title": "page.md"} or {"Section": [...]}
            for title, target in item.items():
                titles.update({target: title} if isinstance(target, str) else nav_titles(target))
    return titles

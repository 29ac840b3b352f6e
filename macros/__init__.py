"""mkdocs-macros entry point: load and check the data once, then register the macros.

Models and loading live in models.py, citations in citations.py, rendering in render.py.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from .citations import check_citations, find_citations, pages_citing
from .models import GuideDataError, load_glossary, load_guide_data
from .render import (render_citation, render_cost_table, render_course_estimate, render_price,
                     render_glossary, render_sources_page, relative_link, cited_works,
                     render_cost_estimator, handout_section)

SOURCES_PAGE = "sources.md"
HANDOUT_PAGE = "print.md"
GLOSSARY_FILE = "includes/glossary.md"


def define_env(env) -> None:
    project = Path(env.project_dir)
    docs_dir = Path(env.conf["docs_dir"])
    try:
        data = load_guide_data(project / "data")
        glossary = load_glossary(project / GLOSSARY_FILE)
        citations = find_citations(docs_dir)
        check_citations(citations, data, docs_dir.name, Path("data/sources.yml"))
    except GuideDataError as err:
        raise PluginError(str(err)) from None
    citing = pages_citing(citations)
    titles = _nav_titles(env.conf.get("nav") or [])

    sources_by_page: dict[str, list] = {}
    for source in data.sources:
        for page in citing.get(source.id, ()):
            sources_by_page.setdefault(page, []).append(source)
    # Read by on_pre_page_macros below: the sources each page cites, for its structured data.
    sources_by_page[HANDOUT_PAGE] = list(data.sources)  # the handout holds every page's citations
    env.variables["cited_works_by_page"] = {page: cited_works(tuple(s)) for page, s in sources_by_page.items()}

    env.variables["clinic"] = data.clinic
    env.variables["costs"] = data.costs

    def this_page() -> str:
        return env.page.file.src_uri

    def cite_mark(source_id: str) -> str:
        number = data.source_number(source_id)
        if number is None:
            raise PluginError(f'docs/{this_page()}: it cites a source "{source_id}" that is not in data/sources.yml')
        href = relative_link(this_page(), SOURCES_PAGE, source_id)
        return render_citation(number, data.sources[number - 1], href)

    @env.macro
    def cite(source_id: str) -> str:
        """A numbered link to a source on the sources page: {{ cite("source-id") }}."""
        return cite_mark(source_id)

    @env.macro
    def price(name: str) -> str:
        """One figure from data/costs.yml for a sentence: {{ price("follow_up") }}."""
        return render_price(data.costs, name)

    @env.macro
    def cost_table() -> str:
        """The price table from data/costs.yml, with its source cited."""
        return render_cost_table(data.costs, cite_mark(data.costs.source))

    @env.macro
    def cost_estimator() -> str:
        """The interactive estimate (first visit plus follow-ups), from data/costs.yml."""
        return render_cost_estimator(data.costs)

    @env.macro
    def course_estimate() -> str:
        """The estimated cost of a first visit plus a few follow-ups, from data/costs.yml."""
        return render_course_estimate(data.costs)

    handout_pages = [page for page in titles if page != HANDOUT_PAGE]

    @env.macro
    def whole_guide() -> str:
        """Every page of the guide, in navigation order, as one printable page."""
        sections = []
        for page in handout_pages:
            markdown = handout_section((docs_dir / page).read_text(encoding="utf-8"))
            sections.append(env.render(markdown, force_rendering=True))
        return "\n\n".join(sections)

    @env.macro
    def glossary_list() -> str:
        """Every term of includes/glossary.md with its meaning, for the glossary page."""
        return render_glossary(glossary)

    @env.macro
    def sources_list() -> str:
        """The sources, numbered, each with the pages that cite it."""
        return render_sources_page(data.sources, citing, titles, this_page())


def on_pre_page_macros(env) -> None:
    """Give the page template the works this page cites, for its schema.org JSON-LD."""
    env.page.meta["cited_works"] = env.variables["cited_works_by_page"].get(env.page.file.src_uri, [])


def _nav_titles(nav: list) -> dict[str, str]:
    """Page path -> title, from the nav in mkdocs.yml (nested sections included)."""
    titles: dict[str, str] = {}
    for item in nav:
        if isinstance(item, dict):
            for title, target in item.items():
                if isinstance(target, str):
                    titles[target] = title
                else:
                    titles.update(_nav_titles(target))
    return titles

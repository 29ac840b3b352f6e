"""The guide's content as the macros see it: loaded, checked and escaped once, then cached.

mkdocs-macros calls define_env once a build; Zensical calls it for every page. Both get the same
frozen Guide from load_guide(), which reads the files again only when one of them has changed
(as under `make serve`).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from macros.citations import Citation, check_citations, find_citations, pages_citing
from macros.escaping import escaped
from macros.models import GlossaryEntry, GuideData, load_glossary, load_guide_data
from macros.render import cited_works

HANDOUT_PAGE = "print.md"
GLOSSARY_FILE = "includes/glossary.md"


@dataclass(frozen=True)
class Guide:
    raw: GuideData                      # as typed: for the structured data (escaped by `tojson`)
    data: GuideData                     # escaped for the Markdown it lands in (macros/escaping.py)
    glossary: tuple[GlossaryEntry, ...]  # escaped too
    citations: tuple[Citation, ...]
    citing: dict[str, tuple[str, ...]]  # source id -> the pages that cite it
    cited_works_by_page: dict[str, list[dict]]


def load_guide(project: Path, docs_dir: Path, glossary_file: str = GLOSSARY_FILE) -> Guide:
    """The guide's content (with the glossary of the edition being built); a GuideError (file,
    line, fix) when a file is wrong."""
    return _load(project.resolve(), docs_dir.resolve(), glossary_file,
                 _fingerprint(project, docs_dir, glossary_file))


def _fingerprint(project: Path, docs_dir: Path, glossary_file: str) -> tuple:
    files = [*sorted((project / "data").glob("*.yml")), project / glossary_file, *sorted(docs_dir.rglob("*.md"))]
    return tuple((str(f), f.stat().st_mtime_ns) for f in files if f.exists())


@lru_cache(maxsize=4)
def _load(project: Path, docs_dir: Path, glossary_file: str, fingerprint: tuple) -> Guide:
    raw = load_guide_data(project / "data")
    glossary = load_glossary(project / glossary_file)
    citations = find_citations(docs_dir)
    check_citations(citations, raw, docs_dir.name, Path("data/sources.yml"),
                    every_source_cited=glossary_file == GLOSSARY_FILE)  # the English edition
    citing = pages_citing(citations)
    by_page: dict[str, list] = {}
    for source in raw.sources:
        for page in citing.get(source.id, ()):
            by_page.setdefault(page, []).append(source)
    by_page[HANDOUT_PAGE] = list(raw.sources)  # the handout holds every page's citations
    return Guide(raw=raw, data=escaped(raw), glossary=escaped(glossary), citations=citations, citing=citing,
                 cited_works_by_page={page: cited_works(tuple(s)) for page, s in by_page.items()})

"""Which page cites which source, read from the Markdown before any page is rendered.

The sources page lists, under each source, the pages that cite it. MkDocs renders the pages
one by one, so the sources page cannot wait to see the others: the citations are read from the
page files up front, which also lets a wrong id be reported with its file and line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .models import GuideData, GuideDataError

CITE_CALL = re.compile(r"""\bcite\(\s*(?P<quote>["'])(?P<id>.*?)(?P=quote)\s*\)""")


@dataclass(frozen=True)
class Citation:
    page: str  # the page's path inside docs/, such as "aftercare.md"
    line: int
    source_id: str


def find_citations(docs_dir: Path) -> tuple[Citation, ...]:
    """Every {{ cite("...") }} in the Markdown pages under docs_dir, in page order."""
    found = []
    for path in sorted(docs_dir.rglob("*.md")):
        page = path.relative_to(docs_dir).as_posix()
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            found.extend(Citation(page, number, m["id"]) for m in CITE_CALL.finditer(text))
    return tuple(found)


def check_citations(citations: tuple[Citation, ...], data: GuideData, docs_name: str, sources_file: Path,
                    every_source_cited: bool = True) -> None:
    """Fail on a citation of an unknown source, and (in the first edition, whose pages an editor
    writes first) on a source that no page cites. A translation may cite a new source later."""
    known = [s.id for s in data.sources]
    for c in citations:
        if c.source_id not in known:
            raise GuideDataError(f"{docs_name}/{c.page}", c.line, f'it cites a source "{c.source_id}" that is not in {sources_file}',
                                 f"Use one of these ids: {', '.join(known)}; or add the source to {sources_file}")
    if not every_source_cited:
        return
    cited = {c.source_id for c in citations}
    for number, source in enumerate(data.sources):
        if source.id not in cited:
            raise GuideDataError(sources_file, _line_of_id(sources_file, source.id),
                                 f'the source "{source.id}" is not cited on any page',
                                 f'Cite it where it supports the text, with {{{{ cite("{source.id}") }}}}, or remove it from this file')


def pages_citing(citations: tuple[Citation, ...]) -> dict[str, tuple[str, ...]]:
    """For each source id, the pages that cite it, each once, in page order."""
    result: dict[str, list[str]] = {}
    for c in citations:
        pages = result.setdefault(c.source_id, [])
        if c.page not in pages:
            pages.append(c.page)
    return {source_id: tuple(pages) for source_id, pages in result.items()}


def _line_of_id(sources_file: Path, source_id: str) -> int | None:
    for number, text in enumerate(sources_file.read_text(encoding="utf-8").splitlines(), start=1):
        if re.match(rf"""^\s*-?\s*id:\s*["']?{re.escape(source_id)}["']?\s*(#.*)?$""", text):
            return number
    return None

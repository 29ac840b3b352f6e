"""Questions readers ask, and the page that answers each: what the search learns from (issue 12).

data/reader_questions.yml (English) and data/reader_questions.es.yml (Spanish) list questions
worded as readers ask them, each with the page (or pages) that answers it. Editors add one when a
reader's question lands on the wrong page first.

- `load_reader_questions(path, name)` reads a file and checks it: a mistake raises
  ReaderQuestionsError (file, line, problem, what to do). The source checks call it, so
  `make check` and every build catch a broken file before the engine runs.
- `add_reader_questions(site_dir, questions, name)` puts them in the built search index, in both
  builds, as `config.guide_questions` ({page location: [questions]}); a page that does not exist
  is refused there, with the line. docs/assets/javascripts/search-query.js reads them when search
  starts: among the pages that use the reader's words, those that answered questions like theirs
  move up (up to three times their place; BENCHMARKS.md has the figures). The questions are only ever
  split into words there, never put into a page.

The index is changed after the engine has built the site and before the Content-Security-Policy
and verification steps, beside guide/search_terms.py; both are pure functions of the built folder
and a data file.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from guide.errors import GuideError
from guide.search_terms import INDEX_JS, INDEX_JSON, read_index, write_index

LONGEST = 200  # characters: a question, not a paragraph
LAYOUT = "'- question: how much does dry needling cost' and, under it, '  pages: [booking-and-cost.md]'"


class ReaderQuestionsError(GuideError):
    """A mistake in data/reader_questions*.yml: 'file, line N: problem. What to do: fix'."""


@dataclass(frozen=True)
class ReaderQuestion:
    question: str
    pages: tuple[str, ...]  # file names in the edition's docs folder: "aftercare.md"
    line: int


def _fail(name: str, line: int | None, problem: str, fix: str):
    raise ReaderQuestionsError(name, line, problem, fix)


def load_reader_questions(path: Path, name: str = "data/reader_questions.yml") -> tuple[ReaderQuestion, ...]:
    """The questions of one file, checked; () for an empty file."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        _fail(name, mark.line + 1 if mark else None, f"this is not valid YAML ({getattr(e, 'problem', e)})",
              f"copy the layout of the entries above: {LAYOUT}")
    if root is None:
        return ()
    if not isinstance(root, yaml.SequenceNode):
        _fail(name, root.start_mark.line + 1, "the file must be a list of questions", f"write each one as {LAYOUT}")
    questions: list[ReaderQuestion] = []
    seen: dict[str, int] = {}
    for entry in root.value:
        line = entry.start_mark.line + 1
        fields = {k.value: v for k, v in entry.value} if isinstance(entry, yaml.MappingNode) else None
        if fields is None or set(fields) - {"question", "pages"}:
            _fail(name, line, "this entry is not a question with its pages", f"write it as {LAYOUT}")
        text = fields.get("question")
        if not isinstance(text, yaml.ScalarNode) or not text.value.strip():
            _fail(name, line, "this entry has no question", "write the reader's question after 'question: '")
        question = " ".join(text.value.split())
        if len(question) > LONGEST:
            _fail(name, line, f"the question is {len(question)} characters long (at most {LONGEST})",
                  "keep to the question the reader typed")
        if not any(c.isalpha() for c in question):
            _fail(name, line, f"'{question}' has no words", "write the reader's question in words")
        pages = fields.get("pages")
        if not isinstance(pages, yaml.SequenceNode) or not pages.value or not all(
                isinstance(p, yaml.ScalarNode) and p.value.endswith(".md") and "/" not in p.value
                for p in pages.value):
            _fail(name, line, f"'{question}' does not name the page that answers it",
                  "under it, write '  pages: [aftercare.md]': the page's file name, or two in the brackets")
        key = question.casefold()
        if key in seen:
            _fail(name, line, f"'{question}' is listed twice (also on line {seen[key]})", "keep one of them")
        seen[key] = line
        questions.append(ReaderQuestion(question, tuple(p.value for p in pages.value), line))
    return tuple(questions)


def location(page: str, offline: bool = False) -> str:
    """A page's file name as the search index locates it: 'aftercare.md' -> 'aftercare/' (the
    offline copy's index: 'aftercare.html'); the home page is '' ('index.html')."""
    stem = page.removesuffix(".md")
    if offline:
        return f"{stem}.html"
    return "" if stem == "index" else f"{stem}/"


def with_reader_questions(index: dict, questions: tuple[ReaderQuestion, ...],
                          name: str = "data/reader_questions.yml") -> dict:
    """The index with `config.guide_questions` added: {page location: [questions]}."""
    offline = any(d.get("location", "").endswith(".html") for d in index.get("docs", []))
    pages = {d.get("location", "").split("#")[0] for d in index.get("docs", [])}
    by_page: dict[str, list[str]] = {}
    for q in questions:
        for page in q.pages:
            where = location(page, offline)
            if where not in pages:
                _fail(name, q.line, f"'{page}' is not a page the search covers",
                      "check the file name against the pages in docs/ (for the Spanish file, docs-es/)")
            by_page.setdefault(where, []).append(q.question)
    return {**index, "config": {**index.get("config", {}), "guide_questions": by_page}}


def add_reader_questions(site_dir: Path | str, questions_file: Path | str,
                         name: str = "data/reader_questions.yml") -> list[Path]:
    """Add the questions to every search index in the built folder; returns the files changed."""
    site_dir = Path(site_dir)
    questions = load_reader_questions(Path(questions_file), name)
    changed = []
    for index_name in (INDEX_JSON, INDEX_JS):
        path = site_dir / index_name
        if path.exists():
            write_index(path, with_reader_questions(read_index(path), questions, name))
            changed.append(path)
    return changed

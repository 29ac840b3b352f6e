"""The search question set (tests/search_questions.yml) asked in Chromium, as a reader asks it:
typed key by key into the real search box of a built guide, then the rank of the first page
that answers it read off the results list. Shared by tests/browser/test_search_quality.py (the
goal) and bench/search_quality.py (the figures in BENCHMARKS.md)."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

import yaml
from playwright.sync_api import expect

# The project whose pages and questions are asked: this checkout, or the edited copy GUIDE_PROJECT
# names (tests/conftest.py; the editor's-day test runs the suite against one).
ROOT = Path(os.environ["GUIDE_PROJECT"]).resolve() if os.environ.get("GUIDE_PROJECT") else Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "tests" / "search_questions.yml"
BOX = "input.md-search__input"
RESULTS = ".md-search-result__list > li.md-search-result__item"


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !ENV and !!python tags are not needed for the nav."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def nav_pages(config: Path = ROOT / "mkdocs.yml") -> set[str]:
    """The page files named in mkdocs.yml's nav."""
    found: set[str] = set()

    def walk(item):
        if isinstance(item, str) and item.endswith(".md"):
            found.add(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(yaml.load(config.read_text(encoding="utf-8"), Loader=_AnyTagLoader).get("nav", []))
    return found


@dataclass
class Question:
    text: str
    pages: list[str]


def load_questions(nav: set[str] | None = None, path: Path = QUESTIONS) -> tuple[list[Question], list[Question]]:
    """(questions to ask, questions skipped because none of their pages is in the nav)."""
    nav = nav_pages() if nav is None else nav
    asked, skipped = [], []
    for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
        q = Question(str(entry["q"]), list(entry["pages"]))
        (asked if any(p in nav for p in q.pages) else skipped).append(q)
    return asked, skipped


def page_of(href: str, base: str) -> str:
    """'http://127.0.0.1:8000/your-session/?h=x#y' or '.../your-session.html' -> 'your-session.md'."""
    path = unquote(urlparse(href).path)
    base_path = unquote(urlparse(base).path)
    rel = path[len(base_path):] if path.startswith(base_path) else path.lstrip("/")
    rel = rel.removesuffix("index.html").removesuffix(".html").strip("/")
    return (rel or "index") + ".md"


# Resolves once the question typed has been sent (more than `before` questions sent, when the
# guide's query script counts them: on a loaded machine Material can send it after `quiet`), every
# question sent has its results back (the worker can take longer than `quiet` too), and the
# results list has not changed for `quiet` ms since (Material answers each keystroke); at the
# latest after `limit` ms.
SENT = "() => window.GuideSearch && window.GuideSearch.sent ? window.GuideSearch.sent() : -1"
SETTLED = """([quiet, limit, before]) => new Promise(resolve => {
  const list = document.querySelector('.md-search-result__list');
  const sent = () => window.GuideSearch && window.GuideSearch.sent ? window.GuideSearch.sent() : -1;
  const waiting = () => (before >= 0 && sent() <= before) ||
    (window.GuideSearch && window.GuideSearch.waiting ? window.GuideSearch.waiting() : 0);
  let timer = setTimeout(settle, quiet);
  const stop = setTimeout(done, limit);
  const obs = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(settle, quiet); });
  obs.observe(list, {childList: true, subtree: true, characterData: true});
  function settle() { if (waiting()) timer = setTimeout(settle, 50); else done(); }
  function done() { obs.disconnect(); clearTimeout(timer); clearTimeout(stop); resolve(); }
})"""


def open_search(page, url: str) -> None:
    """Open a page of the guide and its search box; wait until the index is ready."""
    page.goto(url)
    page.locator(BOX).click()
    # Polled by Playwright's own script: a wait_for_function string would be eval'd in the page,
    # which the guide's CSP refuses whenever the first check does not already pass.
    expect(page.locator(".md-search-result__meta")).not_to_have_text(re.compile("Initializing", re.I),
                                                                     timeout=60_000)


def ask(page, question: str, whole: bool = False) -> list[str]:
    """Put the question into the open search box; the result pages' links, best first.

    Material searches on each key released (keyup) for the box's whole text, so the result for
    a question does not depend on how it got there: to keep 60 questions quick on a loaded
    machine, all but the last letter are put in at once (no search), and the last is typed
    (one search). whole=True types every letter, as a reader does."""
    box = page.locator(BOX)
    box.fill("")
    before = page.evaluate(SENT)
    if whole:
        box.press_sequentially(question)
    else:
        box.fill(question[:-1])
        box.press_sequentially(question[-1])
    page.evaluate(SETTLED, [300, 10_000, before])
    return page.eval_on_selector_all(RESULTS, "items => items.map(li => li.querySelector('a').href)")


def rank(hrefs: list[str], pages: list[str], base: str) -> int | None:
    """1 for the first result, None when no answering page is in the list."""
    for i, href in enumerate(hrefs, 1):
        if page_of(href, base) in pages:
            return i
    return None


@dataclass
class Score:
    ranks: list[tuple[Question, int | None, list[str]]]

    @property
    def first(self) -> int:
        return sum(1 for _, r, _ in self.ranks if r == 1)

    @property
    def top3(self) -> int:
        return sum(1 for _, r, _ in self.ranks if r is not None and r <= 3)

    @property
    def total(self) -> int:
        return len(self.ranks)

    def misses(self) -> list[str]:
        return [f"{q.text!r}: rank {r}, wanted {q.pages}, got {got[:3]}"
                for q, r, got in self.ranks if r != 1]


def evaluate(page, base: str, start_url: str, questions: list[Question]) -> Score:
    open_search(page, start_url)
    ranks = []
    for q in questions:
        hrefs = ask(page, q.text)
        ranks.append((q, rank(hrefs, q.pages, base), [page_of(h, base) for h in hrefs]))
    return Score(ranks)

"""An editor's lever on search (issue 12): a reader's question added to data/reader_questions.yml,
with the page that answers it, puts that page first for the question, in both builds.

The questions are the project's own (tests/search_questions.yml); each is taught the page that
search puts second for it today, so the test follows the pages as editors change them. An
attacker's question is taught too: it reaches the search index as text, and asking it runs nothing."""
from __future__ import annotations

import json

import pytest

from conftest import copy_project, guide_build
from search_eval import QUESTIONS, ask, load_questions, open_search, page_of

HOW_MANY = 3
HOSTILE = ("does it hurt <img src=x onerror=alert(1)><script>alert(2)</script>", "your-session.md")


def ranked(browser, base: str, start: str, questions: list[str]) -> dict[str, list[str]]:
    """Each question's result pages, best first, asked in the search box of `start`."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        open_search(page, start)
        return {q: list(dict.fromkeys(page_of(h, base) for h in ask(page, q))) for q in questions}
    finally:
        page.close()


@pytest.fixture(scope="module")
def taught(browser, hosted_url, serve, tmp_path_factory):
    """(questions -> the page taught, the new build's hosted base URL, its offline base URL)."""
    asked, _ = load_questions()
    lesson = {}
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    open_search(page, hosted_url)
    for q in asked:  # the first HOW_MANY questions that find two pages or more
        pages = list(dict.fromkeys(page_of(h, hosted_url) for h in ask(page, q.text)))
        if len(pages) >= 2:
            lesson[q.text] = pages[1]
        if len(lesson) == HOW_MANY:
            break
    page.close()
    assert len(lesson) == HOW_MANY, f"fewer than {HOW_MANY} questions of {QUESTIONS.name} find two pages"

    project = copy_project(tmp_path_factory.mktemp("taught") / "project")
    file = project / "data" / "reader_questions.yml"
    added = "".join(f"- question: {json.dumps(q)}\n  pages: [{page}]\n" for q, page in [*lesson.items(), HOSTILE])
    file.write_text(file.read_text(encoding="utf-8").rstrip("\n") + "\n" + added, encoding="utf-8")
    out = tmp_path_factory.mktemp("taught-site")
    built = guide_build(project, out)
    assert built.returncode == 0, built.stdout + built.stderr
    return lesson, serve(out / "site"), (out / "site-offline").as_uri() + "/"


@pytest.mark.parametrize("build", ["hosted", "offline"])
def test_a_taught_question_finds_its_page_first(browser, taught, build):
    lesson, hosted, offline = taught
    base = hosted if build == "hosted" else offline
    start = base if build == "hosted" else f"{base}index.html"
    after = ranked(browser, base, start, list(lesson))
    wrong = {q: (page, after[q][:3]) for q, page in lesson.items() if after[q][:1] != [page]}
    assert not wrong, f"{build}: taught page not first (question: (taught, top three)): {wrong}"



@pytest.mark.parametrize("build", ["hosted", "offline"])
def test_an_attackers_question_is_only_words(browser, taught, build):
    """Taught and then asked, markup in a question opens no dialog and adds no element: search
    reads a question's words, and the page it names comes first."""
    _, hosted, offline = taught
    base = hosted if build == "hosted" else offline
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        open_search(page, base if build == "hosted" else f"{base}index.html")
        first = [page_of(h, base) for h in ask(page, HOSTILE[0])][:1]
        injected = page.locator("img[onerror], .md-search-result script").count()
    finally:
        page.close()
    assert not dialogs and not injected, f"{build}: dialogs {dialogs}, injected elements {injected}"
    assert first == [HOSTILE[1]], f"{build}: the taught page is not first: {first}"

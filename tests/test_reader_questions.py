"""guide/reader_questions.py and data/reader_questions*.yml (issue 12): readers' questions reach
the search index of both builds, grouped by the page that answers them; the project's own
question sets stay out of them, so tests/search_questions*.yml measure questions search has not
learned; and a mistake in the file gives one message with the file, the line and what to do."""
from __future__ import annotations

import json

import pytest
import yaml

from guide.reader_questions import (ReaderQuestionsError, add_reader_questions, load_reader_questions, location,
                                    with_reader_questions)
from guide.search_terms import JS_PREFIX, read_index

NAME = "data/reader_questions.yml"



@pytest.fixture
def project_root():
    from conftest import ROOT
    return ROOT


@pytest.mark.parametrize("build", ["hosted", "offline"])
def test_each_editions_index_has_its_own_readers_questions(build, site_dir, offline_site_dir, project_root):
    """Every question of data/reader_questions.yml is in the English index under each page it names;
    data/reader_questions.es.yml in the Spanish one; nothing else."""
    from guide.pipeline import editions

    offline = build == "offline"
    site, name = (offline_site_dir, "search_index.js") if offline else (site_dir, "search_index.json")
    checked = 0
    for edition in editions(project_root):
        index = read_index(site / edition.folder / "search" / name)
        expected: dict[str, list[str]] = {}
        for q in load_reader_questions(project_root / edition.reader_questions, edition.reader_questions):
            for page in q.pages:
                expected.setdefault(location(page, offline), []).append(q.question)
        assert index["config"]["guide_questions"] == expected, edition
        locations = {doc["location"].split("#")[0] for doc in index["docs"]}
        assert set(expected) <= locations, f"{edition.language}: questions for pages the index lacks"
        checked += len(expected)
    assert checked, "no edition has readers' questions: this test checked nothing"


def _normal(text: str) -> str:
    return " ".join(str(text).casefold().split())


@pytest.mark.parametrize("learned, asked", [("data/reader_questions.yml", "tests/search_questions.yml"),
                                            ("data/reader_questions.es.yml", "tests/search_questions_es.yml")])
def test_project_question_sets_are_not_learned(project_root, learned, asked):
    """tests/search_questions*.yml measure search on questions it has not learned from."""
    known = {_normal(q.question): q.line for q in load_reader_questions(project_root / learned, learned)}
    both = [e.get("q") or e.get("question")
            for e in yaml.safe_load((project_root / asked).read_text(encoding="utf-8"))
            if _normal(e.get("q") or e.get("question")) in known]
    assert not both, f"{learned} has questions of {asked} (search would be tested on what it learned): {both}"


def write(tmp_path, text):
    path = tmp_path / "reader_questions.yml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = "- question: can i go to the gym the next day\n  pages: [aftercare.md]\n"


@pytest.mark.parametrize("text, line, words", [
    (GOOD + "- question: how much: more\n  pages: [booking-and-cost.md]\n", 3, "not valid YAML"),
    (GOOD + "- question: how much\n", 3, "does not name the page that answers it"),
    (GOOD + "- question: how much\n  pages: []\n", 3, "does not name the page that answers it"),
    (GOOD + "- question: how much\n  pages: [booking and cost]\n", 3, "does not name the page"),
    (GOOD + "- question: how much\n  pages: [../secrets.md]\n", 3, "does not name the page"),
    (GOOD + "- question:\n  pages: [aftercare.md]\n", 3, "has no question"),
    (GOOD + "- question: how much\n  page: [booking-and-cost.md]\n", 3, "not a question with its pages"),
    (GOOD + "- how much\n", 3, "not a question with its pages"),
    (GOOD + "- question: 123 ???\n  pages: [aftercare.md]\n", 3, "has no words"),
    (GOOD + f"- question: {'why ' * 60}\n  pages: [aftercare.md]\n", 3, "characters long"),
    (GOOD + "\n- question: Can I go to the gym  the next day\n  pages: [your-session.md]\n", 4,
     "listed twice (also on line 1)"),
    ("question: how much\npages: [booking-and-cost.md]\n", 1, "must be a list of questions"),
])
def test_mistake_in_questions_file_names_file_and_line(tmp_path, text, line, words):
    with pytest.raises(ReaderQuestionsError) as e:
        load_reader_questions(write(tmp_path, text))
    message = str(e.value)
    assert message.startswith(f"{NAME}, line {line}: "), message
    assert words in message and "What to do:" in message


INDEX = {"config": {"lang": ["en"]}, "docs": [
    {"location": "", "title": "Home", "text": ""},
    {"location": "aftercare/", "title": "Aftercare", "text": ""},
    {"location": "aftercare/#what-helps", "title": "What helps", "text": ""},
]}


def test_page_that_does_not_exist_names_its_line(tmp_path):
    questions = load_reader_questions(write(tmp_path, GOOD + "- question: how much\n  pages: [aftercare.md, costs.md]\n"))
    with pytest.raises(ReaderQuestionsError, match=r"^data/reader_questions\.yml, line 3: 'costs\.md' is not a page"):
        with_reader_questions(INDEX, questions)


def test_questions_are_grouped_by_page_in_both_index_files(tmp_path):
    """Hosted pages are 'aftercare/' (the home page ''), offline ones 'aftercare.html'."""
    offline = {"config": {}, "docs": [{"location": "index.html", "title": "Home", "text": ""},
                                      {"location": "aftercare.html", "title": "Aftercare", "text": ""}]}
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    (site / "search" / "search_index.json").write_text(json.dumps(INDEX), encoding="utf-8")
    (site / "search" / "search_index.js").write_text(JS_PREFIX + json.dumps(offline), encoding="utf-8")
    file = write(tmp_path, GOOD + "- question: what is this guide\n  pages: [index.md, aftercare.md]\n")
    assert len(add_reader_questions(site, file)) == 2
    hosted = read_index(site / "search" / "search_index.json")["config"]["guide_questions"]
    assert hosted == {"aftercare/": ["can i go to the gym the next day", "what is this guide"],
                      "": ["what is this guide"]}
    copy = read_index(site / "search" / "search_index.js")["config"]["guide_questions"]
    assert copy == {"aftercare.html": ["can i go to the gym the next day", "what is this guide"],
                    "index.html": ["what is this guide"]}
    assert read_index(site / "search" / "search_index.json")["docs"] == INDEX["docs"]  # pages untouched


def test_empty_file_adds_no_questions(tmp_path):
    assert load_reader_questions(write(tmp_path, "# none yet\n")) == ()
    assert with_reader_questions(INDEX, ())["config"]["guide_questions"] == {}

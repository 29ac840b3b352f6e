"""guide/search_terms.py and data/search_terms.yml (issue 12): the readers' words reach the built
search index of both builds, tab labels leave its text, and a mistake in the terms file gives
one message with the file, the line and what to do."""
from __future__ import annotations

import json
import re

import pytest
import yaml

from guide.search_terms import (JS_PREFIX, SearchTermsError, finish_index, finish_search_index,
                                load_terms, read_index)
from search_eval import QUESTIONS, load_questions, nav_pages

ROOT_TERMS = "data/search_terms.yml"



@pytest.fixture(params=["hosted", "offline"])
def built_index(request, site_dir, offline_site_dir):
    if request.param == "hosted":
        return read_index(site_dir / "search" / "search_index.json")
    return read_index(offline_site_dir / "search" / "search_index.js")


@pytest.mark.parametrize("build", ["hosted", "offline"])
def test_each_editions_index_has_its_own_readers_words(build, site_dir, offline_site_dir, project_root):
    """data/search_terms.yml in the English index, data/search_terms.es.yml in the Spanish one."""
    from guide.pipeline import editions

    site, name = (site_dir, "search_index.json") if build == "hosted" else (offline_site_dir, "search_index.js")
    checked = 0
    for edition in editions(project_root):
        index = read_index(site / edition.folder / "search" / name)
        assert index["config"]["lang"] == [edition.language]
        if (project_root / edition.search_terms).is_file():
            terms = load_terms(project_root / edition.search_terms, edition.search_terms)
            assert index["config"]["guide_terms"] == {lay: words for lay, (words, _) in terms.items()}, edition
            checked += 1
        else:
            assert "guide_terms" not in index["config"], edition
    assert checked, "no edition has readers' words: this test checked nothing"


def test_built_index_text_has_no_tab_labels_run_together(built_index, project_root):
    config = yaml.load((project_root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    run = "".join(config["extra"]["tab_labels"])
    for doc in built_index["docs"]:
        assert run not in doc["text"], f"{doc['location']}: {doc['text'][:80]!r}"


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


@pytest.fixture
def project_root():
    from conftest import ROOT
    return ROOT


INDEX = {"config": {}, "docs": [
    {"location": "a/", "title": "Booking and cost", "text": "<p>What it may cost.</p>"},
    {"location": "a/#tabs", "title": "Who does it", "text": "AcupunctureDry needling <p>A licensed acupuncturist.</p>"},
]}


def write(tmp_path, text):
    path = tmp_path / "search_terms.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_finish_index_adds_terms_and_removes_label_runs(tmp_path):
    terms = load_terms(write(tmp_path, "price: [cost]\nmuscle jumped: twitch\n"))
    done = finish_index(INDEX, {"price": terms["price"]}, {"AcupunctureDry needling"})
    assert done["config"]["guide_terms"] == {"price": ["cost"]}
    assert done["docs"][1]["text"] == "<p>A licensed acupuncturist.</p>"
    assert done["docs"][0] == INDEX["docs"][0]


def test_finish_search_index_changes_both_index_files(tmp_path):
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    (site / "search" / "search_index.json").write_text(json.dumps(INDEX), encoding="utf-8")
    (site / "search" / "search_index.js").write_text(JS_PREFIX + json.dumps(INDEX), encoding="utf-8")
    (site / "page.html").write_text('<div class="tabbed-labels"><label for="x">Acupuncture</label>'
                                    '<label for="y">Dry needling</label></div>', encoding="utf-8")
    changed = finish_search_index(site, write(tmp_path, "price: [cost]\n"))
    assert len(changed) == 2
    for path in changed:
        index = read_index(path)
        assert index["config"]["guide_terms"] == {"price": ["cost"]}
        assert "AcupunctureDry" not in index["docs"][1]["text"]


@pytest.mark.parametrize("text, line, words", [
    ("price: [cost]\nfee: cost: more\n", 2, "not valid YAML"),
    ("price: [cost]\nfee:\n", 2, "no guide words"),
    ("price: [cost]\nfee: []\n", 2, "no guide words"),
    ("price: [cost]\n\nprice: [money]\n", 3, "listed twice (also on line 1)"),
    ("price: [cost]\n<b>x</b>: [cost]\n", 2, "not a word or phrase a reader would type"),
    ("price: [cost]\nfee: [<script>]\n", 2, "is not a word or phrase"),
    ("- price\n", 1, "must be a list of"),
])
def test_mistake_in_terms_file_names_file_and_line(tmp_path, text, line, words):
    with pytest.raises(SearchTermsError) as e:
        load_terms(write(tmp_path, text))
    message = str(e.value)
    assert message.startswith(f"{ROOT_TERMS}, line {line}: "), message
    assert words in message and "What to do:" in message


def test_guide_word_not_on_any_page_names_its_line(tmp_path):
    terms = load_terms(write(tmp_path, "price: [cost]\nfee: [costt]\n"))
    with pytest.raises(SearchTermsError, match=rf"^{re.escape(ROOT_TERMS)}, line 2: 'costt' \(for 'fee'\) is not on any page"):
        finish_index(INDEX, terms, set())


def test_every_page_in_search_has_a_question():
    """Each page of the nav that search covers is the answer to at least one question."""
    asked, _ = load_questions()
    answered = {p for q in asked for p in q.pages}
    from conftest import ROOT
    excluded = {p for p in nav_pages() if re.search(r"(?m)^\s+exclude:\s*true",
                                                     (ROOT / "docs" / p).read_text(encoding="utf-8").split("\n---", 1)[0])}
    missing = nav_pages() - excluded - answered
    assert not missing, f"{QUESTIONS.name}: no question answered by {sorted(missing)}; add one"


def test_question_set_is_big_enough():
    asked, skipped = load_questions()
    assert len(asked) + len(skipped) >= 40

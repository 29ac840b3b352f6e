"""The guide carries every fact of the article, in its own plain words."""
import re
import subprocess
import sys

import pytest
import yaml

from conftest import ARTICLE, ROOT, SHARED, page_sources, page_titled
from prose import grade, page_prose

FACTS = yaml.safe_load((ROOT / "tests" / "article_facts.yml").read_text(encoding="utf-8"))
MAX_PAGE_GRADE, MAX_AVERAGE_GRADE = 8.0, 7.0


def _reader_text(soup) -> str:
    return re.sub(r"\s+", " ", soup.select_one("article").get_text(" "))


@pytest.mark.parametrize("title", sorted(FACTS))
def test_every_fact_of_the_article_is_on_its_page(title, html_tree):
    src = page_titled(title)
    text = _reader_text(html_tree(src))
    missing = [p for p in FACTS[title] if not re.search(p, text, re.I)]
    assert not missing, f"{src} lacks these facts from the article (tests/article_facts.yml): {missing}"


def test_reading_grade_of_every_page(html_tree, nav_pages):
    grades = {src: grade(page_prose(str(html_tree(src)))) for _, src in nav_pages}
    too_hard = {src: g for src, g in grades.items() if g > MAX_PAGE_GRADE}
    assert not too_hard, f"Flesch-Kincaid grade above {MAX_PAGE_GRADE}: {too_hard}"
    average = sum(grades.values()) / len(grades)
    assert average <= MAX_AVERAGE_GRADE, f"average grade {average:.1f} > {MAX_AVERAGE_GRADE}: {grades}"


def test_the_grader_reads_prose_not_navigation(html_tree, nav_pages):
    title, src = max(((t, s) for t, s in nav_pages if s != "index.md"),
                     key=lambda page: len(html_tree(page[1]).select_one("article").get_text()))
    prose = page_prose(str(html_tree(src)))
    assert "Skip to content" not in prose and title not in prose.split("\n")[0][:40], src
    assert len(prose.split()) > 100


@pytest.mark.skipif(not ARTICLE.exists(), reason="../shared/seed/article.txt is not beside this project")
def test_no_run_of_ten_words_is_copied_from_the_article():
    result = subprocess.run([sys.executable, str(SHARED / "tools" / "verbatim.py"), str(ROOT / "docs"), str(ARTICLE), "10"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_guide_says_it_informs_and_does_not_replace_a_clinician(html_tree, site_dir):
    home = _reader_text(html_tree("index.md"))
    assert re.search(r"(does not|doesn't|not) replace", home, re.I)
    footer = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "does not replace advice from a clinician" in footer


def test_clinic_details_come_from_the_data(html_tree):
    from macros.models import load_guide_data

    clinic = load_guide_data(ROOT / "data").clinic
    showing = [src for src, text in page_sources().items() if re.search(r"\{\{\s*clinic\.", text)]
    assert showing, "no page shows the clinic's details"
    for src in showing:
        text = _reader_text(html_tree(src))
        assert clinic.name in text and clinic.offers in text, src
        assert not re.search(r"\(\d{3}\)\s?\d{3}|\d{3}-\d{3}-\d{4}", text), "no phone number the article does not give"

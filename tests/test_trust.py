"""Trust (issue 13): facts followed to sources that say them, safety signs in three levels, review you
can see, a way to report a problem, honest cost dates. Expectations come from the data and the
built pages, never from today's values."""
from __future__ import annotations

import json
import re
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from pydantic import ValidationError

from conftest import ROOT, TEST_REPO_URL, built_path, copy_project, guide_build
from guide.front_matter import PageMeta, validate_front_matter
from macros.models import (Clinic, Costs, GuideDataError, PriceRange, Source,
                           load_guide_data)

DATA = load_guide_data(ROOT / "data")
BY_ID = {s.id: s for s in DATA.sources}
SAFETY, AFTERCARE = "is-it-safe.md", "aftercare.md"
# The three levels of care card, in the order a reader meets them: (admonition kind, words its title holds).
LEVELS = [("danger", r"911"), ("warning", r"\bsoon\b"), ("tip", r"\bnormal\b")]
FROM_THE_ARTICLE = re.compile(r"clinic's article", re.I)
# What a page adds at its foot: not statements of fact.
NOT_STATEMENTS = ".review-dates, .page-feedback, .admonition-title, .headerlink"


def _cited_sources(tag) -> list[Source]:
    return [BY_ID[a["href"].partition("#")[2]] for a in tag.select("sup.citation a[href]")]


def _statements(soup) -> list:
    """The innermost paragraphs and list items of a page's article, without its foot."""
    article = soup.select_one("article")
    blocks = []
    for block in article.select("p, li"):
        if block.find(["p", "li"]) or block.select_one(NOT_STATEMENTS) or block.find_parent(class_=["review-dates", "page-feedback"]):
            continue
        if set(block.get("class", [])) & {"review-dates", "page-feedback", "admonition-title"}:
            continue
        if block.get_text(strip=True):
            blocks.append(block)
    return blocks


# --- the safety page ----------------------------------------------------------------------------

def test_every_statement_on_the_safety_page_cites_a_source_with_an_address(html_tree):
    uncited = []
    for block in _statements(html_tree(SAFETY)):
        text = re.sub(r"\s+", " ", block.get_text(" ")).strip()
        if FROM_THE_ARTICLE.search(text):
            continue  # says plainly that it comes from the clinic's article
        cited = _cited_sources(block)
        if not cited or not all(s.url and s.read_on for s in cited):
            uncited.append(text)
    assert not uncited, "statements on is-it-safe.md without a citation to a source with an address:\n" + "\n".join(uncited)


def test_the_safety_page_gives_warning_signs_as_three_care_cards(html_tree):
    cards = html_tree(SAFETY).select("article .admonition.care-card")
    assert [next(k for k, _ in LEVELS if k in c["class"]) for c in cards] == [k for k, _ in LEVELS]
    for card, (kind, title_words) in zip(cards, LEVELS):
        title = card.select_one(".admonition-title").get_text()
        assert re.search(title_words, title, re.I), (kind, title)
        cited = _cited_sources(card)
        assert cited and all(s.url for s in cited), f"the {kind} card cites no source with an address"
    emergency = re.sub(r"\s+", " ", cards[0].get_text(" "))
    assert "911" in emergency and re.search(r"breath", emergency) and re.search(r"chest pain", emergency)
    assert re.search(r"chest, upper back, neck or shoulders", emergency)
    assert re.search(r"practitioner", cards[1].select_one(".admonition-title").get_text(), re.I)


def test_aftercare_tells_when_to_get_help_at_the_same_three_levels(html_tree):
    """Compact on aftercare (it prints on one sheet): one cited list item per level, in its box."""
    box = next(a for a in html_tree(AFTERCARE).select("article .admonition")
               if "tell your practitioner" in a.select_one(".admonition-title").get_text().lower())
    items = [li for li in box.select("li") if li.select_one("strong")]
    assert len(items) == len(LEVELS)
    for item, (_, words) in zip(items, LEVELS):
        assert re.search(words, item.select_one("strong").get_text(), re.I), item.get_text()
        cited = _cited_sources(item)
        assert cited and all(s.url for s in cited), item.get_text()
    assert any(a["href"].split("#")[0].rstrip("/").endswith("is-it-safe") for a in box.select("a[href]"))


def test_the_safety_page_names_the_risks_and_who_should_check_first(html_tree):
    text = re.sub(r"\s+", " ", html_tree(SAFETY).select_one("article").get_text(" ")).lower()
    for risk in ("bruis", "sore", "faint", "infection", "punctured lung", "pneumothorax"):
        assert risk in text, risk
    for who in ("blood thinner", "bleeding disorder", "pregnant", "pacemaker", "electroacupuncture"):
        assert who in text, who


@pytest.mark.parametrize("src", ["your-session.md", AFTERCARE, "finding-a-practitioner.md"])
def test_the_safety_page_is_linked_from(html_tree, src):
    links = [a["href"] for a in html_tree(src).select("article a[href]")]
    assert any(h.split("#")[0].rstrip("/").endswith("is-it-safe") for h in links), src


# --- sources that can be followed ---------------------------------------------------------------

def test_each_source_with_an_address_was_read_on_a_day_shown_on_the_sources_page(html_tree):
    sources_page = html_tree("sources.md")
    for source in DATA.sources:
        block = sources_page.select_one(f'h2[id="{source.id}"]').find_next_sibling("p")
        text = block.get_text(" ")
        if source.url:
            assert source.read_on is not None, source.id
            assert [a["href"] for a in block.select("a")] == [source.url], source.id
            assert f"{source.read_on.day} {source.read_on:%B %Y}" in text, source.id
        else:
            assert "without a web address" in text, source.id


def test_the_sources_page_states_the_citation_rule(html_tree):
    text = re.sub(r"\s+", " ", html_tree("sources.md").select_one("article").get_text(" "))
    assert re.search(r"number.*comes right after a sentence.*says what that sentence says", text)
    assert re.search(r"sentence says the fact comes from the clinic's article", text)


def test_a_source_without_an_address_is_cited_only_beside_words_from_the_clinics_article(html_tree, nav_pages):
    for _, src in nav_pages:
        if src == "print.md":
            continue
        for sup in html_tree(src).select("article sup.citation"):
            source = _cited_sources(sup)[0]
            if source.url:
                continue
            block = sup.find_parent(["p", "li"])
            assert FROM_THE_ARTICLE.search(block.get_text(" ")), f"{src}: {source.id} cited beside {block.get_text()!r}"


def test_the_spanish_pages_follow_the_same_rule(site_dir):
    """The Spanish sources page says the same of a source without an address (macros/phrases.py),
    so the Spanish pages must keep the rule too: "artículo de la clínica" beside its citation."""
    spanish = site_dir / "es"
    checked = 0
    for page in sorted(spanish.rglob("*.html")):
        if page.parent.name == "print":
            continue
        for sup in BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select("article sup.citation"):
            source = _cited_sources(sup)[0]
            if source.url:
                continue
            block = sup.find_parent(["p", "li"])
            assert re.search(r"artículo de la clínica", block.get_text(" "), re.I), \
                f"{page.relative_to(spanish)}: {source.id} cited beside {block.get_text()!r}"
            checked += 1
    assert checked or all(s.url for s in DATA.sources), "no Spanish citation of a source without an address was checked"


def test_up_to_85_percent_is_given_as_the_clinics_article_not_as_a_source(html_tree):
    block = next(p for p in html_tree("index.md").select("article p") if "85" in p.get_text())
    assert FROM_THE_ARTICLE.search(block.get_text()) and not block.select("sup.citation")


# --- data models ----------------------------------------------------------------------------------

def _source(**fields) -> dict:
    return {"id": "nhs-x", "title": "T", "publisher": "NHS", "site": "nhs.uk", **fields}


def test_a_source_with_an_address_needs_the_day_it_was_read():
    assert Source.model_validate(_source(url="https://www.nhs.uk/x", read_on="2026-12-01")).read_on == date(2026, 12, 1)
    assert Source.model_validate(_source()).read_on is None
    with pytest.raises(ValidationError, match="read_on is missing"):
        Source.model_validate(_source(url="https://www.nhs.uk/x"))
    with pytest.raises(ValidationError, match="read_on is set but url is empty"):
        Source.model_validate(_source(read_on="2026-12-01"))


def test_a_missing_read_on_names_the_source_and_the_fix(tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    text = (data / "sources.yml").read_text(encoding="utf-8")
    with_url = next(s for s in DATA.sources if s.url)
    entry = re.search(rf"(?ms)^- id: {re.escape(with_url.id)}\n.*?^  read_on: .*?\n", text).group(0)
    (data / "sources.yml").write_text(text.replace(entry, re.sub(r"(?m)^  read_on: .*\n", "", entry)), encoding="utf-8")
    with pytest.raises(GuideDataError) as caught:
        load_guide_data(data)
    line = next(n for n, l in enumerate((data / "sources.yml").read_text().splitlines(), 1) if l == f"- id: {with_url.id}")
    assert caught.value.line == line and "read_on: YYYY-MM-DD" in caught.value.fix


def test_the_clinic_contact_is_an_email_or_a_web_address():
    assert Clinic(name="A", offers="b").contact_href is None
    assert Clinic(name="A", offers="b", contact="help@example.org").contact_href == "mailto:help@example.org"
    assert Clinic(name="A", offers="b", contact="https://example.org/contact").contact_href == "https://example.org/contact"
    for bad in ("javascript:alert(1)", "http://example.org", "call us", 'a"@b.org', "https://x.org/\"onmouseover=x"):
        with pytest.raises(ValidationError, match="contact must be"):
            Clinic(name="A", offers="b", contact=bad)


def test_a_study_cannot_be_reported_before_it_was_done():
    fields = dict(checked=date(2026, 1, 2), source="s", currency="USD", region="R",
                  private_session=PriceRange(low=1, high=2), initial_visit=3, follow_up=2,
                  dry_needling_billing="x", estimate_follow_ups=(1,))
    assert Costs(study_year=2019, report_year=2022, **fields).report_year == 2022
    with pytest.raises(ValidationError, match="before study_year"):
        Costs(study_year=2022, report_year=2019, **fields)


PAGE = dict(description="What this page tells a reader.", reviewed=date(2026, 1, 1), next_review=date(2027, 1, 1))


def test_page_meta_accepts_a_reviewer_with_name_and_credentials():
    meta = PageMeta.model_validate({**PAGE, "reviewed_by": {"name": "Ann Lee", "credentials": "MD"}, "template": "handout.html"})
    assert meta.reviewed_by_ld() == {"@type": "Person", "name": "Ann Lee", "honorificSuffix": "MD"}
    assert PageMeta.model_validate(PAGE).reviewed_by is None and PageMeta.model_validate(PAGE).reviewed_by_ld() is None


@pytest.mark.parametrize("reviewed_by", [{"name": "Ann Lee"}, {"name": "", "credentials": "MD"},
                                         {"name": "Ann", "credentials": " "}, "Ann Lee, MD",
                                         {"name": "Ann", "credentials": "MD", "since": 2020}])
def test_page_meta_refuses_a_reviewer_without_name_and_credentials(reviewed_by):
    with pytest.raises(ValidationError):
        PageMeta.model_validate({**PAGE, "reviewed_by": reviewed_by})


@pytest.mark.parametrize("change, problem", [
    ({"description": None}, "description"), ({"next_review": date(2025, 1, 1)}, "is not after"),
    ({"reviewed": "2026-01-01"}, "YYYY-MM-DD"),
])
def test_page_meta_refuses_missing_or_wrong_fields(change, problem):
    fields = {**PAGE, **change}
    fields = {k: v for k, v in fields.items() if v is not None}
    with pytest.raises(ValidationError, match=problem):
        PageMeta.model_validate(fields)


def test_a_reviewer_mistake_names_the_page_and_line():
    source = ("---\ndescription: What this page tells a reader.\nreviewed: 2026-01-01\nnext_review: 2027-01-01\n"
              "reviewed_by:\n  name: Ann Lee\n---\n# T\n")
    with pytest.raises(GuideDataError) as caught:
        validate_front_matter(source, "docs/x.md")
    assert str(caught.value).startswith("docs/x.md, line 5: 'reviewed_by.credentials' is missing")


# --- the foot of every page ---------------------------------------------------------------------

def test_every_page_offers_a_well_formed_feedback_link(html_tree, nav_pages):
    for title, src in nav_pages:
        soup = html_tree(src)
        feedback = soup.select_one("article .page-feedback")
        assert feedback is not None and "Something wrong or unclear? Tell us" in feedback.get_text(), src
        href = feedback.select_one("a[href]")["href"]
        parts = urlsplit(href)
        assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{TEST_REPO_URL}/issues/new", src
        query = parse_qs(parts.query, strict_parsing=True)
        page_title = soup.select_one("article h1").get_text().strip().removesuffix("¶").strip()
        assert page_title in query["title"][0] or title in query["title"][0], (src, query)
        assert soup.select_one('link[rel="canonical"]')["href"] in query["body"][0], src
        assert not feedback.select("script") and not any(k.startswith("on") for a in feedback.select("a") for k in a.attrs)


def test_a_page_without_a_reviewer_says_so_plainly(html_tree, nav_pages):
    for _, src in nav_pages:
        foot = html_tree(src).select_one(".review-dates")
        ld = json.loads(html_tree(src).select_one('script[type="application/ld+json"]').get_text())
        assert "This page has not yet been reviewed by a clinician." in foot.get_text(), src
        assert "reviewedBy" not in ld, src


def test_the_cost_page_says_where_and_when_its_figures_come_from(html_tree):
    text = re.sub(r"\s+", " ", html_tree("booking-and-cost.md").select_one("article").get_text(" "))
    publisher = BY_ID[DATA.costs.source].publisher
    assert f"a {DATA.costs.study_year} study, as {publisher} reported it in {DATA.costs.report_year}" in text
    assert "Prices may be higher now" in text
    checked = DATA.costs.checked
    assert f"Checked on {checked.day} {checked:%B %Y}: the day an editor last compared these figures" in text


@pytest.mark.parametrize("src", ["finding-a-practitioner.md", "acupuncture-vs-dry-needling.md"])
def test_most_states_require_certification_and_a_license(html_tree, src):
    text = re.sub(r"\s+", " ", html_tree(src).select_one("article").get_text(" "))
    assert re.search(r"Most U\.S\. states require an acupuncturist to hold both NCCAOM certification and a state license", text)


def test_the_accessibility_statement_counts_the_pages_from_the_build(html_tree, nav_pages):
    text = re.sub(r"\s+", " ", html_tree("accessibility.md").select_one("article").get_text(" "))
    assert "WCAG" in text and "2.2" in text and "AA" in text
    assert f"The guide has {len(nav_pages)} pages in its menu" in text
    assert "Tell us" in text


# --- a copy of the project with a reviewer, a clinic contact and new cost years -----------------

HOSTILE_NAME = "Ann O’Lee & Co"  # refused: < > " ` (step 1); these stay text


@pytest.fixture(scope="module")
def changed_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("trust")
    project = copy_project(tmp / "project")
    page = project / "docs" / AFTERCARE
    page.write_text(page.read_text(encoding="utf-8").replace(
        "next_review:", f"reviewed_by:\n  name: {HOSTILE_NAME}\n  credentials: MD, R&D\nnext_review:", 1),
        encoding="utf-8")
    clinic = project / "data" / "clinic.yml"
    clinic.write_text(clinic.read_text(encoding="utf-8") + "\ncontact: help@example.org\n", encoding="utf-8")
    costs = project / "data" / "costs.yml"
    text = costs.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^study_year: \d+", "study_year: 2011", text)
    costs.write_text(re.sub(r"(?m)^report_year: \d+", "report_year: 2013", text), encoding="utf-8")
    result = guide_build(project, tmp / "out")
    assert result.returncode == 0, result.stderr
    return tmp / "out" / "site"


def _read(site, src) -> BeautifulSoup:
    return BeautifulSoup(built_path(site, src).read_text(encoding="utf-8"), "lxml")


def test_a_reviewer_is_shown_escaped_and_given_in_the_structured_data(changed_site):
    soup = _read(changed_site, AFTERCARE)
    foot = soup.select_one(".review-dates")
    reviewer = foot.select_one(".reviewer")
    assert reviewer is not None and reviewer.get_text() == f"{HOSTILE_NAME}, MD, R&D"
    assert not reviewer.find_all(True), "the reviewer's name must be text, not markup"
    assert "not yet been reviewed" not in foot.get_text()
    scripts = soup.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    ld = json.loads(scripts[0].get_text())
    assert ld["reviewedBy"] == {"@type": "Person", "name": HOSTILE_NAME, "honorificSuffix": "MD, R&D"}
    other = _read(changed_site, "index.md")
    assert "not yet been reviewed by a clinician" in other.select_one(".review-dates").get_text()


def test_a_clinic_contact_is_offered_beside_the_repository(changed_site):
    links = _read(changed_site, SAFETY).select(".page-feedback a[href]")
    hrefs = [a["href"] for a in links]
    assert hrefs[0].startswith(f"{TEST_REPO_URL}/issues/new?")
    assert hrefs[1].startswith("mailto:help@example.org?subject=")


def test_the_cost_years_follow_the_data(changed_site):
    text = re.sub(r"\s+", " ", _read(changed_site, "booking-and-cost.md").select_one("article").get_text(" "))
    assert "a 2011 study, as" in text and "reported it in 2013" in text and "2019" not in text


def test_a_wrong_reviewer_stops_the_build_with_one_message(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / AFTERCARE
    page.write_text(page.read_text(encoding="utf-8").replace(
        "next_review:", "reviewed_by:\n  name: Ann Lee\nnext_review:", 1), encoding="utf-8")
    result = guide_build(project, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    line = next(n for n, l in enumerate(page.read_text().splitlines(), 1) if l.startswith("reviewed_by:"))
    assert f"docs/{AFTERCARE}, line {line}: 'reviewed_by.credentials' is missing" in output, output

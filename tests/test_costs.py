"""Every amount a reader sees comes from data/costs.yml, and follows it when it changes."""
import re
from decimal import Decimal

from bs4 import BeautifulSoup

from conftest import ROOT, built_path, copy_project, guide_build, page_calling
from macros.models import load_guide_data
from macros.render import course_total, format_money

DOLLAR = re.compile(r"\$\s?\d")


def _table_rows(soup) -> list[list[str]]:
    return [[c.get_text(" ", strip=True) for c in tr.select("td")] for tr in soup.select("article table tbody tr")]


def _amounts(text: str) -> list[str]:
    return re.findall(r"\$\d[\d,]*\d(?:\.\d\d)?|\$\d", text)


def test_no_page_types_a_dollar_amount():
    typed = [f"{md.relative_to(ROOT)}:{n}: {line.strip()}"
             for md in sorted((ROOT / "docs").rglob("*.md"))
             for n, line in enumerate(md.read_text(encoding="utf-8").splitlines(), 1) if DOLLAR.search(line)]
    assert not typed, "amounts must come from data/costs.yml through a macro:\n" + "\n".join(typed)


def test_every_amount_on_the_site_is_in_the_data(site_dir):
    """Every page of both editions (the Spanish one is in site_dir/es/)."""
    costs = load_guide_data(ROOT / "data").costs
    allowed = {format_money(a) for a in (costs.private_session.low, costs.private_session.high,
                                         costs.initial_visit, costs.follow_up)}
    allowed |= {format_money(course_total(costs, n)) for n in costs.estimate_follow_ups}
    pages = sorted(site_dir.rglob("*.html"))
    if (ROOT / "mkdocs.es.yml").is_file():
        assert any(p.relative_to(site_dir).parts[0] == "es" for p in pages), "the Spanish pages were not checked"
    for page in pages:
        text = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").get_text(" ")
        stray = set(_amounts(text)) - allowed
        assert not stray, f"{page.relative_to(site_dir)} shows amounts not derived from the data: {stray}"


def test_the_cost_table_equals_the_data(html_tree):
    costs = load_guide_data(ROOT / "data").costs
    rows = _table_rows(html_tree(page_calling("cost_table")))
    assert rows == [
        ["A private acupuncture session", f"{format_money(costs.private_session.low)} to {format_money(costs.private_session.high)}"],
        ["A first acupuncture visit, without insurance", f"About {format_money(costs.initial_visit)}"],
        ["A follow-up acupuncture visit", f"About {format_money(costs.follow_up)} on average"],
        ["Dry needling by a physical therapist", costs.dry_needling_billing],
    ]


def test_the_course_estimate_is_computed_from_the_data_and_labelled(html_tree):
    costs = load_guide_data(ROOT / "data").costs
    soup = html_tree(page_calling("course_estimate"))
    rows = _table_rows(soup)
    assert [r[1] for r in rows] == [f"About {format_money(costs.initial_visit + n * costs.follow_up)}"
                                    for n in costs.estimate_follow_ups]
    assert "estimate" in soup.select_one("article").get_text().lower()


def test_changing_the_data_changes_the_tables(tmp_path):
    project = copy_project(tmp_path / "project")
    data = project / "data" / "costs.yml"
    text = data.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^initial_visit: .*$", "initial_visit: 123.45", text)
    text = re.sub(r"(?m)^follow_up: .*$", "follow_up: 91", text)
    text = re.sub(r"(?m)^  low: .*$", "  low: 65", text)
    text = re.sub(r"(?m)^  high: .*$", "  high: 175", text)
    text = re.sub(r"(?m)^estimate_follow_ups: .*$", "estimate_follow_ups: [3]", text)
    data.write_text(text, encoding="utf-8")
    result = guide_build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    read = lambda src: BeautifulSoup(built_path(tmp_path / "out" / "site", src).read_text(encoding="utf-8"), "lxml")
    table = _table_rows(read(page_calling("cost_table")))
    assert table[0][1] == "$65 to $175" and table[1][1] == "About $123.45" and table[2][1] == "About $91 on average"
    assert _table_rows(read(page_calling("course_estimate"))) == [
        ["A first visit and 3 follow-up visits (4 visits in all)", f"About {format_money(Decimal('123.45') + 3 * 91)}"]]

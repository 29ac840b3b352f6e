"""The Spanish edition (issue 14): docs-es/ built with mkdocs.es.yml.

Relations only, never today's values: every English page has a Spanish twin, the Spanish figures
equal data/costs.yml, every Spanish page reads easily (Fernández-Huerta >= 70), an English edit
makes its twin "behind" (listed by guide/translations.py and flagged on the page), and the
language switch leads to the same page in the other language.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, TEST_SITE_URL, build_env, built_path, copy_project
from guide.translations import (ENGLISH_DIR, SPANISH_DIR, behind_notice, front_matter, source_hash,
                                translation_status)
from macros.models import Costs, PriceRange, load_guide_data
from macros.render import (DATA_TEXT_ES, course_total, format_money, render_cost_table,
                           render_course_estimate, render_price)
from prose_es import FLOOR, fernandez_huerta, page_scores
from prose import page_prose

ES_CONFIG = "mkdocs.es.yml"
# What a Spanish build reads besides conftest.PROJECT_PARTS.
SPANISH_PARTS = (SPANISH_DIR, ES_CONFIG, "guide")
QUESTIONS = ROOT / "tests" / "search_questions_es.yml"


def build(project: Path, site: Path, **env: str) -> subprocess.CompletedProcess:
    """The whole path (`python -m guide site`) on a project copy; its Spanish edition lands in
    site/es/ (read it with `site / "es"`)."""
    return subprocess.run([sys.executable, "-m", "guide", "site", "--site-dir", str(site),
                           "--offline-dir", str(site.parent / (site.name + "-offline"))],
                          cwd=project, env=build_env(GUIDE_EDIT_URI_ES="edit/main/docs-es/", **env),
                          capture_output=True, text=True, timeout=600)


def copy_spanish_project(dest: Path) -> Path:
    return copy_project(dest)  # scripts/project.py copies both editions


def _load_yaml(path: Path) -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)


def _nav_files(nav) -> list[str]:
    files = []
    for item in nav:
        for target in item.values():
            files.extend([target] if isinstance(target, str) else _nav_files(target))
    return files


@pytest.fixture(scope="module")
def es_site(site_dir) -> Path:
    """The Spanish edition, as `make site` published it under es/."""
    return site_dir / "es"


def es_page(site: Path, src: str) -> BeautifulSoup:
    return BeautifulSoup(built_path(site, src).read_text(encoding="utf-8"), "lxml")


def es_page_calling(macro: str) -> str:
    """The one docs-es/ page that calls {{ macro(...) }}: found by what it does, not its name."""
    call = re.compile(r"\{\{-?\s*" + re.escape(macro) + r"\s*\(")
    found = [p.relative_to(ROOT / SPANISH_DIR).as_posix() for p in sorted((ROOT / SPANISH_DIR).rglob("*.md"))
             if call.search(p.read_text(encoding="utf-8"))]
    assert len(found) == 1, f"expected one Spanish page calling {macro}(), found {found}"
    return found[0]


def _rows(soup) -> list[list[str]]:
    return [[c.get_text(" ", strip=True) for c in tr.select("td")] for tr in soup.select("article table tbody tr")]


# --- every page has a twin ----------------------------------------------------------------

def test_every_spanish_page_has_its_english_page_in_the_same_menu_place():
    """Each Spanish page twins an English page of the same file name, and the Spanish menu lists
    the twins in the English menu's order. An English page with no twin yet (an editor added it)
    is allowed: `make check` lists it (guide/translations.py, translation_status), and the
    Spanish menu leaves it out."""
    english = sorted(p.relative_to(ROOT / ENGLISH_DIR).as_posix() for p in (ROOT / ENGLISH_DIR).rglob("*.md"))
    spanish = sorted(p.relative_to(ROOT / SPANISH_DIR).as_posix() for p in (ROOT / SPANISH_DIR).rglob("*.md"))
    assert set(spanish) <= set(english), "docs-es/ has a page with no English page of the same file name"
    untwinned = {f.path.removeprefix(f"{ENGLISH_DIR}/") for f in translation_status(ROOT)
                 if f.path.startswith(f"{ENGLISH_DIR}/") and "no Spanish twin" in f.message}
    assert untwinned == set(english) - set(spanish), "make check must list each English page with no Spanish twin"
    english_nav = [f for f in _nav_files(_load_yaml(ROOT / "mkdocs.yml")["nav"]) if f in spanish]
    assert _nav_files(_load_yaml(ROOT / ES_CONFIG)["nav"]) == english_nav


def test_every_spanish_page_records_the_english_version_it_translates():
    for page in sorted((ROOT / SPANISH_DIR).rglob("*.md")):
        meta = front_matter(page.read_text(encoding="utf-8"))
        assert re.fullmatch(r"[0-9a-f]{12}", str(meta.get("translation_of"))), f"{page.name}: translation_of"
        assert isinstance(meta.get("translated"), date), f"{page.name}: translated: YYYY-MM-DD"


def test_no_spanish_page_types_a_dollar_amount():
    typed = [f"{md.name}:{n}" for md in sorted((ROOT / SPANISH_DIR).rglob("*.md"))
             for n, line in enumerate(md.read_text(encoding="utf-8").splitlines(), 1) if re.search(r"\$\s?\d", line)]
    assert not typed, "amounts come from data/costs.yml through a macro: " + ", ".join(typed)


# --- figures ------------------------------------------------------------------------------

def test_the_spanish_cost_table_equals_the_data(es_site):
    costs = load_guide_data(ROOT / "data").costs
    rows = _rows(es_page(es_site, es_page_calling("cost_table")))
    assert [r[1] for r in rows] == [
        f"de {format_money(costs.private_session.low)} a {format_money(costs.private_session.high)}",
        f"Unos {format_money(costs.initial_visit)}",
        f"Unos {format_money(costs.follow_up)} en promedio",
        DATA_TEXT_ES.get(costs.dry_needling_billing, costs.dry_needling_billing),
    ]


def test_the_spanish_course_estimate_equals_the_data(es_site):
    costs = load_guide_data(ROOT / "data").costs
    rows = _rows(es_page(es_site, es_page_calling("course_estimate")))
    assert [r[1] for r in rows] == [f"Unos {format_money(course_total(costs, n))}" for n in costs.estimate_follow_ups]
    assert [re.search(r"\((\d+) visitas en total\)", r[0])[1] for r in rows] == \
        [str(n + 1) for n in costs.estimate_follow_ups]


def test_the_spanish_estimator_carries_the_data(es_site):
    costs = load_guide_data(ROOT / "data").costs
    box = es_page(es_site, es_page_calling("cost_estimator")).select_one(".cost-estimator")
    assert Decimal(box["data-initial"]) == costs.initial_visit
    assert Decimal(box["data-follow-up"]) == costs.follow_up
    assert box.select_one("label").get_text().startswith("Número de visitas")


COSTS = Costs(checked=date(2026, 1, 2), source="s", currency="USD", region="the United States",
              private_session=PriceRange(low=Decimal("70.5"), high=Decimal(1500)),
              initial_visit=Decimal(1234), follow_up=Decimal("50.5"),
              dry_needling_billing="Something new.", estimate_follow_ups=(1, 3), study_year=2019, report_year=2022)


def test_spanish_money_is_written_as_us_spanish_readers_expect():
    assert render_price(COSTS, "private_session", "es") == "de $70.50 a $1,500"
    assert render_price(COSTS, "follow_up", "es") == "$50.50"
    lines = render_cost_table(COSTS, "[c]", "GoodRx", "es").splitlines()
    assert lines[0].startswith("Precios comunes en Estados Unidos.") and "2 de enero de 2026" in lines[-1]
    assert "2019" in lines[0] and "GoodRx" in lines[0] and "2022" in lines[0]
    assert lines[4:8] == [
        "| Una sesión privada de acupuntura | de $70.50 a $1,500 |",
        "| Una primera visita de acupuntura, sin seguro | Unos $1,234 |",
        "| Una visita de seguimiento de acupuntura | Unos $50.50 en promedio |",
        "| Punción seca con un fisioterapeuta | Something new. |",  # no Spanish yet: shown as it is
    ]
    assert render_course_estimate(COSTS, "es").splitlines()[4:] == [
        "| Una primera visita y 1 visita de seguimiento (2 visitas en total) | Unos $1,284.50 |",
        "| Una primera visita y 3 visitas de seguimiento (4 visitas en total) | Unos $1,385.50 |",
    ]


def test_the_english_renderers_are_unchanged_by_the_language_parameter():
    assert render_price(COSTS, "private_session") == "$70.50 to $1,500"
    assert render_cost_table(COSTS, "[c]", "GoodRx").startswith("Typical prices in the United States.")


# --- plain Spanish ------------------------------------------------------------------------

def test_every_spanish_page_reads_easily(es_site):
    scores = page_scores(es_site)
    assert len(scores) >= len(list((ROOT / SPANISH_DIR).rglob("*.md"))) - 1  # print/ holds them all
    hard = {page: score for page, score in scores.items() if score < FLOOR}
    assert not hard, f"Fernández-Huerta under {FLOOR} (use shorter sentences and common words): {hard}"


def test_the_readability_measure_tells_hard_spanish_from_easy():
    easy = "Tome agua. Descanse un día. Si le duele mucho, llame a su médico."
    hard = ("La administración intramuscular de anestésicos locales constituye una alternativa terapéutica "
            "considerablemente eficaz para pacientes diagnosticados con síndrome miofascial persistente.")
    assert fernandez_huerta(easy) >= FLOOR > fernandez_huerta(hard)


STRUCTURE = re.compile(r'^\s*(?P<box>(?:!!!|\?\?\?\+?) [\w-]+)|^\s*(?P<tab>===\+? ")|\{\{\s*(?P<macro>\w+)\(')


def structure(markdown: str) -> list[str]:
    """The page's boxes (with their kind: warning, tip...), tabs and macros, in order."""
    found = []
    for line in markdown.splitlines():
        for m in STRUCTURE.finditer(line):
            found.append(m["box"] or (m["tab"] and "tab") or m["macro"])
    return [f for f in found if f != "spanish"]


def in_step_pages() -> list[Path]:
    """The English pages whose Spanish twin translates the English as it is now. A twin that is
    behind says so to its readers (and `make check` lists it): it may differ until it is updated."""
    from guide.translations import front_matter, is_behind

    pages = []
    for english in sorted((ROOT / ENGLISH_DIR).rglob("*.md")):
        spanish = ROOT / SPANISH_DIR / english.relative_to(ROOT / ENGLISH_DIR)
        if spanish.is_file() and not is_behind(english.read_bytes(), front_matter(spanish.read_text(encoding="utf-8"))):
            pages.append(english)
    return pages


def test_each_spanish_page_has_the_structure_of_its_english_page():
    """Same warnings (the disclaimer, the safety warnings), boxes, tabs and macros, in the same order."""
    for english in in_step_pages():
        name = english.relative_to(ROOT / ENGLISH_DIR)
        spanish = ROOT / SPANISH_DIR / name
        assert structure(spanish.read_text(encoding="utf-8")) == structure(english.read_text(encoding="utf-8")), name


def test_each_spanish_page_links_to_the_same_pages_as_its_english_page():
    link = re.compile(r"\]\(([\w/-]+\.md)(?:#[\w-]*)?\)")
    for english in in_step_pages():
        name = english.relative_to(ROOT / ENGLISH_DIR)
        spanish = (ROOT / SPANISH_DIR / name).read_text(encoding="utf-8")
        assert set(link.findall(spanish)) == set(link.findall(english.read_text(encoding="utf-8"))), name


# --- the page itself ----------------------------------------------------------------------

def test_spanish_pages_say_they_are_spanish_and_search_in_spanish(es_site):
    for src in ("index.md", "aftercare.md"):
        soup = es_page(es_site, src)
        assert soup.html["lang"] == "es"
        assert "Última revisión de la página" in soup.select_one(".review-dates").get_text()
    index = yaml.safe_load((es_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["es"]
    assert (es_site / "assets/javascripts/lunr/min/lunr.es.min.js").is_file()
    assert es_page(es_site, "print.md").html["lang"] == "es"
    four04 = BeautifulSoup((es_site / "404.html").read_text(encoding="utf-8"), "lxml")
    assert four04.html["lang"] == "es" and four04.h1.get_text() == "No encontramos esa página"


def test_the_spanish_tabs_are_linked_by_their_spanish_labels(es_site):
    labels = {label.get_text(strip=True) for label in es_page(es_site, "acupuncture-vs-dry-needling.md")
              .select(".tabbed-labels label")}
    assert labels == set(_load_yaml(ROOT / ES_CONFIG)["extra"]["tab_labels"])


def test_the_glossary_tooltips_are_spanish(es_site):
    soup = es_page(es_site, "trigger-points.md")
    titles = {abbr.get_text(): abbr["title"] for abbr in soup.select("article abbr")}
    assert "banda tensa" in titles and titles["banda tensa"].startswith("Una tira")
    terms = [dt.get_text(strip=True) for dt in es_page(es_site, "glossary.md").select("article dt")]
    assert "punción seca" in terms


def test_the_language_switch_leads_to_the_same_page_in_english(es_site, tmp_path):
    switch = es_page(es_site, "aftercare.md").select_one('a.md-select__link[hreflang="en"]')
    assert switch["href"] == "../../aftercare/" and switch["lang"] == "en"
    assert es_page(es_site, "index.md").select_one('a.md-select__link[hreflang="en"]')["href"] == "./../"
    english = BeautifulSoup(built_path(es_site.parent, "aftercare.md").read_text(encoding="utf-8"), "lxml")
    assert english.select_one('a.md-select__link[hreflang="es"]')["href"] == "../es/aftercare/"


# --- translations that cannot silently fall behind ----------------------------------------

def _stamp_all(project: Path) -> None:
    """Mark every Spanish page of a project copy as translating today's English page."""
    for page in (project / SPANISH_DIR).rglob("*.md"):
        name = page.relative_to(project / SPANISH_DIR)
        if not (project / ENGLISH_DIR / name).is_file():
            continue  # a Spanish page whose English page was renamed or removed: listed, not stamped
        now = source_hash((project / ENGLISH_DIR / name).read_bytes())
        page.write_text(re.sub(r"(?m)^translation_of: .*$", f"translation_of: {now}", page.read_text(encoding="utf-8")),
                        encoding="utf-8")


def test_an_english_edit_makes_its_spanish_twin_behind(tmp_path):
    project = copy_spanish_project(tmp_path / "project")
    _stamp_all(project)
    assert [str(f) for f in translation_status(project) if f.path.startswith(SPANISH_DIR)] == []
    english = project / ENGLISH_DIR / "aftercare.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nDrink a glass of water.\n", encoding="utf-8")
    behind = [f for f in translation_status(project) if f.path.startswith(SPANISH_DIR)]
    assert [f.path for f in behind] == [f"{SPANISH_DIR}/aftercare.md"]
    assert "behind" in behind[0].message and source_hash(english.read_bytes()) in behind[0].message

    # ... and the page says so at its top, with a link to the English page; its neighbours do not.
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    page = es_page(tmp_path / "site" / "es", "aftercare.md")
    notice = page.select_one("article .admonition.warning")
    assert "Esta traducción es del" in notice.get_text() and "la página en inglés cambió después" in notice.get_text()
    assert notice.select_one('a[hreflang="en"]')["href"] == "../../aftercare/"
    assert "Esta traducción es del" not in es_page(tmp_path / "site" / "es", "your-session.md").get_text()


def test_a_missing_twin_and_a_stray_page_are_listed(tmp_path):
    project = copy_spanish_project(tmp_path / "project")
    (project / ENGLISH_DIR / "new-page.md").write_text("# New\n", encoding="utf-8")
    (project / SPANISH_DIR / "old-page.md").write_text("# Vieja\n", encoding="utf-8")
    paths = [f.path for f in translation_status(project)]
    assert f"{ENGLISH_DIR}/new-page.md" in paths and f"{SPANISH_DIR}/old-page.md" in paths


def test_the_behind_notice_escapes_what_an_editor_typed():
    notice = behind_notice('2026-13-01"><script>x</script>', '../x/" onclick="y')
    assert "<script>" not in notice and 'onclick="' not in notice
    assert "del 1 de diciembre de 2026" in behind_notice(date(2026, 12, 1), "../")


# --- the Spanish question set -------------------------------------------------------------

def test_the_spanish_question_set_names_real_pages():
    questions = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    assert len(questions) >= 20
    for item in questions:
        assert set(item) == {"question", "page"}, item
        assert (ROOT / SPANISH_DIR / item["page"]).is_file(), item


def test_spanish_prose_is_measured_like_english():
    html = "<article class='md-content__inner'><h1>T</h1><p>Una frase corta.</p><table><tr><td>$1</td></tr></table></article>"
    assert page_prose(html) == "Una frase corta."


# --- hreflang: each sitemap entry names its twin (guide/hreflang.py, run after both builds) ---

def test_each_sitemap_entry_names_its_twin_in_the_other_language(site_dir, es_site):
    import xml.etree.ElementTree as ET

    site = site_dir  # `make site` ran link_editions on the hosted build (SITE_URL set by the tests)
    base = TEST_SITE_URL
    for folder in ("", "es/"):
        # Pages name no alternates: Material's script would fetch a sitemap beside each one.
        assert not BeautifulSoup((site / folder / "aftercare" / "index.html").read_text(encoding="utf-8"),
                                 "lxml").select('link[rel="alternate"][hreflang]'), folder
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = {folder: {url.find("s:loc", ns).text.strip(): {a.get("hreflang"): a.get("href") for a in url.findall("x:link", ns)}
                        for url in ET.parse(site / folder / "sitemap.xml").getroot().findall("s:url", ns)}
               for folder in ("", "es/")}
    twins = [(en, en.replace(base, base + "es/", 1)) for en in entries[""]
             if en.replace(base, base + "es/", 1) in entries["es/"]]
    assert twins, "no page has a twin in the sitemaps"
    for en, es in twins:  # each names itself and its twin, both ways, and the English as x-default
        for loc in (en, es):
            assert entries["es/" if loc == es else ""][loc] == {"en": en, "es": es, "x-default": en}, loc
    for folder, own in entries.items():  # a page with no twin yet (a new English page) names none
        for loc, alternates in own.items():
            if loc not in {page for pair in twins for page in pair}:
                assert alternates == {}, loc


def test_the_spanish_glossary_reads_easily():
    """The glossary's meanings (tooltips and the Glossary page's list, which page_prose leaves out)."""
    from macros.models import load_glossary

    meanings = "\n".join(e.definition for e in load_glossary(ROOT / "includes" / "glossary.es.md"))
    assert fernandez_huerta(meanings) >= FLOOR


def test_the_spanish_config_repeats_every_english_list():
    """INHERIT replaces lists whole: a hook, plugin or extension added to mkdocs.yml only would
    silently be missing from the Spanish edition."""
    def names(items) -> list[str]:
        return [item if isinstance(item, str) else next(iter(item)) for item in items]

    english, spanish = _load_yaml(ROOT / "mkdocs.yml"), _load_yaml(ROOT / ES_CONFIG)
    assert spanish["hooks"] == english["hooks"]
    assert names(spanish["plugins"]) == names(english["plugins"])
    assert names(spanish["markdown_extensions"]) == names(english["markdown_extensions"])
    assert [len(spanish["theme"]["palette"])] == [len(english["theme"]["palette"])]

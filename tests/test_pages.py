"""The built guide has every page a reader expects, and the theme settings readers depend on."""
import json
import re

from conftest import ROOT, TEST_REPO_URL, built_path


def test_every_nav_page_is_built_with_its_title(site_dir, nav_pages, html_tree):
    assert len(nav_pages) >= 10
    for title, src in nav_pages:
        assert built_path(site_dir, src).is_file(), src
        soup = html_tree(src)
        assert len(soup.select("article h1")) == 1, f"{src} should have exactly one main heading"
        nav_link = soup.select_one(f'nav.md-nav--primary a.md-nav__link[href]:-soup-contains("{title}")')
        assert nav_link is not None, f"{src}: the navigation has no link titled {title!r}"


def test_every_page_has_its_own_description(nav_pages, html_tree, config):
    seen = set()
    for _, src in nav_pages:
        meta = html_tree(src).select_one('meta[name="description"]')
        assert meta and meta["content"].strip(), src
        assert meta["content"] != config["site_description"].strip(), f"{src} uses the site-wide description"
        seen.add(meta["content"])
    assert len(seen) == len(nav_pages), "two pages share a description"


def test_the_404_page_speaks_in_the_guides_voice(site_dir):
    text = (site_dir / "404.html").read_text(encoding="utf-8")
    assert "We could not find that page" in text
    assert "search" in text.lower()


def test_disclaimer_on_the_home_page(html_tree):
    home = html_tree("index.md")
    warning = home.select_one(".admonition.warning")
    assert warning is not None, "the home page needs its disclaimer admonition"
    assert re.search(r"not replace|does not replace", warning.get_text(), re.I)


def test_edit_links_open_each_pages_own_file(nav_pages, html_tree):
    for _, src in nav_pages:
        edit = html_tree(src).select_one('a.md-content__button[href*="/edit/"]')
        assert edit is not None, f"{src} has no Edit this page button"
        assert edit["href"] == f"{TEST_REPO_URL}/edit/main/docs/{src}"


def test_review_dates_at_the_foot_of_every_page(nav_pages, html_tree):
    for _, src in nav_pages:
        dates = html_tree(src).select(".review-dates time[datetime]")
        assert [t["datetime"][:4].isdigit() for t in dates] == [True, True], src


def _theme_config(soup) -> dict:
    return json.loads(soup.select_one("#__config").get_text())


def test_theme_links_tabs_and_follows_the_system_colour_scheme(html_tree):
    home = html_tree("index.md")
    features = _theme_config(home)["features"]
    assert "content.tabs.link" in features
    # The colour switch (issue 12): one button; the colours script knows a light and a dark
    # scheme, each for the system setting it follows until the reader presses the button.
    assert home.select_one("button[data-guide-palette]"), "the colour switch"
    palette = json.loads(home.select_one("script[data-palette]")["data-palette"])
    assert {(p["media"], p["scheme"]) for p in palette} >= {
        ("(prefers-color-scheme: light)", "default"), ("(prefers-color-scheme: dark)", "slate")}
    assert home.select_one(".md-search"), "search box"


def test_no_font_script_or_style_from_another_site(site_dir):
    from bs4 import BeautifulSoup

    for page in site_dir.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        loaded = [t.get("src", "") for t in soup.select("script[src], img[src], iframe[src]")]
        # canonical and hreflang alternates name the guide's own addresses; they load nothing
        loaded += [t["href"] for t in soup.select("link[href]") if t.get("rel") not in (["canonical"], ["alternate"])]
        remote = [u for u in loaded if re.match(r"(https?:)?//", u) and not u.startswith("http://127.0.0.1")]
        assert not remote, f"{page} loads {remote}"
        assert "fonts.googleapis" not in str(soup), page


def test_site_description_is_set(html_tree, config):
    assert config["site_description"].strip()
    assert config["theme"]["font"] is False


def test_rich_previews_and_structured_data_on_every_page(nav_pages, html_tree):
    from macros.models import load_guide_data

    data = load_guide_data(ROOT / "data")
    titles = {s.id: s.title for s in data.sources}
    for _, src in nav_pages:
        soup = html_tree(src)
        meta = lambda key: (soup.select_one(f'meta[property="{key}"], meta[name="{key}"]') or {}).get("content")
        description = meta("description")
        assert meta("og:description") == description, src
        assert meta("og:title") and meta("og:url") == soup.select_one('link[rel="canonical"]')["href"], src
        ld = json.loads(soup.select_one('script[type="application/ld+json"]').get_text())
        assert ld["@type"] == "MedicalWebPage" and ld["about"]["name"], src
        assert ld["url"] == meta("og:url") and ld["description"] == description, src
        reviewed = soup.select_one(".review-dates time")["datetime"]
        assert ld["lastReviewed"] == reviewed, src
        cited = {a["href"].partition("#")[2] for a in soup.select("article sup.citation a")}
        assert sorted(w["name"] for w in ld["citation"]) == sorted(titles[c] for c in cited), src


def test_the_handout_is_left_out_of_search(site_dir, nav_pages):
    from macros import HANDOUT_PAGE

    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert HANDOUT_PAGE.removesuffix(".md") + "/" not in locations
    others = [src.removesuffix(".md") + "/" for _, src in nav_pages if src not in ("index.md", HANDOUT_PAGE)]
    assert others and set(others) <= locations

"""Citations resolve to the sources page, and the sources page links back to the pages citing it."""
import re
from urllib.parse import urljoin

from conftest import ROOT, built_path
from macros import HANDOUT_PAGE, SOURCES_PAGE
from macros.models import load_guide_data


def _citations(html_tree, nav_pages):
    """(citing page, source id) for every citation mark on the built site."""
    found = []
    for _, src in nav_pages:
        for a in html_tree(src).select("article sup.citation a[href]"):
            page, _, anchor = a["href"].partition("#")
            stem = SOURCES_PAGE.removesuffix(".md")
            assert page.rstrip("/").endswith(stem) or page.endswith(f"{stem}.html"), a["href"]
            found.append((src, anchor, a.get_text()))
    return found


def test_every_citation_points_at_a_source_entry(html_tree, nav_pages):
    data = load_guide_data(ROOT / "data")
    sources_page = html_tree(SOURCES_PAGE)
    citations = _citations(html_tree, nav_pages)
    assert citations, "the guide cites no source"
    for src, anchor, text in citations:
        heading = sources_page.select_one(f'h2[id="{anchor}"]')
        assert heading is not None, f"{src} cites #{anchor}, which is not on the sources page"
        number = data.source_number(anchor)
        assert text == f"[{number}]" and heading.get_text().startswith(f"{number}. "), (src, anchor)


def test_each_source_lists_exactly_the_pages_that_cite_it(html_tree, nav_pages, site_dir):
    data = load_guide_data(ROOT / "data")
    citations = _citations(html_tree, nav_pages)
    sources_page = html_tree(SOURCES_PAGE)
    sources_url = built_path(site_dir, SOURCES_PAGE).relative_to(site_dir).parent.as_posix() + "/"
    for source in data.sources:
        # The printable handout repeats every page's citations; the back-links name the pages.
        expected = {built_path(site_dir, src).relative_to(site_dir).parent.as_posix()
                    for src, anchor, _ in citations if anchor == source.id and src != HANDOUT_PAGE}
        assert expected, f"{source.id} is cited nowhere"
        paragraph = sources_page.select_one(f'h2[id="{source.id}"]').find_next_sibling("p").find_next_sibling("p")
        assert paragraph.get_text().startswith("Cited on:")
        linked = {urljoin(sources_url, a["href"]).rstrip("/").removesuffix("/.") or "." for a in paragraph.select("a")}
        linked = {("." if l in ("", ".") else l.removeprefix("./")) for l in linked}
        expected = {("." if e in ("", ".") else e) for e in expected}
        assert linked == expected, source.id


def test_sources_keep_their_urls_empty_rather_than_guessed():
    for source in load_guide_data(ROOT / "data").sources:
        assert source.url == "" or source.url.startswith("https://")


NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve"]


def test_the_sources_page_lists_every_source_once_and_counts_from_the_data(html_tree):
    """As many numbered entries as data/sources.yml has, in its order; and any count of sources the
    page's text or description gives ("the five sources") is the data's count."""
    data = load_guide_data(ROOT / "data")
    page = html_tree(SOURCES_PAGE)
    ids = {s.id for s in data.sources}
    headings = [h.get("id") for h in page.select("article h2[id]") if h.get("id") in ids]
    assert headings == [s.id for s in data.sources]
    text = page.select_one("article").get_text(" ") + " " + page.select_one('meta[name="description"]')["content"]
    for word in re.findall(r"\b(\w+)\s+sources\b", text, re.I):
        word = word.lower()
        count = int(word) if word.isdigit() else NUMBER_WORDS.index(word) if word in NUMBER_WORDS else None
        assert count in (None, len(data.sources)), \
            f"the sources page speaks of {word} sources, but data/sources.yml lists {len(data.sources)}"

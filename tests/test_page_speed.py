"""What keeps page loads short (issue 5; bench/lighthouse measures the result), checked on every
page of both builds as `make site` makes them."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import html_pages
from macros import HANDOUT_PAGE


@pytest.fixture(scope="module")
def pages(made_build) -> list[tuple[str, BeautifulSoup]]:
    _, site = made_build
    return [(p.relative_to(site).as_posix(), BeautifulSoup(p.read_text(encoding="utf-8"), "lxml"))
            for p in html_pages(site)]


def test_no_script_holds_up_the_first_paint(pages):
    """Scripts in <body> are `defer`red (overrides/main.html): fetched at low priority and run once
    the page is read. Only the offline copy's Worker stand-in sits in <head>, by Material's design."""
    for where, soup in pages:
        for script in soup.body.find_all("script", src=True):
            assert script.has_attr("defer"), f"{where}: {script['src']} is not deferred"
        for script in soup.head.find_all("script", src=True):
            assert script["src"].endswith("iframe-worker.js"), f"{where}: {script['src']} in <head>"


def test_materials_palette_code_finds_nothing_to_run(pages):
    """The colour switch is the guide's own (overrides/partials/palette.html, run by
    docs/assets/javascripts/palette.js): Material's script mounts its palette code on an element
    marked `data-md-component="palette"`, which restyles the whole page twice as it opens. No page
    has one; every page has the switch, and loads the guide's script for it (deferred)."""
    for where, soup in pages:
        assert not soup.select('[data-md-component="palette"]'), where
        assert soup.select_one("header button[data-guide-palette]") is not None, where
        assert any(s["src"].endswith("javascripts/palette.js") for s in soup.find_all("script", src=True)), where
        # The colours themselves are set before the header, so nothing is drawn in the wrong ones.
        colours = soup.find(lambda tag: tag.name == "script" and "var __guide_colors" in tag.get_text())
        assert colours is not None and colours.find_next("header") is not None, where


def test_the_guides_inline_scripts_are_the_text_of_their_templates(pages):
    """The Content-Security-Policy allows inline scripts by hashes computed from the template
    sources (issue 11): the guide's inline scripts (colours, content tabs) must come out of the
    build exactly as written in overrides/partials/javascripts/, on every page of both builds."""
    import re

    from conftest import ROOT
    written = set()
    for name in ("colors.html", "content.html"):
        source = (ROOT / "overrides" / "partials" / "javascripts" / name).read_text(encoding="utf-8")
        for body in re.findall(r"<script[^>]*>(.*?)</script>", source, re.S):
            assert "{{" not in body and "{%" not in body, f"{name}: Jinja inside a <script>"
            written.add(body)
    for where, soup in pages:
        for script in soup.find_all("script", src=False):
            text = script.string or ""
            if "__guide_colors" in text or "__tabbed_" in text or '__md_get("__tabs")' in text:
                assert text in written, f"{where}: an inline script that is not its template's text"


def test_only_the_handout_goes_without_materials_script(pages):
    for where, soup in pages:
        sources = [s["src"] for s in soup.find_all("script", src=True)]
        has_bundle = any("/bundle." in "/" + s for s in sources)
        stem = HANDOUT_PAGE.removesuffix(".md")
        is_handout = where.removeprefix("es/") in {f"{stem}/index.html", f"{stem}.html"}  # either edition
        assert has_bundle != is_handout, f"{where}: {sources}"


def test_materials_tab_scripts_only_where_there_are_tabs(pages):
    """overrides/partials/javascripts/content.html: Material's two inline scripts for content tabs
    are written into pages with tabs, and only there (elsewhere they are dead weight)."""
    for where, soup in pages:
        has_tabs = soup.select_one("article .tabbed-set") is not None
        inline = " ".join(s.get_text() for s in soup.find_all("script", src=False))
        assert ('__md_get("__tabs")' in inline) == has_tabs, where
        assert ('startsWith("__tabbed_")' in inline) == has_tabs, where

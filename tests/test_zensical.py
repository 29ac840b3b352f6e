"""Ready for Zensical: the same project, built by Material's successor, gives the same pages.

Zensical runs from its own virtual environment (.venv-zensical, made by `make test` from
requirements-zensical.txt) because it must not share packages with MkDocs. What differs by
design: the guide's one MkDocs hook (hooks/mkdocs_events.py: compact templates, escaped front
matter, the offline Worker stand-in) and mkdocs-macros' on_pre_page_macros do not run under
Zensical. This test runs Zensical alone; the guide's own steps (guide/: check, finish, verify)
run on any engine's output. See README.md, "Moving to Zensical".
"""
import os
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import CHECKOUT, built_path, copy_project

ZENSICAL = CHECKOUT / ".venv-zensical" / "bin" / "zensical"


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    if not ZENSICAL.exists():
        reason = f"Zensical is not installed at {ZENSICAL.relative_to(CHECKOUT)} (make test installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI: {reason}", pytrace=False)
        pytest.skip(reason)
    project = copy_project(tmp_path_factory.mktemp("zensical"))
    result = subprocess.run([str(ZENSICAL), "build", "--strict"], cwd=project, capture_output=True, text=True,
                            timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def _tidy(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00b6", "")).strip()


def _key_content(html: str) -> dict:
    article = BeautifulSoup(html, "lxml").select_one("article")
    return {
        "headings": [_tidy(h.get_text()) for h in article.select("h1, h2, h3")],
        "table cells": [_tidy(td.get_text()) for td in article.select("table td")],
        "citations": [_tidy(a.get_text()) for a in article.select("sup.citation a")],
        "tabs": [_tidy(label.get_text()) for label in article.select(".tabbed-labels label")],
        "admonitions": [_tidy(t.get_text()) for t in article.select(".admonition-title, details > summary")],
        "terms": sorted({abbr["title"] for abbr in article.select("abbr[title]")}),
    }


def test_zensical_builds_the_same_pages(zensical_site, site_dir):
    pages = lambda site: sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    assert pages(zensical_site) == pages(site_dir)
    assert (zensical_site / "404.html").exists()


def test_zensical_pages_have_the_same_key_content(zensical_site, site_dir, nav_pages):
    for _, src in nav_pages:
        ours = _key_content(built_path(site_dir, src).read_text(encoding="utf-8"))
        theirs = _key_content(built_path(zensical_site, src).read_text(encoding="utf-8"))
        assert theirs == ours, src

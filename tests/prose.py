"""The prose a reader sees on a built page, and how hard it is to read.

Used by tests/test_content.py, and by writers as a command:

    .venv/bin/python tests/prose.py site        # grade of every page in a build

Prose is the text of the page's paragraphs, list items, admonitions and tabs. Tables, code,
headings and navigation are left out: they are not sentences, and Flesch-Kincaid would score
a table of figures as one long sentence.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from bs4 import BeautifulSoup

# Text that is not prose: figures, code, navigation added by the theme, citation marks.
_NOT_PROSE = "table, pre, code, h1, h2, h3, h4, h5, h6, .md-source-file, .review-dates, sup, .headerlink, .admonition-title, summary, .tabbed-labels, script, style"


def page_prose(html: str) -> str:
    """The sentences of a built page's article, one block a line."""
    soup = BeautifulSoup(html, "lxml")
    article = soup.select_one("article.md-content__inner") or soup.body
    for tag in article.select(_NOT_PROSE):
        tag.decompose()
    blocks = []
    for block in article.select("p, li"):
        if block.find(["p", "li"]):
            continue  # only the innermost blocks, so no text is counted twice
        text = re.sub(r"\s+", " ", block.get_text(" ")).strip()
        if text:
            # A list item without a full stop is still a sentence to the reader.
            blocks.append(text if text[-1] in ".!?:" else text + ".")
    return "\n".join(blocks)


def grade(text: str) -> float:
    """Flesch-Kincaid grade level (textstat 0.7.3, which works offline)."""
    import textstat

    return float(textstat.flesch_kincaid_grade(text))


def site_prose(site: Path) -> dict[str, str]:
    """Built page (relative path) -> its prose, for every page of a built folder that has prose
    (hosted: name/index.html; offline copy: name.html); not the 404 page, search or assets."""
    found = {}
    for page in sorted(site.glob("**/index.html")) or sorted(site.glob("*.html")):
        rel = page.relative_to(site).as_posix()
        if rel.startswith(("search/", "assets/")) or rel == "404.html":
            continue
        text = page_prose(page.read_text(encoding="utf-8"))
        if text:
            found[rel] = text
    return found


def main(site: Path) -> int:
    grades = {rel: grade(text) for rel, text in site_prose(site).items()}
    for rel, g in grades.items():
        print(f"{g:5.1f}  {rel}")
    if grades:
        print(f"{sum(grades.values()) / len(grades):5.1f}  average")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "site")))

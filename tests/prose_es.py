"""How hard the Spanish pages are to read: Fernández-Huerta (textstat 0.7.3, language "es").

The Spanish twin of tests/prose.py, measured on the same prose: the text of a built page's
paragraphs, list items, admonitions and tabs (tests/prose.py page_prose), so front matter,
macros and Markdown syntax are already gone, and tables, headings and code are left out.
Fernández-Huerta runs from 0 (very hard) to 100 (very easy); 70 and above reads as "fairly
easy" (bastante fácil), the guide's floor for every Spanish page (issue 14).

    .venv/bin/python tests/prose_es.py /tmp/es-site     # score of every page of a Spanish build
    .venv/bin/python tests/prose_es.py docs-es          # the same, from the Markdown (not built)
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from prose import page_prose, site_prose  # noqa: E402

FLOOR = 70


def fernandez_huerta(text: str) -> float:
    """Fernández-Huerta readability of Spanish text (textstat 0.7.3, which works offline)."""
    import textstat

    textstat.set_lang("es")
    try:
        return float(textstat.fernandez_huerta(text))
    finally:
        textstat.set_lang("en_US")  # textstat's setting is global: leave it as the English tests expect


def page_scores(site: Path) -> dict[str, float]:
    """Built page (relative path) -> Fernández-Huerta of its prose, for every page with prose."""
    return {rel: fernandez_huerta(text) for rel, text in site_prose(site).items()}


def markdown_prose(markdown: str) -> str:
    """The prose of a page's Markdown source, for a page not built yet: front matter and macros
    ({{ ... }}) removed, then rendered and measured as a built page is (page_prose)."""
    import re

    import markdown as md

    text = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", text)
    html = md.markdown(text, extensions=["admonition", "attr_list", "def_list", "md_in_html", "tables",
                                         "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed"])
    return page_prose(f'<article class="md-content__inner">{html}</article>')


def main(site: Path) -> int:
    if site.suffix == ".md" or site.is_dir() and not (site / "index.html").exists():
        pages = [site] if site.suffix == ".md" else sorted(site.glob("*.md"))
        for page in pages:
            score = fernandez_huerta(markdown_prose(page.read_text(encoding="utf-8")))
            print(f"{score:6.1f}  {page}{'' if score >= FLOOR else '   < ' + str(FLOOR)}")
        return 0
    scores = page_scores(site)
    for rel, score in scores.items():
        print(f"{score:6.1f}  {rel}{'' if score >= FLOOR else '   < ' + str(FLOOR)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "site/es")))

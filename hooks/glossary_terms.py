"""TEMPORARY hook (issue 12, until the lead's guide/finish.py calls these on the built folder):
glossary terms defined at first use, as links to their glossary entry (guide/glossary_terms.py),
and internal links carrying the title of the page they lead to, for print (guide/print_links.py).
Runs on each page's content, where links are already the built addresses."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the `mkdocs` command does not put the project folder on the path
    sys.path.insert(0, str(ROOT))

from guide.glossary_terms import anchor_glossary_entries, define_terms_at_first_use  # noqa: E402
from guide.print_links import name_internal_links, page_key  # noqa: E402

GLOSSARY = "glossary.md"
HOLD_THE_GLOSSARY = {"glossary.md", "print.md"}  # the glossary page, and the handout that holds it
_titles: dict[str, str] = {}
_glossary_url: list[str] = []


def on_nav(nav, config, files):
    _titles.clear()
    _glossary_url.clear()
    for page in nav.pages:
        _titles[page_key(page.url)] = page.title
    glossary = files.get_file_from_path(GLOSSARY)
    if glossary is not None:
        _glossary_url.append(glossary.url)
    return nav


def on_page_content(html, page, config, files):
    src = page.file.src_uri
    if src in HOLD_THE_GLOSSARY:
        html = anchor_glossary_entries(html)
        href = ""
    elif _glossary_url:
        glossary = files.get_file_from_path(GLOSSARY)
        href = glossary.url_relative_to(page.file)
    else:
        href = None
    html = define_terms_at_first_use(html, href)
    return name_internal_links(html, page.url, _titles)

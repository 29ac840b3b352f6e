"""Layout mistakes that Markdown builds without a word, reported with the page and line.

- a content tab or an admonition whose text is not indented: Markdown shows an empty box with
  the text below it;
- a tab label other than the guide's linked labels (extra.tab_labels in mkdocs.yml): the
  reader's choice would no longer follow them from page to page;
- a dollar amount typed into a page: every amount comes from data/costs.yml through a macro.

Read from the page's Markdown file, so the line is exact. Logged as warnings, so every such
mistake is listed at once and `--strict` fails the build.
Message style, as elsewhere: "docs/page.md, line N: what is wrong. What to do: fix".
"""
from __future__ import annotations

import logging
import re

log = logging.getLogger("mkdocs.hooks.page_layout")

TAB = re.compile(r'^(?P<indent>\s*)===\+?\s+"(?P<label>[^"]*)"')
BOX = re.compile(r'^(?P<indent>\s*)(!!!|\?\?\?\+?)\s+[\w-]+(\s+"(?P<title>[^"]*)")?\s*$')
TYPED_DOLLARS = re.compile(r"(^|[^{\w])\$ ?\d")
FENCE = re.compile(r"^\s*(```|~~~)")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def layout_problems(source: str, labels: list[str]) -> list[tuple[int, str]]:
    """(line, message) for each layout mistake in a page's Markdown."""
    problems = []
    lines = source.splitlines()
    fenced = False
    for number, line in enumerate(lines, 1):
        if FENCE.match(line):
            fenced = not fenced
        if fenced:
            continue
        marker = TAB.match(line) or BOX.match(line)
        if marker:
            body = next((next_line for next_line in lines[number:] if next_line.strip()), "")
            if _indent(body) < _indent(line) + 4:
                kind, name = ("tab", marker["label"]) if marker.re is TAB else ("box", marker["title"] or "")
                mark = "===" if kind == "tab" else line.strip().split()[0]
                problems.append((number, f'the {kind} "{name}" is empty. What to do: indent its text by 4 spaces '
                                         f"under the {mark} line, with an empty line between them"))
        if marker and marker.re is TAB and labels and marker["label"] not in labels:
            problems.append((number, f'the tab label "{marker["label"]}" is not one of the guide\'s linked labels. '
                                     f'What to do: use exactly {" or ".join(repr(x) for x in labels)}, with the same '
                                     "capitals, so a reader's choice follows them to other pages"))
        if TYPED_DOLLARS.search(line):
            problems.append((number, "a dollar amount is typed into the page. What to do: amounts come from "
                                     'data/costs.yml; write {{ price("follow_up") }} (or "initial_visit", '
                                     '"private_session") instead, or change the figure in data/costs.yml'))
    return problems


def on_page_markdown(markdown, page, config, files):
    labels = config["extra"].get("tab_labels") or []
    for number, message in layout_problems(page.file.content_string, labels):
        log.warning(f"docs/{page.file.src_uri}, line {number}: {message}")
    return markdown

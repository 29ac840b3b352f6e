"""A cheaper page load: one full restyle of the page fewer, on every page (Lighthouse, issue 5).

When Material's script starts, its colour-scheme code marks <body> with `data-md-color-switching`
(which switches off CSS transitions while the colours are set) and takes the mark off a moment
later. Marking <body> makes the browser restyle every element of the page at once, in the middle
of the script's start-up, the longest task of a page load (on a phone-speed CPU, 10 to 40 ms on
a topic page, over 150 ms on the whole-guide handout). Written into the page, the mark is already
there, so setting it changes nothing; Material still takes it off as before, and transitions
come back. (The handout, which runs none of Material's script, takes it off in handout.js.)

<body> is in Material's base.html itself, outside any block, so this hook adds the attribute to
the page as built. tests/test_page_speed.py checks that every built page has it, and
tests/browser/test_page_load.py that Material takes it off once the page has loaded.
"""
from __future__ import annotations

import re

_BODY = re.compile(r"<body(?=[\s>])")
_MARK = "<body data-md-color-switching"


def marked(html: str) -> str:
    """The page with Material's colour-switching mark on <body> from the start."""
    if _MARK in html:
        return html
    return _BODY.sub(_MARK, html, count=1)


def on_post_page(output: str, page, config) -> str:
    return marked(output)


def on_post_template(output_content: str, template_name: str, config) -> str:
    """The same for pages made from templates alone: 404.html."""
    return marked(output_content) if template_name.endswith(".html") else output_content

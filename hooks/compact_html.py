"""Smaller pages: the theme's templates drop the blank, indented lines their {% tags %} leave.

Material's templates indent every {% if %} and {% for %} on a line of its own, and each leaves
that line's indentation and line break in the page: about 4 KB of white space a page, 0.2 KB
gzipped. Jinja's own `lstrip_blocks` and `trim_blocks` leave them out. Only white space between
tags changes: when this was added, every page of both builds had the same elements, the same
attributes and the same text (words joined or split nowhere) with and without it. The home page
must fit in 70 KB with every request (issue 5), and this keeps room for its text to grow.

Page text written in Markdown is not touched: it reaches the templates as a variable.
"""
from __future__ import annotations


def on_env(env, config, files):
    env.lstrip_blocks = True
    env.trim_blocks = True
    return env

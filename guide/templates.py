"""What the engine's template rendering needs from the guide (called by hooks/guide.py).

- compact(): Jinja's `lstrip_blocks` and `trim_blocks` for the theme's templates. Material indents
  every {% if %} on a line of its own, and each leaves its indentation and line break in the
  page: about 0.2 KB gzipped a page (issue 5). Only white space between tags changes.
- escaped_meta(): MkDocs renders templates without autoescaping, and Material writes the front
  matter's description straight into a <meta content="...">. Every text value of the front
  matter is escaped here for HTML, once, so a quote or a < in it stays text wherever a template
  puts it. (guide/check_sources.py checks the front matter's shape before the engine runs.)
"""
from __future__ import annotations

from markupsafe import Markup, escape


def compact(env):
    env.lstrip_blocks = True
    env.trim_blocks = True
    return env


def escaped_meta(meta: dict) -> dict:
    return {key: _escaped(value) for key, value in meta.items()}


def _escaped(value):
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, dict):
        return {k: _escaped(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    return value

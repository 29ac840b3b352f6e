"""The guide's one MkDocs hook: it only adapts MkDocs' events to the guide package.

Everything that checks, finishes or verifies the built pages lives in guide/ and runs after the
engine, on the built folder, whatever engine made it (guide/pipeline.py). What is left here is
what only the engine can do while it builds:
- the theme's templates drop the blank lines their {% %} tags leave (guide/templates.py);
- text from the front matter is escaped for the HTML it lands in (guide/templates.py);
- the offline copy gets the guide's own Worker stand-in instead of a CDN's (guide/offline.py).
"""
from __future__ import annotations

from mkdocs.plugins import event_priority

from guide import offline, templates


def on_env(env, config, files):
    return templates.compact(env)


@event_priority(100)  # before the offline plugin adds the CDN address
def on_config(config):
    offline.use_own_worker_shim(config.extra, offline.is_offline(config))
    return config


def on_files(files, config):
    if not offline.is_offline(config):
        shim = files.get_file_from_path(offline.SHIM)
        if shim:
            files.remove(shim)
    return files


@event_priority(100)  # before mkdocs-macros renders the page, which then adds the raw cited works
def on_page_markdown(markdown, page, config, files):
    page.meta = templates.escaped_meta(page.meta)
    return markdown

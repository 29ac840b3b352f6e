"""Privacy and security rules carried in every page, so they hold on any host (and on the disk).

Each built page gets, first thing in its <head>:
- a Content-Security-Policy <meta> that lets the page load only the guide's own files, and run
  only the guide's own scripts: Material's inline scripts are allowed one by one, by the
  SHA-256 hash of their text, computed here after the page is rendered ('unsafe-inline' is
  never allowed for scripts);
- <meta name="referrer" content="no-referrer">, so following a link to a cited source does not
  tell that site which page the reader was on.

The hosted build also gets a `_headers` file (the format Netlify and Cloudflare Pages read)
with the same rules as HTTP headers, plus the rules a <meta> cannot carry (frame-ancestors).

`mkdocs serve` (`make serve`) adds its own live-reload script to each page as it sends it, after
the hashes are computed, so the preview's pages carry no Content-Security-Policy; every build
(`make site`, the tests) does.

The offline copy is opened from file://. There Chromium 156 let 'self' match the copy's own
files (tried in tests/browser), but browsers differ on what 'self' means for a page with no
web origin, so the offline policy also names `file:`: files on the reader's disk, and still
nothing from any other machine.
"""
from __future__ import annotations

import base64
import hashlib
import os
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

# Inline <script> elements the browser runs: no src, and no type or a JavaScript type.
# (Material's `<script id="__config" type="application/json">` is data, not run; CSP ignores it.)
INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
RUNNABLE_TYPE = re.compile(r"""\stype\s*=\s*["']?(?:text/javascript|module|application/javascript)\b""", re.I)
CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.I)

_all_hashes: set[str] = set()
_serving = False


def _is_offline(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


def script_hashes(html: str) -> list[str]:
    """The CSP source for each inline script the browser would run, in page order."""
    hashes = []
    for match in INLINE_SCRIPT.finditer(html):
        attrs = match["attrs"]
        if re.search(r"\ssrc\s*=", attrs, re.I):
            continue
        if re.search(r"\stype\s*=", attrs, re.I) and not RUNNABLE_TYPE.search(attrs):
            continue
        digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy(hashes: list[str], offline: bool) -> str:
    own = "'self' file:" if offline else "'self'"
    directives = [
        "default-src 'none'",
        f"script-src {own} {' '.join(hashes)}".strip(),
        f"style-src {own}",
        f"img-src {own} data:",          # Material's icons are data: SVGs in its stylesheet
        f"font-src {own}",
        f"connect-src {own}",            # the search index
        f"worker-src {own}",             # the search worker
        f"frame-src {own}",              # the search frame of the offline copy (see iframe-worker.js)
        f"manifest-src {own}",
        "base-uri 'none'",
        "form-action 'none'",            # the search box is never sent anywhere
        "object-src 'none'",
    ]
    return "; ".join(directives)


def _protect(html: str, config: MkDocsConfig) -> str:
    hashes = script_hashes(html)
    _all_hashes.update(hashes)
    tags = '<meta name="referrer" content="no-referrer">'
    if not _serving:
        tags = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes, _is_offline(config))}">\n' + tags
    html, count = CHARSET.subn(lambda m: m[0] + "\n" + tags, html, count=1)
    if not count:
        raise ValueError("csp hook: no <meta charset> to put the Content-Security-Policy after")
    return html


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_pre_build(config: MkDocsConfig) -> None:
    _all_hashes.clear()


@event_priority(-100)  # after every other change to the page, so the hashes match what ships
def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    return _protect(output, config)


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name.endswith(".html"):  # 404.html; not sitemap.xml
        return _protect(output_content, config)
    return output_content


def headers_file(hashes: list[str]) -> str:
    return (
        "# Written by hooks/csp.py at build time, for hosts that read a _headers file\n"
        "# (Netlify, Cloudflare Pages). Every page also carries the policy in a <meta> tag.\n"
        "/*\n"
        f"  Content-Security-Policy: {policy(hashes, offline=False)}; frame-ancestors 'none'\n"
        "  Referrer-Policy: no-referrer\n"
        "  X-Content-Type-Options: nosniff\n"
        "  Permissions-Policy: camera=(), microphone=(), geolocation=()\n"
        "  Cross-Origin-Opener-Policy: same-origin\n"
    )


def on_post_build(config: MkDocsConfig) -> None:
    if _is_offline(config):
        return
    with open(os.path.join(config.site_dir, "_headers"), "w", encoding="utf-8") as f:
        f.write(headers_file(sorted(_all_hashes)))

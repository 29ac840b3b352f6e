"""The Content-Security-Policy, and the inline scripts it allows, computed from the TEMPLATES.

A page may run an inline script only if that exact script is written in one of the guide's
templates (overrides/): the allow-list is the SHA-256 of each <script> element's text there. An
inline script that is not in a template (an editor's <script>, a script in data, a script some
plugin added) is therefore not allowed by the policy, and guide/verify.py refuses the build.

A template script is allowed only when its text is constant: a script with {{ }} or {% %} inside
would change from page to page, so such a script is a mistake in the template (its values go in
data- attributes of the <script> element instead; see overrides/partials/javascripts/base.html).
Material's own templates are not trusted wholesale: the inline scripts the guide needs from them
are copied into overrides/ (tests/test_template_drift.py says when Material's originals change).
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from guide.errors import GuideError

SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
RUNNABLE_TYPE = re.compile(r"""\stype\s*=\s*["']?(?:text/javascript|module|application/javascript)\b""", re.I)
JINJA = re.compile(r"\{\{|\{%|\{#")


def is_runnable_inline(attrs: str) -> bool:
    """An inline <script> the browser runs: no src, and no type or a JavaScript type."""
    if re.search(r"\ssrc\s*=", attrs, re.I):
        return False
    return not re.search(r"\stype\s*=", attrs, re.I) or bool(RUNNABLE_TYPE.search(attrs))


def script_hash(body: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def template_script_hashes(templates: Path) -> tuple[str, ...]:
    """The CSP sources of every inline script written in the templates under `templates`."""
    hashes: list[str] = []
    for path in sorted(templates.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        # Jinja comments may describe scripts; they never reach a page.
        text = re.sub(r"\{#.*?#\}", "", text, flags=re.S)
        for match in SCRIPT.finditer(text):
            if not is_runnable_inline(match["attrs"]):
                continue
            if JINJA.search(match["body"]):
                line = text.count("\n", 0, match.start()) + 1
                raise GuideError(path, line, "this inline script has {{ }} or {% %} inside, so its text changes "
                                 "from page to page and the Content-Security-Policy cannot allow it",
                                 "Move the values into data- attributes of the <script> element and read them "
                                 "with document.currentScript.dataset, or move the script into a file")
            source = script_hash(match["body"])
            if source not in hashes:
                hashes.append(source)
    return tuple(hashes)


def policy(hashes: tuple[str, ...], offline: bool) -> str:
    """The policy of every page: the guide's own files only, and the template scripts by hash."""
    own = "'self' file:" if offline else "'self'"
    directives = [
        "default-src 'none'",
        f"script-src {own} {' '.join(hashes)}".strip(),
        f"style-src {own}",
        f"img-src {own} data:",          # Material's icons are data: SVGs in its stylesheet
        f"font-src {own}",
        f"connect-src {own}",            # the search index
        f"worker-src {own}",             # the search worker (and the service worker)
        f"frame-src {own}",              # the search frame of the offline copy (iframe-worker.js)
        f"manifest-src {own}",
        "base-uri 'none'",
        "form-action 'none'",            # the search box is never sent anywhere
        "object-src 'none'",
    ]
    return "; ".join(directives)


def headers_file(hashes: tuple[str, ...]) -> str:
    """`_headers` for hosts that read it (Netlify, Cloudflare Pages): the policy as HTTP headers,
    with what a <meta> cannot say (frame-ancestors, HSTS, framing, cross-origin rules)."""
    return (
        "# Written by guide/csp.py at build time, for hosts that read a _headers file\n"
        "# (Netlify, Cloudflare Pages). Every page also carries the policy in a <meta> tag.\n"
        "/*\n"
        f"  Content-Security-Policy: {policy(hashes, offline=False)}; frame-ancestors 'none'\n"
        "  Strict-Transport-Security: max-age=31536000; includeSubDomains\n"
        "  X-Frame-Options: DENY\n"
        "  X-Content-Type-Options: nosniff\n"
        "  Referrer-Policy: no-referrer\n"
        "  Cross-Origin-Opener-Policy: same-origin\n"
        "  Cross-Origin-Resource-Policy: same-origin\n"
        "  Permissions-Policy: accelerometer=(), autoplay=(), camera=(), display-capture=(), "
        "encrypted-media=(), fullscreen=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
        "midi=(), payment=(), picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), "
        "sync-xhr=(), usb=(), xr-spatial-tracking=(), interest-cohort=()\n"
    )

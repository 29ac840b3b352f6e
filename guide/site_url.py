"""SITE_URL: the address the hosted guide is published at, checked before anything is built.

It is written into canonical links, link previews, the sitemap and robots.txt, so it must be a
plain https:// address ending in '/', or a loopback http:// address for a preview on this
machine. Without it, no page, sitemap or robots.txt claims any address as the guide's home.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from guide.errors import GuideError

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
SAFE = re.compile(r"^[A-Za-z0-9._~:/%-]+$")


def check_site_url(value: str | None) -> str | None:
    """The address, checked, or None when it is not set."""
    if value is None or not value.strip():
        return None
    url = value.strip()
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    loopback = host in ("127.0.0.1", "localhost", "::1")
    ok = (
        SAFE.match(url)
        and url.endswith("/")
        and not parts.query and not parts.fragment and not parts.username and not parts.password
        and host
        and (parts.scheme == "https" or (parts.scheme == "http" and loopback))
    )
    if not ok:
        raise GuideError("SITE_URL", None, f"the address {value!r} is not one the guide can be published at",
                         "Set SITE_URL to the site's https:// address ending in '/', such as "
                         "https://guide.example.org/ (or http://127.0.0.1:8000/ for a preview), or leave it unset")
    return url


def is_loopback(url: str | None) -> bool:
    return bool(url) and (urlsplit(url).hostname or "").lower() in ("127.0.0.1", "localhost", "::1")

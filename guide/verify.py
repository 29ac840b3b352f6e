"""Step 4: verify the finished output, the output firewall. Nothing is published unless every
page of both builds passes; each failure names the built page and the cause.

Refused in any page:
- an inline script that is not one of the templates' scripts (guide/csp.py);
- an event-handler attribute (onclick=, onmouseover=, ...);
- a javascript:, vbscript: or data:text/html address;
- <iframe>, <frame>, <object>, <embed>, <base>, and any <meta http-equiv> but the guide's own policy;
- a resource (script, style, image, font, icon, manifest, media) from another machine;
- a page without its Content-Security-Policy, or with one that differs from the guide's;
- a loopback address (127.0.0.1, localhost) unless SITE_URL asked for one;
- a checkbox with `autocomplete` (the theme changed, and guide/finish.py no longer matches it).
The same for CSS files (url() from another machine) and the text files a host serves.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from guide.csp import policy, script_hash
from guide.errors import GuideError
from guide.finish import Variant, page_script_hashes
from guide.site_url import is_loopback

RESOURCE_ATTRS = {
    "script": ("src",), "img": ("src", "srcset"), "source": ("src", "srcset"), "audio": ("src",),
    "video": ("src", "poster"), "track": ("src",), "input": ("src",), "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
}
RESOURCE_LINK_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "manifest", "preload", "modulepreload",
                      "prefetch", "dns-prefetch", "preconnect", "mask-icon"}
URL_ATTRS = ("href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset", "background", "ping")
FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "base", "applet", "portal"}
BAD_SCHEME = re.compile(r"^\s*(javascript|vbscript|data\s*:\s*text/html)", re.I)
REMOTE = re.compile(r"^\s*(https?:)?//", re.I)
LOOPBACK = re.compile(r"(?<![\w.-])(127\.0\.0\.1|localhost|\[::1\])(?![\w-])", re.I)
CSS_REMOTE = re.compile(r"url\(\s*['\"]?\s*(https?:)?//|@import\s+['\"]?(https?:)?//", re.I)


class _PageReader(HTMLParser):
    def __init__(self, allowed: set[str], expected_policy: str):
        super().__init__(convert_charrefs=True)
        self.allowed, self.expected_policy = allowed, expected_policy
        self.problems: list[str] = []
        self.policies: list[str] = []
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def _check(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"an event-handler attribute {name}= on <{tag}>")
            if name in URL_ATTRS and BAD_SCHEME.match(value):
                self.problems.append(f"a {value.split(':')[0].strip().lower()}: address in {name}= on <{tag}>")
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"an <{tag}> element")
        if tag == "meta" and "http-equiv" in values:
            if values["http-equiv"].lower() == "content-security-policy":
                self.policies.append(values.get("content", ""))
            else:
                self.problems.append(f'a <meta http-equiv="{values["http-equiv"]}">')
        for name in RESOURCE_ATTRS.get(tag, ()):
            if _is_remote(values.get(name, "")):
                self.problems.append(f"<{tag} {name}=\"{values[name]}\"> loads from another machine")
        if tag == "link":
            rels = set(values.get("rel", "").lower().split())
            if rels & RESOURCE_LINK_RELS and _is_remote(values.get("href", "")):
                self.problems.append(f"<link rel=\"{values.get('rel')}\" href=\"{values['href']}\"> loads from another machine")
        if tag == "input" and values.get("type") == "checkbox" and "autocomplete" in values:
            self.problems.append("a checkbox with autocomplete= (the theme's markup changed: update guide/finish.py)")
        if tag == "script":
            src = "src" in values
            kind = values.get("type", "").lower()
            runs = not src and (not kind or kind in ("text/javascript", "module", "application/javascript"))
            self._script = {"runs": runs, "body": []}

    def handle_data(self, data):
        if self._script is not None:
            self._script["body"].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            if self._script["runs"]:
                body = "".join(self._script["body"])
                if script_hash(body) not in self.allowed:
                    start = " ".join(body.split())[:60]
                    self.problems.append(f"an inline script that is not one of the templates' scripts ({start!r})")
            self._script = None


def _is_remote(value: str) -> bool:
    return any(REMOTE.match(part.strip()) for part in value.split(",") if part.strip())


def page_problems(html: str, variant: Variant) -> list[str]:
    """What is wrong with one finished page, in words; empty when it is safe to publish."""
    expected = policy(page_script_hashes(html, variant.script_hashes), variant.offline)
    reader = _PageReader(set(variant.script_hashes), expected)
    # Material's inline scripts escape nothing: read each <script> body as raw text, as browsers do.
    reader.feed(html)
    reader.close()
    problems = reader.problems
    if not reader.policies:
        problems.append("the page has no Content-Security-Policy")
    elif any(p != expected for p in reader.policies) or len(reader.policies) > 1:
        problems.append("the page's Content-Security-Policy is not the guide's")
    head = html[: html.find("<meta http-equiv=\"Content-Security-Policy\"")]
    if "<script" in head.lower():
        problems.append("a script comes before the Content-Security-Policy")
    if not is_loopback(variant.site_url):
        for m in LOOPBACK.finditer(html):
            problems.append(f"the loopback address {m[1]} (SITE_URL did not ask for one)")
            break
    return problems


def verify_site(site: Path, variant: Variant, name: str) -> list[GuideError]:
    """Every problem in a finished build; the build must not be published unless this is empty."""
    errors: list[GuideError] = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        shown = f"{name}/{rel}"
        if path.suffix == ".html":
            for problem in page_problems(path.read_text(encoding="utf-8"), variant):
                errors.append(_refused(shown, problem))
        elif path.suffix == ".css":
            if CSS_REMOTE.search(path.read_text(encoding="utf-8", errors="replace")):
                errors.append(_refused(shown, "the stylesheet loads something from another machine"))
        elif path.suffix in (".xml", ".txt", ".json", ".webmanifest") or path.name == "_headers":
            text = path.read_text(encoding="utf-8", errors="replace")
            if not is_loopback(variant.site_url) and LOOPBACK.search(text):
                errors.append(_refused(shown, "it names a loopback address (127.0.0.1 or localhost) that SITE_URL "
                                              "did not ask for"))
    return errors


def _refused(shown: str, problem: str) -> GuideError:
    return GuideError(shown, None, f"the built page is refused: {problem}",
                      "Something typed into a page, a data file, the menu or the front matter reached the page as "
                      "code, or the theme changed. Find the text named here in the file you changed and write it "
                      "as plain words; if you changed none, ask one of the guide's developers")

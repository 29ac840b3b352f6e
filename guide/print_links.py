"""Printed links name the page they lead to (issue 12).

On paper a link cannot be followed. Links to other sites print their address (guide.css); a
link to another page of the guide should print that page's name, so a reader of the handout
can find it. CSS can print an attribute after a link, not look up a page's title, so this puts
the title in the link at build time: data-page-title="Aftercare and recovery". guide.css prints
it after the link, in print only: ` (see the page "Aftercare and recovery")`.

Left alone: links to other sites, to a place on the same page (#...), links whose own words
are already the page's name, citation marks ([4]), and links with a class (glossary terms,
the theme's buttons). Only the <article> is changed when the HTML has one.

Wiring: name_internal_links() for one page's HTML (MkDocs' on_page_content: links there are
already the built addresses); name_links_in_folder() for a whole built folder (titles read from
each page's <title>). hooks/glossary_terms.py calls the first for now.
"""
from __future__ import annotations

import html as htmllib
import posixpath
import re
from pathlib import Path

LINK = re.compile(r"<a(?P<attrs>\s[^>]*)>(?P<text>.*?)</a>", re.S | re.I)
HREF = re.compile(r"""\shref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
ARTICLE = re.compile(r"(<article\b[^>]*>)(.*)(</article>)", re.S | re.I)
TITLE = re.compile(r"<title>(.*?)</title>", re.S | re.I)


def page_key(url: str) -> str:
    """One spelling for a page's address: "aftercare/", "aftercare/index.html" and
    "aftercare.html" are all "aftercare"; the home page is ""."""
    path = posixpath.normpath(url.split("#", 1)[0].split("?", 1)[0] or ".")
    if path == "." or path == "index.html":
        return ""
    path = path.removesuffix("/index.html").removesuffix(".html")
    return "" if path in {".", "index"} else path


def _words(text: str) -> str:
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", "", text)).lower().split())


def name_internal_links(html: str, page_url: str, titles: dict[str, str]) -> str:
    """Add data-page-title to each link in the page's article that leads to another page of
    the guide. page_url: this page's address in the site ("aftercare/" or "aftercare.html");
    titles: page_key(address) -> page title, for every page."""
    base = posixpath.dirname(page_url)

    def name(match: re.Match) -> str:
        attrs = match["attrs"]
        href = HREF.search(attrs)
        if not href or re.search(r"\s(class|data-page-title)\s*=", attrs, re.I):
            return match[0]
        if match.string[max(0, match.start() - 30):match.start()].endswith('class="citation">'):
            return match[0]  # a citation mark: the numbered sources are listed on paper too
        target = htmllib.unescape(href[1] if href[1] is not None else href[2])
        if not target or target.startswith("#") or re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
            return match[0]
        title = titles.get(page_key(posixpath.join(base, target)))
        if not title or _words(match["text"]) == _words(title):
            return match[0]
        return f'<a{attrs} data-page-title="{htmllib.escape(title, quote=True)}">{match["text"]}</a>'

    article = ARTICLE.search(html)
    if not article:
        return LINK.sub(name, html)
    return html[:article.start(2)] + LINK.sub(name, article[2]) + html[article.end(2):]


def name_links_in_folder(site_dir: Path) -> None:
    """The same for every page of a built folder, with each page's title from its <title>
    ("Aftercare and recovery - The Trigger Point Guide"; the home page's is the site name)."""
    pages = {p.relative_to(site_dir).as_posix(): p for p in site_dir.rglob("*.html")}
    titles = {}
    for rel, path in pages.items():
        match = TITLE.search(path.read_text(encoding="utf-8"))
        if match:
            titles[page_key(rel)] = htmllib.unescape(match[1].strip()).rsplit(" - ", 1)[0]
    for rel, path in pages.items():
        text = path.read_text(encoding="utf-8")
        changed = name_internal_links(text, rel, titles)
        if changed != text:
            path.write_text(changed, encoding="utf-8")

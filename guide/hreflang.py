"""Both editions point at each other, page by page (issue 14): hreflang in each page and the sitemaps.

The English edition is built into the site folder and the Spanish edition into its es/ folder
(mkdocs.es.yml). Material writes one <link rel="alternate" hreflang> per language in each page's
<head>, but each goes to the other edition's HOME page, and only when extra.alternate is set;
search engines want each page to name its own twin, with a full address, and the sitemaps to
say the same. This step, run on the hosted build after both editions are built (not on the
offline copy, which no search engine reads):

- in both sitemaps (sitemap.xml, and its .gz), adds to each <url> entry one alternate per edition
  for the same page, plus x-default (the English page), as full addresses from site_url
  (search engines read hreflang from sitemaps as from pages);
- pages carry no <link rel="alternate" hreflang> (see without_page_alternates for why).

Pure function of the folder: `link_editions(site, site_url)`; nothing else is read.
"""
from __future__ import annotations

import gzip
import html
import re
from pathlib import Path

# (language, folder inside the site) for each edition; the first is the default (x-default).
EDITIONS = (("en", ""), ("es", "es/"))
SKIP = ("assets/", "search/")

_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
_URL_ENTRY = re.compile(r"(<url>\s*<loc>(?P<loc>[^<]+)</loc>)")


def page_address(relative: str) -> str:
    """The page's address inside its edition: "aftercare/index.html" -> "aftercare/"."""
    if relative == "index.html":
        return ""
    return relative.removesuffix("index.html")


def twins(site: Path) -> dict[str, list[tuple[str, str]]]:
    """Page address -> [(language, folder)] of the editions that have it, for pages in more
    than one edition."""
    found: dict[str, list[tuple[str, str]]] = {}
    for lang, folder in EDITIONS:
        root = site / folder
        if not root.is_dir():
            continue
        for page in root.rglob("index.html"):
            relative = page.relative_to(root).as_posix()
            # Pages of another edition's folder (es/...) are not pages of this one.
            if relative.startswith(SKIP) or any(f and relative.startswith(f) for _, f in EDITIONS if f != folder):
                continue
            found.setdefault(page_address(relative), []).append((lang, folder))
    return {address: editions for address, editions in found.items() if len(editions) > 1}


def alternate_links(site_url: str, address: str, editions: list[tuple[str, str]]) -> str:
    base = site_url.rstrip("/") + "/"
    links = [(lang, f"{base}{folder}{address}") for lang, folder in editions]
    default = next((href for lang, href in links if lang == EDITIONS[0][0]), links[0][1])
    links.append(("x-default", default))
    return "".join(f'<link rel="alternate" href="{html.escape(href, quote=True)}" hreflang="{lang}">\n'
                   for lang, href in links)


def without_page_alternates(html_text: str) -> str:
    """A page without <link rel="alternate" hreflang> in its head.

    Material's script fetches "sitemap.xml" next to every such link's address, on every page
    view: for links to pages (as search engines want them) that is a request for a file that
    does not exist, two or three times a page, on a reader's phone data. The sitemaps say the
    same to search engines (link_editions), and the visible language switch leads readers to
    the same page (overrides/partials/alternate.html), so the pages carry none."""
    return _ALTERNATE.sub("", html_text)


def link_editions(site: Path, site_url: str) -> int:
    """Write the page-to-page alternates into both editions' sitemaps, with full addresses.
    Returns the number of pages that have a twin."""
    pairs = twins(site)
    changed = sum(len(editions) for editions in pairs.values())
    for _, folder in EDITIONS:
        sitemap = site / folder / "sitemap.xml"
        if sitemap.is_file():
            _link_sitemap(sitemap, site_url, folder, pairs)
    return changed


def _link_sitemap(sitemap: Path, site_url: str, folder: str, pairs: dict) -> None:
    base = site_url.rstrip("/") + "/" + folder
    text = sitemap.read_text(encoding="utf-8")
    if "xmlns:xhtml" not in text:
        text = text.replace("<urlset ", '<urlset xmlns:xhtml="http://www.w3.org/1999/xhtml" ', 1)

    def add(match: re.Match) -> str:
        loc = match["loc"].strip()
        address = loc[len(base):] if loc.startswith(base) else None
        if address is None or address not in pairs:
            return match.group(1)
        links = alternate_links(site_url, address, pairs[address]).replace("<link ", "<xhtml:link ")
        links = re.sub(r'(<xhtml:link [^>]*)>', r"\1/>", links)
        return match.group(1) + "\n" + "".join("    " + line + "\n" for line in links.splitlines()).rstrip("\n")

    text = _URL_ENTRY.sub(add, text)
    sitemap.write_text(text, encoding="utf-8")
    packed = sitemap.with_name("sitemap.xml.gz")
    if packed.exists():
        with gzip.GzipFile(packed, "wb", mtime=0) as f:  # mtime 0: the same bytes for the same sitemap
            f.write(text.encode("utf-8"))

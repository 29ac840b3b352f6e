"""Step 3: finish the built folder, whatever engine made it. The only code that changes built HTML.

The guide's own scripts, minified (guide/minify.py). For every page of both builds:
- the Content-Security-Policy and the referrer policy, first thing in <head> (guide/csp.py);
- no `autocomplete` on Material's two toggle checkboxes (the Nu HTML validator rejects it there).
For the hosted build: `_headers`, robots.txt's sitemap line (only with SITE_URL), and no sitemap
at all without SITE_URL (it would list addresses of no real site).
For the offline copy (file://): what a disk copy cannot use is left out (see LEFT_OUT).
"""
from __future__ import annotations

import posixpath
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from guide.csp import SCRIPT, headers_file, is_runnable_inline, policy, script_hash
from guide.errors import GuideError
from guide.glossary_terms import anchor_glossary_entries, define_terms_at_first_use
from guide.hreflang import link_editions, without_page_alternates
from guide.minify import minify_scripts
from guide.print_links import name_links_in_folder
from guide.pwa import OfflineAppError, add_offline_app
from guide.reader_questions import add_reader_questions
from guide.search_terms import finish_search_index

CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.I)
# Material 9.8.2's base.html writes autocomplete="off" on its drawer and search checkboxes.
TOGGLE_AUTOCOMPLETE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)")'
    r' autocomplete="off">')
# Left out of the offline copy: the sitemap and robots.txt (no web host), the 404 page (no server
# shows it), the JSON search index (file:// reads search/search_index.js), source maps.
LEFT_OUT = ("sitemap.xml", "sitemap.xml.gz", "robots.txt", "404.html", "search/search_index.json", "_headers")


@dataclass(frozen=True)
class Variant:
    """Which build is being finished, and what it needs to know."""
    offline: bool
    site_url: str | None          # checked by guide/site_url.py; None when SITE_URL is not set
    script_hashes: tuple[str, ...]
    search_languages: tuple[str, ...] = ("en",)
    # Each edition's readers' words: (its folder, "" for the first; its terms file; the file's name
    # in the project, for messages).
    search_terms: tuple[tuple[str, Path, str], ...] = ()
    # Each edition's readers' questions and their pages: (its folder, the file, its name).
    reader_questions: tuple[tuple[str, Path, str], ...] = ()
    # Each edition's settings (folder, mkdocs.yml as step 1 reads it): the hosted guide's offline
    # app, one per edition, so each worker precaches one language and stays within its budget.
    app_configs: tuple[tuple[str, dict], ...] = ()
    # The guide's own scripts (assets/javascripts/NAME.js in each edition), minified for readers.
    own_scripts: tuple[str, ...] = ()


def finish_site(site: Path, variant: Variant, language_folders: tuple[str, ...] = ()) -> None:
    """Every change the guide makes to a built folder, in order. language_folders: the folders
    of the other editions inside it ("es"), each a site of its own with its own sitemap."""
    for folder, terms, name in variant.search_terms:  # before the offline trimmings, which read no index
        finish_search_index(site / folder, terms, name)  # readers' words (guide/search_terms.py)
    for folder, questions, name in variant.reader_questions:
        add_reader_questions(site / folder, questions, name)  # readers' questions (guide/reader_questions.py)
    for folder in ("", *language_folders):
        prune_lunr(site / folder if folder else site, variant.search_languages)
    minify_scripts(site, variant.own_scripts, ("", *language_folders))  # guide/minify.py
    if variant.offline:
        for folder in ("", *language_folders):
            leave_out_for_disk(site / folder if folder else site)
    else:
        write_hosting_files(site, variant, language_folders)
        if variant.site_url and language_folders:
            link_editions(site, variant.site_url)  # each page names its twin (guide/hreflang.py)
    name_links_in_folder(site)  # printed links say which page they lead to (guide/print_links.py)
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        html = define_glossary_terms(html, site, page, language_folders)
        page.write_text(finish_page(html, variant, page.relative_to(site).as_posix()), encoding="utf-8")
    if not variant.offline:
        # Last: the service worker records a revision of every file it precaches (guide/pwa.py).
        try:
            for folder, config in variant.app_configs:
                share_theme_icon(site, folder, config)
                others = tuple(f"{other}/**" for other, _ in variant.app_configs if other and other != folder)
                add_offline_app(site / folder if folder else site, config, leave_out=others)
        except OfflineAppError as err:
            raise GuideError("package.json", None, f"the offline app could not be made ({err})",
                             "Run `make site` again; if this stays, ask one of the guide's developers") from None


def share_theme_icon(site: Path, folder: str, config: dict) -> None:
    """Another edition draws its app icons from the same favicon: where its engine did not copy
    the file into the edition's folder (Zensical leaves out docs-es/assets, a link to docs/assets),
    the first edition's copy is used."""
    name = (config.get("theme") or {}).get("favicon")
    if folder and name and not (site / folder / name).is_file() and (site / name).is_file():
        (site / folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(site / name, site / folder / name)


GLOSSARY_PAGES = ("glossary/index.html", "glossary.html")   # hosted, offline
HOLDS_THE_GLOSSARY = ("glossary", "print")                  # the glossary page, and the handout


def define_glossary_terms(html: str, site: Path, page: Path, language_folders: tuple[str, ...]) -> str:
    """Glossary terms defined at their first use on the page, as links to their entry on the
    glossary page of the page's own edition (guide/glossary_terms.py)."""
    rel = page.relative_to(site)
    edition = site / rel.parts[0] if len(rel.parts) > 1 and rel.parts[0] in language_folders else site
    name = page.parent.name if page.name == "index.html" else page.stem
    if page.parent != edition and name in HOLDS_THE_GLOSSARY or (page.parent == edition and page.stem in HOLDS_THE_GLOSSARY):
        return define_terms_at_first_use(anchor_glossary_entries(html), "")
    glossary = next((edition / g for g in GLOSSARY_PAGES if (edition / g).is_file()), None)
    if glossary is None:
        return define_terms_at_first_use(html, None)
    href = posixpath.relpath(glossary, page.parent)
    return define_terms_at_first_use(html, href.removesuffix("index.html") if glossary.name == "index.html" else href)


def page_script_hashes(html: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    """The allowed template scripts this page carries: its policy names only those (a page
    without tabs does not carry the tab scripts' hashes). A script outside the allow-list gets no
    hash here, so the browser would not run it, and guide/verify.py refuses the page."""
    present = {script_hash(m["body"]) for m in SCRIPT.finditer(html) if is_runnable_inline(m["attrs"])}
    return tuple(h for h in allowed if h in present)


def finish_page(html: str, variant: Variant, shown: str) -> str:
    """One page, finished: its policies first in <head>, its toggles valid HTML."""
    html = TOGGLE_AUTOCOMPLETE.sub(r"\1>", html)
    html = without_page_alternates(html)
    hashes = page_script_hashes(html, variant.script_hashes)
    tags = (f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes, variant.offline)}">\n'
            '<meta name="referrer" content="no-referrer">')
    html, count = CHARSET.subn(lambda m: m[0] + "\n" + tags, html, count=1)
    if not count:
        raise GuideError(shown, None, "the built page has no <meta charset> to put the security policy after",
                         "The theme's page template changed: ask one of the guide's developers to update guide/finish.py")
    return html


def write_hosting_files(site: Path, variant: Variant, language_folders: tuple[str, ...] = ()) -> None:
    (site / "_headers").write_text(headers_file(variant.script_hashes), encoding="utf-8")
    robots = site / "robots.txt"
    folders = ("", *language_folders)
    if variant.site_url:
        if robots.exists():
            with robots.open("a", encoding="utf-8") as f:
                for folder in folders:
                    f.write(f"Sitemap: {variant.site_url}{folder + '/' if folder else ''}sitemap.xml\n")
    else:  # a sitemap of no real address helps no one
        for folder in folders:
            for name in ("sitemap.xml", "sitemap.xml.gz"):
                (site / folder / name).unlink(missing_ok=True)


def leave_out_for_disk(site: Path) -> None:
    for name in LEFT_OUT:
        (site / name).unlink(missing_ok=True)
    for source_map in site.rglob("*.map"):
        source_map.unlink()


def prune_lunr(site: Path, languages: tuple[str, ...]) -> None:
    """Material ships lunr's 31 languages; readers' browsers load only the searched ones."""
    lunr = site / "assets/javascripts/lunr"
    if tuple(languages) == ("en",):  # English needs none of lunr's language files
        shutil.rmtree(lunr, ignore_errors=True)
    elif lunr.is_dir():  # only the languages the guide searches in, and what they need
        keep = {f"lunr.{lang}.min.js" for lang in languages} | {"lunr.stemmer.support.min.js", "lunr.multi.min.js"}
        for path in (lunr / "min").glob("lunr.*.min.js"):
            if path.name not in keep:
                path.unlink()
        for extra in ("tinyseg.js", "wordcut.js"):
            (lunr / extra).unlink(missing_ok=True)

"""The two builds `make site` makes, read as files: the offline zip, the download link, the
privacy rules in every page, and nothing that would load from another machine."""
from __future__ import annotations

import base64
import hashlib
import re
import zipfile

from bs4 import BeautifulSoup

from guide.csp import template_script_hashes
from guide.offline_zip import make_zip
from conftest import ROOT, html_pages
from guide.csp import template_script_hashes
from guide.offline_zip import make_zip

ZIP = "trigger-point-guide-offline.zip"
REMOTE = re.compile(r"^(https?:)?//", re.I)


def csp_of(soup: BeautifulSoup) -> dict[str, list[str]]:
    meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta, "no Content-Security-Policy meta tag"
    return {d.split()[0]: d.split()[1:] for d in meta["content"].split(";") if d.strip()}


def runnable_inline_scripts(soup: BeautifulSoup) -> list[str]:
    return [s.string or "" for s in soup.find_all("script")
            if not s.get("src") and s.get("type", "text/javascript") in {"text/javascript", "module"}]


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


# The allow-list, computed from the template files as the build computes it (never from pages).
TEMPLATE_SCRIPTS = template_script_hashes(ROOT / "overrides")


def test_every_page_allows_only_its_own_files_and_scripts(made_build):
    """Inline scripts are allowed by hash, and only the scripts written in the templates
    (guide/csp.py computes the list from overrides/, never from the output)."""
    name, site = made_build
    own = {"'self'"} if name == "hosted" else {"'self'", "file:"}
    templates = set(template_script_hashes(ROOT / "overrides"))
    for path in html_pages(site):
        html = path.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "lxml")
        csp = csp_of(soup)
        where = path.relative_to(site)
        assert csp["default-src"] == ["'none'"], where
        scripts = csp["script-src"]
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, where
        present = {sha256_source(s) for s in runnable_inline_scripts(soup)}
        assert present <= set(TEMPLATE_SCRIPTS), f"{where}: an inline script that no template has"
        assert set(scripts) - own == present, \
            f"{where}: the hashes must be exactly those of the template scripts the page carries"
        for directive in ("style-src", "img-src", "connect-src", "font-src", "worker-src", "frame-src"):
            assert set(csp[directive]) - {"data:"} == own, f"{where}: {directive} {csp[directive]}"
        # The policy comes before anything it governs.
        head = html[: html.index("</head>")]
        assert head.index("Content-Security-Policy") < min(
            [head.index(t) for t in ("<script", "<link") if t in head]), where
        assert soup.find("meta", attrs={"name": "referrer"})["content"] == "no-referrer", where


def test_nothing_loads_from_another_machine(made_build):
    name, site = made_build
    for path in html_pages(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        loaded = [t.get("src") for t in soup.find_all(["script", "img", "iframe", "source", "audio", "video", "embed"])]
        loaded += [t.get("href") for t in soup.find_all("link")
                   if set(t.get("rel", [])) & {"stylesheet", "icon", "preload", "modulepreload", "manifest", "preconnect", "dns-prefetch"}]
        remote = [u for u in loaded if u and REMOTE.match(u)]
        assert not remote, f"{path.relative_to(site)} loads {remote}"
    for css in site.rglob("*.css"):
        urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8"))
        assert not [u for u in urls if REMOTE.match(u)], f"{css.relative_to(site)} loads from another machine"
    if name == "offline":
        # (Material's bundle still names unpkg.com for a ResizeObserver polyfill that only very old
        # browsers ask for, and for Mermaid, which the guide does not use; the policy blocks both.)
        text = "\n".join(p.read_text(encoding="utf-8") for p in html_pages(site))
        assert "unpkg.com" not in text, "the offline copy must not fetch its search shim from a CDN"
        assert "assets/javascripts/iframe-worker.js" in (site / "index.html").read_text(encoding="utf-8")


def test_the_headers_file_carries_the_same_rules(made_site):
    site = made_site / "site"
    lines = (site / "_headers").read_text(encoding="utf-8").splitlines()
    rules = dict(l.strip().split(": ", 1) for l in lines[lines.index("/*") + 1:] if l.strip())
    assert rules["Referrer-Policy"] == "no-referrer"
    assert rules["X-Content-Type-Options"] == "nosniff"
    header = {d.split()[0]: d.split()[1:] for d in rules["Content-Security-Policy"].split(";")}
    assert header["frame-ancestors"] == ["'none'"]
    for path in html_pages(site):
        page = csp_of(BeautifulSoup(path.read_text(encoding="utf-8"), "lxml"))
        for directive, sources in page.items():
            assert set(sources) <= set(header[directive]), f"{path.relative_to(site)}: {directive}"
    assert not (made_site / "site-offline" / "_headers").exists()


def test_hosted_build_has_robots_sitemap_and_404(made_site, nav_pages):
    site = made_site / "site"
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots
    assert re.search(r"^Sitemap: https?://\S+/sitemap\.xml$", robots, re.M)
    assert (site / "sitemap.xml").exists() and (site / "404.html").exists()
    for _, src in nav_pages:
        if src != "index.md":
            assert (site / src.removesuffix(".md") / "index.html").exists(), f"directory URLs: {src}"


def test_offline_copy_is_small_and_browsable_from_the_disk(made_site, nav_pages):
    site = made_site / "site-offline"
    for _, src in nav_pages:
        assert (site / (src.removesuffix(".md") + ".html")).exists(), f"page files, not directory URLs: {src}"
    assert (site / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index = ")
    for left_out in ("404.html", "sitemap.xml", "robots.txt", "search/search_index.json"):
        assert not (site / left_out).exists(), left_out
    assert not list(site.rglob("*.map"))


def test_only_the_hosted_build_links_to_the_zip(made_site):
    site, offline = made_site / "site", made_site / "site-offline"
    assert (site / ZIP).is_file()
    for path in html_pages(site):
        if path.name == "404.html":
            continue
        links = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").select(f'a[href$="{ZIP}"]')
        words = "descargue la guía" if path.relative_to(site).parts[0] == "es" else "download the guide"
        assert len(links) == 1 and links[0].get_text(strip=True) == words, path
        assert (path.parent / links[0]["href"]).resolve() == (site / ZIP).resolve(), path
    for path in html_pages(offline):
        assert ZIP not in path.read_text(encoding="utf-8"), f"the offline copy links to a zip it lacks: {path}"


def test_the_zip_holds_the_offline_copy_and_is_the_same_every_time(made_site, tmp_path):
    site, offline = made_site / "site", made_site / "site-offline"
    with zipfile.ZipFile(site / ZIP) as archive:
        names = archive.namelist()
        assert archive.testzip() is None
    expected = sorted(f"trigger-point-guide/{p.relative_to(offline).as_posix()}" for p in offline.rglob("*") if p.is_file())
    assert names == expected
    again = tmp_path / ZIP
    make_zip(offline, again)
    assert again.read_bytes() == (site / ZIP).read_bytes(), "the same files must give the same zip"

"""The hosted build as an offline app, read as files (guide/pwa.py): the service worker precaches
every page and what the pages load, none of the lunr languages search does not use, and stays
within 400 KB gzipped; the manifest and icons follow mkdocs.yml and the favicon.

(tests/browser/test_offline_app.py reads the guide offline on a phone in Chromium.)"""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from mkdocs.config import load_config

from conftest import ROOT, html_pages, mkdocs_build
from guide import pwa

PRECACHE_BUDGET = 400 * 1024


@pytest.fixture(scope="module")
def app_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("app")
    result = mkdocs_build(ROOT, out)
    assert result.returncode == 0, result.stderr
    pwa.add_offline_app(out, load_config(str(ROOT / "mkdocs.yml"), site_dir=str(out)))
    return out


def test_every_page_and_what_it_loads_is_precached(app_site):
    cached = set(pwa.precache_list(app_site))
    pages = {p.relative_to(app_site).as_posix() for p in html_pages(app_site)}
    assert pages and pages <= cached, f"pages not precached: {sorted(pages - cached)}"
    assert "search/search_index.json" in cached
    own = {p.relative_to(app_site).as_posix() for p in (app_site / "assets").rglob("*")
           if p.suffix in {".css", ".js", ".svg"} and "lunr" not in p.parts}
    assert own <= cached, f"assets not precached: {sorted(own - cached)}"
    for url in cached:
        assert (app_site / url).is_file(), url
    assert not [u for u in cached if u.endswith((".zip", ".map")) or u == "sw.js"]


def test_no_unused_lunr_language_is_precached(app_site):
    cached = {u for u in pwa.precache_list(app_site) if "/lunr/" in u}
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert cached == pwa.lunr_files_needed(pwa.search_languages(config))
    assert len(list((app_site / pwa.LUNR).rglob("*.js"))) > len(cached), "Material ships the others"


@pytest.mark.parametrize("languages, expected", [
    (["en"], set()),
    (["es"], {"lunr.es.min.js", "lunr.stemmer.support.min.js"}),
    (["en", "es"], {"lunr.es.min.js", "lunr.stemmer.support.min.js", "lunr.multi.min.js"}),
])
def test_the_lunr_files_follow_the_search_languages(languages, expected):
    assert {Path(f).name for f in pwa.lunr_files_needed(languages)} == expected
    raw = {"plugins": [{"search": {"lang": languages}}, "macros"], "theme": {"language": "en"}}
    assert pwa.search_languages(raw) == languages


def test_the_offline_download_fits_the_budget(app_site):
    raw, gz = pwa.precache_size(app_site)
    assert gz <= PRECACHE_BUDGET, f"the precache weighs {gz / 1024:.1f} KB gzipped (budget 400 KB)"


def test_the_worker_needs_nothing_from_elsewhere(app_site):
    worker = (app_site / pwa.WORKER).read_text(encoding="utf-8")
    assert "importScripts" not in worker, "one file: Workbox's runtime inlined (worker-src 'self')"
    assert "SKIP_WAITING" in worker, "a new version must wait for the reader's Reload"


def test_the_manifest_follows_the_site(app_site):
    config = load_config(str(ROOT / "mkdocs.yml"))
    manifest = json.loads((app_site / pwa.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["name"] == config["site_name"]
    assert manifest["description"] == " ".join(config["site_description"].split())
    assert manifest["display"] == "standalone" and manifest["start_url"] == "./"
    home = (app_site / "index.html").read_text(encoding="utf-8")
    assert f'<meta name="theme-color" content="{manifest["theme_color"]}">' in home
    assert '<link rel="manifest" href="manifest.webmanifest">' in home
    purposes = {(i["sizes"], i.get("purpose", "any")) for i in manifest["icons"]}
    assert purposes == {("192x192", "any"), ("512x512", "any"), ("192x192", "maskable"), ("512x512", "maskable")}


def png_pixels(path: Path) -> tuple[int, int, list[tuple[int, ...]]]:
    """(width, height, RGBA of three spots: the corner, the centre, the middle of the left edge),
    read with sharp, the library that drew the icon (the build needs Node anyway)."""
    script = """
const sharp = require("sharp");
sharp(process.argv[1]).ensureAlpha().raw().toBuffer({resolveWithObject: true}).then(({data, info}) => {
  const at = (x, y) => Array.from(data.subarray((y * info.width + x) * 4, (y * info.width + x) * 4 + 4));
  const w = info.width, h = info.height;
  console.log(JSON.stringify([w, h, [at(0, 0), at(w >> 1, h >> 1), at(Math.floor(w / 20), h >> 1)]]));
});"""
    done = subprocess.run(["node", "-e", script, str(path)], cwd=ROOT, capture_output=True, text=True, check=True)
    width, height, spots = json.loads(done.stdout)
    return width, height, [tuple(spot) for spot in spots]


def hex_rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    if len(colour) == 3:
        colour = "".join(c * 2 for c in colour)
    return tuple(int(colour[i:i + 2], 16) for i in (0, 2, 4))


def close(a, b, slack=8):
    return all(abs(x - y) <= slack for x, y in zip(a, b))


@pytest.mark.parametrize("size", pwa.ICON_SIZES)
def test_icons_are_drawn_from_the_favicon(app_site, size):
    favicon = (ROOT / "docs" / "assets" / "images" / "favicon.svg").read_text(encoding="utf-8")
    outer = hex_rgb(pwa.FIRST_FILL.search(favicon)[1])
    centre_fill = hex_rgb(pwa.FIRST_FILL.findall(favicon)[-1])
    images = app_site / pwa.ICON_DIR
    width, height, (corner, centre, edge) = png_pixels(images / f"icon-{size}.png")
    assert (width, height) == (size, size)
    assert corner[3] == 0, "outside the favicon's circle stays transparent"
    assert close(centre[:3], centre_fill) and close(edge[:3], outer)
    width, height, (corner, centre, edge) = png_pixels(images / f"icon-maskable-{size}.png")
    assert (width, height) == (size, size)
    assert corner[3] == 255 and close(corner[:3], outer), "a maskable icon fills its square"
    assert close(centre[:3], centre_fill)

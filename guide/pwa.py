"""The hosted guide as an installable app that works offline after one visit (issue 12).

`add_offline_app(site_dir, config)` finishes a hosted build (never the file:// copy, where
browsers refuse service workers):

- `manifest.webmanifest`: the guide's name, description, language, colours and icons;
- four PNG icons drawn from the favicon (theme.favicon): 192 and 512 px as they are, and 192 and
  512 px "maskable" ones (the favicon shrunk into the middle 80% of a square of its own outer
  colour, so a phone may cut any shape out of it);
- `sw.js`, a service worker made by Workbox (tools/offline-app.mjs, `workbox-build` pinned in
  package.json): it precaches every page, asset and the search index, except Material's lunr
  language files that the search languages (plugins: search: lang) do not load.

The pages link the manifest (overrides/main.html) and register the worker once they have loaded
(docs/assets/javascripts/offline-app.js). The PNGs and `sw.js` need Node: `make site` installs
the packages with `npm ci` from package-lock.json.

Run it alone on a built folder: `python -m guide.pwa SITE_DIR [--config mkdocs.yml]`.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
from collections.abc import Mapping
from pathlib import Path

from guide.node import INSTALL_NODE, node_for

ROOT = Path(__file__).resolve().parent.parent
NODE_SCRIPT = ROOT / "tools" / "offline-app.mjs"
MANIFEST = "manifest.webmanifest"
WORKER = "sw.js"
ICON_DIR = "assets/images"
ICON_SIZES = (192, 512)
# What a reader's phone never needs offline: the worker itself, the offline zip, developer maps,
# files for search engines and hosts, and what only installing uses (the manifest and icons).
NOT_PRECACHED = ("sw.js", "**/*.map", "**/*.zip", "sitemap.xml", "sitemap.xml.gz", "robots.txt",
                 "_headers", MANIFEST, f"{ICON_DIR}/icon-*.png")
LUNR = "assets/javascripts/lunr"
THEME_COLOR = re.compile(r'<meta\s+name="theme-color"\s+content="([^"]+)"', re.I)
FIRST_FILL = re.compile(r'fill="(#[0-9a-fA-F]{3,8})"')


class OfflineAppError(Exception):
    """A mistake that stops the offline app being made: says what to do."""


def _get(config, key, default=None):
    try:
        value = config[key]
    except (KeyError, TypeError):
        return default
    return default if value is None else value


def _plugin_options(config, name: str):
    """(found, options) of a plugin, from MkDocs' loaded config or a plain mapping of mkdocs.yml."""
    plugins = _get(config, "plugins", {})
    if isinstance(plugins, Mapping):  # MkDocs: {"material/search": plugin, ...}
        for key in (f"material/{name}", name):
            if key in plugins:
                plugin = plugins[key]
                return True, getattr(plugin, "config", plugin) or {}
        return False, {}
    for entry in plugins or []:  # mkdocs.yml as YAML: ["search", {"offline": {...}}, ...]
        if entry in (name, f"material/{name}"):
            return True, {}
        if isinstance(entry, Mapping):
            for key in (name, f"material/{name}"):
                if key in entry:
                    return True, entry[key] or {}
    return False, {}


def is_offline_copy(config) -> bool:
    found, options = _plugin_options(config, "offline")
    return found and bool(_get(options, "enabled", True))


def search_languages(config) -> list[str]:
    """The languages search loads, as plugins: search: lang says (default: the theme's)."""
    _, options = _plugin_options(config, "search")
    lang = _get(options, "lang") or [_get(_get(config, "theme", {}), "language", "en")]
    return [lang] if isinstance(lang, str) else list(lang)


def lunr_files_needed(languages: list[str]) -> set[str]:
    """The lunr files Material's search worker loads for these languages (its own rule: one file
    per language but English, the segmenters of Japanese, Hindi and Thai, lunr.multi for more than
    one language, and lunr.stemmer.support whenever it loads any of them)."""
    needed = set()
    for lang in languages:
        if lang == "ja":
            needed.add(f"{LUNR}/tinyseg.js")
        if lang in {"hi", "th"}:
            needed.add(f"{LUNR}/wordcut.js")
        if lang != "en":
            needed.add(f"{LUNR}/min/lunr.{lang}.min.js")
    if len(languages) > 1:
        needed.add(f"{LUNR}/min/lunr.multi.min.js")
    if needed:
        needed.add(f"{LUNR}/min/lunr.stemmer.support.min.js")
    return needed


def unused_lunr_files(site_dir: Path, languages: list[str]) -> list[str]:
    needed = lunr_files_needed(languages)
    return sorted(p.relative_to(site_dir).as_posix() for p in (site_dir / LUNR).rglob("*")
                  if p.is_file() and p.relative_to(site_dir).as_posix() not in needed)


def manifest(config, theme_color: str) -> dict:
    name = _get(config, "site_name", "Guide")
    icons = [{"src": f"{ICON_DIR}/icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png"}
             for size in ICON_SIZES]
    icons += [{"src": f"{ICON_DIR}/icon-maskable-{size}.png", "sizes": f"{size}x{size}",
               "type": "image/png", "purpose": "maskable"} for size in ICON_SIZES]
    return {
        "name": name,
        "short_name": re.sub(r"^the\s+", "", name, flags=re.I),
        "description": " ".join(str(_get(config, "site_description", "")).split()),
        "lang": _get(_get(config, "theme", {}), "language", "en"),
        "id": "./",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": theme_color,
        "background_color": "#ffffff",
        "icons": icons,
    }


def _theme_color(site_dir: Path) -> str:
    """The colour the pages give the browser's bar (<meta name="theme-color">), so the app's bar
    matches the site's."""
    index = site_dir / "index.html"
    match = THEME_COLOR.search(index.read_text(encoding="utf-8")) if index.exists() else None
    if not match:
        raise OfflineAppError(f"{index}: no <meta name=\"theme-color\"> to take the app's colour from. "
                              "What to do: keep that tag in overrides/main.html.")
    return match[1]


def _favicon(site_dir: Path, config) -> tuple[Path, str]:
    """The favicon as built, and its outer colour (its first fill), for the maskable icons."""
    name = _get(_get(config, "theme", {}), "favicon")
    path = site_dir / str(name or "")
    if not name or path.suffix != ".svg" or not path.is_file():
        raise OfflineAppError(f"mkdocs.yml, theme: favicon: {name!r} is not an SVG file of the build. "
                              "What to do: point theme: favicon at an .svg file under docs/; the app's "
                              "icons are drawn from it.")
    fill = FIRST_FILL.search(path.read_text(encoding="utf-8"))
    if not fill:
        raise OfflineAppError(f"{name}: no fill=\"#colour\" in the favicon: the app's maskable icons "
                              "take their background from its first one. What to do: give its outer "
                              "shape a fill colour.")
    return path, fill[1]


def _node() -> str:
    node = node_for("workbox-build")
    if not node:
        raise OfflineAppError(f"The offline app needs Node.js 18+ and the packages of package-lock.json. "
                              f"What to do: {INSTALL_NODE}.")
    return node


def add_offline_app(site_dir: Path, config, leave_out: tuple[str, ...] = ()) -> None:
    """Write the manifest, the icons and the service worker into a hosted build (see the module's
    docstring). Does nothing to the offline copy. leave_out: more globs not to precache (another
    edition's folder, which has its own worker)."""
    site_dir = Path(site_dir)
    if is_offline_copy(config):
        return
    theme_color = _theme_color(site_dir)
    favicon, background = _favicon(site_dir, config)
    (site_dir / MANIFEST).write_text(json.dumps(manifest(config, theme_color), indent=2) + "\n",
                                     encoding="utf-8")
    job = {
        "site": str(site_dir),
        "favicon": str(favicon),
        "iconDir": str(site_dir / ICON_DIR),
        "iconSizes": list(ICON_SIZES),
        "background": background,
        "ignore": [*NOT_PRECACHED, *unused_lunr_files(site_dir, search_languages(config)), *leave_out],
        "cacheId": re.sub(r"[^a-z0-9]+", "-", str(_get(config, "site_name", "guide")).lower()).strip("-"),
    }
    done = subprocess.run([_node(), str(NODE_SCRIPT), json.dumps(job)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise OfflineAppError(f"tools/offline-app.mjs failed: {done.stderr.strip() or done.stdout.strip()}")


def precache_list(site_dir: Path) -> list[str]:
    """The addresses (relative to the site) that a build's sw.js precaches."""
    text = (Path(site_dir) / WORKER).read_text(encoding="utf-8")
    return re.findall(r'\{url:"([^"]+)",revision:', text)


def precache_size(site_dir: Path) -> tuple[int, int]:
    """(bytes, gzipped bytes) of everything the worker precaches, plus the worker itself:
    what a reader's phone downloads to read the guide offline. Text is counted gzipped (level 6,
    as hosts send it); images as they are."""
    from scripts.static_host import COMPRESSIBLE

    raw = gz = 0
    for url in [WORKER, *precache_list(site_dir)]:
        data = (Path(site_dir) / url).read_bytes()
        raw += len(data)
        gz += len(gzip.compress(data, compresslevel=6, mtime=0)) if Path(url).suffix in COMPRESSIBLE else len(data)
    return raw, gz


def main() -> None:
    parser = argparse.ArgumentParser(description="Make a hosted build an offline app.")
    parser.add_argument("site", type=Path)
    parser.add_argument("--config", default=str(ROOT / "mkdocs.yml"))
    args = parser.parse_args()
    from mkdocs.config import load_config

    try:
        add_offline_app(args.site, load_config(args.config, site_dir=str(args.site)))
    except OfflineAppError as error:
        raise SystemExit(str(error)) from None


if __name__ == "__main__":
    main()

"""What differs between the two builds: the hosted site, and the offline copy (OFFLINE=true)
that readers open from the disk (file://) and that must need nothing from another machine.

- Search over file:// needs a stand-in for Web Workers. Material's `offline` plugin loads one
  from a CDN (https://unpkg.com/iframe-worker/shim) unless `extra.polyfills` already lists a
  script whose address contains "iframe-worker". This hook lists the guide's own
  `assets/javascripts/iframe-worker.js` there, before the plugin looks. The hosted build
  neither loads nor ships that file.
- The hosted build links to the offline zip (`extra.offline_download`, set by `make site`);
  the offline copy never links to a zip it does not contain.
- The hosted build's robots.txt gets the sitemap's full address, from site_url.
- Left out of the offline copy, to keep the download small and the same every time: the
  sitemap (dated) and robots.txt, the 404 page (no server shows it), the JSON search index
  (file:// reads search/search_index.js), source maps (for developers' tools), and, while search
  is English only, lunr's other languages.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

SHIM = "assets/javascripts/iframe-worker.js"
LEFT_OUT = ("sitemap.xml", "sitemap.xml.gz", "robots.txt", "404.html", "search/search_index.json")


def is_offline(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


@event_priority(100)  # before the offline plugin adds the CDN address
def on_config(config: MkDocsConfig) -> None:
    if is_offline(config):
        polyfills = config.extra.setdefault("polyfills", [])
        if SHIM not in polyfills:
            polyfills.append(SHIM)
        config.extra["offline_download"] = None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if not is_offline(config):
        shim = files.get_file_from_path(SHIM)
        if shim:
            files.remove(shim)
    return files


@event_priority(-200)  # after the offline plugin has made search_index.js from the JSON index
def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    if not is_offline(config):
        robots = site / "robots.txt"
        if robots.exists() and config.site_url:
            with robots.open("a", encoding="utf-8") as f:
                f.write(f"Sitemap: {config.site_url.rstrip('/')}/sitemap.xml\n")
        return
    for name in LEFT_OUT:
        (site / name).unlink(missing_ok=True)
    for source_map in site.rglob("*.map"):
        source_map.unlink()
    search = config.plugins.get("material/search")
    if search and list(search.config.lang or ["en"]) == ["en"]:
        shutil.rmtree(site / "assets/javascripts/lunr", ignore_errors=True)

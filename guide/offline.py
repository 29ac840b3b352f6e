"""The offline copy (OFFLINE=true): read from the disk (file://), it needs nothing from another machine.

Search over file:// needs a stand-in for Web Workers. Material's `offline` plugin loads one from a
CDN (https://unpkg.com/iframe-worker/shim) unless `extra.polyfills` already lists a script whose
address contains "iframe-worker": the guide lists its own copy there, before the plugin looks.
The hosted build neither loads nor ships that file.
"""
from __future__ import annotations

SHIM = "assets/javascripts/iframe-worker.js"


def is_offline(config) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


def use_own_worker_shim(extra: dict, offline: bool) -> None:
    if offline:
        polyfills = extra.setdefault("polyfills", [])
        if SHIM not in polyfills:
            polyfills.append(SHIM)
        extra["offline_download"] = None

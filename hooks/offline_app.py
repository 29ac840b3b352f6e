"""TEMPORARY (issue 12, branch h-pwa): finishes every hosted `mkdocs build` with the offline app
(guide.pwa.add_offline_app: manifest, icons, service worker) until the pipeline's finish step
(guide/finish.py) calls it. Delete this file and its line in mkdocs.yml then.

Not for `mkdocs serve` (a worker would serve the preview stale pages) nor the offline copy, and
not in a copy of the project that lacks guide/ (some tests build such copies)."""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.plugins import event_priority

REPO = Path(__file__).resolve().parent.parent
_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


@event_priority(-150)  # after the search plugin has written the index
def on_post_build(config) -> None:
    if _serving or not (REPO / "guide" / "pwa.py").is_file():
        return
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from mkdocs.exceptions import PluginError

    from guide.pwa import OfflineAppError, add_offline_app

    try:
        add_offline_app(Path(config.site_dir), config)
    except OfflineAppError as error:
        raise PluginError(str(error)) from None

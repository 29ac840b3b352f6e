"""TEMPORARY (issue 12, branch h-search): runs guide.search_terms.finish_search_index on the
built folder until the lead's pipeline calls it in guide/finish.py (after the engine build,
before the Content-Security-Policy and verification steps). Delete this file and its line in
mkdocs.yml then."""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from guide.search_terms import SearchTermsError, finish_search_index  # noqa: E402


@event_priority(-300)  # after the offline plugin wrote search_index.js (and hooks/offline.py ran)
def on_post_build(config: MkDocsConfig) -> None:
    root = Path(config.config_file_path).parent
    try:
        finish_search_index(config.site_dir, root / "data" / "search_terms.yml")
    except SearchTermsError as e:
        raise PluginError(str(e)) from None

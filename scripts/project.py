"""A copy of the parts of the project a build reads, for tests and benches that change them."""
from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("docs", "docs-es", "overrides", "macros", "data", "hooks", "includes", "guide", "mkdocs.yml",
                 "mkdocs.es.yml")


# What a build runs but never changes: linked into the copy, not copied (the Node packages are
# large). The offline app's step runs tools/offline-app.mjs with them (guide/pwa.py).
LINKED_PARTS = ("node_modules", "tools", "package.json", "package-lock.json")


def copy_project(dest: Path, root: Path = ROOT) -> Path:
    for part in PROJECT_PARTS:
        src = root / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.is_file():
            shutil.copy2(src, dest / part)
    for part in LINKED_PARTS:
        src = (root / part).resolve()
        if src.exists() and not (dest / part).exists():
            (dest / part).symlink_to(src)
    return dest

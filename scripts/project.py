"""A copy of the parts of the project a build reads, for tests and benches that change them."""
from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("docs", "docs-es", "overrides", "macros", "data", "hooks", "includes", "guide", "mkdocs.yml",
                 "mkdocs.es.yml")


def copy_project(dest: Path, root: Path = ROOT) -> Path:
    for part in PROJECT_PARTS:
        src = root / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.is_file():
            shutil.copy2(src, dest / part)
    return dest

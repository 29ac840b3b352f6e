"""The offline copy as a zip a reader can download (step 3 of the build, guide/pipeline.py).

The zip holds one folder, `trigger-point-guide/`, so unpacking it never scatters files; the
reader opens `trigger-point-guide/index.html`. Made with Python's zipfile, with no network, and
the same bytes every time for the same files: entries in sorted order, every date set to one
fixed moment, the same permissions, the same compression level.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

FOLDER = "trigger-point-guide"
FIXED_DATE = (2000, 1, 1, 0, 0, 0)  # zip dates start in 1980; any fixed date will do


def make_zip(site: Path, target: Path) -> None:
    site = site.resolve()
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{site} has no index.html: build the offline copy first")
    files = sorted(p for p in site.rglob("*") if p.is_file())
    partial = target.with_name(target.name + ".part")
    with zipfile.ZipFile(partial, "w") as archive:
        for path in files:
            entry = zipfile.ZipInfo(f"{FOLDER}/{path.relative_to(site).as_posix()}", FIXED_DATE)
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, path.read_bytes(), compresslevel=9)
    partial.replace(target)


"""Valid HTML: the Nu HTML Checker (vnu.jar, the W3C validator) finds no error on any page of
either build, the hosted one and the offline copy.

Stock Material for MkDocs 9.8.2 gets 2 errors on every page (`autocomplete` on its drawer and
search checkboxes); guide/finish.py removes them, and guide/verify.py refuses a build where it
could not (Material's markup changed). `make test` installs the checker with npm
(pinned in package.json and package-lock.json). Without Java or the checker this test is skipped,
saying why; under CI (CI=true) it fails instead.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import CHECKOUT

VNU_JAR = CHECKOUT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Errors that come from page content, not from the theme, reported to the guide's editor:
# (page file name, validator message) -> why. Remove an entry as soon as its cause is fixed.
KNOWN_CONTENT_ERRORS: dict[tuple[str, str], str] = {}


def _missing(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI: {reason}. The HTML validator must run in CI.", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def java() -> str:
    java = shutil.which("java")
    if not java:
        _missing("Java is missing (the Nu HTML Checker needs Java 11 or newer): apt-get install default-jre-headless")
    if not VNU_JAR.exists():
        _missing(f"the Nu HTML Checker is not installed at {VNU_JAR.relative_to(CHECKOUT)}: run `make test` "
                 "(it runs `npm ci --omit=dev --ignore-scripts`)")
    return java


def validate(java: str, folder: Path) -> tuple[list[Path], list[str]]:
    """Run the checker on every HTML file of a build: (the files, one line per error)."""
    pages = sorted(folder.rglob("*.html"))
    assert pages, f"no HTML pages in {folder}"
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True, text=True, timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    def where(url: str) -> str:  # "file:/tmp/.../aftercare/index.html" -> "aftercare/index.html"
        path = Path(url.removeprefix("file:"))
        return path.relative_to(folder).as_posix() if path.is_relative_to(folder) else url

    def known(m: dict) -> bool:
        stem = where(m.get("url", "")).removesuffix("/index.html").removesuffix(".html")
        return (stem, m.get("message")) in KNOWN_CONTENT_ERRORS

    errors = [
        f"{where(m.get('url', '?'))}:{m.get('lastLine', '?')}: {m.get('message')} "
        f"[{m.get('extract', '').strip()[:120]}]"
        for m in messages if m.get("type") in {"error", "non-document-error"} and not known(m)
    ]
    return pages, errors


@pytest.mark.parametrize("build", ["hosted", "offline"])
def test_every_page_is_valid_html(java, site_dir, offline_site_dir, build):
    folder = site_dir if build == "hosted" else offline_site_dir
    pages, errors = validate(java, folder)
    assert not errors, (
        f"the Nu HTML Checker found {len(errors)} errors in the {build} build ({len(pages)} pages):\n"
        + "\n".join(errors)
    )

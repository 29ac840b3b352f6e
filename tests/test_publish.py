"""Step 5, publishing (guide/publish.py): two `make site` at once never publish an incomplete
site, and a build killed midway leaves the last good site in place (issue 11).

To keep this to a couple of minutes, the builds run on a small copy of the project: the same
code, settings, theme and data, with two pages (the home page, citing every source, and the
sources page). Publishing does not depend on how many pages there are.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import build_env, copy_project
from macros.models import load_guide_data

PAIRS = 20
ZIP = "trigger-point-guide-offline.zip"
TINY_PAGES = {"index.md": "Home", "sources.md": "Sources"}


@pytest.fixture(scope="module")
def tiny_project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("tiny") / "project")
    docs = project / "docs"
    for page in docs.glob("*.md"):
        if page.name not in TINY_PAGES:
            page.unlink()
    # English only, and pages that link to no page left out; no readers' words or questions (most
    # of the words and pages they point to are left out).
    (project / "data" / "search_terms.yml").unlink(missing_ok=True)
    (project / "data" / "reader_questions.yml").unlink(missing_ok=True)
    (project / "mkdocs.es.yml").unlink(missing_ok=True)
    shutil.rmtree(project / "docs-es", ignore_errors=True)
    (docs / "sources.md").write_text(
        "---\ndescription: The sources, for the publishing tests of a small copy.\nreviewed: 2026-11-27\n"
        "next_review: 2027-11-27\n---\n\n# Sources\n\n{{ sources_list() }}\n", encoding="utf-8")
    cites = "".join(f'{{{{ cite("{s.id}") }}}}' for s in load_guide_data(project / "data").sources)
    (docs / "index.md").write_text(
        "---\ndescription: A small copy of the guide, for the publishing tests.\nreviewed: 2026-11-27\n"
        f"next_review: 2027-11-27\n---\n\n# The Trigger Point Guide\n\nA short page.{cites}\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    nav = "nav:\n" + "".join(f"  - {title}: {src}\n" for src, title in TINY_PAGES.items())
    config.write_text(re.sub(r"(?ms)^nav:\n.*\Z", nav, text), encoding="utf-8")
    return project


def start_build(project: Path, out: Path) -> subprocess.Popen:
    """`python -m guide site` (what `make site` runs), in a process group of its own."""
    return subprocess.Popen(
        [sys.executable, "-m", "guide", "site", "--site-dir", str(out / "site"), "--offline-dir", str(out / "site-offline")],
        cwd=project, env=build_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True)


def incomplete(out: Path) -> list[str]:
    """What a reader (or a host copying site/) would miss in the published folders right now."""
    missing = []
    site, offline = out / "site", out / "site-offline"
    if not site.exists():
        return ["site/ is missing"]
    root = site.resolve()
    for src in TINY_PAGES:
        page = root / ("index.html" if src == "index.md" else f"{src.removesuffix('.md')}/index.html")
        if not page.is_file() or not page.read_bytes().rstrip().endswith(b"</html>"):
            missing.append(f"site/{page.relative_to(root)}")
    if not (root / ZIP).is_file():
        missing.append(f"site/{ZIP}")
    if not (offline.resolve() / "index.html").is_file():
        missing.append("site-offline/index.html")
    return missing


def digest(out: Path) -> dict[str, str]:
    found = {}
    for name in ("site", "site-offline"):
        root = (out / name).resolve()
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            found[f"{name}/{path.relative_to(root)}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


class Watcher:
    """Looks at the published folders every few milliseconds while builds run."""

    def __init__(self, out: Path):
        self.out, self.seen, self.looks = out, [], 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            if (self.out / "site").exists() or (self.out / "site").is_symlink():
                problems = incomplete(self.out)
                self.looks += 1
                if problems:
                    self.seen.append(problems)
            time.sleep(0.005)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def test_twenty_pairs_of_concurrent_builds_never_publish_an_incomplete_site(tiny_project, tmp_path):
    out = tmp_path / "out"
    first = start_build(tiny_project, out)
    assert first.wait(timeout=600) == 0, first.stdout.read()
    assert not incomplete(out)
    with Watcher(out) as watcher:
        for pair in range(PAIRS):
            builds = [start_build(tiny_project, out) for _ in range(2)]
            for build in builds:
                output = build.communicate(timeout=600)[0]
                assert build.returncode == 0, f"pair {pair + 1}: a build failed:\n{output}"
                assert "Traceback" not in output, output
            assert not incomplete(out), f"pair {pair + 1}: {incomplete(out)}"
    assert watcher.looks > 100, "the watcher hardly looked"
    assert not watcher.seen, f"while builds ran, a reader saw an incomplete site: {watcher.seen[:5]}"
    kept = [p for p in (out / ".builds" / "site").iterdir()]
    assert len(kept) <= 3, f"old builds pile up: {kept}"


@pytest.mark.parametrize("kill_at", [0.15, 0.4, 0.65, 0.9])
def test_a_killed_build_leaves_the_last_good_site(kill_at, tiny_project, tmp_path_factory):
    """SIGKILL to the whole build (the engine too) at a point of its run, as a fraction of how long
    a build takes; then the published site is the last good one, and the next build works."""
    out = tmp_path_factory.mktemp("killed") / "out"
    started = time.monotonic()
    first = start_build(tiny_project, out)
    assert first.wait(timeout=600) == 0, first.stdout.read()
    duration = time.monotonic() - started
    before = digest(out)

    victim = start_build(tiny_project, out)
    time.sleep(duration * kill_at)
    if victim.poll() is None:
        os.killpg(victim.pid, signal.SIGKILL)
    victim.wait(timeout=60)
    victim.stdout.close()
    if victim.returncode == 0:
        pytest.skip("the build finished before it could be killed (the machine was faster than measured)")
    assert not incomplete(out), incomplete(out)
    assert digest(out) == before, "a killed build changed the published site"

    again = start_build(tiny_project, out)
    output = again.communicate(timeout=600)[0]
    assert again.returncode == 0, f"the build after a killed one failed (a stale lock?):\n{output}"
    assert not incomplete(out)

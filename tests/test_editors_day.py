"""An editor's day: correct edits pass every check and every test, unchanged.

The edits are listed in tests/editors_day/ (see its README): change a price, add a source and cite
it, add a page with a box, tabs and a citation, rename a page and fix its links, move a review
date. Each alone must pass step 1 of the build. All of them together, in one copy of the project,
must pass every step of the build (`python -m guide check`) and then every test outside
tests/browser/, run against that copy (GUIDE_PROJECT, see tests/conftest.py). One copy with every
edit keeps this to one run of the suite (a few minutes) instead of five. Left out of that run:
the tests marked `browser` (Chromium); tests/test_publish.py, which tests how a build is
published (forty builds of a two-page copy), not what the pages hold; and tests/test_injection.py,
which puts its own payloads into the data and builds once per payload (it finds every place by
its field name, so an editor's correct edit does not change what it tests).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import CHECKOUT, ROOT, apply_edit, build_env, copy_project

EDITS = sorted((CHECKOUT / "tests" / "editors_day").glob("*.yml"))
# Not part of the project: tools, builds and caches.
NOT_PROJECT = shutil.ignore_patterns(".git", ".venv", ".venv-*", "node_modules", "site", "site-offline", ".builds",
                                     ".*.lock", "__pycache__", ".pytest_cache", "test-output")

pytestmark = pytest.mark.skipif(bool(os.environ.get("GUIDE_PROJECT")),
                                reason="already running against an edited copy (no editor's day inside one)")


def load_edit(path: Path) -> dict:
    edit = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert {"edit", "steps"} <= edit.keys(), f"{path.name}: needs 'edit' and 'steps'"
    return edit


def apply(edit: dict, project: Path) -> None:
    for step in edit["steps"]:
        apply_edit(project, step)


def guide(command: str, project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "guide", command], cwd=project, env=build_env(),
                          capture_output=True, text=True, timeout=900)


def test_the_day_has_every_kind_of_edit():
    assert {p.stem for p in EDITS} >= {"change-a-price", "add-a-source", "add-a-page", "rename-a-page",
                                       "move-a-review-date"}


@pytest.mark.parametrize("path", EDITS, ids=[p.stem for p in EDITS])
def test_each_edit_alone_passes_the_source_checks(path, tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "tests").mkdir()
    for questions in (ROOT / "tests").glob("search_questions*.yml"):  # editors add to these too
        shutil.copy2(questions, project / "tests" / questions.name)
    before = {p.relative_to(project): p.read_bytes() for p in project.rglob("*") if p.is_file()}
    apply(load_edit(path), project)
    after = {p.relative_to(project): p.read_bytes() for p in project.rglob("*") if p.is_file()}
    assert after != before, "the edit changed nothing"
    result = guide("sources", project)
    output = result.stdout + result.stderr
    assert result.returncode == 0 and "Traceback" not in output, output


def test_all_edits_together_pass_the_build_and_every_test(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=NOT_PROJECT)
    (project / "node_modules").symlink_to((ROOT / "node_modules").resolve())  # the build's Node packages
    for path in EDITS:
        apply(load_edit(path), project)

    checked = guide("check", project)
    output = checked.stdout + checked.stderr
    assert checked.returncode == 0 and "Traceback" not in output, f"python -m guide check failed:\n{output}"

    env = {**os.environ, "GUIDE_PROJECT": str(project)}
    suite = subprocess.run(
        [sys.executable, "-m", "pytest", "tests", "--ignore=tests/browser", "-m", "not browser",
         "--ignore=tests/test_editors_day.py", "--ignore=tests/test_publish.py", "--ignore=tests/test_injection.py",
         "-q", "-p", "no:cacheprovider", f"--basetemp={tmp_path / 'inner'}"],
        cwd=CHECKOUT, env=env, capture_output=True, text=True, timeout=1800,
    )
    tail = "\n".join((suite.stdout + suite.stderr).splitlines()[-60:])
    assert suite.returncode == 0, f"a test failed after correct edits (GUIDE_PROJECT={project}):\n{tail}"
    assert " passed" in suite.stdout, tail

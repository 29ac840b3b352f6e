"""Shared fixtures: the guide is built once per test session, and tests read what a reader gets."""
from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

# The checkout these tests and their tools (.venv, node_modules, .venv-zensical) live in.
CHECKOUT = Path(__file__).resolve().parent.parent
# The project the tests read and build: this checkout, or the copy GUIDE_PROJECT names (the
# editor's-day test, tests/test_editors_day.py, runs every test against an edited copy this way).
ROOT = Path(os.environ["GUIDE_PROJECT"]).resolve() if os.environ.get("GUIDE_PROJECT") else CHECKOUT
SHARED = CHECKOUT.parent / "shared"
ARTICLE = SHARED / "seed" / "article.txt"
# A stand-in repository address, so the "Edit this page" links are built and can be checked.
TEST_REPO_URL = "https://github.com/example-clinic/trigger-point-guide"
# A stand-in address for the hosted guide, so canonical links, the sitemap and robots.txt are built.
TEST_SITE_URL = "https://trigger-point-guide.example.org/"  # at a root, as the tests serve it

from guide.check_sources import read_config  # noqa: E402
from scripts.project import PROJECT_PARTS  # noqa: E402,F401  (shared with the benches)
from scripts.project import copy_project as copy_parts  # noqa: E402

# The engine that makes the session's build (`made_site`, and so every test of the built guide):
# MkDocs by default; GUIDE_ENGINE=properdocs or GUIDE_ENGINE=zensical runs the same tests on that
# engine's output (`make test` does both; see the Makefile). Builds of changed copies of the project
# (guide_build) use it too.
ENGINE = os.environ.get("GUIDE_ENGINE") or "mkdocs"

# Fixtures shared by more than one folder of tests, made once per session: the attacker's builds.
pytest_plugins = ["injection"]

# `make test` shares the tests out to two processes (pytest-xdist, `--dist loadscope`, in this
# order): one file at a time, the longest first, so that neither process is left with one of them
# at the end (from the "slowest durations" that `make test` prints; other files run after). A
# file's module-scoped builds are then made once, in one process. The two files of the attacker's
# builds (tests/injection.py) share one process, so that their five builds are made once.
LONGEST_FIRST = ("test_editors_day.py", "test_publish.py", "test_focus_rings.py", "test_accessibility.py",
                 "test_injected_text.py", "test_injection.py", "test_editor_errors.py", "test_editor_safety.py")
SAME_PROCESS = {"test_injected_text.py": "injection", "test_injection.py": "injection"}


@pytest.hookimpl(tryfirst=True, optionalhook=True)  # before xdist's own choice
def pytest_xdist_make_scheduler(config, log):
    """`--dist loadscope`, one file (or SAME_PROCESS group) to a process. (xdist's `loadgroup` and
    its xdist_group marks would say the same, but with pytest 9.2 it silently stops grouping:
    pytest-xdist issue 1386. tests/test_suite_processes.py checks that the groups hold.)"""
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class OneFileToAProcess(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return process_group(nodeid)

    return OneFileToAProcess(config, log)


def process_group(nodeid: str) -> str:
    """The group a test runs in: its file, or its file's SAME_PROCESS group."""
    path = nodeid.split("::", 1)[0]
    return SAME_PROCESS.get(path.rsplit("/", 1)[-1], path)


def pytest_collection_modifyitems(items):
    def rank(item) -> int:
        return LONGEST_FIRST.index(item.path.name) if item.path.name in LONGEST_FIRST else len(LONGEST_FIRST)
    items.sort(key=rank)  # stable: within a file, and among the other files, the order stays


def build_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GUIDE_", "OFFLINE", "SITE_URL"))}
    env.update(NO_MKDOCS_2_WARNING="1", GUIDE_REPO_URL=TEST_REPO_URL, GUIDE_EDIT_URI="edit/main/docs/",
               GUIDE_ENGINE=ENGINE)
    env.update(extra)
    return env


def guide_build(project: Path, out: Path, command: str = "site", **env: str) -> subprocess.CompletedProcess:
    """Run the build's one path (`python -m guide site`, what `make site` runs) on a project folder,
    publishing into out/site and out/site-offline. `command="check"` publishes nothing."""
    return subprocess.run(
        [sys.executable, "-m", "guide", command, "--site-dir", str(out / "site"),
         "--offline-dir", str(out / "site-offline")],
        cwd=project, env=build_env(**env), capture_output=True, text=True, timeout=600,
    )


def copy_project(dest: Path) -> Path:
    """A copy of the parts of the project a build reads (of ROOT: GUIDE_PROJECT when set), for
    tests that break or change them."""
    return copy_parts(dest, ROOT)


def apply_edit(project: Path, step: dict, encoding: str = "utf-8") -> int:
    """One edit of a project copy, as tests/broken/README.md describes; returns the line where
    the new text starts (1 for a new or renamed file).

    - {file, find, replace}: `find` occurs exactly once in the file and is replaced;
    - {file, find_re, replace}: the same with a regular expression (matched exactly once);
    - {file, replace}: the file is created (or overwritten) with `replace` as its text;
    - {file, append}: `append` is added at the end of the file;
    - {rename: docs/a.md, to: docs/b.md}: the file is renamed;
    - {replace_all: old, with: new, files: [glob, ...]}: every `old` in those files becomes `new`
      (what an editor's search-and-replace does), and at least one is found.
    """
    if "rename" in step:
        (project / step["rename"]).rename(project / step["to"])
        return 1
    if "append" in step:
        target = project / step["file"]
        text = target.read_text(encoding="utf-8")
        target.write_text(text + step["append"], encoding="utf-8")
        return text.count("\n") + 1
    if "replace_all" in step:
        changed = 0
        for pattern in step["files"]:
            for path in sorted(project.glob(pattern)):
                text = path.read_text(encoding="utf-8")
                if step["replace_all"] in text:
                    path.write_text(text.replace(step["replace_all"], step["with"]), encoding="utf-8")
                    changed += 1
        assert changed, f"{step['replace_all']!r} is in none of {step['files']}; the edit needs updating"
        return 1
    target = project / step["file"]
    if "find" not in step and "find_re" not in step:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(step["replace"].encode(encoding))
        return 1
    text = target.read_text(encoding="utf-8")
    pattern = re.compile(step["find_re"]) if "find_re" in step else re.compile(re.escape(step["find"]))
    found = pattern.findall(text)
    assert len(found) == 1, f"{step['file']}: the text to find occurs {len(found)} times; the edit needs updating"
    start = pattern.search(text).start()
    target.write_bytes(pattern.sub(lambda _: step["replace"], text).encode(encoding))
    return text.count("\n", 0, start) + 1


@pytest.fixture(scope="session")
def made_site(tmp_path_factory) -> Path:
    """What `make site` makes, made by `make site` into a temporary folder: site/ (with the
    offline zip inside) and site-offline/, with SITE_URL set as the Pages workflow sets it.
    Every test of the built guide reads this one build."""
    out = tmp_path_factory.mktemp("made")
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", "site",
         f"SITE_DIR={out / 'site'}", f"OFFLINE_DIR={out / 'site-offline'}", f"BIN={Path(sys.executable).parent}"],
        cwd=ROOT, env=build_env(SITE_URL=TEST_SITE_URL), capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, f"make site failed:\n{result.stdout}\n{result.stderr}"
    return out


@pytest.fixture(scope="session")
def site_dir(made_site) -> Path:
    """The hosted build of the guide, as `make site` published it."""
    return made_site / "site"


@pytest.fixture(scope="session")
def offline_site_dir(made_site) -> Path:
    """The offline copy of the guide (read from file://), as `make site` published it."""
    return made_site / "site-offline"


@pytest.fixture(scope="module", params=["hosted", "offline"])
def made_build(request, made_site) -> tuple[str, Path]:
    """("hosted", site/) and ("offline", site-offline/), each as `make site` made it."""
    return request.param, made_site / ("site" if request.param == "hosted" else "site-offline")


def html_pages(site: Path) -> list[Path]:
    """Every HTML page of a build, in a fixed order."""
    return sorted(site.rglob("*.html"))


@pytest.fixture(scope="session")
def config() -> dict:
    """mkdocs.yml as the build's first step reads it."""
    return read_config(ROOT)[0]


@pytest.fixture(scope="session")
def nav_pages() -> list[tuple[str, str]]:
    """(title, source file) for every page in the navigation, in order."""
    return [(entry.title, entry.target) for entry in read_config(ROOT)[1] if entry.target]


def built_path(site: Path, src: str) -> Path:
    """Where a docs/ page lands in a build with directory URLs."""
    stem = src.removesuffix(".md")
    if stem == "index":
        return site / "index.html"
    if stem.endswith("/index"):
        return site / stem.removesuffix("index") / "index.html"
    return site / stem / "index.html"


def _front_matter_end(lines: list[str]) -> int:
    if lines and lines[0].strip() == "---":
        return next((i + 1 for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), 0)
    return 0


@functools.cache
def page_sources() -> dict[str, str]:
    """docs/ page (as "aftercare.md") -> its Markdown text, for tests that find a page by what it
    holds rather than by its file name (an editor may rename a page's file)."""
    docs = ROOT / "docs"
    return {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in sorted(docs.rglob("*.md"))}


def page_titled(title: str) -> str:
    """The docs/ page whose title (its '# ' heading) is `title`."""
    for src, text in page_sources().items():
        lines = text.splitlines()
        heading = next((l for l in lines[_front_matter_end(lines):] if l.startswith("# ")), None)
        if heading and heading[2:].strip() == title:
            return src
    raise AssertionError(f"no page in docs/ has the title '# {title}' (the tests find pages by their title)")


def pages_calling(macro: str) -> list[str]:
    """The docs/ pages whose text calls {{ macro(...) }}."""
    call = re.compile(r"\{\{-?\s*" + re.escape(macro) + r"\s*\(")
    return [src for src, text in page_sources().items() if call.search(text)]


def page_calling(macro: str) -> str:
    """The one docs/ page that calls {{ macro(...) }}."""
    found = pages_calling(macro)
    assert len(found) == 1, f"expected one page calling {macro}(), found {found}"
    return found[0]


@pytest.fixture(scope="session")
def html_tree(site_dir):
    """html_tree("aftercare.md") -> BeautifulSoup of that built page."""
    cache: dict[str, BeautifulSoup] = {}

    def read(src: str) -> BeautifulSoup:
        if src not in cache:
            cache[src] = BeautifulSoup(built_path(site_dir, src).read_text(encoding="utf-8"), "lxml")
        return cache[src]

    return read

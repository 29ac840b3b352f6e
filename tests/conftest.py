"""Shared fixtures: the guide is built once per test session, and tests read what a reader gets."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
ARTICLE = SHARED / "seed" / "article.txt"
# A stand-in repository address, so the "Edit this page" links are built and can be checked.
TEST_REPO_URL = "https://github.com/example-clinic/trigger-point-guide"
# A stand-in address for the hosted guide, so canonical links, the sitemap and robots.txt are built.
TEST_SITE_URL = "https://trigger-point-guide.example.org/"  # at a root, as the tests serve it

from guide.check_sources import read_config  # noqa: E402
from scripts.project import PROJECT_PARTS, copy_project  # noqa: E402,F401  (shared with the benches)

# The engine that makes the session's build (`made_site`, and so every test of the built guide):
# MkDocs by default; GUIDE_ENGINE=properdocs or GUIDE_ENGINE=zensical runs the same tests on that
# engine's output (`make test` does both; see the Makefile). Builds of changed copies of the project
# (guide_build) use it too.
ENGINE = os.environ.get("GUIDE_ENGINE") or "mkdocs"


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


@pytest.fixture(scope="session")
def made_site(tmp_path_factory) -> Path:
    """What `make site` makes, made by `make site` into a temporary folder: site/ (with the
    offline zip inside) and site-offline/. Every test of the built guide reads this one build."""
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


@pytest.fixture(scope="session")
def html_tree(site_dir):
    """html_tree("aftercare.md") -> BeautifulSoup of that built page."""
    cache: dict[str, BeautifulSoup] = {}

    def read(src: str) -> BeautifulSoup:
        if src not in cache:
            cache[src] = BeautifulSoup(built_path(site_dir, src).read_text(encoding="utf-8"), "lxml")
        return cache[src]

    return read

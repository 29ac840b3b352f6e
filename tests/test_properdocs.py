"""ProperDocs 1.6.7, the maintained fork of MkDocs 1.6, gives the same guide as MkDocs 1.6.1.

Both engines build through the one path (`python -m guide site --engine ...`: check, build,
finish, verify, publish), and every file of both copies (site/ with the offline zip inside it, and
site-offline/) must be byte-identical, apart from the `generator` meta tag, which names the engine.
ProperDocs runs from its own virtual environment (.venv-properdocs, made by `make test` from
requirements-properdocs.txt), which holds no `mkdocs` package: what it builds is ProperDocs' alone.

Because the pages are the same bytes, every other test of the built guide holds for ProperDocs'
output too; `make test` also runs a few of them on it (GUIDE_ENGINE=properdocs, see the Makefile).
"""
from __future__ import annotations

import difflib
import io
import os
import re
import zipfile
from pathlib import Path

import pytest

from conftest import CHECKOUT, ENGINE, ROOT, TEST_SITE_URL, guide_build

PROPERDOCS_VENV = CHECKOUT / ".venv-properdocs"
GENERATOR = re.compile(rb'<meta name="generator" content="(?P<engine>[^"]*)">')


@pytest.fixture(scope="module")
def built_by(made_site, tmp_path_factory) -> dict[str, Path]:
    """{"mkdocs": folder, "properdocs": folder}, each holding site/ and site-offline/ as
    `python -m guide site` published them. The session's own build is reused for its engine."""
    if not (PROPERDOCS_VENV / "bin" / "python").exists():
        reason = f"ProperDocs is not installed in {PROPERDOCS_VENV.relative_to(CHECKOUT)} (make test installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI: {reason}", pytrace=False)
        pytest.skip(reason)
    builds = {ENGINE: made_site}
    for name in ("mkdocs", "properdocs"):
        if name not in builds:
            out = tmp_path_factory.mktemp(f"built-by-{name}")
            result = guide_build(ROOT, out, GUIDE_ENGINE=name, SITE_URL=TEST_SITE_URL)  # as made_site
            assert result.returncode == 0, f"{name} build failed:\n{result.stdout}\n{result.stderr}"
            builds[name] = out
    return builds


def _files(folder: Path) -> dict[str, bytes]:
    """Every file under folder (a published copy is a link to its build), by relative path."""
    root = folder.resolve()
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


REVISION = re.compile(rb'revision:"[0-9a-f]+"')


def _without_generator(name: str, data: bytes) -> bytes:
    if name.endswith(".html"):
        return GENERATOR.sub(b'<meta name="generator" content="">', data)
    if name.endswith("sw.js"):  # the worker's revisions hash the pages, generator tag included:
        return b"\n".join(sorted(re.findall(rb'url:"([^"]+)"', data)))  # compare what it precaches
    return data


def _zip_members(data: bytes) -> dict[str, bytes]:
    """A zip's files by name; the entries' dates are the build's time, so they are not compared."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _differences(ours: dict[str, bytes], theirs: dict[str, bytes], where: str) -> list[str]:
    problems = []
    for name in sorted(set(ours) | set(theirs)):
        if name not in theirs or name not in ours:
            problems.append(f"{where}{name}: only in {'MkDocs' if name in ours else 'ProperDocs'}' build")
            continue
        a, b = _without_generator(name, ours[name]), _without_generator(name, theirs[name])
        if name.endswith(".zip"):
            problems += _differences(_zip_members(a), _zip_members(b), f"{where}{name}!")
        elif a != b:
            diff = difflib.unified_diff(a.decode("utf-8", "replace").splitlines(),
                                        b.decode("utf-8", "replace").splitlines(), "mkdocs", "properdocs", n=0, lineterm="")
            problems.append(f"{where}{name} differs:\n  " + "\n  ".join(list(diff)[2:8]))
    return problems


@pytest.mark.parametrize("copy", ["site", "site-offline"])
def test_properdocs_builds_the_same_files_byte_for_byte(built_by, copy):
    mkdocs, properdocs = _files(built_by["mkdocs"] / copy), _files(built_by["properdocs"] / copy)
    assert any(name.endswith("index.html") for name in mkdocs), f"no pages in MkDocs' {copy}/"
    problems = _differences(mkdocs, properdocs, f"{copy}/")
    assert not problems, "ProperDocs' output differs from MkDocs':\n" + "\n".join(problems)


@pytest.mark.parametrize("copy", ["site", "site-offline"])
def test_each_page_names_the_engine_that_built_it(built_by, copy):
    """The one difference allowed is the generator tag: each build's pages name their engine, so
    the comparison above really compared two engines' work."""
    for engine, expected in (("mkdocs", b"mkdocs-1.6.1,"), ("properdocs", b"ProperDocs 1.6.7,")):
        pages = {name: data for name, data in _files(built_by[engine] / copy).items() if name.endswith(".html")}
        assert pages
        for name, data in pages.items():
            tags = GENERATOR.findall(data)
            assert len(tags) == 1 and expected in tags[0], f"{engine} {copy}/{name}: generator {tags}"

"""What the guide is built with, read as files: the GitHub workflows (actions pinned by commit,
the least token each job needs, the checks before a deployment) and the Python requirements
(every package locked with hashes, installed with --require-hashes, the locks made from the
*.in files and agreeing with each other). No network: these read the files only."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
PAGES = ROOT / ".github" / "workflows" / "pages.yml"
PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")
LOCKS = sorted(p for p in ROOT.glob("requirements*.txt"))
PIN = re.compile(r"^([A-Za-z0-9_.\[\]-]+)==([^\s;\\]+)")


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def steps(job: dict) -> list[dict]:
    return job.get("steps") or []


def uses_lines(path: Path) -> list[tuple[int, str]]:
    """Every `uses:` line of a workflow, with its line number, as written (comment included)."""
    return [(n, line) for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if re.match(r"^\s*(-\s+)?uses:", line)]


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked(path: Path) -> dict[str, tuple[str, int]]:
    """{package: (version, number of hashes)} of a requirements file written by `make requirements`."""
    text = path.read_text(encoding="utf-8").replace("\\\n", " ")
    found: dict[str, tuple[str, int]] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = PIN.match(line)
        assert m, f"{path.name}: not an exact pin: {line[:80]}"
        found[normal(m[1])] = (m[2], len(re.findall(r"--hash=sha256:[0-9a-f]{64}\b", line)))
    return found


def direct(path: Path) -> dict[str, str]:
    """{package: version} pinned in an .in file (its own lines, not those it includes)."""
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            m = PIN.match(line)
            assert m, f"{path.name}: a direct dependency must be pinned exactly (name==version): {line}"
            pins[normal(m[1])] = m[2]
    return pins


# --- workflows ----------------------------------------------------------------------------------

def test_there_are_workflows_to_check():
    assert PAGES in WORKFLOWS and len(WORKFLOWS) >= 2


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_by_commit_with_its_version_in_a_comment(workflow):
    lines = uses_lines(workflow)
    assert lines, f"{workflow.name} uses no action?"
    for n, line in lines:
        value, _, comment = line.split("uses:", 1)[1].partition("#")
        value = value.strip().strip("'\"")
        if value.startswith("./"):
            continue  # an action of this repository: pinned by the commit being run
        assert PINNED.match(value), f"{workflow.name}, line {n}: '{value}' is not pinned to a 40-hex commit"
        assert re.match(r"\s*v\d+(\.\d+)*\s*$", comment), \
            f"{workflow.name}, line {n}: say which version the commit is, as '# v1.2.3'"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_checkout_leaves_no_token_behind_and_only_deploy_may_publish(workflow):
    data = load(workflow)
    assert data.get("permissions") == {"contents": "read"}, \
        f"{workflow.name}: the workflow-wide token must be read-only (permissions: contents: read)"
    for name, job in data["jobs"].items():
        perms = job.get("permissions") or {}
        for step in steps(job):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert (step.get("with") or {}).get("persist-credentials") is False, \
                    f"{workflow.name}, job {name}: checkout must set persist-credentials: false"
        deploys = any(str(s.get("uses", "")).startswith("actions/deploy-pages@") for s in steps(job))
        if deploys:
            assert perms.get("pages") == "write" and perms.get("id-token") == "write", name
            assert not any(s.get("run") for s in steps(job)), f"{name}: the deploy job runs no project code"
        else:
            assert perms.get("pages") in (None, "read", "none") and "id-token" not in perms, \
                f"{workflow.name}, job {name}: only the deploy job may hold pages: write or id-token: write"
        assert "write" not in {v for k, v in perms.items() if k not in ("pages", "id-token")}, name


def test_pages_workflow_checks_then_builds_then_deploys_and_keeps_the_zip():
    data = load(PAGES)
    text = PAGES.read_text(encoding="utf-8")
    triggers = data[True] if True in data else data["on"]  # YAML 1.1 reads `on` as true
    assert triggers["push"]["branches"] == ["main"]
    jobs = data["jobs"]
    [(build_name, build)] = [(n, j) for n, j in jobs.items()
                             if any("upload-pages-artifact@" in str(s.get("uses", "")) for s in steps(j))]
    [deploy] = [j for j in jobs.values() if any("deploy-pages@" in str(s.get("uses", "")) for s in steps(j))]
    assert build_name in ([deploy["needs"]] if isinstance(deploy["needs"], str) else deploy["needs"])

    def first(pred) -> int:
        found = [i for i, s in enumerate(steps(build)) if pred(s)]
        assert found, "step missing"
        return found[0]

    check = first(lambda s: "make check" in str(s.get("run", "")))
    site = first(lambda s: "make site" in str(s.get("run", "")))
    upload = first(lambda s: "upload-pages-artifact@" in str(s.get("uses", "")))
    assert check < site < upload, "the checks run first, then the build, and only then the upload"
    for needed in ("actions/upload-artifact@", "site/trigger-point-guide-offline.zip",
                   "GUIDE_REPO_URL: ${{ github.server_url }}/${{ github.repository }}", "SITE_URL:",
                   "python-version: \"3.11\""):
        assert needed in text, needed


# --- Python requirements ------------------------------------------------------------------------

def test_every_lock_has_its_source_and_every_source_its_lock():
    sources = {p.name.removesuffix(".in") for p in ROOT.glob("requirements*.in")}
    locks = {p.name.removesuffix(".txt") for p in LOCKS}
    assert sources == locks and "requirements" in locks and "requirements-dev" in locks


@pytest.mark.parametrize("lock", LOCKS, ids=lambda p: p.name)
def test_every_package_is_pinned_with_hashes_and_the_lock_holds_the_direct_pins(lock):
    packages = locked(lock)
    assert packages
    for name, (version, hashes) in packages.items():
        assert hashes >= 1, f"{lock.name}: {name}=={version} has no --hash: run `make requirements`"
    assert not re.search(r"^\s*-[rc]\s", lock.read_text(encoding="utf-8"), re.M), \
        f"{lock.name} must be complete on its own (pip --require-hashes needs every package hashed)"
    for name, version in direct(lock.with_suffix(".in")).items():
        assert packages.get(name, (None,))[0] == version, \
            f"{lock.with_suffix('.in').name} pins {name}=={version}, {lock.name} does not: run `make requirements`"


def test_the_test_and_zensical_locks_agree_with_the_build_lock():
    build = {n: v for n, (v, _) in locked(ROOT / "requirements.txt").items()}
    dev = {n: v for n, (v, _) in locked(ROOT / "requirements-dev.txt").items()}
    assert build.keys() <= dev.keys(), "requirements-dev.txt must hold every build package"
    for other in ("requirements-dev.txt", "requirements-zensical.txt"):
        for name, (version, _) in locked(ROOT / other).items():
            if name in build:
                assert version == build[name], f"{other}: {name}=={version}, requirements.txt: {build[name]}"


def test_every_pip_install_requires_hashes():
    places = [ROOT / "Makefile", *WORKFLOWS]
    seen = 0
    for path in places:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\bpip\b.*\binstall\b.*-r\s+requirements", line) or re.search(r"\$\(PIP_INSTALL\)", line):
                seen += 1
                assert "--require-hashes" in line or "$(PIP_INSTALL)" in line, f"{path.name}, line {n}: {line.strip()}"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^PIP_INSTALL\s*:?=.*--require-hashes", makefile, re.M)
    assert seen >= 4

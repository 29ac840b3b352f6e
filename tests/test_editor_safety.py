"""Review dates, the published site kept safe from a failed build, and `make check` itself."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from conftest import ROOT, build_env, copy_project

sys.path.insert(0, str(ROOT / "hooks"))
from review_dates import read_review_dates  # noqa: E402

PAGE = "docs/aftercare.md"
FRONT = "---\ndescription: A page.\nreviewed: {reviewed}\nnext_review: {next_review}\n---\n\n# A page\n"


# --- review dates -----------------------------------------------------------------------------

def test_review_dates_are_read_as_dates():
    dates = read_review_dates(FRONT.format(reviewed="2026-11-27", next_review="2027-11-27"), PAGE)
    assert dates == {"reviewed": date(2026, 11, 27), "next_review": date(2027, 11, 27)}


@pytest.mark.parametrize("reviewed, next_review, line, words", [
    ("2026-11-27", "2026-11-01", 4, "is not after the last review"),
    ("'2026-11-27'", "2027-11-27", 3, "with no time and no quotes"),
    ("2026-11-27 10:30", "2027-11-27", 3, "must be a date written as YYYY-MM-DD"),
    ("[2026", "2027-11-27", 3, "the front matter cannot be read"),
    ("next week", "2027-11-27", 3, "must be a date written as YYYY-MM-DD"),
])
def test_bad_review_dates_name_the_line(reviewed, next_review, line, words):
    with pytest.raises(PluginError) as caught:
        read_review_dates(FRONT.format(reviewed=reviewed, next_review=next_review), PAGE)
    message = str(caught.value)
    assert message.startswith(f"{PAGE}, line {line}: "), message
    assert words in message and "What to do:" in message, message


def test_a_page_without_front_matter_is_named():
    with pytest.raises(PluginError, match=rf"^{PAGE}, line 1: the page does not start with its front matter"):
        read_review_dates("# A page\n\nText.\n", PAGE)


def test_every_page_has_review_dates():
    for page in sorted((ROOT / "docs").rglob("*.md")):
        shown = page.relative_to(ROOT).as_posix()
        dates = read_review_dates(page.read_text(encoding="utf-8"), shown)
        assert dates["reviewed"] <= date.today(), f"{shown}: 'reviewed' is in the future"


def test_make_check_warns_for_pages_past_review_but_passes():
    """With the clock set after every page's next review, the build still passes (the guide
    still publishes), and `make check` lists every page as due for review."""
    env = build_env(GUIDE_TODAY="2099-01-01")
    result = subprocess.run([sys.executable, "tools/check.py", "build"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Pages due for review (this does not stop the guide from publishing):" in output
    for page in sorted((ROOT / "docs").glob("*.md")):
        assert f"docs/{page.name}: its next review was due on" in output, f"no notice for {page.name}\n{output}"
    assert "Traceback" not in output


# --- nothing lost -----------------------------------------------------------------------------

def tree_digest(folder: Path) -> str:
    """One checksum of every file's path and bytes under a folder."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def make_site(project: Path) -> subprocess.CompletedProcess:
    """`make site` in a copy of the project, with this checkout's .venv (never reinstalled)."""
    venv = ROOT / ".venv"
    env = build_env()
    for name in ("GUIDE_REPO_URL", "GUIDE_EDIT_URI"):
        env.pop(name, None)
    # The copy has no package.json nor guide/: its build makes no offline app and needs no Node.
    return subprocess.run(["make", "--no-print-directory", "site", f"VENV={venv}", "-o", f"{venv}/.installed",
                           "-o", "node_modules/.installed"],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)


@pytest.mark.skipif(not (ROOT / ".venv" / "bin" / "mkdocs").exists() or not shutil.which("make"),
                    reason="needs make and the project's .venv")
def test_failed_make_site_keeps_the_last_good_site(tmp_path):
    project = copy_project(tmp_path / "project")
    for part in ("Makefile", "scripts", "requirements.txt"):
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, project / part)
        elif src.is_file():
            shutil.copy2(src, project / part)
    good = make_site(project)
    assert good.returncode == 0, good.stdout + good.stderr
    outputs = [d for d in ("site", "site-offline") if (project / d).is_dir()]
    assert "site" in outputs
    before = {d: tree_digest(project / d) for d in outputs}

    page = project / PAGE
    page.write_text(page.read_text(encoding="utf-8").replace("# ", "{{ clinic_nme }}\n\n# ", 1), encoding="utf-8")
    broken = make_site(project)
    output = broken.stdout + broken.stderr
    assert broken.returncode != 0, output
    assert f"{PAGE}, line " in output and "Traceback" not in output, output
    after = {d: tree_digest(project / d) for d in outputs}
    assert after == before, "a failed `make site` changed the published site"


# --- make check ---------------------------------------------------------------------------------

def test_check_script_names_each_step_and_passes_on_the_guide():
    result = subprocess.run([sys.executable, "tools/check.py", "data", "markdown", "spelling", "workflows"],
                            cwd=ROOT, env=build_env(), capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "All 4 checks passed." in output
    assert os.path.exists(ROOT / ".pymarkdown.yml") and os.path.exists(ROOT / ".codespellrc")

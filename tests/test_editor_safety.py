"""Review dates (guide/front_matter.py and step 1, guide/check_sources.py), the published site
kept safe from a failed build, and `make check` itself."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import CHECKOUT, ROOT, build_env, copy_project
from guide.check_sources import check_sources
from guide.errors import GuideError
from guide.front_matter import validate_front_matter

PAGE = "docs/index.md"  # the one page whose file name an editor never changes
FRONT = "---\ndescription: A page about one part of the guide.\nreviewed: {reviewed}\nnext_review: {next_review}\n---\n\n# A page\n"


# --- review dates -----------------------------------------------------------------------------

def test_review_dates_are_read_as_dates():
    meta = validate_front_matter(FRONT.format(reviewed="2026-11-27", next_review="2027-11-27"), PAGE)
    assert (meta.reviewed, meta.next_review) == (date(2026, 11, 27), date(2027, 11, 27))


@pytest.mark.parametrize("reviewed, next_review, line, words", [
    ("2026-11-27", "2026-11-01", 5, "is not after the last review"),
    ("'2026-11-27'", "2027-11-27", 3, "with no time and no quotes"),
    ("2026-11-27 10:30", "2027-11-27", 3, "must be a date written as YYYY-MM-DD"),
    ("[2026", "2027-11-27", 3, "the front matter cannot be read"),
    ("next week", "2027-11-27", 3, "must be a date written as YYYY-MM-DD"),
])
def test_bad_review_dates_name_the_line(reviewed, next_review, line, words):
    with pytest.raises(GuideError) as caught:
        validate_front_matter(FRONT.format(reviewed=reviewed, next_review=next_review), PAGE)
    message = str(caught.value)
    assert message.startswith(f"{PAGE}, line {line}: "), message
    assert words in message and "What to do:" in message, message


def test_a_page_without_front_matter_is_named():
    with pytest.raises(GuideError, match=rf"^{PAGE}, line 1: the page does not start with its front matter"):
        validate_front_matter("# A page\n\nText.\n", PAGE)


@pytest.mark.parametrize("missing", ["description", "reviewed", "next_review"])
def test_each_required_field_is_named_when_missing(missing):
    text = FRONT.format(reviewed="2026-11-27", next_review="2027-11-27")
    text = re.sub(rf"(?m)^{missing}: .*\n", "", text)
    with pytest.raises(GuideError) as caught:
        validate_front_matter(text, PAGE)
    message = str(caught.value)
    assert message.startswith(f"{PAGE}, line 4: ") and f"'{missing}'" in message, message


def test_every_page_has_review_dates():
    """Relations, not values: every page's last review is not in the future, and its next is later."""
    docs = ROOT / "docs"
    for page in sorted(docs.rglob("*.md")):
        shown = page.relative_to(ROOT).as_posix()
        meta = validate_front_matter(page.read_text(encoding="utf-8"), shown)
        assert meta.reviewed <= date.today(), f"{shown}: 'reviewed' is in the future"
        assert meta.next_review > meta.reviewed, shown


def test_pages_past_review_are_notices_not_mistakes():
    """With the clock set after every page's next review, step 1 still passes (the guide still
    publishes), and it names every page as due for review."""
    report = check_sources(ROOT, today=date(2999, 1, 1))
    assert not report.errors, "\n".join(map(str, report.errors))
    pages = sorted((ROOT / "docs").rglob("*.md"))
    for page in pages:
        shown = page.relative_to(ROOT).as_posix()
        assert any(n.startswith(f"{shown}: its next review was due on") for n in report.notices), \
            f"no notice for {shown}: {report.notices}"
    assert len(report.notices) == len(pages)


def test_a_page_past_review_is_a_notice_in_the_output(tmp_path):
    """`python -m guide sources` (step 1, as `make serve` runs it) prints the notice and passes."""
    project = copy_project(tmp_path / "project")
    page = project / PAGE
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^reviewed: .*$", "reviewed: 2020-01-01", text, count=1)
    text = re.sub(r"(?m)^next_review: .*$", "next_review: 2020-06-01", text, count=1)
    page.write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "guide", "sources"], cwd=project, env=build_env(),
                            capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert f"Notice (the guide still publishes): {PAGE}: its next review was due on 2020-06-01" in output, output
    assert "Traceback" not in output


# --- nothing lost -----------------------------------------------------------------------------

def tree_digest(folder: Path) -> str:
    """One checksum of every file's path and bytes under a folder (following the published link)."""
    digest = hashlib.sha256()
    folder = folder.resolve()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def make_site(project: Path) -> subprocess.CompletedProcess:
    """`make site` in a copy of the project, with this checkout's .venv (never reinstalled)."""
    venv = CHECKOUT / ".venv"
    env = build_env()
    for name in ("GUIDE_REPO_URL", "GUIDE_EDIT_URI"):
        env.pop(name, None)
    # The copy has no package.json nor guide/: its build makes no offline app and needs no Node.
    return subprocess.run(["make", "--no-print-directory", "site", f"VENV={venv}", "-o", f"{venv}/.installed",
                           "-o", "node_modules/.installed"],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)


@pytest.mark.skipif(not (CHECKOUT / ".venv" / "bin" / "mkdocs").exists() or not shutil.which("make"),
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
    result = subprocess.run([sys.executable, "tools/check.py", "sources", "markdown", "spelling", "workflows"],
                            cwd=ROOT, env=build_env(), capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "All 4 checks passed." in output
    assert os.path.exists(ROOT / ".pymarkdown.yml") and os.path.exists(ROOT / ".codespellrc")

"""Every mistake an editor can make fails the build with one message they can act on, and leaves
the published site exactly as it was.

The mistakes are listed in tests/broken/ (see its README). One clean build is published first, as
`make site` publishes it; each case is applied to a fresh copy of the project and built with
`python -m guide site` (what `make site` runs) into a copy of that published folder. The output
is read as an editor would read it, and every file of site/ and site-offline/ is compared, byte
for byte, with what was published before.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from conftest import CHECKOUT, ROOT, apply_edit, copy_project, guide_build

BROKEN = CHECKOUT / "tests" / "broken"
CASES = sorted(BROKEN.glob("*.yml"))
# A line the build prints for a mistake: "docs/page.md, line 3: ... What to do: ...".
PROBLEM_LINE = re.compile(r"^(?P<message>[^:]+?(?:, line \d+)?: .*)$")
REQUIRED = {"mistake", "expect_file", "expect_text"}


def load_case(path: Path) -> dict:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert REQUIRED <= case.keys(), f"{path.name}: fields missing: {REQUIRED - case.keys()}"
    assert "env" in case or {"file", "replace"} <= case.keys(), f"{path.name}: needs file and replace, or env"
    return case


def apply_case(case: dict, project: Path) -> int:
    """Make the case's edits in the project copy; return the line where the main edit starts."""
    for step in case.get("steps", []):
        apply_edit(project, step)
    if "file" not in case:
        return 1
    return apply_edit(project, case, case.get("encoding", "utf-8"))


def expected_line(case: dict, project: Path, edit_line: int) -> int | None:
    wanted = case.get("expect_line", "edit")
    if wanted == "edit":
        return edit_line
    if wanted == "none":
        return None
    if isinstance(wanted, int):
        return wanted
    lines = (project / case["expect_file"]).read_text(encoding="utf-8", errors="replace").splitlines()
    if wanted == "closing":  # the front matter's closing '---'
        return next(n for n, line in enumerate(lines[1:], start=2) if line.strip() == "---")
    return next(n for n, line in enumerate(lines, start=1) if line.strip().startswith(wanted))


def problems(output: str) -> list[str]:
    """The problem messages in a build's output, each with its continuation lines."""
    found: list[str] = []
    for line in output.splitlines():
        if line.startswith("The guide was NOT published") or not line.strip():
            continue
        if line.startswith(" ") and found:
            found[-1] += "\n" + line.strip()
        elif m := PROBLEM_LINE.match(line):
            found.append(m["message"])
    return found


def tree_digest(out: Path) -> dict[str, str]:
    """Every published file under out/site and out/site-offline (through the published link),
    and where each link points, as path -> SHA-256."""
    digest: dict[str, str] = {}
    for name in ("site", "site-offline"):
        folder = out / name
        if folder.is_symlink():
            digest[f"{name} ->"] = os.readlink(folder)
        for path in sorted(p for p in folder.resolve().rglob("*") if p.is_file()):
            digest[f"{name}/{path.relative_to(folder.resolve()).as_posix()}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digest


def build_broken(case_path: Path, folder: Path, published: Path):
    """Apply one case to a fresh copy of the project and build it as `make site` does, into a
    copy of the published site."""
    case = load_case(case_path)
    project = copy_project(folder / "project")
    edit_line = apply_case(case, project)
    out = folder / "out"
    shutil.copytree(published, out, symlinks=True)
    before = tree_digest(out)
    result = guide_build(project, out, **{k: str(v) for k, v in (case.get("env") or {}).items()})
    return case, project, edit_line, result, before, tree_digest(out)


@pytest.fixture(scope="module")
def corpus_builds(tmp_path_factory):
    """A clean build published once; then every case, two at a time."""
    root = tmp_path_factory.mktemp("broken")
    clean = guide_build(copy_project(root / "clean-project"), root / "published")
    assert clean.returncode == 0, f"the clean project does not build:\n{clean.stdout}\n{clean.stderr}"
    assert (root / "published" / "site" / "index.html").is_file()
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 1)) as pool:
        futures = {p.stem: pool.submit(build_broken, p, root / p.stem, root / "published") for p in CASES}
    return {name: future.result() for name, future in futures.items()}, root


@pytest.mark.parametrize("case_path", CASES, ids=[p.stem for p in CASES])
def test_mistake_gives_one_clear_message(case_path, corpus_builds):
    builds, tmp_path = corpus_builds
    case, project, edit_line, result, before, after = builds[case_path.stem]
    output = result.stdout + result.stderr
    shown = f"\n--- build output ---\n{output}"

    assert result.returncode != 0, f"the build passed despite: {case['mistake']}{shown}"
    assert "Traceback" not in output, f"a Python traceback was shown{shown}"
    assert after == before, f"the published site changed although the build failed{shown}"
    messages = problems(output)
    count = case.get("expect_count", 1)
    assert len(messages) == count, f"expected {count} message(s), got {len(messages)}: {messages}{shown}"
    line = expected_line(case, project, edit_line)
    where = f"{case['expect_file']}, line {line}:" if line else f"{case['expect_file']}:"
    assert any(m.startswith(where) for m in messages), f"a message should start with {where!r}: {messages}"
    for message in messages:
        assert re.match(r"^[^:]+?(, line \d+)?: ", message), f"the message names no file: {message}"
        assert case["expect_text"].lower() in message.lower(), f"the message should say {case['expect_text']!r}: {message}"
        assert "What to do:" in message, f"the message should say what to do: {message}"
        assert str(tmp_path) not in message, f"the message shows a path on the machine, not the file's: {message}"


def test_every_message_is_in_contributing_table():
    """CONTRIBUTING.md's table of errors lists each message the corpus produces."""
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    table = contributing.partition("## Error messages")[2]
    assert table, "CONTRIBUTING.md has no '## Error messages' section"

    def listed(case: dict) -> str:
        return case.get("table_text", case["expect_text"]).replace("|", "\\|")

    missing = [p.stem for p in CASES if listed(load_case(p)).lower() not in table.lower()]
    assert not missing, f"these corpus messages are not in CONTRIBUTING.md's table: {missing}"

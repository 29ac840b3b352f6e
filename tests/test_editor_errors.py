"""Every mistake an editor can make fails the build with one message they can act on.

The mistakes are listed in tests/broken/ (see its README). Each is applied to a fresh copy of the
project, built as `make site` builds, and the output is read as an editor would read it.
"""
from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_project, guide_build

BROKEN = ROOT / "tests" / "broken"
CASES = sorted(BROKEN.glob("*.yml"))
# A line the build prints for a mistake: "docs/page.md, line 3: ... What to do: ...".
PROBLEM_LINE = re.compile(r"^(?P<message>[^\s:]+(?:, line \d+)?: .*)$")


def load_case(path: Path) -> dict:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert {"mistake", "file", "replace", "expect_file", "expect_text"} <= case.keys(), f"{path.name}: fields missing"
    return case


def apply_case(case: dict, project: Path) -> int:
    """Make the case's edit in the project copy; return the line where the new text starts."""
    target = project / case["file"]
    if "find" not in case:
        target.write_text(case["replace"], encoding="utf-8")
        return 1
    text = target.read_text(encoding="utf-8")
    count = text.count(case["find"])
    assert count == 1, f"{case['file']}: the text to find occurs {count} times; the case needs updating"
    start = text.index(case["find"])
    target.write_text(text.replace(case["find"], case["replace"]), encoding="utf-8")
    return text.count("\n", 0, start) + 1


def expected_line(case: dict, project: Path, edit_line: int) -> int | None:
    wanted = case.get("expect_line", "edit")
    if wanted == "edit":
        return edit_line
    if wanted == "none":
        return None
    if isinstance(wanted, int):
        return wanted
    lines = (project / case["expect_file"]).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.strip().startswith(wanted))


def problems(output: str) -> list[str]:
    """The problem messages in a build's output, each with its continuation lines."""
    found: list[str] = []
    for line in output.splitlines():
        if line.startswith("The guide was NOT published"):
            break
        if m := PROBLEM_LINE.match(line):
            found.append(m["message"])
        elif found and line.startswith(" ") and line.strip():
            found[-1] += "\n" + line.strip()
    return found


def build_broken(case_path: Path, folder: Path):
    """Apply one case to a fresh copy of the project and build it as `make site` does."""
    case = load_case(case_path)
    project = copy_project(folder / "project")
    edit_line = apply_case(case, project)
    return case, project, edit_line, guide_build(project, folder / "out")


@pytest.fixture(scope="module")
def corpus_builds(tmp_path_factory):
    """Every case built once, two at a time (each build is about a second of one processor)."""
    root = tmp_path_factory.mktemp("broken")
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 1)) as pool:
        futures = {p.stem: pool.submit(build_broken, p, root / p.stem) for p in CASES}
    return {name: future.result() for name, future in futures.items()}, root


@pytest.mark.parametrize("case_path", CASES, ids=[p.stem for p in CASES])
def test_mistake_gives_one_clear_message(case_path, corpus_builds):
    builds, tmp_path = corpus_builds
    case, project, edit_line, result = builds[case_path.stem]
    output = result.stdout + result.stderr
    shown = f"\n--- build output ---\n{output}"

    assert result.returncode != 0, f"the build passed despite: {case['mistake']}{shown}"
    assert "Traceback" not in output, f"a Python traceback was shown{shown}"
    messages = problems(output)
    assert len(messages) == 1, f"expected one message, got {len(messages)}: {messages}{shown}"
    message = messages[0]
    line = expected_line(case, project, edit_line)
    where = f"{case['expect_file']}, line {line}:" if line else f"{case['expect_file']}:"
    assert message.startswith(where), f"the message should start with {where!r}: {message}"
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

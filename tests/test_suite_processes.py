"""How `make test` shares the suite out to its two processes (tests/conftest.py): each test file
runs whole in one process, so a file's module-scoped builds are made once, and the attacker's two
files run in the same process, so their five builds are made once.

pytest-xdist's `--dist loadgroup` with `xdist_group` marks said this until pytest 9.2, then
silently stopped grouping (pytest-xdist issue 1386): every test became its own unit, and the
module-scoped builds of a file were made in both processes. Nothing failed; the suite was slower.
"""
from __future__ import annotations

import re
import subprocess
import sys
from collections import defaultdict

from conftest import CHECKOUT, SAME_PROCESS, process_group

# Two quick files with many tests each: in one unit each, they cannot be split.
SMALL_FILES = ("tests/test_models.py", "tests/test_render.py")


def make_test_pytest_options() -> list[str]:
    """The options of the main pytest run in the Makefile's `test` recipe."""
    makefile = (CHECKOUT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ntest:", 1)[1]
    line = next(l for l in recipe.splitlines() if "-m pytest" in l)
    return [o for o in line.split("-m pytest", 1)[1].split() if o.startswith("--") and not o.startswith("--durations")]


def test_the_attackers_two_files_share_one_process():
    groups = {process_group(f"tests/{name}::test_x[a]") for name in SAME_PROCESS}
    assert len(groups) == 1 and len(SAME_PROCESS) == 2
    assert process_group("tests/test_models.py::test_x[a-b]") == "tests/test_models.py"


def test_make_test_runs_each_file_whole_in_one_process(tmp_path):
    options = make_test_pytest_options()
    assert "--numprocesses=2" in options, options
    run = subprocess.run(
        [sys.executable, "-m", "pytest", *options, "-v", "-p", "no:cacheprovider", f"--basetemp={tmp_path}",
         *SMALL_FILES],
        cwd=CHECKOUT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    workers = defaultdict(set)
    for worker, nodeid in re.findall(r"^\[(gw\d+)\] .*? PASSED (\S+)", run.stdout, re.M):
        workers[nodeid.split("::")[0]].add(worker)
    assert set(workers) == set(SMALL_FILES), run.stdout[-3000:]
    split = {path: sorted(w) for path, w in workers.items() if len(w) > 1}
    assert not split, f"a test file was split between processes: {split}"

"""The one error type of the build: a mistake in a file, at a line, with what to do about it.

Every step of the pipeline reports through it, so an editor always reads the same shape:

    docs/aftercare.md, line 12: the link 'aftercare.md#rest' goes to a section that is not there.
    What to do: ...
"""
from __future__ import annotations

from pathlib import Path


class GuideError(Exception):
    """A mistake in one of the guide's files, at a line, with the fix."""

    def __init__(self, path: Path | str, line: int | None, problem: str, fix: str):
        self.path, self.line, self.problem, self.fix = shown_path(path), line, problem, fix
        super().__init__(f"{self.where}: {problem}. What to do: {fix}")

    @property
    def where(self) -> str:
        return f"{self.path}, line {self.line}" if self.line else self.path


def shown_path(path: Path | str) -> str:
    """The path as an editor knows it (data/costs.yml), not the whole path on the machine."""
    path = Path(path)
    if not path.is_absolute():
        return path.as_posix()
    for base in (Path.cwd(),):
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            pass
    return str(path)


class GuideErrors(Exception):
    """Several mistakes found by one step, reported together (every broken link at once)."""

    def __init__(self, errors: list[GuideError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))

"""Step 2: build with the engine, with every warning an error, on every route.

The engine runs as a program of its own (MkDocs by default; ProperDocs or Zensical by choice),
and its report is read at this boundary: each warning or error becomes a GuideError in an
editor's words, and progress lines are dropped. Nothing here replaces a dependency's internals.
`--strict` is always passed and `--quiet` never is: MkDocs counts no warnings under --quiet.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from guide.errors import GuideError

ENGINES = ("mkdocs", "properdocs", "zensical")
PROBLEM = re.compile(r"^(?:(?:ERROR|WARNING)\s+-\s+|Error: |Aborted)(?P<message>.*)$")
DOC_FILE = re.compile(r"^Doc file '(?P<page>[^']+)' (?P<rest>.*)$", re.S)
TRACE_LAST = re.compile(r"^(?P<type>[\w.]*(Error|Exception)): (?P<message>.+)$")


@dataclass(frozen=True)
class Engine:
    name: str
    command: tuple[str, ...]

    def build_args(self, config: str, site_dir: Path) -> list[str]:
        if self.name == "zensical":
            return [*self.command, "build", "--strict", "--config-file", config]
        return [*self.command, "build", "--strict", "--config-file", config, "--site-dir", str(site_dir)]


def engine(name: str, project: Path) -> Engine:
    """The engine called `name`: MkDocs in this Python, the others from their own folders."""
    if name == "mkdocs":
        return Engine(name, (sys.executable, "-m", "mkdocs"))
    if name == "properdocs":
        return Engine(name, (str(project / ".venv-properdocs" / "bin" / "properdocs"),))
    if name == "zensical":
        return Engine(name, (str(project / ".venv-zensical" / "bin" / "zensical"),))
    raise GuideError("GUIDE_ENGINE", None, f"'{name}' is not an engine the guide knows",
                     f"Use one of: {', '.join(ENGINES)}")


def run_engine(chosen: Engine, project: Path, site_dir: Path, env: dict[str, str],
               config: str = "mkdocs.yml") -> None:
    """Build the project into site_dir; a GuideError for each warning or error the engine gave."""
    if not Path(chosen.command[0]).exists() and chosen.command[0] != sys.executable:
        raise GuideError(chosen.command[0], None, f"{chosen.name} is not installed",
                         f"Run `make {chosen.name}` to install it in a folder of its own")
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    if chosen.name == "zensical":
        full_env["GUIDE_ZENSICAL_SITE_DIR"] = str(site_dir)
    result = subprocess.run(chosen.build_args(config, site_dir), cwd=project, env=full_env,
                            capture_output=True, text=True, timeout=900)
    output = (result.stdout + "\n" + result.stderr).splitlines()
    problems = engine_problems(output, project)
    if result.returncode != 0 or problems:
        if not problems:
            problems = [GuideError(config, None, f"{chosen.name} stopped without saying why ("
                                   + " | ".join(line for line in output[-5:] if line.strip()) + ")",
                                   "Run the build again; if this stays, ask one of the guide's developers")]
        raise problems[0] if len(problems) == 1 else _Many(problems)
    if chosen.name == "zensical":
        _move_zensical_output(project, site_dir)


class _Many(GuideError):
    def __init__(self, problems: list[GuideError]):
        self.problems = problems
        Exception.__init__(self, "\n".join(str(p) for p in problems))


MACRO_FILE = re.compile(r"^_File_: `(?P<page>[^`]+)`")
MACRO_ERROR = re.compile(r"^_(?P<kind>\w+)_: (?P<message>.+)$")
TEMPLATE_LINE = re.compile(r'^\s*File "<template>", line (?P<line>\d+)')


def macro_problem(output: list[str], project: Path, docs: str = "docs") -> GuideError | None:
    """mkdocs-macros' report of a page whose {{ }} code failed, as one GuideError with the page's
    line (its count starts after the front matter: the offset is added back)."""
    page = kind = message = None
    line = None
    for text in output:
        if m := MACRO_FILE.match(text.strip()):
            page = m["page"]
        elif page and not kind and (m := MACRO_ERROR.match(text.strip())):
            kind, message = m["kind"], m["message"]
        elif page and (m := TEMPLATE_LINE.match(text)):
            line = int(m["line"])
    if not page:
        return None
    if line is not None:
        from guide.front_matter import split_front_matter
        path = project / docs / page
        if path.is_file():  # MkDocs hands the macros the text after the front matter and blank lines
            lines = path.read_text(encoding="utf-8").splitlines()
            start = split_front_matter("\n".join(lines) + "\n")[1]
            while start <= len(lines) and not lines[start - 1].strip():
                start += 1
            line += start - 1
    attribute = re.search(r"has no attribute '([^']+)'", message or "")
    if attribute:
        problem = f'the name "{attribute[1]}" after a dot inside {{{{ }}}} does not exist'
    else:
        problem = f"the code inside {{{{ }}}} on this line failed ({kind}: {message})"
    return GuideError(f"{docs}/{page}", line, problem,
                      "Check the name and what is inside the brackets against the examples in CONTRIBUTING.md")


def engine_problems(output: list[str], project: Path) -> list[GuideError]:
    """The engine's warnings and errors, each once, in an editor's words."""
    if macro := macro_problem(output, project):
        return [macro]
    found: list[str] = []
    for line in output:
        if m := PROBLEM.match(line.strip()):
            found.append(m["message"].strip())
        elif found and line.startswith(("  ", "\t")) and line.strip() and not line.strip().startswith("File "):
            found[-1] += " " + line.strip()
    if not found:  # a crash: the last line of a traceback names the error
        for line in reversed(output):
            if m := TRACE_LAST.match(line.strip()):
                found.append(m["message"])
                break
    errors: list[GuideError] = []
    seen: set[str] = set()
    for message in found:
        if not message or message in seen or message.startswith(("Error reading page", "Error building page")):
            continue
        if re.fullmatch(r"(Aborted )?with \d+ warnings? in strict mode!?", message):
            continue  # MkDocs' summary of the warnings already listed, not a problem of its own
        seen.add(message)
        errors.append(explain(message))
    return errors


def explain(message: str) -> GuideError:
    """One engine message as a GuideError: the page it names, and what to do."""
    if m := DOC_FILE.match(message):
        return GuideError(f"docs/{m['page']}", None, m["rest"].rstrip("."),
                          "Correct the link or section named, or ask one of the guide's developers")
    if already := re.match(r"^(?P<path>[\w./-]+\.(?:md|yml)), line (?P<line>\d+): (?P<problem>.*?)\. What to do: (?P<fix>.*)$",
                           message, re.S):
        return GuideError(already["path"], int(already["line"]), already["problem"], already["fix"])
    return GuideError("mkdocs.yml", None, message.rstrip("."),
                      "Read the message; if it is not about a file you changed, ask one of the guide's developers")


def _move_zensical_output(project: Path, site_dir: Path) -> None:
    """Zensical writes where its settings say (site/ by default): move that to site_dir."""
    built = project / "site"
    if built.resolve() != site_dir.resolve() and built.is_dir():
        if site_dir.exists():
            site_dir.rmdir()
        built.rename(site_dir)

"""Step 2: build with the engine, with every warning an error, on every route.

The engine runs as a program of its own (MkDocs by default; ProperDocs or Zensical by choice),
and its report is read at this boundary: each warning or error becomes a GuideError in an
editor's words, and progress lines are dropped. Nothing here replaces a dependency's internals.
`--strict` is always passed and `--quiet` never is: MkDocs counts no warnings under --quiet.

- MkDocs 1.6.1: `python -m mkdocs build` in this Python (.venv).
- ProperDocs 1.6.7, a maintained fork of MkDocs 1.6: `python -m properdocs build` in
  .venv-properdocs, which holds no `mkdocs` package: ProperDocs answers every `import mkdocs...`
  of Material and mkdocs-macros itself (properdocs/replacement.py). It looks for properdocs.yml
  unless the file is named, so the config is always passed. Run as `python -m` (as MkDocs is) so
  the project folder is on the import path for hooks/ and macros/.
- Zensical 0.0.73 in .venv-zensical: its `build` has no --site-dir, and it writes only inside the
  project (site_dir must be under the config's folder). So a small config beside mkdocs.yml
  inherits it and names a folder of its own under .builds/zensical/; the result is moved into
  site_dir and both are removed afterwards. Zensical runs no MkDocs hook: that config also says
  what hooks/mkdocs_events.py adds to the settings (the offline copy's own Worker stand-in).
  `--clean` drops Zensical's cache (.cache/), so every build starts from the sources (two Zensical
  builds at once share that cache: `make site` runs one at a time, under its lock). Its report is
  coloured even into a pipe: colours are removed here, and "Warning: ..." with the "[ page.md:42:9 ]"
  line after it becomes one message naming the file and line.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from guide import offline as offline_settings
from guide.errors import GuideError

ENGINES = ("mkdocs", "properdocs", "zensical")
PROBLEM = re.compile(r"^(?:(?:ERROR|WARNING)\s+-\s+|Error: |Warning: |Aborted)(?P<message>.*)$")
# Zensical names the place of a problem on the line after it: "╭─[ aftercare.md:42:9 ]".
ZENSICAL_PLACE = re.compile(r"^\W*\[\s*(?P<page>[^\]\s]+\.md):(?P<line>\d+)(?::\d+)?\s*\]")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
DOC_FILE = re.compile(r"^Doc file '(?P<page>[^']+)' (?P<rest>.*)$", re.S)
TRACE_LAST = re.compile(r"^(?P<type>[\w.]*(Error|Exception)): (?P<message>.+)$")


@dataclass(frozen=True)
class Engine:
    name: str
    command: tuple[str, ...]

    def build_args(self, config: str, site_dir: Path) -> list[str]:
        if self.name == "zensical":  # no --site-dir: run_engine gives it a config naming the folder
            return [*self.command, "build", "--strict", "--clean", "--config-file", config]
        return [*self.command, "build", "--strict", "--config-file", config, "--site-dir", str(site_dir)]


def engine(name: str, project: Path) -> Engine:
    """The engine called `name`: MkDocs in this Python, the others from their own folders."""
    if name == "mkdocs":
        return Engine(name, (sys.executable, "-m", "mkdocs"))
    if name == "properdocs":
        return Engine(name, (str(_own_venv(project, name) / "bin" / "python"), "-m", "properdocs"))
    if name == "zensical":
        return Engine(name, (str(_own_venv(project, name) / "bin" / "zensical"),))
    raise GuideError("GUIDE_ENGINE", None, f"'{name}' is not an engine the guide knows",
                     f"Use one of: {', '.join(ENGINES)}")


def _own_venv(project: Path, name: str) -> Path:
    """.venv-<name> in the project, or else beside the venv running this (a copy of the project
    that a test builds has no venvs of its own)."""
    for folder in (project, Path(sys.prefix).parent):
        if (folder / f".venv-{name}").is_dir():
            return folder / f".venv-{name}"
    return project / f".venv-{name}"


def run_engine(chosen: Engine, project: Path, site_dir: Path, env: dict[str, str],
               config: str = "mkdocs.yml") -> None:
    """Build the project into site_dir; a GuideError for each warning or error the engine gave."""
    if not Path(chosen.command[0]).exists():
        raise GuideError(chosen.command[0], None, f"{chosen.name} is not installed",
                         f"Run `make .venv-{chosen.name}/.installed` to install it in a folder of its own")
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", **env}
    if chosen.name != "zensical":
        _run(chosen, chosen.build_args(config, site_dir), project, full_env, config)
        return
    own_config, built = _zensical_config(project, config, offline=full_env.get("OFFLINE") == "true")
    try:
        _run(chosen, chosen.build_args(own_config.name, site_dir), project, full_env, config)
        _move_into(built, site_dir)
    finally:
        own_config.unlink(missing_ok=True)
        shutil.rmtree(built, ignore_errors=True)
        try:
            built.parent.rmdir()  # .builds/zensical/, when no other build is using it
        except OSError:
            pass


def _run(chosen: Engine, args: list[str], project: Path, env: dict[str, str], config: str) -> None:
    result = subprocess.run(args, cwd=project, env=env, capture_output=True, text=True, timeout=900)
    output = ANSI.sub("", result.stdout + "\n" + result.stderr).splitlines()
    problems = engine_problems(output, project)
    if result.returncode != 0 or problems:
        if not problems:
            problems = [GuideError(config, None, f"{chosen.name} stopped without saying why ("
                                   + " | ".join(line for line in output[-5:] if line.strip()) + ")",
                                   "Run the build again; if this stays, ask one of the guide's developers")]
        raise problems[0] if len(problems) == 1 else _Many(problems)


def _zensical_config(project: Path, config: str, offline: bool) -> tuple[Path, Path]:
    """A config beside `config` that inherits it and sends Zensical's output to a folder of this
    build's own inside the project; (that config, that folder). Zensical runs no MkDocs hook, so
    what hooks/mkdocs_events.py does to the settings is said here: the offline copy lists the
    guide's own Worker stand-in, or Zensical would load one from a CDN (guide/offline.py)."""
    mark = f"{os.getpid()}-{time.monotonic_ns()}"
    built = project / ".builds" / "zensical" / mark
    built.parent.mkdir(parents=True, exist_ok=True)
    own = project / f".zensical-{mark}.yml"
    settings = _inherited(project / config)  # MkDocs' INHERIT, merged here (see _inherited)
    settings["site_dir"] = built.relative_to(project).as_posix()
    if offline:
        settings.setdefault("extra", {})["polyfills"] = [offline_settings.SHIM]
    own.write_text("# Written by guide/engine.py for one Zensical build, and removed after it.\n"
                   + yaml.dump(settings, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return own, built


class _Env(list):
    """An !ENV tag, kept as written: Zensical reads it itself."""


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


_Loader.add_constructor("!ENV", lambda loader, node: _Env(
    [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)))
_Dumper.add_representer(_Env, lambda dumper, value: dumper.represent_sequence("!ENV", list(value), flow_style=True))


def _inherited(path: Path) -> dict:
    """The config at path with its INHERIT chain merged as MkDocs merges it (groups of names merged,
    lists replaced). Zensical merges INHERIT with lists appended: the Spanish edition's menu would
    be the English menu and the Spanish one."""
    settings = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    parent = settings.pop("INHERIT", None)
    if not parent:
        return settings
    return _merge(_inherited(path.parent / parent), settings)


def _merge(base: dict, over: dict) -> dict:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _move_into(built: Path, site_dir: Path) -> None:
    """Zensical's output, moved into the (empty) folder the pipeline gave."""
    if not built.is_dir():
        raise GuideError("mkdocs.yml", None, "Zensical finished but wrote no site",
                         "Ask one of the guide's developers: Zensical's settings may have changed")
    site_dir.mkdir(parents=True, exist_ok=True)
    for item in sorted(built.iterdir()):
        shutil.move(str(item), str(site_dir / item.name))


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
    boxed = False  # Zensical's problems come with a drawing of the line, not with more words
    for line in output:
        if m := PROBLEM.match(line.strip()):
            found.append(m["message"].strip())
            boxed = line.strip().startswith("Warning: ")
        elif found and boxed:
            if place := ZENSICAL_PLACE.match(line.strip()):
                found[-1] = (f"docs/{place['page']}, line {place['line']}: {found[-1]}. What to do: correct the "
                             "link or text there, or ask one of the guide's developers")
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
